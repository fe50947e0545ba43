import { DEFAULT_PARAMS, type ModelFamily, type ModelParams } from '../models/model-params.ts';
import { createRng } from '../random.ts';

/**
 * `count` configurations near the champion's, for the retrain's small search (LIFECYCLE §8): each takes the
 * champion's params and moves a few of them one step (learning rate ×½ or ×2, L2 ×0.1 or ×10, batch size
 * ×½ or ×2, and for an MLP each layer's width ×½ or ×2 and dropout ±0.1; for trees the leaf count and
 * the rows a leaf needs ×½ or ×2). A baseline champion has nothing to
 * tune, so its neighbours are the linear and MLP defaults, moved the same way. Seeded: the same champion,
 * count and seed give the same list.
 *
 * @example
 * neighbourParams(champion.model.params, 3, 42); // three ModelParams, each one or two steps away
 */
export function neighbourParams(champion: ModelParams, count: number, seed: number): ModelParams[] {
  const rng = createRng(seed).fork('neighbour params');
  const families: ModelFamily[] = champion.family === 'baseline' ? ['linear', 'mlp'] : [champion.family];
  return Array.from({ length: count }, (_, i) => {
    const r = rng.fork(`config ${i}`);
    const family = families[i % families.length]!;
    const base = champion.family === 'baseline' ? DEFAULT_PARAMS[family] : champion;
    const step = <T>(options: readonly T[]) => r.pick(options);
    const params: ModelParams = {
      ...base,
      hidden: [...base.hidden],
      learningRate: round(base.learningRate * step([0.5, 1, 2])),
      l2: base.l2 === 0 ? step([0, 1e-4]) : round(base.l2 * step([0.1, 1, 10])),
      batchSize: clamp(Math.round(base.batchSize * step([0.5, 1, 2])), 16, 1024),
    };
    if (family === 'gbdt') {
      // Trees have no batches; they move in leaves and leaf size instead.
      params.batchSize = base.batchSize;
      params.l2 = base.l2 === 0 ? step([0, 1]) : round(base.l2 * step([0.1, 1, 10]));
      params.maxLeafNodes = clamp(Math.round((base.maxLeafNodes ?? 31) * step([0.5, 1, 2])), 4, 255);
      params.minSamplesLeaf = clamp(Math.round((base.minSamplesLeaf ?? 20) * step([0.5, 1, 2])), 1, 200);
    }
    if (family === 'mlp') {
      params.hidden = base.hidden.map((width) => clamp(Math.round(width * step([0.5, 1, 2])), 4, 256));
      params.dropout = round(clamp(base.dropout + step([-0.1, 0, 0.1]), 0, 0.5));
    }
    return params;
  });
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Six significant digits, so that 0.003 × 2 reads 0.006 in the record and not 0.006000000000000001. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}
