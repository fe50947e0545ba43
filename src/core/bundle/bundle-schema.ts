import { z } from '../zod.ts';
import { fittedPipelineSchema } from '../features/index.ts';
import type { ModelArtifact } from '../models/model-artifact.ts';
import { MODEL_FAMILIES } from '../models/model-params.ts';
import type { MetricName, ProblemCard } from '../problem/problem-card.ts';
import {
  formatRecipeIssue,
  recipeSchema,
  recipeVersion,
  validateRecipe,
  type FittedValues,
} from '../recipe/index.ts';
import { COLUMN_TYPES } from '../table/raw-table.ts';
import type { DriftReference } from './drift-reference.ts';
import { selectionSchema } from '../project-file/selection-schema.ts';
import { BUNDLE_FORMAT, BUNDLE_SCHEMA_VERSION, type ModelBundle } from './model-bundle.ts';

/**
 * The zod schema of a model bundle, checked on import and when a bundle is built. Each part `satisfies` its
 * type so the two cannot drift apart. Beyond shapes it checks what scoring relies on: every weight holds as
 * many values as its shape says, the layers chain from the pipeline's feature count to the model's output,
 * and the problem, pipeline and model agree on the task. Unknown keys are dropped.
 */

const nonEmpty = z.string().min(1, { message: 'must not be empty' });
const count = z.number().int().nonnegative();
// z.number() refuses NaN and ±Infinity, which metrics may legitimately be.
const anyNumber = z.custom<number>((v) => typeof v === 'number', { message: 'must be a number' });
const counts = z.array(count);
const taskType = z.enum(['binary', 'multiclass', 'regression']);
const METRIC_NAMES = [
  'roc_auc',
  'accuracy',
  'balanced_accuracy',
  'f1',
  'f1_macro',
  'precision',
  'recall',
  'log_loss',
  'rmse',
  'mae',
  'r2',
  'mape',
] as const satisfies readonly MetricName[];

const problemSchema = z.object({
  datasetId: nonEmpty,
  datasetSha256: z.string(),
  target: nonEmpty,
  taskType,
  guessedTaskType: taskType,
  positiveClass: z.string().optional(),
  metric: z.object({ name: z.enum(METRIC_NAMES), target: z.number() }),
  usage: z.enum(['real-time', 'batch']),
  costNote: z.string(),
  excludedRows: count,
  warnings: z.array(z.string()),
}) satisfies z.ZodType<ProblemCard>;

const fittedStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('impute'), value: z.string(), learnedFrom: count }),
  z.object({
    kind: z.enum(['clip-outliers', 'drop-outliers']),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    learnedFrom: count,
  }),
]);

const recipeFittedSchema = z.object({
  recipeVersion: nonEmpty,
  missingMarkers: z.array(z.string()),
  steps: z.record(z.string(), fittedStepSchema),
}) satisfies z.ZodType<FittedValues>;

const weightSchema = z
  .object({ name: z.string(), shape: z.array(count), values: z.array(z.number()) })
  .refine((w) => w.values.length === w.shape.reduce((product, size) => product * size, 1), {
    path: ['values'],
    message: 'must hold as many numbers as the product of its shape',
  });

/** One tree as flat arrays; every array one entry per node, children inside the tree. */
const treeSchema = z
  .object({
    feature: z.array(z.number().int().min(-1)),
    threshold: z.array(z.number()),
    missingLeft: z.array(z.boolean()),
    left: z.array(z.number().int().min(-1)),
    right: z.array(z.number().int().min(-1)),
    value: z.array(z.number()),
    gain: z.array(z.number()),
    count: z.array(z.number()),
  })
  .refine(
    (t) => {
      const n = t.feature.length;
      const same = [t.threshold, t.missingLeft, t.left, t.right, t.value, t.gain, t.count].every(
        (a) => a.length === n,
      );
      const inside = (i: number) => i === -1 || (i > 0 && i < n);
      return n > 0 && same && t.left.every(inside) && t.right.every(inside);
    },
    { message: 'a tree needs one entry per node in every array, and children inside the tree' },
  );

