/**
 * Bench-only worker: the floor under the app's real-time prediction. It decodes the version the app exported,
 * starts tfjs on wasm exactly as the app's workers do (workers/tf-backend.ts: no wasm threads), and times,
 * one row per call:
 *   - `model.predict(tensor [1, inputDim]).dataSync()` on a tf.sequential carrying the artifact's weights
 *     (input tensor made and everything disposed in each call; and, apart, predict alone on a kept tensor);
 *   - `scoreBundle(bundle, [record])`: the serve worker's own path (recipe replay, features, float64 forward
 *     pass), without messaging;
 *   - `predictArtifact` on the row's ready features: the model part of scoreBundle alone.
 * It also answers ping-pong messages (an echo, and a record scored by scoreBundle), so the page can time a
 * bare postMessage round trip. Not part of the app.
 */
import * as tf from '@tensorflow/tfjs';
import { bundleColumns, decodeBundle, scoreBundle, type ModelBundle } from '../../src/core/bundle/index.ts';
import { serveFeatures } from '../../src/core/experiment/serve-features.ts';
import type { ModelArtifact } from '../../src/core/models/model-artifact.ts';
import { predictArtifact } from '../../src/core/models/predict-artifact.ts';
import { initBackend } from '../../workers/tf-backend.ts';
import { stats, timerResolutionMs, type Stats } from './stats.ts';

export interface FloorRequest {
  type: 'floor';
  bundle: Uint8Array;
  records: Record<string, string>[];
  calls: number;
  warmup: number;
}
export type PingRequest =
  | { type: 'echo'; id: number; record: Record<string, string> }
  | { type: 'score'; id: number; record: Record<string, string> };
export type WorkerRequest = FloorRequest | PingRequest;

export interface FloorResult {
  type: 'floor';
  backend: string;
  wasm: { simd: boolean; threads: boolean };
  crossOriginIsolated: boolean;
  timerResolutionMs: number;
  decodeMs: number;
  model: { family: string; hidden: number[]; activation: string; inputDim: number; outputDim: number };
  /** Records the recipe kept (a dropped record has no features to predict on). */
  recordsKept: number;
  /** tensor2d + predict + dataSync + dispose, per call. */
  tfPredict: Stats;
  /** predict + dataSync on an input tensor made once. */
  tfPredictOnly: Stats;
  scoreBundle: Stats;
  predictArtifact: Stats;
  /** Largest |tf score − scoreBundle score| over the timed calls, and how many calls were compared. */
  maxAbsDiff: number;
  compared: number;
}
export type WorkerReply =
  | FloorResult
  | { type: 'echo'; id: number }
  | { type: 'score'; id: number; score: number | undefined }
  | { type: 'error'; message: string };

// Typed through a narrow shape, so the file also compiles under tsconfig.node (DOM lib, no WebWorker lib).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
  crossOriginIsolated?: boolean;
};

let bundle: ModelBundle | undefined;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'echo') {
    scope.postMessage({ type: 'echo', id: message.id });
  } else if (message.type === 'score') {
    const scored = scoreBundle(bundle!, [message.record]).predictions[0];
    scope.postMessage({ type: 'score', id: message.id, score: scored?.score ?? scored?.value });
  } else {
    floor(message).then(
      (result) => scope.postMessage(result),
      (error: unknown) =>
        scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }
};

/** The artifact's dense layers as a tfjs-layers model; the output activation gives scores, not logits. */
function buildNetwork(artifact: ModelArtifact): tf.Sequential {
  const layers = artifact.weights.length / 2;
  const model = tf.sequential();
  for (let l = 0; l < layers; l++) {
    const w = artifact.weights[2 * l]!;
    const b = artifact.weights[2 * l + 1]!;
    const last = l === layers - 1;
    const outputActivation =
      artifact.task === 'binary' ? 'sigmoid' : artifact.task === 'multiclass' ? 'softmax' : 'linear';
    const layer = tf.layers.dense({
      units: w.shape[1]!,
      activation: last ? outputActivation : artifact.params.activation,
      ...(l === 0 ? { inputShape: [artifact.inputDim] } : {}),
    });
    model.add(layer);
    layer.setWeights([
      tf.tensor2d(Float32Array.from(w.values), [w.shape[0]!, w.shape[1]!]),
      tf.tensor1d(Float32Array.from(b.values)),
    ]);
  }
  return model;
}

