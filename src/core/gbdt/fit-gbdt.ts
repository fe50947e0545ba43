import type { TaskType } from '../problem/problem-card.ts';
import { createRng } from '../random.ts';
import { binFeatures, sampleBinningRows, sampleWithoutReplacement } from './bin-features.ts';
import { checkGbdtData } from './check-gbdt-data.ts';
import { earlyStopper } from './early-stopping.ts';
import { flatLeaf, flattenForest, type FlatForest } from './flat-forest.ts';
import type { GbdtModel, GbdtTree } from './gbdt-model.ts';
import { gbdtObjective } from './gbdt-objective.ts';
import { resolveGbdtParams } from './gbdt-params.ts';
import type { GbdtParams } from './gbdt-params.ts';
import { TreeGrower } from './tree-grower.ts';
import type { GrownTree } from './tree-grower.ts';

/** Rows to learn from or validate on: row-major features (NaN = missing) and targets. */
export interface GbdtData {
  /** rows × cols, row-major. */
  x: Float32Array;
  /** Class index 0 … classes − 1 for classification, the value for regression. */
  y: ArrayLike<number>;
  rows: number;
}

/** One boosting iteration's losses (log loss, or mean squared error for regression). */
export interface GbdtIterationRecord {
  /** 1 for the first iteration. */
  iteration: number;
  trainLoss: number;
  validationLoss?: number;
}

export interface FitGbdtOptions {
  train: GbdtData;
  /** Rows for early stopping; without them every one of maxIter iterations is kept. */
  validation?: GbdtData;
  cols: number;
  task: TaskType;
  /** Number of classes (2 for binary); ignored for regression. */
  classes: number;
  params?: Partial<GbdtParams>;
  /** Seeds the binning sample and the row and column subsamples. */
  seed: number | string;
  /** Called after every iteration, for progress; returning false stops the fit (as a cancel). */
  onIteration?: (record: GbdtIterationRecord) => boolean | void;
  /** Checked before every iteration; an AbortSignal fits. */
  signal?: { readonly aborted: boolean };
  /**
   * Per training row, a weight on its gradient and hessian (sklearn's `sample_weight`; class weights for
   * imbalanced targets). The reported losses stay unweighted.
   */
  sampleWeight?: Float64Array;
}

export interface GbdtFitResult {
  model: GbdtModel;
  history: GbdtIterationRecord[];
  /** Iterations kept in the model. */
  bestIteration: number;
  /** Early stopping ended the fit before maxIter. */
  stoppedEarly: boolean;
  /** onIteration or the signal ended the fit; the model keeps what was best so far. */
  cancelled: boolean;
}

/**
 * Fits histogram gradient-boosted trees (sklearn's HistGradientBoosting, LightGBM): features binned once
 * into at most 255 quantile bins, one tree per output and iteration grown on gradient/hessian histograms,
 * missing values routed by a learned direction at every split, early stopping on the validation loss
 * keeping the best iteration's trees. The same inputs and seed give the same model, bit for bit.
 *
 * @throws RangeError for bad parameters, shapes or targets, naming the field or row.
 * @example
 * const { model } = fitGbdt({ train: { x, y, rows }, validation, cols, task: 'binary', classes: 2, seed: 42 });
 * predictGbdt(model, x, rows);
 */
