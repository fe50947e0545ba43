import type { ModelOutput } from '../models/model-output.ts';
import { flatLeaf, flattenForest, type FlatForest } from './flat-forest.ts';
import { ALL_PRESENT_THRESHOLD } from './gbdt-model.ts';
import type { GbdtModel, GbdtTree } from './gbdt-model.ts';
import { sigmoid, softmax } from '../math/logistic.ts';

/**
 * The child a row goes to from internal node `node`: missing values (NaN) follow `missingLeft`, present
 * values go left when `value <= threshold`. Training partitions rows by the same rule in bin space (bin b
 * holds the values up to edge b), which is why the two agree on every row.
 */
export function childFor(tree: GbdtTree, node: number, x: ArrayLike<number>, offset: number): number {
  const v = x[offset + tree.feature[node]!]!;
  const threshold = tree.threshold[node]!;
  const goLeft = v !== v ? tree.missingLeft[node]! : v <= threshold || threshold === ALL_PRESENT_THRESHOLD;
  return goLeft ? tree.left[node]! : tree.right[node]!;
}

/** The leaf a row reaches; `offset` is the index of the row's first feature in `x`. */
export function predictLeaf(tree: GbdtTree, x: ArrayLike<number>, offset: number): number {
  let node = 0;
  while (tree.left[node]! !== -1) node = childFor(tree, node, x, offset);
  return node;
}

/**
 * Raw scores (log-odds, softmax logits or regression values) for a block of rows: the base score plus
 * every tree's leaf value, added in the trees' order, exactly as training accumulates them (which is
 * why the training scores of the best iteration and these agree to the bit).
 *
 * @param x Row-major features, rows × model.inputDim; NaN is a missing value.
 * @returns Row-major raw scores, rows × model.outputs.
 */
/**
 * Each model's trees flattened once: a serving request scores one row, and flattening the whole forest for
 * it cost more than walking it. Models are plain JSON that nothing mutates after training or decoding.
 */
const flattened = new WeakMap<GbdtModel, FlatForest>();

function forestOf(model: GbdtModel): FlatForest {
  let forest = flattened.get(model);
  if (!forest) flattened.set(model, (forest = flattenForest(model.trees)));
  return forest;
}

export function predictGbdtRaw(model: GbdtModel, x: Float32Array, rows: number): Float64Array {
  const { inputDim: cols, outputs, baseScore } = model;
  if (x.length < rows * cols) {
    throw new RangeError(`predictGbdt: x has ${x.length} values; expected ${rows} rows × ${cols} features`);
  }
  const raw = new Float64Array(rows * outputs);
  const forest = forestOf(model);
  const { roots, value } = forest;
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    for (let k = 0; k < outputs; k++) raw[r * outputs + k] = baseScore[k]!;
    for (let t = 0; t < roots.length; t++) {
      raw[r * outputs + (t % outputs)]! += value[flatLeaf(forest, roots[t]!, x, offset)]!;
    }
  }
  return raw;
}

/**
 * Predictions for a block of rows: class probabilities (binary rows are [1 − p, p]) or regression values,
 * in the shape every Looplab model returns.
 *
 * @example
 * const out = predictGbdt(model, x, rows);
 * if (out.kind === 'proba') out.values[2 * r + 1]; // P(class 1) of row r, for a binary model
 */
export function predictGbdt(model: GbdtModel, x: Float32Array, rows: number): ModelOutput {
  const raw = predictGbdtRaw(model, x, rows);
  if (model.task === 'regression') return { kind: 'value', values: raw };
  if (model.task === 'binary') {
    const values = new Float64Array(2 * rows);
    for (let r = 0; r < rows; r++) {
      const p = sigmoid(raw[r]!);
      values[2 * r] = 1 - p;
      values[2 * r + 1] = p;
    }
    return { kind: 'proba', classes: 2, values };
  }
  const classes = model.outputs;
  const values = new Float64Array(rows * classes);
  const p = new Float64Array(classes);
  for (let r = 0; r < rows; r++) {
    softmax(raw, r * classes, classes, p);
    values.set(p, r * classes);
  }
  return { kind: 'proba', classes, values };
}
