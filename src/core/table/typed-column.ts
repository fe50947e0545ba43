import { NumberReader } from '../profile/parse-number.ts';
import { trimCell } from '../profile/trim-cell.ts';
import { hashChars } from '../profile/value-counter.ts';
import { isCanonicalNumber } from './canonical-number.ts';

/**
 * One column of a file without a string per cell (issue 18). Every cell is either a number written the way
 * `String()` writes it, kept as the double alone (code 0), or an exact string kept once in a dictionary
 * (code ≥ 1, in order of first appearance). Nothing is lost: {@link get} gives back the cell as written, so a
 * column that turns out not to be numeric needs no re-read. A clean numeric column costs 8 bytes a row
 * (no codes), a clean category 4 (no numbers); the string table of the same column costs 30 to 40.
 */
export class TypedColumn {
  readonly length: number;
  /**
   * Per row, the cell's value as a number by NumberReader's grammar after trimming (`' 5'` and `'1.50'` too),
   * NaN when it is not one; null when no cell is a number.
   */
  readonly numbers: Float64Array | null;
  /** Per row, 0 for a canonical number, else the cell's dictionary code; null when every cell is code 0. */
  readonly codes: Uint32Array | null;
  /** The distinct non-canonical cells, exactly as written; entry 0 is unused. */
  readonly dictionary: readonly string[];

  constructor(
    length: number,
    numbers: Float64Array | null,
    codes: Uint32Array | null,
    dictionary: readonly string[],
  ) {
    this.length = length;
    this.numbers = numbers;
    this.codes = codes;
    this.dictionary = dictionary;
  }

  /** The cell of row `r` as written in the file. */
  get(r: number): string {
    const code = this.codes ? this.codes[r]! : 0;
    return code === 0 ? String(this.numbers![r]) : this.dictionary[code]!;
  }

  /** Every cell as written: the string column the rest of the pipeline reads. */
  toStrings(): string[] {
    const out = new Array<string>(this.length);
    for (let r = 0; r < this.length; r++) out[r] = this.get(r);
    return out;
  }
}

const INITIAL_ROWS = 1024;
const INITIAL_SLOTS = 64;

/**
 * Builds a TypedColumn from field ranges (see FieldSink) in one pass: a cell is tried as a canonical number
 * first, then looked up in the dictionary by hashing its characters in place, so a repeated category costs
 * no string. The numbers and codes arrays are made only when a cell first needs them (earlier rows are
 * filled in then), which is how a column "promotes" from numeric to mixed without a second read.
 */
export class TypedColumnBuilder {
  #length = 0;
  #capacity = INITIAL_ROWS;
  #numbers: Float64Array | null = null;
  #codes: Uint32Array | null = null;
  readonly #dictionary: string[] = [''];
  /** The number each dictionary entry reads as (trimmed), NaN when none. */
  #entryNumbers = new Float64Array(INITIAL_SLOTS / 2);
  #entryHashes = new Int32Array(INITIAL_SLOTS / 2);
  /** Open addressing over dictionary codes; kept at most half full. */
  #slots = new Int32Array(INITIAL_SLOTS);
  readonly #reader = new NumberReader();

  get length(): number {
    return this.#length;
  }

  /** Appends the cell `text.slice(start, end)`. */
  add(text: string, start: number, end: number): void {
    const r = this.#length;
    if (r === this.#capacity) this.#grow();
    this.#length = r + 1;
    const reader = this.#reader;
    if (end > start && reader.readRange(text, start, end) && isCanonicalNumber(text, start, end)) {
      (this.#numbers ??= new Float64Array(this.#capacity).fill(NaN))[r] = reader.value;
      if (this.#codes) this.#codes[r] = 0;
      return;
    }
    const code = this.#lookup(text, start, end);
    (this.#codes ??= new Uint32Array(this.#capacity))[r] = code;
    const value = this.#entryNumbers[code]!;
    if (this.#numbers) this.#numbers[r] = value;
    else if (value === value) {
      this.#numbers = new Float64Array(this.#capacity).fill(NaN);
      this.#numbers[r] = value;
    }
  }

  /** Drops the rows from `length` on (a ragged row that is not kept); dictionary entries stay, unused. */
  truncate(length: number): void {
    if (length < this.#length) this.#length = length;
  }

  finish(): TypedColumn {
    const n = this.#length;
    // Hand back exact-length arrays when the doubling left much slack, so a table holds no dead quarter.
    const fit = <T extends Float64Array | Uint32Array>(a: T | null): T | null =>
      a === null ? null : ((a.length > n + (n >> 3) ? a.slice(0, n) : a.subarray(0, n)) as T);
    return new TypedColumn(n, fit(this.#numbers), fit(this.#codes), this.#dictionary);
  }

  #grow(): void {
    this.#capacity *= 2;
    // No NaN fill: once the numbers array exists, add() writes every row's entry.
    if (this.#numbers) {
      const bigger = new Float64Array(this.#capacity);
      bigger.set(this.#numbers);
      this.#numbers = bigger;
    }
    if (this.#codes) {
      const bigger = new Uint32Array(this.#capacity);
      bigger.set(this.#codes);
      this.#codes = bigger;
    }
  }

  /** The dictionary code of the cell, adding it (one string, made here) when new. */
  #lookup(text: string, start: number, end: number): number {
    const h = hashChars(text, start, end);
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    const length = end - start;
    for (;;) {
      const code = this.#slots[slot]!;
      if (code === 0) break;
      if (this.#entryHashes[code] === h && sameText(this.#dictionary[code]!, text, start, length))
        return code;
      slot = (slot + 1) & mask;
    }
    const code = this.#dictionary.length;
    const cell = start === 0 && end === text.length ? text : text.slice(start, end);
    this.#dictionary.push(cell);
    if (code >= this.#entryHashes.length) {
      const hashes = new Int32Array(this.#entryHashes.length * 2);
      hashes.set(this.#entryHashes);
      this.#entryHashes = hashes;
      const numbers = new Float64Array(this.#entryNumbers.length * 2);
      numbers.set(this.#entryNumbers);
      this.#entryNumbers = numbers;
    }
    this.#entryHashes[code] = h;
    const trimmed = trimCell(cell);
    this.#entryNumbers[code] = trimmed !== '' && this.#reader.read(trimmed) ? this.#reader.value : NaN;
    this.#slots[slot] = code;
    if (2 * code > this.#slots.length) this.#rehash();
    return code;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 1; code < this.#dictionary.length; code++) {
      let slot = this.#entryHashes[code]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code;
    }
    this.#slots = slots;
  }
}

function sameText(entry: string, text: string, start: number, length: number): boolean {
  if (entry.length !== length) return false;
  for (let i = 0; i < length; i++) if (entry.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
