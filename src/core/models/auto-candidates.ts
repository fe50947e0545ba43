import type { MetricName, TaskType } from '../problem/problem-card.ts';
import { createRng, type Rng } from '../random.ts';
import { resolveParams, type ModelFamily, type ModelParams } from './model-params.ts';

/** Metrics that weigh every class alike, where a rare class matters as much as a common one. */
const IMBALANCE_METRICS: ReadonlySet<MetricName> = new Set(['f1_macro', 'balanced_accuracy']);

/** The most boosting iterations and the patience a searched GBDT gets; early stopping usually ends sooner. */
const GBDT_ITERATIONS = 1000;
const GBDT_PATIENCE = 20;

/**
 * The configurations an automatic search tries, in order, without end: first a short portfolio per family
 * that works across tabular data (sklearn's defaults, a regularisation path for the linear model, smaller
 * and larger trees, a few network sizes with dropout), interleaved so a short budget sees every family
 * early; then random draws from wide ranges, twice as often trees as networks (on tabular data trees win
 * most often, Grinsztajn et al. 2022). When the metric is macro F1 or balanced accuracy, class-weighted
 * variants are tried too. The caller stops drawing when its budget or patience ends.
 *
 * @example
 * const next = autoCandidates({ families: ['linear', 'gbdt'], task: 'binary', metric: 'roc_auc', seed: 1 });
 * next().family; // 'linear' (C = 1)
 */
export function autoCandidates(options: {
  families: readonly ModelFamily[];
  task: TaskType;
  metric: MetricName;
  seed: number;
}): () => ModelParams | undefined {
  const { families, task } = options;
  const weighted = task !== 'regression' && IMBALANCE_METRICS.has(options.metric);
  const has = (family: ModelFamily) => families.includes(family);
  const rng = createRng(options.seed).fork('auto candidates');
  const portfolio: ModelParams[] = [];
  const linear = linearPath(task);
  const trees = gbdtPortfolio();
  const nets = mlpPortfolio();
  // Interleaved: the first linear fit and the default trees first, as they are cheap and usually strong.
  const lanes: ModelParams[][] = [
    has('linear') ? linear : [],
    has('gbdt') ? trees : [],
    has('mlp') ? nets : [],
  ];
  while (lanes.some((lane) => lane.length)) {
    for (const lane of lanes) {
      const next = lane.shift();
      if (!next) continue;
      portfolio.push(next);
      if (weighted && next.family !== 'mlp') portfolio.push({ ...next, classWeight: 'balanced' });
    }
  }
  let drawn = 0;
  return () => {
    const fromPortfolio = portfolio.shift();
    if (fromPortfolio) return fromPortfolio;
    const lanes = [
      ...(has('gbdt') ? ['gbdt', 'gbdt'] : []),
      ...(has('mlp') ? ['mlp'] : []),
      ...(has('linear') ? ['linear'] : []),
    ] as ModelFamily[];
    if (lanes.length === 0) return undefined;
    const family = lanes[drawn++ % lanes.length]!;
    const params =
      family === 'gbdt' ? randomGbdt(rng) : family === 'mlp' ? randomMlp(rng) : randomLinear(rng, task);
    return weighted && family !== 'mlp' && rng.next() < 0.5 ? { ...params, classWeight: 'balanced' } : params;
  };
}

/** sklearn's LogisticRegression C (or Ridge alpha) path, the default first. */
function linearPath(task: TaskType): ModelParams[] {
  return task === 'regression'
    ? [1, 10, 0.1, 100, 1000].map((alpha) => resolveParams({ family: 'linear', alpha }))
    : [1, 0.1, 10, 0.01, 100].map((C) => resolveParams({ family: 'linear', C }));
}

function gbdt(partial: Partial<ModelParams>): ModelParams {
  return resolveParams({ family: 'gbdt', epochs: GBDT_ITERATIONS, patience: GBDT_PATIENCE, ...partial });
}

function gbdtPortfolio(): ModelParams[] {
  return [
    gbdt({}),
    gbdt({
      learningRate: 0.05,
      maxLeafNodes: 15,
      minSamplesLeaf: 10,
      l2: 1,
      rowSubsample: 0.8,
      colSubsample: 0.8,
    }),
    gbdt({ learningRate: 0.1, maxLeafNodes: 7, minSamplesLeaf: 5, l2: 0.1 }),
    gbdt({ learningRate: 0.05, maxLeafNodes: 63, minSamplesLeaf: 20, l2: 1, colSubsample: 0.7 }),
    gbdt({
      learningRate: 0.03,
      maxLeafNodes: 31,
      minSamplesLeaf: 40,
      l2: 10,
      rowSubsample: 0.7,
      colSubsample: 0.7,
    }),
  ];
}

function mlpPortfolio(): ModelParams[] {
  return [
    resolveParams({ family: 'mlp' }),
    resolveParams({ family: 'mlp', hidden: [128, 64], dropout: 0.3, learningRate: 0.002 }),
    resolveParams({ family: 'mlp', hidden: [256, 128], dropout: 0.2, l2: 1e-5, learningRate: 0.001 }),
  ];
}

function logUniform(rng: Rng, min: number, max: number): number {
  return Number(Math.exp(Math.log(min) + rng.next() * (Math.log(max) - Math.log(min))).toPrecision(3));
}

function randomGbdt(rng: Rng): ModelParams {
  return gbdt({
    learningRate: logUniform(rng, 0.02, 0.3),
    maxLeafNodes: rng.pick([7, 15, 31, 63, 127]),
    minSamplesLeaf: rng.pick([2, 5, 10, 20, 50, 100]),
    l2: rng.pick([0, 0.1, 1, 10]),
    rowSubsample: Number((0.5 + 0.5 * rng.next()).toFixed(2)),
    colSubsample: Number((0.4 + 0.6 * rng.next()).toFixed(2)),
  });
}

function randomMlp(rng: Rng): ModelParams {
  return resolveParams({
    family: 'mlp',
    hidden: rng.pick([[32], [64], [128], [64, 32], [128, 64], [256, 128]]),
    dropout: Number((0.4 * rng.next()).toFixed(2)),
    l2: logUniform(rng, 1e-6, 1e-3),
    learningRate: logUniform(rng, 3e-4, 1e-2),
    batchSize: rng.pick([64, 128, 256]),
  });
}

function randomLinear(rng: Rng, task: TaskType): ModelParams {
  return task === 'regression'
    ? resolveParams({ family: 'linear', alpha: logUniform(rng, 1e-2, 1e4) })
    : resolveParams({ family: 'linear', C: logUniform(rng, 1e-3, 1e3) });
}
