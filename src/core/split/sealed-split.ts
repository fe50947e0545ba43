import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { RowSplit, SplitMethod } from './split-rows.ts';

/**
 * The record of a split whose test set is sealed: enough to rebuild it (seed, fractions, method), a hash to
 * prove the test rows are the same ones, and how many times anything looked at the test set. Every run's
 * record carries it, so a score on a test set that was looked at 20 times reads as what it is.
 */
export interface SealedSplit {
  readonly seed: number | string;
  readonly fractions: readonly [number, number, number];
  readonly method: SplitMethod;
  readonly sizes: {
    readonly train: number;
    readonly validation: number;
    readonly test: number;
    readonly excluded: number;
  };
  /** `testRowsHash(split.test)`. */
  readonly testRowsHash: string;
  readonly testLooks: number;
}

/** Seals a split's test set: no looks yet. */
export function sealSplit(split: RowSplit): SealedSplit {
  return Object.freeze({
    seed: split.seed,
    fractions: Object.freeze([...split.fractions] as [number, number, number]),
    method: split.method,
    sizes: Object.freeze({
      train: split.train.length,
      validation: split.validation.length,
      test: split.test.length,
      excluded: split.excluded.length,
    }),
    testRowsHash: testRowsHash(split.test),
    testLooks: 0,
  });
}

/**
 * Records one look at the test set (an evaluation, a metric shown). Returns a new record; the old one is
 * unchanged, so stored history stays true.
 */
export function registerTestLook(sealed: SealedSplit): SealedSplit {
  return Object.freeze({ ...sealed, testLooks: sealed.testLooks + 1 });
}

/**
 * SHA-256 (hex) of the test row indices as little-endian uint32s, in the given (ascending) order. The same on
 * every platform, whatever its byte order.
 */
export function testRowsHash(test: Uint32Array): string {
  const bytes = new Uint8Array(test.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < test.length; i++) view.setUint32(i * 4, test[i]!, true);
  return bytesToHex(sha256(bytes));
}

/** Whether `test` holds exactly the rows the split sealed. */
export function isSealedTestSet(sealed: SealedSplit, test: Uint32Array): boolean {
  return test.length === sealed.sizes.test && testRowsHash(test) === sealed.testRowsHash;
}