const gbdtSchema = z
  .object({
    format: z.literal('looplab-gbdt@1'),
    task: taskType,
    classes: count,
    inputDim: count,
    outputs: z.number().int().positive(),
    params: z.object({
      maxIter: count,
      learningRate: z.number().positive(),
      maxLeafNodes: z.number().int().min(2).nullable(),
      maxDepth: z.number().int().min(1).nullable(),
      growth: z.enum(['leaf-wise', 'depth-wise']),
      minSamplesLeaf: z.number().int().min(1),
      l2: z.number().nonnegative(),
      maxBins: z.number().int().min(2).max(255),
      rowSubsample: z.number().positive().max(1),
      colSubsample: z.number().positive().max(1),
      earlyStopping: z
        .object({ patience: z.number().int().min(1), tol: z.number().nonnegative() })
        .nullable(),
    }),
    baseScore: z.array(z.number()),
    trees: z.array(treeSchema),
    bestIteration: count,
  })
  .refine((m) => m.baseScore.length === m.outputs && m.trees.length % m.outputs === 0, {
    message: 'one base score per output, and the same number of trees for every output',
  })
  .refine((m) => m.trees.every((t) => t.feature.every((f) => f < m.inputDim)), {
    message: 'a split reads a feature beyond the input width',
  });

/** Every family a stored model may be, the ensemble included (bundle schema 2). */
const ALL_FAMILIES = [...MODEL_FAMILIES, 'ensemble'] as const;

const modelSchema: z.ZodType<ModelArtifact> = z
  .object({
    format: z.literal('looplab-model@1'),
    task: taskType,
    params: z.object({
      family: z.enum(ALL_FAMILIES),
      hidden: z.array(z.number().int().positive()),
      activation: z.enum(['relu', 'tanh']),
      dropout: z.number(),
      l2: z.number(),
      learningRate: z.number(),
      batchSize: z.number(),
      epochs: z.number(),
      patience: z.number(),
      maxLeafNodes: z.number().int().positive().optional(),
      maxDepth: z.number().int().positive().nullable().optional(),
      growth: z.enum(['leaf-wise', 'depth-wise']).optional(),
      minSamplesLeaf: z.number().int().positive().optional(),
      rowSubsample: z.number().optional(),
      colSubsample: z.number().optional(),
      maxBins: z.number().int().optional(),
      C: z.number().positive().optional(),
      alpha: z.number().nonnegative().optional(),
      classWeight: z.literal('balanced').optional(),
      refit: z.boolean().optional(),
    }),
    inputDim: count,
    outputDim: z.number().int().positive(),
    classes: count,
    weights: z.array(weightSchema),
    prior: z.array(z.number()).optional(),
    targetScale: z.object({ mean: z.number(), sd: z.number() }).optional(),
    gbdt: gbdtSchema.optional(),
    members: z
      .array(
        z.object({
          weight: z.number().positive().max(1),
          artifact: z.lazy(() => modelSchema),
          seed: z.number().int().nonnegative().optional(),
          ensembleSeed: z.number().int().nonnegative().optional(),
        }),
      )
      .optional(),
    threshold: z.number().min(0).max(1).optional(),
  })
  .superRefine((model, ctx) => {
    for (const issue of modelIssues(model)) ctx.addIssue({ code: 'custom', ...issue });
  });

const binned = { edges: z.array(z.number()), counts };

