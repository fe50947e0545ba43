import { quantileBins } from '../evaluate/quantile-bins.ts';
import { createRng } from '../random.ts';
import type { ModelOutput } from '../models/model-output.ts';
import { parseNumberText } from '../recipe/index.ts';
import type { ColumnType, RawTable } from '../table/raw-table.ts';

/** Quantile bins asked for per numeric column and for regression predictions (ties may merge some). */
export const DRIFT_NUMERIC_BINS = 10;
/** Categories kept by name per categorical column; the rest are counted together as "other". */
export const DRIFT_TOP_CATEGORIES = 20;
/** Equal-width bins of P(positive) on [0, 1] for binary predictions. */
export const DRIFT_PROBABILITY_BINS = 10;
/**
 * Training rows kept as raw cells for drift tests that need samples (KS, Wasserstein, chi-square on the
 * data's own categories). 5,000 rows bound a bundle's size (about 50 kB per column) while leaving the KS
 * statistic's sampling error (≈ 1.36/√5000 ≈ 0.02) far below the drift it must detect.
 */
export const DRIFT_SAMPLE_ROWS = 5000;

/**
 * A numeric input column's training distribution: bin i is [edges[i], edges[i + 1]), the last bin closed.
 * Cells that are empty or not a number count as `missing`, since the model sees them as imputed values.
 */
export interface NumericColumnReference {
  kind: 'numeric';
  column: string;
  edges: number[];
  counts: number[];
  missing: number;
}

/** A categorical (or text, date, id, boolean) column: the most frequent values, most frequent first. */
export interface CategoricalColumnReference {
  kind: 'categorical';
  column: string;
  values: string[];
  counts: number[];
  /** Non-missing cells whose value is not among `values`. */
  other: number;
  missing: number;
}

export type ColumnReference = NumericColumnReference | CategoricalColumnReference;

/**
 * The training prediction distribution. `probability`: binary P(positive) in equal-width bins on [0, 1];
 * `class`: multiclass predicted-class counts, in class-index order; `value`: regression quantile bins.
 */
export type PredictionReference =
  | { kind: 'probability'; edges: number[]; counts: number[] }
  | { kind: 'class'; counts: number[] }
  | { kind: 'value'; edges: number[]; counts: number[] };

/** Everything monitoring compares live inputs and outputs against, computed once from the training rows. */
export interface DriftReference {
  /** Training rows the statistics were counted on. */
  rows: number;
  /** One per signature column, in signature order. */
  columns: ColumnReference[];
  prediction: PredictionReference;
  /**
   * A seeded sample of at most DRIFT_SAMPLE_ROWS training rows, in row order: each column's raw cells ('' when
   * missing), and the model's output on the same rows (binary P(positive), the multiclass class index, or the
   * regression value). Absent in bundles made before it existed; monitoring then falls back to the bins.
   */
  sample?: { cells: Record<string, string[]>; predictions: number[] };
}

/**
 * The raw cells of `rows` of `table` for each column, as `driftReference` takes them; a column the table
 * lacks gets empty cells.
 */
export function cellsOfRows(
  table: RawTable,
  columns: readonly { name: string }[],
  rows: ArrayLike<number>,
): Record<string, string[]> {
  return Object.fromEntries(
    columns.map((col) => {
      const at = table.names.indexOf(col.name);
      return [col.name, Array.from(rows, (r) => (at >= 0 ? table.columns[at]![r]! : ''))];
    }),
  );
}

/**
 * Per-column and prediction distributions of the training rows, for drift monitoring (LIFECYCLE §6, §7).
 * Numeric columns (integer, number) get quantile edges and counts; every other type gets its top values by
 * count (ties broken by value, so the result is deterministic) and the count of the rest. Raw cells are
 * read the way serving reads them: null, undefined and blank cells are missing.
 *
 * @param columns The signature's columns, in order.
 * @param cellsByColumn Each column's training cells (raw text), all of one length.
 * @param predictions The model's output on the same training rows.
 * @throws RangeError when a column has no cells in `cellsByColumn`.
 * @example
 * driftReference([{ name: 'age', type: 'integer' }], { age: ['1', '2', ''] }, output);
 */
export function driftReference(
  columns: readonly { name: string; type: ColumnType }[],
  cellsByColumn: Readonly<Record<string, readonly (string | null | undefined)[]>>,
  predictions: ModelOutput,
): DriftReference {
  let rows = 0;
  const references = columns.map((column): ColumnReference => {
    // An own-property check: a column called "constructor" must not read Object.prototype's.
    const cells = Object.hasOwn(cellsByColumn, column.name) ? cellsByColumn[column.name] : undefined;
    if (cells === undefined)
      throw new RangeError(`driftReference: no training cells for column "${column.name}".`);
    rows = Math.max(rows, cells.length);
    return column.type === 'integer' || column.type === 'number'
      ? numericReference(column.name, cells)
      : categoricalReference(column.name, cells);
  });
  return {
    rows,
    columns: references,
    prediction: predictionReference(predictions),
    sample: referenceSample(columns, cellsByColumn, predictions, rows),
  };
}

