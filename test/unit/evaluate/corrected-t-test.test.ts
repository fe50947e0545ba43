import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { correctedPairedTTest } from '../../../src/core/evaluate/index.ts';

// Written by test/fixtures/evaluate/make-t-test-fixtures.py with scipy 1.10.1.
const here = dirname(fileURLToPath(import.meta.url));
interface FixtureCase {
  name: string;
  champion: number[];
  challenger: number[];
  ratio: number;
  expected: Record<'meanDifference' | 'varianceDifference' | 't' | 'dof' | 'pOneSided' | 'pTwoSided', number>;
  scipyTtestRel?: { t: number; pTwoSided: number };
}
const fixtures = JSON.parse(
  readFileSync(resolve(here, '../../fixtures/evaluate/t-test-fixtures.json'), 'utf8'),
) as { cases: FixtureCase[] };

function expectRelative(actual: number, expected: number, what: string) {
  const diff = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(diff, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

describe('correctedPairedTTest', () => {
  it('matches a case worked by hand', () => {
    // champion 1, 2, 3; challenger 2, 4, 4 -> d = 1, 2, 1; mean 4/3.
    // s² = ((−1/3)² + (2/3)² + (−1/3)²) / 2 = (6/9) / 2 = 1/3.
    // ratio 0.5: (1/3 + 0.5) · 1/3 = 5/18, t = (4/3) / sqrt(5/18) = sqrt(16/9 · 18/5) = sqrt(6.4) ≈ 2.5298.
    // dof 2, where the t CDF is closed-form: F(t) = 1/2 + t / (2 sqrt(2 + t²)).
    // t / sqrt(2 + t²) = sqrt(6.4 / 8.4) = 4 / sqrt(21), so one-sided p = 1/2 − 2/sqrt(21) ≈ 0.063564.
    const r = correctedPairedTTest({ champion: [1, 2, 3], challenger: [2, 4, 4], testTrainRatio: 0.5 });
    expect(r.n).toBe(3);
    expect(r.dof).toBe(2);
    expect(r.meanDifference).toBeCloseTo(4 / 3, 15);
    expect(r.varianceDifference).toBeCloseTo(1 / 3, 15);
    expect(r.t).toBeCloseTo(Math.sqrt(6.4), 14);
    expect(r.pOneSided).toBeCloseTo(0.5 - 2 / Math.sqrt(21), 12);
    expect(r.pTwoSided).toBeCloseTo(1 - 4 / Math.sqrt(21), 12);
    expect(r.reason).toBeUndefined();
  });

  for (const c of fixtures.cases) {
    it(`agrees with scipy to 1e-9 relative: ${c.name}`, () => {
      const r = correctedPairedTTest({
        champion: c.champion,
        challenger: c.challenger,
        testTrainRatio: c.ratio,
      });
      expect(r.dof).toBe(c.expected.dof);
      for (const key of ['meanDifference', 'varianceDifference', 't', 'pOneSided', 'pTwoSided'] as const) {
        expectRelative(r[key], c.expected[key], key);
      }
      if (c.scipyTtestRel) {
        // With ratio 0 the correction vanishes: this is scipy.stats.ttest_rel itself.
        expectRelative(r.t, c.scipyTtestRel.t, 'ttest_rel t');
        expectRelative(r.pTwoSided, c.scipyTtestRel.pTwoSided, 'ttest_rel p');
      }
    });
  }

  it('is less confident than the uncorrected test on the same scores', () => {
    const [corrected, plain] = [0.25, 0].map((ratio) =>
      correctedPairedTTest({
        champion: [0.8, 0.81, 0.79],
        challenger: [0.82, 0.84, 0.8],
        testTrainRatio: ratio,
      }),
    );
    expect(corrected!.pOneSided).toBeGreaterThan(plain!.pOneSided);
  });

  it('gives ±Infinity or NaN with a reason when every difference is the same', () => {
    const up = correctedPairedTTest({ champion: [1, 2, 3], challenger: [2, 3, 4], testTrainRatio: 0.2 });
    expect(up.t).toBe(Infinity);
    expect(up.pOneSided).toBe(0);
    expect(up.pTwoSided).toBe(0);
    expect(up.reason).toMatch(/zero variance/);
    const down = correctedPairedTTest({ champion: [2, 3], challenger: [1, 2], testTrainRatio: 0.2 });
    expect(down.t).toBe(-Infinity);
    expect(down.pOneSided).toBe(1);
    const same = correctedPairedTTest({ champion: [1, 2], challenger: [1, 2], testTrainRatio: 0.2 });
    expect(same.t).toBeNaN();
    expect(same.pOneSided).toBeNaN();
    expect(same.reason).toMatch(/no difference/);
  });

  it('needs two pairs, equal lengths, finite scores and a ratio ≥ 0', () => {
    const one = correctedPairedTTest({ champion: [1], challenger: [2], testTrainRatio: 0.2 });
    expect(one.t).toBeNaN();
    expect(one.reason).toMatch(/at least 2 pairs/);
    expect(() => correctedPairedTTest({ champion: [1, 2], challenger: [1], testTrainRatio: 0 })).toThrow(
      /differ in length/,
    );
    expect(() => correctedPairedTTest({ champion: [1, NaN], challenger: [1, 2], testTrainRatio: 0 })).toThrow(
      /pair 1/,
    );
    expect(() => correctedPairedTTest({ champion: [1, 2], challenger: [1, 3], testTrainRatio: -1 })).toThrow(
      /testTrainRatio/,
    );
  });
});
