import type { ExperimentData } from './build-experiment-data.ts';

type SplitSizes = Pick<ExperimentData, 'train' | 'validation' | 'test' | 'excluded'>;
type Checked = SplitSizes & Pick<ExperimentData, 'cols'>;

/** "4 training, 1 validation and 1 test rows", with the rows left out when there are any. */
export function describeSplitSizes(data: SplitSizes): string {
  const { missingTarget, droppedByRecipe, unknownClass } = data.excluded;
  const left = missingTarget + droppedByRecipe + unknownClass;
  return (
    `${data.train.rows} training, ${data.validation.rows} validation and ${data.test.rows} test rows` +
    (left > 0 ? ` (${left} rows left out: missing target, dropped by the recipe or an unseen class)` : '')
  );
}

/**
 * Refuses to train when there is nothing to learn from: no feature left after the recipe (every other
 * column an ID, a leak, constant or dropped), or an empty set: a model needs training rows, the search picks
 * a model by its validation score, and the test metrics need test rows. Without this a tiny or featureless
 * file fails deep in the search ("cols must be an integer ≥ 1", an undefined model) instead of saying why.
 * `dropped` names the columns the recipe removed, for the message.
 */
export function checkExperimentData(data: Checked, dropped: readonly string[] = []): void {
  if (data.cols === 0) {
    throw new Error(
      'No feature is left to train on: every column other than the target was dropped' +
        (dropped.length ? ` (${dropped.map((c) => `"${c}"`).join(', ')})` : '') +
        '. IDs, leaks, constant and all-missing columns are dropped; add columns that describe each row.',
    );
  }
  if (data.train.rows > 0 && data.validation.rows > 0 && data.test.rows > 0) return;
  throw new Error(
    `Too few rows to train and evaluate: the split gave ${describeSplitSizes(data)}. ` +
      'Each set needs at least one row; use a file with more rows.',
  );
}

/**
 * The error when every trial's validation score is undefined: with one or two validation rows (or one class
 * among them) metrics such as ROC AUC and R² have no value, so no model can be chosen.
 */
export function noScoredModelError(data: SplitSizes, metric: string): Error {
  return new Error(
    `No model could be chosen: the validation ${metric} is undefined for every trial on ` +
      `${data.validation.rows} validation row${data.validation.rows === 1 ? '' : 's'} (the split gave ${describeSplitSizes(data)}). Use a file with more rows.`,
  );
}
