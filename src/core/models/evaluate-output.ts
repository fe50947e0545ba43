import { classificationMetrics, positiveProba, regressionMetrics, rocAuc } from '../metrics/index.ts';
import type { MetricName, TaskType } from '../problem/problem-card.ts';
import type { ModelOutput } from './model-output.ts';

/** Every metric of the task for one block of predictions; keys as in METRICS (plus `f1` for multiclass). */
export function evaluateOutput(
  task: TaskType,
  output: ModelOutput,
  y: ArrayLike<number>,
): Record<string, number> {
  if (output.kind === 'value') return regressionMetrics(y, output.values);
  return classificationMetrics(
    y,
    { proba: output.values, classes: output.classes },
    task === 'binary' ? 'binary' : 'multiclass',
    output.threshold === undefined ? {} : { threshold: output.threshold },
  );
}

/** Metrics where a smaller value is better; scores negate them so that the search always maximises. */
const LOWER_IS_BETTER = new Set<string>(['log_loss', 'rmse', 'mae', 'mape']);

/** A scorer for the problem's metric: higher is always better (lower-is-better metrics are negated). */
export function metricScorer(
  task: TaskType,
  metric: MetricName,
): (output: ModelOutput, y: ArrayLike<number>) => number {
  const sign = LOWER_IS_BETTER.has(metric) ? -1 : 1;
  // The search scores thousands of blends (ensemble selection): ROC AUC alone, not every metric, there.
  if (task === 'binary' && metric === 'roc_auc')
    return (output, y) => {
      if (output.kind !== 'proba') return NaN;
      return rocAuc(y, positiveProba({ proba: output.values, classes: 2 }));
    };
  return (output, y) => {
    const value = evaluateOutput(task, output, y)[metric];
    return value === undefined ? NaN : sign * value;
  };
}

/** Turns a score back into the metric's own value. */
export function scoreToMetric(metric: MetricName, score: number): number {
  return LOWER_IS_BETTER.has(metric) ? -score : score;
}
