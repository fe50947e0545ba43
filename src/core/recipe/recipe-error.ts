/** One problem with a recipe's JSON, pointing at the step and field. */
export interface RecipeIssue {
  /** Zero-based index into `steps`, or null when the problem is with the recipe as a whole. */
  stepIndex: number | null;
  /** The step's id, when it has a readable one. */
  stepId: string | null;
  /** Dotted path inside the step (`rule.k`, `mapping`), or `steps` for the recipe as a whole. */
  field: string;
  message: string;
}

/** A recipe that does not match the schema. `message` lists every issue, one per line. */
export class RecipeValidationError extends Error {
  override readonly name = 'RecipeValidationError';
  constructor(readonly issues: RecipeIssue[]) {
    super(issues.map(formatRecipeIssue).join('\n'));
  }
}

/** "Step 3 ('fill-age'), field strategy: Invalid option ...". Steps are numbered from 1 for people. */
export function formatRecipeIssue(issue: RecipeIssue): string {
  if (issue.stepIndex === null) return `Recipe, field ${issue.field}: ${issue.message}`;
  const id = issue.stepId === null ? '' : ` ('${issue.stepId}')`;
  return `Step ${issue.stepIndex + 1}${id}, field ${issue.field}: ${issue.message}`;
}

/**
 * A valid recipe that cannot run on this table: a column that does not exist at that step, a mean of text,
 * no training rows to learn from. Names the step (numbered from 1) and, where there is one, the column.
 */
export class RecipeStepError extends Error {
  override readonly name = 'RecipeStepError';
  constructor(
    /** Zero-based index into `steps`. */
    readonly stepIndex: number,
    readonly stepId: string,
    readonly kind: string,
    detail: string,
  ) {
    super(`Step ${stepIndex + 1} ('${stepId}', ${kind}): ${detail}`);
  }
}

/** Fitted values that do not belong to the recipe being replayed (learned with another version of it). */
export class FittedValuesMismatchError extends Error {
  override readonly name = 'FittedValuesMismatchError';
  constructor(
    readonly fittedVersion: string,
    readonly recipeVersion: string,
  ) {
    super(
      `The fitted values were learned with recipe version ${fittedVersion.slice(0, 12)}, not this recipe ` +
        `(${recipeVersion.slice(0, 12)}); run applyRecipe on the training data again`,
    );
  }
}
