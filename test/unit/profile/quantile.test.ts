import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../../src/core/profile/index.ts';

// numpy's default ("linear", type 7): position h = (n - 1) p between the sorted values.
describe('quantileSorted', () => {
  const xs = Float64Array.of(1, 3, 5, 7, 9);

  it('returns the value at an integer position exactly', () => {
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 0.25)).toBe(3); // h = 1
    expect(quantileSorted(xs, 0.5)).toBe(5); // h = 2
    expect(quantileSorted(xs, 0.75)).toBe(7); // h = 3
    expect(quantileSorted(xs, 1)).toBe(9);
  });

  it('interpolates between neighbours by the fractional position', () => {
    expect(quantileSorted(xs, 0.05)).toBeCloseTo(1.4, 12); // h = 0.2: 1 + 0.2 * (3 - 1)
    expect(quantileSorted(xs, 0.95)).toBeCloseTo(8.6, 12); // h = 3.8: 7 + 0.8 * (9 - 7)
    const four = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(four, 0.25)).toBe(1.75); // h = 0.75
    expect(quantileSorted(four, 0.5)).toBe(2.5); // h = 1.5
    expect(quantileSorted(four, 0.75)).toBe(3.25); // h = 2.25
  });

  it('handles one value and no values', () => {
    expect(quantileSorted(Float64Array.of(4), 0.3)).toBe(4);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});
