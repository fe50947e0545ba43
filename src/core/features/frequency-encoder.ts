import type { Applier } from './applier.ts';
import type { FeatureTransform } from './feature-spec.ts';
import type { FittedFrequencyStep } from './fitted-pipeline.ts';
import { countValues, presentText, type Cells } from './read-cell.ts';

type FrequencyTransform = Extract<FeatureTransform, { kind: 'frequency' }>;

/**
 * Each value's share of the training rows (count / training rows). Missing counts as a value of its own (its
 * share is `missingShare`); a value never seen in training encodes as 0, the share it had there. Values are
 * stored in string order so that the fitted JSON never depends on row order.
 */
export function fitFrequency(transform: FrequencyTransform, cells: Cells, rows: number): FittedFrequencyStep {
  const { counts, missing } = countValues(cells, rows);
  const values = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    kind: 'frequency',
    column: transform.column,
    values,
    shares: values.map((value) => counts.get(value)! / rows),
    missingShare: rows === 0 ? 0 : missing / rows,
  };
}

/** The step's {@link Applier}. */
export function frequencyApplier(step: FittedFrequencyStep): Applier {
  const share = new Map(step.values.map((value, i) => [value, step.shares[i]!]));
  const missingShare = step.missingShare;
  return (cells, from, to, out, cols, offset) => {
    for (let r = from, at = from * cols + offset; r < to; r++, at += cols) {
      const value = presentText(cells[r]!);
      out[at] = value === null ? missingShare : (share.get(value) ?? 0);
    }
  };
}

/** The step's one output, named after its column. */
export function frequencyOutputNames(step: FittedFrequencyStep): string[] {
  return [step.column];
}
