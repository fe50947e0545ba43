import { z } from '../zod.ts';
import {
  RECORD_SCHEMA_VERSION,
  type AlertRecord,
  type AliasRecord,
  type BundleRecord,
  type DatasetChunkRecord,
  type DatasetRecord,
  type DeploymentRecord,
  type LabelRecord,
  type PredictionRecord,
  type ProblemRecord,
  type ProjectRecord,
  type RecipeRecord,
  type RunRecord,
  type TimelineRecord,
} from '../records.ts';
import type { SnapshotStore } from './project-snapshot.ts';
import { selectionSchema } from './selection-schema.ts';

/**
 * The shape of every record a project file may hold, checked on import. Each schema `satisfies` the record
 * type in records.ts, so the two cannot drift apart silently. Unknown keys are dropped; records newer than
 * this build are refused rather than stripped of fields it does not know.
 */

const id = z.string().min(1, { message: 'must not be empty' });
const millis = z.number();
const count = z.number().int().nonnegative();
// z.number() refuses NaN and ±Infinity, which metrics and losses may legitimately be.
const anyNumber = z.custom<number>((v) => typeof v === 'number', { message: 'must be a number' });
const openObject = z.record(z.string(), z.unknown());
const schemaVersion = z
  .number()
  .int()
  .positive()
  .max(RECORD_SCHEMA_VERSION, {
    message: `is newer than this version of Looplab reads (${RECORD_SCHEMA_VERSION}); update Looplab`,
  });

const projectScoped = { schemaVersion, id, projectId: id, createdAt: millis };

export const projectSchema = z.object({
  schemaVersion,
  id,
  name: z.string().trim().min(1, { message: 'must not be empty' }),
  createdAt: millis,
  updatedAt: millis,
  sample: z.boolean().optional(),
  monitor: openObject.optional(),
}) satisfies z.ZodType<ProjectRecord>;

export const datasetSchema = z.object({
  ...projectScoped,
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex digits' }),
  byteLength: count,
  rowCount: count,
  columns: z.array(z.object({ name: z.string(), index: count })),
  delimiter: z.string(),
  chunkRows: z.number().int().positive(),
  chunkCount: count,
  source: z.enum(['upload', 'sample', 'retrain']),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<DatasetRecord>;

export const chunkSchema = z.object({
  schemaVersion,
  datasetId: id,
  index: count,
  columns: z.array(z.array(z.string())),
}) satisfies z.ZodType<DatasetChunkRecord>;

export const problemSchema = z.object({
  ...projectScoped,
  version: count,
  datasetId: id,
  card: openObject,
}) satisfies z.ZodType<ProblemRecord>;

export const recipeSchema = z.object({
  ...projectScoped,
  version: count,
  steps: z.array(openObject),
  datasetId: id.optional(),
  hash: z.string().optional(),
  split: openObject.optional(),
}) satisfies z.ZodType<RecipeRecord>;

export const runSchema = z.object({
  ...projectScoped,
  status: z.enum(['running', 'finished', 'failed', 'cancelled', 'interrupted']),
  params: openObject,
  seed: z.number().int(),
  history: z.array(z.record(z.string(), anyNumber)),
  metrics: z.record(z.string(), anyNumber),
  environment: z.record(z.string(), z.union([z.string(), anyNumber])),
  finishedAt: millis.optional(),
  name: z.string().optional(),
  sweepId: id.optional(),
  trial: count.optional(),
  lineage: z
    .object({
      datasetId: id,
      datasetSha256: z.string(),
      problemId: id,
      problemVersion: count,
      recipeId: id,
      recipeVersion: count,
      recipeHash: z.string(),
      pipelineVersion: z.string(),
      testRowsHash: z.string(),
      rows: z.object({ train: count, validation: count, test: count }),
      appended: z.array(z.object({ datasetId: id, datasetSha256: z.string() })).optional(),
      selection: selectionSchema.optional(),
    })
    .optional(),
  metric: z.string().optional(),
  score: anyNumber.optional(),
  test: z.record(z.string(), anyNumber).optional(),
  cv: z.object({ scores: z.array(anyNumber), mean: anyNumber, std: anyNumber }).optional(),
  bestEpoch: count.optional(),
  pruned: z.boolean().optional(),
  durationMs: z.number().nonnegative().optional(),
  predictMsPerRow: z.number().nonnegative().optional(),
  artifact: openObject.optional(),
  pipeline: openObject.optional(),
  recipeFitted: openObject.optional(),
  importance: z.array(z.object({ column: z.string(), mean: anyNumber, std: anyNumber })).optional(),
  error: z.string().optional(),
  reproducesRunId: id.optional(),
}) satisfies z.ZodType<RunRecord>;

export const bundleSchema = z.object({
  ...projectScoped,
  runId: id,
  version: count,
  payload: openObject,
  tags: z.array(z.string()).optional(),
}) satisfies z.ZodType<BundleRecord>;

export const aliasSchema = z.object({
  schemaVersion,
  projectId: id,
  alias: z.string().min(1, { message: 'must not be empty' }),
  bundleId: id,
  updatedAt: millis,
}) satisfies z.ZodType<AliasRecord>;

export const deploymentSchema = z.object({
  ...projectScoped,
  strategy: z.enum(['single', 'shadow', 'canary', 'blue-green']),
  state: openObject,
}) satisfies z.ZodType<DeploymentRecord>;

export const predictionSchema = z.object({
  ...projectScoped,
  requestId: id,
  bundleId: id,
  arm: z.string(),
  role: z.string(),
  strategy: z.string(),
  input: openObject,
  output: openObject,
  latencyMs: z.number().nonnegative(),
}) satisfies z.ZodType<PredictionRecord>;

export const labelSchema = z.object({
  ...projectScoped,
  requestId: id,
  label: z.string(),
}) satisfies z.ZodType<LabelRecord>;

export const alertSchema = z.object({
  ...projectScoped,
  kind: z.string(),
  message: z.string(),
  acknowledged: z.boolean(),
  data: openObject.optional(),
}) satisfies z.ZodType<AlertRecord>;

export const timelineSchema = z.object({
  ...projectScoped,
  kind: z.string(),
  message: z.string(),
  data: openObject.optional(),
  sequence: count.optional(),
}) satisfies z.ZodType<TimelineRecord>;

/** The record schema of each store in a snapshot. */
export const STORE_SCHEMAS = {
  datasets: datasetSchema,
  chunks: chunkSchema,
  problems: problemSchema,
  recipes: recipeSchema,
  runs: runSchema,
  bundles: bundleSchema,
  aliases: aliasSchema,
  deployments: deploymentSchema,
  predictions: predictionSchema,
  labels: labelSchema,
  alerts: alertSchema,
  timeline: timelineSchema,
} satisfies Record<SnapshotStore, z.ZodType>;
