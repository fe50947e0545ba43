/** Equal-width bins: `edges` has one more entry than `counts`; every bin is [left, right) but the last, which is closed. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** The most bins a profile histogram has. */
export const MAX_BINS = 30;

/**
 * An equal-width histogram of ascending numbers over [min, max], as `numpy.histogram(values, bins)` computes
 * it: edges at `min + i·width` with the last edge exactly `max`, the last bin closed on the right, and each
 * value's bin corrected against the edges so that rounding never puts it on the wrong side of one. A
 * constant column gets one bin [x − 0.5, x + 0.5], as numpy gives it.
 *
 * @param bins Defaults to the number of distinct values, at most 30, so a 0/1 column gets 2 bins, not 30.
 * @example
 * histogram(Float64Array.of(0, 1, 1, 2, 4), 2); // { edges: [0, 2, 4], counts: [3, 2] }
 */
export function histogram(sorted: Float64Array, bins?: number): Histogram {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [] };
  let first = sorted[0]!;
  let last = sorted[n - 1]!;
  if (!Number.isFinite(first) || !Number.isFinite(last)) return { edges: [], counts: [] };
  const k = Math.max(1, Math.min(MAX_BINS, bins ?? distinctSorted(sorted)));
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (last - first) / k;
  const edges = new Array<number>(k + 1);
  for (let i = 0; i < k; i++) edges[i] = i * width + first;
  edges[k] = last;
  const counts = new Array<number>(k).fill(0);
  const norm = k / (last - first);
  for (let i = 0; i < n; i++) {
    const x = sorted[i]!;
    let bin = Math.trunc((x - first) * norm);
    if (bin >= k) bin = k - 1;
    if (x < edges[bin]!) bin--;
    else if (bin !== k - 1 && x >= edges[bin + 1]!) bin++;
    counts[bin]!++;
  }
  return { edges, counts };
}

function distinctSorted(sorted: Float64Array): number {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}
