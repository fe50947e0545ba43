import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORD_SCHEMA_VERSION, type DatasetRecord, type RunRecord } from '../../src/core/records.ts';
import { checkStoredIntegrity } from '../../src/storage/check-stored-integrity.ts';
import { saveDataset } from '../../src/storage/datasets.ts';
import { applyDeploymentChange } from '../../src/storage/deployments.ts';
import { LooplabStorage } from '../../src/storage/looplab-storage.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { createProject } from '../../src/storage/projects.ts';
import { moveAlias, registerBundle } from '../../src/storage/registry.ts';
import { endRunningRuns, putRunProgress } from '../../src/storage/runs.ts';
import { recordCase } from '../reliability/record.ts';

const nobodyHolds = () => false;

function running(projectId: string, sweepId: string): RunRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    projectId,
    createdAt: 1,
    status: 'running',
    sweepId,
    params: {},
    seed: 1,
    history: [],
    metrics: {},
    environment: {},
  };
}

/** A project with a two-chunk dataset, two versions, a champion and challenger, and a shadow deployment. */
async function healthyDb() {
  const db = await openLooplabDB({ name: crypto.randomUUID() });
  const project = await createProject(db, 'P');
  const dataset: DatasetRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    projectId: project.id,
    createdAt: 1,
    name: 'a.csv',
    sha256: 'a'.repeat(64),
    byteLength: 10,
    rowCount: 3,
    columns: [{ name: 'x', index: 0 }],
    delimiter: ',',
    chunkRows: 2,
    chunkCount: 2,
    source: 'upload',
    warnings: [],
  };
  await saveDataset(db, dataset, [
    { schemaVersion: RECORD_SCHEMA_VERSION, datasetId: dataset.id, index: 0, columns: [['1', '2']] },
    { schemaVersion: RECORD_SCHEMA_VERSION, datasetId: dataset.id, index: 1, columns: [['3']] },
  ]);
  const v1 = await registerBundle(db, { projectId: project.id, runId: 'r1', payload: {} });
  const v2 = await registerBundle(db, { projectId: project.id, runId: 'r2', payload: {} });
  await moveAlias(db, project.id, 'champion', v1.id, 'first');
  await applyDeploymentChange(db, project.id, {
    plan: { strategy: { kind: 'shadow' } },
    aliasMoves: [{ alias: 'challenger', to: v2.id }],
    event: { kind: 'deploy-shadow', message: 'shadow', data: {} },
  });
  return { db, project, dataset, v1, v2 };
}

const opened: { close(): void }[] = [];
afterAll(() => opened.forEach((db) => db.close()));

describe('checkStoredIntegrity', () => {
  it('finds nothing wrong in a database written through the repositories', async () => {
    const { db } = await healthyDb();
    opened.push(db);
    const report = await checkStoredIntegrity(db, nobodyHolds);
    recordCase({
      area: 'Faults',
      case: 'Integrity check of a healthy database',
      surface: 'Storage',
      expected: 'no problems',
      observed: report.problems.length
        ? report.problems.join(' ')
        : `no problems in ${report.records} records`,
      pass: report.problems.length === 0,
    });
    expect(report.problems).toEqual([]);
    expect(report.counts).toMatchObject({ projects: 1, datasets: 1, chunks: 2, bundles: 2, aliases: 2 });
  });

  it('names a malformed record, a missing chunk, a dangling alias and a run left running', async () => {
    const { db, project, dataset } = await healthyDb();
    opened.push(db);
    const run = running(project.id, 's');
    await putRunProgress(db, run);
    await db.put('runs', {
      ...running(project.id, 's'),
      id: 'bad-run',
      status: 'paused' as RunRecord['status'],
    });
    await db.delete('chunks', [dataset.id, 1]);
    await db.put('aliases', {
      schemaVersion: RECORD_SCHEMA_VERSION,
      projectId: project.id,
      alias: 'champion',
      bundleId: 'gone',
      updatedAt: 1,
    });
    const { problems } = await checkStoredIntegrity(db, (id) => id === 'bad-run');
    const expected = [
      "runs 'bad-run': field 'status'",
      `datasets '${dataset.id}': 1 of 2 chunks and 2 of 3 rows are stored.`,
      `aliases '${project.id}/champion': points at 'gone', which is not a version of its project.`,
      `aliases '${project.id}/champion': points at 'gone', but its last move on the timeline went to`,
      `runs '${run.id}': is 'running', but no worker holds its lock (it should be 'interrupted').`,
    ];
    const found = expected.every((text) => problems.some((p) => p.startsWith(text)));
    recordCase({
      area: 'Faults',
      case: 'Integrity check of a damaged database',
      surface: 'Storage',
      expected: 'each damaged record named',
      observed: `${problems.length} problems: ${problems.map((p) => p.replace(/'[0-9a-f-]{36}/g, "'…")).join(' ')}`,
      pass: found && problems.length === expected.length,
    });
    for (const text of expected) expect(problems.some((p) => p.startsWith(text))).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });

  it('flags a shadow deployment whose challenger alias is gone', async () => {
    const { db, project } = await healthyDb();
    opened.push(db);
    await db.delete('aliases', [project.id, 'challenger']);
    const { problems } = await checkStoredIntegrity(db, nobodyHolds);
    expect(problems).toContain(
      `deployments '${project.id}': a shadow deployment without the aliases it serves.`,
    );
  });
});

describe('interruptSweep', () => {
  it("marks only that sweep's running runs interrupted, at once, and the check is clean after", async () => {
    const name = crypto.randomUUID();
    const storage = await LooplabStorage.open({ name });
    opened.push(storage);
    const project = await storage.createProject('P');
    const crashed = [running(project.id, 'crashed'), running(project.id, 'crashed')];
    const other = running(project.id, 'other');
    for (const run of [...crashed, other]) await putRunProgress(storage.db, run);
    const ended = await storage.interruptSweep(project.id, 'crashed');
    const statuses = (await storage.listRuns(project.id)).map((r) => [r.sweepId, r.status]);
    const report = await checkStoredIntegrity(storage.db, (id) => id === other.id);
    recordCase({
      area: 'Faults',
      case: 'Train worker crash mid-sweep',
      surface: 'Storage',
      expected: "the sweep's running runs interrupted at once, others untouched",
      observed: `${ended.length} interrupted; statuses ${statuses
        .map(([s, st]) => `${s}:${st}`)
        .sort()
        .join(', ')}; ${report.problems.length} integrity problems`,
      pass: ended.length === 2 && report.problems.length === 0,
    });
    expect(ended.sort()).toEqual(crashed.map((r) => r.id).sort());
    expect(statuses.sort()).toEqual([
      ['crashed', 'interrupted'],
      ['crashed', 'interrupted'],
      ['other', 'running'],
    ]);
    expect(report.problems).toEqual([]);
    // Once the other sweep's worker is gone too, the app-open sweep marks it.
    await endRunningRuns(storage.db, undefined, 'interrupted', () => true);
    expect((await checkStoredIntegrity(storage.db, nobodyHolds)).problems).toEqual([]);
  });
});
