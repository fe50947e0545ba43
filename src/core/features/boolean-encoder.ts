import type { Applier } from './applier.ts';
import type { FeatureTransform } from './feature-spec.ts';
import type { FittedBooleanStep } from './fitted-pipeline.ts';
import { readBoolean, type Cells } from './read-cell.ts';

type BooleanTransform = Extract<FeatureTransform, { kind: 'boolean' }>;

/**
 * 1 for true, 0 for false. A missing or unreadable value gets the training share of true (mean imputation),
 * and a "(missing)" 0/1 column is added when the training rows had such values.
 */
export function fitBoolean(transform: BooleanTransform, cells: Cells, rows: number): FittedBooleanStep {
  let trues = 0;
  let known = 0;
  for (let r = 0; r < rows; r++) {
    const value = readBoolean(cells[r]!);
    if (Number.isNaN(value)) continue;
    trues += value;
    known++;
  }
  return {
    kind: 'boolean',
    column: transform.column,
    fill: known === 0 ? 0 : trues / known,
    missingIndicator: known < rows,
  };
}

/** The step's {@link Applier}. */
export function booleanApplier(step: FittedBooleanStep): Applier {
  const { fill, missingIndicator } = step;
  return (cells, from, to, out, cols, offset) => {
    for (let r = from, at = from * cols + offset; r < to; r++, at += cols) {
      const value = readBoolean(cells[r]!);
      const missing = Number.isNaN(value);
      out[at] = missing ? fill : value;
      if (missingIndicator && missing) out[at + 1] = 1;
    }
  };
}

/** "churned", then "churned (missing)" when the training rows had gaps. */
export function booleanOutputNames(step: FittedBooleanStep): string[] {
  return step.missingIndicator ? [step.column, `${step.column} (missing)`] : [step.column];
}
