import type { Cells } from './read-cell.ts';

/**
 * Writes one fitted step's output columns for rows `from` to `to` (exclusive) of `cells` into the row-major
 * matrix `out` (`cols` wide), starting at column `offset`: row r's first output is `out[r * cols + offset]`.
 * `out` must hold zeros there: appliers write only the cells that are not 0. Made once per `transform`
 * call (lookup tables built from the step), then called once per block of rows.
 */
export type Applier = (
  cells: Cells,
  from: number,
  to: number,
  out: Float32Array,
  cols: number,
  offset: number,
) => void;
