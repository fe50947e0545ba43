import { parseDate } from '../profile/index.ts';
import type { SplitRequest } from '../prepare/prepare-dataset.ts';
import { DEFAULT_MISSING_MARKERS, type RawTable } from '../table/raw-table.ts';
import type { FoldLayout } from './cv-folds.ts';

/**
 * How cross-validation folds the pool of non-test rows so that a fold's score means what the split means
 * (issue 17): a time split's folds are time-ordered and a group split's keep each entity on one side. A
 * random split gives undefined: the search's default, stratified by the label for classification and
 * shuffled for regression.
 *
 * The pool is the training rows, then the validation rows, in matrix order; `rowIds` gives the raw table
 * row behind each, so the split's own column is read exactly as the split read it (`parseDate`, the same
 * missing markers). Rows whose time or group is missing cannot be in the pool (the split excluded them),
 * but a NaN time is ordered last and a missing group gets its own key so the layout never throws on them.
 */
export function foldLayoutOf(
  table: RawTable,
  split: Pick<SplitRequest, 'method' | 'column'>,
  rowIds: { train: ArrayLike<number>; validation: ArrayLike<number> },
): FoldLayout | undefined {
  const pool = [...Array.from(rowIds.train), ...Array.from(rowIds.validation)];
  const column = () => {
    const i = split.column === undefined ? -1 : table.names.indexOf(split.column);
    if (i < 0) throw new Error(`Cross-validation: the dataset has no column "${split.column ?? ''}".`);
    return table.columns[i]!;
  };
  if (split.method === 'time') {
    const values = column();
    const time = pool.map((raw) => parseDate(values[raw]!.trim()));
    const key = (t: number) => (Number.isNaN(t) ? Infinity : t);
    const order = pool.map((_, i) => i).sort((a, b) => key(time[a]!) - key(time[b]!) || pool[a]! - pool[b]!);
    return { kind: 'time', order };
  }
  if (split.method === 'group') {
    const values = column();
    const missing = new Set(DEFAULT_MISSING_MARKERS);
    const codes = new Map<string, number>();
    const groups = pool.map((raw) => {
      const text = values[raw]!.trim();
      const label = missing.has(text) ? `\u0000missing:${raw}` : text;
      let code = codes.get(label);
      if (code === undefined) codes.set(label, (code = codes.size));
      return code;
    });
    return { kind: 'group', groups };
  }
  return undefined;
}
