import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatasetChunkRecord, DatasetRecord, Id } from '../../src/core/records.ts';
import {
  deleteDataset,
  getChunk,
  getDataset,
  listDatasets,
  saveDataset,
} from '../../src/storage/datasets.ts';
import { StorageError, StorageFullError } from '../../src/storage/errors.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { ProjectNameError } from '../../src/storage/project-name.ts';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  renameProject,
} from '../../src/storage/projects.ts';
import { ALL_STORES, type LooplabDB } from '../../src/storage/schema.ts';
import { appendTimeline, listTimeline } from '../../src/storage/timeline.ts';

let db: IDBPDatabase<LooplabDB>;
let clock: number;

beforeEach(async () => {
  db = await openLooplabDB({ name: crypto.randomUUID() });
  clock = 1_000;
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
});

afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

/** Every record in every store: what "the database is unchanged" compares. */
async function dump(): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(
    ALL_STORES.map(async (store) => [store, await db.getAll(store)] as const),
  );
  return Object.fromEntries(entries);
}

/** A 3-row, 2-column dataset in two chunks of 2 rows: [34, basic], [51, pro] | [29, pro]. */
function irisLike(projectId: Id, id = crypto.randomUUID()): [DatasetRecord, DatasetChunkRecord[]] {
  return [
    {
      schemaVersion: 1,
      id,
      projectId,
      createdAt: clock,
      name: 'customers.csv',
      sha256: 'ab'.repeat(32),
      byteLength: 40,
      rowCount: 3,
      columns: [
        { name: 'age', index: 0 },
        { name: 'plan', index: 1 },
      ],
      delimiter: ',',
      chunkRows: 2,
      chunkCount: 2,
      source: 'upload',
      warnings: [],
    },
    [
      {
        schemaVersion: 1,
        datasetId: id,
        index: 0,
        columns: [
          ['34', '51'],
          ['basic', 'pro'],
        ],
      },
      { schemaVersion: 1, datasetId: id, index: 1, columns: [['29'], ['pro']] },
    ],
  ];
}

/**
 * Makes the next `add` of chunk `index` fail the way a full disk does: the request errors asynchronously
 * with QuotaExceededError and the browser aborts the transaction. Reaches into fake-indexeddb, which binds
 * the store operation when the request is made, so the failure hits exactly that one request.
 */
function failChunkWithQuota(index: number): void {
  const add = IDBObjectStore.prototype.add;
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    if (this.name !== 'chunks' || (value as DatasetChunkRecord).index !== index)
      return add.call(this, value, key);
    const raw = (this as unknown as { _rawObjectStore: { storeRecord?: () => never } })._rawObjectStore;
    raw.storeRecord = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      return add.call(this, value, key);
    } finally {
      delete raw.storeRecord;
    }
  });
}

