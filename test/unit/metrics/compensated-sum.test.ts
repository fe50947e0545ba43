import { describe, expect, it } from 'vitest';
import { compensatedMean, compensatedSum } from '../../../src/core/metrics/index.ts';

describe('compensatedSum', () => {
  it('keeps the small terms that a plain running sum loses', () => {
    const terms = [1e16, 1, -1e16];
    expect(terms.reduce((a, b) => a + b)).toBe(0);
    expect(compensatedSum(3, (i) => terms[i]!)).toBe(1);
  });

  it('sums a million tenths to the correctly rounded 100000 (a plain loop drifts to 100000.00000133288)', () => {
    expect(compensatedSum(1e6, () => 0.1)).toBe(100000);
  });

  it('returns Infinity once a term overflows, and NaN as the mean of nothing', () => {
    expect(compensatedSum(2, (i) => [1e308, 1e308][i]!)).toBe(Infinity);
    expect(compensatedMean(0, () => 1)).toBeNaN();
  });
});
