import { applyRecipe, recipeVersion, type Recipe, type StepReport } from '../recipe/index.ts';
import { sealSplit, splitRows, type SealedSplit, type SplitFractions } from '../split/index.ts';
import { parseDate } from '../profile/index.ts';
import { DEFAULT_MISSING_MARKERS, type RawTable } from '../table/raw-table.ts';

export type SplitChoice = 'random' | 'time' | 'group';

export interface SplitRequest {
  method: SplitChoice;
  seed: number;
  fractions: SplitFractions;
  /** Stratify a random split by this column (the target, for classification). */
  stratifyBy?: string;
  /** The date column of a time split, or the entity column of a group split. */
  column?: string;
}

export interface PreparePreview {
  recipeHash: string;
  rowsBefore: number;
  rowsAfter: number;
  reports: StepReport[];
  split: SealedSplit;
  /** Rows of each set that survive the recipe. */
  kept: { train: number; validation: number; test: number };
}

/**
 * Splits the raw rows (seeded; stratified, by time or by group), then runs the recipe so that the steps
 * that learn values learn them from the training rows only. The split comes first because learning needs
 * it; rows the recipe drops leave whichever set they were in.
 */
export function prepareDataset(table: RawTable, recipe: Recipe, request: SplitRequest): PreparePreview {
  const n = table.columns[0]?.length ?? 0;
  const column = (name: string | undefined) => {
    const i = name === undefined ? -1 : table.names.indexOf(name);
    if (i < 0) throw new Error(`Split: the dataset has no column "${name}".`);
    return table.columns[i]!;
  };
  const missing = new Set(DEFAULT_MISSING_MARKERS);
  const labelOf = (v: string) => (missing.has(v.trim()) ? null : v.trim());
  const options: Parameters<typeof splitRows>[1] = { seed: request.seed, fractions: request.fractions };
  if (request.method === 'random' && request.stratifyBy)
    options.stratify = column(request.stratifyBy).map(labelOf);
  if (request.method === 'time')
    options.timeOrder = Float64Array.from(column(request.column), (v) => parseDate(v.trim()));
  if (request.method === 'group') options.groups = column(request.column).map(labelOf);
  const split = splitRows(n, options);
  const result = applyRecipe(table, recipe, { trainRows: split.train });
  const keptIds = new Set(result.rowIds);
  const kept = (rows: Uint32Array) => rows.reduce((k, r) => k + (keptIds.has(r) ? 1 : 0), 0);
  return {
    recipeHash: recipeVersion(recipe),
    rowsBefore: n,
    rowsAfter: result.rowIds.length,
    reports: result.reports,
    split: sealSplit(split),
    kept: { train: kept(split.train), validation: kept(split.validation), test: kept(split.test) },
  };
}
