import { describe, expect, it } from 'vitest';
import {
  halvingRungs,
  leaderboard,
  successiveHalving,
  type HalvingPlan,
  type ParamConfig,
  type SearchCallbacks,
  type Trial,
} from '../../../src/core/search/index.ts';

const PLAN: HalvingPlan = { eta: 3, minResource: 1, maxResource: 9 };

/**
 * The validation score of config x after `resource` epochs. At 1 epoch x = 3, 8, 5 lead (0.70, 0.65, 0.60);
 * after 3 epochs x = 8 overtakes them (0.80 vs 0.75 and 0.72): a late bloomer that halving must keep.
 */
const SCORES: Record<number, Record<number, number>> = {
  1: { 0: 0.5, 1: 0.1, 2: 0.3, 3: 0.7, 4: 0.2, 5: 0.6, 6: 0.05, 7: 0.4, 8: 0.65 },
  3: { 3: 0.72, 5: 0.75, 8: 0.8 },
  9: { 8: 0.85 },
};

const configs: ParamConfig[] = Array.from({ length: 9 }, (_, x) => ({ x }));

/**
 * Callbacks whose clock advances `msPerTrain` per train() call and which record every call and rung.
 * `score` defaults to the SCORES table.
 */
function fake(
  msPerTrain = 10,
  score = (trial: Trial, resource: number) => SCORES[resource]![trial.config.x as number]!,
) {
  let clock = 0;
  const calls: [number, number][] = [];
  const rungs: [number, number[]][] = [];
  const callbacks: SearchCallbacks = {
    train: async (trial, resource) => {
      calls.push([trial.id, resource]);
      clock += msPerTrain;
      return score(trial, resource);
    },
    now: () => clock,
    onRung: (rung, survivors) => rungs.push([rung, survivors.map((t) => t.id)]),
  };
  return { callbacks, calls, rungs };
}

