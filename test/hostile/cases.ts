/**
 * The hostile-input catalogue of issue 9: every case the CLI suite (test/unit/hostile) and the app suite
 * (test/e2e/hostile-inputs.e2e.ts) run, with what a correct outcome is. Expectations come from independent
 * references — csv-spectrum's JSON, papaparse's expected data, or values written by hand here — never from
 * Looplab's own output. Every case is deterministic: the same bytes on every run and machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The import choices a case needs; the app sets them in its Import options panel, the CLI as flags. */
export interface HostileOptions {
  delimiter?: string;
  quote?: string;
  header?: 'auto' | 'no';
  encoding?: 'utf-8' | 'latin1';
}

export type HostileExpect =
  /** Stored whole: exactly these column names and rows; `warning`, when given, is part of one warning. */
  | { kind: 'table'; header: string[]; rows: string[][]; warning?: string }
  /** Refused with a message containing `message` (which names the line, column or field where there is one). */
  | { kind: 'error'; message: string };

export interface HostileCase {
  id: string;
  /** The short name recorded for every surface. */
  title: string;
  group: 'csv-spectrum' | 'papaparse' | 'named';
  fileName: string;
  bytes(): Uint8Array;
  options?: HostileOptions;
  expect: HostileExpect;
  /** Why the app cannot run this case (an option its import panel does not offer); the CLI still runs it. */
  appSkip?: string;
}

const fixtures = join(import.meta.dirname, '../fixtures');
const utf8 = (text: string) => new TextEncoder().encode(text);

// ---------------------------------------------------------------------------------------------------------
// csv-spectrum 2.0.0: 12 files and their expected JSON.

function spectrumCases(): HostileCase[] {
  const dir = join(fixtures, 'csv-spectrum');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f): HostileCase => {
      const name = f.replace(/\.csv$/, '');
      let records = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as unknown;
      // The one upstream correction, as in test/unit/ingest/csv-spectrum.test.ts: location_coordinates.json
      // is a bare object and gives the phone as 1234567890 where the CSV holds 2095257564.
      if (name === 'location_coordinates') {
        records = [{ ...(records as Record<string, string>), 'Contact Phone Number': '2095257564' }];
      }
      const list = records as Record<string, string>[];
      const header = Object.keys(list[0]!);
      return {
        id: `spectrum-${name}`,
        title: `csv-spectrum ${name}.csv`,
        group: 'csv-spectrum',
        fileName: `spectrum-${name}.csv`,
        bytes: () => new Uint8Array(readFileSync(join(dir, f))),
        expect: { kind: 'table', header, rows: list.map((r) => header.map((h) => r[h]!)) },
      };
    });
}

// ---------------------------------------------------------------------------------------------------------
// papaparse 5.7.1's parser cases whose options are RFC 4180 parsing (the selection of
// test/unit/ingest/papaparse.test.ts: 88 cases).

interface PapaCase {
  description: string;
  input: unknown;
  config?: Record<string, unknown>;
  expected: { data: string[][] };
}

const RFC_OPTIONS = new Set(['delimiter', 'quoteChar', 'newline']);

/**
 * Cases left out, as documented deviations in test/unit/ingest/papaparse.test.ts with no independent
 * expectation to hold the ingest to. Malformed quotes and mixed line endings are covered by the named cases
 * below with hand-written expectations; the blank-line deviations are kept (blank rows removed from the
 * reference, which is what that deviation says).
 */
const LEFT_OUT = new Set([
  'Quoted field has invalid trailing quote after delimiter with a valid closer',
  'Quoted field has invalid trailing quote after delimiter',
  'Quoted field has invalid trailing quote before delimiter',
  'Quoted field has invalid trailing quote after new line',
  'Mixed slash n and slash r should choose first as precident',
  'Bad delimiter (\\n)',
]);

/** The delimiters and quotes the app's Import options offer. */
const APP_DELIMITERS = new Set([',', ';', '\t', '|']);
const APP_QUOTES = new Set(['"', "'"]);

