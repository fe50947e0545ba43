import { checkClassCount, checkClassIndices, checkSameLength } from './check-inputs.ts';

/**
 * The confusion matrix: `matrix[t][p]` counts rows whose true class is `t` and predicted class is `p`, as
 * sklearn's `confusion_matrix(y_true, y_pred, labels=range(classes))` (rows = truth, columns = prediction).
 * Classes that never occur still get their row and column of zeros.
 *
 * @param yTrue True class indices 0 … classes − 1.
 * @param yPred Predicted class indices 0 … classes − 1.
 * @param classes The number of classes K.
 * @throws RangeError when the lengths differ or an index is outside 0 … K − 1 (the message names the row).
 * @example
 * confusionMatrix([0, 0, 1, 1], [0, 1, 1, 1], 2); // [[1, 1], [0, 2]]
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes: number,
): number[][] {
  checkSameLength(yTrue, yPred, 'yTrue', 'yPred');
  checkClassCount(classes);
  checkClassIndices(yTrue, classes, 'yTrue');
  checkClassIndices(yPred, classes, 'yPred');
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < yTrue.length; i++) matrix[yTrue[i]!]![yPred[i]!]! += 1;
  return matrix;
}

/** Row sums (true counts per class) and column sums (predicted counts per class) of a confusion matrix. */
export function confusionMargins(matrix: number[][]): { trueCounts: number[]; predictedCounts: number[] } {
  const k = matrix.length;
  const trueCounts = new Array<number>(k).fill(0);
  const predictedCounts = new Array<number>(k).fill(0);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      trueCounts[t]! += matrix[t]![p]!;
      predictedCounts[p]! += matrix[t]![p]!;
    }
  }
  return { trueCounts, predictedCounts };
}

/**
 * The confusion matrix restricted to the classes that occur in the truth or the prediction: sklearn's
 * default `labels = unique_labels(y_true, y_pred)`. A class absent from both has an all-zero row and column,
 * so no count changes; only the averages over classes do, since a macro average no longer counts an absent
 * class as a 0 (a segment that holds two of three classes, all predicted right, has macro F1 1, not 2/3).
 */
export function presentClassMatrix(matrix: number[][]): number[][] {
  const { trueCounts, predictedCounts } = confusionMargins(matrix);
  const present: number[] = [];
  for (let c = 0; c < matrix.length; c++) if (trueCounts[c]! > 0 || predictedCounts[c]! > 0) present.push(c);
  if (present.length === matrix.length) return matrix;
  return present.map((t) => present.map((p) => matrix[t]![p]!));
}
