import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { createProject } from '../../src/storage/projects.ts';
import {
  aliasHistory,
  listAliases,
  listBundles,
  moveAlias,
  registerBundle,
  setTags,
} from '../../src/storage/registry.ts';

async function setup() {
  const db = await openLooplabDB({ name: crypto.randomUUID() });
  const project = await createProject(db, 'P');
  const v1 = await registerBundle(db, { projectId: project.id, runId: 'r1', payload: { model: 1 } });
  const v2 = await registerBundle(db, {
    projectId: project.id,
    runId: 'r2',
    payload: { model: 2 },
    tags: ['mlp'],
  });
  return { db, project, v1, v2 };
}

describe('model registry', () => {
  it('numbers versions per project, keeps payloads immutable and tags editable', async () => {
    const { db, project, v1, v2 } = await setup();
    expect([v1.version, v2.version]).toEqual([1, 2]);
    await setTags(db, v1.id, ['baseline', ' reviewed ', 'baseline', '']);
    const [latest, first] = await listBundles(db, project.id);
    expect(latest!.id).toBe(v2.id);
    expect(first!.tags).toEqual(['baseline', 'reviewed']);
    expect(first!.payload).toEqual({ model: 1 });
  });

  it('moves aliases and keeps the history of every move in order', async () => {
    const { db, project, v1, v2 } = await setup();
    await moveAlias(db, project.id, 'champion', v1.id, 'first model');
    await moveAlias(db, project.id, 'challenger', v2.id, 'new candidate');
    await moveAlias(db, project.id, 'champion', v2.id, 'promoted: beat the champion');
    await moveAlias(db, project.id, 'challenger', null, 'promoted');
    await moveAlias(db, project.id, 'champion', v1.id, 'rollback: p95 gate failed');
    const aliases = Object.fromEntries((await listAliases(db, project.id)).map((a) => [a.alias, a.bundleId]));
    expect(aliases).toEqual({ champion: v1.id });
    const champion = await aliasHistory(db, project.id, 'champion');
    expect(champion.map((m) => [m.from, m.to])).toEqual([
      [null, v1.id],
      [v1.id, v2.id],
      [v2.id, v1.id],
    ]);
    expect(champion.at(-1)!.reason).toBe('rollback: p95 gate failed');
    expect((await aliasHistory(db, project.id)).length).toBe(5);
  });

  it('a move that dies half-way leaves the old state: no alias change, no history entry', async () => {
    const { db, project, v1, v2 } = await setup();
    await moveAlias(db, project.id, 'champion', v1.id, 'first model');
    await expect(
      moveAlias(db, project.id, 'champion', v2.id, 'rollback', {
        afterAliasWrite: () => {
          throw new Error('the tab died');
        },
      }),
    ).rejects.toThrow(/the tab died/);
    expect((await listAliases(db, project.id)).map((a) => a.bundleId)).toEqual([v1.id]);
    expect((await aliasHistory(db, project.id)).map((m) => m.to)).toEqual([v1.id]);
  });

  it('refuses to point an alias at a version of another project', async () => {
    const { db, project } = await setup();
    const other = await createProject(db, 'Q');
    const foreign = await registerBundle(db, { projectId: other.id, runId: 'x', payload: {} });
    await expect(moveAlias(db, project.id, 'champion', foreign.id, 'oops')).rejects.toThrow(
      /No model version/,
    );
  });
});
