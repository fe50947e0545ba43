import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { planChange, SINGLE } from '../../src/core/deploy/index.ts';
import { RECORD_SCHEMA_VERSION } from '../../src/core/records.ts';
import {
  addPredictions,
  applyDeploymentChange,
  getDeploymentPlan,
  listPredictions,
} from '../../src/storage/deployments.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { createProject } from '../../src/storage/projects.ts';
import { aliasHistory, listAliases, moveAlias, registerBundle } from '../../src/storage/registry.ts';
import { listTimeline } from '../../src/storage/timeline.ts';

const version = (id: string | null) => id ?? 'none';

async function setup() {
  const db = await openLooplabDB({ name: crypto.randomUUID() });
  const project = await createProject(db, 'P');
  const v1 = await registerBundle(db, { projectId: project.id, runId: 'r1', payload: {} });
  const v2 = await registerBundle(db, { projectId: project.id, runId: 'r2', payload: {} });
  await moveAlias(db, project.id, 'champion', v1.id, 'first');
  await moveAlias(db, project.id, 'challenger', v2.id, 'candidate');
  const aliases = async () =>
    Object.fromEntries((await listAliases(db, project.id)).map((a) => [a.alias, a.bundleId]));
  return { db, project, v1, v2, aliases };
}

describe('deployment changes', () => {
  it('a blue-green switch moves both aliases, the plan and the timeline together', async () => {
    const { db, project, v1, v2, aliases } = await setup();
    const change = planChange(
      SINGLE,
      { champion: v1.id, challenger: v2.id },
      { kind: 'blue-green-switch' },
      1,
      version,
    );
    await applyDeploymentChange(db, project.id, change);
    expect(await aliases()).toEqual({ champion: v2.id, challenger: v1.id });
    expect((await getDeploymentPlan(db, project.id)).strategy).toEqual({
      kind: 'blue-green',
      live: 'champion',
    });
    const kinds = (await listTimeline(db, project.id)).map((e) => e.kind);
    expect(kinds.slice(-3)).toEqual(['alias-moved', 'alias-moved', 'blue-green-switch']);
  });

  it('a rollback whose transaction aborts mid-way (the tab died) leaves the old state whole, never a mix', async () => {
    const { db, project, v1, v2, aliases } = await setup();
    const switched = planChange(
      SINGLE,
      { champion: v1.id, challenger: v2.id },
      { kind: 'blue-green-switch' },
      1,
      version,
    );
    await applyDeploymentChange(db, project.id, switched);
    const before = {
      aliases: await aliases(),
      plan: await getDeploymentPlan(db, project.id),
      history: await aliasHistory(db, project.id),
      timeline: (await listTimeline(db, project.id)).length,
    };
    const rollback = planChange(
      switched.plan,
      { champion: v2.id, challenger: v1.id },
      { kind: 'rollback', reason: 'by hand', previousChampion: v1.id },
      2,
      version,
    );
    await expect(
      applyDeploymentChange(db, project.id, rollback, {
        afterFirstWrite: () => {
          throw new Error('the tab died');
        },
      }),
    ).rejects.toThrow(/the tab died/);
    expect(await aliases()).toEqual(before.aliases);
    expect(await getDeploymentPlan(db, project.id)).toEqual(before.plan);
    expect(await aliasHistory(db, project.id)).toEqual(before.history);
    expect((await listTimeline(db, project.id)).length).toBe(before.timeline);
    // The same rollback, undisturbed, lands whole.
    await applyDeploymentChange(db, project.id, rollback);
    expect(await aliases()).toEqual({ champion: v1.id, challenger: v2.id });
    expect((await getDeploymentPlan(db, project.id)).strategy.kind).toBe('single');
  });

  it('a project that never deployed serves with its champion alone', async () => {
    const { db, project } = await setup();
    expect(await getDeploymentPlan(db, project.id)).toEqual(SINGLE);
  });

  it('logs predictions and lists the newest, oldest first', async () => {
    const { db, project, v1 } = await setup();
    const entry = (i: number) => ({
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: `q${i}`,
      projectId: project.id,
      createdAt: 1000 + i,
      requestId: `q${i}`,
      bundleId: v1.id,
      arm: 'champion',
      role: 'served',
      strategy: 'single',
      input: { x: String(i) },
      output: { value: i },
      latencyMs: 0.5,
    });
    await addPredictions(db, [entry(2), entry(0), entry(1)]);
    expect((await listPredictions(db, project.id)).map((p) => p.id)).toEqual(['q0', 'q1', 'q2']);
    expect((await listPredictions(db, project.id, 2)).map((p) => p.id)).toEqual(['q1', 'q2']);
    // Entries at the same millisecond (a shadow's pair) keep the full list's (time, id) order under a limit.
    await addPredictions(db, [
      { ...entry(9), id: 'q9:shadow', createdAt: 1009 },
      { ...entry(9), createdAt: 1009 },
      { ...entry(3), createdAt: 1009 },
    ]);
    const all = (await listPredictions(db, project.id)).map((p) => p.id);
    expect(all).toEqual(['q0', 'q1', 'q2', 'q3', 'q9', 'q9:shadow']);
    for (const limit of [1, 2, 3, 4, 10])
      expect((await listPredictions(db, project.id, limit)).map((p) => p.id)).toEqual(all.slice(-limit));
  });
});
