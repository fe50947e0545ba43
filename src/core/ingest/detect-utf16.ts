/**
 * The UTF-16 byte order of a file's first bytes, or undefined when it is not UTF-16. Excel's "Unicode Text"
 * and PowerShell's default output are UTF-16 with a byte-order mark; some exports omit the mark, and then
 * ASCII text shows as every other byte NUL (after the character in little-endian, before it in big-endian).
 * Checked before the binary test, which would otherwise refuse the NULs.
 */
export function detectUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(Math.min(head.length, 8192) / 2);
  // Too few characters to tell a pattern from chance.
  if (pairs < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let p = 0; p < pairs; p++) {
    if (head[2 * p] === 0) evenNul++;
    if (head[2 * p + 1] === 0) oddNul++;
  }
  // Mostly-ASCII text (a CSV's delimiters, digits and line breaks) has NUL as nearly every high byte, and
  // none as a low byte; a binary file has NULs scattered on both sides.
  if (oddNul >= pairs * 0.7 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.7 && oddNul === 0) return 'utf-16be';
  return undefined;
}
