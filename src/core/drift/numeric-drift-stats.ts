import { sortNumbers } from '../profile/sort-numbers.ts';
import { chiSquareTwoSample, type ChiSquareResult } from './chi-square.ts';
import { jensenShannonBoth } from './jensen-shannon.ts';
import { KS_MAX_EXACT_N, ksTwoSample } from './ks-two-sample.ts';
import { pairwiseMean, standardDeviation } from './pairwise-sum.ts';
import { psi } from './psi.ts';
import { binCounts, binEdges } from './quantile-bins.ts';
import { wassersteinDistance } from './wasserstein-distance.ts';

/** Every statistic the drift oracle reports for a numeric column (../shared/data/oracles/drift_oracle.py). */
export interface NumericDriftStats {
  nReference: number;
  nCurrent: number;
  ks: {
    statistic: number;
    /** scipy's default, `method='auto'`: exact up to 10,000 values per sample, else asymptotic. */
    pValue: number;
    pValueAsymptotic: number;
    /** null where scipy would warn and fall back (too large an lcm, or a failed exact computation). */
    pValueExact: number | null;
    /** scipy's warning, as the oracle records it, when pValueExact is null. */
    exactError?: string;
  };
  wasserstein: number;
  bins: { innerEdges: number[]; countReference: number[]; countCurrent: number[] };
  psi: number;
  psiTerms: number[];
  jensenShannon: { baseE: number; base2: number };
  /** Chi-square over the PSI bins (bins empty on both sides dropped). */
  chiSquare: ChiSquareResult;
  meanReference: number;
  meanCurrent: number;
  /** Sample standard deviations (ddof = 1), as the oracle reports them. */
  stdReference: number;
  stdCurrent: number;
}

/**
 * The drift oracle's numeric block for two samples without missing values: two-sample KS (p-value by
 * scipy's auto rule, and by each method), Wasserstein-1, the decile bins with their PSI, Jensen–Shannon
 * distance and chi-square, and means and standard deviations. Sums follow numpy's pairwise order over the
 * samples as given, so means and deviations are the oracle's doubles too.
 *
 * @throws RangeError when either sample is empty.
 * @example
 * numericDriftStats([1, 2, 3], [4, 5, 6]).ks;
 * // { statistic: 1, pValue: 0.09999999999999999, pValueAsymptotic: 0, pValueExact: 0.09999999999999999 }
 * // (asymptotically, D = 1 is at the end of kstwo's support: p = 0)
 */
export function numericDriftStats(
  reference: readonly number[],
  current: readonly number[],
): NumericDriftStats {
  if (reference.length === 0 || current.length === 0)
    throw new RangeError('Drift statistics need at least one value in each sample.');
  const ref = Float64Array.from(reference);
  const cur = Float64Array.from(current);
  const sortedRef = sortNumbers(ref);
  const sortedCur = sortNumbers(cur);

  const asymptotic = ksTwoSample(sortedRef, sortedCur, 'asymp');
  const exact = ksTwoSample(sortedRef, sortedCur, 'exact');
  const auto = Math.max(ref.length, cur.length) <= KS_MAX_EXACT_N ? exact : asymptotic;
  const innerEdges = binEdges(sortedRef);
  const countReference = binCounts(innerEdges, sortedRef);
  const countCurrent = binCounts(innerEdges, sortedCur);
  const { psi: psiValue, terms } = psi(countReference, countCurrent);
  return {
    nReference: ref.length,
    nCurrent: cur.length,
    ks: {
      statistic: auto.statistic,
      pValue: auto.pValue,
      pValueAsymptotic: asymptotic.pValue,
      pValueExact: exact.fallback ? null : exact.pValue,
      ...(exact.fallback ? { exactError: `RuntimeWarning: ${exact.fallback}` } : {}),
    },
    wasserstein: wassersteinDistance(sortedRef, sortedCur),
    bins: { innerEdges, countReference, countCurrent },
    psi: psiValue,
    psiTerms: terms,
    jensenShannon: jensenShannonBoth(countReference, countCurrent),
    chiSquare: chiSquareTwoSample(countReference, countCurrent),
    meanReference: pairwiseMean(ref),
    meanCurrent: pairwiseMean(cur),
    stdReference: standardDeviation(ref, 1),
    stdCurrent: standardDeviation(cur, 1),
  };
}
