import type { BinnedFeatures } from './bin-features.ts';
import type { NodeTotals } from './find-split.ts';

/**
 * Per-node histograms: for each feature's bins (missing bin last) the sums of gradient, hessian and row
 * count, interleaved in one Float64Array (`hist[3 * slot]`, `+ 1`, `+ 2`). Features sit back to back from
 * `slotOffset[f]`, so a one-hot column costs three slots, not 256.
 *
 * Histograms are summed row by row from a sparse copy of the bins that leaves out each feature's most
 * frequent bin (LightGBM's "default bin"); that bin's sums are the node's totals minus the other bins'.
 * One-hot and mostly-zero columns then cost almost nothing. Measured in V8 on the shapes of adult (one-hot)
 * and california (dense), and on 100 dense columns, this beat sklearn's column-by-column loop over ordered
 * gradients, alone and mixed with it per feature.
 */
export interface HistogramLayout {
  binned: BinnedFeatures;
  /** The first slot of each feature. */
  slotOffset: Int32Array;
  /** Slots in all: Σ (valueBins[f] + 1). */
  slots: number;
  /** Each feature's most frequent bin (the lowest of equals), left out of `entries`. */
  defaultBin: Uint8Array;
  /** Row i's slots, default bins left out: `entries[rowStart[i] … rowStart[i + 1])`. */
  rowStart: Uint32Array;
  entries: Uint16Array | Uint32Array;
}

export function histogramLayout(binned: BinnedFeatures): HistogramLayout {
  const { rows, cols, bins, valueBins } = binned;
  const slotOffset = new Int32Array(cols);
  let slots = 0;
  for (let f = 0; f < cols; f++) {
    slotOffset[f] = slots;
    slots += valueBins[f]! + 1;
  }
  const defaultBin = new Uint8Array(cols);
  const binCounts = new Uint32Array(256);
  for (let f = 0; f < cols; f++) {
    binCounts.fill(0);
    for (let i = 0; i < rows; i++) binCounts[bins[f * rows + i]!]!++;
    for (let b = 1; b <= valueBins[f]!; b++) {
      if (binCounts[b]! > binCounts[defaultBin[f]!]!) defaultBin[f] = b;
    }
  }
  const rowStart = new Uint32Array(rows + 1);
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows; i++) if (bins[f * rows + i] !== defaultBin[f]) rowStart[i + 1]!++;
  }
  for (let i = 0; i < rows; i++) rowStart[i + 1]! += rowStart[i]!;
  const entries = slots <= 65536 ? new Uint16Array(rowStart[rows]!) : new Uint32Array(rowStart[rows]!);
  const fill = rowStart.slice(0, rows);
  // Feature-major fill keeps each row's entries in feature order.
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows; i++) {
      const b = bins[f * rows + i]!;
      if (b !== defaultBin[f]) entries[fill[i]!++] = slotOffset[f]! + b;
    }
  }
  return { binned, slotOffset, slots, defaultBin, rowStart, entries };
}

/**
 * Fills the histograms of `features` for the rows `order[start … end)`, whose sums are `totals`.
 *
 * @param unitHessian Every hessian is 1: the hessian sums are the counts, and are not summed.
 */
export function buildHistogram(
  layout: HistogramLayout,
  hist: Float64Array,
  features: Int32Array,
  order: Uint32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  totals: NodeTotals,
  unitHessian: boolean,
): void {
  const { rowStart, entries } = layout;
  hist.fill(0);
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    const g = grad[i]!;
    // One loop for both cases: adding 0 measured no slower than a second copy of the loop.
    const h = unitHessian ? 0 : hess[i]!;
    for (let p = rowStart[i]!, last = rowStart[i + 1]!; p < last; p++) {
      const j = 3 * entries[p]!;
      hist[j]! += g;
      hist[j + 1]! += h;
      hist[j + 2]! += 1;
    }
  }
  for (let fi = 0; fi < features.length; fi++)
    fillDefaultBin(layout, hist, features[fi]!, totals, unitHessian);
}

/**
 * The default bin's sums: the node's totals minus the feature's other bins. With unit hessians, the
 * hessian sums are set to the counts.
 */
function fillDefaultBin(
  layout: HistogramLayout,
  hist: Float64Array,
  f: number,
  totals: NodeTotals,
  unitHessian: boolean,
): void {
  const off = layout.slotOffset[f]!;
  const end = 3 * (off + layout.binned.valueBins[f]! + 1);
  let g = totals.grad;
  let h = totals.hess;
  let c = totals.count;
  for (let j = 3 * off; j < end; j += 3) {
    if (unitHessian) hist[j + 1] = hist[j + 2]!;
    g -= hist[j]!;
    h -= hist[j + 1]!;
    c -= hist[j + 2]!;
  }
  const d = 3 * (off + layout.defaultBin[f]!);
  // An empty default bin gets exact zeros, not the rounding left over from the subtraction.
  hist[d] = c === 0 ? 0 : g;
  hist[d + 1] = c === 0 ? 0 : unitHessian ? c : Math.max(h, 0);
  hist[d + 2] = c;
}

/** The subtraction trick: turns a parent's histograms into its other child's, `parent −= child`. */
export function subtractHistogram(
  layout: HistogramLayout,
  parent: Float64Array,
  child: Float64Array,
  features: Int32Array,
): void {
  const { valueBins } = layout.binned;
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const off = layout.slotOffset[f]!;
    const end = 3 * (off + valueBins[f]! + 1);
    for (let j = 3 * off; j < end; j++) parent[j]! -= child[j]!;
  }
}
