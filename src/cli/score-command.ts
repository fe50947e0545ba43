import { readFile } from 'node:fs/promises';
import {
  decodeBundle,
  missingRequiredColumns,
  predictionsCsvHeader,
  predictionsCsvLines,
  scoreBundleTable,
} from '../core/bundle/index.ts';
import { RawOutput, UsageError } from './main.ts';
import { readTable } from './read-table.ts';

const USAGE = 'usage: looplab score <bundle.zip> <file.csv>';

/**
 * `looplab score <bundle.zip> <file.csv>`: scores every row of a CSV with a model bundle, through the same
 * serving path as the app (recipe replay, the fitted pipeline's transform, the model), and returns the
 * predictions as CSV text for stdout: `row` (0-based data row), then the prediction, and P(positive) or
 * the predicted class's probability. Rows the recipe drops keep their row number with empty predictions,
 * so nothing vanishes; a line on stderr counts them.
 */
export async function scoreCommand(args: string[]): Promise<RawOutput> {
  if (args.length !== 2 || args.some((a) => a.startsWith('--'))) throw new UsageError(USAGE);
  const [bundlePath, csvPath] = args as [string, string];
  const bytes = await readFile(bundlePath).catch(() => {
    throw new Error(`cannot read bundle "${bundlePath}".`);
  });
  const bundle = decodeBundle(new Uint8Array(bytes));
  const { table } = await readTable(csvPath);
  const missing = missingRequiredColumns(bundle, table.names);
  if (missing.length)
    throw new Error(`"${csvPath}" lacks the column(s) the model needs: ${missing.join(', ')}.`);
  const rows = table.columns[0]?.length ?? 0;
  const scored = scoreBundleTable(bundle, table);
  const task = bundle.problem.taskType;
  const csv = predictionsCsvHeader(task) + predictionsCsvLines(task, scored, 0, rows);
  const dropped = scored.dropped.length;
  return new RawOutput(
    csv,
    dropped
      ? `${dropped} row(s) were dropped by the model's cleaning recipe; their predictions are empty.`
      : undefined,
  );
}
