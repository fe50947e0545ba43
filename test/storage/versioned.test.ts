import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { createProject } from '../../src/storage/projects.ts';
import { listTimeline } from '../../src/storage/timeline.ts';
import { latestVersion, saveVersion } from '../../src/storage/versioned.ts';

describe('versioned problem cards and recipes', () => {
  it('adds version N+1 on every save, never overwriting, with a timeline event each', async () => {
    const db = await openLooplabDB({ name: crypto.randomUUID() });
    const project = await createProject(db, 'P');
    const other = await createProject(db, 'Q');
    const draft = { projectId: project.id, datasetId: 'd1', card: { target: 'churned' } };
    const v1 = await saveVersion(db, 'problems', draft, { kind: 'problem-defined', message: 'Saved' });
    const v2 = await saveVersion(
      db,
      'problems',
      { ...draft, card: { target: 'plan' } },
      { kind: 'problem-defined', message: 'Saved' },
    );
    await saveVersion(
      db,
      'problems',
      { ...draft, projectId: other.id },
      { kind: 'problem-defined', message: 'Saved' },
    );
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await latestVersion(db, 'problems', project.id))?.card).toEqual({ target: 'plan' });
    expect((await latestVersion(db, 'problems', other.id))?.version).toBe(1);
    expect(await db.count('problems')).toBe(3);
    const events = (await listTimeline(db, project.id)).map((e) => e.message);
    expect(events).toEqual(['Project “P” created', 'Saved (version 1)', 'Saved (version 2)']);
    expect(await latestVersion(db, 'recipes', project.id)).toBeUndefined();
    db.close();
  });

  it('stores nothing for a project that does not exist', async () => {
    const db = await openLooplabDB({ name: crypto.randomUUID() });
    const write = saveVersion(db, 'recipes', { projectId: 'nope', steps: [] }, { kind: 'k', message: 'm' });
    await expect(write).rejects.toThrow();
    expect(await db.count('recipes')).toBe(0);
    expect(await db.count('timeline')).toBe(0);
    db.close();
  });
});
