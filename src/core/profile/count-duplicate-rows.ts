import { TypedColumn } from '../table/typed-column.ts';

/**
 * Counts rows that exactly repeat an earlier row over the given columns: pandas' `duplicated().sum()`
 * (keep='first'), so three identical rows count 2. Cells compare as raw text, untrimmed, as pandas compares
 * a table read with `dtype=str`.
 *
 * @param columns Column-major cells, `columns[c][r]`; pass a subset to ignore some columns.
 * @example
 * countDuplicateRows([['a', 'a', 'b', 'a'], ['1', '1', '1', '1']]); // 2
 */
export function countDuplicateRows(columns: readonly (readonly string[])[]): number {
  return countDuplicatesWithPrefix(columns, columns.length).all;
}

/**
 * {@link countDuplicateRows} twice in one hashing pass: over all columns, and over the first `leading`
 * columns only (put the columns to keep first and the ID columns last); 0 for no leading columns. A row's
 * hash over the leading columns is where its hash over all columns starts, so the ID-free count costs a
 * second table, not a second pass over the cells.
 *
 * @example
 * countDuplicatesWithPrefix([['x', 'x'], ['id1', 'id2']], 1); // { all: 0, leading: 1 }
 */
export function countDuplicatesWithPrefix(
  columns: readonly Cells[],
  leading: number,
): { all: number; leading: number } {
  const rows = columns[0]?.length ?? 0;
  if (rows < 2) return { all: 0, leading: 0 };
  // Column by column, not row by row: reading each column's cells in order is twice as fast.
  const prefixHashes = new Int32Array(rows).fill(FNV_OFFSET);
  for (let c = 0; c < leading; c++) hashColumnInto(columns[c]!, prefixHashes);
  const allHashes = leading === columns.length ? prefixHashes : prefixHashes.slice();
  for (let c = leading; c < columns.length; c++) hashColumnInto(columns[c]!, allHashes);
  const all = countByHash(columns, columns.length, allHashes);
  if (leading === columns.length) return { all, leading: all };
  return { all, leading: leading === 0 ? 0 : countByHash(columns, leading, prefixHashes) };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** A column as the file's strings, or typed (two typed cells are equal exactly when their strings are). */
type Cells = readonly string[] | TypedColumn;

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** Continues each row's 32-bit FNV-1a hash over one more column. */
function hashColumnInto(column: Cells, hashes: Int32Array): void {
  if (column instanceof TypedColumn) {
    // A code, or for code 0 (a canonical number) the double's two words: no string is made.
    const { codes, numbers } = column;
    for (let r = 0; r < hashes.length; r++) {
      const code = codes ? codes[r]! : 0;
      let hash = Math.imul(hashes[r]! ^ code, FNV_PRIME);
      if (code === 0) {
        bits[0] = numbers![r]!;
        hash = Math.imul(Math.imul(hash ^ words[0]!, FNV_PRIME) ^ words[1]!, FNV_PRIME);
      }
      hashes[r] = Math.imul(hash ^ 0xffff, FNV_PRIME);
    }
    return;
  }
  for (let r = 0; r < hashes.length; r++) {
    const cell = column[r]!;
    let hash = hashes[r]!;
    for (let i = 0; i < cell.length; i++) hash = Math.imul(hash ^ cell.charCodeAt(i), FNV_PRIME);
    // A cell boundary (U+FFFF is no character), so ('ab', 'c') and ('a', 'bc') hash apart.
    hashes[r] = Math.imul(hash ^ 0xffff, FNV_PRIME);
  }
}

/**
 * Counts rows equal to an earlier row over the first `width` columns, given each row's hash over them. The
 * rows seen so far live in an open-addressing table in one Int32Array of (row + 1, hash) pairs: a million
 * rows cost 16 MB and one cache line per probe, instead of a Map of a million joined strings. A 32-bit hash
 * collides now and then among a million rows, so equal hashes are confirmed cell by cell: a collision costs
 * a comparison, never a wrong count.
 */
function countByHash(columns: readonly Cells[], width: number, hashes: Int32Array): number {
  const rows = hashes.length;
  let size = 16;
  while (size < rows * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size * 2);
  let duplicates = 0;
  for (let r = 0; r < rows; r++) {
    const hash = hashes[r]!;
    // Fold the high bits in: FNV's low bits alone spread poorly over a power-of-two table.
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (;;) {
      const other = slots[2 * slot]! - 1;
      if (other < 0) {
        slots[2 * slot] = r + 1;
        slots[2 * slot + 1] = hash;
        break;
      }
      if (slots[2 * slot + 1] === hash && rowsEqual(columns, width, other, r)) {
        duplicates++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return duplicates;
}

function rowsEqual(columns: readonly Cells[], width: number, x: number, y: number): boolean {
  for (let c = 0; c < width; c++) {
    const column = columns[c]!;
    if (column instanceof TypedColumn) {
      const code = column.codes ? column.codes[x]! : 0;
      if (code !== (column.codes ? column.codes[y]! : 0)) return false;
      if (code === 0 && column.numbers![x] !== column.numbers![y]) return false;
    } else if (column[x] !== column[y]) {
      return false;
    }
  }
  return true;
}
