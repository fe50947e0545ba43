import { thresholdCounts } from './threshold-counts.ts';

/**
 * Points of a precision–recall curve. `precision[k]` and `recall[k]` come from predicting
 * `score >= thresholds[k]`; thresholds increase, so recall decreases. The last point, (recall 0,
 * precision 1), has no threshold.
 */
export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  thresholds: number[];
}

/**
 * The precision–recall curve (sklearn `precision_recall_curve` since 1.1): one point per distinct score, then
 * the (recall 0, precision 1) end. With no positive rows every recall is 1, as sklearn sets it (with a
 * warning).
 *
 * @param yTrue01 1 for a positive row, 0 for a negative one.
 * @param score Higher means more likely positive.
 * @example
 * precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // precision [0.5, 2/3, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(
  yTrue01: ArrayLike<number>,
  score: ArrayLike<number>,
): PrecisionRecallCurve {
  const { thresholds, tps, fps } = thresholdCounts(yTrue01, score);
  const positives = tps.length === 0 ? 0 : tps[tps.length - 1]!;
  const precision: number[] = [];
  const recall: number[] = [];
  const ascending: number[] = [];
  for (let k = thresholds.length - 1; k >= 0; k--) {
    // Every threshold is some row's score, so tps + fps ≥ 1.
    precision.push(tps[k]! / (tps[k]! + fps[k]!));
    recall.push(positives === 0 ? 1 : tps[k]! / positives);
    ascending.push(thresholds[k]!);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds: ascending };
}
