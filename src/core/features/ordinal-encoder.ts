import type { Applier } from './applier.ts';
import type { FeatureTransform } from './feature-spec.ts';
import type { FittedOrdinalStep } from './fitted-pipeline.ts';
import { presentText, type Cells } from './read-cell.ts';

type OrdinalTransform = Extract<FeatureTransform, { kind: 'ordinal' }>;

/**
 * Position in the user's order, scaled to [0, 1]: index / (order.length − 1), and 0 for a one-value order.
 * A missing value, or one not in the order, gets `fill`: the mean of the training rows' encoded values (0
 * when none is in the order), i.e. mean imputation, the same choice as for numbers.
 */
export function fitOrdinal(transform: OrdinalTransform, cells: Cells, rows: number): FittedOrdinalStep {
  const step: FittedOrdinalStep = {
    kind: 'ordinal',
    column: transform.column,
    order: transform.order.slice(),
    fill: 0,
  };
  const index = positions(step);
  let sum = 0;
  let known = 0;
  for (let r = 0; r < rows; r++) {
    const position = lookup(index, cells[r]!);
    if (position === undefined) continue;
    sum += position;
    known++;
  }
  step.fill = known === 0 ? 0 : sum / known;
  return step;
}

/** The step's {@link Applier}. */
export function ordinalApplier(step: FittedOrdinalStep): Applier {
  const index = positions(step);
  const fill = step.fill;
  return (cells, from, to, out, cols, offset) => {
    for (let r = from, at = from * cols + offset; r < to; r++, at += cols)
      out[at] = lookup(index, cells[r]!) ?? fill;
  };
}

/** The step's one output, named after its column. */
export function ordinalOutputNames(step: FittedOrdinalStep): string[] {
  return [step.column];
}

function positions(step: FittedOrdinalStep): Map<string, number> {
  const last = step.order.length - 1;
  return new Map(step.order.map((value, i) => [value.trim(), last === 0 ? 0 : i / last]));
}

function lookup(index: ReadonlyMap<string, number>, cell: string | null): number | undefined {
  const value = presentText(cell);
  return value === null ? undefined : index.get(value);
}
