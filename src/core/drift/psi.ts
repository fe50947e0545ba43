import { pairwiseSum } from './pairwise-sum.ts';

/** What replaces a zero proportion before the logarithm (../shared/data/README.md §3b); no renormalising. */
export const PSI_EPSILON = 1e-4;
/** PSI below this: no meaningful shift. */
export const PSI_MODERATE = 0.1;
/** PSI at or above this: a major shift (between the two: moderate). */
export const PSI_SIGNIFICANT = 0.2;

export type PsiBand = 'stable' | 'moderate' | 'significant';

export interface PsiResult {
  psi: number;
  /** One term per bin or category, in order: (p_cur − p_ref) · ln(p_cur / p_ref). */
  terms: number[];
}

/**
 * The population stability index of two sets of counts over the same bins (or categories):
 * PSI = Σ (p_cur − p_ref) · ln(p_cur / p_ref), p = count / total, where a proportion of exactly 0 is
 * replaced by ε = 1e-4 first. Without ε a bin empty on one side would make PSI infinite; with it, such a
 * bin adds about p · ln(p / 1e-4), a large but finite penalty (a category new in current: 0.99 for 15%).
 *
 * @example
 * psi([50, 50], [25, 75]).psi; // 0.2746530721670274 = (0.25 − 0.5)·ln(0.5) + (0.75 − 0.5)·ln(1.5) = ¼·ln 3
 */
export function psi(countReference: readonly number[], countCurrent: readonly number[]): PsiResult {
  const nRef = pairwiseSum(countReference);
  const nCur = pairwiseSum(countCurrent);
  const terms = countReference.map((count, i) => {
    const a = proportionOrEpsilon(count / nRef);
    const b = proportionOrEpsilon(countCurrent[i]! / nCur);
    return (b - a) * Math.log(b / a);
  });
  return { psi: pairwiseSum(terms), terms };
}

/**
 * The usual reading of a PSI: below 0.1 stable, 0.1 to under 0.2 a moderate shift, 0.2 and above a
 * significant one.
 *
 * @example
 * psiBand(0.2437); // 'significant'
 */
export function psiBand(value: number): PsiBand {
  if (value >= PSI_SIGNIFICANT) return 'significant';
  return value >= PSI_MODERATE ? 'moderate' : 'stable';
}

function proportionOrEpsilon(p: number): number {
  return p === 0 ? PSI_EPSILON : p;
}
