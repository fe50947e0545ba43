/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number ("-1", "+2.5", "-3e-4"): a spreadsheet reads it as that number, never a formula. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * One CSV cell that is safe to open in a spreadsheet: a value starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe, so Excel, LibreOffice and Sheets show it as text instead of running it;
 * then the cell is quoted if it holds a delimiter, a quote or a line break (RFC 4180).
 *
 * Numbers are written as numbers: a negative prediction stays "-1.5", not "'-1.5", and so does a text cell
 * that is nothing but a decimal number (a class labelled "-1"), since no spreadsheet runs it; "-2+3" is a
 * formula and is defused.
 *
 * @example safeCsvCell('=HYPERLINK("x")') // "'=HYPERLINK(""x"")" quoted
 */
export function safeCsvCell(value: string | number | null | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
