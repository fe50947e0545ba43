import { confusionMargins, confusionMatrix } from './confusion-matrix.ts';
import { inferClassCount } from './check-inputs.ts';

/**
 * Cohen's kappa from a confusion matrix: 1 − observed disagreement / disagreement expected by chance, in
 * sklearn `cohen_kappa_score`'s arithmetic (unweighted). NaN when chance disagreement is 0 (every row in one
 * class on both sides), where sklearn also returns nan.
 */
export function cohenKappaFromConfusion(matrix: number[][]): number {
  const { trueCounts, predictedCounts } = confusionMargins(matrix);
  let n = 0;
  for (const count of predictedCounts) n += count;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < matrix.length; i++) {
    for (let j = 0; j < matrix.length; j++) {
      if (i === j) continue;
      observed += matrix[i]![j]!;
      // sklearn's expected matrix is outer(column sums, row sums) / n.
      expected += (predictedCounts[i]! * trueCounts[j]!) / n;
    }
  }
  return 1 - observed / expected;
}

/**
 * Cohen's kappa: agreement between truth and prediction beyond chance, −1 … 1 (sklearn `cohen_kappa_score`).
 *
 * @example
 * // observed disagreement 1; expected by chance (1·2 + 3·2) / 4 = 2 -> 1 − 1/2
 * cohenKappa([0, 0, 1, 1], [0, 1, 1, 1]); // 0.5
 */
export function cohenKappa(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes = inferClassCount(yTrue, yPred),
): number {
  return cohenKappaFromConfusion(confusionMatrix(yTrue, yPred, classes));
}
