import { METRICS } from '../problem/index.ts';

/** Short labels for the metrics the problem card does not offer but evaluation reports still show. */
const EXTRA_LABELS: Record<string, string> = {
  average_precision: 'PR AUC',
  brier: 'Brier score',
  mcc: 'MCC',
  cohen_kappa: "Cohen's kappa",
  mse: 'MSE',
  f1_weighted: 'Weighted F1',
  precision_macro: 'Macro precision',
  recall_macro: 'Macro recall',
  roc_auc_weighted: 'ROC AUC (weighted)',
  explained_variance: 'Explained variance',
};

/**
 * The human name of a metric key ("roc_auc" → "ROC AUC"), as the problem card shows it; an unknown key is
 * returned unchanged rather than guessed at.
 *
 * @example
 * metricLabel('rmse'); // "RMSE"
 */
export function metricLabel(metric: string): string {
  for (const entries of Object.values(METRICS)) {
    // The binary list comes first, so roc_auc reads "ROC AUC", not the multiclass "(one-vs-rest macro)".
    const found = entries.find((m) => m.name === metric);
    if (found) return found.label;
  }
  return EXTRA_LABELS[metric] ?? metric;
}
