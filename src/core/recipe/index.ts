export { applyFitted, applyRecipe } from './apply-recipe.ts';
export type { ApplyOptions, RecipeResult } from './apply-recipe.ts';
export { canonicalJson } from './canonical-json.ts';
export { castValue } from './cast-value.ts';
export { describeStep } from './describe-step.ts';
export type { ColumnMissing, FittedStep, FittedValues, StepReport } from './fitted-values.ts';
export { formatIsoDate, parseDateText } from './parse-date.ts';
export type { ParsedDate } from './parse-date.ts';
export { canonicalNumberText, formatNumber, parseNumberText } from './parse-number.ts';
export { DROPPED_ROW_IDS_CAP, missingMarkerTest } from './prepared-table.ts';
export type { PreparedTable } from './prepared-table.ts';
export {
  FittedValuesMismatchError,
  formatRecipeIssue,
  RecipeStepError,
  RecipeValidationError,
} from './recipe-error.ts';
export type { RecipeIssue } from './recipe-error.ts';
export { parseRecipe, recipeSchema, validateRecipe } from './recipe-schema.ts';
export type { RecipeValidation } from './recipe-schema.ts';
export { DEFAULT_IQR_K, DEFAULT_ZSCORE, STEP_KINDS } from './recipe-step.ts';
export type * from './recipe-step.ts';
export { recipeVersion } from './recipe-version.ts';
