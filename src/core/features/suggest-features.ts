import type { TaskType } from '../problem/problem-card.ts';
import type { ColumnType } from '../table/raw-table.ts';
import type { DatePart, FeatureSpec, FeatureTransform } from './feature-spec.ts';

/**
 * One-hot keeps this many values by default: enough for the common categorical columns (plans, regions,
 * payment methods) while a 1,000-value column still costs only 21 features.
 */
export const DEFAULT_ONEHOT_TOP_K = 20;
/** TF-IDF vocabulary cap by default. */
export const DEFAULT_TFIDF_VOCABULARY = 200;

/**
 * The default features for a dataset's columns: what a user starts from in the UI and what the CLI accepts.
 * - integer, number: median-imputed and standardized;
 * - category: one-hot of the {@link DEFAULT_ONEHOT_TOP_K} most frequent values plus "(other)";
 * - boolean: 0/1;
 * - date, datetime: date parts (see {@link suggestedDateParts}), never dropped as an ID even when unique per
 *   row (a daily table's `date` carries its season and trend); datetime adds hour;
 * - text: TF-IDF over the {@link DEFAULT_TFIDF_VOCABULARY} most common terms;
 * - id: dropped (listed, so the user sees the choice);
 * - the target is never a feature.
 *
 * @example
 * suggestFeatures([{ name: 'age', type: 'integer' }, { name: 'churned', type: 'boolean' }], 'churned', 'binary');
 * // { target: 'churned', task: 'binary', transforms: [{ kind: 'numeric', column: 'age', impute: 'median', scale: 'standardize' }] }
 */
export function suggestFeatures(
  columns: { name: string; type: ColumnType }[],
  target: string,
  task: TaskType,
  positiveClass?: string,
): FeatureSpec {
  const transforms = columns.filter((column) => column.name !== target).map(suggestTransform);
  // No `positiveClass: undefined` key: the spec is stored as JSON.
  return positiveClass === undefined
    ? { target, task, transforms }
    : { target, task, positiveClass, transforms };
}

function suggestTransform({ name: column, type }: { name: string; type: ColumnType }): FeatureTransform {
  switch (type) {
    case 'integer':
    case 'number':
      return { kind: 'numeric', column, impute: 'median', scale: 'standardize' };
    case 'category':
      return { kind: 'onehot', column, topK: DEFAULT_ONEHOT_TOP_K };
    case 'boolean':
      return { kind: 'boolean', column };
    case 'date':
    case 'datetime':
      return { kind: 'datetime', column, parts: suggestedDateParts(type === 'datetime') };
    case 'text':
      return { kind: 'tfidf', column, maxVocab: DEFAULT_TFIDF_VOCABULARY };
    case 'id':
      return { kind: 'drop', column };
  }
}

/**
 * The suggested parts of a date column: the calendar fields a model can split on (year, month, day of
 * month, day of year, weekday, is_weekend), the month and the day of the year on a circle (sin and cos, so
 * that December sits next to January), and the days since the first training date (the trend). A datetime
 * also keeps the hour.
 *
 * @example
 * suggestedDateParts(true); // ['year', 'month', 'day', 'day_of_year', 'weekday', 'hour', 'is_weekend', …]
 */
export function suggestedDateParts(withHour: boolean): DatePart[] {
  return [
    'year',
    'month',
    'day',
    'day_of_year',
    'weekday',
    ...(withHour ? (['hour'] as const) : []),
    'is_weekend',
    'month_sin',
    'month_cos',
    'day_of_year_sin',
    'day_of_year_cos',
    'days_since',
  ];
}
