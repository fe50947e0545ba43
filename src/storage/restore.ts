/**
 * Normalises records as they are read, so the rest of the app sees only the current shape. A record written
 * by an older build may lack fields added since; each restore* fills them with a default that means "not
 * known" and stamps the current schemaVersion. Unknown fields are kept, so a record from a newer build in
 * another tab survives being read and written back here.
 *
 * Add a default here whenever a field is added to a record in src/core/records.ts.
 */
import { unpackColumn } from '../core/table/packed-column.ts';
import {
  RECORD_SCHEMA_VERSION,
  type AlertRecord,
  type AliasRecord,
  type BundleRecord,
  type DatasetChunkRecord,
  type PackedChunkRecord,
  type DatasetRecord,
  type DeploymentRecord,
  type LabelRecord,
  type PredictionRecord,
  type ProblemRecord,
  type ProjectRecord,
  type RecipeRecord,
  type RunRecord,
  type TimelineRecord,
} from '../core/records.ts';

/** A record as stored: any field may be missing. Keys are never missing (IndexedDB needs them). */
type Stored<T> = Partial<T>;

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const obj = <T extends object>(v: unknown, fallback: T): T =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as T) : fallback;
const version = (v: unknown): number => Math.max(num(v, 0), RECORD_SCHEMA_VERSION);

function scoped(raw: Stored<{ id: string; projectId: string; createdAt: number; schemaVersion: number }>) {
  return {
    schemaVersion: version(raw.schemaVersion),
    id: str(raw.id, ''),
    projectId: str(raw.projectId, ''),
    createdAt: num(raw.createdAt, 0),
  };
}

/** A project as read from storage, in the current shape. */
export function restoreProject(raw: Stored<ProjectRecord>): ProjectRecord {
  const createdAt = num(raw.createdAt, 0);
  return {
    ...raw,
    schemaVersion: version(raw.schemaVersion),
    id: str(raw.id, ''),
    name: str(raw.name, '').trim() || 'Untitled project',
    createdAt,
    updatedAt: num(raw.updatedAt, createdAt),
  };
}

/** A dataset record as read from storage, in the current shape. */
export function restoreDataset(raw: Stored<DatasetRecord>): DatasetRecord {
  return {
    ...raw,
    ...scoped(raw),
    name: str(raw.name, 'Untitled dataset'),
    sha256: str(raw.sha256, ''),
    byteLength: num(raw.byteLength, 0),
    rowCount: num(raw.rowCount, 0),
    columns: list(raw.columns),
    delimiter: str(raw.delimiter, ','),
    chunkRows: num(raw.chunkRows, 1),
    chunkCount: num(raw.chunkCount, 0),
    source: raw.source === 'sample' || raw.source === 'retrain' ? raw.source : 'upload',
    warnings: list(raw.warnings),
  };
}

/** A dataset chunk as read from storage, in the current shape. */
export function restoreChunk(
  raw: Stored<DatasetChunkRecord> | Stored<PackedChunkRecord>,
): DatasetChunkRecord {
  const packed = 'packed' in raw && Array.isArray(raw.packed) ? raw.packed : undefined;
  const columns = packed
    ? packed.map(unpackColumn)
    : list<string[]>((raw as Stored<DatasetChunkRecord>).columns);
  return {
    schemaVersion: version(raw.schemaVersion),
    datasetId: str(raw.datasetId, ''),
    index: num(raw.index, 0),
    columns,
  };
}

/** A problem card as read from storage, in the current shape. */
export function restoreProblem(raw: Stored<ProblemRecord>): ProblemRecord {
  return {
    ...raw,
    ...scoped(raw),
    version: num(raw.version, 1),
    datasetId: str(raw.datasetId, ''),
    card: obj(raw.card, {}),
  };
}

/** A cleaning recipe as read from storage, in the current shape. */
export function restoreRecipe(raw: Stored<RecipeRecord>): RecipeRecord {
  return { ...raw, ...scoped(raw), version: num(raw.version, 1), steps: list(raw.steps) };
}

/** A run as read from storage, in the current shape. A run with no status counts as interrupted. */
export function restoreRun(raw: Stored<RunRecord>): RunRecord {
  return {
    ...raw,
    ...scoped(raw),
    status: raw.status ?? 'interrupted',
    params: obj(raw.params, {}),
    seed: num(raw.seed, 0),
    history: list(raw.history),
    metrics: obj(raw.metrics, {}),
    environment: obj(raw.environment, {}),
  };
}

/** A model bundle as read from storage, in the current shape. */
export function restoreBundle(raw: Stored<BundleRecord>): BundleRecord {
  return {
    ...raw,
    ...scoped(raw),
    runId: str(raw.runId, ''),
    version: num(raw.version, 1),
    payload: obj(raw.payload, {}),
  };
}

/** A registry alias as read from storage, in the current shape. */
export function restoreAlias(raw: Stored<AliasRecord>): AliasRecord {
  return {
    ...raw,
    schemaVersion: version(raw.schemaVersion),
    projectId: str(raw.projectId, ''),
    alias: str(raw.alias, ''),
    bundleId: str(raw.bundleId, ''),
    updatedAt: num(raw.updatedAt, 0),
  };
}

/** A deployment as read from storage, in the current shape. */
export function restoreDeployment(raw: Stored<DeploymentRecord>): DeploymentRecord {
  return { ...raw, ...scoped(raw), strategy: raw.strategy ?? 'single', state: obj(raw.state, {}) };
}

/** A logged prediction as read from storage, in the current shape. */
export function restorePrediction(raw: Stored<PredictionRecord>): PredictionRecord {
  return {
    ...raw,
    ...scoped(raw),
    requestId: str(raw.requestId, str(raw.id, '')),
    bundleId: str(raw.bundleId, ''),
    arm: str(raw.arm, ''),
    role: str(raw.role, 'served'),
    strategy: str(raw.strategy, 'single'),
    input: obj(raw.input, {}),
    output: obj(raw.output, {}),
    latencyMs: num(raw.latencyMs, 0),
  };
}

/** A late-arriving label as read from storage, in the current shape. */
export function restoreLabel(raw: Stored<LabelRecord>): LabelRecord {
  return { ...raw, ...scoped(raw), requestId: str(raw.requestId, ''), label: str(raw.label, '') };
}

/** An alert as read from storage, in the current shape. */
export function restoreAlert(raw: Stored<AlertRecord>): AlertRecord {
  return {
    ...raw,
    ...scoped(raw),
    kind: str(raw.kind, ''),
    message: str(raw.message, ''),
    acknowledged: raw.acknowledged === true,
  };
}

/** A timeline event as read from storage, in the current shape. */
export function restoreTimeline(raw: Stored<TimelineRecord>): TimelineRecord {
  return { ...raw, ...scoped(raw), kind: str(raw.kind, ''), message: str(raw.message, '') };
}
