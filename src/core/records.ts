/**
 * The shapes of every persisted record, for the whole lifecycle. They live in core (not storage) because
 * workers, the CLI and project export/import all speak them. Every record carries `schemaVersion`, the version
 * of its own shape, so a reader can normalise old records on read.
 *
 * Stages that later issues build (problems, recipes, runs, ...) already have a home here so that the database
 * schema covers the lifecycle from day one; their payload fields are deliberately open (`Record<string,
 * unknown>`) until those stages define them.
 */

export type Id = string;
/** Milliseconds since the epoch. */
export type Millis = number;

export const RECORD_SCHEMA_VERSION = 1;

interface Base {
  schemaVersion: number;
  id: Id;
}

interface ProjectScoped extends Base {
  projectId: Id;
  createdAt: Millis;
}

export interface ProjectRecord extends Base {
  name: string;
  createdAt: Millis;
  updatedAt: Millis;
  /** Set on the built-in sample project. */
  sample?: boolean;
  /** Monitoring settings (retention, window, alert thresholds, retrain triggers); see src/core/monitor. */
  monitor?: Record<string, unknown>;
}

export interface DatasetColumn {
  name: string;
  /** Zero-based position in the file's header. */
  index: number;
}

export interface DatasetRecord extends ProjectScoped {
  name: string;
  /** The raw dataset version: SHA-256 (hex) of the file's bytes. */
  sha256: string;
  byteLength: number;
  rowCount: number;
  columns: DatasetColumn[];
  delimiter: string;
  /** Rows per stored chunk; chunk i holds rows [i*chunkRows, (i+1)*chunkRows). */
  chunkRows: number;
  chunkCount: number;
  /** Uploaded, generated for the sample project, or the labelled batch a retrain appended (from the log). */
  source: 'upload' | 'sample' | 'retrain';
  /** Problems found while parsing, each naming its line. */
  warnings: string[];
}

/** One column of a chunk as stored: all values in one string, and where each ends (see packColumn). */
export interface PackedColumn {
  text: string;
  ends: Uint32Array;
}

/** A chunk in its stored form: the same rows as DatasetChunkRecord, packed column by column. */
export interface PackedChunkRecord {
  schemaVersion: number;
  datasetId: Id;
  index: number;
  packed: PackedColumn[];
}

/** Column-major strings for a block of rows: `columns[c][r]`. Values are exactly the strings in the file. */
export interface DatasetChunkRecord {
  schemaVersion: number;
  datasetId: Id;
  index: number;
  columns: string[][];
}

export interface ProblemRecord extends ProjectScoped {
  version: number;
  datasetId: Id;
  card: Record<string, unknown>;
}

export interface RecipeRecord extends ProjectScoped {
  version: number;
  steps: Record<string, unknown>[];
  /** The dataset the recipe prepares; with its SHA-256 and `hash`, the prepared dataset's version. */
  datasetId?: Id;
  /** Content hash of the steps (the recipe version used in lineage). */
  hash?: string;
  /** The sealed train/validation/test split the recipe learned from (see src/core/split). */
  split?: Record<string, unknown>;
}

export type RunStatus = 'running' | 'finished' | 'failed' | 'cancelled' | 'interrupted';

/** The exact inputs a run was trained from: with them (and the seed and params) it can be rerun. */
export interface RunLineage {
  datasetId: Id;
  datasetSha256: string;
  problemId: Id;
  problemVersion: number;
  recipeId: Id;
  recipeVersion: number;
  recipeHash: string;
  /** Content hash of the fitted feature pipeline. */
  pipelineVersion: string;
  /** SHA-256 of the sealed test rows. */
  testRowsHash: string;
  /** Rows in each set, after the recipe. */
  rows: { train: number; validation: number; test: number };
  /**
   * A retrained run: the batches of new labelled rows appended to the dataset, oldest first, each stored
   * as a dataset of the project. It trained on the dataset plus each batch's admissible rows (see
   * `buildAppendedData`), which is how its data is rebuilt for evaluation, parity and packaging.
   */
  appended?: { datasetId: Id; datasetSha256: string }[];
  /**
   * How the model was chosen and what it trained on (issue 17): k-fold cross-validation on the train and
   * validation rows, or the validation rows alone; `refit` when the model in the run (and its bundle) was
   * then refit on all `refitRows` non-test rows.
   */
  selection?: { method: 'cv' | 'holdout'; folds?: number; refit: boolean; refitRows?: number };
}

