const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Up to 15 significant digits every decimal survives the trip through a double (DBL_DIG). */
const MAX_DIGITS = 15;
/** `String(x)` switches to exponent notation below 1e-6, so at most five zeros may follow the point. */
const MAX_LEADING_FRACTION_ZEROS = 5;

/**
 * Whether `text.slice(start, end)` is exactly `String(Number(that text))`, so a typed column can keep the
 * double alone and still give back the cell as written. True for `-12`, `0.5`, `3.25`; false for `+1`,
 * `007`, `1.50`, `.5`, `2.`, `1e3`, `-0`, `0.0000001` and anything over 15 significant digits. A false
 * negative only costs a dictionary entry; a false positive would change the data, so the rule is strict and
 * test/unit/table/canonical-number.test.ts checks it against `String(Number(s)) === s`.
 *
 * @example
 * isCanonicalNumber('1.5', 0, 3); // true
 * isCanonicalNumber('1.50', 0, 4); // false: String(1.5) is '1.5'
 */
export function isCanonicalNumber(text: string, start: number, end: number): boolean {
  let i = start;
  if (i < end && text.charCodeAt(i) === MINUS) i++;
  if (i === end) return false;
  let digits = 0;
  const first = text.charCodeAt(i);
  if (first === ZERO) {
    i++;
    // '0' alone; '-0' is written '0' by String(), and '00' or '05' are not canonical.
    if (i === end) return start + 1 === end;
    if (text.charCodeAt(i) !== DOT) return false;
  } else {
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      digits++;
      i++;
    }
    if (digits === 0 || digits > MAX_DIGITS) return false;
    if (i === end) return true;
    if (text.charCodeAt(i) !== DOT) return false;
  }
  // A fraction: at least one digit, no trailing zero, and for '0.x' not too many leading zeros.
  i++;
  if (i === end) return false;
  let leadingZeros = 0;
  let fraction = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
    if (digits === 0 && fraction === 0 && c === ZERO) leadingZeros++;
    else fraction++;
  }
  if (text.charCodeAt(end - 1) === ZERO) return false;
  if (digits === 0 && leadingZeros > MAX_LEADING_FRACTION_ZEROS) return false;
  return digits + fraction <= MAX_DIGITS;
}
