import type { ModelBundle } from '../bundle/index.ts';
import { castValue, missingMarkerTest } from '../recipe/index.ts';
import { DEFAULT_MISSING_MARKERS, rowCount, type ColumnType, type RawTable } from '../table/raw-table.ts';
import { checkColumnValues, trainingValues } from './check-column-values.ts';
import { ranked, type CheckContext } from './check-context.ts';
import type { CellExample, NewDataReport } from './new-data-report.ts';

/** Above this share of unreadable non-missing cells, a column's type has changed: the loop stops. */
export const DEFAULT_TYPE_CHANGE_SHARE = 0.05;
/** Example cells listed per issue. */
export const DEFAULT_ISSUE_EXAMPLES = 5;

export interface ValidateNewDataOptions {
  /** Share of a column's non-missing cells that may fail to read as its type before it is an error. */
  typeChangeShare?: number;
  /** Example cells per issue. */
  examples?: number;
}

/**
 * Checks a new labelled batch against the champion's schema before a retrain (LIFECYCLE §8, step 1):
 * - missing columns: the signature's required columns and the target are errors, optional ones warnings;
 * - changed types: non-missing cells of a number, boolean or date column that no longer read as one (as
 *   the recipe's cast reads them); above `typeChangeShare` of a column the model uses an error, else a
 *   warning; for regression the target is checked the same way;
 * - new target classes (classification): an error, since the champion's problem has no such class;
 * - in the columns the model uses (the signature's required ones):
 *   - new categories: values that training never had: every training value when the drift reference holds
 *     them all (its `other` count is 0, or its row sample covers every training row), else the fitted
 *     pipeline's categories;
 *   - ranges: numbers outside the training minimum and maximum (the reference's outer bin edges);
 * - unlabelled rows and columns the champion does not know: warnings.
 * Cells are read as serving reads them: trimmed, and the recipe's missing markers are missing.
 *
 * @param batch The new rows, column-major text cells as ingested, with a header.
 * @returns The report; `ok` is false when any error blocks the loop.
 * @example
 * const report = validateNewData(champion, batch);
 * if (!report.ok) console.log(report.errors.map((e) => e.message));
 */
export function validateNewData(
  champion: ModelBundle,
  batch: RawTable,
  options: ValidateNewDataOptions = {},
): NewDataReport {
  const context: CheckContext = {
    isMissing: missingMarkerTest(champion.recipeFitted.missingMarkers ?? DEFAULT_MISSING_MARKERS),
    typeChangeShare: options.typeChangeShare ?? DEFAULT_TYPE_CHANGE_SHARE,
    examples: options.examples ?? DEFAULT_ISSUE_EXAMPLES,
    errors: [],
    warnings: [],
  };
  const { errors, warnings } = context;
  const rows = rowCount(batch);
  if (rows === 0) {
    errors.push({ kind: 'no-rows', column: null, count: 0, examples: [], message: 'The batch has no rows.' });
  }
  const cellsOf = (name: string) => {
    const at = batch.names.indexOf(name);
    return at < 0 ? undefined : batch.columns[at]!;
  };
  const references = new Map(champion.reference.columns.map((r) => [r.column, r]));
  const steps = champion.pipeline.steps;
  for (const column of champion.signature.columns) {
    const cells = cellsOf(column.name);
    if (cells === undefined) {
      (column.required ? errors : warnings).push({
        kind: 'missing-column',
        column: column.name,
        required: column.required,
        count: rows,
        examples: [],
        message: column.required
          ? `Column "${column.name}" is missing; the champion needs it.`
          : `Column "${column.name}" is missing; the champion does not use it, so it reads as missing.`,
      });
      continue;
    }
    checkType(context, column.name, column.type, cells, column.required);
    // The model does not read an optional column, so its values cannot surprise it.
    if (!column.required) continue;
    const reference = references.get(column.name);
    checkColumnValues(context, column, cells, reference, trainingValues(champion, reference), steps);
  }

  const target = champion.signature.target;
  const targetCells = cellsOf(target);
  let labelled = 0;
  if (targetCells === undefined) {
    errors.push({
      kind: 'missing-target',
      column: target,
      count: rows,
      examples: [],
      message: `The target column "${target}" is missing: the rows have no labels to retrain on.`,
    });
  } else {
    labelled = checkTarget(context, champion, target, targetCells);
  }

  const known = new Set([target, ...champion.signature.columns.map((c) => c.name)]);
  for (const name of batch.names.filter((n) => !known.has(n))) {
    warnings.push({
      kind: 'unexpected-column',
      column: name,
      count: rows,
      examples: [],
      message: `Column "${name}" is not one the champion knows; it is ignored.`,
    });
  }
  return { rows, labelled, ok: errors.length === 0, errors, warnings };
}

