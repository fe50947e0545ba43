import { parseNumberText } from './parse-number.ts';
import type { DropColumnsStep, DropDuplicatesStep, DropMissingStep, FilterStep } from './recipe-step.ts';
import { columnIndex, selectColumns, type StepContext, type StepOutcome } from './step-context.ts';

// Steps that drop rows or columns and change no cell.

export function dropMissingStep(ctx: StepContext<DropMissingStep>): StepOutcome {
  const { table } = ctx;
  const keep = new Uint8Array(table.rowCount).fill(1);
  for (const c of selectColumns(ctx, ctx.step.columns)) {
    const column = table.columns[c]!;
    for (let r = 0; r < table.rowCount; r++) if (column[r] === null) keep[r] = 0;
  }
  return { cellsChanged: 0, keep, message: 'Dropped the rows with a missing value in those columns.' };
}

export function dropDuplicatesStep(ctx: StepContext<DropDuplicatesStep>): StepOutcome {
  const { table } = ctx;
  const columns = selectColumns(ctx, ctx.step.columns).map((c) => table.columns[c]!);
  const rowCount = table.rowCount;
  const hashes = rowHashes(columns, rowCount);
  // Open addressing over row indices (−1 = empty), at most half full: no per-row key strings or objects.
  const capacity = 2 ** Math.ceil(Math.log2(2 * rowCount + 2));
  const slots = new Int32Array(capacity).fill(-1);
  const keep = new Uint8Array(rowCount);
  let distinct = 0;
  for (let r = 0; r < rowCount; r++) {
    const hash = hashes[r]!;
    let slot = hash & (capacity - 1);
    let duplicate = false;
    for (let other = slots[slot]!; other !== -1; other = slots[slot]!) {
      if (hashes[other] === hash && sameRow(columns, other, r)) {
        duplicate = true;
        break;
      }
      slot = (slot + 1) & (capacity - 1);
    }
    if (duplicate) continue;
    slots[slot] = r;
    keep[r] = 1;
    distinct++;
  }
  return {
    cellsChanged: 0,
    keep,
    message: `Kept the first of each set of equal rows (${distinct} distinct).`,
  };
}

/** FNV-1a over each row's cells, with each cell's length (or a missing mark) mixed in between cells. */
function rowHashes(columns: (string | null)[][], rowCount: number): Uint32Array {
  const hashes = new Uint32Array(rowCount).fill(0x811c9dc5);
  for (const column of columns) {
    for (let r = 0; r < rowCount; r++) {
      const text = column[r];
      let h = hashes[r]!;
      if (text == null) h = Math.imul(h ^ 0x7fffffff, 0x01000193);
      else {
        for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
        h = Math.imul(h ^ text.length, 0x01000193);
      }
      hashes[r] = h >>> 0;
    }
  }
  // A final avalanche, so that the low bits used as the slot index depend on every input bit.
  for (let r = 0; r < rowCount; r++) {
    let h = hashes[r]!;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    hashes[r] = (h ^ (h >>> 16)) >>> 0;
  }
  return hashes;
}

function sameRow(columns: (string | null)[][], a: number, b: number): boolean {
  for (const column of columns) if (column[a] !== column[b]) return false;
  return true;
}

export function dropColumnsStep(ctx: StepContext<DropColumnsStep>): StepOutcome {
  const { table, step } = ctx;
  const drop = new Set(step.columns.map((name) => columnIndex(ctx, name)));
  const keepIndex = (_: unknown, c: number): boolean => !drop.has(c);
  table.names = table.names.filter(keepIndex);
  table.columns = table.columns.filter(keepIndex);
  table.types = table.types.filter(keepIndex);
  return {
    cellsChanged: 0,
    message: `Dropped ${drop.size === 1 ? 'column' : 'columns'} ${step.columns.join(', ')}.`,
  };
}

export function filterStep(ctx: StepContext<FilterStep>): StepOutcome {
  const { table, step } = ctx;
  const column = table.columns[columnIndex(ctx, step.column)]!;
  const matches = cellPredicate(step);
  const keep = new Uint8Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) keep[r] = matches(column[r] ?? null) ? 1 : 0;
  return { cellsChanged: 0, keep, message: 'Kept the rows that match.' };
}

/** Whether a cell (null when missing) passes the filter; see `FilterStep` for the rules. */
function cellPredicate(step: FilterStep): (cell: string | null) => boolean {
  const { op, value } = step;
  if (op === 'is-missing') return (cell) => cell === null;
  if (op === 'not-missing') return (cell) => cell !== null;
  if (op === 'in' || op === 'not-in') {
    const list = Array.isArray(value) ? value : [];
    const texts = new Set(list.filter((v) => typeof v === 'string'));
    const numbers = new Set(list.filter((v) => typeof v === 'number'));
    const isMember = (cell: string): boolean =>
      texts.has(cell) || (numbers.size > 0 && numbers.has(parseNumberText(cell)));
    return op === 'in'
      ? (cell) => cell !== null && isMember(cell)
      : (cell) => cell === null || !isMember(cell);
  }
  if (op === '!=') {
    const equals = equality(value as string | number);
    return (cell) => cell === null || !equals(cell);
  }
  if (op === '=') {
    const equals = equality(value as string | number);
    return (cell) => cell !== null && equals(cell);
  }
  const compare = compareTo(value as string | number);
  const test = {
    '<': (d: number) => d < 0,
    '<=': (d: number) => d <= 0,
    '>': (d: number) => d > 0,
    '>=': (d: number) => d >= 0,
  }[op];
  return (cell) => {
    if (cell === null) return false;
    const order = compare(cell);
    return !Number.isNaN(order) && test(order);
  };
}

function equality(value: string | number): (cell: string) => boolean {
  return typeof value === 'number' ? (cell) => parseNumberText(cell) === value : (cell) => cell === value;
}

/** Sign of cell − value: numeric for a number value (NaN when the cell is not a number), else code-unit order. */
function compareTo(value: string | number): (cell: string) => number {
  if (typeof value === 'number') return (cell) => parseNumberText(cell) - value;
  return (cell) => (cell < value ? -1 : cell > value ? 1 : 0);
}
