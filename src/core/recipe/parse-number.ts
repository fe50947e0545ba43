// Plain decimals: 12, -3.5, .5, 5., 1e-3. Not hex, not Infinity, not the empty string (all of which Number()
// accepts).
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Thousands separators in groups of three: 1,234 and 1,234,567.89 (never 12,34, which is a European decimal).
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

const NOT_SIMPLE = 0;
const SIMPLE = 1;
const CANONICAL = 2;

/**
 * Reads a number written as text, as it appears in CSVs: surrounding whitespace and comma thousands separators
 * are allowed ("1,234.50" → 1234.5).
 *
 * @returns The number, or NaN when the text is not one (or overflows to ±Infinity).
 * @example
 * parseNumberText(' 1,234.50 '); // 1234.5
 * parseNumberText('12,34'); // NaN
 */
export function parseNumberText(text: string): number {
  // Most cells are plain -123.45, which Number() reads exactly as the slower checks below would.
  let value = NaN;
  if (scanDecimal(text) !== NOT_SIMPLE || PLAIN.test(text)) value = Number(text);
  else {
    const trimmed = text.trim();
    if (PLAIN.test(trimmed)) value = Number(trimmed);
    else if (GROUPED.test(trimmed)) value = Number(trimmed.replaceAll(',', ''));
  }
  return Number.isFinite(value) ? value : NaN;
}

/**
 * A number's canonical text, the shortest that reads back to the same double (String(x)); "0" for -0.
 *
 * @returns The canonical text, or null when `text` is not a number (see {@link parseNumberText}).
 * @example
 * canonicalNumberText('1,234.50'); // '1234.5'
 * canonicalNumberText('007'); // '7'
 */
export function canonicalNumberText(text: string): string | null {
  const scan = scanDecimal(text);
  // Already canonical: returned as is, skipping a number-to-text conversion (the costly part).
  if (scan === CANONICAL) return text;
  const value = parseNumberText(text);
  return Number.isNaN(value) ? null : formatNumber(value);
}

/** A number's canonical text: the shortest that reads back to it, and "0" for -0. */
export function formatNumber(value: number): string {
  return String(value);
}

/**
 * Classifies `-?digits[.digits]` text. CANONICAL when String(Number(text)) === text: no leading zeros, no
 * trailing fraction zeros, not "-0", at most 15 significant digits (any two such decimals are different
 * doubles, so the shortest round-trip text is the text itself) and not so small that String() switches to
 * exponent notation (below 1e-6).
 */
function scanDecimal(text: string): number {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const intStart = i;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  if (intDigits === 0) return NOT_SIMPLE;
  let fractionDigits = 0;
  let lastDigit = text.charCodeAt(i - 1);
  if (i < length) {
    if (text.charCodeAt(i) !== 46 /* . */) return NOT_SIMPLE;
    const fractionStart = ++i;
    while (i < length && isDigit(text.charCodeAt(i))) i++;
    if (i < length) return NOT_SIMPLE;
    fractionDigits = i - fractionStart;
    if (fractionDigits === 0) return SIMPLE;
    lastDigit = text.charCodeAt(i - 1);
  }
  const leadingZero = text.charCodeAt(intStart) === 48;
  if (leadingZero && intDigits > 1) return SIMPLE;
  if (fractionDigits > 0 && lastDigit === 48) return SIMPLE;
  if (leadingZero) {
    if (fractionDigits === 0) return intStart === 0 ? CANONICAL : SIMPLE; // "0" vs "-0"
    let zeros = 0;
    while (text.charCodeAt(intStart + 2 + zeros) === 48) zeros++;
    return zeros <= 5 && fractionDigits - zeros <= 15 ? CANONICAL : SIMPLE;
  }
  return intDigits + fractionDigits <= 15 ? CANONICAL : SIMPLE;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
