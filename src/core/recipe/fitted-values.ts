import type { StepKind } from './recipe-step.ts';

/** What one learning step learned from the training rows. */
export type FittedStep =
  | {
      kind: 'impute';
      /** The fill value, as cell text. */
      value: string;
      /** How many training values it was learned from. */
      learnedFrom: number;
    }
  | {
      kind: 'clip-outliers' | 'drop-outliers';
      /** Values below `lower` or above `upper` are outliers; null leaves that side open. */
      lower: number | null;
      upper: number | null;
      learnedFrom: number;
    };

/**
 * Everything `applyRecipe` learned, as JSON: saved with the model version so that `applyFitted` (batch and
 * real-time serving) replays the recipe without learning anything. Steps that learn nothing (a constant
 * impute, bounds outliers, casts, ...) have no entry.
 */
export interface FittedValues {
  /** The `recipeVersion` these values were learned with; replaying another recipe is refused. */
  recipeVersion: string;
  /** The missing markers applied when the table was loaded. */
  missingMarkers: string[];
  /** Keyed by step id. */
  steps: Record<string, FittedStep>;
}

/** Missing cells in a column the step touched, before and after it. */
export interface ColumnMissing {
  column: string;
  before: number;
  after: number;
}

/** What one step did, so that no row or cell changes unseen. */
export interface StepReport {
  stepId: string;
  kind: StepKind;
  /** Zero-based position in the recipe. */
  stepIndex: number;
  /** The step's one-line description (`describeStep`). */
  description: string;
  rowsBefore: number;
  rowsAfter: number;
  droppedCount: number;
  /** Original row indices of the dropped rows, ascending, at most `DROPPED_ROW_IDS_CAP` of them. */
  droppedRowIds: number[];
  /** Cells whose value changed (text to other text, or to or from missing) in the rows that remain. */
  cellsChanged: number;
  /** Cells made missing because they did not parse as the target type (cast, parse-dates). */
  cellsInvalid: number;
  /** Up to five distinct values that did not parse. */
  invalidExamples: string[];
  /** For each column the step reads or writes. */
  missing: ColumnMissing[];
  /** A sentence for people: what happened, including any learned value. */
  message: string;
}
