import { describe, expect, it } from 'vitest';
import { topSortedValues, topValues, ValueCounter } from '../../../src/core/profile/index.ts';

describe('topValues', () => {
  it('returns the most frequent values, ties in order of first appearance', () => {
    const counts = new Map([
      ['a', 1],
      ['b', 3],
      ['c', 1],
      ['d', 2],
    ]);
    expect(topValues(counts, 3)).toEqual([
      { value: 'b', count: 3 },
      { value: 'd', count: 2 },
      { value: 'a', count: 1 },
    ]);
  });

  it('keeps 10 by default', () => {
    const counter = ValueCounter.of(Array.from({ length: 15 }, (_, i) => String(i)));
    expect(topValues(counter)).toHaveLength(10);
  });
});

describe('topSortedValues', () => {
  it('reads counts off runs of sorted numbers, ties to the smaller number', () => {
    expect(topSortedValues(Float64Array.of(1, 2, 2, 3, 3, 4), 2)).toEqual([
      { value: '2', count: 2 },
      { value: '3', count: 2 },
    ]);
  });
});

describe('ValueCounter', () => {
  it('counts like a Map, in order of first appearance, through many rehashes', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i % 3000}`);
    const counter = ValueCounter.of(values);
    expect(counter.size).toBe(3000);
    expect(counter.keyAt(0)).toBe('v0');
    expect(counter.keyAt(2999)).toBe('v2999');
    expect(counter.get('v5')).toBe(4); // 5, 3005, 6005, 9005
    expect(counter.get('v2999')).toBe(3);
    expect(counter.get('missing')).toBe(0);
  });
});
