import { safeCsvCell } from '../deploy/safe-csv-cell.ts';
import type { TaskType } from '../problem/problem-card.ts';
import type { BundleScores } from './score-bundle.ts';

/**
 * The predictions CSV that `looplab score` prints and the app's batch scoring downloads, byte for byte:
 * `row` (0-based data row of the input), the prediction, and for classification its probability
 * (`score` = P(positive) for binary, `probability` of the predicted class for multiclass). Rows the recipe
 * dropped keep their row number with empty cells, so nothing vanishes. Every text cell goes through
 * `safeCsvCell`, so a class named `=cmd|…` cannot run as a spreadsheet formula.
 */
export function predictionsCsvHeader(task: TaskType): string {
  if (task === 'regression') return 'row,prediction\n';
  return task === 'binary' ? 'row,prediction,score\n' : 'row,prediction,probability\n';
}

/**
 * The CSV lines of one block of input rows, scored together: `scored` covers input rows
 * [`firstRow`, `firstRow + rows`), in order. Each line ends with a newline.
 */
export function predictionsCsvLines(
  task: TaskType,
  scored: BundleScores,
  firstRow: number,
  rows: number,
): string {
  const lines: string[] = [];
  let next = 0;
  for (let r = 0; r < rows; r++) {
    const p = scored.kept[next] === r ? scored.predictions[next++] : undefined;
    const row = firstRow + r;
    if (task === 'regression') lines.push(`${row},${safeCsvCell(p?.value)}`);
    else lines.push(`${row},${safeCsvCell(p?.label)},${safeCsvCell(p?.score)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
