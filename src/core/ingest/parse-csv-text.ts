import { CsvParser } from './csv-parser.ts';
import { sniffDelimiter } from './sniff-delimiter.ts';

/**
 * Parses a whole CSV string into rows of fields, with no header handling: the small-input path (tests, pasted
 * text, label files). The delimiter is sniffed when not given.
 *
 * @example parseCsvText('a,"b,c"\n1,2') // [['a', 'b,c'], ['1', '2']]
 */
export function parseCsvText(text: string, options: { delimiter?: string; quote?: string } = {}): string[][] {
  const quote = options.quote ?? '"';
  const parser = new CsvParser({ delimiter: options.delimiter ?? sniffDelimiter(text, quote), quote });
  const rows: string[][] = [];
  const sink = (fields: string[]) => void rows.push(fields);
  parser.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, sink);
  parser.end(sink);
  return rows;
}
