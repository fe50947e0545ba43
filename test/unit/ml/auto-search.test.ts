import { describe, expect, it } from 'vitest';
import type { MatrixSet } from '../../../src/core/models/training-data.ts';
import { createRng } from '../../../src/core/random.ts';
import { classificationMetrics } from '../../../src/core/metrics/classification-metrics.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import { autoSearch, type AutoSearchRequest } from '../../../src/ml/auto-search.ts';
import { retrainRun } from '../../../src/ml/retrain-run.ts';
import type { SearchData } from '../../../src/ml/search-models.ts';

/** A value no train or validation row has: every test row carries it in feature 0. */
const SENTINEL = 1e6;

/** Binary data with a linear signal: 300 train, 100 validation and 100 test rows, 3 features. */
function binaryData(): SearchData {
  const rng = createRng(5);
  const set = (rows: number, test: boolean): MatrixSet => {
    const x = new Float32Array(rows * 3);
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const [a, b, c] = [rng.normal(), rng.normal(), rng.normal()];
      x.set([test ? SENTINEL : a, b, c], r * 3);
      y[r] = a + 0.5 * b * c + 0.5 * rng.normal() > 0 ? 1 : 0;
    }
    return { x, y, rows };
  };
  return {
    task: 'binary',
    classes: 2,
    cols: 3,
    train: set(300, false),
    validation: set(100, false),
    test: set(100, true),
  };
}

const REQUEST: AutoSearchRequest = {
  families: ['baseline', 'linear', 'gbdt', 'ensemble'],
  budgetMs: Infinity,
  seed: 3,
  metric: 'roc_auc',
  scoreTest: 'best',
  maxTrials: 4,
};

describe('autoSearch', () => {
  it('folds the train and validation rows only: no fold ever holds a sealed test row', async () => {
    const data = binaryData();
    const folds: { train: MatrixSet; valid: MatrixSet }[] = [];
    const outcome = await autoSearch(data, REQUEST, {
      onFold: (_, train, valid) => folds.push({ train, valid }),
    });
    expect(outcome.selection).toEqual({ method: 'cv', folds: 5, rows: 400 });
    expect(folds).toHaveLength(5);
    for (const { train, valid } of folds) {
      expect(train.rows + valid.rows).toBe(400);
      for (const set of [train, valid])
        for (let r = 0; r < set.rows; r++) expect(set.x[r * 3]).not.toBe(SENTINEL);
    }
    // Every pool row is scored once: the held-out parts add up to the pool, each holding both classes.
    expect(folds.reduce((n, f) => n + f.valid.rows, 0)).toBe(400);
    for (const { valid } of folds) expect(new Set(valid.y).size).toBe(2);
    // Each candidate reports its five fold scores, their mean (its score) and spread.
    for (const r of outcome.results.filter((r) => r.params.family !== 'ensemble')) {
      expect(r.cv!.scores).toHaveLength(5);
      expect(r.score).toBeCloseTo(r.cv!.scores.reduce((a, b) => a + b, 0) / 5, 12);
    }
  });

  it('refits the winner on every non-test row, and that refit is what the run holds and reproduce rebuilds', async () => {
    const data = binaryData();
    const outcome = await autoSearch(data, { ...REQUEST, families: ['baseline', 'linear', 'gbdt'] });
    const best = outcome.results[outcome.best]!;
    expect(best.refit).toEqual({ rows: 400, epochs: best.params.epochs });
    expect(best.params.refit).toBe(true);
    // A second method: the reproduce path trains the recorded params on train + validation itself.
    const again = await retrainRun(data, best.params, best.seed, best.params.epochs, 'roc_auc');
    expect(again.artifact).toEqual(best.artifact);
  });

  it('keeps the holdout above the cross-validation size, and still refits', async () => {
    const data = binaryData();
    const folds: number[] = [];
    const outcome = await autoSearch(
      data,
      { ...REQUEST, cvMaxRows: 399 },
      { onFold: (_, train) => folds.push(train.rows) },
    );
    expect(outcome.selection).toEqual({ method: 'holdout', rows: 100 });
    expect(folds).toEqual([300]);
    expect(outcome.results[outcome.best]!.refit).toMatchObject({ rows: 400 });
  });

  it('folds a group split by entity, and falls back to the holdout when there are too few entities', async () => {
    const data = binaryData();
    const grouped: { train: MatrixSet; valid: MatrixSet }[] = [];
    // 40 entities of 10 pool rows each: GroupKFold puts 8 whole entities, 80 rows, in each fold.
    const groups = Array.from({ length: 400 }, (_, r) => r % 40);
    const outcome = await autoSearch(
      data,
      { ...REQUEST, maxTrials: 1, layout: { kind: 'group', groups } },
      { onFold: (_, train, valid) => grouped.push({ train, valid }) },
    );
    expect(outcome.selection).toEqual({ method: 'cv', folds: 5, rows: 400 });
    for (const { valid } of grouped) expect(valid.rows).toBe(80);
    const few = await autoSearch(data, {
      ...REQUEST,
      maxTrials: 1,
      layout: { kind: 'group', groups: groups.map((g) => g % 3) },
    });
    expect(few.selection).toEqual({ method: 'holdout', rows: 100 });
  });

  it('chooses a binary F1 threshold on the out-of-fold predictions, and reads the test rows at it', async () => {
    const data = binaryData();
    const outcome = await autoSearch(data, { ...REQUEST, metric: 'f1', maxTrials: 2 });
    const best = outcome.results[outcome.best]!;
    const threshold = best.artifact.threshold!;
    expect(threshold).toBeGreaterThan(0);
    expect(threshold).toBeLessThan(1);
    // Only the chosen model carries one.
    for (const r of outcome.results) if (r !== best) expect(r.artifact.threshold).toBeUndefined();
    // The test metrics are the model's probabilities labelled at that threshold (second method: the
    // metrics code given the threshold directly).
    const raw = predictArtifact({ ...best.artifact, threshold: undefined }, data.test.x, data.test.rows);
    const expected = classificationMetrics(data.test.y, { proba: raw.values, classes: 2 }, 'binary', {
      threshold,
    });
    expect(best.test!.f1).toBe(expected.f1);
    // ROC AUC, which does not use a threshold, is not tuned.
    const auc = await autoSearch(data, { ...REQUEST, maxTrials: 2 });
    expect(auc.results[auc.best]!.artifact.threshold).toBeUndefined();
  });

  it('says why it stopped: the budget, no improvement, or the trial limit', async () => {
    const data = binaryData();
    let t = 0;
    const byBudget = await autoSearch(
      data,
      { ...REQUEST, budgetMs: 10_000, maxTrials: undefined },
      { now: () => (t += 1000) },
    );
    expect(byBudget.stopReason).toBe('budget');
    const byPatience = await autoSearch(data, {
      ...REQUEST,
      families: ['linear'],
      maxTrials: 30,
      patience: 2,
    });
    expect(byPatience.stopReason).toBe('no-improvement');
    const byLimit = await autoSearch(data, { ...REQUEST, maxTrials: 2 });
    expect(byLimit.stopReason).toBe('max-trials');
    expect(byLimit.results.filter((r) => r.params.family !== 'ensemble')).toHaveLength(3); // baseline + 2
  });
});