describe('successiveHalving', () => {
  it('trains all 9 for 1 epoch, the best 3 for 3, the best 1 for 9, re-ranking on the latest scores', async () => {
    const { callbacks, calls, rungs } = fake();
    const outcome = await successiveHalving(configs, PLAN, Infinity, callbacks);
    expect(calls).toEqual([
      ...configs.map((_, id) => [id, 1]),
      // rung 1 trains its trials best first: 3 (0.70), 8 (0.65), 5 (0.60).
      [3, 3],
      [8, 3],
      [5, 3],
      [8, 9],
    ]);
    expect(rungs).toEqual([
      [0, [3, 8, 5]],
      [1, [8]],
      [2, [8]],
    ]);
    expect(outcome.stoppedByBudget).toBe(false);
    expect(outcome.skipped).toEqual([]);
    const summary = outcome.results.map((r) => [r.trial.id, r.rung, r.resource, r.score, r.pruned]);
    expect(summary).toEqual([
      [0, 0, 1, 0.5, true],
      [1, 0, 1, 0.1, true],
      [2, 0, 1, 0.3, true],
      [3, 1, 3, 0.72, true],
      [4, 0, 1, 0.2, true],
      [5, 1, 3, 0.75, true],
      [6, 0, 1, 0.05, true],
      [7, 0, 1, 0.4, true],
      [8, 2, 9, 0.85, false],
    ]);
    expect(outcome.history).toHaveLength(13);
    expect(leaderboard(outcome.results).map((r) => r.trial.id)).toEqual([8, 5, 3, 0, 7, 2, 4, 1, 6]);
  });

  it('follows the schedule halvingRungs predicts, and caps the resource at maxResource', async () => {
    const plan = { eta: 3, minResource: 2, maxResource: 10 };
    const { callbacks, calls } = fake(10, (trial, resource) => (trial.config.x as number) + resource);
    await successiveHalving(configs, plan, Infinity, callbacks);
    const rungs = halvingRungs(9, plan);
    expect(rungs).toEqual([
      { rung: 0, trials: 9, resource: 2 },
      { rung: 1, trials: 3, resource: 6 },
      { rung: 2, trials: 1, resource: 10 },
    ]);
    expect(calls.length).toBe(9 + 3 + 1);
    // The highest x wins every rung: 8, 7, 6 go on, then 8.
    expect(calls.slice(9)).toEqual([
      [8, 6],
      [7, 6],
      [6, 6],
      [8, 10],
    ]);
  });

  it('runs plain search (minResource = maxResource) as one rung, nothing pruned', async () => {
    const { callbacks, calls, rungs } = fake(10, (trial) => -Math.abs((trial.config.x as number) - 4));
    const outcome = await successiveHalving(
      configs,
      { eta: 3, minResource: 5, maxResource: 5 },
      Infinity,
      callbacks,
    );
    expect(calls).toEqual(configs.map((_, id) => [id, 5]));
    expect(outcome.results.every((r) => !r.pruned && r.rung === 0 && r.resource === 5)).toBe(true);
    // Scores −4, −3, −2, −1, 0, −1, …: 4 best, then the ties 3 and 5, 2 and 6, … by id.
    expect(rungs).toEqual([[0, [4, 3, 5, 2, 6, 1, 7, 0, 8]]]);
  });

  it('breaks ties by trial id and ranks a NaN score last', async () => {
    const { callbacks, rungs } = fake(10, (trial) => (trial.id === 0 ? NaN : 0.5));
    const outcome = await successiveHalving(configs, PLAN, Infinity, callbacks);
    expect(rungs).toEqual([
      [0, [1, 2, 3]],
      [1, [1]],
      [2, [1]],
    ]);
    expect(leaderboard(outcome.results).at(-1)!.trial.id).toBe(0);
  });

  it('stops before the train call that starts at or past the budget and reports the untrained trials as skipped', async () => {
    // Calls start at t = 0, 10, 20, 30; the one at t = 40 ≥ 35 is not started.
    const { callbacks, calls } = fake(10);
    const outcome = await successiveHalving(configs, PLAN, 35, callbacks);
    expect(calls).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(outcome.stoppedByBudget).toBe(true);
    expect(outcome.skipped.map((t) => t.id)).toEqual([4, 5, 6, 7, 8]);
    expect(outcome.results.map((r) => [r.trial.id, r.pruned])).toEqual([
      [0, false],
      [1, false],
      [2, false],
      [3, false],
    ]);
    // The best so far is always there.
    expect(leaderboard(outcome.results)[0]!.trial.id).toBe(3);
  });

  it('keeps every result when the budget runs out inside a later rung', async () => {
    // Rung 0 uses t = 0 … 80; rung 1 starts trial 3 at t = 90 < 95, and trial 8 would start at t = 100.
    const { callbacks, calls } = fake(10);
    const outcome = await successiveHalving(configs, PLAN, 95, callbacks);
    expect(calls.at(-1)).toEqual([3, 3]);
    expect(outcome.stoppedByBudget).toBe(true);
    expect(outcome.skipped).toEqual([]);
    const byId = new Map(outcome.results.map((r) => [r.trial.id, r]));
    expect([byId.get(3)!.rung, byId.get(3)!.score, byId.get(3)!.pruned]).toEqual([1, 0.72, false]);
    expect([byId.get(8)!.rung, byId.get(8)!.pruned, byId.get(0)!.pruned]).toEqual([0, false, true]);
    expect(leaderboard(outcome.results)[0]!.trial.id).toBe(3);
  });

  it('trains nothing with a zero budget', async () => {
    const { callbacks, calls } = fake(10);
    const outcome = await successiveHalving(configs, PLAN, 0, callbacks);
    expect(calls).toEqual([]);
    expect(outcome).toMatchObject({ results: [], stoppedByBudget: true });
    expect(outcome.skipped).toHaveLength(9);
  });

  it('trains a single remaining trial for one more rung and stops there', async () => {
    // Two trials: ceil(2 / 3) = 1 goes on to 3 epochs; with one trial left there is nothing to halve.
    const { callbacks, calls } = fake(10, (trial, resource) => (trial.id === 1 ? 1 : 0) + resource);
    const outcome = await successiveHalving([{ a: 0 }, { a: 1 }], PLAN, Infinity, callbacks);
    expect(calls).toEqual([
      [0, 1],
      [1, 1],
      [1, 3],
    ]);
    expect(outcome.results.map((r) => [r.trial.id, r.resource, r.pruned])).toEqual([
      [0, 1, true],
      [1, 3, false],
    ]);
    expect(halvingRungs(2, PLAN).map((r) => r.trials)).toEqual([2, 1]);
  });

  it('returns nothing for no configurations', async () => {
    const { callbacks } = fake();
    expect(await successiveHalving([], PLAN, Infinity, callbacks)).toEqual({
      results: [],
      stoppedByBudget: false,
      skipped: [],
      history: [],
    });
  });

  it('rejects with train’s reason on cancel, after reporting each finished evaluation', async () => {
    const finished: number[] = [];
    const cancelled = new Error('cancelled');
    const promise = successiveHalving(configs, PLAN, Infinity, {
      now: () => 0,
      train: async (trial) => {
        if (trial.id === 2) throw cancelled;
        return 0.5;
      },
      onEvaluation: (e) => finished.push(e.trial.id),
    });
    await expect(promise).rejects.toBe(cancelled);
    expect(finished).toEqual([0, 1]);
  });

  it('refuses a plan it cannot run', async () => {
    const { callbacks } = fake();
    await expect(
      successiveHalving(configs, { eta: 1, minResource: 1, maxResource: 9 }, 1, callbacks),
    ).rejects.toThrow('eta must be > 1');
    await expect(
      successiveHalving(configs, { eta: 3, minResource: 9, maxResource: 1 }, 1, callbacks),
    ).rejects.toThrow('maxResource 1 is below minResource 9');
  });
});
