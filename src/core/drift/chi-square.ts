import gammainc from '@stdlib/math-base-special-gammainc';
import { pairwiseSum } from './pairwise-sum.ts';

/** Pearson's chi-square test of a 2 × K table, as `scipy.stats.chi2_contingency(table)` reports it. */
export type ChiSquareResult =
  | { statistic: number; pValue: number; dof: number; yates: boolean }
  /** Fewer than two non-empty columns: there is nothing to compare (scipy would divide by zero). */
  | { statistic: null; pValue: null; dof: 0; error: string };

/**
 * The chi-square test of independence on the 2 × K table whose rows are the reference and current counts
 * per bin or category, `scipy.stats.chi2_contingency([countRef, countCur])` with its defaults: columns empty
 * in both rows are dropped first (as the drift oracle does), expected counts are row total × column total /
 * grand total, and with one degree of freedom (two columns) Yates' continuity correction moves each observed
 * count up to 0.5 towards its expected count. The p-value is the chi-square survival function with
 * dof = K − 1, from stdlib's regularised upper incomplete gamma Q(dof/2, χ²/2), accurate far into the tail
 * (p ≈ 1e-212 for the bike-sharing counts).
 *
 * @example
 * chiSquareTwoSample([10, 20, 30], [30, 20, 10]); // statistic 20, dof 2, p = e^-10 ≈ 4.54e-5
 * chiSquareTwoSample([5, 5], [5, 5]).statistic; // 0 (Yates: each count moves at most to its expected)
 */
export function chiSquareTwoSample(
  countReference: readonly number[],
  countCurrent: readonly number[],
): ChiSquareResult {
  const kept: [number, number][] = [];
  countReference.forEach((ref, i) => {
    const cur = countCurrent[i]!;
    if (ref + cur > 0) kept.push([ref, cur]);
  });
  if (kept.length < 2)
    return { statistic: null, pValue: null, dof: 0, error: 'fewer than 2 non-empty columns' };
  const rowTotals = [pairwiseSum(kept.map(([ref]) => ref)), pairwiseSum(kept.map(([, cur]) => cur))];
  const total = rowTotals[0]! + rowTotals[1]!;
  const dof = kept.length - 1;
  // Row-major, reference row first: the order numpy sums the terms in.
  const terms: number[] = [];
  for (let row = 0; row < 2; row++) {
    for (const column of kept) {
      const expected = (rowTotals[row]! * (column[0] + column[1])) / total;
      let observed = column[row]!;
      if (dof === 1) {
        const diff = expected - observed;
        observed += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      const gap = observed - expected;
      terms.push((gap * gap) / expected);
    }
  }
  const statistic = pairwiseSum(terms);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof, yates: dof === 1 };
}

/**
 * P(χ²_dof ≥ x), scipy's `chi2.sf` (cephes `chdtrc`): the regularised upper incomplete gamma Q(dof/2, x/2).
 *
 * @example
 * chiSquareSf(20, 2); // 4.5399929762484854e-5 = e^-10
 */
export function chiSquareSf(x: number, dof: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, dof / 2, true, true);
}
