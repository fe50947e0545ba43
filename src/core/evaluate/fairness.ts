import type { ModelOutput } from '../models/model-output.ts';
import { formatNumber } from './format-number.ts';
import { outputRows } from './metrics-for-rows.ts';
import { isMissingCell, MISSING_LABEL } from './segment-column.ts';

export interface FairnessOptions {
  /** Binary targets: 1 for the positive class, 0 otherwise. */
  yTrue: ArrayLike<number>;
  /** Binary probabilities (2 classes, column 1 positive). */
  output: ModelOutput;
  /** The sensitive column; each distinct value is a group, missing cells one "(missing)" group. */
  column: { name: string; cells: readonly (string | null)[] };
  /** Predict positive when P(positive) ≥ threshold. Default 0.5. */
  threshold?: number;
  /** Groups with fewer rows are reported but left out of the ratios and differences. Default 30. */
  minRows?: number;
}

export interface FairnessGroup {
  group: string;
  rows: number;
  /** Share of the group's rows predicted positive. */
  selectionRate: number;
  /** Recall among the group's actual positives; NaN when the group has none. */
  truePositiveRate: number;
  /** Share of the group's rows that are actually positive. */
  baseRate: number;
  /** Whether the group counts in the ratios and differences (it has at least `minRows` rows). */
  included: boolean;
}

export interface FairnessFlag {
  measure: 'disparateImpact' | 'demographicParityDifference' | 'equalOpportunityDifference';
  value: number;
  limit: number;
  message: string;
}

export interface FairnessReport {
  column: string;
  threshold: number;
  minRows: number;
  groups: FairnessGroup[];
  /** Lowest over highest selection rate among included groups; flagged below 0.8. NaN with < 2 groups. */
  disparateImpact: number;
  /** Highest minus lowest selection rate among included groups; flagged above 0.1. */
  demographicParityDifference: number;
  /** Highest minus lowest TPR among included groups with actual positives; flagged above 0.1. */
  equalOpportunityDifference: number;
  flags: FairnessFlag[];
  /** Why a measure is NaN, or which groups were left out. */
  notes: string[];
}

/** The four-fifths rule of the US EEOC guidelines, the usual bar for disparate impact. */
export const DISPARATE_IMPACT_LIMIT = 0.8;
/** The gap in selection rate or TPR above which a difference is flagged (LIFECYCLE §5). */
export const DIFFERENCE_LIMIT = 0.1;

/**
 * Group fairness of a binary classifier over one sensitive column (LIFECYCLE §5): per group the selection
 * rate, true positive rate and base rate; across groups disparate impact (flagged < 0.8), demographic parity
 * difference (flagged > 0.1) and equal opportunity difference, the TPR gap (flagged > 0.1).
 *
 * Groups smaller than `minRows` are listed but excluded from the three measures: a group of five rows swings
 * its selection rate by 0.2 per row, which would flag noise. Groups without actual positives have no TPR and
 * are left out of equal opportunity only. Every exclusion is written in `notes`, and each flag's message
 * names the two groups at the extremes.
 *
 * @throws RangeError for mismatched lengths, a non-binary output, or a target that is not 0/1.
 * @example
 * fairnessReport({ yTrue, output, column: { name: 'sex', cells } }).flags.map((f) => f.message);
 */
