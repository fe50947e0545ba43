import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../src/cli/tf-node.ts';
import { scoreBundleTable } from '../../../src/core/bundle/index.ts';
import { serveFeatures } from '../../../src/core/experiment/index.ts';
import { rocAuc, rootMeanSquaredError } from '../../../src/core/metrics/index.ts';
import { DEFAULT_PARAMS } from '../../../src/core/models/model-params.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import { pickRows, type RetrainOutcome, type RetrainStep } from '../../../src/core/retrain/index.ts';
import { testRowsHash } from '../../../src/core/split/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';
import { runRetrainLoop, type RetrainLoopInput } from '../../../src/ml/retrain-loop.ts';
import {
  shuffledLabels,
  syntheticRegression,
  syntheticTable,
  trainChampion,
  type Champion,
} from './champion-fixture.ts';

beforeAll(async () => {
  await initNodeBackend('cpu');
});

function loopInput(
  champion: Champion,
  batch: RawTable,
  extra: Partial<RetrainLoopInput> = {},
): RetrainLoopInput {
  return {
    champion: champion.bundle,
    oldTable: champion.table,
    split: champion.split,
    batch,
    seed: 11,
    championSeed: champion.runSeed,
    ...extra,
  };
}

function completed(outcome: RetrainOutcome) {
  if (outcome.status !== 'completed') throw new Error(`expected a completed loop, got ${outcome.status}`);
  return outcome;
}

/** The label column as 0/1 (yes = 1) for the given rows. */
function labels(table: RawTable, rows: ArrayLike<number>): Float64Array {
  const cells = table.columns[table.names.indexOf('label')]!;
  return Float64Array.from(rows, (r) => (cells[r] === 'yes' ? 1 : 0));
}

