import { confusionMargins, confusionMatrix } from './confusion-matrix.ts';
import { inferClassCount } from './check-inputs.ts';

/** Precision, recall, F1 and support (true rows) of each class, indexed by class. */
export interface PerClassScores {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

/** Precision, recall and F1 under one averaging. */
export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * How per-class scores are combined, as sklearn's `average`:
 * - `binary`: the positive class alone;
 * - `macro`: unweighted mean over all classes, including classes that never occur;
 * - `weighted`: mean weighted by each class's true rows;
 * - `micro`: from the counts pooled over classes (equals accuracy for single-label data).
 */
export type Averaging = 'binary' | 'macro' | 'weighted' | 'micro';

export interface AveragingOptions {
  /** Default `'binary'`. */
  average?: Averaging;
  /** The class counted as positive for `binary`. Default 1. */
  positiveClass?: number;
  /** The number of classes. Default: the largest index seen + 1 (at least 2). */
  classes?: number;
}

/** A 0/0 ratio counts as 0: sklearn's `zero_division=0`, which the oracle uses. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * F1 as the harmonic mean of precision and recall, in sklearn 1.2's arithmetic (2·p·r / (p + r), 0 when both
 * are 0), so that it lands on the same double as the oracle rather than on 2·tp / (2·tp + fp + fn).
 */
export function f1FromPrecisionRecall(precision: number, recall: number): number {
  const denominator = precision + recall;
  return denominator === 0 ? 0 : (2 * precision * recall) / denominator;
}

/**
 * Per-class precision (tp / predicted), recall (tp / true) and F1 from a confusion matrix, with 0 for a class
 * that is never predicted (precision) or never true (recall), as sklearn with `zero_division=0`.
 */
export function perClassScoresFromConfusion(matrix: number[][]): PerClassScores {
  const { trueCounts, predictedCounts } = confusionMargins(matrix);
  const precision = matrix.map((row, c) => ratio(row[c]!, predictedCounts[c]!));
  const recall = matrix.map((row, c) => ratio(row[c]!, trueCounts[c]!));
  const f1 = precision.map((p, c) => f1FromPrecisionRecall(p, recall[c]!));
  return { precision, recall, f1, support: trueCounts };
}

/**
 * Precision, recall and F1 under one averaging, from a confusion matrix. Macro and weighted average the
 * per-class F1 (not the F1 of averaged precision and recall), as sklearn does.
 */
export function averagedScoresFromConfusion(
  matrix: number[][],
  average: Averaging,
  positiveClass = 1,
): PrecisionRecallF1 {
  const perClass = perClassScoresFromConfusion(matrix);
  const k = matrix.length;
  if (average === 'binary') {
    if (!Number.isInteger(positiveClass) || positiveClass < 0 || positiveClass >= k) {
      throw new RangeError(`positiveClass ${positiveClass} is not one of the ${k} classes.`);
    }
    return {
      precision: perClass.precision[positiveClass]!,
      recall: perClass.recall[positiveClass]!,
      f1: perClass.f1[positiveClass]!,
    };
  }
  if (average === 'micro') {
    const { trueCounts, predictedCounts } = confusionMargins(matrix);
    let tp = 0;
    for (let c = 0; c < k; c++) tp += matrix[c]![c]!;
    const precision = ratio(tp, sum(predictedCounts));
    const recall = ratio(tp, sum(trueCounts));
    return { precision, recall, f1: f1FromPrecisionRecall(precision, recall) };
  }
  const weights = average === 'weighted' ? perClass.support : perClass.support.map(() => 1);
  const total = sum(weights);
  // No true rows at all: sklearn returns the zero_division value for weighted averages.
  const mean = (values: number[]) => (total === 0 ? 0 : sum(values.map((v, c) => v * weights[c]!)) / total);
  return { precision: mean(perClass.precision), recall: mean(perClass.recall), f1: mean(perClass.f1) };
}

function sum(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * Per-class precision, recall, F1 and support (sklearn `precision_recall_fscore_support(average=None,
 * zero_division=0)` with `labels = 0 … classes − 1`).
 *
 * @example
 * perClassScores([0, 0, 1, 1], [0, 1, 1, 1], 2);
 * // { precision: [1, 2/3], recall: [0.5, 1], f1: [2/3, 0.8], support: [2, 2] }
 */
export function perClassScores(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes = inferClassCount(yTrue, yPred),
): PerClassScores {
  return perClassScoresFromConfusion(confusionMatrix(yTrue, yPred, classes));
}

/**
 * Precision, recall and F1 together (sklearn `precision_recall_fscore_support` with `zero_division=0`).
 *
 * @example
 * precisionRecallF1([0, 0, 1, 1], [0, 1, 1, 1]); // binary, class 1: { precision: 2/3, recall: 1, f1: 0.8 }
 * precisionRecallF1([0, 1, 2, 2], [0, 2, 2, 2], { average: 'macro' });
 */
export function precisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: AveragingOptions = {},
): PrecisionRecallF1 {
  const { average = 'binary', positiveClass = 1, classes = inferClassCount(yTrue, yPred) } = options;
  return averagedScoresFromConfusion(confusionMatrix(yTrue, yPred, classes), average, positiveClass);
}

/** Precision, tp / (tp + fp); binary on class 1 by default. See {@link precisionRecallF1}. */
export function precisionScore(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: AveragingOptions = {},
): number {
  return precisionRecallF1(yTrue, yPred, options).precision;
}

/** Recall, tp / (tp + fn); binary on class 1 by default. See {@link precisionRecallF1}. */
export function recallScore(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: AveragingOptions = {},
): number {
  return precisionRecallF1(yTrue, yPred, options).recall;
}

/** F1, the harmonic mean of precision and recall; binary on class 1 by default. See {@link precisionRecallF1}. */
export function f1Score(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: AveragingOptions = {},
): number {
  return precisionRecallF1(yTrue, yPred, options).f1;
}
