import { balancedAccuracyFromConfusion } from './balanced-accuracy.ts';
import { brierScore } from './brier-score.ts';
import { checkClassCount, checkClassIndices } from './check-inputs.ts';
import {
  type ClassificationPrediction,
  positiveProba,
  predictedClasses,
} from './classification-prediction.ts';
import { cohenKappaFromConfusion } from './cohen-kappa.ts';
import { confusionMatrix, presentClassMatrix } from './confusion-matrix.ts';
import { averagePrecision } from './average-precision.ts';
import { logLoss } from './log-loss.ts';
import { matthewsCorrcoefFromConfusion } from './matthews-corrcoef.ts';
import { averagedScoresFromConfusion } from './precision-recall-f1.ts';
import { averageOneVsRest, oneVsRestAreas, rocAuc } from './roc-auc.ts';

export interface ClassificationMetricsOptions {
  /** Binary only: predict the positive class when P(positive) ≥ threshold. Default 0.5. */
  threshold?: number;
}

/**
 * Every classification metric of one prediction, keyed by the names runs record (`MetricName` and more).
 * Label metrics use the predicted class: binary, P(positive) ≥ 0.5 (a tie goes to the positive class);
 * multiclass, the argmax. Score metrics use the probabilities. sklearn conventions throughout (the oracle
 * fixtures check them to 1e-9): macro and weighted averages run over the classes present in the truth or the
 * prediction (sklearn's default labels); a 0/0 precision, recall or F1 is 0 (`zero_division=0`); an undefined metric
 * is NaN, notably `roc_auc` when the truth holds one class (binary) or lacks a class (multiclass).
 *
 * Keys, binary: `accuracy`, `balanced_accuracy`, `precision`, `recall`, `f1` (of the positive class),
 * `roc_auc`, `log_loss`, plus `average_precision` (PR AUC), `brier`, `mcc`, and `precision_macro`,
 * `recall_macro`, `f1_macro`, `precision_weighted`, `recall_weighted`, `f1_weighted`.
 *
 * Keys, multiclass: `accuracy`, `balanced_accuracy`, `f1_macro`, `f1` (the same as `f1_macro`, the CLI's
 * name), `roc_auc` (one-vs-rest macro), `log_loss`, plus `precision_macro`, `recall_macro`,
 * `precision_weighted`, `recall_weighted`, `f1_weighted`, `roc_auc_weighted`, `mcc`, `cohen_kappa`.
 *
 * @param yTrue True class indices 0 … K − 1.
 * @param pred Probabilities rows × K.
 * @throws RangeError for a bad class index, a proba of the wrong size, or a binary task with K ≠ 2.
 * @example
 * const pred = { proba: Float64Array.of(0.9, 0.1, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8), classes: 2 };
 * classificationMetrics([0, 0, 1, 1], pred, 'binary').f1; // 0.8
 */
export function classificationMetrics(
  yTrue: ArrayLike<number>,
  pred: ClassificationPrediction,
  task: 'binary' | 'multiclass',
  options: ClassificationMetricsOptions = {},
): Record<string, number> {
  const k = pred.classes;
  checkClassCount(k);
  if (task === 'binary' && k !== 2) throw new RangeError(`a binary prediction needs 2 classes, got ${k}.`);
  checkClassIndices(yTrue, k, 'yTrue');
  if (pred.proba.length !== yTrue.length * k) {
    throw new RangeError(
      `proba has ${pred.proba.length} values; expected ${yTrue.length} rows × ${k} classes.`,
    );
  }
  const yPred = predictedClasses(pred, task, options.threshold);
  const matrix = confusionMatrix(yTrue, yPred, k);
  let correct = 0;
  for (let c = 0; c < k; c++) correct += matrix[c]![c]!;
  // Averages over classes take the classes present in the truth or the prediction, as sklearn does when
  // no `labels` are given: on a subset of rows (a segment) a class that never occurs is not a 0.
  const present = presentClassMatrix(matrix);
  const macro = averagedScoresFromConfusion(present, 'macro');
  const weighted = averagedScoresFromConfusion(present, 'weighted');
  const shared = {
    accuracy: yTrue.length === 0 ? NaN : correct / yTrue.length,
    balanced_accuracy: balancedAccuracyFromConfusion(matrix),
    precision_macro: macro.precision,
    recall_macro: macro.recall,
    f1_macro: macro.f1,
    precision_weighted: weighted.precision,
    recall_weighted: weighted.recall,
    f1_weighted: weighted.f1,
    mcc: matthewsCorrcoefFromConfusion(matrix),
    log_loss: logLoss(yTrue, pred.proba, k),
  };
  if (task === 'binary') {
    const positive = averagedScoresFromConfusion(matrix, 'binary', 1);
    const score = positiveProba(pred);
    return {
      ...shared,
      precision: positive.precision,
      recall: positive.recall,
      f1: positive.f1,
      roc_auc: rocAuc(yTrue, score),
      average_precision: averagePrecision(yTrue, score),
      brier: brierScore(yTrue, score),
    };
  }
  const areas = oneVsRestAreas(yTrue, pred.proba, k);
  return {
    ...shared,
    f1: macro.f1,
    roc_auc: averageOneVsRest(areas, 'macro'),
    roc_auc_weighted: averageOneVsRest(areas, 'weighted'),
    cohen_kappa: cohenKappaFromConfusion(matrix),
  };
}
