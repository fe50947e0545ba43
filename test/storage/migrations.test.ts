import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectRecord, RunRecord, TimelineRecord } from '../../src/core/records.ts';
import { listDatasets } from '../../src/storage/datasets.ts';
import { DB_VERSION, migrate } from '../../src/storage/migrations.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { getProject } from '../../src/storage/projects.ts';
import type { LooplabDB } from '../../src/storage/schema.ts';
import { listTimeline } from '../../src/storage/timeline.ts';

const open: IDBPDatabase<LooplabDB>[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** Opens a database at `version` by running only the migration blocks up to it, as an older build did. */
async function openAtVersion(name: string, version: number): Promise<IDBPDatabase<LooplabDB>> {
  const db = await openDB<LooplabDB>(name, version, { upgrade: migrate });
  open.push(db);
  return db;
}

/** Stores, key paths and indexes, sorted: what a database's layout is, independent of how it was built. */
function describeLayout(db: IDBPDatabase<LooplabDB>) {
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names, 'readonly');
  return names.map((name) => {
    const store = tx.objectStore(name);
    return {
      name,
      keyPath: store.keyPath,
      indexes: [...store.indexNames].sort().map((index) => [index, store.index(index).keyPath]),
    };
  });
}

const project: ProjectRecord = {
  schemaVersion: 1,
  id: 'p-1',
  name: 'Old project',
  createdAt: 100,
  updatedAt: 200,
};
const event: TimelineRecord = {
  schemaVersion: 1,
  id: 't-1',
  projectId: 'p-1',
  createdAt: 100,
  kind: 'project-created',
  message: 'Project “Old project” created',
};

describe('migrations', () => {
  it('version 1 has only projects, datasets, chunks and timeline', async () => {
    const db = await openAtVersion(crypto.randomUUID(), 1);
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames].sort()).toEqual(['chunks', 'datasets', 'projects', 'timeline']);
  });

  it('upgrades a version 1 database to DB_VERSION keeping its records and adding the new stores', async () => {
    const name = crypto.randomUUID();
    const v1 = await openAtVersion(name, 1);
    await v1.put('projects', project);
    await v1.put('timeline', event);
    v1.close();

    const db = await openLooplabDB({ name });
    open.push(db);
    expect(DB_VERSION).toBe(3);
    expect(db.version).toBe(3);
    expect(await getProject(db, 'p-1')).toEqual(project);
    expect(await listTimeline(db, 'p-1')).toEqual([event]);
    expect(await listDatasets(db, 'p-1')).toEqual([]);
    expect([...db.objectStoreNames].sort()).toEqual([
      'alerts',
      'aliases',
      'bundles',
      'chunks',
      'datasets',
      'deployments',
      'labels',
      'predictions',
      'problems',
      'projects',
      'recipes',
      'runs',
      'timeline',
    ]);

    // The new stores work, indexes included.
    const run: RunRecord = {
      schemaVersion: 1,
      id: 'r-1',
      projectId: 'p-1',
      createdAt: 300,
      status: 'running',
      params: {},
      seed: 1,
      history: [],
      metrics: {},
      environment: {},
    };
    await db.put('runs', run);
    expect(await db.getAllFromIndex('runs', 'by-status', 'running')).toEqual([run]);
    await db.put('aliases', {
      schemaVersion: 1,
      projectId: 'p-1',
      alias: 'champion',
      bundleId: 'b-1',
      updatedAt: 1,
    });
    expect(await db.getKeyFromIndex('aliases', 'by-project', 'p-1')).toEqual(['p-1', 'champion']);
  });

  it('upgrades a version 2 database: the prediction log gains its (project, time) index and keeps its entries', async () => {
    const name = crypto.randomUUID();
    const v2 = await openAtVersion(name, 2);
    const entry = (id: string, createdAt: number) => ({
      schemaVersion: 1,
      id,
      projectId: 'p-1',
      createdAt,
      requestId: id,
      bundleId: 'b-1',
      arm: 'champion',
      role: 'served',
      strategy: 'single',
      input: {},
      output: {},
      latencyMs: 1,
    });
    await v2.put('predictions', entry('q-2', 200));
    await v2.put('predictions', entry('q-1', 100));
    v2.close();
    const db = await openLooplabDB({ name });
    open.push(db);
    const range = IDBKeyRange.bound(['p-1', 150], ['p-1', 250]);
    expect((await db.getAllFromIndex('predictions', 'by-project-time', range)).map((p) => p.id)).toEqual([
      'q-2',
    ]);
  });

  it('builds the same layout whether a database is created new or upgraded from version 1', async () => {
    const fresh = await openLooplabDB({ name: crypto.randomUUID() });
    open.push(fresh);

    const name = crypto.randomUUID();
    (await openAtVersion(name, 1)).close();
    const upgraded = await openLooplabDB({ name });
    open.push(upgraded);

    expect(describeLayout(upgraded)).toEqual(describeLayout(fresh));
    expect(describeLayout(fresh).find((store) => store.name === 'labels')).toEqual({
      name: 'labels',
      keyPath: 'id',
      indexes: [
        ['by-project', 'projectId'],
        ['by-request', 'requestId'],
      ],
    });
    expect(describeLayout(fresh).find((store) => store.name === 'chunks')).toEqual({
      name: 'chunks',
      keyPath: ['datasetId', 'index'],
      indexes: [],
    });
  });
});
