import { sortNumbers } from '../profile/sort-numbers.ts';
import { categoryCounts } from './category-counts.ts';
import { chiSquareTwoSample } from './chi-square.ts';
import {
  chooseDriftTest,
  DISTANCE_THRESHOLD,
  isDrift,
  P_VALUE_THRESHOLD,
  type DriftTest,
} from './choose-drift-test.ts';
import type { DriftKind } from './drift-kind.ts';
import { jensenShannonDistance } from './jensen-shannon.ts';
import { ksTwoSample } from './ks-two-sample.ts';
import { psi, psiBand, type PsiBand } from './psi.ts';
import { binCounts, binEdges } from './quantile-bins.ts';
import { normedWasserstein } from './wasserstein-distance.ts';

/**
 * Fewer non-missing values than this in either window and a feature is not judged: KS and chi-square have
 * little power below it (a 30-value window must move its CDF by ≈ 0.25 before KS notices), the deciles of
 * PSI leave about three values per bin, and the usual rule for chi-square (expected counts of 5) fails.
 */
export const MIN_WINDOW_VALUES = 30;

export type MaybeNumber = number | null | undefined;
export type MaybeString = string | null | undefined;

/** One feature's drift between a reference sample and a current window. */
export interface FeatureDrift {
  name: string;
  kind: DriftKind;
  /** The test chosen by {@link chooseDriftTest}; null when the feature is not tested. */
  test: DriftTest | null;
  /** KS D, chi-square χ², normed Wasserstein or Jensen–Shannon distance (base e); null when not tested. */
  statistic: number | null;
  /** For KS and chi-square; null when chi-square has fewer than two non-empty categories. */
  pValue?: number | null;
  /** What the score is compared with: 0.05 for a p-value, 0.1 for a distance. */
  threshold: number | null;
  /**
   * Over the reference's decile bins for a numeric column, over the values themselves for a categorical
   * column or a numeric one with at most 5 distinct values; given whenever both windows have values.
   */
  psi: number | null;
  psiBand: PsiBand | null;
  drift: boolean;
  /** Whether the feature counts towards the dataset's drifted share. */
  counted: boolean;
  /** Non-missing values used, and missing values dropped, per window. */
  reference: { values: number; missing: number };
  current: { values: number; missing: number };
  /** Categorical only: values of the current window that never occur in the reference. */
  newCategories?: string[];
  /** Why the feature was not judged, each naming it; also collected by `datasetDrift`. */
  warnings: string[];
}

export interface FeatureDriftOptions {
  /** Default {@link MIN_WINDOW_VALUES}. */
  minWindowValues?: number;
}

/**
 * One feature's drift, for a monitoring view: a reference sample (the bundle's training rows) against a
 * current window (logged requests or an uploaded batch). Missing values (null, undefined, and NaN for
 * numbers) are dropped and counted, as the drift oracle drops nulls. The test follows
 * {@link chooseDriftTest}; PSI is computed in every case. ID, free-text and date columns are reported with
 * their counts but not tested or counted; nor is a feature whose reference or current window holds fewer
 * than `minWindowValues` values (its statistics are still given, with a warning naming it).
 *
 * @example
 * const f = featureDrift('cnt', 'numeric', reference2011, current2012);
 * f.test; // 'wasserstein' (8,645 reference values)
 * f.statistic; // 0.679: the 2012 counts moved by 0.68 reference standard deviations
 * f.drift; // true
 */
