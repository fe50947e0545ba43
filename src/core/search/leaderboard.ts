import { compareByScore, type Trial } from './trial.ts';

/** What the leaderboard needs of a result; `HalvingResult` has it. */
export interface LeaderboardEntry {
  trial: Trial;
  score: number;
  /** The rung the trial reached; missing counts as 0. */
  rung?: number;
}

/**
 * Results sorted best first (a new array; the input is left as it is).
 *
 * A trial that reached a later rung ranks above every trial that stopped earlier: it beat them at the same
 * resource to get there, and scores at different resources are not comparable (a trial pruned after 1 epoch
 * has not had the chance to improve). Within a rung the better score comes first, NaN last, and equal scores
 * by trial id. For plain grid or random search (one rung) this is simply by score.
 *
 * @param higherIsBetter False for a loss or error.
 * @example
 * leaderboard(outcome.results)[0]; // the winner of successiveHalving
 * leaderboard([{ trial: a, score: 0.3 }, { trial: b, score: 0.2 }], false); // b first: lower loss
 */
export function leaderboard<T extends LeaderboardEntry>(results: readonly T[], higherIsBetter = true): T[] {
  const byScore = compareByScore(higherIsBetter);
  return [...results].sort((a, b) => (b.rung ?? 0) - (a.rung ?? 0) || byScore(a, b));
}
