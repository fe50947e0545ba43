import { DEFAULT_MISSING_MARKERS, type RawTable } from '../table/raw-table.ts';
import { describeStep } from './describe-step.ts';
import type { ColumnMissing, FittedStep, FittedValues, StepReport } from './fitted-values.ts';
import { countMissing, dropRows, finishTable, toWorkingTable, type PreparedTable } from './prepared-table.ts';
import { FittedValuesMismatchError } from './recipe-error.ts';
import { parseRecipe } from './recipe-schema.ts';
import type { Recipe, RecipeStep } from './recipe-step.ts';
import { recipeVersion } from './recipe-version.ts';
import { selectColumns, type StepContext, type StepOutcome } from './step-context.ts';
import {
  castStep,
  caseFoldStep,
  mapValuesStep,
  parseDatesStep,
  setMissingMarkersStep,
  trimStep,
} from './steps-cells.ts';
import { clipOutliersStep, dropOutliersStep, imputeStep } from './steps-learned.ts';
import { dropColumnsStep, dropDuplicatesStep, dropMissingStep, filterStep } from './steps-rows.ts';

export interface ApplyOptions {
  /**
   * Original row indices of the training rows. Steps that learn (impute mean/median/mode, iqr and zscore
   * outliers) learn only from those of them still present at that step. Absent: every row is a training row.
   */
  trainRows?: Uint32Array;
  /**
   * Cell texts that are missing from the start, compared after trimming. Default: DEFAULT_MISSING_MARKERS.
   * Recorded in the fitted values, so that replay treats the same texts as missing.
   */
  missingMarkers?: readonly string[];
  /** Called after each step, for progress. */
  onStep?: (report: StepReport) => void;
}

export interface RecipeResult {
  table: PreparedTable;
  /** Original row index of every kept row, in order. */
  rowIds: Uint32Array;
  /** One per step, in order. */
  reports: StepReport[];
  /** What the learning steps learned; replay it with `applyFitted`. */
  fitted: FittedValues;
}

/** Steps whose outcome for a row depends on the other rows of the table. */
const CROSS_ROW_STEPS: ReadonlySet<RecipeStep['kind']> = new Set(['drop-duplicates']);

type StepFunction = (ctx: StepContext) => StepOutcome;

const STEP_FUNCTIONS: {
  [K in RecipeStep['kind']]: (ctx: StepContext<Extract<RecipeStep, { kind: K }>>) => StepOutcome;
} = {
  cast: castStep,
  trim: trimStep,
  'case-fold': caseFoldStep,
  'map-values': mapValuesStep,
  'set-missing-markers': setMissingMarkersStep,
  impute: imputeStep,
  'drop-missing': dropMissingStep,
  'drop-duplicates': dropDuplicatesStep,
  'clip-outliers': clipOutliersStep,
  'drop-outliers': dropOutliersStep,
  'drop-columns': dropColumnsStep,
  'parse-dates': parseDatesStep,
  filter: filterStep,
};

/**
 * Runs a recipe on a raw table, learning what its steps need from the training rows.
 *
 * The input table is not changed. Output is deterministic: the same table, recipe and options give the same
 * table, row ids, reports and fitted values, byte for byte.
 *
 * @param table The raw dataset, as ingested.
 * @param recipe Checked with `parseRecipe` first (so ids are unique).
 * @returns The prepared table, the original index of each kept row, a report per step and the fitted values.
 * @throws RecipeValidationError for an invalid recipe; RecipeStepError (naming the step) when a step cannot
 * run on this table, e.g. a column that does not exist at that point or a mean of non-numeric text.
 * @example
 * const split = splitRows(rowCount(raw), { seed: 42 });
 * const { table, rowIds, fitted } = applyRecipe(raw, recipe, { trainRows: split.train });
 * // later, when serving: applyFitted(batch, recipe, fitted)
 */
