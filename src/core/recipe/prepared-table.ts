import type { ColumnType, RawTable } from '../table/raw-table.ts';

/**
 * A table after the recipe: column-major like `RawTable`, but a missing cell is `null` in its column array.
 *
 * Why null in the arrays and not a separate missing bitmask: V8 keeps an array of strings in the generic
 * (PACKED_ELEMENTS) representation anyway, so a null costs nothing extra and `cell === null` is a pointer
 * compare; there is one array per column to compact when rows are dropped, and no mask that could fall out
 * of step with its values. Present values are always text (canonical after a cast: "1234.5", "true",
 * "2020-01-31").
 */
export interface PreparedTable {
  names: string[];
  /** `columns[c][r]`: the cell's text, or null when it is missing. */
  columns: (string | null)[][];
  /** The type a cast or parse-dates step gave each column, or null where no step set one. */
  types: (ColumnType | null)[];
}

/** The table while steps run: a PreparedTable plus, for every row, its index in the raw table. */
export interface WorkingTable extends PreparedTable {
  /** Original row index of each current row; only the first `rowCount` entries are meaningful. */
  rowIds: Uint32Array;
  rowCount: number;
}

/** At most this many dropped row ids are listed per step; all are counted. */
export const DROPPED_ROW_IDS_CAP = 1000;

/**
 * A test for "this text is a missing marker", comparing after trimming whitespace. Most cells are longer than
 * every marker and do not start or end with whitespace, so they are ruled out without hashing the text.
 */
export function missingMarkerTest(markers: readonly string[]): (text: string) => boolean {
  const set = new Set(markers.map((marker) => marker.trim()));
  const longest = Math.max(0, ...[...set].map((marker) => marker.length));
  return (text) => {
    const last = text.length - 1;
    const padded = last >= 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(last)));
    if (padded) return set.has(text.trim());
    return text.length <= longest && set.has(text);
  };
}

function isSpace(code: number): boolean {
  // Every character String.prototype.trim removes is either ASCII whitespace or above U+009F.
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code > 0x167f;
}

/** Copies a raw table into a working one, with the cells that match a marker made missing. */
export function toWorkingTable(raw: RawTable, markers: readonly string[]): WorkingTable {
  const rowCount = raw.columns[0]?.length ?? 0;
  const isMarker = missingMarkerTest(markers);
  const columns = raw.columns.map((source, c) => {
    if (source.length !== rowCount) {
      throw new RangeError(
        `Column ${c} (${raw.names[c]}) has ${source.length} rows; the first has ${rowCount}`,
      );
    }
    // slice() keeps the packed representation; writing null does not change it.
    const column: (string | null)[] = source.slice();
    for (let r = 0; r < rowCount; r++) if (isMarker(source[r]!)) column[r] = null;
    return column;
  });
  const rowIds = new Uint32Array(rowCount);
  for (let r = 0; r < rowCount; r++) rowIds[r] = r;
  return { names: raw.names.slice(), columns, types: raw.names.map(() => null), rowIds, rowCount };
}

/** Number of missing cells among the first `rowCount` of a column. */
export function countMissing(column: readonly (string | null)[], rowCount: number): number {
  let missing = 0;
  for (let r = 0; r < rowCount; r++) if (column[r] === null) missing++;
  return missing;
}

/**
 * Removes the rows whose `keep` flag is 0, in place, preserving order.
 *
 * @returns How many were dropped, and the original ids of the first {@link DROPPED_ROW_IDS_CAP} of them.
 */
export function dropRows(table: WorkingTable, keep: Uint8Array): { count: number; rowIds: number[] } {
  const { rowCount, rowIds } = table;
  const droppedIds: number[] = [];
  let kept = 0;
  // Compacts rowIds in the same pass that lists the dropped ids: writes go to index kept <= r, so rowIds[r]
  // is always read before it can be overwritten.
  for (let r = 0; r < rowCount; r++) {
    if (keep[r] === 1) rowIds[kept++] = rowIds[r]!;
    else if (droppedIds.length < DROPPED_ROW_IDS_CAP) droppedIds.push(rowIds[r]!);
  }
  if (kept === rowCount) return { count: 0, rowIds: [] };
  for (const column of table.columns) {
    let w = 0;
    for (let r = 0; r < rowCount; r++) if (keep[r] === 1) column[w++] = column[r] as string | null;
    column.length = kept;
  }
  table.rowCount = kept;
  return { count: rowCount - kept, rowIds: droppedIds };
}

/** The finished table: only the current rows, and the original row id of each. */
export function finishTable(table: WorkingTable): { table: PreparedTable; rowIds: Uint32Array } {
  return {
    table: { names: table.names, columns: table.columns, types: table.types },
    rowIds: table.rowIds.slice(0, table.rowCount),
  };
}
