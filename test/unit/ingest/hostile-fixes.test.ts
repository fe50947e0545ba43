import { describe, expect, it } from 'vitest';
import {
  browserSizeLimits,
  checkFileSize,
  chunksToRecords,
  detectUtf16,
  formatSize,
  ingestCsv,
  IngestError,
  type ColumnChunk,
} from '../../../src/core/ingest/index.ts';
import { looksBinary } from '../../../src/core/ingest/detect-binary.ts';
import { modalWidth } from '../../../src/core/ingest/detect-header.ts';
import { utf16 } from '../../hostile/cases.ts';

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** Feeds the bytes in pieces of `size`, so a UTF-16 character can be split between reads. */
async function* pieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

async function read(source: AsyncIterable<Uint8Array>) {
  const chunks: ColumnChunk[] = [];
  const result = await ingestCsv(source, { onChunk: (c) => void chunks.push(c) });
  return { result, records: chunksToRecords(result.header, chunks) };
}

describe('UTF-16 files', () => {
  it('tells UTF-16 by its byte-order mark, or by NULs on one side of every pair', () => {
    expect(detectUtf16(utf16('a,b\n1,2\n', 'le', true))).toBe('utf-16le');
    expect(detectUtf16(utf16('a,b\n1,2\n', 'be', true))).toBe('utf-16be');
    expect(detectUtf16(utf16('a,b\n1,2\n', 'le', false))).toBe('utf-16le');
    expect(detectUtf16(utf16('a,b\n1,2\n', 'be', false))).toBe('utf-16be');
    expect(detectUtf16(new TextEncoder().encode('a,b\n1,2\n'))).toBeUndefined();
    // A PNG header has NULs on both sides of its pairs: binary, not UTF-16.
    expect(detectUtf16(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))).toBe(
      undefined,
    );
  });

  it('reads UTF-16 LE and BE text, with characters split across reads, and reports the encoding', async () => {
    const text = 'name,city\nZoë,Köln\n李,東京\n';
    for (const order of ['le', 'be'] as const) {
      const { records, result } = await read(pieces(utf16(text, order, true), 3));
      expect(result.encoding).toBe(`utf-16${order}`);
      expect(records).toEqual([
        { name: 'Zoë', city: 'Köln' },
        { name: '李', city: '東京' },
      ]);
    }
  });

  it('refuses broken UTF-16 with an error that names UTF-16, not UTF-8', async () => {
    // A BOM, "a,b\n", then a lone high surrogate.
    const bytes = new Uint8Array([...utf16('a,b\n1,', 'le', true), 0x00, 0xd8, ...utf16('\n', 'le', false)]);
    await expect(read(once(bytes))).rejects.toThrow(/looks like UTF-16LE but is not valid UTF-16LE/);
  });
});

describe('file size limits', () => {
  it('refuses a file over a limit before reading it, naming the size, the limit and why', () => {
    expect(() =>
      checkFileSize(3 * 1024 ** 2, [{ bytes: 1024 ** 2, because: 'half the free storage' }]),
    ).toThrow(
      'The file is too large for this device: it is 3.00 MiB, and the limit is 1.00 MiB (half the free storage).',
    );
    try {
      checkFileSize(10, [{ bytes: 5, because: 'test' }]);
    } catch (error) {
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).kind).toBe('too-large');
    }
    expect(() => checkFileSize(1024, [{ bytes: 1024, because: 'exactly at the limit' }])).not.toThrow();
  });

  it('limits a browser upload to a quarter of its memory and half its free storage', () => {
    const limits = browserSizeLimits(8, { quota: 3 * 1024 ** 3, usage: 1024 ** 3 });
    expect(limits.map((l) => l.bytes)).toEqual([2 * 1024 ** 3, 1024 ** 3]);
    expect(() => checkFileSize(1.5 * 1024 ** 3, limits)).toThrow(
      'it is 1.50 GiB, and the limit is 1.00 GiB (half the 2.00 GiB of storage free for this app',
    );
    // No deviceMemory (not Chromium) and no estimate: 4 GiB is assumed, and storage is not checked.
    expect(browserSizeLimits(undefined, undefined)).toEqual([
      { bytes: 1024 ** 3, because: 'a quarter of the 4.00 GiB of memory the browser reports' },
    ]);
  });

  it('formats sizes in binary units', () => {
    expect(formatSize(512)).toBe('512 bytes');
    expect(formatSize(1536)).toBe('1.50 KiB');
    expect(formatSize(5 * 1024 ** 3)).toBe('5.00 GiB');
  });
});

describe('hostile header and delimiter fixes', () => {
  it('keeps a column named __proto__ as an ordinary key', async () => {
    const { records } = await read(once(new TextEncoder().encode('__proto__,b\nx,y\n')));
    expect(JSON.parse(JSON.stringify(records))).toEqual([JSON.parse('{"__proto__":"x","b":"y"}')]);
  });

  it('does not call a file binary for the control character chosen as its delimiter', () => {
    const text = new TextEncoder().encode('a\x1eb\x1ec\n1\x1e2\x1e3\n');
    expect(looksBinary(text)).toBe(true);
    expect(looksBinary(text, '\x1e')).toBe(false);
  });

  it('takes the wider width when two widths are equally common, so no field is cut', () => {
    expect(
      modalWidth([
        ['', '', ''],
        ['', '', '', ''],
      ]),
    ).toBe(4);
    expect(modalWidth([['a'], ['a', 'b'], ['a', 'b']])).toBe(2);
  });
});
