// The profile of a typed table (issue 18) must equal the profile of the same cells as strings: the strings
// path is the reference, checked against pandas in real-datasets.test.ts. Tables here are generated with
// every kind of cell the typed column treats differently: canonical numbers, other spellings of numbers,
// padded cells, missing markers (one of them a number), dates, booleans and text.
import { describe, expect, it } from 'vitest';
import { ingestCsv } from '../../../src/core/ingest/index.ts';
import { profileTable } from '../../../src/core/profile/index.ts';
import { createRng } from '../../../src/core/random.ts';
import type { TypedColumn } from '../../../src/core/table/typed-column.ts';

const encoder = new TextEncoder();

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

async function readBoth(csv: string) {
  const strings: string[][] = [];
  const result = await ingestCsv(once(encoder.encode(csv)), {
    chunkRows: Infinity,
    onChunk: (chunk) => void strings.push(...chunk.columns),
  });
  let typed: TypedColumn[] = [];
  await ingestCsv(once(encoder.encode(csv)), {
    chunkRows: Infinity,
    onTypedChunk: (chunk) => void (typed = chunk.columns),
  });
  return { names: result.header, strings, typed };
}

const SPELLINGS = ['7', '007', '+7', '7.0', ' 7', '7 ', '1e3', '.5', '-0', '-999', 'NA', '', '?', 'x'];

function generated(seed: number, rows: number): string {
  const rng = createRng(seed);
  const lines = ['counter,price,mixed,grade,flag,day,note,sparse'];
  for (let r = 0; r < rows; r++) {
    const price =
      rng.next() < 0.1 ? rng.pick(SPELLINGS) : (Math.round(rng.next() * 100_000) / 100).toString();
    const mixed = rng.next() < 0.5 ? rng.pick(SPELLINGS) : String(rng.int(0, 30));
    const grade = rng.pick(['A', 'B', 'C', ' B', 'b', 'NA']);
    const flag = rng.pick(['true', 'false', 'TRUE', 'f']);
    const day = rng.next() < 0.02 ? 'soon' : `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
    const note = `"word ${rng.int(0, 50)}, ""quoted"""`;
    const sparse = rng.next() < 0.9 ? '' : String(rng.int(1, 3));
    lines.push([r + 1, price, mixed, grade, flag, day, note, sparse].join(','));
  }
  return lines.join('\n') + '\n';
}

describe('profile of typed columns', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals the profile of the strings on a generated table (seed ${seed})`, async () => {
      const { names, strings, typed } = await readBoth(generated(seed, 3000));
      expect(typed.map((c) => c.toStrings())).toEqual(strings);
      expect(profileTable({ names, columns: typed })).toEqual(profileTable({ names, columns: strings }));
    });
  }

  it('equals it with a numeric missing marker and with duplicated rows', async () => {
    const csv = 'a,b\n1,-999\n2,5\n1,-999\n-999,x\n2,5\n3,5.50\n';
    const { names, strings, typed } = await readBoth(csv);
    const options = { missingMarkers: ['', 'NA', '-999'] };
    const fromTyped = profileTable({ names, columns: typed }, options);
    expect(fromTyped).toEqual(profileTable({ names, columns: strings }, options));
    // Hand-checked: rows 3 and 5 repeat rows 1 and 2; -999 is missing twice in b and once in a.
    expect(fromTyped.duplicateRows).toBe(2);
    expect(fromTyped.columns.map((c) => c.missing)).toEqual([1, 2]);
  });

  it('gives an ID counter its first values as top values without a string per row', async () => {
    const csv = 'id,v\n' + Array.from({ length: 5000 }, (_, i) => `${i + 1},${i % 7}`).join('\n');
    const { names, strings, typed } = await readBoth(csv);
    const profile = profileTable({ names, columns: typed });
    expect(profile).toEqual(profileTable({ names, columns: strings }));
    expect(profile.columns[0]!.type).toBe('id');
    expect(profile.columns[0]!.topValues.slice(0, 2)).toEqual([
      { value: '1', count: 1 },
      { value: '2', count: 1 },
    ]);
  });
});
