// src/core/drift against the scipy 1.10.1 / numpy 1.24.2 drift oracle: every fixture in test/fixtures/drift
// (copied from ../shared/data/oracles/fixtures/drift) goes through driftReport, and every key of its
// `expected` block is compared (see oracle-compare.ts for the tolerances). Hand-computed values of each
// statistic are in the tests beside this one; here the oracle is the reference.
import { afterAll, describe, expect, it } from 'vitest';
import { driftReport, parseDriftInput, type NumericDriftReport } from '../../../src/core/drift/index.ts';
import {
  compareWithOracle,
  DiffTracker,
  loadDriftFixtures,
  P_VALUE_TOLERANCE,
  STATISTIC_TOLERANCE,
} from './oracle-compare.ts';

const fixtures = loadDriftFixtures();
const tracker = new DiffTracker();

describe('src/core/drift agrees with the scipy drift oracle', () => {
  it('finds all ten fixtures, the real bike and Seattle pairs among them', () => {
    expect(fixtures.map((f) => f.name)).toEqual([
      'categorical_binary_yates',
      'categorical_new_category',
      'categorical_no_drift',
      'numeric_integer_ties',
      'numeric_mean_shift',
      'numeric_no_drift',
      'numeric_small_samples',
      'numeric_variance_change',
      'real_bike_hourly_count_2011_vs_2012',
      'real_seattle_weather_label_2012_vs_2015',
    ]);
  });

  for (const fx of fixtures) {
    it(`${fx.name}: every key, statistics within ${STATISTIC_TOLERANCE}, p-values within ${P_VALUE_TOLERANCE} relative`, () => {
      const report = driftReport(parseDriftInput(fx.input));
      expect(compareWithOracle(fx.expected, report, tracker)).toEqual([]);
    });
  }

  it('uses the exact KS distribution where scipy does (auto = exact), and it differs from the asymptotic one', () => {
    const small = fixtures.find((f) => f.name === 'numeric_small_samples')!;
    const ks = driftReport(parseDriftInput(small.input)) as NumericDriftReport;
    expect(ks.ks.pvalue_auto).toBe(ks.ks.pvalue_exact);
    expect(ks.ks.pvalue_auto).not.toBeCloseTo(ks.ks.pvalue_asymp as number, 3);
  });

  afterAll(() => {
    console.log(
      `largest |looplab − scipy 1.10.1| over the drift fixtures: statistics ${tracker.statisticAbsolute.toExponential(2)} ` +
        `absolute, ${tracker.statistic.toExponential(2)} relative above 1 ` +
        `(${tracker.statisticAt}), p-values ${tracker.pValue.toExponential(2)} relative (${tracker.pValueAt})`,
    );
  });
});
