import type { BinnedFeatures } from './bin-features.ts';
import { findBestSplit, MIN_CHILD_HESSIAN } from './find-split.ts';
import type { NodeTotals, SplitCandidate } from './find-split.ts';
import { ALL_PRESENT_THRESHOLD } from './gbdt-model.ts';
import type { GbdtTree } from './gbdt-model.ts';
import type { GbdtParams } from './gbdt-params.ts';
import { buildHistogram, histogramLayout, subtractHistogram } from './histogram.ts';
import type { HistogramLayout } from './histogram.ts';

/** A grown tree and where its training rows ended up. */
export interface GrownTree {
  tree: GbdtTree;
  /** The sampled rows grouped by leaf: leaf `leaves[j].node` holds `rowOrder[leaves[j].start … leaves[j].end)`. */
  rowOrder: Uint32Array;
  leaves: { node: number; start: number; end: number }[];
}

/** A node being grown: its rows are `order[start … end)`. */
interface OpenNode extends NodeTotals {
  id: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array | null;
  split: SplitCandidate | null;
}

/**
 * Grows regression trees on binned features from per-row gradients and hessians. One grower serves a whole
 * fit: the sparse bin layout, the row-order buffers and the pool of histograms are made once and reused by
 * every tree.
 */
export class TreeGrower {
  readonly #layout: HistogramLayout;
  readonly #params: GbdtParams;
  readonly #unitHessian: boolean;
  readonly #order: Uint32Array;
  readonly #scratch: Uint32Array;
  readonly #freeHistograms: Float64Array[] = [];
  readonly #goesLeft = new Uint8Array(256);

  constructor(binned: BinnedFeatures, params: GbdtParams, unitHessian: boolean) {
    this.#layout = histogramLayout(binned);
    this.#params = params;
    this.#unitHessian = unitHessian;
    this.#order = new Uint32Array(binned.rows);
    this.#scratch = new Uint32Array(binned.rows);
  }

  /**
   * Grows one tree on the rows `sample` (ascending row indices) and the columns `features` (ascending).
   * Leaf values are −G / (H + λ) × learning rate.
   */
  grow(grad: Float64Array, hess: Float64Array, sample: Uint32Array, features: Int32Array): GrownTree {
    const { maxLeafNodes, maxDepth, minSamplesLeaf, growth } = this.#params;
    const order = this.#order;
    order.set(sample);
    const tree: GbdtTree = {
      feature: [],
      threshold: [],
      missingLeft: [],
      left: [],
      right: [],
      value: [],
      gain: [],
      count: [],
    };
    let rootGrad = 0;
    let rootHess = 0;
    for (let k = 0; k < sample.length; k++) {
      rootGrad += grad[sample[k]!]!;
      rootHess += hess[sample[k]!]!;
    }
    const nodes: OpenNode[] = [];
    const open = (totals: NodeTotals, start: number, depth: number): OpenNode => {
      const { grad, hess, count } = totals;
      const end = start + count;
      const node: OpenNode = {
        grad,
        hess,
        count,
        id: nodes.length,
        start,
        end,
        depth,
        hist: null,
        split: null,
      };
      nodes.push(node);
      this.#addNode(tree, totals);
      return node;
    };
    const splittable = (node: OpenNode) =>
      (maxDepth === null || node.depth < maxDepth) &&
      node.count >= 2 * minSamplesLeaf &&
      node.hess >= 2 * MIN_CHILD_HESSIAN;

    const root = open({ grad: rootGrad, hess: rootHess, count: sample.length }, 0, 0);
    const candidates: OpenNode[] = [];
    if (splittable(root)) {
      this.#fillHistogram(root, grad, hess, features);
      this.#considerSplit(root, features, candidates);
    }
    let leaves = 1;
    while (candidates.length > 0 && (maxLeafNodes === null || leaves < maxLeafNodes)) {
      const parent = takeNext(candidates, growth);
      const split = parent.split!;
      const leftCount = this.#partition(parent, split);
      const leftTotals = { grad: split.leftGrad, hess: split.leftHess, count: leftCount };
      const rightTotals = {
        grad: parent.grad - split.leftGrad,
        hess: parent.hess - split.leftHess,
        count: parent.count - leftCount,
      };
      const left = open(leftTotals, parent.start, parent.depth + 1);
      const right = open(rightTotals, parent.start + leftCount, parent.depth + 1);
      this.#setSplit(tree, parent.id, split, left.id, right.id);
      leaves++;
      const parentHist = parent.hist!;
      parent.hist = null;
      const canGrow = maxLeafNodes === null || leaves < maxLeafNodes;
      const growLeft = canGrow && splittable(left);
      const growRight = canGrow && splittable(right);
      if (!growLeft && !growRight) {
        this.#freeHistograms.push(parentHist);
        continue;
      }
      // Build the smaller child's histograms; the larger one's are the parent's minus those.
      const [small, large] = left.count <= right.count ? [left, right] : [right, left];
      this.#fillHistogram(small, grad, hess, features);
      subtractHistogram(this.#layout, parentHist, small.hist!, features);
      large.hist = parentHist;
      for (const child of [left, right]) {
        if (child === left ? growLeft : growRight) this.#considerSplit(child, features, candidates);
        else this.#release(child);
      }
    }
    for (const node of candidates) this.#release(node);
    const leafNodes = nodes.filter((node) => tree.left[node.id] === -1);
    return {
      tree,
      rowOrder: order.subarray(0, sample.length),
      leaves: leafNodes.map((node) => ({ node: node.id, start: node.start, end: node.end })),
    };
  }

  #fillHistogram(node: OpenNode, grad: Float64Array, hess: Float64Array, features: Int32Array): void {
    node.hist = this.#takeHistogram();
    const { start, end } = node;
    buildHistogram(
      this.#layout,
      node.hist,
      features,
      this.#order,
      start,
      end,
      grad,
      hess,
      node,
      this.#unitHessian,
    );
  }

