import type { MissingMarkers } from './missing-markers.ts';
import type { NumberScratch } from './number-scratch.ts';
import { NumberReader } from './parse-number.ts';
import { hasTimeOfDay, parseDate } from './parse-date.ts';
import { sortNumbers } from './sort-numbers.ts';
import { trimCell } from './trim-cell.ts';
import { ValueCounter, type ValueCounts } from './value-counter.ts';
import { isCanonicalNumber } from '../table/canonical-number.ts';
import { TypedColumn } from '../table/typed-column.ts';

/** How many distinct offending values a profile keeps as examples. */
export const EXAMPLE_LIMIT = 8;

const BOOLEAN_WORDS = new Set(['true', 'false', 't', 'f']);
const INNER_WHITESPACE = /\s/;

/** The outcome of trying every non-missing value of a column as a date. */
export interface DateScan {
  parsed: number;
  failed: number;
  failedExamples: string[];
  hasTime: boolean;
  minMs: number;
  maxMs: number;
  minText: string;
  maxText: string;
}

/**
 * What one pass over a column's cells learns, shared by type inference and the profile so that neither reads
 * the cells twice. The pass trims each cell once, matches it against the missing markers, parses numbers
 * into one Float64Array and counts the other values in a Map; per-value facts (boolean words, inner spaces)
 * are then read off the Map's distinct values rather than off every cell. The costlier products (sorted
 * numbers, counts of numeric text, dates) are built on first use, since which are needed depends on the type.
 */
export class ColumnFacts {
  readonly rows: number;
  /** Cells matching a marker, per marker in `markers.markers` order. */
  readonly missingByMarker: Uint32Array;
  readonly missing: number;
  readonly nonMissing: number;
  /** Cells whose text differs from their trimmed text (missing ones included, as pandas counts them). */
  readonly whitespacePadded: number;
  /** Non-missing values with number syntax, and how many of those are integers by syntax. */
  readonly numeric: number;
  readonly integerSyntax: number;
  /** Non-missing values that are not numbers, and the first few distinct ones. */
  readonly nonNumeric: number;
  readonly nonNumericExamples: string[];
  /** Non-missing values that read as true/false/t/f in any case. */
  readonly booleanLike: number;
  /** Non-numeric values with whitespace inside them (free text has it, codes and IDs do not). */
  readonly withInnerWhitespace: number;
  /** The parsed numbers, in row order, of the values with number syntax. */
  readonly numbers: Float64Array;
  /** Whether {@link numbers} rises strictly from row to row, as a row counter does. */
  readonly strictlyIncreasing: boolean;

  /** The cells, as the file's strings or as a typed column (issue 18): the lazy passes below read either. */
  readonly #values: readonly string[] | TypedColumn;
  readonly #markers: MissingMarkers;
  readonly #scratch: NumberScratch | undefined;
  /** Count per trimmed non-missing value that is not a number, in order of first appearance. */
  readonly #textCounts: ValueCounter;
  /** For a typed column: each dictionary entry trimmed, and whether it is missing (1) or a number (2). */
  readonly #trimmedByCode: string[] = [];
  readonly #kindByCode: Uint8Array = new Uint8Array(0);
  /** Whether a marker is itself a canonical number (`-999`), so code-0 cells must be checked against it. */
  readonly #numericMarkers: boolean;
  #totalLength = -1;
  /** A typed column whose non-missing numbers are all code 0, so each one's text is String() of it. */
  #allCanonical = false;
  #textLength = 0;
  #sorted: Float64Array | undefined;
  #counts: ValueCounter | undefined;
  #dates: DateScan | undefined;

