import * as tf from '@tensorflow/tfjs';
import type { ModelArtifact } from '../core/models/model-artifact.ts';
import type { ModelOutput } from '../core/models/model-output.ts';
import { outputFromLogits, predictArtifact } from '../core/models/predict-artifact.ts';

const CHUNK = 8192;

/**
 * Predicts with a stored artifact on the current tfjs backend (the same arithmetic as training's forward
 * pass). Baselines need no tensors.
 */
export async function predictNetwork(
  artifact: ModelArtifact,
  x: Float32Array,
  rows: number,
): Promise<ModelOutput> {
  // Baselines, trees and ensembles need no tensors: their float64 prediction is the one they serve with.
  const family = artifact.params.family;
  if (family === 'baseline' || family === 'gbdt' || family === 'ensemble')
    return predictArtifact(artifact, x, rows);
  const weights = artifact.weights.map((w) => tf.tensor(Float32Array.from(w.values), w.shape));
  try {
    const layers = weights.length / 2;
    const logits = new Float32Array(rows * artifact.outputDim);
    for (let start = 0; start < rows; start += CHUNK) {
      const end = Math.min(rows, start + CHUNK);
      const out = tf.tidy(() => {
        let h = tf.tensor2d(x.subarray(start * artifact.inputDim, end * artifact.inputDim), [
          end - start,
          artifact.inputDim,
        ]);
        for (let l = 0; l < layers; l++) {
          const last = l === layers - 1;
          const tanh = artifact.params.activation === 'tanh';
          h = tf.fused.matMul({
            a: h,
            b: weights[2 * l] as tf.Tensor2D,
            bias: weights[2 * l + 1],
            activation: last || tanh ? 'linear' : 'relu',
          }) as tf.Tensor2D;
          if (!last && tanh) h = tf.tanh(h);
        }
        return h;
      });
      logits.set(await out.data(), start * artifact.outputDim);
      out.dispose();
    }
    return outputFromLogits(artifact, logits, rows);
  } finally {
    for (const w of weights) w.dispose();
  }
}
