import { describe, expect, it } from 'vitest';
import { packColumn, unpackColumn } from '../../../src/core/table/packed-column.ts';

describe('packed columns', () => {
  it('packs values into one string and their end offsets', () => {
    const packed = packColumn(['a', '', 'bc', 'déf']);
    expect(packed.text).toBe('abcdéf');
    expect([...packed.ends]).toEqual([1, 1, 3, 6]);
  });

  it('unpacks to exactly the values packed, empty strings, newlines and surrogate pairs included', () => {
    const values = ['', 'x', 'multi\nline', '"quoted, with comma"', '😀 emoji', '', ' padded '];
    expect(unpackColumn(packColumn(values))).toEqual(values);
    expect(unpackColumn(packColumn([]))).toEqual([]);
  });
});
