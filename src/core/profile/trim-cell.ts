/**
 * `text.trim()`, skipping the call for the usual cell whose first and last characters are visible ASCII:
 * profiling trims every cell, and this check is cheaper than the call. Anything else, Unicode spaces
 * included, goes through `trim()`.
 *
 * @example
 * trimCell(' ?'); // '?'
 */
export function trimCell(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  if (first > 32 && first < 127 && last > 32 && last < 127) return text;
  return text.trim();
}
