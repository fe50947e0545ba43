/**
 * Backpropagation for a dense network, written out by hand rather than taken from tfjs's tape. It computes
 * the same gradients as autodiff of the loss (a unit test checks this against `tf.variableGrads`), with about
 * half the tensor ops a step: on wasm and cpu the per-op overhead, not the arithmetic, bounds training speed
 * at these sizes.
 *
 * Loss (mean over the batch): sigmoid cross-entropy (binary), softmax cross-entropy (multiclass) or squared
 * error (regression), plus l2 / 2 · Σ w² over the weight matrices (not the biases).
 */
import * as tf from '@tensorflow/tfjs';
import type { TaskType } from '../core/problem/problem-card.ts';

export interface NetworkShape {
  task: TaskType;
  activation: 'relu' | 'tanh';
  l2: number;
  dropout: number;
}

/**
 * Gradients of the loss for one batch, in the order [w0, b0, w1, b1, …]. Call inside `tf.tidy`.
 *
 * @param dropoutSeed With dropout > 0: seeds layer l's mask with `dropoutSeed + l` (inverted dropout).
 */
export function mlpGradients(
  params: readonly tf.Tensor[],
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  shape: NetworkShape,
  dropoutSeed?: number,
): tf.Tensor[] {
  const layers = params.length / 2;
  const n = x.shape[0];
  const tanh = shape.activation === 'tanh';
  const keep = 1 - shape.dropout;
  // inputs[l] is what layer l multiplies (after the previous layer's activation and dropout).
  const inputs: tf.Tensor2D[] = [x];
  const activations: tf.Tensor2D[] = [];
  const masks: (tf.Tensor2D | null)[] = [];
  let logits = x;
  for (let l = 0; l < layers; l++) {
    const last = l === layers - 1;
    const z = tf.fused.matMul({
      a: inputs[l]!,
      b: params[2 * l] as tf.Tensor2D,
      bias: params[2 * l + 1],
      activation: last || tanh ? 'linear' : 'relu',
    }) as tf.Tensor2D;
    if (last) {
      logits = z;
      break;
    }
    const a = tanh ? (tf.tanh(z) as tf.Tensor2D) : z;
    activations.push(a);
    if (dropoutSeed !== undefined && shape.dropout > 0) {
      const uniform = tf.randomUniform(a.shape, 0, 1, 'float32', dropoutSeed + l);
      const mask = tf.mul(tf.step(tf.sub(uniform, shape.dropout)), 1 / keep) as tf.Tensor2D;
      masks.push(mask);
      inputs.push(tf.mul(a, mask) as tf.Tensor2D);
    } else {
      masks.push(null);
      inputs.push(a);
    }
  }
  // d(loss)/d(logits), the loss being a mean over the batch.
  let dz: tf.Tensor2D;
  if (shape.task === 'regression') dz = tf.mul(tf.sub(logits, y), 2 / n) as tf.Tensor2D;
  else if (shape.task === 'binary') dz = tf.mul(tf.sub(tf.sigmoid(logits), y), 1 / n) as tf.Tensor2D;
  else dz = tf.mul(tf.sub(tf.softmax(logits), y), 1 / n) as tf.Tensor2D;

  const grads: tf.Tensor[] = new Array<tf.Tensor>(params.length);
  for (let l = layers - 1; l >= 0; l--) {
    const w = params[2 * l] as tf.Tensor2D;
    // Explicit transposes: tfjs-wasm's matMul with a transposed operand takes a path about 8× slower than a
    // transpose followed by a plain matMul (measured at 256×30 × 256×64).
    let dw: tf.Tensor = tf.matMul(tf.transpose(inputs[l]!), dz);
    if (shape.l2 > 0) dw = tf.add(dw, tf.mul(w, shape.l2));
    grads[2 * l] = dw;
    grads[2 * l + 1] = tf.sum(dz, 0);
    if (l === 0) break;
    let dh = tf.matMul(dz, tf.transpose(w));
    const mask = masks[l - 1];
    if (mask) dh = tf.mul(dh, mask);
    const a = activations[l - 1]!;
    // relu'(z) is 1 where the output is positive; tanh'(z) = 1 − tanh².
    const derivative = tanh ? tf.sub(1, tf.square(a)) : tf.step(a);
    dz = tf.mul(dh, derivative) as tf.Tensor2D;
  }
  return grads;
}

/** The same loss as a function of the parameters, for autodiff (the reference the unit test compares with). */
export function mlpLoss(
  params: readonly tf.Tensor[],
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  shape: NetworkShape,
): tf.Scalar {
  const layers = params.length / 2;
  let h: tf.Tensor2D = x;
  for (let l = 0; l < layers; l++) {
    const z = tf.add(tf.matMul(h, params[2 * l] as tf.Tensor2D), params[2 * l + 1]!) as tf.Tensor2D;
    h = l === layers - 1 ? z : shape.activation === 'tanh' ? tf.tanh(z) : tf.relu(z);
  }
  let loss: tf.Scalar;
  if (shape.task === 'regression') loss = tf.losses.meanSquaredError(y, h) as tf.Scalar;
  else if (shape.task === 'binary') loss = tf.losses.sigmoidCrossEntropy(y, h) as tf.Scalar;
  else loss = tf.losses.softmaxCrossEntropy(y, h) as tf.Scalar;
  if (shape.l2 > 0) {
    const penalty = tf.addN(params.filter((_, i) => i % 2 === 0).map((w) => tf.sum(tf.square(w))));
    loss = tf.add(loss, tf.mul(penalty, shape.l2 / 2));
  }
  return loss;
}
