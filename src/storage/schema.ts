/**
 * The one IndexedDB database of Looplab ('looplab'), typed for idb. What lives where:
 *
 * - projects:    ProjectRecord, key id. The root of everything else.
 * - datasets:    DatasetRecord (metadata, hash, columns), key id. The rows live in chunks.
 * - chunks:      DatasetChunkRecord, key [datasetId, index]: column-major blocks of a dataset's rows, so a
 *                dataset is read a block at a time and never has to fit in one structured clone.
 * - problems, recipes, runs, bundles, deployments, predictions, labels, alerts, timeline: the lifecycle's
 *                records, key id, each project-scoped with a 'by-project' index.
 * - aliases:     AliasRecord, key [projectId, alias] ('champion', 'challenger'): one row per alias and
 *                project, so moving an alias is one put.
 *
 * Every store but chunks carries a projectId with a 'by-project' index, so that deleting or exporting a
 * project is an index walk per store. Chunks belong to a project through their dataset.
 * Shapes are in src/core/records.ts; the stores are created by migrations.ts.
 */
import { SNAPSHOT_STORES } from '../core/project-file/project-snapshot.ts';
import type { DBSchema, StoreNames } from 'idb';
import type {
  AlertRecord,
  AliasRecord,
  BundleRecord,
  DatasetChunkRecord,
  DatasetRecord,
  DeploymentRecord,
  Id,
  LabelRecord,
  PackedChunkRecord,
  PredictionRecord,
  ProblemRecord,
  ProjectRecord,
  RecipeRecord,
  RunRecord,
  RunStatus,
  TimelineRecord,
} from '../core/records.ts';

type ByProject = { 'by-project': Id };

export interface LooplabDB extends DBSchema {
  projects: { key: Id; value: ProjectRecord };
  datasets: { key: Id; value: DatasetRecord; indexes: ByProject };
  // Written packed (PackedChunkRecord); older or imported records may hold plain `columns`. Read through
  // restoreChunk, which always returns columns.
  chunks: { key: [Id, number]; value: DatasetChunkRecord | PackedChunkRecord };
  problems: { key: Id; value: ProblemRecord; indexes: ByProject };
  recipes: { key: Id; value: RecipeRecord; indexes: ByProject };
  runs: { key: Id; value: RunRecord; indexes: ByProject & { 'by-status': RunStatus } };
  bundles: { key: Id; value: BundleRecord; indexes: ByProject };
  aliases: { key: [Id, string]; value: AliasRecord; indexes: ByProject };
  deployments: { key: Id; value: DeploymentRecord; indexes: ByProject };
  predictions: {
    key: Id;
    value: PredictionRecord;
    indexes: ByProject & { 'by-project-time': [Id, number] };
  };
  labels: { key: Id; value: LabelRecord; indexes: ByProject & { 'by-request': Id } };
  alerts: { key: Id; value: AlertRecord; indexes: ByProject };
  timeline: { key: Id; value: TimelineRecord; indexes: ByProject };
}

/** Every store in the database. A transaction over all of them is how a project is deleted or imported. */
export const ALL_STORES = [
  'projects',
  // The project-owned stores, listed once where the project file format defines them.
  ...SNAPSHOT_STORES,
] as const satisfies readonly StoreNames<LooplabDB>[];

/** The stores whose records carry a projectId and a 'by-project' index: every project-owned store but chunks. */
export const PROJECT_SCOPED_STORES = SNAPSHOT_STORES.filter(
  (store): store is Exclude<(typeof SNAPSHOT_STORES)[number], 'chunks'> => store !== 'chunks',
);

export type ProjectScopedStore = (typeof PROJECT_SCOPED_STORES)[number];

// Fails to compile when a store is added to LooplabDB but not to ALL_STORES (which delete and import walk).
const _allStoresListed: [Exclude<StoreNames<LooplabDB>, (typeof ALL_STORES)[number]>] extends [never]
  ? true
  : never = true;
