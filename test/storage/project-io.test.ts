import 'fake-indexeddb/auto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  decodeProjectFile,
  ProjectFileError,
  type ProjectFileProblem,
  type ProjectSnapshot,
} from '../../src/core/project-file/index.ts';
import type { DatasetChunkRecord, DatasetRecord, Id, ProjectRecord } from '../../src/core/records.ts';
import { listDatasets, saveDataset } from '../../src/storage/datasets.ts';
import { StorageError, StorageFullError } from '../../src/storage/errors.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { exportProject, importProject } from '../../src/storage/project-io.ts';
import { importedProjectName } from '../../src/storage/project-name.ts';
import { createProject, deleteProject, listProjects } from '../../src/storage/projects.ts';
import { ALL_STORES, type LooplabDB } from '../../src/storage/schema.ts';
import { appendTimeline, listTimeline } from '../../src/storage/timeline.ts';

let db: IDBPDatabase<LooplabDB>;
let clock: number;

beforeEach(async () => {
  db = await openLooplabDB({ name: crypto.randomUUID() });
  clock = Date.UTC(2024, 0, 1);
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
});

afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

async function dump(): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(
    ALL_STORES.map(async (store) => [store, await db.getAll(store)] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * A project with a dataset and one record in every lifecycle store, cross-referencing each other the way the
 * lifecycle does (bundle → run, alias → bundle, label → prediction).
 */
async function buildProject(): Promise<ProjectRecord> {
  const project = await createProject(db, 'Churn');
  clock += 1000;
  const datasetId = crypto.randomUUID();
  const dataset: DatasetRecord = {
    schemaVersion: 1,
    id: datasetId,
    projectId: project.id,
    createdAt: clock,
    name: 'customers.csv',
    sha256: 'cd'.repeat(32),
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
  };
  const chunks: DatasetChunkRecord[] = [
    {
      schemaVersion: 1,
      datasetId,
      index: 0,
      columns: [
        ['34', '51'],
        ['basic', 'pro'],
      ],
    },
    { schemaVersion: 1, datasetId, index: 1, columns: [['29'], ['pro']] },
  ];
  await saveDataset(db, dataset, chunks);

  clock += 1000;
  const base = () => ({ schemaVersion: 1, id: crypto.randomUUID(), projectId: project.id, createdAt: clock });
  const run = {
    ...base(),
    status: 'finished' as const,
    params: { l2: 0.01 },
    seed: 7,
    history: [{ loss: 0.5 }],
  };
  const bundle = { ...base(), runId: run.id, version: 1, payload: { lineage: { runId: run.id, datasetId } } };
  const prediction = {
    ...base(),
    requestId: 'req-1',
    bundleId: bundle.id,
    arm: 'champion',
    role: 'served',
    strategy: 'single',
    input: { age: 40 },
    output: { p: 0.8 },
    latencyMs: 2,
  };
  await Promise.all([
    db.put('problems', { ...base(), version: 1, datasetId, card: { target: 'plan' } }),
    db.put('recipes', { ...base(), version: 1, steps: [{ op: 'trim' }] }),
    db.put('runs', { ...run, metrics: { auc: 0.75, brier: Number.NaN }, environment: { backend: 'wasm' } }),
    db.put('bundles', bundle),
    db.put('aliases', {
      schemaVersion: 1,
      projectId: project.id,
      alias: 'champion',
      bundleId: bundle.id,
      updatedAt: clock,
    }),
    db.put('deployments', { ...base(), strategy: 'canary', state: { step: 25, challenger: bundle.id } }),
    db.put('predictions', prediction),
    db.put('labels', { ...base(), requestId: prediction.id, label: 'pro' }),
    db.put('alerts', { ...base(), kind: 'drift', message: 'PSI 0.31 on age', acknowledged: true }),
  ]);
  clock += 1000;
  await appendTimeline(db, project.id, 'deployed', 'Canary at 25%', { bundleId: bundle.id });
  return project;
}

/**
 * A snapshot with ids replaced by their role ("project", "datasets#0", ...) and each list in a fixed order,
 * so that an imported copy can be compared with its original field by field.
 */
function canonical(snapshot: ProjectSnapshot): unknown {
  const roles = new Map<Id, string>([[snapshot.project.id, 'project']]);
  const sorted = {
    ...snapshot,
    timeline: [...snapshot.timeline].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0)),
    chunks: [...snapshot.chunks].sort((a, b) => a.index - b.index),
  };
  for (const store of [
    'datasets',
    'problems',
    'recipes',
    'runs',
    'bundles',
    'deployments',
    'predictions',
    'labels',
    'alerts',
    'timeline',
  ] as const) {
    sorted[store].forEach((record, i) => roles.set(record.id, `${store}#${i}`));
  }
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') return roles.get(value) ?? value;
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    }
    return value;
  };
  return replace(sorted);
}

