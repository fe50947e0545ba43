import { confusionMatrix } from './confusion-matrix.ts';
import { inferClassCount } from './check-inputs.ts';

/**
 * Balanced accuracy from a confusion matrix: the mean recall over the classes that occur in the truth.
 * Classes with no true rows are left out (sklearn `balanced_accuracy_score` drops their 0/0 recall with a
 * warning), so a class that is only ever predicted does not pull the score down. NaN when no class occurs.
 */
export function balancedAccuracyFromConfusion(matrix: number[][]): number {
  let sum = 0;
  let present = 0;
  for (let c = 0; c < matrix.length; c++) {
    const row = matrix[c]!;
    let support = 0;
    for (const count of row) support += count;
    if (support === 0) continue;
    sum += row[c]! / support;
    present++;
  }
  return present === 0 ? NaN : sum / present;
}

/**
 * Balanced accuracy: the mean per-class recall over the classes present in `yTrue` (sklearn
 * `balanced_accuracy_score`, not adjusted for chance).
 *
 * @param classes The number of classes; defaults to the largest index seen + 1.
 * @example
 * // class 0: 1 of 2 right, class 1: 2 of 2 right -> (0.5 + 1) / 2
 * balancedAccuracy([0, 0, 1, 1], [0, 1, 1, 1]); // 0.75
 */
export function balancedAccuracy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes = inferClassCount(yTrue, yPred),
): number {
  return balancedAccuracyFromConfusion(confusionMatrix(yTrue, yPred, classes));
}