const referenceSchema = z.object({
  rows: count,
  columns: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('numeric'), column: nonEmpty, ...binned, missing: count }),
      z.object({
        kind: z.literal('categorical'),
        column: nonEmpty,
        values: z.array(z.string()),
        counts,
        other: count,
        missing: count,
      }),
    ]),
  ),
  prediction: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('probability'), ...binned }),
    z.object({ kind: z.literal('class'), counts }),
    z.object({ kind: z.literal('value'), ...binned }),
  ]),
  sample: z
    .object({ cells: z.record(z.string(), z.array(z.string())), predictions: z.array(z.number()) })
    .refine((sample) => Object.values(sample.cells).every((c) => c.length === sample.predictions.length), {
      message: 'every sampled column must hold one cell per sampled prediction',
    })
    .optional(),
}) satisfies z.ZodType<DriftReference>;

const lineageSchema = z.object({
  runId: nonEmpty,
  datasetId: nonEmpty,
  datasetSha256: z.string(),
  problemId: nonEmpty,
  problemVersion: count,
  recipeId: nonEmpty,
  recipeVersion: count,
  recipeHash: z.string(),
  pipelineVersion: z.string(),
  testRowsHash: z.string(),
  rows: z.object({ train: count, validation: count, test: count }),
  appended: z.array(z.object({ datasetId: nonEmpty, datasetSha256: z.string() })).optional(),
  selection: selectionSchema.optional(),
});

/** A model bundle; see `ModelBundle`. */
export const modelBundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    schemaVersion: z.literal(BUNDLE_SCHEMA_VERSION),
    id: nonEmpty,
    createdAt: z.number(),
    name: z.string(),
    problem: problemSchema,
    recipe: recipeSchema,
    recipeFitted: recipeFittedSchema,
    pipeline: fittedPipelineSchema,
    model: modelSchema,
    signature: z.object({
      columns: z
        .array(z.object({ name: nonEmpty, type: z.enum(COLUMN_TYPES), required: z.boolean() }))
        .min(1, { message: 'must list at least one input column' }),
      target: nonEmpty,
    }),
    example: z.record(z.string(), z.string()),
    threshold: z.number().min(0).max(1),
    reference: referenceSchema,
    lineage: lineageSchema,
    metrics: z.object({
      validation: z.record(z.string(), anyNumber),
      test: z.record(z.string(), anyNumber).optional(),
    }),
  })
  .superRefine((bundle, ctx) => {
    for (const issue of bundleIssues(bundle)) ctx.addIssue({ code: 'custom', ...issue });
  }) satisfies z.ZodType<ModelBundle>;

type Issue = { path: (string | number)[]; message: string };

