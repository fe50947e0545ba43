import type { ColumnType } from '../table/raw-table.ts';

/**
 * The cleaning recipe: an ordered list of steps, each a plain JSON object with a stable `id` (unique within the
 * recipe) and a `kind`. A recipe is data: it is stored, hashed into a version (`recipeVersion`) and replayed by
 * one function (`applyRecipe` when learning, `applyFitted` when serving).
 */
export interface Recipe {
  steps: RecipeStep[];
}

/** Every column of the table at that point, or the named ones. */
export type ColumnSelection = 'all' | string[];

interface StepBase {
  /** Stable and unique within the recipe: reports and fitted values are keyed by it. */
  id: string;
}

/**
 * Sets the column's type and normalises its values to that type's canonical text: numbers lose thousands
 * separators and trailing zeros ("1,234.50" → "1234.5"), booleans become "true"/"false", dates ISO. A value
 * that does not parse becomes missing and is counted. category, text and id only set the type.
 */
export interface CastStep extends StepBase {
  kind: 'cast';
  column: string;
  to: ColumnType;
}

/** Removes leading and trailing whitespace. */
export interface TrimStep extends StepBase {
  kind: 'trim';
  columns: ColumnSelection;
}

export type CaseFoldMode = 'lower' | 'upper' | 'title';

/** Changes letter case; `title` lower-cases, then capitalises the first letter of every word. */
export interface CaseFoldStep extends StepBase {
  kind: 'case-fold';
  columns: ColumnSelection;
  mode: CaseFoldMode;
}

/** Replaces exact values (to merge spellings); a `null` target makes the value missing. */
export interface MapValuesStep extends StepBase {
  kind: 'map-values';
  column: string;
  mapping: Record<string, string | null>;
}

/**
 * Treats more values as missing, compared after trimming whitespace. Adds to the markers applied when the
 * table is loaded (see `ApplyOptions.missingMarkers`), which no step can take back.
 */
export interface SetMissingMarkersStep extends StepBase {
  kind: 'set-missing-markers';
  columns: ColumnSelection;
  markers: string[];
}

export type ImputeStrategy = 'mean' | 'median' | 'mode' | 'constant';

/** Fills missing values with a value learned from the training rows, or with a constant. */
export interface ImputeStep extends StepBase {
  kind: 'impute';
  column: string;
  strategy: ImputeStrategy;
  /** Required for `constant`, refused otherwise. */
  value?: string;
}

/** Drops the rows that are missing a value in any of the columns. */
export interface DropMissingStep extends StepBase {
  kind: 'drop-missing';
  columns: ColumnSelection;
}

/** Drops every row equal to an earlier row on the columns (missing equals missing); the first is kept. */
export interface DropDuplicatesStep extends StepBase {
  kind: 'drop-duplicates';
  columns: ColumnSelection;
}

/**
 * Which values count as outliers. `iqr`: outside [Q1 − k·IQR, Q3 + k·IQR], k = 1.5 by default. `zscore`:
 * |x − mean| > z·std (population std), z = 4 by default. Both are learned from the training rows. `bounds`:
 * outside fixed [min, max] (either side may be left open).
 */
export type OutlierRule =
  | { method: 'iqr'; k?: number }
  | { method: 'zscore'; z?: number }
  | { method: 'bounds'; min?: number; max?: number };

/** Moves numeric values outside the rule's bounds onto the nearest bound. */
export interface ClipOutliersStep extends StepBase {
  kind: 'clip-outliers';
  column: string;
  rule: OutlierRule;
}

/** Drops the rows whose numeric value lies outside the rule's bounds (missing values are kept). */
export interface DropOutliersStep extends StepBase {
  kind: 'drop-outliers';
  column: string;
  rule: OutlierRule;
}

export interface DropColumnsStep extends StepBase {
  kind: 'drop-columns';
  columns: string[];
}

/**
 * `iso`: yyyy-mm-dd with an optional time (THH:MM[:SS[.fff]]) and offset (Z, ±hh:mm; shifted to UTC).
 * `mdy`: m/d/yyyy (or m-d-yyyy) with an optional time (H:MM[:SS] [AM|PM]). `mon-d-y`: "Jun 12 1998",
 * "June 12, 1998", with an optional time. `auto` tries iso, mdy, then mon-d-y for each value.
 */
export type DateFormat = 'auto' | 'iso' | 'mdy' | 'mon-d-y';

/**
 * Rewrites dates as ISO text: yyyy-mm-dd, or yyyy-mm-ddTHH:MM:SS for a value that has a time. A value that does
 * not parse becomes missing and is counted.
 */
export interface ParseDatesStep extends StepBase {
  kind: 'parse-dates';
  column: string;
  format: DateFormat;
}

export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not-in' | 'is-missing' | 'not-missing';

/**
 * Keeps the rows that match. A number `value` compares numerically (cells that are not numbers never match);
 * a string `value` compares as text (ISO dates order correctly as text). A missing cell matches only
 * `is-missing`, `!=` and `not-in` (as in pandas, where NaN != x is true).
 */
export interface FilterStep extends StepBase {
  kind: 'filter';
  column: string;
  op: FilterOp;
  /** A string or number for comparisons, an array for in / not-in, absent for is-missing / not-missing. */
  value?: string | number | (string | number)[];
}

export type RecipeStep =
  | CastStep
  | TrimStep
  | CaseFoldStep
  | MapValuesStep
  | SetMissingMarkersStep
  | ImputeStep
  | DropMissingStep
  | DropDuplicatesStep
  | ClipOutliersStep
  | DropOutliersStep
  | DropColumnsStep
  | ParseDatesStep
  | FilterStep;

export type StepKind = RecipeStep['kind'];

export const STEP_KINDS: readonly StepKind[] = [
  'cast',
  'trim',
  'case-fold',
  'map-values',
  'set-missing-markers',
  'impute',
  'drop-missing',
  'drop-duplicates',
  'clip-outliers',
  'drop-outliers',
  'drop-columns',
  'parse-dates',
  'filter',
];

/** Default factor for the IQR fences (Tukey). */
export const DEFAULT_IQR_K = 1.5;
/** Default |z| threshold, as the profile's outlier count uses. */
export const DEFAULT_ZSCORE = 4;
