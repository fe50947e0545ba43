import { pairwiseSum } from './pairwise-sum.ts';

/**
 * The Jensen–Shannon distance between two distributions over the same bins or categories, as
 * `scipy.spatial.distance.jensenshannon(p, q, base)`: both are normalised to sum to 1, m = (p + q)/2, and
 * the distance is √((KL(p‖m) + KL(q‖m)) / 2), with logarithms in `base` (default e). It is the square root
 * of the divergence, so it is a metric; bounded by √ln 2 ≈ 0.83 in base e and by 1 in base 2. Unlike PSI it
 * needs no ε: m is never 0 where p or q is not.
 *
 * @param p Counts or proportions (normalised here).
 * @example
 * jensenShannonDistance([1, 0], [0, 1], 2); // 1: no overlap at all
 * jensenShannonDistance([1, 1], [1, 1]); // 0
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base?: number): number {
  const sumP = pairwiseSum(p);
  const sumQ = pairwiseSum(q);
  const pn = p.map((x) => x / sumP);
  const qn = q.map((x) => x / sumQ);
  const m = pn.map((x, i) => (x + qn[i]!) / 2);
  const divergence = pairwiseSum(relativeEntropy(pn, m)) + pairwiseSum(relativeEntropy(qn, m));
  const scaled = base === undefined ? divergence : divergence / Math.log(base);
  return Math.sqrt(scaled / 2);
}

/** scipy.special.rel_entr elementwise: x·ln(x/y), 0 where x is 0, +∞ where x > 0 and y is 0. */
function relativeEntropy(x: readonly number[], y: readonly number[]): number[] {
  return x.map((xi, i) => {
    const yi = y[i]!;
    if (xi > 0 && yi > 0) return xi * Math.log(xi / yi);
    return xi === 0 && yi >= 0 ? 0 : Infinity;
  });
}

/**
 * {@link jensenShannonDistance} in base e and base 2 from two sets of counts, turned into proportions first
 * (count / total) exactly as the drift oracle passes them to scipy, so the result is the oracle's double.
 *
 * @example
 * jensenShannonBoth([1, 0], [0, 1]); // { baseE: 0.8325546111576977, base2: 1 }
 */
export function jensenShannonBoth(
  countReference: readonly number[],
  countCurrent: readonly number[],
): { baseE: number; base2: number } {
  const nRef = pairwiseSum(countReference);
  const nCur = pairwiseSum(countCurrent);
  const p = countReference.map((c) => c / nRef);
  const q = countCurrent.map((c) => c / nCur);
  return { baseE: jensenShannonDistance(p, q), base2: jensenShannonDistance(p, q, 2) };
}
