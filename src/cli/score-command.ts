import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import {
  decodeBundle,
  missingRequiredColumns,
  predictionsCsvHeader,
  predictionsCsvLines,
  scoreBundleTable,
} from '../core/bundle/index.ts';
import { ingestCsv } from '../core/ingest/index.ts';
import { StreamedOutput, UsageError } from './main.ts';

const USAGE = 'usage: looplab score <bundle.zip> <file.csv>';

/** Rows read, scored and written together: a block's strings and output are all that is held at once. */
export const SCORE_BLOCK_ROWS = 16_384;

/** The least time between two progress lines on stderr. */
const PROGRESS_EVERY_MS = 1000;

/**
 * `looplab score <bundle.zip> <file.csv>`: scores every row of a CSV with a model bundle, through the same
 * serving path as the app (recipe replay, the fitted pipeline's transform, the model), and writes the
 * predictions CSV to stdout: `row` (0-based data row), then the prediction, and P(positive) or the
 * predicted class's probability. Rows the recipe drops keep their row number with empty predictions, so
 * nothing vanishes; a line on stderr counts them.
 *
 * It streams: the file is read, scored and written in blocks of `SCORE_BLOCK_ROWS` rows, so memory does
 * not grow with the file (issue 18), and the file-size limit that guards in-memory commands does not
 * apply. Scoring treats each row as a request of its own, so the blocks give the same bytes as scoring
 * the whole file at once. At most once a second a progress line goes to stderr, never to stdout.
 */
export async function scoreCommand(args: string[]): Promise<StreamedOutput> {
  if (args.length !== 2 || args.some((a) => a.startsWith('--'))) throw new UsageError(USAGE);
  const [bundlePath, csvPath] = args as [string, string];
  const bytes = await readFile(bundlePath).catch(() => {
    throw new Error(`cannot read bundle "${bundlePath}".`);
  });
  const bundle = decodeBundle(new Uint8Array(bytes));
  const info = await stat(csvPath).catch(() => {
    throw new Error(`cannot read "${csvPath}": no such file.`);
  });
  const task = bundle.problem.taskType;
  return new StreamedOutput(async (write, progress) => {
    let names: readonly string[] = [];
    let firstRow = 0;
    let dropped = 0;
    let headerWritten = false;
    const started = performance.now();
    let lastLine = started;
    const result = await ingestCsv(createReadStream(csvPath), {
      totalBytes: info.size,
      header: 'auto',
      ragged: 'drop',
      chunkRows: SCORE_BLOCK_ROWS,
      onHeader: (header) => {
        const missing = missingRequiredColumns(bundle, header);
        if (missing.length)
          throw new Error(`"${csvPath}" lacks the column(s) the model needs: ${missing.join(', ')}.`);
        names = header;
      },
      onChunk: async ({ columns }) => {
        const rows = columns[0]?.length ?? 0;
        const scored = scoreBundleTable(bundle, { names: [...names], columns });
        dropped += scored.dropped.length;
        const lines = predictionsCsvLines(task, scored, firstRow, rows);
        await write(headerWritten ? lines : predictionsCsvHeader(task) + lines);
        headerWritten = true;
        firstRow += rows;
      },
      onProgress: ({ bytesRead, totalBytes }) => {
        const now = performance.now();
        if (now - lastLine < PROGRESS_EVERY_MS) return;
        lastLine = now;
        const share = totalBytes ? `, ${Math.floor((100 * bytesRead) / totalBytes)}% of the file` : '';
        progress(
          `${firstRow.toLocaleString('en')} rows scored${share}, ${((now - started) / 1000).toFixed(0)} s`,
        );
      },
    });
    if (!headerWritten) await write(predictionsCsvHeader(task));
    const notes = [];
    if (dropped)
      notes.push(
        `${dropped} row(s) were dropped by the model's cleaning recipe; their predictions are empty.`,
      );
    if (result.rejectedCount)
      notes.push(`${result.rejectedCount} row(s) with the wrong number of fields were left out.`);
    return notes.length ? notes.join(' ') : undefined;
  });
}