  #considerSplit(node: OpenNode, features: Int32Array, candidates: OpenNode[]): void {
    const { l2, minSamplesLeaf } = this.#params;
    node.split = findBestSplit(this.#layout, node.hist!, features, node, l2, minSamplesLeaf);
    if (node.split) candidates.push(node);
    else this.#release(node);
  }

  #takeHistogram(): Float64Array {
    return this.#freeHistograms.pop() ?? new Float64Array(3 * this.#layout.slots);
  }

  #release(node: OpenNode): void {
    if (node.hist) this.#freeHistograms.push(node.hist);
    node.hist = null;
  }

  /** Stable partition of the node's rows: left rows first, each side in ascending row order. */
  #partition(node: OpenNode, split: SplitCandidate): number {
    const { bins, rows, valueBins } = this.#layout.binned;
    const order = this.#order;
    const scratch = this.#scratch;
    const base = split.feature * rows;
    // 1 for the bins that go left: a table lookup instead of a branch the CPU cannot predict.
    const goesLeft = this.#goesLeft.fill(0, 0, valueBins[split.feature]! + 1);
    goesLeft.fill(1, 0, split.bin + 1);
    goesLeft[valueBins[split.feature]!] = split.missingLeft ? 1 : 0;
    let nLeft = 0;
    let nRight = 0;
    for (let k = node.start; k < node.end; k++) {
      const i = order[k]!;
      const left = goesLeft[bins[base + i]!]!;
      order[node.start + nLeft] = i;
      scratch[nRight] = i;
      nLeft += left;
      nRight += 1 - left;
    }
    order.set(scratch.subarray(0, nRight), node.start + nLeft);
    return nLeft;
  }

  #addNode(tree: GbdtTree, totals: NodeTotals): void {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    // + 0 turns −0 (a node whose gradients cancel) into 0, which is what JSON would write back.
    tree.value.push((-totals.grad / (totals.hess + this.#params.l2)) * this.#params.learningRate + 0);
    tree.gain.push(0);
    tree.count.push(totals.count);
  }

  #setSplit(tree: GbdtTree, id: number, split: SplitCandidate, left: number, right: number): void {
    const { edges, valueBins } = this.#layout.binned;
    const f = split.feature;
    tree.feature[id] = f;
    // The last value bin has no upper edge: that split keeps every present value left.
    tree.threshold[id] = split.bin === valueBins[f]! - 1 ? ALL_PRESENT_THRESHOLD : edges[f]![split.bin]!;
    tree.missingLeft[id] = split.missingLeft;
    tree.left[id] = left;
    tree.right[id] = right;
    tree.gain[id] = split.gain;
  }
}

/**
 * Removes and returns the next node to split: leaf-wise, the largest gain; depth-wise, the shallowest node
 * (then the largest gain). Ties go to the node opened first.
 */
function takeNext(candidates: OpenNode[], growth: GbdtParams['growth']): OpenNode {
  let best = 0;
  for (let c = 1; c < candidates.length; c++) {
    const node = candidates[c]!;
    const current = candidates[best]!;
    const shallower = growth === 'depth-wise' && node.depth < current.depth;
    const sameLevel = growth === 'leaf-wise' || node.depth === current.depth;
    if (shallower || (sameLevel && node.split!.gain > current.split!.gain)) best = c;
  }
  return candidates.splice(best, 1)[0]!;
}
