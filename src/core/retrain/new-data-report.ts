import type { ColumnType } from '../table/raw-table.ts';

/** A cell of the new batch: its 0-based data row in the batch, and its text as in the file. */
export interface CellExample {
  row: number;
  value: string;
}

interface IssueBase {
  /** The column concerned; null for the batch as a whole. */
  column: string | null;
  /** The issue in one sentence, naming the column and its counts. */
  message: string;
  /** Cells (or rows) concerned. */
  count: number;
  /** A few of them, first rows first. */
  examples: CellExample[];
}

/**
 * One finding of {@link validateNewData}. Errors block the retrain loop; warnings are reported with the
 * evidence and the loop goes on.
 * - `no-rows`: the batch has no data rows (error);
 * - `missing-column`: a signature column is absent: required ones are errors, optional ones (imputed) warnings;
 * - `missing-target`: the target column is absent (error);
 * - `missing-target-values`: rows without a label, which the retrain leaves out (warning);
 * - `new-classes`: target values the champion never trained on (error: a new class changes the problem);
 * - `type-changed`: non-missing cells that do not read as the column's type (a number column now text):
 *   an error above the share threshold, a warning below it;
 * - `new-categories`: values of a categorical column that the training data never had (warning);
 * - `out-of-range`: numbers below the training minimum or above its maximum (warning);
 * - `unexpected-column`: a column the champion does not know, ignored (warning).
 */
export type NewDataIssue =
  | (IssueBase & { kind: 'no-rows' })
  | (IssueBase & { kind: 'missing-column'; column: string; required: boolean })
  | (IssueBase & { kind: 'missing-target'; column: string })
  | (IssueBase & { kind: 'missing-target-values'; column: string })
  | (IssueBase & { kind: 'new-classes'; column: string; values: ValueCount[] })
  | (IssueBase & {
      kind: 'type-changed';
      column: string;
      expected: ColumnType;
      /** Share of the column's non-missing cells that do not read as `expected`. */
      share: number;
    })
  | (IssueBase & {
      kind: 'new-categories';
      column: string;
      /**
       * What "known" means: `training-values`, every value of the training rows (the drift reference holds
       * them all, in its top values or its row sample); `model-categories`, the categories the fitted
       * pipeline keeps (the reference kept only some values): anything else reads as "(other)" to the model.
       */
      basis: 'training-values' | 'model-categories';
      values: ValueCount[];
    })
  | (IssueBase & {
      kind: 'out-of-range';
      column: string;
      /** The training range, from the drift reference's bin edges. */
      min: number;
      max: number;
      below: number;
      above: number;
    })
  | (IssueBase & { kind: 'unexpected-column'; column: string });

export type NewDataIssueKind = NewDataIssue['kind'];

export interface ValueCount {
  value: string;
  count: number;
}

/** What {@link validateNewData} found: the loop runs only when `ok`. */
export interface NewDataReport {
  /** Data rows in the batch. */
  rows: number;
  /** Rows with a label (the ones the retrain can use). */
  labelled: number;
  /** No errors. */
  ok: boolean;
  errors: NewDataIssue[];
  warnings: NewDataIssue[];
}