  /**
   * @param values The cells as strings, or as a TypedColumn: then the per-cell work runs once per distinct
   *   dictionary entry and once per row only on typed arrays, with the same facts as for the strings.
   * @param scratch Buffers shared by the columns of one table (see NumberScratch). With one, `numbers` and
   *   `sortedNumbers` are views of it: use them before the next column is scanned.
   */
  constructor(values: readonly string[] | TypedColumn, markers: MissingMarkers, scratch?: NumberScratch) {
    this.#values = values;
    this.#markers = markers;
    this.#scratch = scratch;
    this.#numericMarkers = markers.markers.some((m) => isCanonicalNumber(m, 0, m.length));
    const rows = values.length;
    const missingByMarker = new Uint32Array(markers.markers.length);
    const numbers = scratch && scratch.capacity >= rows ? scratch.numbers : new Float64Array(rows);
    const textCounts = new ValueCounter();
    const reader = new NumberReader();
    let padded = 0;
    let numeric = 0;
    let integer = 0;
    let totalLength = 0;
    let increasing = true;
    let previous = -Infinity;
    if (values instanceof TypedColumn) {
      const { codes, dictionary } = values;
      const perCode = new Uint32Array(dictionary.length);
      if (codes) for (let r = 0; r < rows; r++) perCode[codes[r]!]!++;
      // 0: a value that is not a number, 1: missing, 2: a number, 3: an integer by syntax.
      const kinds = new Uint8Array(dictionary.length);
      let spelledNumbers = 0;
      for (let code = 1; code < dictionary.length; code++) {
        const count = perCode[code]!;
        const raw = dictionary[code]!;
        const text = trimCell(raw);
        this.#trimmedByCode[code] = text;
        if (count === 0) continue;
        if (text.length !== raw.length) padded += count;
        const marker = markers.indexOf(text);
        if (marker >= 0) {
          missingByMarker[marker]! += count;
          kinds[code] = 1;
          continue;
        }
        totalLength += text.length * count;
        if (reader.read(text)) {
          kinds[code] = reader.integer ? 3 : 2;
          spelledNumbers += count;
        } else {
          textCounts.add(text, count);
        }
      }
      this.#kindByCode = kinds;
      this.#allCanonical = spelledNumbers === 0;
      const cellNumbers = values.numbers;
      if (cellNumbers) {
        for (let r = 0; r < rows; r++) {
          const code = codes ? codes[r]! : 0;
          const x = cellNumbers[r]!;
          if (code === 0) {
            if (this.#numericMarkers) {
              const marker = markers.indexOf(String(x));
              if (marker >= 0) {
                missingByMarker[marker]!++;
                continue;
              }
            }
            // A canonical number is written without a point exactly when it is an integer.
            if (Number.isInteger(x)) integer++;
          } else {
            const kind = kinds[code]!;
            if (kind < 2) continue;
            if (kind === 3) integer++;
          }
          numbers[numeric++] = x;
          if (!(x > previous)) increasing = false;
          previous = x;
        }
      }
      this.#textLength = totalLength;
      totalLength = -1;
    } else {
      for (let r = 0; r < rows; r++) {
        const raw = values[r]!;
        const text = trimCell(raw);
        if (text.length !== raw.length) padded++;
        const marker = markers.indexOf(text);
        if (marker >= 0) {
          missingByMarker[marker]!++;
          continue;
        }
        totalLength += text.length;
        if (reader.read(text)) {
          const x = reader.value;
          numbers[numeric++] = x;
          if (reader.integer) integer++;
          if (!(x > previous)) increasing = false;
          previous = x;
        } else {
          textCounts.add(text);
        }
      }
    }
    let missing = 0;
    for (const count of missingByMarker) missing += count;
    let booleanLike = 0;
    let inner = 0;
    for (let i = 0; i < textCounts.size; i++) {
      const text = textCounts.keyAt(i);
      if (text.length <= 5 && BOOLEAN_WORDS.has(text.toLowerCase())) booleanLike += textCounts.countAt(i);
      if (INNER_WHITESPACE.test(text)) inner += textCounts.countAt(i);
    }
    this.rows = rows;
    this.missingByMarker = missingByMarker;
    this.missing = missing;
    this.nonMissing = rows - missing;
    this.whitespacePadded = padded;
    this.numeric = numeric;
    this.integerSyntax = integer;
    this.nonNumeric = rows - missing - numeric;
    this.nonNumericExamples = Array.from({ length: Math.min(EXAMPLE_LIMIT, textCounts.size) }, (_, i) =>
      textCounts.keyAt(i),
    );
    this.booleanLike = booleanLike;
    this.withInnerWhitespace = inner;
    this.#totalLength = totalLength;
    this.numbers = numbers.subarray(0, numeric);
    this.strictlyIncreasing = increasing && numeric > 0;
    this.#textCounts = textCounts;
  }

