import { checkBinaryTruth, checkProbabilities, checkSameLength } from './check-inputs.ts';
import { compensatedMean } from './compensated-sum.ts';

/**
 * The Brier score, mean (y − p)² for a binary truth y and a predicted probability p of the positive class
 * (sklearn `brier_score_loss`). 0 is perfect; always predicting 0.5 scores 0.25. NaN for no rows.
 *
 * @throws RangeError when a probability is outside [0, 1] (sklearn refuses those too).
 * @example
 * brierScore([1, 0], [0.8, 0.4]); // (0.04 + 0.16) / 2 = 0.1
 */
export function brierScore(yTrue01: ArrayLike<number>, proba1: ArrayLike<number>): number {
  checkSameLength(yTrue01, proba1, 'yTrue01', 'proba1');
  checkBinaryTruth(yTrue01, 'yTrue01');
  checkProbabilities(proba1, 'proba1');
  return compensatedMean(yTrue01.length, (i) => (yTrue01[i]! - proba1[i]!) ** 2);
}
