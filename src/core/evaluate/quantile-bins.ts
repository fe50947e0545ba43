import { formatNumber } from './format-number.ts';

/** Numeric bins for segments: half-open `[lo, hi)` intervals, the last one closed `[lo, hi]`. */
export interface QuantileBins {
  /** Ascending, distinct edges; bin i is [edges[i], edges[i + 1]). */
  edges: number[];
  /** One label per bin: "[12.5, 30)", the last "[30, 90]". */
  labels: string[];
}

/**
 * Quantile edges of `values` at 0, 1/bins, …, 1, by linear interpolation between order statistics (numpy's
 * default `quantile` method, so the edges match what a pandas user would compute). Repeated edges, from
 * heavily tied data, are merged, so there may be fewer bins than asked: a column that is mostly zeros gets
 * one wide bin rather than several empty ones.
 *
 * @param values Finite numbers (any order).
 * @throws RangeError when `bins` is not a positive integer or there are no values.
 * @example
 * quantileBins([1, 2, 3, 4, 5], 2); // edges [1, 3, 5], labels ["[1, 3)", "[3, 5]"]
 */
export function quantileBins(values: readonly number[], bins: number): QuantileBins {
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer, got ${bins}.`);
  if (values.length === 0) throw new RangeError('quantileBins needs at least one value.');
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let q = 0; q <= bins; q++) {
    const position = (q / bins) * (sorted.length - 1);
    const lo = Math.floor(position);
    const hi = Math.min(lo + 1, sorted.length - 1);
    const edge = sorted[lo]! + (position - lo) * (sorted[hi]! - sorted[lo]!);
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  // A constant column: one closed bin [v, v].
  if (edges.length === 1) edges.push(edges[0]!);
  const labels: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const last = i + 2 === edges.length;
    labels.push(`[${formatNumber(edges[i]!, 6)}, ${formatNumber(edges[i + 1]!, 6)}${last ? ']' : ')'}`);
  }
  return { edges, labels };
}

/** The bin index of `value` (already known to lie within the edges), by the half-open rule above. */
export function binIndex(bins: QuantileBins, value: number): number {
  const last = bins.edges.length - 2;
  for (let i = 0; i < last; i++) if (value < bins.edges[i + 1]!) return i;
  return last;
}
