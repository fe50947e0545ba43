// Evaluation metrics (LIFECYCLE.md §5) in float64, agreeing with scikit-learn 1.2 to 1e-9 on the oracle
// fixtures in test/fixtures/oracles/metrics, edge cases included. Pure TypeScript: runs in the train worker,
// the page and Node.
export { accuracy } from './accuracy.ts';
export { averagePrecision } from './average-precision.ts';
export { balancedAccuracy, balancedAccuracyFromConfusion } from './balanced-accuracy.ts';
export { brierScore } from './brier-score.ts';
export { classificationMetrics } from './classification-metrics.ts';
export type { ClassificationMetricsOptions } from './classification-metrics.ts';
export { positiveProba, predictedClasses } from './classification-prediction.ts';
export type { ClassificationPrediction } from './classification-prediction.ts';
export { cohenKappa, cohenKappaFromConfusion } from './cohen-kappa.ts';
export { compensatedMean, compensatedSum } from './compensated-sum.ts';
export { confusionMargins, confusionMatrix, presentClassMatrix } from './confusion-matrix.ts';
export { higherIsBetter } from './higher-is-better.ts';
export { logLoss } from './log-loss.ts';
export type { LogLossOptions } from './log-loss.ts';
export { matthewsCorrcoef, matthewsCorrcoefFromConfusion } from './matthews-corrcoef.ts';
export {
  averagedScoresFromConfusion,
  f1FromPrecisionRecall,
  f1Score,
  perClassScores,
  perClassScoresFromConfusion,
  precisionRecallF1,
  precisionScore,
  recallScore,
} from './precision-recall-f1.ts';
export type {
  Averaging,
  AveragingOptions,
  PerClassScores,
  PrecisionRecallF1,
} from './precision-recall-f1.ts';
export { precisionRecallCurve } from './precision-recall-curve.ts';
export type { PrecisionRecallCurve } from './precision-recall-curve.ts';
export { explainedVarianceScore, r2Score } from './r2-score.ts';
export type { R2Options } from './r2-score.ts';
export {
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  rootMeanSquaredError,
} from './regression-errors.ts';
export { regressionMetrics } from './regression-metrics.ts';
export { averageOneVsRest, oneVsRestAreas, rocAuc, rocAucOneVsRest } from './roc-auc.ts';
export type { OneVsRestAreas } from './roc-auc.ts';
export { rocCurve } from './roc-curve.ts';
export type { RocCurve, RocCurveOptions } from './roc-curve.ts';
export { thresholdCounts } from './threshold-counts.ts';
export type { ThresholdCounts } from './threshold-counts.ts';
export { calibrationCurve } from './calibration-curve.ts';
export type { CalibrationBin } from './calibration-curve.ts';
export { thresholdSummary } from './threshold-summary.ts';
export type { ThresholdSummary } from './threshold-summary.ts';
