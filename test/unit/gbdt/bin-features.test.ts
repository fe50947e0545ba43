import { describe, expect, it } from 'vitest';
import { binFeatures, binWithEdges, sampleBinningRows } from '../../../src/core/gbdt/bin-features.ts';
import { createRng } from '../../../src/core/random.ts';

describe('binFeatures', () => {
  it('gives each of few distinct values its own bin, edges at the midpoints, NaN in the missing bin', () => {
    const binned = binFeatures(Float32Array.of(3, 1, 2, 2, NaN), 5, 1);
    expect(Array.from(binned.edges[0]!)).toEqual([1.5, 2.5]);
    expect(binned.valueBins[0]).toBe(3);
    // 3 → bin 2, 1 → bin 0, 2 → bin 1, NaN → missing bin 3.
    expect(Array.from(binned.bins)).toEqual([2, 0, 1, 1, 3]);
  });

  it('lays bins out column-major and learns each column separately', () => {
    // Rows (0, 10), (1, 20), (0, 30).
    const binned = binFeatures(Float32Array.of(0, 10, 1, 20, 0, 30), 3, 2);
    expect(Array.from(binned.edges[0]!)).toEqual([0.5]);
    expect(Array.from(binned.edges[1]!)).toEqual([15, 25]);
    expect(Array.from(binned.bins)).toEqual([0, 1, 0, 0, 1, 2]);
  });

  it('uses numpy midpoint percentiles when there are more distinct values than bins', () => {
    // np.percentile(np.arange(1000), [25, 50, 75], method='midpoint') == [249.5, 499.5, 749.5]
    const x = Float32Array.from({ length: 1000 }, (_, i) => 999 - i);
    const binned = binFeatures(x, 1000, 1, 4);
    expect(Array.from(binned.edges[0]!)).toEqual([249.5, 499.5, 749.5]);
    const counts = [0, 0, 0, 0];
    binned.bins.forEach((b) => counts[b]!++);
    expect(counts).toEqual([250, 250, 250, 250]);
  });

  it('never makes more than maxBins value bins, and drops duplicate edges', () => {
    const rng = createRng(3);
    // Half the values are 0: most percentiles fall on 0 and collapse into one edge.
    const x = Float32Array.from({ length: 5000 }, (_, i) => (i % 2 ? rng.normal() : 0));
    const binned = binFeatures(x, 5000, 1, 255);
    const edges = Array.from(binned.edges[0]!);
    expect(edges.length).toBeLessThanOrEqual(254);
    for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
    expect(Math.max(...binned.bins)).toBeLessThanOrEqual(254);
  });

  it('keeps infinities in the outermost bins without infinite edges', () => {
    const binned = binFeatures(Float32Array.of(-Infinity, 1, 2, Infinity), 4, 1);
    expect(Array.from(binned.edges[0]!)).toEqual([1.5]);
    expect(Array.from(binned.bins)).toEqual([0, 0, 1, 1]);
  });

  it('learns the edges from the sample rows only but bins every row', () => {
    const binned = binFeatures(Float32Array.of(1, 2, 100, 200), 4, 1, 255, [0, 1]);
    expect(Array.from(binned.edges[0]!)).toEqual([1.5]);
    expect(Array.from(binned.bins)).toEqual([0, 1, 1, 1]);
  });

  it('bins new rows with learned edges exactly as the training rows', () => {
    const x = Float32Array.of(5, NaN, 7, 9, 7);
    const binned = binFeatures(x, 5, 1);
    expect(Array.from(binWithEdges(x, 5, 1, binned.edges))).toEqual(Array.from(binned.bins));
  });

  it('rejects a bin count that does not fit a byte with the missing bin', () => {
    expect(() => binFeatures(Float32Array.of(1), 1, 1, 256)).toThrow(
      /maxBins must be an integer in \[2, 255\], got 256/,
    );
  });
});

describe('sampleBinningRows', () => {
  it('uses every row up to the limit, and otherwise a seeded sorted sample of exactly the limit', () => {
    expect(sampleBinningRows(100, createRng(1), 100)).toBeUndefined();
    const sample = sampleBinningRows(1000, createRng(1), 100)!;
    expect(sample.length).toBe(100);
    expect(new Set(sample).size).toBe(100);
    for (let i = 1; i < sample.length; i++) expect(sample[i]!).toBeGreaterThan(sample[i - 1]!);
    expect(Array.from(sampleBinningRows(1000, createRng(1), 100)!)).toEqual(Array.from(sample));
    expect(Array.from(sampleBinningRows(1000, createRng(2), 100)!)).not.toEqual(Array.from(sample));
  });
});
