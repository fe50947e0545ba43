import { checkSameLength } from './check-inputs.ts';

/**
 * The share of rows whose predicted class equals the true class (sklearn `accuracy_score`). NaN for no rows.
 *
 * @example
 * accuracy([0, 1, 1, 0], [0, 1, 0, 0]); // 0.75
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred, 'yTrue', 'yPred');
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return yTrue.length === 0 ? NaN : correct / yTrue.length;
}
