/**
 * The problem card (LIFECYCLE §1): what is predicted, how success is measured, and how predictions are used.
 * Stored as a versioned record; every later stage refers to the version it was built against.
 */

export type TaskType = 'binary' | 'multiclass' | 'regression';

export type MetricName =
  | 'roc_auc'
  | 'accuracy'
  | 'balanced_accuracy'
  | 'f1'
  | 'f1_macro'
  | 'precision'
  | 'recall'
  | 'log_loss'
  | 'rmse'
  | 'mae'
  | 'r2'
  | 'mape';

/** Metrics offered per task, and whether higher is better. */
export const METRICS: Record<TaskType, { name: MetricName; label: string; higherIsBetter: boolean }[]> = {
  binary: [
    { name: 'roc_auc', label: 'ROC AUC', higherIsBetter: true },
    { name: 'f1', label: 'F1', higherIsBetter: true },
    { name: 'accuracy', label: 'Accuracy', higherIsBetter: true },
    { name: 'balanced_accuracy', label: 'Balanced accuracy', higherIsBetter: true },
    { name: 'precision', label: 'Precision', higherIsBetter: true },
    { name: 'recall', label: 'Recall', higherIsBetter: true },
    { name: 'log_loss', label: 'Log loss', higherIsBetter: false },
  ],
  multiclass: [
    { name: 'f1_macro', label: 'Macro F1', higherIsBetter: true },
    { name: 'accuracy', label: 'Accuracy', higherIsBetter: true },
    { name: 'balanced_accuracy', label: 'Balanced accuracy', higherIsBetter: true },
    { name: 'roc_auc', label: 'ROC AUC (one-vs-rest macro)', higherIsBetter: true },
    { name: 'log_loss', label: 'Log loss', higherIsBetter: false },
  ],
  regression: [
    { name: 'rmse', label: 'RMSE', higherIsBetter: false },
    { name: 'mae', label: 'MAE', higherIsBetter: false },
    { name: 'r2', label: 'R²', higherIsBetter: true },
    { name: 'mape', label: 'MAPE', higherIsBetter: false },
  ],
};

export interface SuccessMetric {
  name: MetricName;
  /** The bar: e.g. ROC AUC ≥ 0.85, RMSE ≤ 50,000. The direction follows the metric. */
  target: number;
}

export interface ProblemCard {
  datasetId: string;
  /** The raw dataset version (SHA-256) the card was defined on. */
  datasetSha256: string;
  target: string;
  taskType: TaskType;
  /** What Looplab guessed, kept to show whether the user overrode it. */
  guessedTaskType: TaskType;
  /** For binary tasks: the class counted as positive. */
  positiveClass?: string;
  metric: SuccessMetric;
  usage: 'real-time' | 'batch';
  /** What a wrong prediction costs, in the user's words. */
  costNote: string;
  /** Rows excluded because the target is missing. */
  excludedRows: number;
  /** Leakage and ID warnings shown when the card was saved. */
  warnings: string[];
}

/** The metric entry for a task, or undefined if the metric does not apply to it. */
export function metricInfo(task: TaskType, name: MetricName) {
  return METRICS[task].find((m) => m.name === name);
}

/** "ROC AUC ≥ 0.85": the success bar in words. */
export function describeMetric(task: TaskType, metric: SuccessMetric): string {
  const info = metricInfo(task, metric.name);
  if (!info) return `${metric.name} ${metric.target}`;
  return `${info.label} ${info.higherIsBetter ? '≥' : '≤'} ${metric.target.toLocaleString('en-US')}`;
}

/**
 * Checks a card against the dataset's columns and target values. Returns one message per problem, each
 * naming the field, or an empty list.
 */
export function validateProblemCard(
  card: ProblemCard,
  columns: readonly string[],
  classes: readonly string[],
): string[] {
  const errors: string[] = [];
  if (!columns.includes(card.target)) errors.push(`target: the dataset has no column "${card.target}".`);
  if (!metricInfo(card.taskType, card.metric.name)) {
    errors.push(`metric: ${card.metric.name} does not apply to a ${card.taskType} task.`);
  }
  if (!Number.isFinite(card.metric.target)) errors.push('metric target: enter a number.');
  if (card.taskType === 'binary') {
    if (classes.length !== 2) {
      errors.push(
        `task type: a binary task needs exactly 2 classes; "${card.target}" has ${classes.length}.`,
      );
    }
    if (card.positiveClass === undefined || !classes.includes(card.positiveClass)) {
      errors.push(`positive class: choose one of ${classes.map((c) => `"${c}"`).join(', ')}.`);
    }
  }
  if (card.taskType === 'multiclass' && classes.length < 3) {
    errors.push(
      `task type: a multiclass task needs 3 or more classes; "${card.target}" has ${classes.length}.`,
    );
  }
  return errors;
}
