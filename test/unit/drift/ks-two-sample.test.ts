// The two-sample KS test against values worked out by hand and against scipy 1.10.1 (`ks_2samp`,
// `_attempt_exact_2kssamp`), pasted from /usr/bin/python3 on the deterministic samples built below.
import { describe, expect, it } from 'vitest';
import { ksExactPValue, ksTwoSample, roundHalfEven } from '../../../src/core/drift/index.ts';

const sorted = (values: number[]) => Float64Array.from(values).sort();

describe('ksTwoSample', () => {
  it('gives D = 1 and the exact p = 2/C(6, 3) = 0.1 for [1, 2, 3] vs [4, 5, 6]', () => {
    // Under H0 every one of the C(6, 3) = 20 orderings of the six values is equally likely; only "all
    // reference below" and "all reference above" reach D = 1.
    const result = ksTwoSample(sorted([1, 2, 3]), sorted([4, 5, 6]));
    expect(result.statistic).toBe(1);
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeCloseTo(2 / 20, 15);
    expect(result.pValue).toBe(0.09999999999999999); // scipy's double
  });

  it('gives p = 2/C(5, 2) = 0.2 for [1, 2] vs [3, 4, 5] (unequal sizes)', () => {
    const result = ksTwoSample(sorted([1, 2]), sorted([3, 4, 5]));
    expect(result).toEqual({ statistic: 1, pValue: 0.2, method: 'exact' });
  });

  it('handles ties as scipy does: both CDFs step past every copy of a value', () => {
    // At 1: F_ref = 2/3, F_cur = 1/3; at 2 both are 1. D = 1/3, the smallest D two samples of 3 can have,
    // so p = 1.
    expect(ksTwoSample(sorted([1, 1, 2]), sorted([1, 2, 2]))).toEqual({
      statistic: 0.3333333333333333,
      pValue: 1,
      method: 'exact',
    });
    // Identical samples: D = 0, p = 1.
    expect(ksTwoSample(sorted([3, 3, 3]), sorted([3, 3]))).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('is asymptotic for [1, 2, 3] vs [4, 5, 6] when asked: kstwo at n = round(1.5) = 2 gives 0 at D = 1', () => {
    expect(ksTwoSample(sorted([1, 2, 3]), sorted([4, 5, 6]), 'asymp')).toEqual({
      statistic: 1,
      pValue: 0,
      method: 'asymp',
    });
  });

  // 12,000 and 9,000 values: auto is asymptotic (max n > 10,000), exact is still possible (lcm 36,000).
  const ref = sorted(Array.from({ length: 12000 }, (_, i) => ((i * 7919) % 12000) / 12000));
  const cur = sorted(Array.from({ length: 9000 }, (_, j) => (((j * 104729) % 9000) / 9000) * 1.02));

  it('switches to the asymptotic p above 10,000 values, with the raw D (scipy: 0.03693713726737846)', () => {
    expect(ksTwoSample(ref, cur)).toEqual({
      statistic: 0.01966666666666672,
      pValue: 0.03693713726737846,
      method: 'asymp',
    });
  });

  it('snaps D to the lattice in exact mode (scipy: 0.019666666666666666, p 0.03700498944419884)', () => {
    expect(ksTwoSample(ref, cur, 'exact')).toEqual({
      statistic: 0.019666666666666666,
      pValue: 0.03700498944419884,
      method: 'exact',
    });
  });

  it("falls back with scipy's warning when an exact p is asked for but lcm(n1, n2) is too large", () => {
    const a = sorted(Array.from({ length: 50000 }, (_, i) => i / 50000));
    const b = sorted(Array.from({ length: 50001 }, (_, j) => ((j + 0.5) / 50001) * 1.003));
    expect(ksTwoSample(a, b, 'exact')).toEqual({
      statistic: 0.003019939601207944,
      pValue: 0.9760386366611065,
      method: 'asymp',
      fallback:
        "Exact ks_2samp calculation not possible with samples sizes 50000 and 50001. Switching to 'asymp'.",
    });
  });

  it('refuses an empty sample', () => {
    expect(() => ksTwoSample(sorted([]), sorted([1]))).toThrow(RangeError);
  });
});

describe('ksExactPValue', () => {
  // [n1, n2, d, p] from scipy.stats._stats_py._attempt_exact_2kssamp(n1, n2, gcd, d, 'two-sided').
  const cases: [number, number, number, number][] = [
    [15, 12, 0.2, 0.9059258415564784],
    [397, 500, 0.05, 0.6135354557400853],
    [397, 500, 0.2, 3.1167012740551814e-8],
    [8645, 8734, 0.1, 2.8933561890855455e-38],
    [8645, 8734, 0.2, 1.8020311808410476e-152],
    [10000, 9999, 0.05, 2.614608400705713e-11],
    [10000, 10000, 0.01, 0.6994009459719119],
    [10000, 10000, 0.2, 2.600432412128435e-175],
  ];
  it.each(cases)('n1 = %i, n2 = %i, d = %s: p = %s, as scipy, to the last bit', (n1, n2, d, p) => {
    expect(ksExactPValue(n1, n2, d)).toEqual({ ok: true, statistic: d, pValue: p });
  });
});

describe('roundHalfEven', () => {
  it("rounds halves to even, as numpy's round (used for the effective n and the lattice)", () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3]);
  });
});
