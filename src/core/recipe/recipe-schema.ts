import { z } from '../zod.ts';
import { COLUMN_TYPES } from '../table/raw-table.ts';
import { RecipeValidationError, type RecipeIssue } from './recipe-error.ts';
import type { OutlierRule, Recipe, RecipeStep } from './recipe-step.ts';

/**
 * The zod schema of a recipe, checked whenever one is loaded or edited. Each step schema `satisfies` its type
 * in recipe-step.ts, so the two cannot drift apart. Unknown keys are dropped.
 */

const nonEmpty = z.string().min(1, { message: 'must not be empty' });
const columnList = z.array(nonEmpty).min(1, { message: 'must name at least one column' });
const columns = z.union([z.literal('all'), columnList]);
const id = nonEmpty;

const outlierRule = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('iqr'), k: z.number().positive().optional() }),
    z.object({ method: z.literal('zscore'), z: z.number().positive().optional() }),
    z.object({ method: z.literal('bounds'), min: z.number().optional(), max: z.number().optional() }),
  ])
  .superRefine((rule, ctx) => {
    if (rule.method !== 'bounds') return;
    if (rule.min === undefined && rule.max === undefined) {
      ctx.addIssue({ code: 'custom', message: 'bounds needs min, max or both' });
    } else if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${rule.min})` });
    }
  }) satisfies z.ZodType<OutlierRule>;

const scalar = z.union([z.string(), z.number()]);

const stepSchema = z.discriminatedUnion('kind', [
  z.object({ id, kind: z.literal('cast'), column: nonEmpty, to: z.enum(COLUMN_TYPES) }),
  z.object({ id, kind: z.literal('trim'), columns }),
  z.object({ id, kind: z.literal('case-fold'), columns, mode: z.enum(['lower', 'upper', 'title']) }),
  z.object({
    id,
    kind: z.literal('map-values'),
    column: nonEmpty,
    mapping: z
      .record(z.string(), z.string().nullable())
      .refine((m) => Object.keys(m).length > 0, { message: 'must map at least one value' }),
  }),
  z.object({
    id,
    kind: z.literal('set-missing-markers'),
    columns,
    markers: z.array(z.string()).min(1, { message: 'must list at least one marker' }),
  }),
  z
    .object({
      id,
      kind: z.literal('impute'),
      column: nonEmpty,
      strategy: z.enum(['mean', 'median', 'mode', 'constant']),
      value: z.string().optional(),
    })
    .superRefine((step, ctx) => {
      if (step.strategy === 'constant' && step.value === undefined) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required by the constant strategy' });
      } else if (step.strategy !== 'constant' && step.value !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `is only for the constant strategy (${step.strategy} learns its value)`,
        });
      }
    }),
  z.object({ id, kind: z.literal('drop-missing'), columns }),
  z.object({ id, kind: z.literal('drop-duplicates'), columns }),
  z.object({ id, kind: z.literal('clip-outliers'), column: nonEmpty, rule: outlierRule }),
  z.object({ id, kind: z.literal('drop-outliers'), column: nonEmpty, rule: outlierRule }),
  z.object({ id, kind: z.literal('drop-columns'), columns: columnList }),
  z.object({
    id,
    kind: z.literal('parse-dates'),
    column: nonEmpty,
    format: z.enum(['auto', 'iso', 'mdy', 'mon-d-y']),
  }),
  z
    .object({
      id,
      kind: z.literal('filter'),
      column: nonEmpty,
      op: z.enum(['=', '!=', '<', '<=', '>', '>=', 'in', 'not-in', 'is-missing', 'not-missing']),
      value: z.union([scalar, z.array(scalar)]).optional(),
    })
    .superRefine((step, ctx) => {
      const isList = step.op === 'in' || step.op === 'not-in';
      const isMissingTest = step.op === 'is-missing' || step.op === 'not-missing';
      const issue = (message: string): void => ctx.addIssue({ code: 'custom', path: ['value'], message });
      if (isMissingTest) {
        if (step.value !== undefined) issue(`must be left out for ${step.op}`);
      } else if (isList) {
        if (!Array.isArray(step.value)) issue(`must be a list of values for ${step.op}`);
      } else if (step.value === undefined || Array.isArray(step.value)) {
        issue(`must be one string or number for ${step.op}`);
      }
    }),
]) satisfies z.ZodType<RecipeStep>;

/** The shape of a recipe. Step ids must also be unique, which `validateRecipe` checks separately. */
export const recipeSchema = z.object({ steps: z.array(stepSchema) }) satisfies z.ZodType<Recipe>;

export type RecipeValidation = { ok: true; recipe: Recipe } | { ok: false; issues: RecipeIssue[] };

/**
 * Checks untrusted JSON (an import, a stored record, an edit) against the recipe schema.
 *
 * @returns The recipe with unknown keys dropped, or every issue, each naming its step index and field.
 * @example
 * validateRecipe({ steps: [{ id: 'a', kind: 'impute', column: 'age', strategy: 'avg' }] });
 * // { ok: false, issues: [{ stepIndex: 0, stepId: 'a', field: 'strategy', message: 'Invalid option: ...' }] }
 */
export function validateRecipe(input: unknown): RecipeValidation {
  const result = recipeSchema.safeParse(input);
  // Checked on the raw input, so that a duplicate id is reported alongside any schema issue (zod skips
  // refinements once the shape fails).
  const issues = [
    ...(result.success ? [] : result.error.issues.map((issue) => toRecipeIssue(issue, input))),
    ...duplicateIdIssues(input),
  ].sort((a, b) => (a.stepIndex ?? -1) - (b.stepIndex ?? -1));
  if (result.success && issues.length === 0) return { ok: true, recipe: result.data };
  return { ok: false, issues };
}

/**
 * Like {@link validateRecipe}, but throws.
 *
 * @throws RecipeValidationError listing every issue.
 */
export function parseRecipe(input: unknown): Recipe {
  const result = validateRecipe(input);
  if (!result.ok) throw new RecipeValidationError(result.issues);
  return result.recipe;
}

function toRecipeIssue(issue: z.core.$ZodIssue, input: unknown): RecipeIssue {
  const [head, index, ...rest] = issue.path;
  if (head !== 'steps' || typeof index !== 'number') {
    return {
      stepIndex: null,
      stepId: null,
      field: issue.path.map(String).join('.') || 'steps',
      message: issue.message,
    };
  }
  return {
    stepIndex: index,
    stepId: readStepId(input, index),
    // A whole step that is not an object has no field of its own.
    field: rest.length > 0 ? rest.map(String).join('.') : '(step)',
    message: issue.message,
  };
}

function duplicateIdIssues(input: unknown): RecipeIssue[] {
  const steps = readSteps(input);
  const firstIndex = new Map<string, number>();
  const issues: RecipeIssue[] = [];
  steps.forEach((_, index) => {
    const stepId = readStepId(input, index);
    if (stepId === null) return;
    const first = firstIndex.get(stepId);
    if (first === undefined) firstIndex.set(stepId, index);
    else {
      issues.push({
        stepIndex: index,
        stepId,
        field: 'id',
        message: `duplicates the id of step ${first + 1}; step ids must be unique`,
      });
    }
  });
  return issues;
}

function readSteps(input: unknown): unknown[] {
  if (typeof input !== 'object' || input === null) return [];
  const steps = (input as { steps?: unknown }).steps;
  return Array.isArray(steps) ? steps : [];
}

function readStepId(input: unknown, index: number): string | null {
  const step: unknown = readSteps(input)[index];
  if (typeof step !== 'object' || step === null) return null;
  const stepId = (step as { id?: unknown }).id;
  return typeof stepId === 'string' && stepId.length > 0 ? stepId : null;
}
