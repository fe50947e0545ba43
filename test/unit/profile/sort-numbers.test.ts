import { describe, expect, it } from 'vitest';
import { sortNumbers } from '../../../src/core/profile/index.ts';

describe('sortNumbers', () => {
  it('sorts a large array like the built-in sort, negatives, zeros and infinities included', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const values = Float64Array.from({ length: 50_000 }, (_, i) => {
      if (i % 997 === 0) return -0;
      if (i % 1009 === 0) return Infinity;
      if (i % 1013 === 0) return -Infinity;
      return (next() - 0.5) * 10 ** Math.floor(next() * 20 - 10);
    });
    const expected = values.slice().sort();
    const actual = sortNumbers(values);
    expect(actual.length).toBe(expected.length);
    expect(actual.every((x, i) => Object.is(x, expected[i]))).toBe(true);
  });

  it('leaves its input alone', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => 5000 - i);
    sortNumbers(values);
    expect(values[0]).toBe(5000);
  });
});