/** The same seeded rows of every column and of the predictions (seed fixed: a bundle is reproducible). */
function referenceSample(
  columns: readonly { name: string }[],
  cellsByColumn: Readonly<Record<string, readonly (string | null | undefined)[]>>,
  predictions: ModelOutput,
  rows: number,
): NonNullable<DriftReference['sample']> {
  let picked = Array.from({ length: rows }, (_, r) => r);
  if (rows > DRIFT_SAMPLE_ROWS)
    picked = createRng('drift-reference')
      .shuffle(picked)
      .slice(0, DRIFT_SAMPLE_ROWS)
      .sort((a, b) => a - b);
  const cells: Record<string, string[]> = {};
  for (const { name } of columns) {
    const column = cellsByColumn[name]!;
    cells[name] = picked.map((r) => column[r] ?? '');
  }
  return { cells, predictions: picked.map((r) => outputOf(predictions, r)) };
}

/** One row's output as one number: P(positive), the predicted class index, or the value. */
function outputOf(output: ModelOutput, row: number): number {
  if (output.kind === 'value') return output.values[row]!;
  const { classes, values } = output;
  if (classes === 2) return values[2 * row + 1]!;
  let best = 0;
  for (let k = 1; k < classes; k++) if (values[row * classes + k]! > values[row * classes + best]!) best = k;
  return best;
}

function isMissing(cell: string | null | undefined): cell is null | undefined {
  return cell === null || cell === undefined || cell.trim() === '';
}

function numericReference(
  column: string,
  cells: readonly (string | null | undefined)[],
): NumericColumnReference {
  const values: number[] = [];
  for (const cell of cells) {
    const value = isMissing(cell) ? NaN : parseNumberText(cell);
    if (!Number.isNaN(value)) values.push(value);
  }
  const { edges, counts } = histogram(values, DRIFT_NUMERIC_BINS);
  return { kind: 'numeric', column, edges, counts, missing: cells.length - values.length };
}

function categoricalReference(
  column: string,
  cells: readonly (string | null | undefined)[],
): CategoricalColumnReference {
  // A Map, not an object: a category called "__proto__" must count like any other.
  const tally = new Map<string, number>();
  let missing = 0;
  for (const cell of cells) {
    if (isMissing(cell)) missing++;
    else tally.set(cell, (tally.get(cell) ?? 0) + 1);
  }
  const ranked = [...tally].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const top = ranked.slice(0, DRIFT_TOP_CATEGORIES);
  const kept = top.reduce((sum, [, count]) => sum + count, 0);
  return {
    kind: 'categorical',
    column,
    values: top.map(([value]) => value),
    counts: top.map(([, count]) => count),
    other: cells.length - missing - kept,
    missing,
  };
}

function predictionReference(output: ModelOutput): PredictionReference {
  if (output.kind === 'value') {
    const values = Array.from(output.values).filter((v) => Number.isFinite(v));
    return { kind: 'value', ...histogram(values, DRIFT_NUMERIC_BINS) };
  }
  const { classes, values } = output;
  const rows = Math.floor(values.length / classes);
  if (classes === 2) {
    const edges = Array.from({ length: DRIFT_PROBABILITY_BINS + 1 }, (_, i) => i / DRIFT_PROBABILITY_BINS);
    const counts = new Array<number>(DRIFT_PROBABILITY_BINS).fill(0);
    for (let r = 0; r < rows; r++) {
      // P = 1 belongs to the last bin, which is closed like the numeric ones.
      const bin = Math.min(
        Math.floor(values[2 * r + 1]! * DRIFT_PROBABILITY_BINS),
        DRIFT_PROBABILITY_BINS - 1,
      );
      counts[Math.max(0, bin)]! += 1;
    }
    return { kind: 'probability', edges, counts };
  }
  const counts = new Array<number>(classes).fill(0);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (values[r * classes + k]! > values[r * classes + best]!) best = k;
    counts[best]! += 1;
  }
  return { kind: 'class', counts };
}

/** Quantile edges and the count in each bin; no values gives no bins, so an all-missing column is legal. */
function histogram(values: readonly number[], bins: number): { edges: number[]; counts: number[] } {
  if (values.length === 0) return { edges: [], counts: [] };
  const { edges } = quantileBins(values, bins);
  const counts = new Array<number>(edges.length - 1).fill(0);
  const last = counts.length - 1;
  for (const value of values) {
    let bin = 0;
    while (bin < last && value >= edges[bin + 1]!) bin++;
    counts[bin]! += 1;
  }
  return { edges, counts };
}
