import { categoryCounts } from './category-counts.ts';
import { chiSquareTwoSample, type ChiSquareResult } from './chi-square.ts';
import { jensenShannonBoth } from './jensen-shannon.ts';
import { pairwiseSum } from './pairwise-sum.ts';
import { psi } from './psi.ts';

/** Every statistic the drift oracle reports for a categorical column. */
export interface CategoricalDriftStats {
  nReference: number;
  nCurrent: number;
  categories: string[];
  countReference: number[];
  countCurrent: number[];
  chiSquare: ChiSquareResult;
  psi: number;
  psiTerms: number[];
  jensenShannon: { baseE: number; base2: number };
  /** ½ Σ |p_cur − p_ref|: the largest difference in probability any set of categories can show. */
  totalVariation: number;
  newCategories: string[];
  missingCategories: string[];
}

/**
 * The drift oracle's categorical block for two samples without missing values: counts over the sorted union
 * of categories, chi-square on the 2 × K table, PSI (ε for a category absent on one side), Jensen–Shannon
 * distance, total variation distance, and the categories new in current or gone from it.
 *
 * @throws RangeError when either sample is empty.
 * @example
 * categoricalDriftStats(['a', 'a', 'b'], ['a', 'b', 'b']).totalVariation; // 0.3333333333333333
 */
export function categoricalDriftStats(
  reference: readonly string[],
  current: readonly string[],
): CategoricalDriftStats {
  if (reference.length === 0 || current.length === 0)
    throw new RangeError('Drift statistics need at least one value in each sample.');
  const counts = categoryCounts(reference, current);
  const { countReference, countCurrent } = counts;
  const { psi: psiValue, terms } = psi(countReference, countCurrent);
  const gaps = countReference.map((c, i) =>
    Math.abs(countCurrent[i]! / current.length - c / reference.length),
  );
  return {
    nReference: reference.length,
    nCurrent: current.length,
    categories: counts.categories,
    countReference,
    countCurrent,
    chiSquare: chiSquareTwoSample(countReference, countCurrent),
    psi: psiValue,
    psiTerms: terms,
    jensenShannon: jensenShannonBoth(countReference, countCurrent),
    totalVariation: 0.5 * pairwiseSum(gaps),
    newCategories: counts.newCategories,
    missingCategories: counts.missingCategories,
  };
}