export function applyRecipe(table: RawTable, recipe: Recipe, options: ApplyOptions = {}): RecipeResult {
  const checked = parseRecipe(recipe);
  const n = table.columns[0]?.length ?? 0;
  let isTrain: Uint8Array | null = null;
  if (options.trainRows !== undefined) {
    isTrain = new Uint8Array(n);
    for (const id of options.trainRows) {
      if (id >= n) throw new RangeError(`trainRows holds row ${id}, but the table has ${n} rows`);
      isTrain[id] = 1;
    }
  }
  const missingMarkers = [...(options.missingMarkers ?? DEFAULT_MISSING_MARKERS)];
  const fittedSteps: Record<string, FittedStep> = {};
  const run = runSteps(table, checked, 'learn', isTrain, fittedSteps, missingMarkers, options.onStep);
  return { ...run, fitted: { recipeVersion: recipeVersion(checked), missingMarkers, steps: fittedSteps } };
}

/**
 * Replays a recipe with the values `applyRecipe` learned, learning nothing: the one path for batch and
 * real-time serving. On the same rows it gives exactly what `applyRecipe` gave.
 *
 * @throws RecipeValidationError for an invalid recipe; FittedValuesMismatchError when `fitted` was learned with
 * another recipe version; RecipeStepError when it lacks a step's entry or a step cannot run on this table.
 */
export function applyFitted(
  table: RawTable,
  recipe: Recipe,
  fitted: FittedValues,
  options: Pick<ApplyOptions, 'onStep'> & {
    /**
     * Serving: every row is a request of its own, so steps that compare rows with each other
     * (drop-duplicates) keep every row. Then a batch gives exactly what its rows give one at a time.
     */
    perRow?: boolean;
  } = {},
): RecipeResult {
  const checked = parseRecipe(recipe);
  const version = recipeVersion(checked);
  if (fitted.recipeVersion !== version) {
    throw new FittedValuesMismatchError(fitted.recipeVersion, version);
  }
  const steps = options.perRow
    ? { steps: checked.steps.filter((step) => !CROSS_ROW_STEPS.has(step.kind)) }
    : checked;
  const run = runSteps(table, steps, 'replay', null, fitted.steps, fitted.missingMarkers, options.onStep);
  return { ...run, fitted };
}

function runSteps(
  raw: RawTable,
  recipe: Recipe,
  mode: 'learn' | 'replay',
  isTrain: Uint8Array | null,
  fitted: Record<string, FittedStep>,
  missingMarkers: readonly string[],
  onStep: ((report: StepReport) => void) | undefined,
): Omit<RecipeResult, 'fitted'> {
  const table = toWorkingTable(raw, missingMarkers);
  const reports: StepReport[] = [];
  recipe.steps.forEach((step, stepIndex) => {
    const ctx: StepContext = { table, step, stepIndex, mode, isTrain, fitted };
    const touched = touchedColumns(ctx);
    const before = touched.map((name) =>
      countMissing(table.columns[table.names.indexOf(name)]!, table.rowCount),
    );
    const rowsBefore = table.rowCount;
    const outcome = (STEP_FUNCTIONS[step.kind] as StepFunction)(ctx);
    const dropped = outcome.keep === undefined ? { count: 0, rowIds: [] } : dropRows(table, outcome.keep);
    const missing: ColumnMissing[] = touched.map((column, i) => ({
      column,
      before: before[i]!,
      after: countMissing(table.columns[table.names.indexOf(column)]!, table.rowCount),
    }));
    const droppedText = outcome.keep === undefined ? '' : ` Dropped ${dropped.count} of ${rowsBefore} rows.`;
    const report: StepReport = {
      stepId: step.id,
      kind: step.kind,
      stepIndex,
      description: describeStep(step),
      rowsBefore,
      rowsAfter: table.rowCount,
      droppedCount: dropped.count,
      droppedRowIds: dropped.rowIds,
      cellsChanged: outcome.cellsChanged,
      cellsInvalid: outcome.cellsInvalid ?? 0,
      invalidExamples: outcome.invalidExamples ?? [],
      missing,
      message: outcome.message + droppedText,
    };
    reports.push(report);
    onStep?.(report);
  });
  return { ...finishTable(table), reports };
}

/** The columns a step reads or writes, whose missing counts its report shows (none for drop-columns). */
function touchedColumns(ctx: StepContext): string[] {
  const { step, table } = ctx;
  if (step.kind === 'drop-columns') return [];
  if ('column' in step) return selectColumns(ctx, [step.column]).map((c) => table.names[c]!);
  return selectColumns(ctx, step.columns).map((c) => table.names[c]!);
}
