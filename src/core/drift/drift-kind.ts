import type { ColumnType } from '../table/raw-table.ts';

/**
 * How drift treats a column. Only numeric and categorical columns are tested and counted towards dataset
 * drift; the others are listed, not judged:
 * - `id`: values name rows rather than describe them (every window has new ones);
 * - `text`: free text, nearly every value distinct, so category counts say nothing;
 * - `date`: dates move forward with time, so a later window always "drifts".
 */
export type DriftKind = 'numeric' | 'categorical' | 'id' | 'text' | 'date';

/**
 * The drift kind of a column of the app's inferred (or overridden) type: integer and number are numeric;
 * category and boolean categorical; id, text, date and datetime are reported but not tested. `idLike` is
 * the profile's verdict (`isIdLike`: a category or date with a different value on every row) and wins over
 * the type.
 *
 * @example
 * driftKind('integer', false); // 'numeric'
 * driftKind('category', true); // 'id' (seattle weather's `date`, were it typed category)
 */
export function driftKind(type: ColumnType, idLike: boolean): DriftKind {
  if (idLike || type === 'id') return 'id';
  switch (type) {
    case 'integer':
    case 'number':
      return 'numeric';
    case 'category':
    case 'boolean':
      return 'categorical';
    case 'text':
      return 'text';
    case 'date':
    case 'datetime':
      return 'date';
  }
}
