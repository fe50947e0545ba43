import { checkFinite, checkSameLength } from './check-inputs.ts';
import { compensatedMean } from './compensated-sum.ts';

/** Float64 machine epsilon: sklearn's floor on |y| in MAPE, so a zero target gives a huge term, not Infinity. */
const EPS_FLOAT64 = 2 ** -52;

function checkRegression(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  checkSameLength(yTrue, yPred, 'yTrue', 'yPred');
  checkFinite(yTrue, 'yTrue');
  checkFinite(yPred, 'yPred');
}

/**
 * Mean absolute error, mean |y − ŷ| (sklearn `mean_absolute_error`). NaN for no rows.
 *
 * @example
 * meanAbsoluteError([1, 2, 3, 4], [1, 3, 3, 2]); // (0 + 1 + 0 + 2) / 4 = 0.75
 */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred);
  return compensatedMean(yTrue.length, (i) => Math.abs(yTrue[i]! - yPred[i]!));
}

/**
 * Mean squared error, mean (y − ŷ)² (sklearn `mean_squared_error`). NaN for no rows.
 *
 * @example
 * meanSquaredError([1, 2, 3, 4], [1, 3, 3, 2]); // (0 + 1 + 0 + 4) / 4 = 1.25
 */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred);
  return compensatedMean(yTrue.length, (i) => (yTrue[i]! - yPred[i]!) ** 2);
}

/**
 * Root mean squared error, √MSE, in the target's units. NaN for no rows.
 *
 * @example
 * rootMeanSquaredError([1, 2, 3, 4], [1, 3, 3, 2]); // √1.25 = 1.118033988749895
 */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/**
 * Mean absolute percentage error as a fraction (0.1 = 10 %), sklearn `mean_absolute_percentage_error`:
 * mean |y − ŷ| / max(|y|, ε) with ε the float64 machine epsilon. A zero target therefore gives an enormous
 * (finite) error rather than Infinity, as in sklearn. NaN for no rows.
 *
 * @example
 * meanAbsolutePercentageError([1, 2, 4, 5], [1, 3, 3, 5]); // (0 + 0.5 + 0.25 + 0) / 4 = 0.1875
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred);
  return compensatedMean(
    yTrue.length,
    (i) => Math.abs(yTrue[i]! - yPred[i]!) / Math.max(Math.abs(yTrue[i]!), EPS_FLOAT64),
  );
}

/**
 * Median absolute error, robust to a few gross errors (sklearn `median_absolute_error`; the mean of the two
 * middle values for an even count, as numpy's median). NaN for no rows.
 *
 * @example
 * medianAbsoluteError([1, 2, 3, 4], [1, 3, 3, 2]); // errors 0, 0, 1, 2 -> 0.5
 */
export function medianAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred);
  const n = yTrue.length;
  if (n === 0) return NaN;
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i++) errors[i] = Math.abs(yTrue[i]! - yPred[i]!);
  errors.sort();
  const mid = n >> 1;
  return n % 2 === 1 ? errors[mid]! : (errors[mid - 1]! + errors[mid]!) / 2;
}

/**
 * The largest absolute error (sklearn `max_error`). NaN for no rows.
 *
 * @example
 * maxError([1, 2, 3, 4], [1, 3, 3, 2]); // 2
 */
export function maxError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred);
  let max = yTrue.length === 0 ? NaN : 0;
  for (let i = 0; i < yTrue.length; i++) max = Math.max(max, Math.abs(yTrue[i]! - yPred[i]!));
  return max;
}
