import { parseNumberText } from '../recipe/parse-number.ts';
import type { FeatureSpec } from './feature-spec.ts';
import type { FittedTarget } from './fitted-pipeline.ts';
import { presentText, type Cells } from './read-cell.ts';

/**
 * Learns the target's encoding from the training rows (values trimmed, missing ones ignored).
 * - binary: exactly two classes, ordered [negative, positive]. The positive class is `spec.positiveClass`, or
 *   else the less frequent class; on a tie, the later in string order (so "no"/"yes" gives "yes", "0"/"1"
 *   gives "1", as sklearn's sorted labels would).
 * - multiclass: two or more classes, in string order (as numpy's np.unique sorts them).
 * - regression: numbers; at least one training value must be one.
 *
 * @throws Error naming the target when the training values do not fit the task.
 */
export function fitTarget(spec: FeatureSpec, cells: Cells, rows: number): FittedTarget {
  const what = `Target "${spec.target}"`;
  if (spec.task === 'regression') {
    for (let r = 0; r < rows; r++) {
      const cell = cells[r]!;
      if (cell !== null && !Number.isNaN(parseNumberText(cell))) return { kind: 'numeric' };
    }
    throw new Error(`${what}: no training row has a number, so it cannot be a regression target`);
  }

  const counts = new Map<string, number>();
  for (let r = 0; r < rows; r++) {
    const value = presentText(cells[r]!);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const classes = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const listed = `${classes.length} (${classes
    .slice(0, 5)
    .map((c) => `"${c}"`)
    .join(', ')}${classes.length > 5 ? ', …' : ''})`;

  if (spec.task === 'multiclass') {
    if (classes.length < 2)
      throw new Error(
        `${what}: a multiclass task needs 2 or more classes in the training rows; found ${listed}`,
      );
    return { kind: 'classes', classes };
  }
  if (classes.length !== 2) {
    throw new Error(`${what}: a binary task needs exactly 2 classes in the training rows; found ${listed}`);
  }
  const [first, second] = classes as [string, string];
  let positive = counts.get(first)! < counts.get(second)! ? first : second;
  if (spec.positiveClass !== undefined) {
    positive = spec.positiveClass.trim();
    if (positive !== first && positive !== second) {
      throw new Error(
        `${what}: the positive class "${positive}" is not one of the training classes "${first}", "${second}"`,
      );
    }
  }
  return {
    kind: 'classes',
    classes: positive === first ? [second, first] : [first, second],
    positiveClass: positive,
  };
}
