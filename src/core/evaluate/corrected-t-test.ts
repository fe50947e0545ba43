import tCdf from '@stdlib/stats-base-dists-t-cdf';

export interface CorrectedTTestInput {
  /** The champion's score per seed or fold. */
  champion: readonly number[];
  /** The challenger's score on the same seeds or folds, in the same order. */
  challenger: readonly number[];
  /** n_test / n_train of each resample: the Nadeau–Bengio correction. 0 gives the plain paired t-test. */
  testTrainRatio: number;
}

export interface CorrectedTTestResult {
  /** Number of pairs. */
  n: number;
  /** Mean of d = challenger − champion. */
  meanDifference: number;
  /** Sample variance (n − 1) of d. */
  varianceDifference: number;
  t: number;
  dof: number;
  /** P(T ≥ t): the evidence that the challenger is better (for a higher-is-better score). */
  pOneSided: number;
  /** P(|T| ≥ |t|). */
  pTwoSided: number;
  /** Set when t is infinite or NaN, saying why. */
  reason?: string;
}

/**
 * The Nadeau–Bengio (2003) corrected resampled paired t-test (LIFECYCLE §5). Seeds or folds share training
 * rows, so their scores are correlated and the plain paired t-test is far too confident; the correction
 * inflates the variance term by the test/train size ratio:
 *
 *   d_i = challenger_i − champion_i,  t = mean(d) / sqrt((1/n + n_test/n_train) · s²(d)),  dof = n − 1.
 *
 * The one-sided p is P(T ≥ t) = 1 − F(t), computed as F(−t) by symmetry so that a small p keeps its digits
 * (1 − F(t) loses them to cancellation, as scipy's `sf` avoids too).
 *
 * When every difference is the same (s² = 0): t = +∞ (p 0) or −∞ (one-sided p 1) with a reason; when they
 * are all zero, t is NaN with a reason. With fewer than 2 pairs everything is NaN with a reason.
 *
 * @throws RangeError when the lists differ in length, hold a non-finite score, or the ratio is negative.
 * @example
 * correctedPairedTTest({ champion: [0.80, 0.81, 0.79], challenger: [0.82, 0.84, 0.80], testTrainRatio: 0.25 });
 */
export function correctedPairedTTest(input: CorrectedTTestInput): CorrectedTTestResult {
  const { champion, challenger, testTrainRatio } = input;
  if (champion.length !== challenger.length) {
    throw new RangeError(
      `paired scores differ in length: champion ${champion.length}, challenger ${challenger.length}.`,
    );
  }
  if (!(testTrainRatio >= 0) || !Number.isFinite(testTrainRatio)) {
    throw new RangeError(`testTrainRatio must be a finite number ≥ 0, got ${testTrainRatio}.`);
  }
  const d = challenger.map((c, i) => {
    if (!Number.isFinite(c) || !Number.isFinite(champion[i]!)) {
      throw new RangeError(`pair ${i}: scores must be finite, got ${champion[i]} and ${c}.`);
    }
    return c - champion[i]!;
  });
  const n = d.length;
  const dof = n - 1;
  if (n < 2) {
    return {
      n,
      meanDifference: n === 1 ? d[0]! : NaN,
      varianceDifference: NaN,
      t: NaN,
      dof,
      pOneSided: NaN,
      pTwoSided: NaN,
      reason: `the test needs at least 2 pairs of scores, got ${n}.`,
    };
  }
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const base = { n, meanDifference: mean, varianceDifference: variance, dof };
  if (variance === 0) {
    if (mean === 0) {
      return {
        ...base,
        t: NaN,
        pOneSided: NaN,
        pTwoSided: NaN,
        reason: 'every pair scored the same: there is no difference to test.',
      };
    }
    return {
      ...base,
      t: mean > 0 ? Infinity : -Infinity,
      pOneSided: mean > 0 ? 0 : 1,
      pTwoSided: 0,
      reason: `every difference is exactly ${mean}: zero variance, so t is ${mean > 0 ? '+' : '−'}∞.`,
    };
  }
  const t = mean / Math.sqrt((1 / n + testTrainRatio) * variance);
  return { ...base, t, pOneSided: tCdf(-t, dof), pTwoSided: 2 * tCdf(-Math.abs(t), dof) };
}
