import type { PackedColumn } from '../records.ts';

/**
 * Packs a column of strings into one string and the end offset of each value. Stored this way, a chunk of
 * 2,000 rows × 10 columns is 10 strings instead of 20,000: IndexedDB clones it several times faster, and
 * the parser's short-lived strings die young instead of filling the old generation.
 *
 * @example packColumn(['a', '', 'bc']) // { text: 'abc', ends: Uint32Array [1, 1, 3] }
 */
export function packColumn(values: readonly string[]): PackedColumn {
  const ends = new Uint32Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += values[i]!.length;
    ends[i] = at;
  }
  return { text: values.join(''), ends };
}

/** The strings of a packed column, in order. */
export function unpackColumn(column: PackedColumn): string[] {
  const out = new Array<string>(column.ends.length);
  let start = 0;
  for (let i = 0; i < column.ends.length; i++) {
    const end = column.ends[i]!;
    out[i] = column.text.slice(start, end);
    start = end;
  }
  return out;
}
