import { z } from '../zod.ts';
import { DATE_PARTS } from './feature-spec.ts';
import { featureSpecSchema } from './feature-spec-schema.ts';
import { FeatureValidationError, toFeatureIssues, type FeatureIssue } from './feature-validation-error.ts';
import type { FittedPipeline, FittedStep, FittedTarget } from './fitted-pipeline.ts';
import { stepWidth } from './step-encoders.ts';

/**
 * The zod schema of a fitted pipeline read back from storage or a project file, so that a damaged or
 * hand-edited record is refused with a message naming the field instead of producing wrong features. Beyond
 * each field's shape it checks what `transform` relies on: one step per transform, parallel arrays of equal
 * length, as many output names as the steps write, and groups that point at each step's input column.
 */

const nonEmpty = z.string().min(1, { message: 'must not be empty' });
const positive = z.number().positive();
const flag = z.boolean();

const stepSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('numeric'),
    column: nonEmpty,
    fill: z.number(),
    clip: z.object({ lower: z.number(), upper: z.number() }).nullable(),
    log1p: flag,
    keepMissing: z.literal(true).optional(),
    center: z.number(),
    scale: positive,
    edges: z
      .array(z.number())
      .refine((edges) => edges.every((edge, i) => i === 0 || edge > edges[i - 1]!), {
        message: 'must be strictly increasing',
      })
      .nullable(),
    missingIndicator: flag,
  }),
  z.object({
    kind: z.literal('onehot'),
    column: nonEmpty,
    categories: z.array(z.string()),
    missingIndicator: flag,
  }),
  z.object({
    kind: z.literal('ordinal'),
    column: nonEmpty,
    order: z.array(z.string()).min(1),
    fill: z.number(),
  }),
  z
    .object({
      kind: z.literal('frequency'),
      column: nonEmpty,
      values: z.array(z.string()),
      shares: z.array(z.number().min(0).max(1)),
      missingShare: z.number().min(0).max(1),
    })
    .refine((step) => step.shares.length === step.values.length, {
      path: ['shares'],
      message: 'must have one share per value',
    }),
  z
    .object({
      kind: z.literal('datetime'),
      column: nonEmpty,
      parts: z.array(z.enum(DATE_PARTS)).min(1),
      reference: z.string(),
      referenceDays: z.number(),
      fill: z.array(z.number()),
      center: z.array(z.number()),
      scale: z.array(positive),
      missingIndicator: flag,
    })
    .superRefine((step, ctx) => {
      for (const field of ['fill', 'center', 'scale'] as const) {
        if (step[field].length !== step.parts.length) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'must have one entry per part' });
        }
      }
    }),
  z
    .object({
      kind: z.literal('tfidf'),
      column: nonEmpty,
      vocabulary: z.array(z.string()),
      idf: z.array(positive),
    })
    .refine((step) => step.idf.length === step.vocabulary.length, {
      path: ['idf'],
      message: 'must have one weight per vocabulary term',
    }),
  z.object({
    kind: z.literal('boolean'),
    column: nonEmpty,
    fill: z.number().min(0).max(1),
    missingIndicator: flag,
  }),
  z.object({ kind: z.literal('drop'), column: nonEmpty }),
]) satisfies z.ZodType<FittedStep>;

const targetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('classes'),
    classes: z.array(z.string()).min(2),
    positiveClass: z.string().optional(),
  }),
  z.object({ kind: z.literal('numeric') }),
]) satisfies z.ZodType<FittedTarget>;

/** A fitted pipeline; see `FittedPipeline`. */
export const fittedPipelineSchema = z
  .object({
    version: z.literal(1),
    spec: featureSpecSchema,
    inputs: z.array(nonEmpty),
    outputs: z.array(z.string()),
    groups: z.array(z.number().int().min(0)),
    steps: z.array(stepSchema),
    target: targetSchema,
    trainRows: z.number().int().min(1),
  })
  .superRefine((fitted, ctx) => {
    for (const issue of consistencyIssues(fitted)) ctx.addIssue({ code: 'custom', ...issue });
  }) satisfies z.ZodType<FittedPipeline>;

export type FittedPipelineValidation =
  { ok: true; fitted: FittedPipeline } | { ok: false; issues: FeatureIssue[] };

/**
 * Checks untrusted JSON (a stored record, an imported file) against the fitted-pipeline schema.
 *
 * @returns The pipeline with unknown keys dropped, or every issue, each naming its field (`steps.2.idf`).
 */
export function validateFittedPipeline(input: unknown): FittedPipelineValidation {
  const result = fittedPipelineSchema.safeParse(input);
  if (result.success) return { ok: true, fitted: result.data };
  return { ok: false, issues: toFeatureIssues(result.error.issues) };
}

/**
 * Like {@link validateFittedPipeline}, but throws.
 *
 * @throws FeatureValidationError listing every issue: "Fitted pipeline, field steps.0.scale: Too small: …".
 */
export function parseFittedPipeline(input: unknown): FittedPipeline {
  const result = validateFittedPipeline(input);
  if (!result.ok) throw new FeatureValidationError('Fitted pipeline', result.issues);
  return result.fitted;
}

type Issue = { path: (string | number)[]; message: string };

function consistencyIssues(fitted: FittedPipeline): Issue[] {
  const issues: Issue[] = [];
  const { spec, steps, outputs, groups, inputs, target } = fitted;
  if (steps.length !== spec.transforms.length) {
    issues.push({ path: ['steps'], message: `must have one step per transform (${spec.transforms.length})` });
  }
  steps.forEach((step, i) => {
    const transform = spec.transforms[i];
    if (transform !== undefined && (transform.kind !== step.kind || transform.column !== step.column)) {
      issues.push({
        path: ['steps', i],
        message: `is a ${step.kind} step of "${step.column}", but transform ${i} is ${transform.kind} of "${transform.column}"`,
      });
    }
  });
  if (new Set(outputs).size !== outputs.length) issues.push({ path: ['outputs'], message: 'must be unique' });
  if (groups.length !== outputs.length)
    issues.push({ path: ['groups'], message: 'must have one entry per output' });
  const written = steps.reduce((sum, step) => sum + stepWidth(step), 0);
  if (written !== outputs.length) {
    issues.push({
      path: ['outputs'],
      message: `must name the ${written} columns the steps write, not ${outputs.length}`,
    });
  } else {
    let at = 0;
    for (const step of steps) {
      for (const end = at + stepWidth(step); at < end; at++) {
        if (inputs[groups[at] ?? -1] !== step.column) {
          issues.push({ path: ['groups', at], message: `must point at the input "${step.column}"` });
        }
      }
    }
  }
  const wantsClasses = spec.task !== 'regression';
  if (wantsClasses !== (target.kind === 'classes')) {
    issues.push({ path: ['target', 'kind'], message: `does not fit a ${spec.task} task` });
  } else if (spec.task === 'binary' && target.kind === 'classes' && target.classes.length !== 2) {
    issues.push({ path: ['target', 'classes'], message: 'must hold exactly 2 classes for a binary task' });
  }
  return issues;
}
