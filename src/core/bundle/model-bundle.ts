import type { FittedPipeline } from '../features/index.ts';
import type { ModelArtifact } from '../models/model-artifact.ts';
import type { ProblemCard } from '../problem/problem-card.ts';
import type { FittedValues, RecipeStep } from '../recipe/index.ts';
import type { RunLineage } from '../records.ts';
import type { ColumnType } from '../table/raw-table.ts';
import type { DriftReference } from './drift-reference.ts';

/** The `format` of every model bundle; anything else is not one. */
export const BUNDLE_FORMAT = 'looplab-bundle';
/**
 * The bundle schema version this build writes. Bump it when the bundle's shape changes, and keep reading
 * the older ones: version 2 (issue 17) added ensembles (`model.members`), the exact linear solver's C and
 * alpha, class weights and refits; a version 1 bundle is a valid version 2 bundle without them.
 */
export const BUNDLE_SCHEMA_VERSION = 2;
/** Every schema version this build reads; older ones are upgraded on parse (`upgradeBundle`). */
export const READABLE_BUNDLE_VERSIONS: readonly number[] = [1, 2];
/** The binary decision threshold on P(positive) when none is chosen. */
export const DEFAULT_THRESHOLD = 0.5;

/** One raw input column a request must (or may) carry. */
export interface BundleColumn {
  name: string;
  /** The column's type in the training dataset, so a form can offer the right input. */
  type: ColumnType;
  /** Whether the model cannot do without it; optional columns may be left empty (they are imputed). */
  required: boolean;
}

/** What goes in and what comes out: the raw columns of a request, and the name of the predicted column. */
export interface BundleSignature {
  columns: BundleColumn[];
  target: string;
}

/** The run's metrics: validation at the kept epoch, and test when the sealed test set was scored. */
export interface BundleMetrics {
  validation: Record<string, number>;
  test?: Record<string, number>;
}

/**
 * A model version (LIFECYCLE §6): everything needed to serve and monitor one trained model without the
 * project it came from. Immutable once built: a new model is a new bundle, never an edited one. Plain JSON
 * (NaN and ±Infinity only in metrics, which the json-codec keeps), so that it is stored, exported and hashed
 * as is.
 */
export interface ModelBundle {
  format: typeof BUNDLE_FORMAT;
  schemaVersion: typeof BUNDLE_SCHEMA_VERSION;
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  name: string;
  problem: ProblemCard;
  /** The recipe, replayed with `recipeFitted` on every request (the one serving path). */
  recipe: { steps: RecipeStep[] };
  recipeFitted: FittedValues;
  pipeline: FittedPipeline;
  model: ModelArtifact;
  signature: BundleSignature;
  /** One raw input row, as text, to prefill the prediction form and to smoke-test an imported bundle. */
  example: Record<string, string>;
  /** Binary tasks: P(positive) at or above it predicts the positive class. Ignored by other tasks. */
  threshold: number;
  /** Training-time distributions that monitoring compares live traffic against. */
  reference: DriftReference;
  lineage: RunLineage & { runId: string };
  metrics: BundleMetrics;
}
