/**
 * The tfjs trainer in Node, on the cpu and wasm backends. Checked against independent references: a second
 * forward pass in plain float64 (predictArtifact), least squares for a linear problem, and itself rerun
 * from the same seed (reproducibility: identical metrics).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../src/cli/tf-node.ts';
import { metricScorer } from '../../../src/core/models/evaluate-output.ts';
import { resolveParams, type ModelParams } from '../../../src/core/models/model-params.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import type { TrainingData } from '../../../src/core/models/training-data.ts';
import { createRng } from '../../../src/core/random.ts';
import { NetworkTrainer } from '../../../src/ml/network-trainer.ts';
import { retrainRun } from '../../../src/ml/retrain-run.ts';
import { TrainTensors } from '../../../src/ml/train-tensors.ts';

const COLS = 5;

/** y = 1 when a fixed linear score plus noise is positive; or, for regression, y = 3 + 2·x0 − x1 exactly. */
function dataset(task: 'binary' | 'regression' | 'multiclass', rows: number, seed: number): TrainingData {
  const rng = createRng(seed);
  const make = (n: number) => {
    const x = new Float32Array(n * COLS);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    const y = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const [a, b, c] = [x[r * COLS]!, x[r * COLS + 1]!, x[r * COLS + 2]!];
      if (task === 'regression') y[r] = 3 + 2 * a - b;
      else if (task === 'binary') y[r] = a - 0.5 * b + 0.3 * rng.normal() > 0 ? 1 : 0;
      else y[r] = a > 0.5 ? 2 : c > 0 ? 1 : 0;
    }
    return { x, y, rows: n };
  };
  return {
    task,
    classes: task === 'binary' ? 2 : task === 'multiclass' ? 3 : 0,
    cols: COLS,
    train: make(rows),
    validation: make(Math.floor(rows / 4)),
  };
}

async function train(data: TrainingData, params: ModelParams, seed: number, epochs: number[]) {
  const tensors = new TrainTensors(data);
  const metric = data.task === 'regression' ? 'r2' : data.task === 'binary' ? 'roc_auc' : 'f1_macro';
  const trainer = new NetworkTrainer(tensors, params, seed, { score: metricScorer(data.task, metric) });
  try {
    for (const e of epochs) await trainer.trainTo(e);
    await trainer.finish();
    const tfOutput = await trainer.predict(data.validation.x, data.validation.rows);
    // Everything but the wall-clock time of each epoch is deterministic.
    const history = trainer.history.map(({ elapsedMs: _elapsed, ...rest }) => rest);
    return { history, artifact: await trainer.artifact(), tfOutput, bestEpoch: trainer.bestEpoch };
  } finally {
    trainer.dispose();
    tensors.dispose();
  }
}

const mlp = resolveParams({
  family: 'mlp',
  hidden: [16, 8],
  dropout: 0.2,
  l2: 1e-4,
  epochs: 6,
  batchSize: 32,
  patience: 100,
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`NetworkTrainer on ${backend}`, () => {
    beforeAll(async () => {
      expect(await initNodeBackend(backend)).toBe(backend);
    });

    it('reproduces a run from its params and seed: identical history, weights and metrics', async () => {
      const data = dataset('binary', 600, 1);
      const first = await train(data, mlp, 42, [6]);
      const second = await train(data, mlp, 42, [6]);
      expect(second.history).toEqual(first.history);
      expect(second.artifact.weights).toEqual(first.artifact.weights);
      const other = await train(data, mlp, 43, [6]);
      expect(other.artifact.weights).not.toEqual(first.artifact.weights);
    });

    it('training in halving rungs (2, then 4, then 6 epochs) equals training 6 epochs straight', async () => {
      const data = dataset('multiclass', 500, 2);
      const straight = await train(data, mlp, 7, [6]);
      const rungs = await train(data, mlp, 7, [2, 4, 6]);
      expect(rungs.history).toEqual(straight.history);
      expect(rungs.artifact.weights).toEqual(straight.artifact.weights);
    });

    it('retrainRun (the rerun path) gives the validation metrics of the original training', async () => {
      const data = dataset('binary', 400, 3);
      const a = await retrainRun(data, mlp, 11, 5, 'roc_auc');
      const b = await retrainRun(data, mlp, 11, 5, 'roc_auc');
      expect(b.validation).toEqual(a.validation);
      expect(a.history).toHaveLength(5);
    });

    it('predicts what a plain float64 forward pass of its artifact predicts', async () => {
      for (const task of ['binary', 'multiclass', 'regression'] as const) {
        const data = dataset(task, 300, 4);
        const { artifact, tfOutput } = await train(data, mlp, 5, [3]);
        const reference = predictArtifact(artifact, data.validation.x, data.validation.rows);
        expect(tfOutput.values.length).toBe(reference.values.length);
        const scale = task === 'regression' ? Math.abs(artifact.targetScale!.sd) : 1;
        for (let i = 0; i < reference.values.length; i++)
          expect(Math.abs(tfOutput.values[i]! - reference.values[i]!)).toBeLessThan(1e-5 * scale);
      }
    });

    it('linear regression recovers the least-squares solution of a noiseless problem', async () => {
      const data = dataset('regression', 2000, 5);
      const linear = resolveParams({
        family: 'linear',
        l2: 0,
        learningRate: 0.05,
        epochs: 40,
        batchSize: 64,
        patience: 100,
      });
      const { artifact } = await train(data, linear, 1, [40]);
      // y = 3 + 2·x0 − x1 exactly, so least squares is that; in the network's units the target is
      // standardized: w = coef / sd, b = (3 − mean) / sd.
      const { mean, sd } = artifact.targetScale!;
      const w = artifact.weights[0]!.values.map((v) => v * sd);
      const b = artifact.weights[1]!.values[0]! * sd + mean;
      expect(w[0]).toBeCloseTo(2, 2);
      expect(w[1]).toBeCloseTo(-1, 2);
      for (const v of w.slice(2)) expect(Math.abs(v)).toBeLessThan(0.01);
      expect(b).toBeCloseTo(3, 2);
    });

    it('keeps the best epoch by validation loss and stops after `patience` epochs without one', async () => {
      const data = dataset('binary', 300, 6);
      // A learning rate this high diverges after a few epochs, so early stopping must fire.
      const wild = resolveParams({
        family: 'mlp',
        hidden: [32],
        epochs: 50,
        patience: 3,
        learningRate: 0.5,
        batchSize: 16,
        dropout: 0,
        l2: 0,
      });
      const { history, bestEpoch } = await train(data, wild, 3, [50]);
      const losses = history.map((h) => h.validationLoss);
      const best = losses.reduce((b, l, i) => (l < losses[b]! ? i : b), 0);
      expect(bestEpoch).toBe(best + 1);
      expect(history.length).toBeLessThan(50);
      expect(history.length - bestEpoch).toBe(3);
    });

    it('disposes what it allocates', async () => {
      const before = tf.memory().numTensors;
      await train(dataset('binary', 200, 7), mlp, 1, [2]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
