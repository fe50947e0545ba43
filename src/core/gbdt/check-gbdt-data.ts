import type { TaskType } from '../problem/problem-card.ts';

/**
 * Checks one data set for fitGbdt before anything is trained.
 *
 * @throws RangeError naming the set and, for a bad target, the row.
 */
export function checkGbdtData(
  data: { x: Float32Array; y: ArrayLike<number>; rows: number },
  name: string,
  cols: number,
  task: TaskType,
  classes: number,
): void {
  if (!Number.isInteger(cols) || cols < 1)
    throw new RangeError(`fitGbdt: cols must be an integer ≥ 1, got ${cols}`);
  if (
    task !== 'regression' &&
    (!Number.isInteger(classes) || classes < 2 || (task === 'binary' && classes !== 2))
  ) {
    throw new RangeError(
      `fitGbdt: a ${task} task needs ${task === 'binary' ? '2' : '≥ 2'} classes, got ${classes}`,
    );
  }
  const { x, y, rows } = data;
  if (!Number.isInteger(rows) || rows < (name === 'train' ? 1 : 0)) {
    throw new RangeError(`fitGbdt: ${name} rows must be a positive integer, got ${rows}`);
  }
  if (x.length !== rows * cols) {
    throw new RangeError(
      `fitGbdt: ${name} x has ${x.length} values; expected ${rows} rows × ${cols} columns`,
    );
  }
  if (y.length !== rows) throw new RangeError(`fitGbdt: ${name} y has ${y.length} values; expected ${rows}`);
  for (let i = 0; i < rows; i++) {
    const v = y[i]!;
    const ok = task === 'regression' ? Number.isFinite(v) : Number.isInteger(v) && v >= 0 && v < classes;
    if (!ok) {
      const expected = task === 'regression' ? 'a finite number' : `a class index 0 … ${classes - 1}`;
      throw new RangeError(`fitGbdt: ${name} target of row ${i} is ${v}; expected ${expected}`);
    }
  }
}
