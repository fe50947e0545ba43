import type { FittedStep } from './fitted-values.ts';
import type { WorkingTable } from './prepared-table.ts';
import { RecipeStepError } from './recipe-error.ts';
import type { ColumnSelection, RecipeStep } from './recipe-step.ts';

/** What a step function gets: the table to change in place, and either training rows or fitted values. */
export interface StepContext<S extends RecipeStep = RecipeStep> {
  table: WorkingTable;
  step: S;
  stepIndex: number;
  /**
   * 'learn': learning steps learn from the rows flagged in `isTrain` (by original id) and record the result in
   * `fitted`. 'replay': they read `fitted` and learn nothing.
   */
  mode: 'learn' | 'replay';
  /** Indexed by original row id; null means every row is a training row. */
  isTrain: Uint8Array | null;
  fitted: Record<string, FittedStep>;
}

/** What a step did; the runner adds the row counts, dropped ids and missing counts. */
export interface StepOutcome {
  cellsChanged: number;
  cellsInvalid?: number;
  invalidExamples?: string[];
  /** 1 for each current row to keep; absent when the step drops no rows. */
  keep?: Uint8Array;
  message: string;
}

/** Throws a RecipeStepError naming this step. */
export function stepError(ctx: StepContext, detail: string): RecipeStepError {
  return new RecipeStepError(ctx.stepIndex, ctx.step.id, ctx.step.kind, detail);
}

/** The index of a column that must exist at this step. */
export function columnIndex(ctx: StepContext, name: string): number {
  const index = ctx.table.names.indexOf(name);
  if (index >= 0) return index;
  const known = ctx.table.names.map((n) => `'${n}'`).join(', ');
  throw stepError(ctx, `there is no column '${name}' at this step (columns: ${known})`);
}

export function selectColumns(ctx: StepContext, columns: ColumnSelection): number[] {
  return columns === 'all' ? ctx.table.names.map((_, c) => c) : columns.map((name) => columnIndex(ctx, name));
}

/** Collects up to five distinct example values. */
export function exampleCollector(): { add(value: string): void; values: string[] } {
  const values: string[] = [];
  return {
    values,
    add(value) {
      if (values.length < 5 && !values.includes(value)) values.push(value);
    },
  };
}

/** "1 cell", "3 cells". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
