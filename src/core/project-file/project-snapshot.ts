import type {
  AlertRecord,
  AliasRecord,
  BundleRecord,
  DatasetChunkRecord,
  DatasetRecord,
  DeploymentRecord,
  LabelRecord,
  PredictionRecord,
  ProblemRecord,
  ProjectRecord,
  RecipeRecord,
  RunRecord,
  TimelineRecord,
} from '../records.ts';

/**
 * Everything one project owns, as plain records: what a project file holds and what export reads from and
 * import writes to the database. Each key except `project` is named after its IndexedDB store.
 */
export interface ProjectSnapshot {
  project: ProjectRecord;
  datasets: DatasetRecord[];
  chunks: DatasetChunkRecord[];
  problems: ProblemRecord[];
  recipes: RecipeRecord[];
  runs: RunRecord[];
  bundles: BundleRecord[];
  aliases: AliasRecord[];
  deployments: DeploymentRecord[];
  predictions: PredictionRecord[];
  labels: LabelRecord[];
  alerts: AlertRecord[];
  timeline: TimelineRecord[];
}

/** The snapshot's record lists, in the order they are written to a file. */
export const SNAPSHOT_STORES = [
  'datasets',
  'chunks',
  'problems',
  'recipes',
  'runs',
  'bundles',
  'aliases',
  'deployments',
  'predictions',
  'labels',
  'alerts',
  'timeline',
] as const satisfies readonly (keyof ProjectSnapshot)[];

export type SnapshotStore = (typeof SNAPSHOT_STORES)[number];
