import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMA_VERSION } from '../../src/core/records.ts';
import { addPredictions } from '../../src/storage/deployments.ts';
import {
  acknowledgeAlert,
  addAlerts,
  addLabels,
  listAlerts,
  listLabels,
  listPredictionsBetween,
  prunePredictions,
  setMonitorSettings,
} from '../../src/storage/monitoring.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { createProject, getProject } from '../../src/storage/projects.ts';
import { listTimeline } from '../../src/storage/timeline.ts';

async function setup() {
  const db = await openLooplabDB({ name: crypto.randomUUID() });
  const project = await createProject(db, 'P');
  const other = await createProject(db, 'Q');
  const entry = (projectId: string, i: number) => ({
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: `${projectId}-q${i}`,
    projectId,
    createdAt: i * 1000,
    requestId: `${projectId}-q${i}`,
    bundleId: 'b',
    arm: 'champion',
    role: 'served',
    strategy: 'single',
    input: {},
    output: { label: 'yes' },
    latencyMs: 1,
  });
  await addPredictions(db, [
    ...Array.from({ length: 10 }, (_, i) => entry(project.id, i)),
    ...Array.from({ length: 10 }, (_, i) => entry(other.id, i)),
  ]);
  return { db, project, other };
}

describe('monitoring storage', () => {
  it('reads the log by time window, per project', async () => {
    const { db, project } = await setup();
    const window = await listPredictionsBetween(db, project.id, 3000, 6000);
    expect(window.map((p) => p.createdAt)).toEqual([3000, 4000, 5000]);
  });

  it('prunes by age but never inside a monitoring window in use, and only its own project', async () => {
    const { db, project, other } = await setup();
    // Retention says "older than 7 s", but a window in use starts at 4 s: only 0–3 s go.
    expect(await prunePredictions(db, project.id, 7000, 4000)).toBe(4);
    expect((await listPredictionsBetween(db, project.id, 0, 1e9)).map((p) => p.createdAt)).toEqual([
      4000, 5000, 6000, 7000, 8000, 9000,
    ]);
    expect(await listPredictionsBetween(db, other.id, 0, 1e9)).toHaveLength(10);
    expect((await listTimeline(db, project.id)).at(-1)!.kind).toBe('log-pruned');
    expect(await prunePredictions(db, project.id, 2000)).toBe(0);
  });

  it('joins labels by request id; unknown ids and other projects’ requests are returned, not stored', async () => {
    const { db, project, other } = await setup();
    const result = await addLabels(db, project.id, [
      { requestId: `${project.id}-q1`, label: 'no' },
      { requestId: 'nobody', label: 'yes' },
      { requestId: `${other.id}-q1`, label: 'yes' },
      { requestId: `${project.id}-q1`, label: 'yes' },
    ]);
    expect(result).toEqual({ stored: 2, unknown: ['nobody', `${other.id}-q1`] });
    const labels = await listLabels(db, project.id);
    expect(labels.map((l) => [l.requestId, l.label])).toEqual([[`${project.id}-q1`, 'yes']]);
  });

  it('stores alerts with timeline events, lists them newest first and acknowledges them', async () => {
    const { db, project } = await setup();
    const [alert] = await addAlerts(db, project.id, [
      { kind: 'latency', message: 'p95 240 ms > 200 ms', data: { value: 240, threshold: 200 } },
    ]);
    await acknowledgeAlert(db, alert!.id);
    const alerts = await listAlerts(db, project.id);
    expect(alerts.map((a) => [a.kind, a.acknowledged, a.data])).toEqual([
      ['latency', true, { value: 240, threshold: 200 }],
    ]);
    expect((await listTimeline(db, project.id)).at(-1)!.message).toBe('p95 240 ms > 200 ms');
  });

  it('keeps the monitoring settings on the project', async () => {
    const { db, project } = await setup();
    await setMonitorSettings(db, project.id, { retentionDays: 30 });
    expect((await getProject(db, project.id))!.monitor).toEqual({ retentionDays: 30 });
  });
});