export function featureDrift(
  name: string,
  kind: 'numeric',
  reference: readonly MaybeNumber[],
  current: readonly MaybeNumber[],
  options?: FeatureDriftOptions,
): FeatureDrift;
export function featureDrift(
  name: string,
  kind: Exclude<DriftKind, 'numeric'>,
  reference: readonly MaybeString[],
  current: readonly MaybeString[],
  options?: FeatureDriftOptions,
): FeatureDrift;
export function featureDrift(
  name: string,
  kind: DriftKind,
  reference: readonly (MaybeNumber | MaybeString)[],
  current: readonly (MaybeNumber | MaybeString)[],
  options: FeatureDriftOptions = {},
): FeatureDrift {
  const ref = reference.filter(isPresent);
  const cur = current.filter(isPresent);
  const base: FeatureDrift = {
    name,
    kind,
    test: null,
    statistic: null,
    threshold: null,
    psi: null,
    psiBand: null,
    drift: false,
    counted: false,
    reference: { values: ref.length, missing: reference.length - ref.length },
    current: { values: cur.length, missing: current.length - cur.length },
    warnings: [],
  };
  if (kind !== 'numeric' && kind !== 'categorical') return base;
  for (const [values, window] of [
    [ref, 'reference'],
    [cur, 'current window'],
  ] as const) {
    if (values.length === 0)
      return { ...base, warnings: [`"${name}": no values in the ${window}, not judged.`] };
  }
  const tested =
    kind === 'numeric'
      ? numericFeature(ref as number[], cur as number[])
      : categoricalFeature((ref as string[]).map(String), (cur as string[]).map(String));
  const minimum = options.minWindowValues ?? MIN_WINDOW_VALUES;
  const small = [
    [ref.length, 'reference'],
    [cur.length, 'current window'],
  ] as const;
  const warnings = small
    .filter(([n]) => n < minimum)
    .map(
      ([n, window]) =>
        `"${name}": only ${n} non-missing values in the ${window} (fewer than ${minimum}): too few to judge drift, not counted.`,
    );
  const judged = warnings.length === 0;
  return {
    ...base,
    ...tested,
    psiBand: psiBand(tested.psi),
    threshold: tested.test === 'ks' || tested.test === 'chi-square' ? P_VALUE_THRESHOLD : DISTANCE_THRESHOLD,
    drift: judged && tested.drift,
    counted: judged,
    warnings,
  };
}

interface Tested {
  test: DriftTest;
  statistic: number | null;
  pValue?: number | null;
  psi: number;
  drift: boolean;
  newCategories?: string[];
}

function numericFeature(reference: number[], current: number[]): Tested {
  const distinct = new Set([...reference, ...current]).size;
  const test = chooseDriftTest('numeric', reference.length, distinct);
  if (test === 'chi-square' || test === 'jensen-shannon') {
    // Few distinct numbers (a 0/1 flag, a year): each value is a category, for the test as in Evidently and
    // for PSI too. Decile bins would hide the very shift the test sees: a reference that is all 0 has one
    // edge, at 0, so a current window that is all 1 lands in the same top bin and PSI would read 0.
    const { newCategories: _new, ...asCategories } = categoricalFeature(
      reference.map(String),
      current.map(String),
    );
    return asCategories;
  }
  const sortedRef = sortNumbers(Float64Array.from(reference));
  const sortedCur = sortNumbers(Float64Array.from(current));
  const edges = binEdges(sortedRef);
  const psiValue = psi(binCounts(edges, sortedRef), binCounts(edges, sortedCur)).psi;
  if (test === 'ks') {
    const { statistic, pValue } = ksTwoSample(sortedRef, sortedCur);
    return { test, statistic, pValue, psi: psiValue, drift: isDrift(test, pValue) };
  }
  const { normed } = normedWasserstein(sortedRef, sortedCur);
  return { test, statistic: normed, psi: psiValue, drift: isDrift(test, normed) };
}

function categoricalFeature(reference: string[], current: string[]): Tested {
  const counts = categoryCounts(reference, current);
  const psiValue = psi(counts.countReference, counts.countCurrent).psi;
  const test = chooseDriftTest('categorical', reference.length, counts.categories.length);
  const newCategories = counts.newCategories;
  if (test === 'chi-square') {
    const { statistic, pValue } = chiSquareTwoSample(counts.countReference, counts.countCurrent);
    const drift = pValue !== null && isDrift(test, pValue);
    return { test, statistic, pValue, psi: psiValue, drift, newCategories };
  }
  const distance = jensenShannonDistance(counts.countReference, counts.countCurrent);
  return { test, statistic: distance, psi: psiValue, drift: isDrift(test, distance), newCategories };
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && !(typeof value === 'number' && Number.isNaN(value));
}
