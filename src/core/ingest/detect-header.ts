/**
 * Decisions made from the first rows of a file, before any row is stored: whether line 1 is a preamble to
 * skip (adult.test's "|1x3 Cross validator"), and whether the first row is a header.
 */

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function isNumber(value: string): boolean {
  return NUMBER.test(value);
}

/** The most common field count among rows. */
export function modalWidth(rows: readonly string[][]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const row of rows) {
    const n = (counts.get(row.length) ?? 0) + 1;
    counts.set(row.length, n);
    // A tie goes to the wider: without a header, padding a short row loses nothing, cutting a long one does.
    if (n > bestCount || (n === bestCount && row.length > best)) [best, bestCount] = [row.length, n];
  }
  return best;
}

/**
 * True when the first row is a one-field line in front of rows that all have several fields: a title or a
 * junk line, not a header and not data.
 */
export function isPreamble(first: readonly string[], rest: readonly string[][]): boolean {
  if (rest.length < 2 || first.length !== 1) return false;
  const width = modalWidth(rest);
  return width > 1 && rest.filter((r) => r.length === width).length >= rest.length * 0.8;
}

/**
 * Whether the first row is a header, judged against the rows after it. A column whose values are numbers
 * speaks for a header when its first value is not a number ("tenure" over 1, 34, 2...) and against one when
 * its first value is a number too (adult.data starts "39, State-gov, 77516"). With no numeric column there is
 * no evidence either way, and a header is assumed, as most CSVs have one.
 */
export function looksLikeHeader(first: readonly string[], rest: readonly string[][]): boolean {
  let forHeader = 0;
  let againstHeader = 0;
  for (let c = 0; c < first.length; c++) {
    const values = rest.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (values.length === 0) continue;
    const numeric = values.filter(isNumber).length / values.length >= 0.9;
    if (!numeric) continue;
    if (isNumber(first[c]!)) againstHeader++;
    else if (first[c]!.trim() !== '') forHeader++;
  }
  return forHeader > 0 || againstHeader === 0;
}
