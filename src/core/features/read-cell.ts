import { castValue } from '../recipe/cast-value.ts';

/** Cells as a source hands them to an encoder: text, or null when missing. */
export type Cells = readonly (string | null)[];

/**
 * A category-like cell's value: trimmed text, or null when missing or blank. Trimming here means " Paris" from
 * a JSON request and "Paris" from the prepared table are the same category.
 */
export function presentText(cell: string | null): string | null {
  if (cell === null) return null;
  const text = cell.trim();
  return text === '' ? null : text;
}

const booleanText = castValue('boolean');

/** 1 for true/t/yes/y/1, 0 for false/f/no/n/0 (any case, as the recipe's boolean cast reads them), else NaN. */
export function readBoolean(cell: string | null): number {
  if (cell === null) return NaN;
  const text = booleanText(cell);
  return text === null ? NaN : text === 'true' ? 1 : 0;
}

/** How many training rows hold each present value, and how many are missing (one-hot and frequency fits). */
export function countValues(cells: Cells, rows: number): { counts: Map<string, number>; missing: number } {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let r = 0; r < rows; r++) {
    const value = presentText(cells[r]!);
    if (value === null) missing++;
    else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { counts, missing };
}