export function papaparseSelection(): PapaCase[] {
  const suites = JSON.parse(
    readFileSync(join(fixtures, 'papaparse/papaparse-5.7.1_parser_cases.json'), 'utf8'),
  ) as Record<string, PapaCase[]>;
  return Object.values(suites)
    .flat()
    .filter((c) => typeof c.input === 'string')
    .filter((c) => Object.keys(c.config ?? {}).every((k) => RFC_OPTIONS.has(k)))
    .filter((c) => typeof c.config?.delimiter !== 'string' || c.config.delimiter.length === 1);
}

/**
 * The reference data as a stored table. Every case runs with "first row is data", so papaparse's rows are
 * all data rows, named column_1…; then the three documented ingest rules are applied to the reference:
 * blank lines are skipped, rows are padded or cut to the most common width (with a warning naming the
 * line), and a file with no bytes or only blank lines is refused.
 */
function papaExpect(c: PapaCase): HostileExpect {
  if (c.input === '') return { kind: 'error', message: 'The file is empty (0 bytes).' };
  const rows = c.expected.data.filter((r) => !(r.length === 1 && r[0] === ''));
  if (rows.length === 0)
    return { kind: 'error', message: 'The file has no data: it holds only blank lines.' };
  const counts = new Map<number, number>();
  for (const r of rows.slice(0, 51)) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  // The most common width among the first rows; a tie goes to the wider.
  const width = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  const ragged = rows.some((r) => r.length !== width);
  return {
    kind: 'table',
    header: Array.from({ length: width }, (_, i) => `column_${i + 1}`),
    rows: rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')),
    ...(ragged ? { warning: 'fields, expected' } : {}),
  };
}

