import { describe, expect, it } from 'vitest';
import { sortNumbers, summarizeNumbers } from '../../../src/core/profile/index.ts';

const summarize = (values: number[]) => {
  const xs = Float64Array.from(values);
  return summarizeNumbers(xs, sortNumbers(xs))!;
};

describe('summarizeNumbers', () => {
  it('gives the sample standard deviation (ddof = 1), as pandas does', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 14); // 2.138..., not the population 2
    expect(s.count).toBe(8);
    expect(s.distinct).toBe(5);
  });

  it('has no std for a single value', () => {
    expect(summarize([3]).std).toBeNull();
    expect(summarize([3]).zOutliers).toBe(0);
  });

  it('counts IQR outliers strictly outside q1 - 1.5 IQR and q3 + 1.5 IQR', () => {
    // n = 10: q1 at h = 2.25 -> 3.25, q3 at h = 6.75 -> 7.75, IQR 4.5, fences -3.5 and 14.5.
    const s = summarize([5, 1, 2, 3, 4, 100, 6, 7, 8, 9]);
    expect(s.iqr).toEqual({ q1: 3.25, q3: 7.75, lower: -3.5, upper: 14.5, outliers: 1 });
    expect(s.quantiles.p50).toBe(5.5);
    expect(s.min).toBe(1);
    expect(s.max).toBe(100);
    // mean 14.5, sample std sqrt(8182.5 / 9) = 30.15: the 100 is only 2.8 std away.
    expect(s.zOutliers).toBe(0);
  });

  it('does not count a value sitting exactly on a fence', () => {
    // q1 = 1, q3 = 2, fences -0.5 and 3.5: 3.5 is on the fence.
    expect(summarize([1, 1, 2, 2, 3.5]).iqr.outliers).toBe(0);
  });

  it('counts |z| > 4 with the sample std', () => {
    // 17 zeros and one 1: z = 17 / sqrt(18) = 4.007 with ddof 1.
    expect(summarize([...Array<number>(17).fill(0), 1]).zOutliers).toBe(1);
    // 16 zeros and one 1: z = 16 / sqrt(17) = 3.88.
    expect(summarize([...Array<number>(16).fill(0), 1]).zOutliers).toBe(0);
  });

  it('gives quantiles p0 to p100 and a histogram', () => {
    const s = summarize([1, 3, 5, 7, 9]);
    expect(s.quantiles.p0).toBe(1);
    expect(s.quantiles.p25).toBe(3);
    expect(s.quantiles.p75).toBe(7);
    expect(s.quantiles.p100).toBe(9);
    expect(s.histogram.counts).toEqual([1, 1, 1, 1, 1]);
  });
});
