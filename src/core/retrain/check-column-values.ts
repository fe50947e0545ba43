import type { BundleColumn, ColumnReference, ModelBundle } from '../bundle/index.ts';
import type { FittedStep as FittedFeatureStep } from '../features/index.ts';
import { castValue } from '../recipe/index.ts';
import { ranked, type CheckContext } from './check-context.ts';
import type { CellExample } from './new-data-report.ts';

/**
 * Every value of a categorical column in the training rows, when the bundle holds them all: the drift
 * reference's top values when nothing was left in "other", else its row sample when it covers every
 * training row; null when neither does.
 */
export function trainingValues(
  champion: ModelBundle,
  reference: ColumnReference | undefined,
): string[] | null {
  if (reference?.kind !== 'categorical') return null;
  if (reference.other === 0) return reference.values;
  const sample = champion.reference.sample;
  const cells = sample?.cells[reference.column];
  return cells !== undefined && sample!.predictions.length === champion.reference.rows ? cells : null;
}

export function checkColumnValues(
  context: CheckContext,
  column: BundleColumn,
  cells: readonly string[],
  reference: ColumnReference | undefined,
  training: readonly string[] | null,
  steps: readonly FittedFeatureStep[],
) {
  if (reference?.kind === 'numeric') {
    if (column.type === 'integer' || column.type === 'number')
      checkRange(context, column.name, cells, reference);
    return;
  }
  const categories = modelCategories(steps, column.name);
  if (column.type !== 'category' && categories === null) return;
  const complete = training !== null;
  const known = new Set((training ?? reference?.values ?? []).map((v) => v.trim()));
  if (!complete) for (const value of categories ?? []) known.add(value);
  known.delete('');
  if (known.size === 0) return;
  const tally = new Map<string, number>();
  const examples: CellExample[] = [];
  let count = 0;
  cells.forEach((cell, row) => {
    if (context.isMissing(cell)) return;
    const value = cell.trim();
    if (known.has(value)) return;
    count++;
    tally.set(value, (tally.get(value) ?? 0) + 1);
    if (examples.length < context.examples) examples.push({ row, value: cell });
  });
  if (count === 0) return;
  const values = ranked(tally);
  const basis = complete ? 'training-values' : 'model-categories';
  context.warnings.push({
    kind: 'new-categories',
    column: column.name,
    basis,
    values,
    count,
    examples,
    message:
      `Column "${column.name}": ${values.length} value${values.length === 1 ? '' : 's'} ` +
      `${complete ? 'never seen in training' : 'not among the categories the model knows (read as "(other)")'} ` +
      `in ${count} row${count === 1 ? '' : 's'}: ${values
        .slice(0, context.examples)
        .map((v) => `"${v.value}" (${v.count})`)
        .join(', ')}${values.length > context.examples ? ', …' : ''}.`,
  });
}

/** The categories the fitted pipeline knows for a column, or null when no categorical step reads it. */
function modelCategories(steps: readonly FittedFeatureStep[], column: string): string[] | null {
  let found: string[] | null = null;
  for (const step of steps) {
    if (step.column !== column) continue;
    if (step.kind === 'onehot') found = [...(found ?? []), ...step.categories];
    if (step.kind === 'ordinal') found = [...(found ?? []), ...step.order];
    if (step.kind === 'frequency') found = [...(found ?? []), ...step.values];
  }
  return found;
}

function checkRange(
  context: CheckContext,
  column: string,
  cells: readonly string[],
  reference: Extract<ColumnReference, { kind: 'numeric' }>,
) {
  if (reference.edges.length === 0) return;
  const min = reference.edges[0]!;
  const max = reference.edges.at(-1)!;
  const read = castValue('number');
  let below = 0;
  let above = 0;
  const examples: CellExample[] = [];
  cells.forEach((cell, row) => {
    const text = context.isMissing(cell) ? null : read(cell);
    if (text === null) return;
    const value = Number(text);
    if (value >= min && value <= max) return;
    if (value < min) below++;
    else above++;
    if (examples.length < context.examples) examples.push({ row, value: cell });
  });
  const count = below + above;
  if (count === 0) return;
  context.warnings.push({
    kind: 'out-of-range',
    column,
    min,
    max,
    below,
    above,
    count,
    examples,
    message:
      `Column "${column}": ${count} value${count === 1 ? '' : 's'} outside the training range [${min}, ${max}] ` +
      `(${below} below, ${above} above), e.g. row ${examples[0]!.row}: ${examples[0]!.value.trim()}.`,
  });
}
