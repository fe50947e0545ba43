import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../../src/core/ingest/index.ts';

interface PapaCase {
  description: string;
  input: unknown;
  config?: Record<string, unknown>;
  expected: { data: unknown };
}

const suites = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../fixtures/papaparse/papaparse-5.7.1_parser_cases.json'),
    'utf8',
  ),
) as Record<string, PapaCase[]>;

/**
 * Options that are RFC 4180 parsing: the only ones whose cases apply. The rest are papaparse features
 * Looplab does not have, so their cases are not run: header/dynamicTyping/preview/skipFirstNLines
 * (typing and header handling live in the profile stage), comments, fastMode, escapeChar (non-RFC
 * escaping), skipEmptyLines (blank lines are always skipped, see below), and multi-character delimiters.
 */
const RFC_OPTIONS = new Set(['delimiter', 'quoteChar', 'newline']);

/** Cases deliberately not followed, and why. Any other difference fails the test. */
const DEVIATIONS: Record<string, string> = {
  'Quoted field has invalid trailing quote after delimiter with a valid closer':
    'malformed quotes: a quote closes at the next undoubled quote (RFC 4180), where papaparse looks ahead for a closer followed by a delimiter',
  'Quoted field has invalid trailing quote after delimiter':
    'malformed quotes: as above; the ingest reports an unterminated quote by line instead',
  'Quoted field has invalid trailing quote before delimiter':
    'malformed quotes: text after a closing quote is kept in the field, not merged with the rest of the file',
  'Quoted field has invalid trailing quote after new line': 'malformed quotes: as above',
  'One column input with empty fields':
    'blank lines are skipped, never rows of one empty field: a blank line in a CSV is not a data row',
  'Blank line at beginning': 'blank lines are skipped (as papaparse does with skipEmptyLines)',
  'Blank line in middle': 'blank lines are skipped',
  'Blank lines at end': 'blank lines are skipped',
  'Empty lines': 'blank lines are skipped',
  'Mixed slash n and slash r should choose first as precident':
    'every LF, CRLF and lone CR ends a line, so a file with mixed line endings (seen in real exports) keeps its rows',
  'Bad delimiter (\\n)': 'an impossible delimiter is an error that says so, not silently replaced by a guess',
};

const cases = Object.values(suites)
  .flat()
  .filter((c) => typeof c.input === 'string')
  .filter((c) => Object.keys(c.config ?? {}).every((k) => RFC_OPTIONS.has(k)))
  .filter((c) => typeof c.config?.delimiter !== 'string' || c.config.delimiter.length === 1);

function parse(c: PapaCase): unknown {
  try {
    return parseCsvText(c.input as string, {
      delimiter: c.config?.delimiter as string | undefined,
      quote: c.config?.quoteChar as string | undefined,
    });
  } catch (error) {
    return error instanceof Error ? `Error: ${error.message}` : error;
  }
}

describe('papaparse 5.7.1 parser cases about RFC 4180', () => {
  it('runs the cases whose options are RFC 4180 parsing', () => {
    expect(cases.length).toBe(88);
  });

  for (const c of cases) {
    const reason = DEVIATIONS[c.description];
    if (reason) {
      it(`deliberately differs on "${c.description}": ${reason}`, () => {
        expect(parse(c)).not.toEqual(c.expected.data);
      });
    } else {
      it(`parses "${c.description}" as papaparse does`, () => {
        expect(parse(c)).toEqual(c.expected.data);
      });
    }
  }

  it('rejects an impossible delimiter with a message that says so', () => {
    expect(() => parseCsvText('a,b', { delimiter: '\n' })).toThrow(
      'The delimiter must be one character other than a line break or the quote.',
    );
  });

  it('skips blank lines but keeps every field of rows around them', () => {
    expect(parseCsvText('a,b,c\r\n\r\nd,e,f\n\n')).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });
});