/** How the model's serving path reads a type, as the recipe's cast does; null for types read as text. */
function readerFor(type: ColumnType): ((text: string) => string | null) | null {
  if (type === 'integer' || type === 'number') return castValue('number');
  if (type === 'boolean' || type === 'date' || type === 'datetime') return castValue(type);
  return null;
}

/** A changed type blocks the loop only in a column the model needs (`blocking`); elsewhere it is a warning. */
function checkType(
  context: CheckContext,
  column: string,
  type: ColumnType,
  cells: readonly string[],
  blocking: boolean,
) {
  const read = readerFor(type);
  if (read === null) return;
  let present = 0;
  const bad: CellExample[] = [];
  let count = 0;
  cells.forEach((value, row) => {
    if (context.isMissing(value)) return;
    present++;
    if (read(value) !== null) return;
    count++;
    if (bad.length < context.examples) bad.push({ row, value });
  });
  if (count === 0) return;
  const share = count / present;
  const changed = share > context.typeChangeShare;
  const error = changed && blocking;
  const first = bad[0]!;
  (error ? context.errors : context.warnings).push({
    kind: 'type-changed',
    column,
    expected: type,
    share,
    count,
    examples: bad,
    message:
      `Column "${column}" (${type}): ${count} of ${present} values (${percent(share)}) do not read as ${type}, ` +
      `e.g. row ${first.row}: "${first.value}"` +
      (changed
        ? `; over the ${percent(context.typeChangeShare)} limit, so its type has changed` +
          (blocking ? '.' : ' (the champion does not use it).')
        : '.'),
  });
}

/** Checks the labels; returns how many rows have one. */
function checkTarget(
  context: CheckContext,
  champion: ModelBundle,
  target: string,
  cells: readonly string[],
): number {
  const missing: CellExample[] = [];
  let missingCount = 0;
  cells.forEach((value, row) => {
    if (!context.isMissing(value)) return;
    missingCount++;
    if (missing.length < context.examples) missing.push({ row, value });
  });
  if (missingCount > 0) {
    context.warnings.push({
      kind: 'missing-target-values',
      column: target,
      count: missingCount,
      examples: missing,
      message: `${missingCount} row${missingCount === 1 ? ' has' : 's have'} no "${target}" label; the retrain leaves ${missingCount === 1 ? 'it' : 'them'} out.`,
    });
  }
  const fitted = champion.pipeline.target;
  if (fitted.kind === 'numeric') {
    checkType(context, target, 'number', cells, true);
    return cells.length - missingCount;
  }
  const classes = new Set(fitted.classes);
  const tally = new Map<string, number>();
  const examples: CellExample[] = [];
  cells.forEach((cell, row) => {
    if (context.isMissing(cell) || classes.has(cell.trim())) return;
    tally.set(cell.trim(), (tally.get(cell.trim()) ?? 0) + 1);
    if (examples.length < context.examples) examples.push({ row, value: cell });
  });
  if (tally.size > 0) {
    const values = ranked(tally);
    const count = values.reduce((sum, v) => sum + v.count, 0);
    context.errors.push({
      kind: 'new-classes',
      column: target,
      values,
      count,
      examples,
      message:
        `Target "${target}" has ${values.length === 1 ? 'a class' : 'classes'} the champion never trained on: ` +
        `${values.map((v) => `"${v.value}" (${v.count} rows)`).join(', ')}; the champion's classes are ` +
        `${fitted.classes.map((c) => `"${c}"`).join(', ')}.`,
    });
  }
  return cells.length - missingCount;
}

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
