import { gcd, ksExactPValue, roundHalfEven } from './ks-exact.ts';
import { kolmogorovSf } from './kolmogorov-sf.ts';

/** scipy's MAX_AUTO_N: `method='auto'` tries the exact distribution when neither sample is larger. */
export const KS_MAX_EXACT_N = 10_000;
/** scipy refuses an explicit exact test when n1/g · n2/g reaches the int32 range (g = gcd). */
const INT32_MAX = 2 ** 31 - 1;

export type KsMethod = 'auto' | 'exact' | 'asymp';

/** The two-sided two-sample Kolmogorov–Smirnov test, as `scipy.stats.ks_2samp` reports it. */
export interface KsResult {
  /** D = max |F_ref(x) − F_cur(x)|; in exact mode snapped to a multiple of 1/lcm(n1, n2), as scipy does. */
  statistic: number;
  pValue: number;
  /** The distribution the p-value came from. */
  method: 'exact' | 'asymp';
  /**
   * Why an exact p-value was asked for but not given (scipy's RuntimeWarning text); the asymptotic one is
   * given instead.
   */
  fallback?: string;
}

/**
 * The two-sided two-sample KS test of scipy 1.10's `ks_2samp(reference, current, method=…)`, for sorted
 * samples. The statistic compares the two empirical CDFs at every value of either sample, so ties (integer
 * data) are handled as scipy handles them: a run of equal values moves a CDF in one step. The p-value:
 *
 * - `auto` (default): exact when both samples have at most 10,000 values, else asymptotic;
 * - `exact`: the exact distribution (Hodges' lattice-path counts), unless lcm(n1, n2) is too large;
 * - `asymp`: `kstwo.sf(D, round(n1·n2/(n1 + n2)))`, the one-sample two-sided distribution at the
 *   effective n (not the limiting Kolmogorov distribution).
 *
 * An exact computation that fails falls back to the asymptotic p with scipy's warning in `fallback`.
 *
 * @param sortedReference Ascending, no NaN, at least one value.
 * @param sortedCurrent Ascending, no NaN, at least one value.
 * @throws RangeError when either sample is empty (scipy: "Data passed to ks_2samp must not be empty").
 * @example
 * ksTwoSample(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6));
 * // { statistic: 1, pValue: 0.09999999999999999, method: 'exact' }: 2 of the C(6, 3) = 20 orderings are as extreme
 */
export function ksTwoSample(
  sortedReference: ArrayLike<number>,
  sortedCurrent: ArrayLike<number>,
  method: KsMethod = 'auto',
): KsResult {
  const n1 = sortedReference.length;
  const n2 = sortedCurrent.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks_2samp needs at least one value in each sample.');
  const d = ksStatistic(sortedReference, sortedCurrent);

  let mode: 'exact' | 'asymp' = method === 'asymp' ? 'asymp' : 'exact';
  let fallback: string | undefined;
  if (method === 'auto' && Math.max(n1, n2) > KS_MAX_EXACT_N) mode = 'asymp';
  if (method === 'exact') {
    const g = gcd(n1, n2);
    if (n1 / g >= INT32_MAX / (n2 / g)) {
      mode = 'asymp';
      fallback = `Exact ks_2samp calculation not possible with samples sizes ${n1} and ${n2}. Switching to 'asymp'.`;
    }
  }
  if (mode === 'exact') {
    const exact = ksExactPValue(n1, n2, d);
    if (exact.ok) return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact' };
    // scipy keeps the snapped statistic when it falls back.
    fallback = 'ks_2samp: Exact calculation unsuccessful. Switching to method=asymp.';
    return { ...asymptotic(n1, n2, exact.statistic), fallback };
  }
  return { ...asymptotic(n1, n2, d), ...(fallback ? { fallback } : {}) };
}

function asymptotic(n1: number, n2: number, d: number): KsResult {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const effective = (m * n) / (m + n);
  return { statistic: d, pValue: kolmogorovSf(roundHalfEven(effective), d), method: 'asymp' };
}

/**
 * max over x of |F1(x) − F2(x)|, the empirical CDFs evaluated at every value of either sample, each as
 * count/n, subtracted, as scipy does (so D lands on the same double).
 */
function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  while (i < n1 || j < n2) {
    // The next value of either sample; both CDFs step past every copy of it.
    const x = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= x) i++;
    while (j < n2 && b[j]! <= x) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  const minS = Math.min(Math.max(-min, 0), 1);
  return minS > max ? minS : max;
}
