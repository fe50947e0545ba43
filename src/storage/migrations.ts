/**
 * The database's version history. Each `if` block upgrades from version N-1 to N and is never edited once
 * shipped: a browser that already ran it will not run it again, so a change to an old block reaches nobody
 * who has the database. New stores, indexes and record rewrites go in a new block at the end, with
 * DB_VERSION raised to match.
 *
 * Blocks only queue requests on the upgrade transaction and never await anything else, or the transaction
 * would commit half way through.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { LooplabDB } from './schema.ts';

export const DB_VERSION = 3;

/**
 * Upgrades `db` from `oldVersion` to `newVersion`, for idb's `upgrade` callback. Runs the blocks in
 * (oldVersion, newVersion], so a test can build an old database by opening it at that version.
 */
export function migrate(
  db: IDBPDatabase<LooplabDB>,
  oldVersion: number,
  newVersion: number | null,
  tx: IDBPTransaction<LooplabDB, StoreNames<LooplabDB>[], 'versionchange'>,
): void {
  const target = newVersion ?? DB_VERSION;

  if (oldVersion < 1 && target >= 1) {
    // v1: projects and ingested datasets, with their timeline.
    db.createObjectStore('projects', { keyPath: 'id' });
    db.createObjectStore('datasets', { keyPath: 'id' }).createIndex('by-project', 'projectId');
    db.createObjectStore('chunks', { keyPath: ['datasetId', 'index'] });
    db.createObjectStore('timeline', { keyPath: 'id' }).createIndex('by-project', 'projectId');
  }

  if (oldVersion < 2 && target >= 2) {
    // v2: the rest of the lifecycle, from problem card to alerts.
    db.createObjectStore('problems', { keyPath: 'id' }).createIndex('by-project', 'projectId');
    db.createObjectStore('recipes', { keyPath: 'id' }).createIndex('by-project', 'projectId');
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('by-project', 'projectId');
    runs.createIndex('by-status', 'status');
    db.createObjectStore('bundles', { keyPath: 'id' }).createIndex('by-project', 'projectId');
    db.createObjectStore('aliases', { keyPath: ['projectId', 'alias'] }).createIndex(
      'by-project',
      'projectId',
    );
    db.createObjectStore('deployments', { keyPath: 'id' }).createIndex('by-project', 'projectId');
    db.createObjectStore('predictions', { keyPath: 'id' }).createIndex('by-project', 'projectId');
    const labels = db.createObjectStore('labels', { keyPath: 'id' });
    labels.createIndex('by-project', 'projectId');
    labels.createIndex('by-request', 'requestId');
    db.createObjectStore('alerts', { keyPath: 'id' }).createIndex('by-project', 'projectId');
  }

  if (oldVersion < 3 && target >= 3) {
    // v3: monitoring reads the prediction log by time window and prunes it by age, so the log is indexed
    // by (project, time) rather than walked whole.
    tx.objectStore('predictions').createIndex('by-project-time', ['projectId', 'createdAt']);
  }
}
