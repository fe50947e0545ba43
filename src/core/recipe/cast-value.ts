import type { ColumnType } from '../table/raw-table.ts';
import { formatIsoDate, parseDateText } from './parse-date.ts';
import { canonicalNumberText } from './parse-number.ts';

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

/**
 * The normaliser a cast to `type` applies to each present value: its canonical text, or null when the value
 * is not of that type (the cell becomes missing and is counted).
 * - integer, number: see `parseNumberText`; an integer must be whole ("3.0" → "3", "3.5" → null);
 * - boolean: true/t/yes/y/1 and false/f/no/n/0, any case → "true" / "false";
 * - date: any format `parseDateText` reads in `auto` → yyyy-mm-dd (a time is dropped);
 * - datetime: likewise → yyyy-mm-ddTHH:MM:SS;
 * - category, text, id: unchanged (the cast only records the type).
 */
export function castValue(type: ColumnType): (text: string) => string | null {
  switch (type) {
    case 'number':
      return canonicalNumberText;
    case 'integer':
      return (text) => {
        const canonical = canonicalNumberText(text);
        return canonical !== null && Number.isInteger(Number(canonical)) ? canonical : null;
      };
    case 'boolean':
      return (text) => {
        const word = text.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return 'true';
        return FALSE_WORDS.has(word) ? 'false' : null;
      };
    case 'date':
    case 'datetime':
      return (text) => {
        const date = parseDateText(text, 'auto');
        return date === null ? null : formatIsoDate(date, type === 'datetime');
      };
    case 'category':
    case 'text':
    case 'id':
      return (text) => text;
  }
}
