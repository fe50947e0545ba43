import type { ParamConfig } from './param-space.ts';
import { compareByScore, type Trial, type TrialEvaluation } from './trial.ts';

/**
 * A successive-halving schedule over a resource (epochs). Rung r gives every surviving trial
 * min(maxResource, minResource · eta^r) epochs in total, then keeps the best 1/eta. With integer `eta` and
 * `minResource` every rung's resource is a whole number. minResource = maxResource is plain grid or random
 * search: one rung, every trial trained in full.
 */
export interface HalvingPlan {
  /** The reduction factor, > 1: keep ceil(n / eta) trials and give them eta times the resource. */
  eta: number;
  minResource: number;
  maxResource: number;
}

export interface SearchCallbacks {
  /**
   * Train `trial` up to `resource` epochs in total (continuing from where it stopped) and return its
   * validation score, higher is better. May reject, on cancel for example: the search then rejects with
   * the same reason (use `onEvaluation` to keep what finished).
   */
  train(trial: Trial, resource: number): Promise<number>;
  /** A clock in ms, injected so that tests are deterministic. */
  now(): number;
  /** After each completed rung: the trials going on to the next rung (after the last rung, all of its trials), best first. */
  onRung?(rung: number, survivors: Trial[]): void;
  /** After each `train` call that resolved. */
  onEvaluation?(evaluation: TrialEvaluation): void;
}

/** A trial's latest evaluation, and whether halving dropped it. */
export interface HalvingResult extends TrialEvaluation {
  /** True when the trial was dropped at the end of rung `rung` (it lost to the trials that went on). */
  pruned: boolean;
}

export interface HalvingOutcome {
  /** One entry per trial that was trained at least once, in trial id order. */
  results: HalvingResult[];
  /** True when the time budget ran out before the schedule finished. */
  stoppedByBudget: boolean;
  /** Trials never trained because the budget ran out, in the order they would have run. */
  skipped: Trial[];
  /** Every evaluation in the order it happened. */
  history: TrialEvaluation[];
}

/** The resource (epochs) of rung `rung`: min(maxResource, minResource · eta^rung). */
export function rungResource(plan: HalvingPlan, rung: number): number {
  return Math.min(plan.maxResource, plan.minResource * plan.eta ** rung);
}

/**
 * The rungs a plan runs for `trials` configurations when the budget does not stop it: how many trials each
 * rung trains and to what resource. For progress bars and for explaining a plan before it starts.
 *
 * @example
 * halvingRungs(9, { eta: 3, minResource: 1, maxResource: 9 });
 * // [{ rung: 0, trials: 9, resource: 1 }, { rung: 1, trials: 3, resource: 3 }, { rung: 2, trials: 1, resource: 9 }]
 */
export function halvingRungs(
  trials: number,
  plan: HalvingPlan,
): { rung: number; trials: number; resource: number }[] {
  checkPlan(plan);
  const rungs: { rung: number; trials: number; resource: number }[] = [];
  let n = trials;
  for (let rung = 0; n > 0; rung++) {
    const resource = rungResource(plan, rung);
    rungs.push({ rung, trials: n, resource });
    if (resource >= plan.maxResource || n <= 1) break;
    n = Math.ceil(n / plan.eta);
  }
  return rungs;
}

function checkPlan(plan: HalvingPlan): void {
  const { eta, minResource, maxResource } = plan;
  if (!(Number.isFinite(eta) && eta > 1)) throw new RangeError(`halving plan: eta must be > 1, got ${eta}.`);
  if (!(Number.isFinite(minResource) && minResource > 0 && Number.isFinite(maxResource))) {
    throw new RangeError(
      `halving plan: resources must be finite and > 0, got ${minResource} and ${maxResource}.`,
    );
  }
  if (maxResource < minResource) {
    throw new RangeError(`halving plan: maxResource ${maxResource} is below minResource ${minResource}.`);
  }
}

/**
 * Successive halving (Jamieson & Talwalkar 2016) under a time budget.
 *
 * Rung 0 trains every configuration to `minResource` epochs, in configuration order. At the end of each rung
 * the trials are ranked by score (higher first, NaN last, ties to the lower trial id); the top
 * ceil(n / eta) go on to the next rung with eta times the resource and the rest are pruned. Later rungs
 * train their trials best first, so that a budget running out spends the remaining time on the most
 * promising ones. The search ends after the rung that reaches `maxResource` or that has a single trial.
 *
 * Budget: before each `train` call, if `now() − start ≥ budgetMs` the search stops. Trials never trained are
 * returned as `skipped`; every trial trained at least once is in `results` with its latest score, so the
 * best so far is always there. `train` calls run one at a time, so the schedule is deterministic given the
 * scores and the clock.
 *
 * @param configs The configurations; trial `i` is `configs[i]`.
 * @param budgetMs Time budget in ms; Infinity for none.
 * @returns The outcome. The promise rejects with a RangeError for a bad plan, and with `train`'s reason
 *   if a `train` call rejects.
 * @example
 * const outcome = await successiveHalving(gridConfigs(space), { eta: 3, minResource: 1, maxResource: 9 }, 60_000, {
 *   train: (trial, epochs) => trainer.trainTo(trial, epochs),
 *   now: () => performance.now(),
 * });
 * leaderboard(outcome.results)[0]; // the winner
 */
export async function successiveHalving(
  configs: ParamConfig[],
  plan: HalvingPlan,
  budgetMs: number,
  callbacks: SearchCallbacks,
): Promise<HalvingOutcome> {
  checkPlan(plan);
  const trials: Trial[] = configs.map((config, id) => ({ id, config }));
  const latest = new Map<number, TrialEvaluation>();
  const pruned = new Set<number>();
  const history: TrialEvaluation[] = [];
  const byScore = compareByScore(true);
  const start = callbacks.now();
  let stoppedByBudget = false;
  let survivors = trials;

  rungs: for (let rung = 0; survivors.length > 0; rung++) {
    const resource = rungResource(plan, rung);
    for (const trial of survivors) {
      if (callbacks.now() - start >= budgetMs) {
        stoppedByBudget = true;
        break rungs;
      }
      const score = await callbacks.train(trial, resource);
      const evaluation: TrialEvaluation = { trial, score, resource, rung };
      latest.set(trial.id, evaluation);
      history.push(evaluation);
      callbacks.onEvaluation?.(evaluation);
    }
    const ranked = survivors
      .map((trial) => latest.get(trial.id)!)
      .sort(byScore)
      .map((e) => e.trial);
    if (resource >= plan.maxResource || ranked.length <= 1) {
      callbacks.onRung?.(rung, ranked);
      break;
    }
    const keep = Math.ceil(ranked.length / plan.eta);
    for (const trial of ranked.slice(keep)) pruned.add(trial.id);
    survivors = ranked.slice(0, keep);
    callbacks.onRung?.(rung, survivors);
  }

  const results = trials
    .filter((trial) => latest.has(trial.id))
    .map((trial) => ({ ...latest.get(trial.id)!, pruned: pruned.has(trial.id) }));
  const skipped = trials.filter((trial) => !latest.has(trial.id));
  return { results, stoppedByBudget, skipped, history };
}
