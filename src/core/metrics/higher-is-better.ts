/** Metrics where a smaller value is better: losses and errors. */
const LOWER_IS_BETTER = new Set([
  'log_loss',
  'brier',
  'rmse',
  'mse',
  'mae',
  'mape',
  'median_absolute_error',
  'max_error',
]);

/** Metrics where a larger value is better: agreement, areas and explained variance. */
const HIGHER_IS_BETTER = new Set([
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f1',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
  'precision_micro',
  'recall_micro',
  'f1_micro',
  'roc_auc',
  'roc_auc_weighted',
  'average_precision',
  'mcc',
  'cohen_kappa',
  'r2',
  'explained_variance',
]);

/**
 * Whether a larger value of `metric` is better, for every key of `classificationMetrics` and
 * `regressionMetrics`. Other names ending in `loss` or `error` (`val_loss`, `train_loss`) count as lower is
 * better, since that is what they mean everywhere in ML.
 *
 * @throws RangeError for any other name: guessing the direction would silently pick the worst model.
 * @example
 * higherIsBetter('roc_auc'); // true
 * higherIsBetter('rmse'); // false
 * higherIsBetter('val_loss'); // false
 */
export function higherIsBetter(metric: string): boolean {
  if (HIGHER_IS_BETTER.has(metric)) return true;
  if (LOWER_IS_BETTER.has(metric) || /(loss|error)$/.test(metric)) return false;
  throw new RangeError(`higherIsBetter: unknown metric "${metric}".`);
}
