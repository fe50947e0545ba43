import type { Rng } from '../random.ts';

/**
 * Training features mapped to small integers, so that a tree node's statistics are one histogram per
 * feature instead of a sort (LightGBM, sklearn's HistGradientBoosting).
 */
export interface BinnedFeatures {
  rows: number;
  cols: number;
  /** Column-major bin indices: feature f of row i is `bins[f * rows + i]`. */
  bins: Uint8Array;
  /**
   * Per feature, the strictly increasing finite upper bin edges on raw values: value bin b holds
   * `edges[b − 1] < x <= edges[b]` (bin 0 everything up to edges[0], the last bin everything above the last
   * edge, infinities included).
   */
  edges: Float64Array[];
  /** Per feature, the number of value bins, edges.length + 1; it is also the index of the missing bin. */
  valueBins: Uint16Array;
}

/** sklearn's HistGradientBoosting learns its bin edges from at most this many rows (`subsample=2e5`). */
export const BINNING_SAMPLE_ROWS = 200_000;

/**
 * Learns quantile bin edges per feature and bins every row. A feature with at most `maxBins` distinct
 * values gets one bin per value (edges at the midpoints between neighbours); otherwise the edges are the
 * midpoint percentiles at 1/maxBins, 2/maxBins, … (numpy's `method='midpoint'`, as sklearn), duplicates
 * dropped. NaN is never a value: it goes to the feature's missing bin, index `valueBins[f]`.
 *
 * @param x Row-major features, rows × cols.
 * @param maxBins Value bins per feature, 2 to 255, so that value and missing bins fit a byte.
 * @param sampleRows Row indices to learn the edges from (see {@link sampleBinningRows}); all rows if absent.
 * @example
 * const binned = binFeatures(Float32Array.of(1, 2, NaN, 2), 4, 1);
 * binned.edges[0]; // Float64Array [1.5]
 * binned.bins; // Uint8Array [0, 1, 2, 1]: bin 2 is the missing bin
 */
export function binFeatures(
  x: Float32Array,
  rows: number,
  cols: number,
  maxBins = 255,
  sampleRows?: ArrayLike<number>,
): BinnedFeatures {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 255) {
    throw new RangeError(`binFeatures: maxBins must be an integer in [2, 255], got ${maxBins}`);
  }
  if (x.length < rows * cols) {
    throw new RangeError(`binFeatures: x has ${x.length} values; expected ${rows} rows × ${cols} columns`);
  }
  const sampleSize = sampleRows ? sampleRows.length : rows;
  const values = new Float64Array(sampleSize);
  const edges: Float64Array[] = [];
  for (let f = 0; f < cols; f++) {
    let present = 0;
    for (let s = 0; s < sampleSize; s++) {
      const v = x[(sampleRows ? sampleRows[s]! : s) * cols + f]!;
      if (v === v) values[present++] = v;
    }
    edges.push(quantileEdges(values.subarray(0, present), maxBins));
  }
  const valueBins = Uint16Array.from(edges, (e) => e.length + 1);
  return { rows, cols, bins: binWithEdges(x, rows, cols, edges), edges, valueBins };
}

/** Bins rows with edges learned by {@link binFeatures}: column-major, NaN to the missing bin. */
export function binWithEdges(x: Float32Array, rows: number, cols: number, edges: Float64Array[]): Uint8Array {
  const bins = new Uint8Array(rows * cols);
  for (let f = 0; f < cols; f++) {
    const e = edges[f]!;
    const missingBin = e.length + 1;
    for (let i = 0; i < rows; i++) {
      const v = x[i * cols + f]!;
      if (v !== v) {
        bins[f * rows + i] = missingBin;
        continue;
      }
      // The number of edges below v: the first bin whose upper edge is >= v.
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (e[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      bins[f * rows + i] = lo;
    }
  }
  return bins;
}

/**
 * At most `limit` distinct row indices, ascending, drawn uniformly without replacement (Knuth's selection
 * sampling: one uniform per row); undefined, meaning every row, when there are no more rows than that.
 */
export function sampleBinningRows(
  rows: number,
  rng: Rng,
  limit = BINNING_SAMPLE_ROWS,
): Uint32Array | undefined {
  return rows <= limit ? undefined : sampleWithoutReplacement(rows, limit, rng);
}

/** `count` of the indices 0 … n − 1, ascending, each subset equally likely (Knuth's Algorithm S). */
export function sampleWithoutReplacement(n: number, count: number, rng: Rng): Uint32Array {
  const chosen = new Uint32Array(count);
  let taken = 0;
  for (let i = 0; i < n && taken < count; i++) {
    if ((n - i) * rng.next() < count - taken) chosen[taken++] = i;
  }
  return chosen;
}

/** Upper bin edges from the present values, finite and strictly increasing. */
function quantileEdges(values: Float64Array, maxBins: number): Float64Array {
  const edges: number[] = [];
  const push = (edge: number) => {
    // Infinite edges are not JSON; an infinite value simply shares the outermost bin.
    // + 0 turns −0 into 0, as JSON would.
    if (Number.isFinite(edge) && (edges.length === 0 || edge > edges[edges.length - 1]!))
      edges.push(edge + 0);
  };
  const distinct = fewDistinct(values, maxBins);
  if (distinct) {
    for (let i = 1; i < distinct.length; i++) push((distinct[i - 1]! + distinct[i]!) / 2);
    return Float64Array.from(edges);
  }
  const sorted = values.sort();
  const last = sorted.length - 1;
  for (let q = 1; q < maxBins; q++) {
    const position = (q / maxBins) * last;
    push((sorted[Math.floor(position)]! + sorted[Math.ceil(position)]!) / 2);
  }
  return Float64Array.from(edges);
}

/** The distinct values, ascending, when there are at most `limit`; else null. Cheaper than a sort. */
function fewDistinct(values: Float64Array, limit: number): Float64Array | null {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    // SameValueZero: −0 and 0 are one value, as they are to the `<=` of a split.
    seen.add(values[i]!);
    if (seen.size > limit) return null;
  }
  return Float64Array.from(seen).sort();
}
