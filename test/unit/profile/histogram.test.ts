import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/core/profile/index.ts';

describe('histogram', () => {
  it('bins equal widths, each [left, right) except the last, closed', () => {
    expect(histogram(Float64Array.of(0, 1, 1, 2, 4), 2)).toEqual({ edges: [0, 2, 4], counts: [3, 2] });
  });

  it('uses one bin per distinct value, at most 30, by default', () => {
    expect(histogram(Float64Array.of(0, 1, 1, 2, 4))).toEqual({
      edges: [0, 1, 2, 3, 4],
      counts: [1, 2, 1, 1],
    });
    const many = Float64Array.from({ length: 100 }, (_, i) => i);
    const h = histogram(many);
    expect(h.counts).toHaveLength(30);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('gives a constant column one bin [x - 0.5, x + 0.5], as numpy does', () => {
    expect(histogram(Float64Array.of(5, 5, 5))).toEqual({ edges: [4.5, 5.5], counts: [3] });
  });

  it('puts values on the edge side numpy puts them, despite rounding in the bin width', () => {
    // width 0.3 / 3 = 0.09999999999999999: 0.1 and 0.2 must still land in bins 1 and 2.
    expect(histogram(Float64Array.of(0, 0.1, 0.2, 0.3), 3).counts).toEqual([1, 1, 2]);
  });

  it('is empty for no values', () => {
    expect(histogram(new Float64Array(0))).toEqual({ edges: [], counts: [] });
  });
});
