import { thresholdCounts } from './threshold-counts.ts';

/** Points of a ROC curve, from (0, 0) to (1, 1): `fpr[k]`, `tpr[k]` when predicting `score >= thresholds[k]`. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Decreasing; the first is max(score) + 1, a threshold no row reaches (the (0, 0) point). */
  thresholds: number[];
}

export interface RocCurveOptions {
  /**
   * Drop points that lie on a straight segment between their neighbours (sklearn's
   * `drop_intermediate=True`): the curve looks the same with far fewer points. Default false, which keeps
   * one point per distinct score.
   */
  dropIntermediate?: boolean;
}

/**
 * The ROC curve (sklearn 1.2 `roc_curve`): one point per distinct score, plus the (0, 0) start. When the
 * truth has no negatives, every fpr is NaN; with no positives, every tpr is NaN (sklearn warns and does
 * the same). No rows give empty arrays.
 *
 * @param yTrue01 1 for a positive row, 0 for a negative one.
 * @param score Higher means more likely positive.
 * @example
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [1.8, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(
  yTrue01: ArrayLike<number>,
  score: ArrayLike<number>,
  options: RocCurveOptions = {},
): RocCurve {
  const counts = thresholdCounts(yTrue01, score);
  const last = counts.thresholds.length - 1;
  let keep = Array.from(counts.thresholds, (_, k) => k);
  if (options.dropIntermediate && keep.length > 2) {
    const { tps, fps } = counts;
    // Keep a point where the second difference of fps or tps is non-zero: where the curve bends.
    keep = keep.filter(
      (k) =>
        k === 0 ||
        k === last ||
        fps[k + 1]! - 2 * fps[k]! + fps[k - 1]! !== 0 ||
        tps[k + 1]! - 2 * tps[k]! + tps[k - 1]! !== 0,
    );
  }
  if (keep.length === 0) return { fpr: [], tpr: [], thresholds: [] };
  const lastFp = counts.fps[last]!;
  const lastTp = counts.tps[last]!;
  const fpr = [0, ...keep.map((k) => counts.fps[k]!)].map((fp) => (lastFp > 0 ? fp / lastFp : NaN));
  const tpr = [0, ...keep.map((k) => counts.tps[k]!)].map((tp) => (lastTp > 0 ? tp / lastTp : NaN));
  const thresholds = [counts.thresholds[0]! + 1, ...keep.map((k) => counts.thresholds[k]!)];
  return { fpr, tpr, thresholds };
}
