/**
 * Picks the quote character: `"` unless the sample quotes fields with `'` instead (as the German credit file
 * does: `'no checking',6,'critical/other existing credit'`). A field counts as quoted by q when it starts
 * right after a delimiter or line start with q and ends with q right before a delimiter or line end.
 *
 * @example sniffQuote("'a b',1\n'c',2\n", ',') // "'"
 */
export function sniffQuote(sample: string, delimiter: string): '"' | "'" {
  const count = (q: string) => {
    const d = escape(delimiter);
    const pattern = new RegExp(
      `(?:^|${d})${escape(q)}[^${escape(q)}\\r\\n]*${escape(q)}(?=${d}|\\r?\\n|$)`,
      'gm',
    );
    return sample.match(pattern)?.length ?? 0;
  };
  const double = count('"');
  const single = count("'");
  // Apostrophes occur in ordinary text ("O'Brien"), so single quotes must clearly dominate.
  return single >= 3 && single > 2 * double ? "'" : '"';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
