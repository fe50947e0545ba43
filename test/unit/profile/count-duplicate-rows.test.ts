import { describe, expect, it } from 'vitest';
import { countDuplicateRows, countDuplicatesWithPrefix } from '../../../src/core/profile/index.ts';

describe('countDuplicateRows', () => {
  it('counts rows that repeat an earlier row, as pandas duplicated().sum() does', () => {
    // rows: (a,1) (a,1) (b,1) (a,1) -> the 2nd and 4th repeat the 1st.
    expect(
      countDuplicateRows([
        ['a', 'a', 'b', 'a'],
        ['1', '1', '1', '1'],
      ]),
    ).toBe(2);
  });

  it('compares raw text: padding and case make rows different', () => {
    expect(countDuplicateRows([['a', 'a ', 'A']])).toBe(0);
  });

  it('does not confuse cells split at different places', () => {
    expect(
      countDuplicateRows([
        ['ab', 'a'],
        ['c', 'bc'],
      ]),
    ).toBe(0);
  });

  it('handles empty and one-row tables', () => {
    expect(countDuplicateRows([])).toBe(0);
    expect(countDuplicateRows([['x']])).toBe(0);
  });

  it('finds every duplicate among many rows', () => {
    const n = 20_000;
    const a = Array.from({ length: n }, (_, i) => String(i % 5000));
    const b = Array.from({ length: n }, (_, i) => `k${(i % 5000) % 7}`);
    expect(countDuplicateRows([a, b])).toBe(n - 5000);
  });
});

describe('countDuplicatesWithPrefix', () => {
  it('counts over all columns and over the leading ones in one pass', () => {
    const kept = ['x', 'x', 'y', 'x'];
    const ids = ['1', '2', '3', '1'];
    expect(countDuplicatesWithPrefix([kept, ids], 1)).toEqual({ all: 1, leading: 2 });
    expect(countDuplicatesWithPrefix([kept, ids], 2)).toEqual({ all: 1, leading: 1 });
    expect(countDuplicatesWithPrefix([ids], 0)).toEqual({ all: 1, leading: 0 });
  });
});