export interface RunRecord extends ProjectScoped {
  status: RunStatus;
  /** Model params (ModelParams). */
  params: Record<string, unknown>;
  seed: number;
  /** Per-epoch metrics: one entry an epoch (EpochRecord). */
  history: Record<string, number>[];
  /** Final validation metrics at the kept epoch. */
  metrics: Record<string, number>;
  /**
   * Code version and environment: commit (baked in at build), app, tfjs, backend, userAgent, cores.
   */
  environment: Record<string, string | number>;
  finishedAt?: Millis;
  /** A short name for lists: "mlp 64-32 #3". */
  name?: string;
  /** Runs started together by one search share this id; `trial` orders them. */
  sweepId?: Id;
  trial?: number;
  lineage?: RunLineage;
  /** The problem's metric (e.g. roc_auc) and its validation value at the kept epoch. */
  metric?: string;
  score?: number;
  /** Test-set metrics, when the test set was scored for this run (each scoring is a recorded look). */
  test?: Record<string, number>;
  /**
   * Cross-validated selection (issue 17): the problem metric on each fold's held-out rows, their mean (the
   * run's `score`) and sample standard deviation. `metrics` are then the out-of-fold ones; the stored
   * model is the refit one when `params.refit`, else the first fold's.
   */
  cv?: { scores: number[]; mean: number; std: number };
  bestEpoch?: number;
  /** Stopped early by successive halving. */
  pruned?: boolean;
  durationMs?: number;
  /** Milliseconds per row to predict with the trained model (the leaderboard's prediction time). */
  predictMsPerRow?: number;
  /** The trained model (ModelArtifact): plain JSON. Absent until the run finishes. */
  artifact?: Record<string, unknown>;
  /** The fitted feature pipeline (FittedPipeline): plain JSON. */
  pipeline?: Record<string, unknown>;
  /** What the recipe learned from the training rows (FittedValues), replayed when serving. */
  recipeFitted?: Record<string, unknown>;
  /** Permutation importance of the source columns on the validation rows, highest first. */
  importance?: { column: string; mean: number; std: number }[];
  /** Why a failed run failed. */
  error?: string;
  /** For a reproduction: the run it reproduces. */
  reproducesRunId?: Id;
}

export interface BundleRecord extends ProjectScoped {
  runId: Id;
  version: number;
  /** The immutable packaged model: weights, pipeline, signature, reference statistics, lineage. */
  payload: Record<string, unknown>;
  /** Free labels ("baseline", "reviewed"); the only part of a registered version that can change. */
  tags?: string[];
}

export interface AliasRecord {
  schemaVersion: number;
  projectId: Id;
  /** e.g. 'champion' | 'challenger'. */
  alias: string;
  bundleId: Id;
  updatedAt: Millis;
}

export interface DeploymentRecord extends ProjectScoped {
  strategy: 'single' | 'shadow' | 'canary' | 'blue-green';
  state: Record<string, unknown>;
}

/**
 * One model run on one request (LIFECYCLE §7's prediction log). A request that ran two models (shadow,
 * canary comparison) has two entries with the same `requestId`; `role` says which one answered.
 */
export interface PredictionRecord extends ProjectScoped {
  requestId: Id;
  bundleId: Id;
  /** 'champion' or 'challenger': the alias the model held when it ran. */
  arm: string;
  /** 'served' (its answer was returned), 'shadow', 'comparison' (canary agreement) or 'failed'. */
  role: string;
  /** The deployment strategy in force: single, shadow, canary or blue-green. */
  strategy: string;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  latencyMs: number;
}

export interface LabelRecord extends ProjectScoped {
  requestId: Id;
  label: string;
}

export interface AlertRecord extends ProjectScoped {
  kind: string;
  message: string;
  acknowledged: boolean;
  /** The figures that fired it (the observed value and its threshold). */
  data?: Record<string, unknown>;
}

export interface TimelineRecord extends ProjectScoped {
  kind: string;
  message: string;
  data?: Record<string, unknown>;
  /**
   * Position in the project's timeline in commit order (0 for the first event), set when the event is
   * stored. It orders events that share a millisecond, such as a project and its first dataset.
   */
  sequence?: number;
}
