/**
 * What a model predicts for a block of rows: class probabilities (row-major rows × classes; for binary
 * tasks column 1 is the positive class) or regression values in the target's own units.
 */
export type ModelOutput =
  | {
      kind: 'proba';
      classes: number;
      values: Float64Array;
      /**
       * Binary only: the model's decision threshold on P(positive), when it has one other than 0.5
       * (chosen on out-of-fold predictions for F1-type metrics). Label metrics use it.
       */
      threshold?: number;
    }
  | { kind: 'value'; values: Float64Array };

/** The output with the artifact's binary decision threshold attached, if it has one. */
export function withThreshold(output: ModelOutput, threshold: number | undefined): ModelOutput {
  if (threshold === undefined || output.kind !== 'proba' || output.classes !== 2) return output;
  return { ...output, threshold };
}
