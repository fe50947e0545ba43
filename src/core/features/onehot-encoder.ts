import type { Applier } from './applier.ts';
import type { FeatureTransform } from './feature-spec.ts';
import type { FittedOnehotStep } from './fitted-pipeline.ts';
import { countValues, presentText, type Cells } from './read-cell.ts';

type OnehotTransform = Extract<FeatureTransform, { kind: 'onehot' }>;

/**
 * Keeps the `topK` most frequent training values (ties by string order, so row order never matters). Every
 * other value, including one first seen at serving, goes to "(other)"; a "(missing)" column is added only when
 * the training rows had missing values, and otherwise a missing value is all zeros.
 */
export function fitOnehot(transform: OnehotTransform, cells: Cells, rows: number): FittedOnehotStep {
  const { counts, missing } = countValues(cells, rows);
  const categories = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, transform.topK)
    .map(([value]) => value);
  return { kind: 'onehot', column: transform.column, categories, missingIndicator: missing > 0 };
}

/** The step's {@link Applier}. */
export function onehotApplier(step: FittedOnehotStep): Applier {
  const index = new Map(step.categories.map((value, i) => [value, i]));
  const other = step.categories.length;
  const missing = step.missingIndicator ? other + 1 : -1;
  return (cells, from, to, out, cols, offset) => {
    for (let r = from, at = from * cols + offset; r < to; r++, at += cols) {
      const value = presentText(cells[r]!);
      if (value === null) {
        if (missing >= 0) out[at + missing] = 1;
      } else {
        out[at + (index.get(value) ?? other)] = 1;
      }
    }
  };
}

/** "city=Paris" per kept value, then "city=(other)", then "city=(missing)" when the training rows had gaps. */
export function onehotOutputNames(step: FittedOnehotStep): string[] {
  const names = step.categories.map((value) => `${step.column}=${value}`);
  names.push(`${step.column}=(other)`);
  if (step.missingIndicator) names.push(`${step.column}=(missing)`);
  return names;
}
