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
 * columns only (put the columns to keep first and the ID columns last); 0 for no leading columns. The hash
 * of a row's leading cells is a prefix of the hash of the whole row, so the ID-free count costs a second
 * table, not a second pass.
 *
 * @example
 * countDuplicatesWithPrefix([['x', 'x'], ['id1', 'id2']], 1); // { all: 0, leading: 1 }
 */
export function countDuplicatesWithPrefix(
  columns: readonly (readonly string[])[],
  leading: number,
): { all: number; leading: number } {
  const rows = columns[0]?.length ?? 0;
  const all = new RowSet(columns, columns.length, rows);
  const prefix = leading > 0 && leading < columns.length ? new RowSet(columns, leading, rows) : undefined;
  let allDuplicates = 0;
  let leadingDuplicates = 0;
  for (let r = 0; r < rows; r++) {
    hashCells(columns, r, 0, leading, SEED1, SEED2);
    if (prefix?.addIsDuplicate(r, h1, h2)) leadingDuplicates++;
    hashCells(columns, r, leading, columns.length, h1, h2);
    if (all.addIsDuplicate(r, h1, h2)) allDuplicates++;
  }
  return { all: allDuplicates, leading: leading === columns.length ? allDuplicates : leadingDuplicates };
}

const SEED1 = 0x811c9dc5;
const SEED2 = 0x9e3779b9;
// The two 32-bit hashes of the last hashCells call: returned through module state so that a million rows
// allocate nothing. Synchronous use only.
let h1 = 0;
let h2 = 0;

/** FNV-1a and a second multiplicative hash, side by side, over cells [from, to) of row r. */
function hashCells(columns: readonly (readonly string[])[], r: number, from: number, to: number, a: number, b: number): void {
  for (let c = from; c < to; c++) {
    const cell = columns[c]![r]!;
    for (let i = 0; i < cell.length; i++) {
      const ch = cell.charCodeAt(i);
      a = Math.imul(a ^ ch, 0x01000193);
      b = Math.imul(b ^ ch, 0x5bd1e995);
    }
    // A cell boundary, so ('ab', 'c') and ('a', 'bc') hash apart.
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ cell.length, 0x5bd1e995) ^ (b >>> 15);
  }
  h1 = a;
  h2 = b;
}

/**
 * The distinct rows seen so far, as an open-addressing hash table in typed arrays: a million rows cost
 * 12 bytes a slot instead of a Map of a million boxed keys or joined strings. Rows whose 64 hash bits are
 * equal are still compared cell by cell, so a collision can never merge two different rows.
 */
class RowSet {
  readonly #columns: readonly (readonly string[])[];
  readonly #width: number;
  readonly #mask: number;
  readonly #row: Int32Array;
  readonly #hash1: Int32Array;
  readonly #hash2: Int32Array;

  constructor(columns: readonly (readonly string[])[], width: number, rows: number) {
    this.#columns = columns;
    this.#width = width;
    let size = 16;
    while (size < rows * 2) size *= 2;
    this.#mask = size - 1;
    this.#row = new Int32Array(size).fill(-1);
    this.#hash1 = new Int32Array(size);
    this.#hash2 = new Int32Array(size);
  }

  /** Adds row r with hashes (a, b); true when an equal row was already there. */
  addIsDuplicate(r: number, a: number, b: number): boolean {
    let slot = (a ^ (b >>> 7)) & this.#mask;
    for (;;) {
      const other = this.#row[slot]!;
      if (other < 0) {
        this.#row[slot] = r;
        this.#hash1[slot] = a;
        this.#hash2[slot] = b;
        return false;
      }
      if (this.#hash1[slot] === a && this.#hash2[slot] === b && this.#rowsEqual(other, r)) return true;
      slot = (slot + 1) & this.#mask;
    }
  }

  #rowsEqual(x: number, y: number): boolean {
    for (let c = 0; c < this.#width; c++) if (this.#columns[c]![x] !== this.#columns[c]![y]) return false;
    return true;
  }
}
