import type { DatePart, FeatureSpec } from './feature-spec.ts';

/**
 * A fitted feature pipeline: the spec plus everything learned from the training rows, as plain JSON (no NaN,
 * Infinity or undefined anywhere), because it is stored with the model version, hashed into
 * `pipelineVersion` and replayed by the one `transform` that training, evaluation, batch scoring and
 * real-time serving all use. Maps are written as parallel arrays, never as objects keyed by data values (a
 * category called "__proto__" must not be special).
 */
export interface FittedPipeline {
  version: 1;
  /** The spec it was fitted from, normalised (unknown keys and undefined fields dropped). */
  spec: FeatureSpec;
  /** Source columns `transform` reads, in order of first use. Dropped columns and the target are not among them. */
  inputs: string[];
  /** Feature names, one per output column: "age", "city=Paris", "city=(other)", "signup.month". Unique. */
  outputs: string[];
  /** For each output, the index into `inputs` of its source column (permutation importance permutes by group). */
  groups: number[];
  /** Learned parameters, one per `spec.transforms` entry, in the same order. */
  steps: FittedStep[];
  target: FittedTarget;
  /** How many training rows it was fitted on. */
  trainRows: number;
}

/**
 * The target's encoding. Binary: `classes` is [negative, positive], so the positive class encodes as 1.
 * Multiclass: classes in string (UTF-16 code unit) order, as numpy's `np.unique` sorts them.
 */
export type FittedTarget =
  { kind: 'classes'; classes: string[]; positiveClass?: string } | { kind: 'numeric' };

/**
 * A numeric column: x = parsed value, or `fill` when missing or not a number; then clipped to `clip`; then
 * signed log1p when `log1p`; then either (x − center) / scale, or, when `edges` is set, a one-hot bin: bin i
 * holds edges[i−1] ≤ x < edges[i]. A trailing 0/1 "(missing)" column when `missingIndicator`.
 */
export interface FittedNumericStep {
  kind: 'numeric';
  column: string;
  fill: number;
  clip: { lower: number; upper: number } | null;
  log1p: boolean;
  center: number;
  scale: number;
  edges: number[] | null;
  missingIndicator: boolean;
  /** Missing values stay NaN (for trees); `fill` is then unused, and there is no indicator or bins. */
  keepMissing?: true;
}

/** Top categories (most frequent first), then "(other)", then "(missing)" when `missingIndicator`. */
export interface FittedOnehotStep {
  kind: 'onehot';
  column: string;
  categories: string[];
  missingIndicator: boolean;
}

/** index / (order.length − 1); `fill` (the training mean of that) for missing and unknown values. */
export interface FittedOrdinalStep {
  kind: 'ordinal';
  column: string;
  order: string[];
  fill: number;
}

/** shares[i] of training rows hold values[i]; `missingShare` are missing; a value never seen encodes as 0. */
export interface FittedFrequencyStep {
  kind: 'frequency';
  column: string;
  values: string[];
  shares: number[];
  missingShare: number;
}

/**
 * Per part p (parallel arrays): (value − center[p]) / scale[p], with fill[p] (the training mean) for a missing
 * or unreadable date. `referenceDays` is the reference as days since 1970-01-01 (fractional with a time);
 * `reference` is the same instant as ISO text, for people. A trailing "(missing)" column when
 * `missingIndicator`.
 */
export interface FittedDatetimeStep {
  kind: 'datetime';
  column: string;
  parts: DatePart[];
  reference: string;
  referenceDays: number;
  fill: number[];
  center: number[];
  scale: number[];
  missingIndicator: boolean;
}

/** One column per vocabulary term (string order), weighted by `idf` (parallel to `vocabulary`), rows L2-normalised. */
export interface FittedTfidfStep {
  kind: 'tfidf';
  column: string;
  vocabulary: string[];
  idf: number[];
}

/** 1 for true, 0 for false, `fill` (the training share of true) when missing; "(missing)" column when `missingIndicator`. */
export interface FittedBooleanStep {
  kind: 'boolean';
  column: string;
  fill: number;
  missingIndicator: boolean;
}

/** No outputs. */
export interface FittedDropStep {
  kind: 'drop';
  column: string;
}

/** What one transform learned from the training rows. */
export type FittedStep =
  | FittedNumericStep
  | FittedOnehotStep
  | FittedOrdinalStep
  | FittedFrequencyStep
  | FittedDatetimeStep
  | FittedTfidfStep
  | FittedBooleanStep
  | FittedDropStep;