  /**
   * Total length of the trimmed non-missing values. For a typed column the numbers' lengths cost a string
   * each, so they are counted on first use, which type inference reaches only for a column that is not
   * numeric.
   */
  get totalLength(): number {
    if (this.#totalLength < 0) {
      let total = this.#textLength;
      this.#forEachCanonical((x) => (total += String(x).length));
      this.#totalLength = total;
    }
    return this.#totalLength;
  }

  /** Calls `f` with each non-missing code-0 (canonical number) cell of a typed column, in row order. */
  #forEachCanonical(f: (x: number) => void): void {
    const column = this.#values;
    if (!(column instanceof TypedColumn) || !column.numbers) return;
    const { codes, numbers } = column;
    for (let r = 0; r < column.length; r++) {
      if (codes && codes[r] !== 0) continue;
      const x = numbers[r]!;
      if (this.#numericMarkers && this.#markers.indexOf(String(x)) >= 0) continue;
      f(x);
    }
  }

  /** Calls `f` with each non-missing cell, trimmed, in row order (numbers as written). */
  #forEachValue(f: (text: string) => boolean | void): void {
    const column = this.#values;
    if (column instanceof TypedColumn) {
      const { codes, numbers } = column;
      const kinds = this.#kindByCode;
      for (let r = 0; r < column.length; r++) {
        const code = codes ? codes[r]! : 0;
        let text: string;
        if (code === 0) {
          text = String(numbers![r]);
          if (this.#numericMarkers && this.#markers.indexOf(text) >= 0) continue;
        } else {
          if (kinds[code] === 1) continue;
          text = this.#trimmedByCode[code]!;
        }
        if (f(text) === false) return;
      }
      return;
    }
    for (const raw of column) {
      const text = trimCell(raw);
      if (this.#markers.indexOf(text) >= 0) continue;
      if (f(text) === false) return;
    }
  }

  /** The parsed numbers in ascending order: one sort per column serves quantiles, distinct count and runs. */
  get sortedNumbers(): Float64Array {
    this.#sorted ??= sortNumbers(this.numbers, this.#scratch);
    return this.#sorted;
  }

  /** Number of distinct values among the parsed numbers (so `'1'` and `'1.0'` are one value, as in pandas). */
  get distinctNumbers(): number {
    const sorted = this.sortedNumbers;
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    return distinct;
  }

  /**
   * Count per trimmed non-missing value, numbers included as written, in order of first appearance. Free
   * for a column without numbers (the scan built it); one more pass otherwise.
   */
  get counts(): ValueCounts {
    if (this.numeric === 0) return this.#textCounts;
    if (this.#allCanonical && this.nonNumeric === 0 && this.distinctNumbers === this.numeric) {
      // A typed column of distinct numbers all written as String() writes them (an ID counter): each value
      // once, in row order, named only when asked, instead of a million strings in a counter.
      const numbers = this.numbers.slice();
      return { size: numbers.length, keyAt: (i) => String(numbers[i]), countAt: () => 1 };
    }
    if (!this.#counts) {
      const counts = new ValueCounter();
      this.#forEachValue((text) => void counts.add(text));
      this.#counts = counts;
    }
    return this.#counts;
  }

  /**
   * Tries every non-missing value as a date. With `stopAfterFailures`, gives up once that many fail: type
   * inference only needs to know that a column is not dates, and most columns fail on their first value.
   */
  dates(stopAfterFailures = Infinity): DateScan {
    if (this.#dates) return this.#dates;
    const scan: DateScan = {
      parsed: 0,
      failed: 0,
      failedExamples: [],
      hasTime: false,
      minMs: Infinity,
      maxMs: -Infinity,
      minText: '',
      maxText: '',
    };
    let stopped = false;
    this.#forEachValue((text) => {
      const ms = parseDate(text);
      if (Number.isNaN(ms)) {
        scan.failed++;
        if (scan.failedExamples.length < EXAMPLE_LIMIT && !scan.failedExamples.includes(text)) {
          scan.failedExamples.push(text);
        }
        if (scan.failed >= stopAfterFailures) {
          stopped = true;
          return false;
        }
        return;
      }
      scan.parsed++;
      if (!scan.hasTime && hasTimeOfDay(text)) scan.hasTime = true;
      if (ms < scan.minMs) {
        scan.minMs = ms;
        scan.minText = text;
      }
      if (ms > scan.maxMs) {
        scan.maxMs = ms;
        scan.maxText = text;
      }
    });
    if (stopped) return scan;
    this.#dates = scan;
    return scan;
  }
}