/** The score the app shows for one network output row: P(positive), the top class's probability, or the value. */
function tfScore(artifact: ModelArtifact, out: Float32Array | Int32Array | Uint8Array): number {
  if (artifact.task === 'regression') {
    const { mean, sd } = artifact.targetScale ?? { mean: 0, sd: 1 };
    return out[0]! * sd + mean;
  }
  return artifact.task === 'binary' ? out[0]! : Math.max(...out);
}

async function floor(request: FloorRequest): Promise<FloorResult> {
  const report = await initBackend({ order: ['wasm'] });
  let started = performance.now();
  bundle = decodeBundle(request.bundle);
  const decodeMs = performance.now() - started;
  const artifact = bundle.model;
  if (artifact.params.family === 'baseline')
    throw new Error('The exported version is a baseline: no network.');
  const { records, calls, warmup } = request;
  const features = serveFeatures(bundle, records, bundleColumns(bundle));
  if (features.rows === 0) throw new Error('The recipe dropped every record.');
  const dim = features.cols;
  const rowOf = (i: number) =>
    features.values.subarray((i % features.rows) * dim, ((i % features.rows) + 1) * dim);
  const network = buildNetwork(artifact);

  // model.predict, one row per call, the tensors made and freed in the call.
  const tfOnce = (i: number) => {
    const x = tf.tensor2d(rowOf(i), [1, dim]);
    const y = network.predict(x) as tf.Tensor;
    const out = y.dataSync();
    x.dispose();
    y.dispose();
    return out;
  };
  for (let i = 0; i < warmup; i++) tfOnce(i);
  const tfMs: number[] = [];
  const tfScores: number[] = [];
  for (let i = 0; i < calls; i++) {
    started = performance.now();
    const out = tfOnce(i);
    tfMs.push(performance.now() - started);
    tfScores.push(tfScore(artifact, out));
  }
  const kept = tf.tensor2d(rowOf(0), [1, dim]);
  const predictOnly = () => {
    const y = network.predict(kept) as tf.Tensor;
    y.dataSync();
    y.dispose();
  };
  for (let i = 0; i < warmup; i++) predictOnly();
  const onlyMs: number[] = [];
  for (let i = 0; i < calls; i++) {
    started = performance.now();
    predictOnly();
    onlyMs.push(performance.now() - started);
  }
  kept.dispose();
  network.dispose();

  // scoreBundle on the raw record, as the serve worker does for each request.
  const kept2record = (i: number) => records[features.kept[i % features.rows]!]!;
  for (let i = 0; i < warmup; i++) scoreBundle(bundle, [kept2record(i)]);
  const scoreMs: number[] = [];
  let maxAbsDiff = 0;
  for (let i = 0; i < calls; i++) {
    const record = kept2record(i);
    started = performance.now();
    const scored = scoreBundle(bundle, [record]);
    scoreMs.push(performance.now() - started);
    const p = scored.predictions[0];
    const score = p?.score ?? p?.value;
    if (score !== undefined) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(score - tfScores[i]!));
  }

  // The float64 forward pass alone, on the row's ready features.
  for (let i = 0; i < warmup; i++) predictArtifact(artifact, rowOf(i), 1);
  const artifactMs: number[] = [];
  for (let i = 0; i < calls; i++) {
    const row = rowOf(i);
    started = performance.now();
    predictArtifact(artifact, row, 1);
    artifactMs.push(performance.now() - started);
  }

  return {
    type: 'floor',
    backend: report.backend,
    wasm: {
      simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
      threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
    },
    crossOriginIsolated: scope.crossOriginIsolated === true,
    timerResolutionMs: timerResolutionMs(),
    decodeMs,
    model: {
      family: artifact.params.family,
      hidden: artifact.params.hidden,
      activation: artifact.params.activation,
      inputDim: artifact.inputDim,
      outputDim: artifact.outputDim,
    },
    recordsKept: features.rows,
    tfPredict: stats(tfMs),
    tfPredictOnly: stats(onlyMs),
    scoreBundle: stats(scoreMs),
    predictArtifact: stats(artifactMs),
    maxAbsDiff,
    compared: calls,
  };
}
