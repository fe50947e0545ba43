// featureDrift on the oracle's samples (its statistics are the reference values) and on small hand-made
// cases for the rules around the tests: which test, what counts, what is dropped, what is warned about.
import { describe, expect, it } from 'vitest';
import { featureDrift, MIN_WINDOW_VALUES } from '../../../src/core/drift/index.ts';
import { loadDriftFixtures } from './oracle-compare.ts';

const fixtures = new Map(loadDriftFixtures().map((f) => [f.name, f]));
/** The keys of the oracle's `expected` block these tests use. */
interface Expected {
  n_ref: number;
  psi: number;
  wasserstein: number;
  std_ref: number;
  ks: { statistic: number; pvalue_auto: number };
  chi2: { statistic: number; pvalue: number };
  jensenshannon: { base_e: number };
}

function numericFixture(name: string) {
  const fx = fixtures.get(name)!;
  const input = fx.input as { reference: (number | null)[]; current: (number | null)[] };
  return { ...input, expected: fx.expected as unknown as Expected };
}

function categoricalFixture(name: string) {
  const fx = fixtures.get(name)!;
  const input = fx.input as { reference: string[]; current: string[] };
  return { ...input, expected: fx.expected as unknown as Expected };
}

function expectRelative(actual: number | null | undefined, expected: number, tolerance: number) {
  expect(actual).toBeTypeOf('number');
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('featureDrift on a numeric column', () => {
  it('uses KS on a reference of ≤ 1000 values: D and p are the oracle’s, drift at p < 0.05', () => {
    const { reference, current, expected } = numericFixture('numeric_mean_shift');
    const f = featureDrift('x', 'numeric', reference, current);
    expect(f).toMatchObject({ test: 'ks', threshold: 0.05, drift: true, counted: true, warnings: [] });
    expect(f.statistic).toBe(expected.ks.statistic);
    expectRelative(f.pValue, expected.ks.pvalue_auto, 1e-6);
    expectRelative(f.psi, expected.psi, 1e-12);
    expect(f.psiBand).toBe('significant'); // 0.282
  });

  it('drops and counts missing values (null and NaN) and finds no drift between two N(0, 1) samples', () => {
    const { reference, current, expected } = numericFixture('numeric_no_drift');
    const f = featureDrift('x', 'numeric', [...reference, NaN], current);
    expect(f.reference).toEqual({ values: 500, missing: 1 });
    expect(f.current).toEqual({ values: 397, missing: 3 });
    expectRelative(f.pValue, expected.ks.pvalue_auto, 1e-6); // 0.108
    expect(f.drift).toBe(false);
  });

  it('uses Wasserstein over the reference’s population std on a larger reference (bike counts 2011 vs 2012)', () => {
    const { reference, current, expected } = numericFixture('real_bike_hourly_count_2011_vs_2012');
    const f = featureDrift('cnt', 'numeric', reference, current);
    // The oracle gives the sample std (ddof 1); Evidently divides by np.std (ddof 0).
    const n = expected.n_ref;
    const populationStd = expected.std_ref * Math.sqrt((n - 1) / n);
    expect(f.test).toBe('wasserstein');
    expect(f.pValue).toBeUndefined();
    expectRelative(f.statistic, expected.wasserstein / populationStd, 1e-12); // 0.679
    expect(f).toMatchObject({ threshold: 0.1, drift: true, counted: true });
  });

  it('tests a column of ≤ 5 distinct numbers as categories, and computes PSI over those values', () => {
    // A year flag that is all 0 in the reference and all 1 now: no overlap at all. Decile bins would put
    // every value of both windows in the top bin and read PSI = 0.
    const f = featureDrift('yr', 'numeric', new Array<number>(1200).fill(0), new Array<number>(1300).fill(1));
    expect(f.test).toBe('jensen-shannon');
    expect(f.statistic).toBeCloseTo(Math.sqrt(Math.LN2), 15);
    // Two categories, each 1 on one side and ε on the other: 2 · (1 − 1e-4) · ln(1e4).
    expect(f.psi).toBeCloseTo(2 * (1 - 1e-4) * Math.log(1e4), 12);
    expect(f.newCategories).toBeUndefined();
    expect(
      featureDrift(
        'flag',
        'numeric',
        [0, 1, 1, 0, ...new Array<number>(40).fill(1)],
        new Array<number>(40).fill(0),
      ).test,
    ).toBe('chi-square');
  });
});

describe('featureDrift on a categorical column', () => {
  it('uses chi-square on a reference of ≤ 1000 values (Seattle weather 2012 vs 2015): the oracle’s χ² and p', () => {
    const { reference, current, expected } = categoricalFixture('real_seattle_weather_label_2012_vs_2015');
    const f = featureDrift('weather', 'categorical', reference, current);
    expect(f.test).toBe('chi-square');
    expectRelative(f.statistic, expected.chi2.statistic, 1e-12);
    expectRelative(f.pValue, expected.chi2.pvalue, 1e-6);
    expect(f).toMatchObject({ drift: true, counted: true, newCategories: [] });
    expectRelative(f.psi, expected.psi, 1e-12);
  });

  it('uses the Jensen–Shannon distance (base e) on a larger reference, and lists new categories', () => {
    // Each reference value twice: 1200 values, the same proportions, so the oracle's distance still holds.
    const { reference, current, expected } = categoricalFixture('categorical_new_category');
    const f = featureDrift('plan', 'categorical', [...reference, ...reference], current);
    expect(f.test).toBe('jensen-shannon');
    expectRelative(f.statistic, expected.jensenshannon.base_e, 1e-12); // 0.224
    expect(f).toMatchObject({ drift: true, newCategories: ['NEW'], threshold: 0.1 });
    const same = categoricalFixture('categorical_no_drift');
    const g = featureDrift('plan', 'categorical', [...same.reference, ...same.reference], same.current);
    expect(g.drift).toBe(false); // 0.032
  });
});

describe('featureDrift: what is judged and what is not', () => {
  it('reports ID-like, free-text and date columns with their counts, untested and not counted', () => {
    for (const kind of ['id', 'text', 'date'] as const) {
      const f = featureDrift('c', kind, ['a', null, 'b'], ['c']);
      expect(f).toMatchObject({ kind, test: null, statistic: null, psi: null, drift: false, counted: false });
      expect(f.reference).toEqual({ values: 2, missing: 1 });
    }
  });

  it(`warns, naming the column, when a window has fewer than ${MIN_WINDOW_VALUES} values, and does not count it`, () => {
    const reference = Array.from({ length: 100 }, (_, i) => i);
    const current = Array.from({ length: 29 }, (_, i) => 200 + i);
    const f = featureDrift('tenure', 'numeric', reference, current);
    expect(f.warnings).toEqual([
      '"tenure": only 29 non-missing values in the current window (fewer than 30): too few to judge drift, not counted.',
    ]);
    expect(f).toMatchObject({ test: 'ks', statistic: 1, drift: false, counted: false });
    expect(featureDrift('tenure', 'numeric', reference, [...current, 300]).counted).toBe(true);
    expect(featureDrift('tenure', 'numeric', reference, current, { minWindowValues: 10 }).drift).toBe(true);
  });

  it('gives no test when a window is empty (all missing), with a warning', () => {
    const f = featureDrift('plan', 'categorical', ['a', 'b'], [null, undefined]);
    expect(f).toMatchObject({ test: null, counted: false, current: { values: 0, missing: 2 } });
    expect(f.warnings).toEqual(['"plan": no values in the current window, not judged.']);
  });
});
