import { checkClassCount, checkClassIndices, checkFinite } from './check-inputs.ts';
import { compensatedMean } from './compensated-sum.ts';

/** Machine epsilon of float64 and float32: the clipping sklearn's `eps='auto'` picks for each. */
const EPS_FLOAT64 = 2 ** -52;
const EPS_FLOAT32 = 2 ** -23;

export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 − eps] so that a confident mistake costs −log(eps) rather than
   * Infinity. Default: the machine epsilon of the input (2^-23 for a Float32Array, else 2^-52), as sklearn's
   * `eps='auto'`.
   */
  eps?: number;
}

/**
 * Log loss (cross-entropy), the mean of −ln p(true class) with natural logs, in sklearn 1.2's steps: clip
 * every probability to [eps, 1 − eps], divide each row by its sum (so rows that do not sum to exactly 1
 * still give a distribution), then average. For a binary model pass rows [1 − p, p]. NaN for no rows.
 *
 * @param yTrue Class indices 0 … classes − 1.
 * @param proba Row-major probabilities, rows × classes.
 * @param classes The number of classes K (2 for binary).
 * @throws RangeError for a bad class index, a proba of the wrong size or a non-finite probability.
 * @example
 * // rows give the true class 0.8 and 0.5: (−ln 0.8 − ln 0.5) / 2
 * logLoss([0, 1], Float64Array.of(0.8, 0.2, 0.5, 0.5), 2); // 0.4581453659370775
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes: number,
  options: LogLossOptions = {},
): number {
  checkClassCount(classes);
  checkClassIndices(yTrue, classes, 'yTrue');
  const n = yTrue.length;
  if (proba.length !== n * classes) {
    throw new RangeError(`proba has ${proba.length} values; expected ${n} rows × ${classes} classes.`);
  }
  checkFinite(proba, 'proba');
  const eps = options.eps ?? (proba instanceof Float32Array ? EPS_FLOAT32 : EPS_FLOAT64);
  const clip = (p: number) => Math.min(Math.max(p, eps), 1 - eps);
  return compensatedMean(n, (i) => {
    let rowSum = 0;
    for (let c = 0; c < classes; c++) rowSum += clip(proba[i * classes + c]!);
    return -Math.log(clip(proba[i * classes + yTrue[i]!]!) / rowSum);
  });
}
