import { checkFinite, checkSameLength } from './check-inputs.ts';
import { compensatedMean, compensatedSum } from './compensated-sum.ts';

export interface R2Options {
  /**
   * What a constant target gives, where the ratio is 0/0 or x/0 (sklearn's `force_finite`): true (the
   * default) gives 1 for perfect predictions and 0 otherwise; false gives NaN and −Infinity.
   */
  forceFinite?: boolean;
}

/**
 * 1 − numerator / denominator, with sklearn's rule for a zero denominator (a constant target).
 * The caller decides when the denominator is zero: see {@link isConstant}.
 */
function oneMinusRatio(numerator: number, denominator: number, forceFinite: boolean): number {
  if (denominator !== 0) return 1 - numerator / denominator;
  if (!forceFinite) return numerator === 0 ? NaN : -Infinity;
  return numerator === 0 ? 1 : 0;
}

/**
 * Whether every value equals the first. For a constant target the denominator is exactly 0, even where the
 * float mean of the values is not exactly the value (0.1 × 3 / 3 ≠ 0.1), which would otherwise leave a
 * denominator of 1e-34 and an R² of −1e30 instead of sklearn's documented constant-target answer.
 */
function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

function check(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  checkSameLength(yTrue, yPred, 'yTrue', 'yPred');
  checkFinite(yTrue, 'yTrue');
  checkFinite(yPred, 'yPred');
}

/**
 * The coefficient of determination, 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (sklearn `r2_score`). 1 is perfect, 0 is no
 * better than predicting the mean, and it is negative when worse. A constant target: see
 * {@link R2Options.forceFinite}. NaN for no rows.
 *
 * @example
 * // ȳ = 2.5, Σ(y − ȳ)² = 5, Σ(y − ŷ)² = 5 -> 1 − 5/5
 * r2Score([1, 2, 3, 4], [1, 3, 3, 2]); // 0
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: R2Options = {}): number {
  check(yTrue, yPred);
  const n = yTrue.length;
  if (n === 0) return NaN;
  const mean = compensatedMean(n, (i) => yTrue[i]!);
  const numerator = compensatedSum(n, (i) => (yTrue[i]! - yPred[i]!) ** 2);
  const denominator = isConstant(yTrue) ? 0 : compensatedSum(n, (i) => (yTrue[i]! - mean) ** 2);
  return oneMinusRatio(numerator, denominator, options.forceFinite ?? true);
}

/**
 * Explained variance, 1 − Var(y − ŷ) / Var(y) (sklearn `explained_variance_score`): like R² but blind to a
 * constant offset in the predictions. Same constant-target rule as {@link r2Score}. NaN for no rows.
 *
 * @example
 * // residuals 0, −1, 0, 2 have variance 1.1875; Var(y) = 1.25 -> 1 − 0.95
 * explainedVarianceScore([1, 2, 3, 4], [1, 3, 3, 2]); // 0.05 (0.050000000000000044)
 */
export function explainedVarianceScore(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: R2Options = {},
): number {
  check(yTrue, yPred);
  const n = yTrue.length;
  if (n === 0) return NaN;
  const residualMean = compensatedMean(n, (i) => yTrue[i]! - yPred[i]!);
  const numerator = compensatedMean(n, (i) => (yTrue[i]! - yPred[i]! - residualMean) ** 2);
  const mean = compensatedMean(n, (i) => yTrue[i]!);
  const denominator = isConstant(yTrue) ? 0 : compensatedMean(n, (i) => (yTrue[i]! - mean) ** 2);
  return oneMinusRatio(numerator, denominator, options.forceFinite ?? true);
}
