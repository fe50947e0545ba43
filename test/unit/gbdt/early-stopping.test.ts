import { describe, expect, it } from 'vitest';
import { earlyStopper } from '../../../src/core/gbdt/early-stopping.ts';

/** Feeds losses for iterations 1, 2, …; returns the iteration it stopped at (or null) and the best. */
function replay(losses: number[], patience: number, tol: number, initial = Infinity) {
  const stopper = earlyStopper({ patience, tol }, initial);
  const stoppedAt = losses.findIndex((loss, i) => stopper.observe(i + 1, loss));
  return { stoppedAt: stoppedAt === -1 ? null : stoppedAt + 1, best: stopper.bestIteration };
}

describe('earlyStopper', () => {
  it('stops after `patience` iterations without a new best, and keeps the best', () => {
    expect(replay([5, 4, 3, 3.5, 3.2, 3.1], 3, 0)).toEqual({ stoppedAt: 6, best: 3 });
    expect(replay([5, 4, 3, 3.5, 2.9, 3.1, 3.3], 3, 0)).toEqual({ stoppedAt: null, best: 5 });
  });

  it('counts an improvement only when it beats the best by more than tol', () => {
    // 3 → 2.95 is 0.05 better: below tol 0.1, so not an improvement.
    expect(replay([3, 2.95, 2.92, 2.91], 3, 0.1)).toEqual({ stoppedAt: 4, best: 1 });
  });

  it('starts from the loss before any tree, so trees that only hurt are all dropped', () => {
    expect(replay([1.1, 1.2], 2, 0, 1)).toEqual({ stoppedAt: 2, best: 0 });
  });

  it('without settings or a validation loss keeps the latest iteration and never stops', () => {
    const stopper = earlyStopper(null, 1);
    expect([2, 3, 4].some((loss, i) => stopper.observe(i + 1, loss))).toBe(false);
    expect(stopper.bestIteration).toBe(3);
    const noLoss = earlyStopper({ patience: 1, tol: 0 }, undefined);
    expect(noLoss.observe(1, undefined)).toBe(false);
    expect(noLoss.bestIteration).toBe(1);
  });
});
