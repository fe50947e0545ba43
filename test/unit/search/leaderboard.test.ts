import { describe, expect, it } from 'vitest';
import { leaderboard, type Trial } from '../../../src/core/search/index.ts';

const trial = (id: number): Trial => ({ id, config: { id } });

describe('leaderboard', () => {
  it('sorts by score, best first, ties by trial id and NaN last, leaving the input as it was', () => {
    const results = [
      { trial: trial(0), score: 0.7 },
      { trial: trial(1), score: NaN },
      { trial: trial(2), score: 0.9 },
      { trial: trial(3), score: 0.7 },
    ];
    expect(leaderboard(results).map((r) => r.trial.id)).toEqual([2, 0, 3, 1]);
    expect(results.map((r) => r.trial.id)).toEqual([0, 1, 2, 3]);
  });

  it('puts the lowest first for a loss', () => {
    const results = [
      { trial: trial(0), score: 0.3 },
      { trial: trial(1), score: 0.2 },
      { trial: trial(2), score: NaN },
    ];
    expect(leaderboard(results, false).map((r) => r.trial.id)).toEqual([1, 0, 2]);
  });

  it('ranks a trial that reached a later rung above those pruned earlier, whatever their scores', () => {
    const results = [
      { trial: trial(0), score: 0.9, rung: 0 },
      { trial: trial(1), score: 0.8, rung: 2 },
      { trial: trial(2), score: 0.85, rung: 1 },
    ];
    expect(leaderboard(results).map((r) => r.trial.id)).toEqual([1, 2, 0]);
  });
});