/** The weights must chain: [inputDim, h1], [h1], [h1, h2], …, [.., outputDim], [outputDim]. */
function modelIssues(model: ModelArtifact): Issue[] {
  const issues: Issue[] = [];
  // A baseline outputs its class priors (one per class); a trained binary network one logit.
  const binaryOutputs = model.params.family === 'baseline' ? 2 : 1;
  if (model.task === 'binary' && (model.classes !== 2 || model.outputDim !== binaryOutputs)) {
    issues.push({
      path: ['outputDim'],
      message: `a binary model has 2 classes and ${binaryOutputs} output${binaryOutputs > 1 ? 's' : ''}`,
    });
  }
  if (model.task === 'multiclass' && (model.classes < 3 || model.outputDim !== model.classes)) {
    issues.push({ path: ['outputDim'], message: 'a multiclass model has one output per class (3 or more)' });
  }
  if (model.params.family === 'ensemble') {
    const members = model.members ?? [];
    if (members.length === 0)
      issues.push({ path: ['members'], message: 'an ensemble needs at least one member' });
    const total = members.reduce((sum, m) => sum + m.weight, 0);
    if (members.length && Math.abs(total - 1) > 1e-6)
      issues.push({ path: ['members'], message: `the members' weights must sum to 1, not ${total}` });
    members.forEach((m, i) => {
      const a = m.artifact;
      if (a.task !== model.task || a.inputDim !== model.inputDim || a.classes !== model.classes)
        issues.push({
          path: ['members', i, 'artifact'],
          message: "a member's task, input width and classes must be the ensemble's",
        });
      if (a.params.family === 'ensemble')
        issues.push({
          path: ['members', i, 'artifact'],
          message: 'an ensemble member cannot be an ensemble',
        });
    });
    return issues;
  }
  if (model.params.family === 'gbdt') {
    if (!model.gbdt) issues.push({ path: ['gbdt'], message: 'a gradient-boosted model needs its trees' });
    else if (model.gbdt.inputDim !== model.inputDim || model.gbdt.task !== model.task)
      issues.push({ path: ['gbdt'], message: "the trees' input width or task differs from the model's" });
    return issues;
  }
  if (model.params.family === 'baseline') {
    const want = model.task === 'regression' ? 1 : model.classes;
    if (model.prior?.length !== want) issues.push({ path: ['prior'], message: `must hold ${want} numbers` });
    return issues;
  }
  const { weights } = model;
  if (weights.length === 0 || weights.length % 2 !== 0) {
    issues.push({ path: ['weights'], message: 'must alternate weight and bias tensors, at least one layer' });
    return issues;
  }
  let width = model.inputDim;
  for (let l = 0; l < weights.length; l += 2) {
    const w = weights[l]!;
    const b = weights[l + 1]!;
    const out = w.shape[1] ?? -1;
    if (w.shape.length !== 2 || w.shape[0] !== width) {
      issues.push({ path: ['weights', l, 'shape'], message: `must be [${width}, units]` });
      return issues;
    }
    if (b.shape.length !== 1 || b.shape[0] !== out) {
      issues.push({ path: ['weights', l + 1, 'shape'], message: `must be [${out}]` });
      return issues;
    }
    width = out;
  }
  if (width !== model.outputDim) {
    issues.push({
      path: ['weights'],
      message: `the last layer has ${width} units, not outputDim ${model.outputDim}`,
    });
  }
  return issues;
}

/** Agreement between the parts, each of which has already passed its own shape check. */
function bundleIssues(bundle: ModelBundle): Issue[] {
  const issues: Issue[] = [];
  const { problem, pipeline, model, signature } = bundle;
  if (model.task !== problem.taskType) {
    issues.push({
      path: ['model', 'task'],
      message: `is ${model.task}, but the problem is ${problem.taskType}`,
    });
  }
  if (pipeline.spec.task !== problem.taskType) {
    issues.push({
      path: ['pipeline', 'spec', 'task'],
      message: `is ${pipeline.spec.task}, but the problem is ${problem.taskType}`,
    });
  }
  if (model.inputDim !== pipeline.outputs.length) {
    issues.push({
      path: ['model', 'inputDim'],
      message: `is ${model.inputDim}, but the pipeline writes ${pipeline.outputs.length} features`,
    });
  }
  if (pipeline.target.kind === 'classes' && model.task !== 'regression') {
    if (pipeline.target.classes.length !== model.classes) {
      issues.push({
        path: ['model', 'classes'],
        message: `is ${model.classes}, but the pipeline knows ${pipeline.target.classes.length} classes`,
      });
    }
  }
  const recipe = validateRecipe(bundle.recipe);
  if (!recipe.ok) {
    issues.push({ path: ['recipe'], message: recipe.issues.map(formatRecipeIssue).join('; ') });
  } else if (recipeVersion(recipe.recipe) !== bundle.recipeFitted.recipeVersion) {
    // Replaying values learned by another recipe would serve features the model never saw.
    issues.push({
      path: ['recipeFitted', 'recipeVersion'],
      message: `was learned with recipe version ${bundle.recipeFitted.recipeVersion}, not this recipe's ${recipeVersion(recipe.recipe)}`,
    });
  }
  const names = signature.columns.map((column) => column.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) {
      issues.push({ path: ['signature', 'columns', i, 'name'], message: `"${name}" appears twice` });
    }
  });
  for (const input of pipeline.inputs) {
    if (!names.includes(input)) {
      issues.push({
        path: ['signature', 'columns'],
        message: `must include "${input}", which the pipeline reads`,
      });
    }
  }
  return issues;
}
