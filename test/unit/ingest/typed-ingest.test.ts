// The typed ingest (issue 18) must give back exactly the cells the string ingest gives, on every conformance
// case with the bytes cut at every offset, with the same warnings and rejected rows: TypedColumn keeps
// numbers as doubles and the rest as dictionary codes, so this is the test that nothing is lost on the way.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ingestCsv,
  type ColumnChunk,
  type IngestOptions,
  type TypedChunk,
} from '../../../src/core/ingest/index.ts';

const spectrum = join(import.meta.dirname, '../../fixtures/csv-spectrum');
const papaCases = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../fixtures/papaparse/papaparse-5.7.1_parser_cases.json'),
    'utf8',
  ),
) as Record<string, { description: string; input: unknown; config?: Record<string, unknown> }[]>;

async function* pieces(bytes: Uint8Array, cuts: number[]): AsyncIterable<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.slice(at, cut);
    at = cut;
  }
}

async function both(bytes: Uint8Array, cuts: number[], options: IngestOptions = {}) {
  const strings: ColumnChunk[] = [];
  const typed: TypedChunk[] = [];
  const run = (extra: IngestOptions) =>
    ingestCsv(pieces(bytes, cuts), { chunkRows: 3, ...options, ...extra }).catch((e: Error) => e.message);
  const a = await run({ onChunk: (c) => void strings.push(c) });
  const b = await run({ onTypedChunk: (c) => void typed.push(c) });
  return {
    strings: { result: a, cells: strings.map((c) => c.columns) },
    typed: { result: b, cells: typed.map((c) => c.columns.map((col) => col.toStrings())) },
  };
}

const encoder = new TextEncoder();

describe('typed ingest gives back the string ingest, cell for cell', () => {
  for (const file of readdirSync(spectrum).filter((f) => f.endsWith('.csv'))) {
    it(`csv-spectrum ${file}, cut at every offset`, async () => {
      const bytes = new Uint8Array(readFileSync(join(spectrum, file)));
      for (let cut = 0; cut <= bytes.length; cut++) {
        const { strings, typed } = await both(bytes, cut === 0 ? [] : [cut]);
        expect(typed, `cut at byte ${cut}`).toEqual(strings);
      }
    });
  }

  it('every papaparse RFC case, with and without a header, cut at every offset', async () => {
    let checked = 0;
    for (const cases of Object.values(papaCases)) {
      for (const c of cases) {
        if (typeof c.input !== 'string' || c.input.trim() === '') continue;
        const delimiter = typeof c.config?.delimiter === 'string' ? c.config.delimiter : ',';
        if (delimiter.length !== 1) continue;
        const bytes = encoder.encode(c.input);
        for (const header of [false, true] as const) {
          for (let cut = 0; cut <= bytes.length; cut++) {
            const { strings, typed } = await both(bytes, cut === 0 ? [] : [cut], { delimiter, header });
            expect(typed, `${c.description}, header ${header}, cut ${cut}`).toEqual(strings);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('numbers, spellings of numbers, missing markers and ragged rows, kept and dropped', async () => {
    const text =
      'id,x,y,label\n1,1.5,007,a\n2,1.50, 3 ,b\n3,-0,1e3,a\n4,,NA\n5,0.0000001,+2,c,extra\n6,12345678901234567,2.,"q""uote"\n7,-12,.5,a\n';
    const bytes = encoder.encode(text);
    for (const ragged of ['keep', 'drop'] as const) {
      const { strings, typed } = await both(bytes, [], { ragged });
      expect(typed).toEqual(strings);
    }
    // The one-row-at-a-time check, against hand-written cells: a row past the header's 51-row wait.
    const many =
      'n,v\n' +
      Array.from({ length: 120 }, (_, i) => `${i},${i % 3 === 0 ? 'x' : (i / 4).toFixed(2)}`).join('\n');
    const { typed } = await both(encoder.encode(many), [], { chunkRows: 1000 });
    const cells = typed.cells[0]!;
    expect(cells[0]![100]).toBe('100');
    expect(cells[1]![100]).toBe('25.00');
    expect(cells[1]![99]).toBe('x');
    expect(cells[1]![101]).toBe('25.25');
  });

  it('keeps numbers as doubles and other cells once in the dictionary', async () => {
    const typed: TypedChunk[] = [];
    await ingestCsv(pieces(encoder.encode('a,b,c\n1,x,2.50\n2,y,3\n3,x,\n'), []), {
      onTypedChunk: (c) => void typed.push(c),
    });
    const [a, b, c] = typed[0]!.columns;
    expect(a!.codes).toBeNull();
    expect([...a!.numbers!]).toEqual([1, 2, 3]);
    expect(b!.numbers).toBeNull();
    expect(b!.dictionary.slice(1)).toEqual(['x', 'y']);
    expect([...b!.codes!]).toEqual([1, 2, 1]);
    expect([...c!.numbers!]).toEqual([2.5, 3, NaN]);
    expect(c!.dictionary.slice(1)).toEqual(['2.50', '']);
  });
});
