/** What a trimmed cell is as a number: an integer (`-12`, `+3`), a decimal (`0.5`, `1e3`, `2.`) or not one. */
export type NumberSyntax = 'integer' | 'decimal' | null;

const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;
/** Exact powers of ten: every 10^k with k ≤ 22 is a double without rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Up to 15 significant digits the mantissa is an exact integer (< 2^53), the condition of the fast path. */
const FAST_DIGITS = 15;

/**
 * Reads trimmed cells as numbers by the grammar `[+-]? (d+ .? d* | . d+) ([eE] [+-]? d+)?`, the one the data
 * profile in ../shared/data uses, without allocating. Profiling reads every cell, so this is hand-written:
 * `Number()` alone accepts `''`, `'0x1F'`, `'Infinity'` and `'1_0'` and is several times slower on decimals.
 * Values with at most 15 significant digits and a power of ten up to 22 are computed as mantissa × or ÷ an
 * exact power of ten, one correctly rounded operation (Clinger's fast path), so the result is the double
 * `Number()` gives; anything longer is handed to `Number()`.
 *
 * @example
 * const reader = new NumberReader();
 * reader.read('-1.5e2') && reader.value; // -150, reader.integer === false
 */
export class NumberReader {
  /** The value of the last cell read successfully. */
  value = NaN;
  /** Whether that cell was written as an integer (no point, no exponent). */
  integer = false;

  /** Reads a trimmed cell; false (and `value` NaN) when it is not a number. */
  read(text: string): boolean {
    return this.readRange(text, 0, text.length);
  }

  /** {@link read} of `text.slice(start, end)`, without making that string. */
  readRange(text: string, start: number, end: number): boolean {
    const n = end;
    let i = start;
    let c = n > i ? text.charCodeAt(i) : -1;
    let negative = false;
    if (c === PLUS || c === MINUS) {
      negative = c === MINUS;
      c = ++i < n ? text.charCodeAt(i) : -1;
    }
    let mantissa = 0;
    let significant = 0;
    let scale = 0;
    let intDigits = 0;
    while (c >= ZERO && c <= NINE) {
      intDigits++;
      if (significant > 0 || c !== ZERO) {
        significant++;
        mantissa = mantissa * 10 + (c - ZERO);
      }
      c = ++i < n ? text.charCodeAt(i) : -1;
    }
    let decimal = false;
    if (c === DOT) {
      decimal = true;
      c = ++i < n ? text.charCodeAt(i) : -1;
      let fracDigits = 0;
      while (c >= ZERO && c <= NINE) {
        fracDigits++;
        if (significant > 0 || c !== ZERO) {
          significant++;
          mantissa = mantissa * 10 + (c - ZERO);
        }
        scale++;
        c = ++i < n ? text.charCodeAt(i) : -1;
      }
      if (intDigits === 0 && fracDigits === 0) return this.#fail();
    } else if (intDigits === 0) {
      return this.#fail();
    }
    let exponent = 0;
    if (c === LOWER_E || c === UPPER_E) {
      decimal = true;
      c = ++i < n ? text.charCodeAt(i) : -1;
      let expNegative = false;
      if (c === PLUS || c === MINUS) {
        expNegative = c === MINUS;
        c = ++i < n ? text.charCodeAt(i) : -1;
      }
      let expDigits = 0;
      while (c >= ZERO && c <= NINE) {
        expDigits++;
        // Capped: beyond this the value is 0 or Infinity anyway, and Number() decides which.
        if (exponent < 100_000) exponent = exponent * 10 + (c - ZERO);
        c = ++i < n ? text.charCodeAt(i) : -1;
      }
      if (expDigits === 0) return this.#fail();
      if (expNegative) exponent = -exponent;
    }
    if (i !== n) return this.#fail();
    this.integer = !decimal;
    const power = exponent - scale;
    if (significant <= FAST_DIGITS && power >= -22 && power <= 22) {
      const magnitude = power < 0 ? mantissa / POW10[-power]! : mantissa * POW10[power]!;
      this.value = negative ? -magnitude : magnitude;
    } else {
      this.value = Number(start === 0 && end === text.length ? text : text.slice(start, end));
    }
    return true;
  }

  #fail(): false {
    this.value = NaN;
    this.integer = false;
    return false;
  }
}

// One reader for the functions below: they run synchronously, so it is never shared mid-read.
const reader = new NumberReader();

/**
 * Classifies a trimmed cell by {@link NumberReader}'s grammar. Thousands separators (`1,234`) are not
 * numbers: they are the classic "number stored as text".
 *
 * @example
 * numberSyntax('-12'); // 'integer'
 * numberSyntax('1e3'); // 'decimal'
 * numberSyntax('1,234'); // null
 */
export function numberSyntax(text: string): NumberSyntax {
  if (!reader.read(text)) return null;
  return reader.integer ? 'integer' : 'decimal';
}

/**
 * Parses a cell as a number after trimming it, or NaN when it is not one: accepts `'1e3'`, `'-0.5'`, `'+7'`,
 * `'.5'`, `'2.'`; rejects `'1,234'`, `'0x1F'`, `'Infinity'`, `''`.
 *
 * @example
 * parseNumber(' +7 '); // 7
 * parseNumber('1,234'); // NaN
 */
export function parseNumber(text: string): number {
  return reader.read(text.trim()) ? reader.value : NaN;
}
