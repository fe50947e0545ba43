/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell that is safe to open in a spreadsheet: a value starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe, so Excel, LibreOffice and Sheets show it as text instead of running it;
 * then the cell is quoted if it holds a delimiter, a quote or a line break (RFC 4180).
 *
 * Numbers are written as numbers: a negative prediction stays "-1.5", not "'-1.5".
 *
 * @example safeCsvCell('=HYPERLINK("x")') // "'=HYPERLINK(""x"")" quoted
 */
export function safeCsvCell(value: string | number | null | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
