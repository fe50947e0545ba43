import { pairwiseSum, standardDeviation } from './pairwise-sum.ts';

/**
 * Below this reference standard deviation the normed distance divides by it instead (Evidently's floor), so
 * a constant reference column does not give an infinite score.
 */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/**
 * The first Wasserstein (earth mover's) distance between two samples, `scipy.stats.wasserstein_distance(u, v)`:
 * the area between their empirical CDFs, ∫ |F_u − F_v|, summed over the gaps between consecutive values of
 * both samples as scipy sums it, so the result is the same double.
 *
 * @param sortedU Ascending, no NaN, at least one value.
 * @param sortedV Ascending, no NaN, at least one value.
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // 5: every value moves by 5
 * wassersteinDistance([0, 1], [0, 3]); // 1: half the mass moves from 1 to 3
 */
export function wassersteinDistance(sortedU: ArrayLike<number>, sortedV: ArrayLike<number>): number {
  const nu = sortedU.length;
  const nv = sortedV.length;
  if (nu === 0 || nv === 0)
    throw new RangeError('The Wasserstein distance needs at least one value in each sample.');
  const all = mergeSorted(sortedU, sortedV);
  const steps = new Float64Array(all.length - 1);
  let i = 0;
  let j = 0;
  for (let k = 0; k < steps.length; k++) {
    // The CDFs just right of all[k]: the values ≤ all[k] (numpy's searchsorted side='right').
    while (i < nu && sortedU[i]! <= all[k]!) i++;
    while (j < nv && sortedV[j]! <= all[k]!) j++;
    steps[k] = Math.abs(i / nu - j / nv) * (all[k + 1]! - all[k]!);
  }
  return pairwiseSum(steps);
}

/** The Wasserstein distance in units of the reference's spread, the score Evidently compares with 0.1. */
export interface NormedWasserstein {
  distance: number;
  /** The reference's population standard deviation (numpy's default, ddof = 0), as Evidently divides by. */
  referenceStd: number;
  /** distance / max(referenceStd, 0.001). */
  normed: number;
}

/**
 * Evidently's `wasserstein` drift score: {@link wassersteinDistance} divided by the reference's standard
 * deviation, `np.std(reference)` (ddof = 0, not pandas' ddof = 1), floored at 0.001. Dividing by the spread
 * makes one threshold (0.1) serve columns in any unit: a shift of a tenth of a standard deviation.
 *
 * @example
 * normedWasserstein([0, 2], [1, 3]).normed; // 1: the distance 1 over the reference std 1
 */
export function normedWasserstein(
  sortedReference: ArrayLike<number>,
  sortedCurrent: ArrayLike<number>,
): NormedWasserstein {
  const distance = wassersteinDistance(sortedReference, sortedCurrent);
  const referenceStd = standardDeviation(sortedReference, 0);
  return { distance, referenceStd, normed: distance / Math.max(referenceStd, WASSERSTEIN_STD_FLOOR) };
}

function mergeSorted(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++)
    out[k] = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
  return out;
}