describe('runRetrainLoop', () => {
  it('promotes a challenger trained on new signal over a champion trained on noise, with evidence that re-scores', async () => {
    // The champion's training labels are coin flips; its sealed test rows, and the new rows, follow the signal.
    const champion = await trainChampion(syntheticTable(500, 1), { seed: 7, noisyTraining: true });
    const batch = syntheticTable(600, 2);
    const seen: RetrainStep[] = [];
    const outcome = completed(await runRetrainLoop(loopInput(champion, batch), (s) => seen.push(s)));

    expect(outcome.decision.action).toBe('promote');
    expect(outcome.decision.alert).toBeUndefined();
    // New rows from the same distribution fall a little outside the old training range: warnings only.
    expect(new Set(outcome.validation.warnings.map((w) => w.kind))).toEqual(new Set(['out-of-range']));
    expect(outcome.steps.map((s) => `${s.step} ${s.status}`)).toEqual([
      'validate warning',
      'prepare passed',
      'train passed',
      'evaluate passed',
      'compare passed',
      'decide passed',
    ]);
    expect(seen).toEqual(outcome.steps);

    // The test set is exactly the champion's sealed rows: none of the new rows, the same hash.
    const { rowIds } = outcome.challenger;
    expect([...rowIds.test]).toEqual([...champion.testRows]);
    expect(testRowsHash(rowIds.test)).toBe(champion.bundle.lineage.testRowsHash);
    expect(outcome.challenger.lineage.testRowsHash).toBe(champion.bundle.lineage.testRowsHash);
    expect(outcome.newRows).toMatchObject({ batch: 600, added: 600, excluded: 0 });
    expect(outcome.newRows.train + outcome.newRows.validation).toBe(600);
    expect([...rowIds.train, ...rowIds.validation].filter((r) => r >= 500)).toHaveLength(600);

    // Independently: the champion through its bundle on the sealed rows, and the challenger through the
    // serving path (recipe replay + pipeline) on the same raw rows, both scored with rocAuc.
    const testTable = pickRows(champion.table, champion.testRows);
    const y = labels(champion.table, champion.testRows);
    const championScores = scoreBundleTable(champion.bundle, testTable).output;
    const championAuc = rocAuc(
      y,
      Float64Array.from(y, (_, i) => championScores.values[2 * i + 1]!),
    );
    const { challenger } = outcome;
    const served = serveFeatures(
      { recipe: challenger.recipe, recipeFitted: challenger.recipeFitted, pipeline: challenger.pipeline },
      Array.from(champion.testRows, (r) =>
        Object.fromEntries(champion.table.names.map((n, c) => [n, champion.table.columns[c]![r]!])),
      ),
      champion.table.names,
    );
    const output = predictArtifact(challenger.artifact, served.values, served.rows);
    const challengerAuc = rocAuc(
      y,
      Float64Array.from(y, (_, i) => output.values[2 * i + 1]!),
    );
    expect(outcome.champion.test.roc_auc).toBeCloseTo(championAuc, 12);
    expect(outcome.challenger.metrics.test.roc_auc).toBeCloseTo(challengerAuc, 12);
    expect(outcome.comparison).toMatchObject({ metric: 'roc_auc', champion: championAuc, promote: true });
    // Trained on noise, the champion is near chance; the challenger clearly is not.
    expect(championAuc).toBeLessThan(0.65);
    expect(challengerAuc).toBeGreaterThan(championAuc + 0.2);
    expect(outcome.comparison.checks.map((c) => [c.name, c.passed])).toEqual([
      ['better than champion', true],
      ['absolute bar', true],
    ]);

    // Deterministic for a seed: the same inputs give the same weights, metrics and decision.
    const again = completed(await runRetrainLoop(loopInput(champion, batch)));
    expect(again.challenger.artifact).toEqual(challenger.artifact);
    expect(again.comparison).toEqual(outcome.comparison);
    expect(again.decision).toEqual(outcome.decision);
  });

  it('keeps a strong champion when the new rows carry shuffled labels, and raises the alert', async () => {
    const champion = await trainChampion(syntheticTable(500, 1), { seed: 7 });
    const noise = shuffledLabels(syntheticTable(1500, 3), 3);
    const outcome = completed(await runRetrainLoop(loopInput(champion, noise)));

    expect(outcome.decision.action).toBe('keep');
    expect(outcome.decision.alert).toEqual({
      kind: 'retrain-kept-champion',
      message: outcome.decision.reason,
    });
    expect(outcome.decision.reason).toMatch(
      /^Keep the champion: Challenger ROC AUC [\d.]+ is not better than champion/,
    );
    const { comparison } = outcome;
    expect(comparison.challenger).toBeLessThan(comparison.champion);
    expect(comparison.checks.find((c) => c.name === 'better than champion')!.passed).toBe(false);
    // The champion re-scored on its sealed rows gives the test metric its bundle recorded.
    expect(outcome.champion.test.roc_auc).toBeCloseTo(champion.bundle.metrics.test!.roc_auc!, 12);
    expect(outcome.steps.map((s) => `${s.step} ${s.status}`).slice(-2)).toEqual([
      'compare warning',
      'decide warning',
    ]);
  });

  it('searches around a baseline champion (regression, lower RMSE is better) and runs the paired test', async () => {
    const champion = await trainChampion(syntheticRegression(400, 1), {
      seed: 7,
      target: 'value',
      params: DEFAULT_PARAMS.baseline,
      bar: 3,
    });
    const outcome = completed(
      await runRetrainLoop(
        loopInput(champion, syntheticRegression(300, 9), {
          search: { trials: 2, budgetMs: 600_000 },
          pairedSeeds: 3,
          maxEpochs: 30,
        }),
      ),
    );
    const { trials } = outcome.challenger;
    expect(trials.map((t) => t.params.family)).toEqual(['baseline', 'linear', 'mlp']);
    expect(trials[0]!.seed).toBe(champion.runSeed);
    expect(outcome.challenger.params.family).not.toBe('baseline');
    // The chosen trial has the lowest validation RMSE.
    expect(outcome.challenger.trial).toBe(trials.reduce((a, b) => (b.score < a.score ? b : a)).trial);
    expect(outcome.decision.action).toBe('promote');
    expect(outcome.comparison.higherIsBetter).toBe(false);
    expect(outcome.comparison.checks.map((c) => c.name)).toEqual([
      'better than champion',
      'absolute bar',
      'corrected paired t-test',
    ]);
    expect(outcome.comparison.paired!.seeds).toHaveLength(3);
    // The champion's RMSE, from its bundle on the sealed rows, recomputed here.
    const values = champion.table.columns[champion.table.names.indexOf('value')]!;
    const y = Float64Array.from(champion.testRows, (r) => Number(values[r]!));
    const predicted = scoreBundleTable(champion.bundle, pickRows(champion.table, champion.testRows)).output
      .values;
    expect(outcome.champion.test.rmse).toBeCloseTo(rootMeanSquaredError(y, predicted), 12);
    expect(outcome.comparison.challenger).toBeLessThan(outcome.comparison.champion);
  });

  it('refuses a batch that fails validation without training, and leaves sealed test rows sent back out', async () => {
    const champion = await trainChampion(syntheticTable(300, 4), { seed: 3 });
    const batch = syntheticTable(50, 5);
    const withoutX1: RawTable = { names: batch.names.slice(1), columns: batch.columns.slice(1) };
    const blocked = await runRetrainLoop(loopInput(champion, withoutX1));
    expect(blocked.status).toBe('blocked');
    expect(blocked.decision).toMatchObject({ action: 'keep', alert: { kind: 'retrain-blocked' } });
    expect(blocked.decision.reason).toContain('Column "x1" is missing');
    expect(blocked.steps.map((s) => `${s.step} ${s.status}`)).toEqual(['validate failed', 'decide failed']);

    // Five sealed test rows sent back as "new" data must not reach training.
    const copies = pickRows(champion.table, champion.testRows.slice(0, 5));
    const mixed: RawTable = {
      names: batch.names,
      columns: batch.columns.map((c, i) => [...c, ...copies.columns[i]!]),
    };
    const outcome = completed(await runRetrainLoop(loopInput(champion, mixed, { maxEpochs: 5 })));
    expect(outcome.newRows.leftOut).toEqual({ duplicateOfTest: 5, groupInTest: 0 });
    expect(outcome.newRows.added).toBe(50);
  });

  it('stops when the saved split no longer gives the sealed test rows, reporting the failed step', async () => {
    const champion = await trainChampion(syntheticTable(300, 4), { seed: 3 });
    const seen: RetrainStep[] = [];
    await expect(
      runRetrainLoop(
        loopInput(champion, syntheticTable(50, 5), { split: { ...champion.split, seed: 4 } }),
        (s) => seen.push(s),
      ),
    ).rejects.toThrow(/no longer gives the champion's sealed test rows/);
    expect(seen.map((s) => `${s.step} ${s.status}`)).toEqual(['validate warning', 'prepare failed']);
  });
});
