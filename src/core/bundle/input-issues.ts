import { readNumber } from '../features/read-number.ts';
import { presentText, readBoolean } from '../features/read-cell.ts';
import { dateFields, readDateInto } from '../features/read-date.ts';
import { applyFitted } from '../recipe/index.ts';
import { DEFAULT_MISSING_MARKERS } from '../table/raw-table.ts';
import type { ModelBundle } from './model-bundle.ts';

/**
 * How one input was read by the model when it was not read as given:
 * - `missing`: empty or a missing marker, so the model used its fill (or its missing column);
 * - `not-a-number`, `not-a-date`, `not-a-boolean`: text the column's reader cannot read, treated as missing;
 * - `unseen`: a category the model did not learn, encoded as "(other)" (one-hot), a frequency of 0, or the
 *   ordinal fill;
 * - `out-of-range`: a number outside every training value, which the model extrapolates from.
 */
export type InputIssueKind =
  'missing' | 'not-a-number' | 'not-a-date' | 'not-a-boolean' | 'unseen' | 'out-of-range';

export interface InputIssue {
  column: string;
  kind: InputIssueKind;
  /** The value as sent. */
  value: string;
  /** In words, for the form: what the model did with it. */
  message: string;
}

/**
 * What the serving path made of one request's inputs, column by column: the inputs it treated as missing
 * or unseen, and numbers outside the training range. Serving still answers (a model must answer every
 * row, LIFECYCLE §5); this says which of the answer's inputs were not what the user typed.
 *
 * The recipe is replayed first, exactly as serving does, so a spelling the recipe merges ("PREMIUM" to
 * "premium") is not unseen, and a value the recipe's cast cannot read is reported as such.
 *
 * @example
 * inputIssues(bundle, { weight: 'heavy', region: 'Mars' });
 * // [{ column: 'weight', kind: 'not-a-number', value: 'heavy', message: '“heavy” is not a number: …' },
 * //  { column: 'region', kind: 'unseen', value: 'Mars', message: '“Mars” is not one of the 4 …' }]
 */
export function inputIssues(
  bundle: ModelBundle,
  record: Readonly<Record<string, string | null | undefined>>,
): InputIssue[] {
  const names = bundle.signature.columns.map((c) => c.name);
  const table = { names, columns: names.map((name) => [record[name] ?? '']) };
  const prepared = applyFitted(table, bundle.recipe, bundle.recipeFitted, { perRow: true });
  // A row the recipe drops is not scored at all; the caller says so.
  if (prepared.rowIds.length === 0) return [];
  const markers = new Set(DEFAULT_MISSING_MARKERS.map((m) => m.trim()));
  const issues: InputIssue[] = [];
  const reported = new Set<string>();
  for (const step of bundle.pipeline.steps) {
    if (step.kind === 'drop' || step.kind === 'tfidf' || reported.has(step.column)) continue;
    const column = step.column;
    const value = String(record[column] ?? '');
    const at = prepared.table.names.indexOf(column);
    const cell = at < 0 ? null : (prepared.table.columns[at]![0] ?? null);
    const add = (kind: InputIssueKind, message: string) => {
      reported.add(column);
      issues.push({ column, kind, value, message });
    };
    const filled = (how: string) => `treated as missing (${how})`;
    if (markers.has(value.trim())) {
      add('missing', `Missing: ${missingTreatment(step)}.`);
      continue;
    }
    switch (step.kind) {
      case 'numeric': {
        const x = readNumber(cell);
        if (Number.isNaN(x))
          add('not-a-number', `“${value}” is not a number: ${filled(missingTreatment(step))}.`);
        else {
          const range = trainingRange(bundle, column);
          if (range && (x < range.min || x > range.max))
            add(
              'out-of-range',
              `${value} is outside the training range (${range.min} to ${range.max}): the model extrapolates.`,
            );
        }
        break;
      }
      case 'onehot': {
        const text = presentText(cell);
        if (text === null) add('missing', `Missing after the recipe: ${missingTreatment(step)}.`);
        else if (!step.categories.includes(text))
          add(
            'unseen',
            `“${value}” is not one of the ${step.categories.length} categories the model learned ` +
              `(${listed(step.categories)}): encoded as “(other)”.`,
          );
        break;
      }
      case 'frequency': {
        const text = presentText(cell);
        if (text === null) add('missing', `Missing after the recipe: ${missingTreatment(step)}.`);
        else if (!step.values.includes(text))
          add('unseen', `“${value}” was never seen in training: encoded as frequency 0.`);
        break;
      }
      case 'ordinal': {
        const text = presentText(cell);
        if (text === null) add('missing', `Missing after the recipe: ${missingTreatment(step)}.`);
        else if (!step.order.includes(text))
          add(
            'unseen',
            `“${value}” is not in the order (${listed(step.order)}): filled with the training mean.`,
          );
        break;
      }
      case 'boolean':
        if (Number.isNaN(readBoolean(cell)))
          add('not-a-boolean', `“${value}” is not true or false: ${filled(missingTreatment(step))}.`);
        break;
      case 'datetime':
        if (!readDateInto(cell, dateFields()))
          add('not-a-date', `“${value}” is not a date: ${filled(missingTreatment(step))}.`);
        break;
    }
  }
  return issues;
}

type Step = ModelBundle['pipeline']['steps'][number];

/** What the model does with a missing value of this step. */
function missingTreatment(step: Step): string {
  switch (step.kind) {
    case 'numeric':
      return step.keepMissing
        ? 'the trees send it the way they learned for missing values'
        : `filled with the training value ${step.fill}`;
    case 'onehot':
      return step.missingIndicator ? 'encoded as “(missing)”' : 'no category is set';
    case 'frequency':
      return 'encoded as the share of missing training rows';
    case 'ordinal':
    case 'boolean':
    case 'datetime':
      return 'filled with the training mean';
    default:
      return 'treated as missing';
  }
}

/** The smallest and largest training value of a numeric column, from the bundle's drift reference. */
function trainingRange(bundle: ModelBundle, column: string): { min: number; max: number } | undefined {
  const reference = bundle.reference.columns.find((c) => c.column === column);
  if (reference?.kind !== 'numeric' || reference.edges.length === 0) return undefined;
  return { min: reference.edges[0]!, max: reference.edges.at(-1)! };
}

function listed(values: readonly string[]): string {
  const shown = values.slice(0, 5).map((v) => `“${v}”`);
  return values.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}
