import type { ParamConfig } from './param-space.ts';

/** One configuration under search. `id` is its index in the list of configurations searched. */
export interface Trial {
  id: number;
  config: ParamConfig;
}

/** One training result: `trial` trained to `resource` epochs in total at rung `rung` scored `score`. */
export interface TrialEvaluation {
  trial: Trial;
  /** Validation score; higher is better. */
  score: number;
  resource: number;
  rung: number;
}

/**
 * Orders trials best first: the higher score first (or the lower, for `higherIsBetter` false), NaN last (a
 * diverged trial never wins), and equal scores by trial id, the earlier configuration first.
 */
export function compareByScore(higherIsBetter = true) {
  return (a: { trial: Trial; score: number }, b: { trial: Trial; score: number }): number => {
    const aNaN = Number.isNaN(a.score);
    const bNaN = Number.isNaN(b.score);
    if (aNaN !== bNaN) return aNaN ? 1 : -1;
    if (!aNaN && a.score !== b.score) return a.score > b.score === higherIsBetter ? -1 : 1;
    return a.trial.id - b.trial.id;
  };
}
