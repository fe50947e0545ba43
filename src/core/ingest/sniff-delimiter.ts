import { CsvParser } from './csv-parser.ts';

/** The delimiters Looplab sniffs, in order of preference when two fit equally well. */
export const DELIMITER_CANDIDATES = [',', '\t', ';', '|'] as const;

/**
 * Picks the delimiter that splits a sample of the file into the most consistent number of fields.
 *
 * For each candidate the sample is parsed with full quoting rules (so commas inside quotes do not count), and
 * scored by how many rows share the most common field count, times that count. A candidate that never splits
 * a row (one field everywhere) scores zero; if every candidate does, the file is a single column and `,` is
 * as good as any.
 *
 * @example sniffDelimiter('a;b\n1;2\n') // ';'
 */
export function sniffDelimiter(sample: string, quote = '"'): string {
  // Drop the last line: the sample is usually cut mid-row.
  const cut = sample.lastIndexOf('\n');
  const text = cut > 0 ? sample.slice(0, cut) : sample;
  let best: string = DELIMITER_CANDIDATES[0];
  let bestScore = 0;
  for (const delimiter of DELIMITER_CANDIDATES) {
    if (delimiter === quote) continue;
    const counts = new Map<number, number>();
    const parser = new CsvParser({ delimiter, quote });
    let rows = 0;
    const sink = (fields: string[]) => {
      if (rows++ < 200) counts.set(fields.length, (counts.get(fields.length) ?? 0) + 1);
    };
    parser.push(text, sink);
    parser.end(sink);
    let modeFields = 1;
    let modeRows = 0;
    for (const [fields, n] of counts) {
      if (n > modeRows || (n === modeRows && fields > modeFields)) {
        modeFields = fields;
        modeRows = n;
      }
    }
    const score = modeFields > 1 ? (modeRows / Math.max(1, Math.min(rows, 200))) * modeFields : 0;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}
