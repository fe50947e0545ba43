/**
 * True when the first bytes look like a binary file rather than text: a NUL byte (which no text CSV in
 * UTF-8 or Latin-1 contains), or a high share of control characters other than tab, CR and LF. One stray
 * control byte, as in the bike-sharing file, is text with a blemish, not a binary file.
 */
export function looksBinary(head: Uint8Array, delimiter?: string): boolean {
  // A control character chosen as the delimiter (ASCII 30 and 31 are the "record" and "unit" separators)
  // is text, however often it occurs.
  const allowed = delimiter?.length === 1 ? delimiter.charCodeAt(0) : -1;
  const n = Math.min(head.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== allowed) control++;
  }
  return control / n > 0.1;
}
