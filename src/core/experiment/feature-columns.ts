import type { RecipeStep } from '../recipe/index.ts';
import type { ColumnType } from '../table/raw-table.ts';

/**
 * The columns a model can use once the recipe has run, with their types: the profile's types, changed by
 * the recipe's casts, without the columns it drops and without the target.
 */
export function featureColumns(
  profileColumns: readonly { name: string; type: ColumnType }[],
  steps: readonly RecipeStep[],
  target: string,
): { name: string; type: ColumnType }[] {
  const types = new Map<string, ColumnType>(profileColumns.map((c) => [c.name, c.type]));
  for (const step of steps) {
    if (step.kind === 'cast') types.set(step.column, step.to);
    if (step.kind === 'drop-columns') for (const c of step.columns) types.delete(c);
  }
  return [...types].filter(([name]) => name !== target).map(([name, type]) => ({ name, type }));
}
