import { checkBinaryTruth, checkClassCount, checkClassIndices, checkSameLength } from './check-inputs.ts';
import { sortByScore } from './sort-by-score.ts';

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the probability that a random positive row scores
 * above a random negative one, a tie counting 1/2. Tied scores get the average of their ranks, which equals
 * sklearn's trapezoidal area under `roc_curve`. Rank sums are half-integers, exact in float64, so the only
 * rounding is the final division.
 *
 * @param yTrue01 1 for a positive row, 0 for a negative one.
 * @param score Higher means more likely positive (a probability, a logit, any monotone score).
 * @returns A value in [0, 1]; NaN when `yTrue01` holds a single class (sklearn raises there: the area is
 *   undefined) or no rows.
 * @throws RangeError for mismatched lengths, a truth other than 0/1, or a NaN score.
 * @example
 * // positives score 0.8 and 0.4; negatives 0.4 and 0.1: pairs won 3, tied 1 of 4 -> 3.5 / 4
 * rocAuc([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1]); // 0.875
 */
export function rocAuc(yTrue01: ArrayLike<number>, score: ArrayLike<number>): number {
  checkSameLength(yTrue01, score, 'yTrue01', 'score');
  checkBinaryTruth(yTrue01, 'yTrue01');
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(score[i])) throw new RangeError(`score[${i}] is NaN; expected a number.`);
  }
  const order = sortByScore(score, false);
  let positives = 0;
  // Twice the rank sum of the positives, so that average ranks of ties stay integers.
  let doubledRankSum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    let positivesInTie = yTrue01[order[start]!]!;
    while (end < order.length && score[order[end]!] === score[order[start]!]) {
      positivesInTie += yTrue01[order[end]!]!;
      end++;
    }
    // 1-based ranks start + 1 … end share the average rank (start + 1 + end) / 2.
    doubledRankSum += positivesInTie * (start + 1 + end);
    positives += positivesInTie;
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (doubledRankSum / 2 - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The one-vs-rest ROC AUC of every class and the class's support (true rows). */
export interface OneVsRestAreas {
  areas: number[];
  supports: number[];
}

/**
 * The binary {@link rocAuc} of each class's probability column against "this class or not". A class absent
 * from the truth gets NaN.
 *
 * @param yTrue Class indices 0 … classes − 1.
 * @param proba Row-major probabilities, rows × classes.
 * @param classes The number of classes K.
 */
export function oneVsRestAreas(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes: number,
): OneVsRestAreas {
  checkClassCount(classes);
  checkClassIndices(yTrue, classes, 'yTrue');
  const n = yTrue.length;
  if (proba.length !== n * classes) {
    throw new RangeError(`proba has ${proba.length} values; expected ${n} rows × ${classes} classes.`);
  }
  const isClass = new Uint8Array(n);
  const column = new Float64Array(n);
  const areas: number[] = [];
  const supports: number[] = [];
  for (let c = 0; c < classes; c++) {
    let support = 0;
    for (let i = 0; i < n; i++) {
      isClass[i] = yTrue[i] === c ? 1 : 0;
      support += isClass[i]!;
      column[i] = proba[i * classes + c]!;
    }
    areas.push(rocAuc(isClass, column));
    supports.push(support);
  }
  return { areas, supports };
}

/**
 * The average of one-vs-rest areas: unweighted (`macro`) or by class support (`weighted`). NaN if any area
 * is NaN: sklearn refuses the whole average when one class is missing from the truth.
 */
export function averageOneVsRest({ areas, supports }: OneVsRestAreas, average: 'macro' | 'weighted'): number {
  let weighted = 0;
  let totalWeight = 0;
  for (let c = 0; c < areas.length; c++) {
    const weight = average === 'weighted' ? supports[c]! : 1;
    weighted += areas[c]! * weight;
    totalWeight += weight;
  }
  return weighted / totalWeight;
}

/**
 * Multiclass ROC AUC, one-vs-rest: the binary {@link rocAuc} of each class's probability column against
 * "this class or not", averaged unweighted (`macro`, sklearn's default) or by class support (`weighted`).
 * As in sklearn (`roc_auc_score(multi_class='ovr', labels=…)`), a class absent from the truth makes its
 * area, and therefore the average, undefined: NaN.
 *
 * @param yTrue Class indices 0 … classes − 1.
 * @param proba Row-major probabilities, rows × classes.
 * @param classes The number of classes K.
 * @example
 * rocAucOneVsRest([0, 1, 2], Float64Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4), 3); // 1
 */
export function rocAucOneVsRest(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes: number,
  average: 'macro' | 'weighted' = 'macro',
): number {
  return averageOneVsRest(oneVsRestAreas(yTrue, proba, classes), average);
}