async function rejection(promise: Promise<unknown>): Promise<ProjectFileError> {
  const error = await promise.catch((e: unknown) => e);
  if (error instanceof ProjectFileError) return error;
  throw new Error(`expected a ProjectFileError, got ${String(error)}`);
}

describe('exportProject and importProject', () => {
  it('round-trips a project: the import equals the original except for fresh ids, name and update time', async () => {
    const original = await buildProject();
    const bytes = await exportProject(db, original.id, { appVersion: '0.1.0', exportedAt: clock });
    const exported = decodeProjectFile(bytes);

    clock += 60_000;
    const imported = await importProject(db, bytes);
    expect(imported.id).not.toBe(original.id);
    expect(imported.name).toBe('Churn (imported)');
    expect(imported.updatedAt).toBe(clock);
    expect(imported.createdAt).toBe(original.createdAt);

    const reexported = decodeProjectFile(await exportProject(db, imported.id));
    // The import adds one event of its own, at the end of the timeline.
    const importEvent = reexported.timeline.find((e) => e.kind === 'project-imported');
    expect(importEvent).toMatchObject({
      message: 'Imported from a project file',
      data: { originalName: 'Churn' },
      createdAt: clock,
      // After the three copied events: project-created (0), dataset-added (1), deployed (2).
      sequence: 3,
    });
    const withoutImportEvent = {
      ...reexported,
      timeline: reexported.timeline.filter((e) => e !== importEvent),
    };
    expect(canonical(withoutImportEvent)).toEqual(
      canonical({
        ...exported,
        project: { ...exported.project, name: 'Churn (imported)', updatedAt: clock },
      }),
    );

    // Spot checks against hand-written values, in case canonical() hid something.
    const [dataset] = await listDatasets(db, imported.id);
    expect(dataset).toMatchObject({
      projectId: imported.id,
      name: 'customers.csv',
      rowCount: 3,
      sha256: 'cd'.repeat(32),
    });
    expect(await db.get('chunks', [dataset!.id, 1])).toEqual({
      schemaVersion: 1,
      datasetId: dataset!.id,
      index: 1,
      columns: [['29'], ['pro']],
    });
    const [run] = await db.getAllFromIndex('runs', 'by-project', imported.id);
    expect(run!.metrics.auc).toBe(0.75);
    expect(Number.isNaN(run!.metrics.brier)).toBe(true);
    const [bundle] = await db.getAllFromIndex('bundles', 'by-project', imported.id);
    expect(bundle!.runId).toBe(run!.id);
    expect(bundle!.payload).toEqual({ lineage: { runId: run!.id, datasetId: dataset!.id } });
    expect(await db.get('aliases', [imported.id, 'champion'])).toMatchObject({ bundleId: bundle!.id });
    const [prediction] = await db.getAllFromIndex('predictions', 'by-project', imported.id);
    expect(await db.getAllFromIndex('labels', 'by-request', prediction!.id)).toHaveLength(1);
    expect((await listTimeline(db, imported.id)).map((e) => e.kind)).toEqual([
      'project-created',
      'dataset-added',
      'deployed',
      'project-imported',
    ]);
  });

  it('gives a second import of the same file a project of its own', async () => {
    const original = await buildProject();
    const bytes = await exportProject(db, original.id);
    const first = await importProject(db, bytes);
    const second = await importProject(db, bytes);

    expect(new Set([original.id, first.id, second.id]).size).toBe(3);
    expect((await listProjects(db)).map((p) => p.name).sort()).toEqual([
      'Churn',
      'Churn (imported 2)',
      'Churn (imported)',
    ]);
    const datasetIds = (await db.getAll('datasets')).map((d) => d.id);
    expect(new Set(datasetIds).size).toBe(3);
    expect(await db.count('chunks')).toBe(6);
    // The original's 3 events, and each import's 3 copies plus its own 'project-imported'.
    expect(await db.count('timeline')).toBe(3 + 4 + 4);
  });

  it('keeps the original name when it is free', async () => {
    const original = await buildProject();
    const bytes = await exportProject(db, original.id);
    await deleteProject(db, original.id);
    expect((await importProject(db, bytes)).name).toBe('Churn');
  });

  it('refuses to export a project that does not exist', async () => {
    await expect(exportProject(db, 'nope')).rejects.toThrow(
      new StorageError('Project nope does not exist (it may have been deleted).'),
    );
  });

  describe('a bad file writes nothing', () => {
    let good: Uint8Array;
    let before: Record<string, unknown[]>;

    beforeEach(async () => {
      const project = await buildProject();
      good = await exportProject(db, project.id);
      before = await dump();
    });

    const cases: [string, () => Uint8Array, ProjectFileProblem, RegExp][] = [
      ['truncated', () => good.slice(0, good.length - 100), 'truncated', /^The file is truncated: /],
      [
        'tampered',
        () => {
          const files = unzipSync(good);
          const text = strFromU8(files['runs.json']!).replace('"auc":0.75', '"auc":0.95');
          return zipSync({ ...files, 'runs.json': strToU8(text) });
        },
        'tampered',
        /^runs\.json: its content does not match the SHA-256 recorded in manifest\.json/,
      ],
      [
        'wrong version',
        () => {
          const files = unzipSync(good);
          const manifest = JSON.parse(strFromU8(files['manifest.json']!));
          return zipSync({
            ...files,
            'manifest.json': strToU8(JSON.stringify({ ...manifest, formatVersion: 7 })),
          });
        },
        'unsupported-version',
        /^manifest\.json: the file has format version 7, written by a newer Looplab/,
      ],
      ['foreign', () => strToU8('%PDF-1.7\n%âãÏÓ\n'), 'foreign', /^This is not a Looplab project file/],
      ['oversized', () => good, 'too-large', /^The file is .* over the 1\.0 KiB limit; it was not opened\.$/],
    ];

    for (const [label, make, problem, message] of cases) {
      it(`rejects a ${label} file and leaves the database as it was`, async () => {
        const error = await rejection(
          importProject(db, make(), label === 'oversized' ? { maxBytes: 1024 } : {}),
        );
        expect(error.problem).toBe(problem);
        expect(error.message).toMatch(message);
        expect(await dump()).toEqual(before);
      });
    }

    it('a full disk during import writes nothing and says so', async () => {
      const add = IDBObjectStore.prototype.add;
      // Fail the last chunk, after the project, its dataset and first chunk were queued in the same write.
      vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
        this: IDBObjectStore,
        value: unknown,
        key?: IDBValidKey,
      ) {
        if (this.name === 'chunks' && (value as DatasetChunkRecord).index === 1) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return add.call(this, value, key);
      });
      const error = await importProject(db, good).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageFullError);
      expect(await dump()).toEqual(before);
    });
  });
});

describe('importedProjectName', () => {
  it('suffixes a taken name, counting up, and keeps names within 120 characters', () => {
    expect(importedProjectName('Churn', new Set())).toBe('Churn');
    expect(importedProjectName('Churn', new Set(['Churn']))).toBe('Churn (imported)');
    expect(importedProjectName('Churn', new Set(['Churn', 'Churn (imported)']))).toBe('Churn (imported 2)');
    const long = 'x'.repeat(120);
    const renamed = importedProjectName(long, new Set([long]));
    // 120 - ' (imported)'.length = 109 x's, then the suffix.
    expect(renamed).toBe(`${'x'.repeat(109)} (imported)`);
    expect(renamed).toHaveLength(120);
  });
});
