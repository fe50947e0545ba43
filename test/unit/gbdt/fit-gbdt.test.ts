import { describe, expect, it } from 'vitest';
import { fitGbdt } from '../../../src/core/gbdt/fit-gbdt.ts';
import type { FitGbdtOptions } from '../../../src/core/gbdt/fit-gbdt.ts';
import { predictGbdt, predictGbdtRaw } from '../../../src/core/gbdt/predict-gbdt.ts';
import { logLoss } from '../../../src/core/metrics/index.ts';
import { fitModel, leafNodes, makeData, nodeDepths, noisyBinary } from './gbdt-fixtures.ts';

/** One tree, no shrinkage, no penalty, no early stopping: leaves are plain mean residuals. */
const ONE_TREE = { maxIter: 1, learningRate: 1, l2: 0, minSamplesLeaf: 1, earlyStopping: null };

describe('fitGbdt', () => {
  it('fits a stump on separable data as worked by hand', () => {
    // Base score = mean(y) = 3, so the residuals y − 3 are −2 for x ≤ 3 and +2 above.
    const train = { x: Float32Array.of(1, 2, 3, 4, 5, 6), y: [1, 1, 1, 5, 5, 5], rows: 6 };
    const { model } = fitModel(train, 1, 'regression', { ...ONE_TREE, maxLeafNodes: 2 });
    expect(model.baseScore).toEqual([3]);
    const tree = model.trees[0]!;
    expect(tree.feature).toEqual([0, -1, -1]);
    // The edge between the distinct values 3 and 4.
    expect(tree.threshold[0]).toBe(3.5);
    expect(tree.left[0]).toBe(1);
    expect(tree.right[0]).toBe(2);
    expect(tree.value).toEqual([0, -2, 2]);
    expect(tree.count).toEqual([6, 3, 3]);
    // G_L²/H_L + G_R²/H_R − G²/H = 36/3 + 36/3 − 0.
    expect(tree.gain[0]).toBe(24);
    expect(Array.from(predictGbdtRaw(model, train.x, 6))).toEqual([1, 1, 1, 5, 5, 5]);
  });

  it('starts binary log loss from the prior log-odds, with leaves −ΣG/(ΣH+λ)·lr', () => {
    // x = 1: labels 0, 0, 0, 1; x = 2: labels 1, 1, 1, 1. Prior p = 5/8 everywhere.
    const train = { x: Float32Array.of(1, 1, 1, 1, 2, 2, 2, 2), y: [0, 0, 0, 1, 1, 1, 1, 1], rows: 8 };
    const l2 = 1;
    const learningRate = 0.1;
    const { model } = fitModel(train, 1, 'binary', { ...ONE_TREE, l2, learningRate });
    expect(model.baseScore[0]).toBeCloseTo(Math.log(5 / 3), 15);
    // g = p − y is 5/8 for a 0 and −3/8 for a 1; h = p(1 − p) = 15/64 for every row.
    const leftG = 3 * (5 / 8) - 3 / 8;
    const rightG = 4 * (-3 / 8);
    const h = 4 * (15 / 64);
    const tree = model.trees[0]!;
    expect(tree.threshold[0]).toBe(1.5);
    expect(tree.value[tree.left[0]!]).toBeCloseTo((-leftG / (h + l2)) * learningRate, 14);
    expect(tree.value[tree.right[0]!]).toBeCloseTo((-rightG / (h + l2)) * learningRate, 14);
    expect(tree.value[0]).toBeCloseTo((-(leftG + rightG) / (2 * h + l2)) * learningRate, 14);
  });

  it('is deterministic for a seed; the seed matters once rows or columns are subsampled', () => {
    const train = noisyBinary(600, 1);
    const fit = (seed: number, rowSubsample = 1, colSubsample = 1) =>
      JSON.stringify(
        fitModel(train, 4, 'binary', { maxIter: 15, rowSubsample, colSubsample }, { seed }).model,
      );
    expect(fit(1)).toBe(fit(1));
    // Without subsampling (and under 200,000 rows) nothing is random.
    expect(fit(2)).toBe(fit(1));
    expect(fit(1, 0.7, 0.5)).toBe(fit(1, 0.7, 0.5));
    expect(fit(2, 0.7, 0.5)).not.toBe(fit(1, 0.7, 0.5));
    expect(fit(2, 0.7, 1)).not.toBe(fit(1, 0.7, 1));
    expect(fit(2, 1, 0.5)).not.toBe(fit(1, 1, 0.5));
  });

  it('counts subsampled rows only, and still scores every row', () => {
    const train = noisyBinary(1000, 2);
    const { model } = fitModel(train, 4, 'binary', { maxIter: 3, rowSubsample: 0.5, earlyStopping: null });
    for (const tree of model.trees) expect(tree.count[0]).toBe(500);
  });

  it('early stopping keeps the best validation iteration', () => {
    // Noisy labels, a high learning rate and tiny leaves: the validation loss turns up after a while.
    const train = noisyBinary(400, 4);
    const validation = noisyBinary(400, 5);
    const result = fitModel(
      train,
      4,
      'binary',
      { maxIter: 300, learningRate: 0.5, minSamplesLeaf: 2, earlyStopping: { patience: 5, tol: 0 } },
      { validation },
    );
    const losses = result.history.map((h) => h.validationLoss!);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestIteration).toBe(best);
    expect(result.history.length).toBe(best + 5);
    expect(result.model.bestIteration).toBe(best);
    expect(result.model.trees.length).toBe(best);
    // The kept model scores the validation rows exactly as the best iteration did, by an independent metric.
    const proba = predictGbdt(result.model, validation.x, validation.rows).values;
    expect(logLoss(validation.y, proba, 2)).toBeCloseTo(losses[best - 1]!, 12);
  });

  it('without validation runs every iteration', () => {
    const result = fitModel(noisyBinary(200, 6), 4, 'binary', { maxIter: 7 });
    expect(result.history.map((h) => h.iteration)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(result.bestIteration).toBe(7);
    expect(result.stoppedEarly).toBe(false);
    // Training loss goes down.
    expect(result.history[6]!.trainLoss).toBeLessThan(result.history[0]!.trainLoss);
  });

  it('stops when onIteration returns false or the signal is aborted, keeping what it has', () => {
    const train = noisyBinary(200, 7);
    const fit = (options: Partial<FitGbdtOptions>) => fitModel(train, 4, 'binary', { maxIter: 50 }, options);
    const byCallback = fit({ onIteration: (record) => record.iteration < 3 });
    expect(byCallback.cancelled).toBe(true);
    expect(byCallback.history.length).toBe(3);
    expect(byCallback.model.trees.length).toBe(3);
    const signal = { aborted: false };
    const bySignal = fit({
      signal,
      onIteration: (record) => void (signal.aborted = record.iteration === 4),
    });
    expect(bySignal.cancelled).toBe(true);
    expect(bySignal.bestIteration).toBe(4);
  });

  it('depth-wise growth respects maxDepth and fills the levels', () => {
    const params = {
      maxIter: 5,
      growth: 'depth-wise',
      maxDepth: 3,
      maxLeafNodes: null,
      minSamplesLeaf: 5,
    } as const;
    const { model } = fitModel(noisyBinary(2000, 8), 4, 'binary', params);
    for (const tree of model.trees) {
      const depths = nodeDepths(tree);
      expect(Math.max(...leafNodes(tree).map((n) => depths[n]!))).toBe(3);
    }
    // The first tree has plenty of rows and signal: a full binary tree of depth 3.
    expect(leafNodes(model.trees[0]!).length).toBe(8);
  });

  it('leaf-wise growth respects maxLeafNodes, and every leaf keeps minSamplesLeaf rows', () => {
    const params = { maxIter: 5, maxLeafNodes: 7, minSamplesLeaf: 60 };
    const { model } = fitModel(noisyBinary(2000, 9), 4, 'binary', params);
    for (const tree of model.trees) {
      const leaves = leafNodes(tree);
      expect(leaves.length).toBeLessThanOrEqual(7);
      for (const leaf of leaves) expect(tree.count[leaf]!).toBeGreaterThanOrEqual(60);
    }
    expect(leafNodes(model.trees[0]!).length).toBe(7);
  });

  it('learns a three-class problem with softmax probabilities that sum to 1', () => {
    const centres = [
      [0, 0],
      [3, 0],
      [0, 3],
    ];
    const blobs = (rows: number, seed: number) =>
      makeData(rows, 2, seed, (rng, f) => {
        const k = rng.int(0, 2);
        f[0] = centres[k]![0]! + rng.normal(0, 0.6);
        f[1] = centres[k]![1]! + rng.normal(0, 0.6);
        return k;
      });
    const train = blobs(600, 10);
    const test = blobs(300, 11);
    const { model } = fitModel(train, 2, 'multiclass', {}, { validation: blobs(200, 12) });
    expect(model.outputs).toBe(3);
    expect(model.trees.length).toBe(3 * model.bestIteration);
    const out = predictGbdt(model, test.x, test.rows);
    expect(out.kind).toBe('proba');
    let correct = 0;
    for (let r = 0; r < test.rows; r++) {
      const p = Array.from(out.values.subarray(3 * r, 3 * r + 3));
      expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 14);
      if (p.indexOf(Math.max(...p)) === test.y[r]) correct++;
    }
    expect(correct / test.rows).toBeGreaterThan(0.95);
  });

  it('learns y = sin(x) far better than the mean', () => {
    const sine = (rows: number, seed: number) =>
      makeData(rows, 1, seed, (rng, f) => {
        f[0] = rng.next() * 6 - 3;
        return Math.sin(f[0]);
      });
    const train = sine(1000, 13);
    const test = sine(500, 14);
    const { model } = fitModel(train, 1, 'regression', { minSamplesLeaf: 5 });
    const out = predictGbdt(model, test.x, test.rows);
    let mean = 0;
    for (let r = 0; r < test.rows; r++) mean += test.y[r]! / test.rows;
    let sse = 0;
    let sst = 0;
    for (let r = 0; r < test.rows; r++) {
      sse += (out.values[r]! - test.y[r]!) ** 2;
      sst += (mean - test.y[r]!) ** 2;
    }
    expect(1 - sse / sst).toBeGreaterThan(0.99);
  });

  it('rejects bad targets and shapes, naming the row or field', () => {
    const x = Float32Array.of(1, 2, 3);
    const fit = (y: number[], task: 'binary' | 'regression' = 'binary', rows = 3) =>
      fitGbdt({ train: { x, y, rows }, cols: 1, task, classes: 2, seed: 1 });
    expect(() => fit([0, 2, 1])).toThrow('fitGbdt: train target of row 1 is 2; expected a class index 0 … 1');
    expect(() => fit([0, NaN, 1], 'regression')).toThrow(
      'train target of row 1 is NaN; expected a finite number',
    );
    expect(() => fit([0, 1], 'binary', 2)).toThrow('train x has 3 values; expected 2 rows × 1 columns');
    expect(() =>
      fitGbdt({
        train: { x, y: [0, 1, 0], rows: 3 },
        cols: 1,
        task: 'binary',
        classes: 2,
        seed: 1,
        params: { maxBins: 300 },
      }),
    ).toThrow('GBDT parameter maxBins must be an integer in [2, 255], got 300');
  });
});
