import { describe, expect, it } from 'vitest';
import { normedWasserstein, wassersteinDistance } from '../../../src/core/drift/index.ts';

describe('wassersteinDistance', () => {
  it('is the shift when one sample is the other moved: [0, 1, 3] → [5, 6, 8] is 5', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBe(5);
  });

  it('moves only the mass that differs: [0, 1] vs [0, 3] moves half the mass by 2, so 1', () => {
    expect(wassersteinDistance([0, 1], [0, 3])).toBe(1);
    expect(wassersteinDistance([2, 2], [2])).toBe(0);
  });
});

describe('normedWasserstein', () => {
  it("divides by the reference's population std (ddof 0, as Evidently's np.std), floored at 0.001", () => {
    // Reference [0, 2]: np.std = 1 (pandas' ddof-1 std would be √2).
    expect(normedWasserstein([0, 2], [1, 3])).toEqual({ distance: 1, referenceStd: 1, normed: 1 });
    // A constant reference has std 0: the floor keeps the score finite, 0.5 / 0.001.
    expect(normedWasserstein([4, 4], [4, 5]).normed).toBeCloseTo(500, 9);
  });
});
