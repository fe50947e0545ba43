import { quantileSorted } from '../profile/quantile.ts';

/** The deciles that cut the reference into (up to) ten bins: numpy.linspace(0.1, 0.9, 9). */
const DECILES = Array.from({ length: 9 }, (_, i) => (i === 8 ? 0.9 : i * ((0.9 - 0.1) / 8) + 0.1));

/**
 * The inner edges of the drift bins (../shared/data/README.md §3b): the reference's deciles by numpy's
 * linear interpolation, `unique(numpy.quantile(reference, [0.1, …, 0.9]))`. Repeated edges (tied data) are
 * dropped, so a column of few distinct values gets fewer than ten bins. The outer bins are unbounded, so
 * every current value, however far out, lands in a bin.
 *
 * @param sortedReference Ascending, no NaN, at least one value.
 * @example
 * binEdges(Float64Array.of(0, 0, 0, 1, 1, 2, 2, 3, 4, 4)); // [0, 0.7000000000000002, 1, 1.5, 2, 2.3000000000000007, 3.2, 4]
 */
export function binEdges(sortedReference: Float64Array): number[] {
  const edges = DECILES.map((q) => quantileSorted(sortedReference, q)).sort((a, b) => a - b);
  return edges.filter((edge, i) => i === 0 || edge !== edges[i - 1]);
}

/**
 * How many of `sortedValues` fall in each bin of {@link binEdges}: bin i holds edges[i − 1] ≤ x < edges[i]
 * (numpy `searchsorted(edges, x, side='right')`), the first bin everything below edges[0], the last
 * everything from the last edge up. edges.length + 1 counts.
 *
 * @example
 * binCounts([1, 2], Float64Array.of(0, 1, 1.5, 2, 9)); // [1, 2, 2]
 */
export function binCounts(edges: readonly number[], sortedValues: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (let i = 0; i < sortedValues.length; i++) {
    const x = sortedValues[i]!;
    while (bin < edges.length && x >= edges[bin]!) bin++;
    counts[bin]!++;
  }
  return counts;
}