export function fairnessReport(options: FairnessOptions): FairnessReport {
  const { yTrue, output, column } = options;
  const threshold = options.threshold ?? 0.5;
  const minRows = options.minRows ?? 30;
  if (output.kind !== 'proba' || output.classes !== 2) {
    throw new RangeError('fairness needs a binary classifier: probabilities for 2 classes.');
  }
  const n = yTrue.length;
  if (column.cells.length !== n || outputRows(output) !== n) {
    throw new RangeError(
      `column "${column.name}" has ${column.cells.length} cells, the target ${n} rows and the prediction ` +
        `${outputRows(output)} rows; they must match.`,
    );
  }
  const counts = new Map<string, { rows: number; selected: number; positives: number; hits: number }>();
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    if (y !== 0 && y !== 1) throw new RangeError(`row ${i}: the target must be 0 or 1, got ${y}.`);
    const cell = column.cells[i]!;
    const group = isMissingCell(cell) ? MISSING_LABEL : cell;
    let c = counts.get(group);
    if (!c) counts.set(group, (c = { rows: 0, selected: 0, positives: 0, hits: 0 }));
    const selected = output.values[i * 2 + 1]! >= threshold ? 1 : 0;
    c.rows++;
    c.selected += selected;
    c.positives += y;
    c.hits += y * selected;
  }
  const labels = [...counts.keys()].filter((g) => g !== MISSING_LABEL).sort();
  if (counts.has(MISSING_LABEL)) labels.push(MISSING_LABEL);
  const groups = labels.map((group): FairnessGroup => {
    const c = counts.get(group)!;
    return {
      group,
      rows: c.rows,
      selectionRate: c.selected / c.rows,
      truePositiveRate: c.positives === 0 ? NaN : c.hits / c.positives,
      baseRate: c.positives / c.rows,
      included: c.rows >= minRows,
    };
  });

  const notes: string[] = [];
  const excluded = groups.filter((g) => !g.included);
  if (excluded.length > 0) {
    notes.push(
      `Left out of the comparisons (fewer than ${minRows} rows): ` +
        excluded.map((g) => `${g.group} (${g.rows})`).join(', ') +
        '.',
    );
  }
  const included = groups.filter((g) => g.included);
  const withPositives = included.filter((g) => !Number.isNaN(g.truePositiveRate));
  const noPositives = included.filter((g) => Number.isNaN(g.truePositiveRate));
  if (noPositives.length > 0) {
    notes.push(
      `No actual positives, so no true positive rate: ${noPositives.map((g) => g.group).join(', ')}.`,
    );
  }
  if (included.length < 2) notes.push('Fewer than 2 groups to compare: the measures are NaN.');

  const selection = extremes(included, (g) => g.selectionRate);
  const tpr = extremes(withPositives, (g) => g.truePositiveRate);
  // 0 / 0 (no group is ever selected) is NaN: there is no disparity to measure, and no flag.
  const disparateImpact = selection ? selection.low.value / selection.high.value : NaN;
  const demographicParityDifference = selection ? selection.high.value - selection.low.value : NaN;
  const equalOpportunityDifference = tpr ? tpr.high.value - tpr.low.value : NaN;

  const flags: FairnessFlag[] = [];
  if (selection && disparateImpact < DISPARATE_IMPACT_LIMIT) {
    flags.push({
      measure: 'disparateImpact',
      value: disparateImpact,
      limit: DISPARATE_IMPACT_LIMIT,
      message:
        `Disparate impact ${formatNumber(disparateImpact, 3)} < ${DISPARATE_IMPACT_LIMIT}: ` +
        `${describe(selection.low, 'selected')} against ${describe(selection.high, 'selected')}.`,
    });
  }
  if (selection && demographicParityDifference > DIFFERENCE_LIMIT) {
    flags.push({
      measure: 'demographicParityDifference',
      value: demographicParityDifference,
      limit: DIFFERENCE_LIMIT,
      message:
        `Demographic parity difference ${formatNumber(demographicParityDifference, 3)} > ` +
        `${DIFFERENCE_LIMIT}: ${describe(selection.high, 'selected')} against ` +
        `${describe(selection.low, 'selected')}.`,
    });
  }
  if (tpr && equalOpportunityDifference > DIFFERENCE_LIMIT) {
    flags.push({
      measure: 'equalOpportunityDifference',
      value: equalOpportunityDifference,
      limit: DIFFERENCE_LIMIT,
      message:
        `Equal opportunity difference ${formatNumber(equalOpportunityDifference, 3)} > ${DIFFERENCE_LIMIT}: ` +
        `${describe(tpr.high, 'of actual positives found')} against ` +
        `${describe(tpr.low, 'of actual positives found')}.`,
    });
  }
  return {
    column: column.name,
    threshold,
    minRows,
    groups,
    disparateImpact,
    demographicParityDifference,
    equalOpportunityDifference,
    flags,
    notes,
  };
}

interface Extreme {
  group: string;
  value: number;
}

/** The groups with the lowest and highest value (first in report order on ties); undefined for < 2. */
function extremes(
  groups: readonly FairnessGroup[],
  value: (g: FairnessGroup) => number,
): { low: Extreme; high: Extreme } | undefined {
  if (groups.length < 2) return undefined;
  let low = groups[0]!;
  let high = groups[0]!;
  for (const g of groups) {
    if (value(g) < value(low)) low = g;
    if (value(g) > value(high)) high = g;
  }
  return { low: { group: low.group, value: value(low) }, high: { group: high.group, value: value(high) } };
}

/** "Female 10.9% selected". */
function describe(e: Extreme, what: string): string {
  return `${e.group} ${formatNumber(e.value * 100, 3)}% ${what}`;
}
