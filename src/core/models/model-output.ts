/**
 * What a model predicts for a block of rows: class probabilities (row-major rows × classes; for binary
 * tasks column 1 is the positive class) or regression values in the target's own units.
 */
export type ModelOutput =
  { kind: 'proba'; classes: number; values: Float64Array } | { kind: 'value'; values: Float64Array };
