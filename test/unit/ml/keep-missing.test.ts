/**
 * Missing values kept for the trees, end to end through the app's pipeline: a numeric feature with impute
 * 'keep' reaches the trees as NaN, the networks are left out of the search, and a bundle serving a record
 * with an empty cell routes it exactly as training did (the same bits as the trees on the training matrix).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunBundle } from '../../../src/cli/run-bundle.ts';
import { decodeBundle, scoreBundle } from '../../../src/core/bundle/index.ts';
import { autoExperiment, buildExperimentData } from '../../../src/core/experiment/index.ts';
import { keepMissingNumbers } from '../../../src/core/features/index.ts';
import { predictGbdt } from '../../../src/core/gbdt/index.ts';
import { MissingFeaturesError } from '../../../src/core/models/index.ts';
import { createRng } from '../../../src/core/random.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';
import { searchModels } from '../../../src/ml/search-models.ts';

/**
 * 600 seeded rows: income is missing for a third of them, and exactly those rows (plus those with income
 * above 1) are "yes". A median fill would put the missing rows among the "no" incomes; the trees must learn
 * to send them the other way.
 */
function table(): RawTable {
  const rng = createRng(11);
  const income: string[] = [];
  const age: string[] = [];
  const label: string[] = [];
  for (let r = 0; r < 600; r++) {
    const missing = rng.next() < 1 / 3;
    const value = rng.normal();
    income.push(missing ? '' : value.toFixed(4));
    age.push((20 + 50 * rng.next()).toFixed(1));
    label.push(missing || value > 1 ? 'yes' : 'no');
  }
  return { names: ['income', 'age', 'label'], columns: [income, age, label] };
}

const SPLIT = { method: 'random' as const, seed: 3, fractions: [0.6, 0.2, 0.2] as [number, number, number] };

function experiment(source: RawTable) {
  const plan = autoExperiment(source, { target: 'label', seed: 3, positiveClass: 'yes' });
  plan.features = keepMissingNumbers(plan.features);
  const data = buildExperimentData(source, { recipe: plan.recipe, split: SPLIT, features: plan.features });
  return { plan, data: { ...data, task: plan.task, featureNames: data.fitted.outputs } };
}

describe('numeric features that keep missing values', () => {
  it('reach the trees as NaN, leave the networks out, and route the same way when served', async () => {
    const source = table();
    const { plan, data } = experiment(source);
    expect(data.fitted.outputs).toEqual(['income', 'age']);
    const incomeMissing = Array.from({ length: data.train.rows }, (_, r) => data.train.x[r * data.cols]!);
    expect(incomeMissing.some(Number.isNaN)).toBe(true);

    const outcome = await searchModels(data, {
      families: ['baseline', 'gbdt', 'linear', 'mlp'],
      strategy: 'grid',
      budgetMs: 60_000,
      seed: 3,
      metric: 'roc_auc',
      halving: false,
      maxEpochs: 40,
      scoreTest: 'all',
    });
    expect(outcome.refusedFamilies).toEqual(['linear', 'mlp']);
    expect(new Set(outcome.results.map((r) => r.params.family))).toEqual(new Set(['baseline', 'gbdt']));
    const best = outcome.results[outcome.best]!;
    expect(best.params.family).toBe('gbdt');
    // The rule is exact, so the trees separate it on the sealed test rows.
    expect(best.test!.roc_auc).toBeGreaterThan(0.99);

    const path = join(mkdtempSync(join(tmpdir(), 'looplab-keep-missing-')), 'bundle.zip');
    await writeRunBundle(path, plan, data, best, source, {
      file: 'keep.csv',
      sha256: 'cd'.repeat(32),
      appVersion: 'test',
      backend: 'cpu',
    });
    const bundle = decodeBundle(new Uint8Array(readFileSync(path)));
    // Serving: the test rows as records, read from the raw table (empty cells as sent by a form or a CSV).
    const testRows = Array.from(data.rowIds.test);
    const records = testRows.map((r) => ({ income: source.columns[0]![r]!, age: source.columns[1]![r]! }));
    const served = scoreBundle(bundle, records);
    const trees = predictGbdt(best.artifact.gbdt!, data.test.x, data.test.rows);
    expect(served.predictions.map((p) => p.score)).toEqual(testRows.map((_, i) => trees.values[2 * i + 1]));
    // Every test row with a missing income is routed to "yes" by the learned direction.
    const missingScores = served.predictions.filter((_, i) => records[i]!.income === '').map((p) => p.score!);
    expect(missingScores.length).toBeGreaterThan(20);
    expect(Math.min(...missingScores)).toBeGreaterThan(0.9);
  });

  it('are refused with the columns named when only networks are asked for', async () => {
    const { data } = experiment(table());
    const search = searchModels(data, {
      families: ['baseline', 'mlp'],
      strategy: 'grid',
      budgetMs: 10_000,
      seed: 3,
      metric: 'roc_auc',
      halving: true,
      scoreTest: 'none',
    });
    await expect(search).rejects.toThrow(MissingFeaturesError);
    await expect(search).rejects.toThrow(/"income" keeps missing values.*mlp needs them imputed/);
  });
});
