import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMA_VERSION, type RunRecord } from '../../src/core/records.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { createProject } from '../../src/storage/projects.ts';
import { endRunningRuns, finishRuns, getRun, listRuns, putRunProgress } from '../../src/storage/runs.ts';
import { listTimeline } from '../../src/storage/timeline.ts';

function run(projectId: string, sweepId: string, trial: number): RunRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    projectId,
    createdAt: 1000 + trial,
    status: 'running',
    name: `mlp #${trial}`,
    sweepId,
    trial,
    params: { family: 'mlp' },
    seed: trial,
    history: [],
    metrics: {},
    environment: { backend: 'wasm' },
  };
}

describe('runs', () => {
  it('survive as written: progress per epoch, then finished with artifact and a timeline event', async () => {
    const db = await openLooplabDB({ name: crypto.randomUUID() });
    const project = await createProject(db, 'P');
    const r = run(project.id, 's1', 1);
    await putRunProgress(db, r);
    await putRunProgress(db, { ...r, history: [{ epoch: 1, validationLoss: 0.5 }] });
    expect((await getRun(db, r.id))?.history).toEqual([{ epoch: 1, validationLoss: 0.5 }]);
    await finishRuns(
      db,
      [{ ...r, status: 'finished', metrics: { roc_auc: 0.8 }, artifact: { format: 'x' } }],
      {
        projectId: project.id,
        kind: 'runs-finished',
        message: 'Search finished',
      },
    );
    const stored = await getRun(db, r.id);
    expect(stored?.status).toBe('finished');
    expect(stored?.artifact).toEqual({ format: 'x' });
    expect((await listTimeline(db, project.id)).map((e) => e.kind)).toContain('runs-finished');
  });

  it('cancel marks only the sweep’s running runs cancelled, keeps their epochs and writes no artifact', async () => {
    const db = await openLooplabDB({ name: crypto.randomUUID() });
    const project = await createProject(db, 'P');
    const done = run(project.id, 's1', 1);
    const running = { ...run(project.id, 's1', 2), history: [{ epoch: 1, validationLoss: 0.4 }] };
    const otherSweep = run(project.id, 's2', 3);
    for (const r of [done, running, otherSweep]) await putRunProgress(db, r);
    await finishRuns(db, [{ ...done, status: 'finished' }]);
    const ended = await endRunningRuns(db, project.id, 'cancelled', (r) => r.sweepId === 's1');
    expect(ended).toEqual([running.id]);
    const cancelled = await getRun(db, running.id);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.history).toEqual(running.history);
    expect(cancelled?.artifact).toBeUndefined();
    expect((await getRun(db, done.id))?.status).toBe('finished');
    expect((await getRun(db, otherSweep.id))?.status).toBe('running');
    // A worker that finishes after the cancel cannot overwrite it.
    expect(await finishRuns(db, [{ ...running, status: 'finished', artifact: { late: true } }])).toBe(0);
    expect(await putRunProgress(db, running)).toBe(false);
    expect((await getRun(db, running.id))?.status).toBe('cancelled');
  });

  it('marks running runs whose lock is no longer held interrupted, and leaves held ones running', async () => {
    const db = await openLooplabDB({ name: crypto.randomUUID() });
    const project = await createProject(db, 'P');
    const orphan = run(project.id, 's1', 1);
    const live = run(project.id, 's2', 2);
    for (const r of [orphan, live]) await putRunProgress(db, r);
    const ended = await endRunningRuns(db, undefined, 'interrupted', (r) => r.id !== live.id);
    expect(ended).toEqual([orphan.id]);
    const statuses = Object.fromEntries((await listRuns(db, project.id)).map((r) => [r.id, r.status]));
    expect(statuses).toEqual({ [orphan.id]: 'interrupted', [live.id]: 'running' });
  });
});
