import { describe, expect, it } from 'vitest';
import { binIndex, quantileBins } from '../../../src/core/evaluate/index.ts';

describe('quantileBins', () => {
  it('matches numpy.quantile edges (linear interpolation)', () => {
    // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0, 1/3, 2/3, 1]) = [1, 2.3333333, 4.6666667, 9].
    const bins = quantileBins([3, 1, 4, 1, 5, 9, 2, 6], 3);
    expect(bins.edges[0]).toBe(1);
    expect(bins.edges[1]).toBeCloseTo(7 / 3, 14);
    expect(bins.edges[2]).toBeCloseTo(14 / 3, 14);
    expect(bins.edges[3]).toBe(9);
    expect(bins.labels).toEqual(['[1, 2.33333)', '[2.33333, 4.66667)', '[4.66667, 9]']);
  });

  it('puts an edge value in the bin that starts there, and the maximum in the last bin', () => {
    const bins = quantileBins([1, 2, 3, 4, 5], 2); // edges 1, 3, 5
    expect([1, 2.9, 3, 5].map((v) => binIndex(bins, v))).toEqual([0, 0, 1, 1]);
  });

  it('merges tied edges, and a constant column is one closed bin', () => {
    expect(quantileBins([0, 0, 0, 0, 0, 0, 1, 2], 4).edges).toEqual([0, 0.25, 2]);
    expect(quantileBins([5, 5, 5], 4)).toEqual({ edges: [5, 5], labels: ['[5, 5]'] });
  });

  it('rejects a bad number of bins and no values', () => {
    expect(() => quantileBins([1], 0)).toThrow(RangeError);
    expect(() => quantileBins([], 4)).toThrow(RangeError);
  });
});
