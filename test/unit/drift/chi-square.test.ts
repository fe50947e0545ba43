import { describe, expect, it } from 'vitest';
import { chiSquareSf, chiSquareTwoSample } from '../../../src/core/drift/index.ts';

describe('chiSquareTwoSample', () => {
  it('of [10, 20, 30] vs [30, 20, 10] by hand: expected 20 everywhere, χ² = 4 · 100/20 = 20, dof 2, p = e^-10', () => {
    const result = chiSquareTwoSample([10, 20, 30], [30, 20, 10]);
    expect(result).toMatchObject({ statistic: 20, dof: 2, yates: false });
    expect(result.pValue).toBeCloseTo(Math.exp(-10), 18);
  });

  it("applies Yates' correction to a 2 × 2 table: |O − E| = 5 becomes 4.5, χ² = 4 · 4.5²/15 = 5.4", () => {
    const result = chiSquareTwoSample([10, 20], [20, 10]);
    expect(result).toMatchObject({ statistic: 5.4, dof: 1, yates: true });
    // scipy.stats.chi2_contingency([[10, 20], [20, 10]]).pvalue = 0.02013675155034633
    expect(result.pValue).toBeCloseTo(0.02013675155034633, 15);
  });

  it('never moves a count past its expected value (scipy gh-13875): equal rows stay at χ² = 0, p = 1', () => {
    expect(chiSquareTwoSample([5, 5], [5, 5])).toEqual({ statistic: 0, pValue: 1, dof: 1, yates: true });
  });

  it('drops columns empty on both sides, and gives no test with fewer than two left', () => {
    expect(chiSquareTwoSample([0, 10, 20, 30], [0, 30, 20, 10])).toMatchObject({ statistic: 20, dof: 2 });
    expect(chiSquareTwoSample([0, 7], [0, 3])).toEqual({
      statistic: null,
      pValue: null,
      dof: 0,
      error: 'fewer than 2 non-empty columns',
    });
  });
});

describe('chiSquareSf', () => {
  it('is e^(−x/2) for 2 degrees of freedom, and keeps its relative precision deep in the tail', () => {
    expect(chiSquareSf(20, 2)).toBeCloseTo(Math.exp(-10), 18);
    // scipy.stats.chi2.sf(1011.8417017075535, 9) = 4.819698741893341e-212 (the bike-sharing counts).
    const p = chiSquareSf(1011.8417017075535, 9);
    expect(Math.abs(p - 4.819698741893341e-212) / 4.819698741893341e-212).toBeLessThan(1e-12);
    expect(chiSquareSf(0, 3)).toBe(1);
  });
});