export function fitGbdt(options: FitGbdtOptions): GbdtFitResult {
  const { train, cols, task, seed, onIteration, signal } = options;
  // No validation rows means no validation loss to stop on.
  const validation = options.validation?.rows ? options.validation : undefined;
  const params = resolveGbdtParams(options.params);
  const classes = task === 'regression' ? 0 : options.classes;
  checkGbdtData(train, 'train', cols, task, classes);
  if (validation) checkGbdtData(validation, 'validation', cols, task, classes);
  const rng = createRng(seed);
  const rowRng = rng.fork('gbdt rows');
  const colRng = rng.fork('gbdt columns');
  const rows = train.rows;
  const binned = binFeatures(
    train.x,
    rows,
    cols,
    params.maxBins,
    sampleBinningRows(rows, rng.fork('gbdt bins')),
  );
  const objective = gbdtObjective(task, classes);
  const outputs = objective.outputs;
  const grower = new TreeGrower(binned, params, objective.unitHessian && !options.sampleWeight);

  const baseScore = objective.baseScore(train.y);
  const raw = filledScores(rows, baseScore);
  const validationRaw = validation ? filledScores(validation.rows, baseScore) : null;
  const validationLoss = () => (validation ? objective.loss(validationRaw!, validation.y) : undefined);
  const grad = new Float64Array(rows * outputs);
  const hess = new Float64Array(rows * outputs);
  const allRows = Uint32Array.from({ length: rows }, (_, i) => i);
  const allCols = Int32Array.from({ length: cols }, (_, f) => f);
  const sampleSize = Math.max(1, Math.round(params.rowSubsample * rows));
  const colSize = Math.max(1, Math.round(params.colSubsample * cols));
  const inSample = new Uint8Array(rows);

  const stopper = earlyStopper(params.earlyStopping, validationLoss());
  let stoppedEarly = false;
  let cancelled = false;
  const trees: GbdtTree[] = [];
  const history: GbdtIterationRecord[] = [];
  const weigh = () => {
    const w = options.sampleWeight;
    if (!w) return;
    for (let k = 0; k < outputs; k++) {
      for (let i = 0; i < rows; i++) {
        grad[k * rows + i]! *= w[i]!;
        hess[k * rows + i]! *= w[i]!;
      }
    }
  };
  objective.loss(raw, train.y, grad, hess);
  weigh();
  for (let iteration = 1; iteration <= params.maxIter && !cancelled && !stoppedEarly; iteration++) {
    if (signal?.aborted) {
      cancelled = true;
      break;
    }
    const sample = sampleSize < rows ? sampleWithoutReplacement(rows, sampleSize, rowRng) : allRows;
    if (sample !== allRows) {
      inSample.fill(0);
      for (let k = 0; k < sample.length; k++) inSample[sample[k]!] = 1;
    }
    for (let k = 0; k < outputs; k++) {
      const features =
        colSize < cols ? Int32Array.from(sampleWithoutReplacement(cols, colSize, colRng)) : allCols;
      const block = [k * rows, (k + 1) * rows] as const;
      const grown = grower.grow(grad.subarray(...block), hess.subarray(...block), sample, features);
      trees.push(grown.tree);
      addLeafValues(grown, raw, outputs, k);
      // Rows outside the subsample, and validation rows, are routed on raw values as prediction does.
      const flat = flattenForest([grown.tree]);
      if (sample !== allRows) addTree(flat, train.x, cols, raw, outputs, k, inSample);
      if (validation) addTree(flat, validation.x, cols, validationRaw!, outputs, k, null);
    }
    // The loss after this iteration, and the gradients for the next, in one pass.
    const record: GbdtIterationRecord = { iteration, trainLoss: objective.loss(raw, train.y, grad, hess) };
    weigh();
    const loss = validationLoss();
    if (loss !== undefined) record.validationLoss = loss;
    history.push(record);
    cancelled = onIteration?.(record) === false;
    stoppedEarly = stopper.observe(iteration, loss) && !cancelled;
  }
  const bestIteration = stopper.bestIteration;
  trees.length = bestIteration * outputs;
  const model: GbdtModel = {
    format: 'looplab-gbdt@1',
    task,
    classes,
    inputDim: cols,
    outputs,
    params,
    baseScore,
    trees,
    bestIteration,
  };
  return { model, history, bestIteration, stoppedEarly, cancelled };
}

function filledScores(rows: number, baseScore: number[]): Float64Array {
  const outputs = baseScore.length;
  const raw = new Float64Array(rows * outputs);
  for (let i = 0; i < rows; i++) for (let k = 0; k < outputs; k++) raw[i * outputs + k] = baseScore[k]!;
  return raw;
}

/** Adds each leaf's value to the raw scores of the training rows that the tree put in it. */
function addLeafValues(grown: GrownTree, raw: Float64Array, outputs: number, k: number): void {
  const { rowOrder, tree } = grown;
  for (const leaf of grown.leaves) {
    const value = tree.value[leaf.node]!;
    for (let j = leaf.start; j < leaf.end; j++) raw[rowOrder[j]! * outputs + k]! += value;
  }
}

/** Adds the tree's prediction to output k of every row (or, with `skip`, of the rows not marked in it). */
function addTree(
  forest: FlatForest,
  x: Float32Array,
  cols: number,
  raw: Float64Array,
  outputs: number,
  k: number,
  skip: Uint8Array | null,
): void {
  const rows = raw.length / outputs;
  for (let i = 0; i < rows; i++) {
    if (skip?.[i]) continue;
    raw[i * outputs + k]! += forest.value[flatLeaf(forest, 0, x, i * cols)]!;
  }
}
