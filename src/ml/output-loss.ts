import type { ModelOutput } from '../core/models/model-output.ts';

/** Probabilities are clipped here before the log, as sklearn's log_loss does, so one confident miss stays finite. */
const EPS = 1e-15;

/**
 * The loss a network minimises, computed in float64 from its predictions: mean log loss for classification,
 * mean squared error in standardized target units for regression (so it reads the same for house prices and
 * for counts). Used for the validation curve and early stopping.
 */
export function outputLoss(output: ModelOutput, y: Float64Array, targetSd = 1): number {
  const rows = y.length;
  if (rows === 0) return NaN;
  let sum = 0;
  if (output.kind === 'value') {
    for (let r = 0; r < rows; r++) {
      const d = (output.values[r]! - y[r]!) / targetSd;
      sum += d * d;
    }
    return sum / rows;
  }
  const k = output.classes;
  for (let r = 0; r < rows; r++) {
    const p = Math.min(1 - EPS, Math.max(EPS, output.values[r * k + y[r]!]!));
    sum -= Math.log(p);
  }
  return sum / rows;
}
