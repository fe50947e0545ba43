/** One bin of a reliability diagram. */
export interface CalibrationBin {
  /** Bin edges in predicted probability, [lower, upper) (the last bin includes 1). */
  lower: number;
  upper: number;
  rows: number;
  /** Mean predicted probability of the rows in the bin. */
  meanPredicted: number;
  /** Share of them that are positive. */
  observed: number;
}

/**
 * A reliability diagram (sklearn's `calibration_curve` with `strategy='uniform'`): the predicted
 * probabilities cut into `bins` equal-width bins on [0, 1]; for each non-empty bin, the mean prediction and
 * the observed positive share. A calibrated model's points lie on the diagonal.
 *
 * @example calibrationCurve([0, 1, 1, 0], [0.1, 0.8, 0.9, 0.3], 2) // [0, 0.5): 2 rows, predicted 0.2, observed 0; [0.5, 1]: 2 rows, 0.85, 1
 */
export function calibrationCurve(
  yTrue01: ArrayLike<number>,
  score: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const rows = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const positives = new Array<number>(bins).fill(0);
  for (let i = 0; i < score.length; i++) {
    const p = score[i]!;
    // sklearn bins with np.searchsorted on the inner edges; p = 1 belongs to the last bin.
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    rows[b]!++;
    predicted[b]! += p;
    positives[b]! += yTrue01[i] === 1 ? 1 : 0;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (rows[b] === 0) continue;
    out.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      rows: rows[b]!,
      meanPredicted: predicted[b]! / rows[b]!,
      observed: positives[b]! / rows[b]!,
    });
  }
  return out;
}
