import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chunksToRecords, ingestCsv, IngestError, type ColumnChunk } from '../../../src/core/ingest/index.ts';

const enc = new TextEncoder();

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

async function run(input: string | Uint8Array, options: Parameters<typeof ingestCsv>[1] = {}) {
  const bytes = typeof input === 'string' ? enc.encode(input) : input;
  const chunks: ColumnChunk[] = [];
  const result = await ingestCsv(once(bytes), { ...options, onChunk: (c) => void chunks.push(c) });
  return { result, records: chunksToRecords(result.header, chunks), chunks };
}

async function failure(input: string | Uint8Array): Promise<IngestError> {
  try {
    await run(input);
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error('expected an IngestError');
}

describe('ingestCsv', () => {
  it('versions the raw bytes by their SHA-256, as node:crypto computes it', async () => {
    const text = 'a,b\n1,2\n3,4\n';
    const { result } = await run(text);
    expect(result.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(result.byteLength).toBe(12);
  });

  it('sniffs semicolon, tab and pipe delimiters, ignoring delimiters inside quotes', async () => {
    expect((await run('a;b;c\n1;"x,y";3\n')).result.delimiter).toBe(';');
    expect((await run('a\tb\n1\t2\n')).result.delimiter).toBe('\t');
    expect((await run('a|b\n"1,2,3"|2\n')).records).toEqual([{ a: '1,2,3', b: '2' }]);
  });

  it('strips a UTF-8 byte-order mark from the first header', async () => {
    const { result } = await run('\uFEFFid,name\n1,x\n');
    expect(result.header).toEqual(['id', 'name']);
  });

  it('reports ragged rows by line number and keeps every row', async () => {
    const { result, records } = await run('a,b,c\n1,2,3\n4,5\n"multi\nline",7,8,9\n');
    expect(records).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: '4', b: '5', c: '' },
      { a: 'multi\nline', b: '7', c: '8' },
    ]);
    expect(result.warnings).toEqual([
      'Line 3: 2 fields, expected 3; the missing ones are left empty.',
      'Line 4: 4 fields, expected 3; the extra ones are dropped.',
    ]);
  });

  it('names empty and repeated headers so every column has a unique key', async () => {
    const { result } = await run('x,,x\n1,2,3\n');
    expect(result.header).toEqual(['x', 'column_2', 'x_2']);
    expect(result.warnings).toHaveLength(2);
  });

  it('chunks rows column-major in blocks of chunkRows', async () => {
    const { chunks, result } = await run('a,b\n1,2\n3,4\n5,6\n', { chunkRows: 2 });
    expect(result.chunkCount).toBe(2);
    expect(chunks).toEqual([
      {
        index: 0,
        columns: [
          ['1', '3'],
          ['2', '4'],
        ],
      },
      { index: 1, columns: [['5'], ['6']] },
    ]);
  });

  it('skips blank lines but keeps a row of empty fields', async () => {
    const { records } = await run('a,b\n\n1,2\n\n,\n');
    expect(records).toEqual([
      { a: '1', b: '2' },
      { a: '', b: '' },
    ]);
  });

  it('gives an empty file, a blank file, a header-only file and a binary file their own messages', async () => {
    expect((await failure('')).kind).toBe('empty');
    expect((await failure('\n\n  \n')).kind).toBe('empty');
    const headerOnly = await failure('a,b,c\n');
    expect(headerOnly.kind).toBe('header-only');
    expect(headerOnly.message).toBe('The file has a header (3 columns) but no data rows.');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await failure(png)).kind).toBe('binary');
  });

  it('rejects bytes that are not UTF-8, naming the line and byte', async () => {
    // "café" in Latin-1: é is the single byte 0xE9, which is not valid UTF-8.
    const latin1 = new Uint8Array([...enc.encode('name\nx\ncaf'), 0xe9, 10]);
    const error = await failure(latin1);
    expect(error.kind).toBe('encoding');
    expect(error.message).toContain('at line 3 (byte 10)');
  });

  it('warns about an unterminated quote and keeps the rest of the file in that field', async () => {
    const { records, result } = await run('a,b\n1,"open\n2,3\n');
    expect(records).toEqual([{ a: '1', b: 'open\n2,3\n' }]);
    expect(result.warnings).toEqual([
      'Line 2: a quote opened here is never closed; the rest of the file is in that field.',
    ]);
  });

  it('stops with a cancelled error when the signal is aborted', async () => {
    const signal = { aborted: false };
    async function* slow() {
      yield enc.encode('a,b\n1,2\n');
      signal.aborted = true;
      yield enc.encode('3,4\n');
    }
    await expect(ingestCsv(slow(), { signal })).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('reports progress in bytes and rows', async () => {
    const seen: number[] = [];
    await run('a\n1\n2\n', { onProgress: (p) => seen.push(p.rows) });
    expect(seen.at(-1)).toBe(2);
  });

  it('sniffs single-quote quoting, as in the German credit file', async () => {
    const { result, records } = await run(
      "checking,duration,history\n'no checking',6,'critical/other existing credit'\n'<0',48,'existing paid'\n'0<=X<200',12,'existing paid'\n",
    );
    expect(result.quote).toBe("'");
    expect(records[0]).toEqual({
      checking: 'no checking',
      duration: '6',
      history: 'critical/other existing credit',
    });
  });

  it('keeps double quotes when apostrophes are only ordinary text', async () => {
    const { result, records } = await run('name,n\nO\'Brien,1\n"Smith, J",2\n');
    expect(result.quote).toBe('"');
    expect(records.map((r) => r.name)).toEqual(["O'Brien", 'Smith, J']);
  });

  it('reads Latin-1 (Windows-1252) bytes when asked', async () => {
    const latin1 = new Uint8Array([
      ...enc.encode('name,city\nx,caf'),
      0xe9,
      ...enc.encode('\ny,M'),
      0xfc,
      ...enc.encode('nchen\n'),
    ]);
    const { records, result } = await run(latin1, { encoding: 'latin1' });
    expect(result.encoding).toBe('latin1');
    expect(records.map((r) => r.city)).toEqual(['café', 'München']);
  });

  it('drops ragged rows when asked, listing each by line, and stores the rest', async () => {
    const { records, result } = await run('a,b\n1,2\n3\n4,5,6\n7,8\n', { ragged: 'drop' });
    expect(records).toEqual([
      { a: '1', b: '2' },
      { a: '7', b: '8' },
    ]);
    expect(result.rejected).toEqual([
      { line: 3, reason: '1 fields, expected 2' },
      { line: 4, reason: '3 fields, expected 2' },
    ]);
    expect(result.rejectedCount).toBe(2);
    expect(result.warnings).toEqual([]);
  });

  it('detects a file with no header (adult.data starts with a data row) and names the columns', async () => {
    const { records, result } = await run('39, State-gov, 77516\n50, Self-emp, 83311\n38, Private, 215646\n');
    expect(result.hasHeader).toBe(false);
    expect(result.header).toEqual(['column_1', 'column_2', 'column_3']);
    expect(records[0]).toEqual({ column_1: '39', column_2: ' State-gov', column_3: ' 77516' });
    expect(result.rowCount).toBe(3);
  });

  it('takes the first row as the header when it names numeric columns, or when told to', async () => {
    expect((await run('age,job\n39,x\n50,y\n')).result.hasHeader).toBe(true);
    const forced = await run('39,x\n50,y\n', { header: true });
    expect(forced.result.header).toEqual(['39', 'x']);
    const none = await run('age,job\n39,x\n', { header: false });
    expect(none.result.rowCount).toBe(2);
  });

  it("skips a junk first line (adult.test's '|1x3 Cross validator') with a warning", async () => {
    const { records, result } = await run(
      '|1x3 Cross validator\n25, Private, <=50K.\n38, Private, <=50K.\n28, Local-gov, >50K.\n',
    );
    expect(result.rowCount).toBe(3);
    expect(result.hasHeader).toBe(false);
    expect(records[2]).toEqual({ column_1: '28', column_2: ' Local-gov', column_3: ' >50K.' });
    expect(result.warnings).toEqual([
      'Line 1 ("|1x3 Cross validator") was skipped: it is not a row of the table.',
    ]);
  });

  it('drops spaces between a closing quote and the delimiter, wherever the chunk boundary falls', async () => {
    const text = 'a,b,c\n"x" ,"y"  ,z\n';
    const bytes = enc.encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const chunks: ColumnChunk[] = [];
      async function* two() {
        yield bytes.slice(0, cut);
        yield bytes.slice(cut);
      }
      const result = await ingestCsv(two(), { onChunk: (c) => void chunks.push(c) });
      expect(chunksToRecords(result.header, chunks), `cut at ${cut}`).toEqual([{ a: 'x', b: 'y', c: 'z' }]);
    }
  });
});
