import { z } from '../zod.ts';
import { DATE_PARTS, type FeatureSpec, type FeatureTransform } from './feature-spec.ts';
import { FeatureValidationError, toFeatureIssues } from './feature-validation-error.ts';

/**
 * The zod schema of a feature spec, checked before fitting and whenever a fitted pipeline is read back. It
 * `satisfies` the types in feature-spec.ts, so the two cannot drift apart. Unknown keys are dropped.
 */

const nonEmpty = z.string().min(1, { message: 'must not be empty' });
const probability = z.number().min(0).max(1);
const unique = (list: readonly string[]): boolean => new Set(list).size === list.length;

const clip = z.union([
  z
    .object({ lower: z.number(), upper: z.number() })
    .refine((bounds) => bounds.lower <= bounds.upper, { path: ['upper'], message: 'must be at least lower' }),
  z
    .object({ quantiles: z.tuple([probability, probability]) })
    .refine((q) => q.quantiles[0] <= q.quantiles[1], {
      path: ['quantiles'],
      message: 'the lower quantile must not exceed the upper one',
    }),
]);

/** One transform; see {@link FeatureTransform}. */
export const featureTransformSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('numeric'),
      column: nonEmpty,
      impute: z.enum(['median', 'mean', 'zero', 'keep']),
      log1p: z.boolean().optional(),
      clip: clip.optional(),
      scale: z.enum(['standardize', 'minmax', 'none']),
      bins: z.number().int().min(2).max(1000).optional(),
    })
    // A one-hot bin has no place for "missing"; kept missing values are for trees, which need no bins.
    .refine((t) => !(t.impute === 'keep' && t.bins !== undefined), {
      path: ['bins'],
      message: 'quantile bins need missing values imputed, not kept',
    }),
  z.object({ kind: z.literal('onehot'), column: nonEmpty, topK: z.number().int().min(1).max(10_000) }),
  z.object({
    kind: z.literal('ordinal'),
    column: nonEmpty,
    order: z
      .array(nonEmpty)
      .min(1, { message: 'must list at least one value' })
      .refine(unique, { message: 'must not repeat a value' }),
  }),
  z.object({ kind: z.literal('frequency'), column: nonEmpty }),
  z.object({
    kind: z.literal('datetime'),
    column: nonEmpty,
    parts: z
      .array(z.enum(DATE_PARTS))
      .min(1, { message: 'must list at least one part' })
      .refine(unique, { message: 'must not repeat a part' }),
    reference: nonEmpty.optional(),
  }),
  z.object({ kind: z.literal('tfidf'), column: nonEmpty, maxVocab: z.number().int().min(1).max(100_000) }),
  z.object({ kind: z.literal('boolean'), column: nonEmpty }),
  z.object({ kind: z.literal('drop'), column: nonEmpty }),
]) satisfies z.ZodType<FeatureTransform>;

/** A feature spec. The target may not also be a feature (except in a `drop`). */
export const featureSpecSchema = z
  .object({
    target: nonEmpty,
    task: z.enum(['binary', 'multiclass', 'regression']),
    positiveClass: z.string().optional(),
    transforms: z.array(featureTransformSchema),
  })
  .superRefine((spec, ctx) => {
    spec.transforms.forEach((transform, i) => {
      if (transform.kind !== 'drop' && transform.column === spec.target) {
        ctx.addIssue({
          code: 'custom',
          path: ['transforms', i, 'column'],
          message: `"${spec.target}" is the target, which cannot also be a feature`,
        });
      }
    });
    if (spec.positiveClass !== undefined && spec.task !== 'binary') {
      ctx.addIssue({ code: 'custom', path: ['positiveClass'], message: 'is only for binary tasks' });
    }
  }) satisfies z.ZodType<FeatureSpec>;

/**
 * Checks a spec (from the UI, a file or a stored record) and returns a clean copy: unknown keys and
 * undefined fields dropped, so it can be stored and hashed as JSON.
 *
 * @throws FeatureValidationError listing every issue, each naming its field.
 */
export function parseFeatureSpec(input: unknown): FeatureSpec {
  const result = featureSpecSchema.safeParse(input);
  if (!result.success) throw new FeatureValidationError('Feature spec', toFeatureIssues(result.error.issues));
  // The JSON round trip drops fields that are present but undefined, which JSON cannot hold.
  return JSON.parse(JSON.stringify(result.data)) as FeatureSpec;
}