describe('projects', () => {
  it('creates a project with a trimmed name and a first timeline event', async () => {
    const project = await createProject(db, '  Churn  ');
    expect(project).toEqual({
      schemaVersion: 1,
      id: project.id,
      name: 'Churn',
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(await getProject(db, project.id)).toEqual(project);
    const timeline = await listTimeline(db, project.id);
    expect(timeline.map((e) => [e.kind, e.message, e.createdAt])).toEqual([
      ['project-created', 'Project “Churn” created', 1000],
    ]);
  });

  it('marks the sample project', async () => {
    const sample = await createProject(db, 'Bike demand', { sample: true });
    expect((await getProject(db, sample.id))?.sample).toBe(true);
  });

  it('refuses an empty or overlong name with a message that says why, storing nothing', async () => {
    await expect(createProject(db, '   ')).rejects.toThrow(
      new ProjectNameError('A project name cannot be empty.'),
    );
    await expect(createProject(db, 'x'.repeat(121))).rejects.toThrow(
      new ProjectNameError('A project name can be at most 120 characters; this one has 121.'),
    );
    expect((await createProject(db, 'y'.repeat(120))).name).toHaveLength(120);
    expect(await listProjects(db)).toHaveLength(1);
  });

  it('lists projects most recently updated first', async () => {
    const a = await createProject(db, 'A');
    clock = 2000;
    const b = await createProject(db, 'B');
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['B', 'A']);

    clock = 3000;
    await renameProject(db, a.id, 'A2');
    expect((await listProjects(db)).map((p) => [p.name, p.updatedAt])).toEqual([
      ['A2', 3000],
      ['B', 2000],
    ]);
    expect(b.updatedAt).toBe(2000);
  });

  it('renames a project and notes it on the timeline', async () => {
    const project = await createProject(db, 'Churn');
    clock = 2000;
    const renamed = await renameProject(db, project.id, ' Churn 2024 ');
    expect(renamed).toEqual({ ...project, name: 'Churn 2024', updatedAt: 2000 });
    expect((await listTimeline(db, project.id)).map((e) => e.message)).toEqual([
      'Project “Churn” created',
      'Renamed from “Churn” to “Churn 2024”',
    ]);
    await expect(renameProject(db, project.id, '')).rejects.toBeInstanceOf(ProjectNameError);
    await expect(renameProject(db, 'nope', 'X')).rejects.toThrow(
      new StorageError('Project nope does not exist (it may have been deleted).'),
    );
  });

  it('returns undefined for a project that does not exist', async () => {
    expect(await getProject(db, 'nope')).toBeUndefined();
  });

  it('deletes a project and every record it owns, and nothing of another project', async () => {
    const doomed = await createProject(db, 'Doomed');
    const kept = await createProject(db, 'Kept');
    for (const project of [doomed, kept]) {
      await saveDataset(db, ...irisLike(project.id));
      await seedLifecycle(project.id);
    }
    const before = await dump();
    const ownedBy = (records: Record<string, unknown[]>, projectId: Id, datasets: Set<unknown>) =>
      Object.fromEntries(
        Object.entries(records).map(([store, list]) => [
          store,
          list.filter((r) => {
            const record = r as { id?: Id; projectId?: Id; datasetId?: Id };
            return store === 'projects'
              ? record.id === projectId
              : store === 'chunks'
                ? datasets.has(record.datasetId)
                : record.projectId === projectId;
          }),
        ]),
      );
    const keptDatasets = new Set((await listDatasets(db, kept.id)).map((d) => d.id));

    expect(await deleteProject(db, doomed.id)).toBe(true);

    const after = await dump();
    expect(after).toEqual(ownedBy(before, kept.id, keptDatasets));
    // Hand count of what Kept owns: 1 project, 1 dataset, 2 chunks, 1 record in each lifecycle store, and
    // 3 timeline events (created, dataset added, seeded).
    expect(Object.fromEntries(Object.entries(after).map(([store, list]) => [store, list.length]))).toEqual({
      projects: 1,
      datasets: 1,
      chunks: 2,
      problems: 1,
      recipes: 1,
      runs: 1,
      bundles: 1,
      aliases: 1,
      deployments: 1,
      predictions: 1,
      labels: 1,
      alerts: 1,
      timeline: 3,
    });
    expect(await deleteProject(db, doomed.id)).toBe(false);
  });
});

describe('datasets', () => {
  it('saves a dataset with its chunks and a timeline event, and marks the project updated', async () => {
    const project = await createProject(db, 'Churn');
    clock = 5000;
    const [dataset, chunks] = irisLike(project.id);
    await saveDataset(db, dataset, chunks);

    expect(await getDataset(db, dataset.id)).toEqual(dataset);
    expect(await listDatasets(db, project.id)).toEqual([dataset]);
    expect(await getChunk(db, dataset.id, 1)).toEqual({
      schemaVersion: 1,
      datasetId: dataset.id,
      index: 1,
      columns: [['29'], ['pro']],
    });
    expect(await getChunk(db, dataset.id, 2)).toBeUndefined();
    expect((await getProject(db, project.id))?.updatedAt).toBe(5000);
    const added = (await listTimeline(db, project.id)).at(-1);
    expect(added).toMatchObject({
      kind: 'dataset-added',
      message: 'Dataset “customers.csv” added: 3 rows, 2 columns',
      data: { datasetId: dataset.id, sha256: 'ab'.repeat(32), rowCount: 3 },
      createdAt: 5000,
    });
  });

  it('refuses a dataset whose chunks do not match it, storing nothing', async () => {
    const project = await createProject(db, 'Churn');
    const before = await dump();
    const [dataset, chunks] = irisLike(project.id);
    await expect(saveDataset(db, dataset, chunks.slice(0, 1))).rejects.toThrow(
      new StorageError('Dataset “customers.csv” was not saved: it declares 2 chunks but 1 were given.'),
    );
    await expect(saveDataset(db, dataset, [chunks[1]!, chunks[0]!])).rejects.toThrow(
      new StorageError(`Dataset “customers.csv” was not saved: chunk 0 is chunk 1 of dataset ${dataset.id}.`),
    );
    await expect(saveDataset(db, ...irisLike('no-such-project'))).rejects.toThrow(
      new StorageError('Project no-such-project does not exist (it may have been deleted).'),
    );
    expect(await dump()).toEqual(before);
  });

  it('deletes a dataset with its chunks, leaving other datasets whole', async () => {
    const project = await createProject(db, 'Churn');
    const [first, firstChunks] = irisLike(project.id);
    const [second, secondChunks] = irisLike(project.id);
    await saveDataset(db, first, firstChunks);
    await saveDataset(db, second, secondChunks);

    expect(await deleteDataset(db, first.id)).toBe(true);
    expect(await getDataset(db, first.id)).toBeUndefined();
    expect(await getChunk(db, first.id, 0)).toBeUndefined();
    expect(await db.count('chunks')).toBe(2);
    expect(await getChunk(db, second.id, 0)).toEqual(secondChunks[0]);
    expect((await listTimeline(db, project.id)).at(-1)?.message).toBe('Dataset “customers.csv” deleted');
    expect(await deleteDataset(db, first.id)).toBe(false);
  });
});

describe('a project created with its datasets', () => {
  it('stores the project, every dataset and chunk, and their timeline events together', async () => {
    const projectId = crypto.randomUUID();
    const [first, firstChunks] = irisLike(projectId);
    const [second, secondChunks] = irisLike(projectId);
    await createProject(db, 'Sample', {
      sample: true,
      id: projectId,
      datasets: [
        { dataset: first, chunks: firstChunks },
        { dataset: second, chunks: secondChunks },
      ],
    });
    expect((await getProject(db, projectId))?.sample).toBe(true);
    expect((await listDatasets(db, projectId)).map((d) => d.id).sort()).toEqual([first.id, second.id].sort());
    expect((await getChunk(db, second.id, 1))?.columns).toEqual([['29'], ['pro']]);
    const kinds = (await listTimeline(db, projectId)).map((e) => e.kind);
    expect(kinds).toEqual(['project-created', 'dataset-added', 'dataset-added']);
  });

  it('stores nothing at all when the last chunk fails with a full disk', async () => {
    const before = await dump();
    const projectId = crypto.randomUUID();
    const [first, firstChunks] = irisLike(projectId);
    const [second, secondChunks] = irisLike(projectId);
    failChunkWithQuota(1);
    const write = createProject(db, 'Sample', {
      id: projectId,
      datasets: [
        { dataset: first, chunks: firstChunks },
        { dataset: second, chunks: secondChunks },
      ],
    });
    await expect(write).rejects.toBeInstanceOf(StorageFullError);
    expect(await dump()).toEqual(before);
  });
});

describe('failed writes', () => {
  it('a full disk mid-transaction stores nothing and says so clearly', async () => {
    const project = await createProject(db, 'Churn');
    const before = await dump();
    failChunkWithQuota(1);

    const [dataset, chunks] = irisLike(project.id);
    const error = await saveDataset(db, dataset, chunks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toBe(
      'Device storage is full, so nothing was saved. Free up space on this device, or delete projects you no ' +
        'longer need, then try again.',
    );
    // Chunk 0, the dataset record, the timeline event and the project's updatedAt were all written before
    // chunk 1 failed; the abort must have rolled every one of them back.
    expect(await dump()).toEqual(before);
  });

  it('a request that fails (a duplicate key) rolls back the whole write', async () => {
    const project = await createProject(db, 'Churn');
    const [dataset, chunks] = irisLike(project.id);
    await saveDataset(db, dataset, chunks);
    const before = await dump();
    clock = 9000;

    const error = await saveDataset(db, { ...dataset, name: 'again.csv' }, chunks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).not.toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(/^Storage failed: ConstraintError/);
    expect(await dump()).toEqual(before);
  });
});

describe('timeline', () => {
  it('appends events in order, with data, and refuses events for a missing project', async () => {
    const project = await createProject(db, 'Churn');
    clock = 2000;
    const alert = await appendTimeline(db, project.id, 'alert', 'p95 latency 240 ms is over 200 ms', {
      p95: 240,
    });
    expect(alert).toEqual({
      schemaVersion: 1,
      id: alert.id,
      projectId: project.id,
      createdAt: 2000,
      kind: 'alert',
      message: 'p95 latency 240 ms is over 200 ms',
      data: { p95: 240 },
      // The project's second event: 'project-created' is 0.
      sequence: 1,
    });
    expect((await listTimeline(db, project.id)).map((e) => e.kind)).toEqual(['project-created', 'alert']);
    expect((await getProject(db, project.id))?.updatedAt).toBe(2000);
    await expect(appendTimeline(db, 'gone', 'x', 'y')).rejects.toBeInstanceOf(StorageError);
    expect(await listTimeline(db, 'gone')).toEqual([]);
  });
});

describe('restore on read', () => {
  it('fills defaults for fields an older record lacks', async () => {
    await db.put('projects', { id: 'p-old', createdAt: 50 } as never);
    expect(await getProject(db, 'p-old')).toEqual({
      schemaVersion: 1,
      id: 'p-old',
      name: 'Untitled project',
      createdAt: 50,
      updatedAt: 50,
    });

    await db.put('datasets', { id: 'd-old', projectId: 'p-old', name: 'old.csv', rowCount: 3 } as never);
    expect(await getDataset(db, 'd-old')).toEqual({
      schemaVersion: 1,
      id: 'd-old',
      projectId: 'p-old',
      createdAt: 0,
      name: 'old.csv',
      sha256: '',
      byteLength: 0,
      rowCount: 3,
      columns: [],
      delimiter: ',',
      chunkRows: 1,
      chunkCount: 0,
      source: 'upload',
      warnings: [],
    });
  });
});

/** One record of every lifecycle store, plus one timeline event, for `projectId`. */
async function seedLifecycle(projectId: Id): Promise<void> {
  const base = () => ({ schemaVersion: 1, id: crypto.randomUUID(), projectId, createdAt: clock });
  const bundleId = crypto.randomUUID();
  await Promise.all([
    db.put('problems', { ...base(), version: 1, datasetId: 'd', card: {} }),
    db.put('recipes', { ...base(), version: 1, steps: [] }),
    db.put('runs', {
      ...base(),
      status: 'finished',
      params: {},
      seed: 1,
      history: [],
      metrics: { auc: 0.9 },
      environment: {},
    }),
    db.put('bundles', { ...base(), id: bundleId, runId: 'r', version: 1, payload: {} }),
    db.put('aliases', { schemaVersion: 1, projectId, alias: 'champion', bundleId, updatedAt: clock }),
    db.put('deployments', { ...base(), strategy: 'single', state: {} }),
    db.put('predictions', {
      ...base(),
      requestId: 'q',
      bundleId,
      arm: 'champion',
      role: 'served',
      strategy: 'single',
      input: {},
      output: {},
      latencyMs: 1,
    }),
    db.put('labels', { ...base(), requestId: 'q', label: 'yes' }),
    db.put('alerts', { ...base(), kind: 'drift', message: 'PSI 0.3', acknowledged: false }),
    db.put('timeline', { ...base(), kind: 'note', message: 'seeded' }),
  ]);
}
