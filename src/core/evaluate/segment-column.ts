/** A column to evaluate by: its cells (null or blank is missing) and how to group them. */
export interface SegmentColumn {
  name: string;
  /** One per evaluated row: the value the model saw (after the recipe), or the raw cell. */
  cells: readonly (string | null)[];
  /** Categorical: one group per value. Numeric: quantile bins. */
  kind: 'categorical' | 'numeric';
  /**
   * Categorical: for a value the recipe made out of other spellings ("premium" from "PREMIUM" and
   * " Premium"), the raw spellings it came from, most frequent first.
   */
  spellings?: readonly { value: string; raw: readonly string[] }[];
}

/** The label of the group of rows whose value is missing, in segments and fairness alike. */
export const MISSING_LABEL = '(missing)';

/** Whether a cell counts as missing: null, empty or only whitespace, as ingest treats them. */
export function isMissingCell(cell: string | null): cell is null {
  return cell === null || cell.trim() === '';
}
