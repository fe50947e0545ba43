import type { FilterOp, RecipeStep } from '../core/recipe/recipe-step.ts';
import type { ColumnType } from '../core/table/raw-table.ts';

/** The kinds the "Add a step" form offers, with their labels. */
export const FORM_KINDS = [
  ['drop-missing', 'Drop rows missing a value in…'],
  ['drop-columns', 'Drop column'],
  ['impute', 'Impute missing values in…'],
  ['trim', 'Trim spaces in…'],
  ['case-fold', 'Change letter case in…'],
  ['cast', 'Cast column to a type'],
  ['set-missing-markers', 'Treat values as missing in…'],
  ['clip-outliers', 'Clip outliers in…'],
  ['drop-outliers', 'Drop rows with outliers in…'],
  ['parse-dates', 'Parse dates in…'],
  ['filter', 'Keep rows where…'],
  ['drop-duplicates', 'Drop duplicate rows'],
] as const;

export type FormKind = (typeof FORM_KINDS)[number][0];

/** What the form collects; each kind reads the fields it needs. */
export interface StepForm {
  kind: FormKind;
  column: string;
  strategy: 'mean' | 'median' | 'mode';
  mode: 'lower' | 'upper' | 'title';
  type: ColumnType;
  /** Comma-separated, for missing markers and for in / not-in filters. */
  text: string;
  outlierMethod: 'iqr' | 'zscore';
  op: FilterOp;
}

/** A filter value: a number when it reads as one (so it compares numerically), else the text. */
function filterValue(text: string): string | number {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

/**
 * Builds the recipe step the form describes.
 *
 * @example buildStep({ kind: 'cast', column: 'TotalCharges', type: 'number', ... }, 's1')
 *   // { id: 's1', kind: 'cast', column: 'TotalCharges', to: 'number' }
 */
export function buildStep(form: StepForm, id: string): RecipeStep {
  const { column } = form;
  const list = form.text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  switch (form.kind) {
    case 'drop-duplicates':
      return { id, kind: 'drop-duplicates', columns: 'all' };
    case 'drop-missing':
    case 'drop-columns':
    case 'trim':
      return form.kind === 'trim'
        ? { id, kind: 'trim', columns: [column] }
        : { id, kind: form.kind, columns: [column] };
    case 'impute':
      return { id, kind: 'impute', column, strategy: form.strategy };
    case 'case-fold':
      return { id, kind: 'case-fold', columns: [column], mode: form.mode };
    case 'cast':
      return { id, kind: 'cast', column, to: form.type };
    case 'set-missing-markers':
      return { id, kind: 'set-missing-markers', columns: [column], markers: list };
    case 'clip-outliers':
    case 'drop-outliers':
      return { id, kind: form.kind, column, rule: { method: form.outlierMethod } };
    case 'parse-dates':
      return { id, kind: 'parse-dates', column, format: 'auto' };
    case 'filter': {
      if (form.op === 'is-missing' || form.op === 'not-missing')
        return { id, kind: 'filter', column, op: form.op };
      if (form.op === 'in' || form.op === 'not-in')
        return { id, kind: 'filter', column, op: form.op, value: list.map(filterValue) };
      return { id, kind: 'filter', column, op: form.op, value: filterValue(form.text) };
    }
  }
}
