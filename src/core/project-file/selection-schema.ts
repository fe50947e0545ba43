import type { RunLineage } from '../records.ts';
import { z } from '../zod.ts';

/** `RunLineage.selection`, as run records and model bundles both carry it (issue 17). */
export const selectionSchema = z.object({
  method: z.enum(['cv', 'holdout']),
  folds: z.number().int().min(2).optional(),
  refit: z.boolean(),
  refitRows: z.number().int().nonnegative().optional(),
}) satisfies z.ZodType<NonNullable<RunLineage['selection']>>;
