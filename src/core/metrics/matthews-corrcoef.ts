import { confusionMargins, confusionMatrix } from './confusion-matrix.ts';
import { inferClassCount } from './check-inputs.ts';

/**
 * The Matthews correlation coefficient from a confusion matrix, in the multiclass form sklearn
 * `matthews_corrcoef` uses (Gorodkin's R_K). 0 when the truth or the predictions hold a single class, where
 * the correlation is undefined; sklearn returns 0 there too.
 */
export function matthewsCorrcoefFromConfusion(matrix: number[][]): number {
  const { trueCounts, predictedCounts } = confusionMargins(matrix);
  let correct = 0;
  let n = 0;
  let truePred = 0;
  let predPred = 0;
  let trueTrue = 0;
  for (let c = 0; c < matrix.length; c++) {
    correct += matrix[c]![c]!;
    n += predictedCounts[c]!;
    truePred += trueCounts[c]! * predictedCounts[c]!;
    predPred += predictedCounts[c]! * predictedCounts[c]!;
    trueTrue += trueCounts[c]! * trueCounts[c]!;
  }
  const covTruePred = correct * n - truePred;
  const covPredPred = n * n - predPred;
  const covTrueTrue = n * n - trueTrue;
  if (covPredPred * covTrueTrue === 0) return 0;
  return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
}

/**
 * The Matthews correlation coefficient, −1 … 1 (sklearn `matthews_corrcoef`).
 *
 * @example
 * // tp = 2, tn = 1, fp = 1, fn = 0: (2·1 − 1·0) / √(3·2·2·1)
 * matthewsCorrcoef([0, 0, 1, 1], [0, 1, 1, 1]); // 0.5773502691896258
 */
export function matthewsCorrcoef(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes = inferClassCount(yTrue, yPred),
): number {
  return matthewsCorrcoefFromConfusion(confusionMatrix(yTrue, yPred, classes));
}
