import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isSealedTestSet,
  registerTestLook,
  sealSplit,
  splitRows,
  testRowsHash,
} from '../../../src/core/split/index.ts';

describe('sealed split', () => {
  const split = splitRows(1000, { seed: 42, exclude: [999] });

  it('records how to rebuild the split, its sizes and a hash of the test rows, with no looks', () => {
    const sealed = sealSplit(split);
    expect(sealed).toEqual({
      seed: 42,
      fractions: [0.7, 0.15, 0.15],
      method: 'random',
      sizes: { train: 699, validation: 150, test: 150, excluded: 1 },
      testRowsHash: testRowsHash(split.test),
      testLooks: 0,
    });
    expect(JSON.parse(JSON.stringify(sealed))).toEqual(sealed);
  });

  it('hashes the test rows as little-endian uint32s', () => {
    const bytes = Buffer.alloc(12);
    [3, 258, 70000].forEach((row, i) => bytes.writeUInt32LE(row, i * 4));
    expect(testRowsHash(Uint32Array.from([3, 258, 70000]))).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('counts looks without changing the earlier record', () => {
    const sealed = sealSplit(split);
    const once = registerTestLook(sealed);
    const twice = registerTestLook(once);
    expect([sealed.testLooks, once.testLooks, twice.testLooks]).toEqual([0, 1, 2]);
    expect(twice.testRowsHash).toBe(sealed.testRowsHash);
    expect(Object.isFrozen(twice)).toBe(true);
  });

  it('recognises its own test set and no other', () => {
    const sealed = sealSplit(split);
    expect(isSealedTestSet(sealed, splitRows(1000, { seed: 42, exclude: [999] }).test)).toBe(true);
    expect(isSealedTestSet(sealed, splitRows(1000, { seed: 43, exclude: [999] }).test)).toBe(false);
  });
});
