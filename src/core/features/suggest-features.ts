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
 * - date: year, month, weekday, is_weekend, days_since; datetime adds hour;
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
      return { kind: 'datetime', column, parts: dateParts(type === 'datetime') };
    case 'text':
      return { kind: 'tfidf', column, maxVocab: DEFAULT_TFIDF_VOCABULARY };
    case 'id':
      return { kind: 'drop', column };
  }
}

function dateParts(withHour: boolean): DatePart[] {
  return withHour
    ? ['year', 'month', 'weekday', 'hour', 'is_weekend', 'days_since']
    : ['year', 'month', 'weekday', 'is_weekend', 'days_since'];
}
