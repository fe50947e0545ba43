import { rowCount, type RawTable } from '../table/raw-table.ts';

/**
 * The table's rows, then the chosen rows of `batch`, in the table's columns: a batch column is matched by
 * name, a column the batch lacks reads as empty (missing), and batch columns the table lacks are left out.
 * Row `rowCount(table) + i` of the result is the i-th chosen batch row, so the table's own row indices (and
 * with them a sealed test set) are unchanged.
 *
 * @param rows Batch rows to append, in order; all of them when omitted.
 * @example
 * appendRows({ names: ['a', 'y'], columns: [['1'], ['no']] }, { names: ['y', 'a'], columns: [['yes'], ['2']] });
 * // { names: ['a', 'y'], columns: [['1', '2'], ['no', 'yes']] }
 */
export function appendRows(table: RawTable, batch: RawTable, rows?: ArrayLike<number>): RawTable {
  const chosen = rows ?? Array.from({ length: rowCount(batch) }, (_, i) => i);
  return {
    names: [...table.names],
    columns: table.names.map((name, c) => {
      const at = batch.names.indexOf(name);
      const source = at < 0 ? undefined : batch.columns[at]!;
      const out = table.columns[c]!.slice();
      for (let i = 0; i < chosen.length; i++) out.push(source?.[chosen[i]!] ?? '');
      return out;
    }),
  };
}

/** The chosen rows of a table, in order. */
export function pickRows(table: RawTable, rows: ArrayLike<number>): RawTable {
  return {
    names: [...table.names],
    columns: table.columns.map((cells) => Array.from(rows as ArrayLike<number>, (r) => cells[r]!)),
  };
}
