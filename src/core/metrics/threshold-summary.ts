/** The binary confusion matrix and its rates when predicting positive for `score >= threshold`. */
export interface ThresholdSummary {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** TP / (TP + FP); 0 when nothing is predicted positive (sklearn's zero_division=0). */
  precision: number;
  /** TP / (TP + FN); 0 when there are no positive rows. */
  recall: number;
  /** Harmonic mean of the two; 0 when both are 0. */
  f1: number;
  accuracy: number;
  /** Share of rows predicted positive. */
  selectionRate: number;
}

/**
 * What a decision threshold does on a set of rows: the counts and rates the threshold control shows. One
 * pass over the rows, so moving the threshold re-counts rather than keeps a curve in step.
 *
 * @param yTrue01 1 for a positive row, 0 for a negative one.
 * @param score P(positive) per row.
 * @example thresholdSummary([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.1], 0.5) // tp 1, fp 1, fn 1, tn 1: precision 0.5
 */
export function thresholdSummary(
  yTrue01: ArrayLike<number>,
  score: ArrayLike<number>,
  threshold: number,
): ThresholdSummary {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < yTrue01.length; i++) {
    const positive = score[i]! >= threshold;
    if (yTrue01[i] === 1) {
      if (positive) tp++;
      else fn++;
    } else if (positive) fp++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const n = tp + fp + fn + tn;
  return {
    threshold,
    tp,
    fp,
    fn,
    tn,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    accuracy: n === 0 ? NaN : (tp + tn) / n,
    selectionRate: n === 0 ? NaN : (tp + fp) / n,
  };
}
