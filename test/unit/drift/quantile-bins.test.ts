import { describe, expect, it } from 'vitest';
import { binCounts, binEdges } from '../../../src/core/drift/index.ts';

describe('binEdges', () => {
  it('cuts 0 … 9 at its deciles, numpy linear interpolation: 0.9, 1.8, …, 8.1', () => {
    // h = 9·q: the q-th decile is h itself on this evenly spaced sample (numpy's doubles, lerp included).
    expect(binEdges(Float64Array.from({ length: 10 }, (_, i) => i))).toEqual([
      0.9, 1.8, 2.7, 3.6, 4.5, 5.3999999999999995, 6.300000000000001, 7.2, 8.1,
    ]);
  });

  it('drops repeated edges of tied data, so there are fewer than ten bins', () => {
    // Deciles 0, 0, 0.7, 1, 1.5, 2, 2.3, 3.2, 4 → seven distinct inner edges, eight bins.
    expect(binEdges(Float64Array.of(0, 0, 0, 1, 1, 2, 2, 3, 4, 4))).toEqual([
      0, 0.7000000000000002, 1, 1.5, 2, 2.3000000000000007, 3.2, 4,
    ]);
    expect(binEdges(Float64Array.of(5, 5, 5))).toEqual([5]);
  });
});

describe('binCounts', () => {
  it('puts x in the bin of the edges ≤ x (left-closed), outer bins unbounded', () => {
    // Bins (-inf, 1), [1, 2), [2, inf): 0 | 1, 1.5 | 2, 9.
    expect(binCounts([1, 2], Float64Array.of(0, 1, 1.5, 2, 9))).toEqual([1, 2, 2]);
    expect(binCounts([1, 2], Float64Array.of(-100, 100))).toEqual([1, 0, 1]);
  });
});
