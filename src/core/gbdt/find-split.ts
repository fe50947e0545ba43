import type { HistogramLayout } from './histogram.ts';

/** A node's best split: left gets value bins 0 … bin, plus the missing bin when missingLeft. */
export interface SplitCandidate {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
  leftGrad: number;
  leftHess: number;
  leftCount: number;
}

/** The totals of a node's rows. */
export interface NodeTotals {
  grad: number;
  hess: number;
  count: number;
}

/** sklearn's `min_hessian_to_split`: a child needs at least this much hessian to have a stable value. */
export const MIN_CHILD_HESSIAN = 1e-3;

/**
 * The split with the largest gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) over `features`, each child
 * keeping at least `minSamplesLeaf` rows and {@link MIN_CHILD_HESSIAN}; null when no split gains.
 *
 * Each feature is scanned twice, missing values going right and then left, so the missing direction is
 * learned (XGBoost's sparsity-aware split). A node that saw no missing values of the feature sends them to
 * the child with more rows (ties left), as sklearn. The missing-right scan may put every present value left,
 * a split of missing against present. Ties in gain go to the first found (lower feature, lower bin, missing
 * right), so the result is deterministic.
 */
export function findBestSplit(
  layout: HistogramLayout,
  hist: Float64Array,
  features: Int32Array,
  totals: NodeTotals,
  l2: number,
  minSamplesLeaf: number,
): SplitCandidate | null {
  const { valueBins } = layout.binned;
  const { grad, hess, count } = totals;
  const parentScore = (grad * grad) / (hess + l2);
  let best: SplitCandidate | null = null;
  let bestGain = 0;
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const off = layout.slotOffset[f]!;
    const nb = valueBins[f]!;
    const m = 3 * (off + nb);
    const missingCount = hist[m + 2]!;
    // Pass 0 counts missing rows right and may put every present value left (bin nb − 1); pass 1 counts
    // them left. Without missing rows the two are the same scan.
    for (let pass = 0; pass < (missingCount > 0 ? 2 : 1); pass++) {
      const missingLeft = pass === 1;
      let gl = missingLeft ? hist[m]! : 0;
      let hl = missingLeft ? hist[m + 1]! : 0;
      let cl = missingLeft ? missingCount : 0;
      const lastBin = missingCount > 0 && !missingLeft ? nb - 1 : nb - 2;
      for (let b = 0; b <= lastBin; b++) {
        const j = 3 * (off + b);
        gl += hist[j]!;
        hl += hist[j + 1]!;
        cl += hist[j + 2]!;
        if (cl < minSamplesLeaf || hl < MIN_CHILD_HESSIAN) continue;
        const cr = count - cl;
        const hr = hess - hl;
        // Both only shrink as the scan goes on.
        if (cr < minSamplesLeaf || hr < MIN_CHILD_HESSIAN) break;
        const gr = grad - gl;
        const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          best ??= {
            feature: 0,
            bin: 0,
            missingLeft: false,
            gain: 0,
            leftGrad: 0,
            leftHess: 0,
            leftCount: 0,
          };
          best.feature = f;
          best.bin = b;
          best.missingLeft = missingCount > 0 ? missingLeft : cl >= cr;
          best.gain = gain;
          best.leftGrad = gl;
          best.leftHess = hl;
          best.leftCount = cl;
        }
      }
    }
  }
  return best;
}
