/**
 * A whole dataset in memory, column-major, as the exact strings of the file: `columns[c][r]`. Profiling,
 * cleaning and splitting all read this shape; stored datasets become one by concatenating their chunks.
 */
export interface RawTable {
  names: string[];
  columns: string[][];
}

/** The column types Looplab infers and lets the user override. */
export type ColumnType = 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'category' | 'text' | 'id';

export const COLUMN_TYPES: readonly ColumnType[] = [
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'category',
  'text',
  'id',
];

/**
 * Default missing markers, compared after trimming whitespace: empty or whitespace-only, NA, N/A, null, NaN
 * and ?. Never "None": in real data it is a category (the FAA bird-strike damage level "None").
 */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NaN', '?'];

/** Number of rows of a table (0 for a table with no columns). */
export function rowCount(table: RawTable): number {
  return table.columns[0]?.length ?? 0;
}
