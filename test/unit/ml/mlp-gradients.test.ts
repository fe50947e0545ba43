import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../src/cli/tf-node.ts';
import { createRng } from '../../../src/core/random.ts';
import { mlpGradients, mlpLoss, type NetworkShape } from '../../../src/ml/mlp-gradients.ts';

beforeAll(async () => {
  await initNodeBackend('cpu');
});

/** A 4-6-5-K network with random weights, and a batch of 9 rows with targets for the task. */
function network(task: NetworkShape['task'], seed: number) {
  const rng = createRng(seed);
  const k = task === 'multiclass' ? 3 : 1;
  const widths = [4, 6, 5, k];
  const params: tf.Tensor[] = [];
  for (let l = 0; l < 3; l++) {
    params.push(
      tf.tensor2d(
        Array.from({ length: widths[l]! * widths[l + 1]! }, () => rng.normal(0, 0.7)),
        [widths[l]!, widths[l + 1]!],
      ),
    );
    params.push(tf.tensor1d(Array.from({ length: widths[l + 1]! }, () => rng.normal(0, 0.3))));
  }
  const x = tf.tensor2d(
    Array.from({ length: 9 * 4 }, () => rng.normal()),
    [9, 4],
  );
  const y =
    task === 'multiclass'
      ? tf
          .oneHot(
            tf.tensor1d(
              Array.from({ length: 9 }, () => rng.int(0, 2)),
              'int32',
            ),
            3,
          )
          .toFloat()
      : tf.tensor2d(
          Array.from({ length: 9 }, () => (task === 'binary' ? rng.int(0, 1) : rng.normal(0, 2))),
          [9, 1],
        );
  return { params, x, y: y as tf.Tensor2D };
}

describe('mlpGradients', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    for (const activation of ['relu', 'tanh'] as const) {
      it(`equals autodiff of the loss (${task}, ${activation}, with L2)`, async () => {
        const { params, x, y } = network(task, task.length + activation.length);
        const shape: NetworkShape = { task, activation, l2: 0.01, dropout: 0 };
        const manual = tf.tidy(() => mlpGradients(params, x, y, shape));
        const auto = tf.grads((...p: tf.Tensor[]) => mlpLoss(p, x, y, shape))(params);
        for (let i = 0; i < params.length; i++) {
          const [a, b] = [await manual[i]!.data(), await auto[i]!.data()];
          expect(manual[i]!.shape).toEqual(params[i]!.shape);
          for (let j = 0; j < a.length; j++) expect(a[j]!).toBeCloseTo(b[j]!, 5);
        }
      });
    }
  }

  it('with dropout, drops about the given share of hidden units, the same ones for the same seed', async () => {
    const { params, x, y } = network('binary', 1);
    const shape: NetworkShape = { task: 'binary', activation: 'relu', l2: 0, dropout: 0.5 };
    const a = tf.tidy(() => mlpGradients(params, x, y, shape, 7));
    const b = tf.tidy(() => mlpGradients(params, x, y, shape, 7));
    const c = tf.tidy(() => mlpGradients(params, x, y, shape, 8));
    expect(await a[4]!.data()).toEqual(await b[4]!.data());
    expect(await a[4]!.data()).not.toEqual(await c[4]!.data());
  });
});
