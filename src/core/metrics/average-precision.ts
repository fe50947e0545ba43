import { thresholdCounts } from './threshold-counts.ts';

/**
 * Average precision, the usual "PR AUC" (sklearn `average_precision_score`): Σ (R_k − R_{k−1}) · P_k over the
 * distinct scores from the highest down, the precision at each step weighted by the recall it adds. A step
 * function, not the trapezoidal area, which is optimistic. Tied scores are one step.
 *
 * With no positive rows recall is undefined; like sklearn 1.2 (which warns) the result is then 0.
 *
 * @param yTrue01 1 for a positive row, 0 for a negative one.
 * @param score Higher means more likely positive.
 * @example
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333333333333333: 0.5·1 + 0.5·(2/3)
 */
export function averagePrecision(yTrue01: ArrayLike<number>, score: ArrayLike<number>): number {
  const { tps, fps } = thresholdCounts(yTrue01, score);
  if (tps.length === 0) return NaN;
  const positives = tps[tps.length - 1]!;
  if (positives === 0) return 0;
  let area = 0;
  let previousRecall = 0;
  for (let k = 0; k < tps.length; k++) {
    const recall = tps[k]! / positives;
    area += (recall - previousRecall) * (tps[k]! / (tps[k]! + fps[k]!));
    previousRecall = recall;
  }
  return area;
}
