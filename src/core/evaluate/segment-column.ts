/** A column to evaluate by: its raw cells (null or blank is missing) and how to group them. */
export interface SegmentColumn {
  name: string;
  cells: readonly (string | null)[];
  /** Categorical: one group per value. Numeric: quantile bins. */
  kind: 'categorical' | 'numeric';
}

/** The label of the group of rows whose value is missing, in segments and fairness alike. */
export const MISSING_LABEL = '(missing)';

/** Whether a cell counts as missing: null, empty or only whitespace, as ingest treats them. */
export function isMissingCell(cell: string | null): cell is null {
  return cell === null || cell.trim() === '';
}
