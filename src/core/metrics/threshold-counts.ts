import { checkBinaryTruth, checkSameLength } from './check-inputs.ts';
import { sortByScore } from './sort-by-score.ts';

/**
 * True- and false-positive counts at every distinct score, highest first: predicting positive for
 * `score >= thresholds[k]` gives `tps[k]` true positives and `fps[k]` false positives. A block of tied scores
 * is a single step, so the curves and areas built on it do not depend on the order of tied rows.
 */
export interface ThresholdCounts {
  thresholds: Float64Array;
  tps: Float64Array;
  fps: Float64Array;
}

/**
 * Counts per distinct score (sklearn's private `_binary_clf_curve`), the basis of ROC and precision–recall
 * curves and of average precision.
 *
 * @param yTrue01 1 for a positive row, 0 for a negative one.
 * @param score Higher means more likely positive. NaN is refused.
 * @example
 * thresholdCounts([0, 1, 1], [0.2, 0.8, 0.2]);
 * // thresholds [0.8, 0.2], tps [1, 2], fps [0, 1]
 */
export function thresholdCounts(yTrue01: ArrayLike<number>, score: ArrayLike<number>): ThresholdCounts {
  checkSameLength(yTrue01, score, 'yTrue01', 'score');
  checkBinaryTruth(yTrue01, 'yTrue01');
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(score[i])) throw new RangeError(`score[${i}] is NaN; expected a number.`);
  }
  const order = sortByScore(score, true);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const row = order[k]!;
    if (yTrue01[row] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || score[next] !== score[row]) {
      thresholds.push(score[row]!);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
  };
}