function papaparseCases(): HostileCase[] {
  return papaparseSelection().flatMap((c, i): HostileCase[] => {
    if (LEFT_OUT.has(c.description)) return [];
    const n = String(i + 1).padStart(2, '0');
    const delimiter = c.config?.delimiter as string | undefined;
    const quote = (c.config?.quoteChar as string | undefined) ?? '"';
    const appSkip =
      delimiter !== undefined && !APP_DELIMITERS.has(delimiter)
        ? `the app offers no ${JSON.stringify(delimiter)} delimiter`
        : !APP_QUOTES.has(quote)
          ? `the app offers no ${JSON.stringify(quote)} quote`
          : undefined;
    return [
      {
        id: `papaparse-${n}`,
        title: `papaparse #${n}: ${c.description}`,
        group: 'papaparse',
        fileName: `papaparse-${n}.csv`,
        bytes: () => utf8(c.input as string),
        options: { header: 'no', quote, ...(delimiter !== undefined ? { delimiter } : {}) },
        expect: papaExpect(c),
        ...(appSkip ? { appSkip } : {}),
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------------------
// The named cases of issue 9, each with a hand-written expectation.

/** UTF-16 bytes of a string, with or without a byte-order mark (TextEncoder only writes UTF-8). */
export function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

/** Bytes from a fixed linear congruential generator: "random" garbage that is the same on every run. */
function garbage(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/** 10,000 columns × 20 rows: column c is named c<c>, and row r holds r × 10,000 + c. */
export const WIDE = { columns: 10_000, rows: 20 };
function wideCsv(): { text: string; header: string[]; rows: string[][] } {
  const header = Array.from({ length: WIDE.columns }, (_, c) => `c${c}`);
  const rows = Array.from({ length: WIDE.rows }, (_, r) =>
    Array.from({ length: WIDE.columns }, (_, c) => String(r * WIDE.columns + c)),
  );
  const text = [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
  return { text, header, rows };
}

export const XSS_HEADER = '<img src=x onerror=alert(1)>';
export const FORMULA_CELL = "=cmd|' /C calc'!A0";

const named = (c: Omit<HostileCase, 'group' | 'fileName'> & { fileName?: string }): HostileCase => ({
  group: 'named',
  fileName: `${c.id}.csv`,
  ...c,
});

function namedCases(): HostileCase[] {
  const wide = wideCsv();
  return [
    named({
      id: 'empty-file',
      title: 'empty file',
      bytes: () => new Uint8Array(0),
      expect: { kind: 'error', message: 'The file is empty (0 bytes).' },
    }),
    named({
      id: 'header-only',
      title: 'header-only file',
      bytes: () => utf8('a,b,c\n'),
      expect: { kind: 'error', message: 'The file has a header (3 columns) but no data rows.' },
    }),
    named({
      id: 'one-column',
      title: 'one-column file',
      bytes: () => utf8('name\nalice\nbob\n'),
      expect: { kind: 'table', header: ['name'], rows: [['alice'], ['bob']] },
    }),
    named({
      id: 'ten-thousand-columns',
      title: 'file with 10,000 columns',
      bytes: () => utf8(wide.text),
      expect: { kind: 'table', header: wide.header, rows: wide.rows },
    }),
    named({
      id: 'binary-garbage',
      title: 'binary garbage',
      // A PNG signature, then noise: NULs and control bytes no text file holds.
      bytes: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...garbage(4096, 9)]),
      expect: { kind: 'error', message: 'This looks like a binary file, not CSV or TSV text.' },
    }),
    named({
      id: 'utf16le-bom',
      title: 'UTF-16 LE file with a BOM',
      bytes: () => utf16('name,city\nZoë,Köln\nJosé,Málaga\n', 'le', true),
      expect: {
        kind: 'table',
        header: ['name', 'city'],
        rows: [
          ['Zoë', 'Köln'],
          ['José', 'Málaga'],
        ],
      },
    }),
    named({
      id: 'utf16be-bom',
      title: 'UTF-16 BE file with a BOM',
      bytes: () => utf16('name,city\nZoë,Köln\n', 'be', true),
      expect: { kind: 'table', header: ['name', 'city'], rows: [['Zoë', 'Köln']] },
    }),
    named({
      id: 'utf16le-no-bom',
      title: 'UTF-16 LE file without a BOM',
      bytes: () => utf16('id,n\n1,2\n3,4\n', 'le', false),
      expect: {
        kind: 'table',
        header: ['id', 'n'],
        rows: [
          ['1', '2'],
          ['3', '4'],
        ],
      },
    }),
    named({
      id: 'latin1-as-utf8',
      title: 'Latin-1 file read as UTF-8',
      // "café" with é as the single Latin-1 byte 0xE9 on line 2 (byte 10 of the file).
      bytes: () => new Uint8Array([...utf8('city,n\ncaf'), 0xe9, ...utf8(',1\n')]),
      expect: { kind: 'error', message: 'not valid UTF-8 at line 2 (byte 10)' },
    }),
    named({
      id: 'latin1-chosen',
      title: 'Latin-1 file read as Latin-1',
      bytes: () =>
        new Uint8Array([...utf8('city,n\ncaf'), 0xe9, ...utf8(',1\nM'), 0xfc, ...utf8('nchen,2\n')]),
      options: { encoding: 'latin1' },
      expect: {
        kind: 'table',
        header: ['city', 'n'],
        rows: [
          ['café', '1'],
          ['München', '2'],
        ],
      },
    }),
    named({
      id: 'mixed-line-endings',
      title: 'mixed line endings (LF, CRLF, CR)',
      bytes: () => utf8('a,b\r\n1,2\n3,4\r5,6\r\n7,8'),
      expect: {
        kind: 'table',
        header: ['a', 'b'],
        rows: [
          ['1', '2'],
          ['3', '4'],
          ['5', '6'],
          ['7', '8'],
        ],
      },
    }),
    named({
      id: 'unterminated-quote',
      title: 'unterminated quote',
      // RFC 4180 (and papaparse): the open field runs to the end of the file; the warning names the line.
      bytes: () => utf8('a,b\n1,"open\n2,3\n'),
      expect: {
        kind: 'table',
        header: ['a', 'b'],
        rows: [['1', 'open\n2,3\n']],
        warning: 'Line 2: a quote opened here is never closed',
      },
    }),
    named({
      id: 'duplicate-headers',
      title: 'duplicate header names',
      bytes: () => utf8('id,id,id\n1,2,3\n'),
      expect: {
        kind: 'table',
        header: ['id', 'id_2', 'id_3'],
        rows: [['1', '2', '3']],
        warning: 'Column 2 repeats the header "id"; it is named "id_2".',
      },
    }),
    named({
      id: 'empty-headers',
      title: 'empty header names',
      bytes: () => utf8('a,,\n1,2,3\n'),
      expect: {
        kind: 'table',
        header: ['a', 'column_2', 'column_3'],
        rows: [['1', '2', '3']],
        warning: 'Column 2 has an empty header; it is named "column_2".',
      },
    }),
    named({
      id: 'proto-header',
      title: 'header named __proto__',
      bytes: () => utf8('__proto__,constructor\nx,y\n'),
      expect: { kind: 'table', header: ['__proto__', 'constructor'], rows: [['x', 'y']] },
    }),
    named({
      id: 'xss-header',
      title: 'header <img src=x onerror=alert(1)>',
      bytes: () => utf8(`"${XSS_HEADER}",b\n1,2\n3,4\n`),
      expect: {
        kind: 'table',
        header: [XSS_HEADER, 'b'],
        rows: [
          ['1', '2'],
          ['3', '4'],
        ],
      },
    }),
    named({
      id: 'formula-cells',
      title: 'cells beginning with =cmd|',
      // Data is data: parsing keeps the cell exactly; only CSV written for spreadsheets neutralises it.
      bytes: () => utf8(`name,note\n"${FORMULA_CELL.replace(/"/g, '""')}",+1\n`),
      expect: { kind: 'table', header: ['name', 'note'], rows: [[FORMULA_CELL, '+1']] },
    }),
    named({
      id: 'one-class-target',
      title: 'target with one class',
      bytes: () => utf8(oneClassCsv()),
      expect: {
        kind: 'table',
        header: ['x', 'y'],
        rows: Array.from({ length: 30 }, (_, i) => [String(i), 'yes']),
      },
    }),
    named({
      id: 'all-missing-column',
      title: 'all-missing column',
      bytes: () => utf8(allMissingCsv()),
      expect: {
        kind: 'table',
        header: ['x', 'empty', 'y'],
        rows: Array.from({ length: 40 }, (_, i) => [String(i), '', i % 2 ? 'a' : 'b']),
      },
    }),
    named({
      id: 'one-row',
      title: 'one-row dataset',
      bytes: () => utf8('x,y\n1,2.5\n'),
      expect: { kind: 'table', header: ['x', 'y'], rows: [['1', '2.5']] },
    }),
    named({
      id: 'utf8-bom',
      title: 'UTF-8 file with a BOM',
      bytes: () => utf8('\ufeffa,b\n1,2\n'),
      expect: { kind: 'table', header: ['a', 'b'], rows: [['1', '2']] },
    }),
  ];
}

function oneClassCsv(): string {
  return `x,y\n${Array.from({ length: 30 }, (_, i) => `${i},yes`).join('\n')}\n`;
}

function allMissingCsv(): string {
  return `x,empty,y\n${Array.from({ length: 40 }, (_, i) => `${i},,${i % 2 ? 'a' : 'b'}`).join('\n')}\n`;
}

/** Every case, in a fixed order. */
export function hostileCases(): HostileCase[] {
  return [...spectrumCases(), ...papaparseCases(), ...namedCases()];
}

/**
 * A file larger than a lowered limit: the app's storage quota (set over CDP) or the CLI's
 * LOOPLAB_MAX_FILE_BYTES. 2 MiB of a numeric table of pseudo-random 7-digit numbers: Chromium compresses
 * large IndexedDB values, and a repetitive file would fit in far less than its size.
 */
export function tooLargeCsv(bytes = 2 * 1024 * 1024): Uint8Array {
  const noise = garbage(bytes, 7);
  const lines: string[] = ['a,b,c'];
  // Each line is 24 bytes: three 7-digit numbers, two commas and a newline.
  for (let i = 0; (lines.length - 1) * 24 < bytes; i += 3) {
    const n = (k: number) => String(1_000_000 + ((noise[k % bytes]! * 65_537 + k * 7_919) % 9_000_000));
    lines.push(`${n(i)},${n(i + 1)},${n(i + 2)}`);
  }
  return utf8(`${lines.join('\n')}\n`);
}

/** The outcome in words, for the reliability record. */
export function describeExpect(expect: HostileExpect): string {
  return expect.kind === 'error'
    ? `error: "${expect.message}"`
    : `${expect.rows.length} rows × ${expect.header.length} columns stored exactly` +
        (expect.warning ? `, warning "${expect.warning}"` : '');
}
