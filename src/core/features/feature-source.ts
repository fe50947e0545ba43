import { formatNumber } from '../recipe/parse-number.ts';
import type { PreparedTable } from '../recipe/prepared-table.ts';
import { MissingColumnError } from './missing-column-error.ts';

/**
 * Rows to fit on or transform, read a column at a time: cells are text, null when missing. Both the training
 * path (a prepared table) and the serving path (JSON records) become one of these, so that `transform` sees the
 * same cells either way.
 */
export interface FeatureSource {
  rowCount: number;
  /**
   * The column's cells (at least `rowCount` of them).
   *
   * @throws MissingColumnError naming the column when the source has no such column.
   */
  column(name: string): readonly (string | null)[];
}

/**
 * A prepared table as a feature source.
 *
 * @param rows Row indices to use, in this order (e.g. the training rows); default: every row.
 * @throws RangeError when a row index is past the end of the table.
 * @example
 * fitFeaturePipeline(spec, tableSource(prepared, split.train));
 */
export function tableSource(table: PreparedTable, rows?: Uint32Array): FeatureSource {
  const tableRows = table.columns[0]?.length ?? 0;
  if (rows !== undefined) {
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]! >= tableRows) {
        throw new RangeError(`Row index ${rows[i]} is past the end of the table (${tableRows} rows)`);
      }
    }
  }
  return {
    rowCount: rows === undefined ? tableRows : rows.length,
    column(name) {
      const index = table.names.indexOf(name);
      if (index < 0) throw new MissingColumnError(name);
      const cells = table.columns[index]!;
      if (rows === undefined) return cells;
      const picked: (string | null)[] = new Array<string | null>(rows.length);
      for (let i = 0; i < rows.length; i++) picked[i] = cells[rows[i]!] ?? null;
      return picked;
    },
  };
}

/**
 * JSON records (one request's row, or a batch) as a feature source. Numbers become their canonical text (the
 * text a recipe cast writes: 1234.5 → "1234.5"), booleans "true"/"false"; null, undefined, "" and non-finite
 * numbers are missing. Every record must carry every column that is read, even if only as null, so that a
 * misspelt field is an error and not a silently imputed value, and one row behaves the same alone or in a batch.
 *
 * @throws MissingColumnError (from `column`) when a record lacks the field; TypeError when a value is an
 *   object, array or other non-scalar.
 * @example
 * transform(fitted, recordsSource([{ age: 41, city: 'Paris', signup: '2024-03-01' }]));
 */
export function recordsSource(records: readonly Record<string, unknown>[]): FeatureSource {
  return {
    rowCount: records.length,
    column(name) {
      const cells: (string | null)[] = new Array<string | null>(records.length);
      for (let r = 0; r < records.length; r++) {
        const record = records[r]!;
        if (!Object.hasOwn(record, name)) {
          throw new MissingColumnError(
            name,
            `record ${r + 1} has no "${name}" field (send null for a missing value)`,
          );
        }
        cells[r] = cellText(record[name], name, r);
      }
      return cells;
    },
  };
}

function cellText(value: unknown, name: string, row: number): string | null {
  switch (typeof value) {
    case 'string':
      return value === '' ? null : value;
    case 'number':
      return Number.isFinite(value) ? formatNumber(value) : null;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return null;
    default:
      if (value === null) return null;
      throw new TypeError(
        `Record ${row + 1}, field "${name}": expected a string, number, boolean or null, got ${describe(value)}`,
      );
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
