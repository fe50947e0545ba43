import {
  missingRequiredColumns,
  predictionsCsvHeader,
  predictionsCsvLines,
  scoreBundleTable,
} from '../src/core/bundle/index.ts';
import { ingestCsv, type ColumnChunk, type RejectedRow } from '../src/core/ingest/index.ts';
import { bytesOf, throttle } from './blob-stream.ts';
import { loadedBundle } from './serve-models.ts';
import { testBarrier } from './test-hooks.ts';

/** Rows scored per block: large enough that per-block overhead vanishes, small enough to yield often. */
const BLOCK_ROWS = 20_000;

export interface BatchProgress {
  bytesRead: number;
  totalBytes: number;
  /** Input rows scored (or found dropped by the recipe) so far. */
  rows: number;
}

export interface BatchResult {
  /** The predictions CSV (`predictionsCsvHeader` format), one line per input data row. */
  csv: Blob;
  rows: number;
  scored: number;
  /** Rows the model's recipe drops: they keep their line in the CSV, with empty predictions. */
  dropped: number;
  /** Lines of the file that were not rows of the table (wrong field count), by line number. */
  rejected: RejectedRow[];
  rejectedCount: number;
  warnings: string[];
  ms: number;
}

let running: { aborted: boolean } | null = null;

/** Stops the batch in progress at its next block; its `scoreCsv` rejects with "cancelled". */
export function cancelBatch(): void {
  if (running) running.aborted = true;
}

/**
 * Scores every row of an uploaded CSV with a loaded model version, a block at a time, through the same
 * serving path as real-time requests and `looplab score` (whose output this equals byte for byte). The page
 * only ever receives progress and the finished file, so it stays responsive for a million rows.
 *
 * @throws Error naming the required columns the file lacks; IngestError for an unreadable file or cancel.
 */
export async function scoreCsv(
  bundleId: string,
  file: Blob,
  onProgress?: (progress: BatchProgress) => void,
): Promise<BatchResult> {
  const bundle = await loadedBundle(bundleId);
  const task = bundle.problem.taskType;
  const signal = { aborted: false };
  // One batch at a time: a new one stops the old.
  cancelBatch();
  running = signal;
  const started = performance.now();
  // Each block's lines become a Blob at once: the browser holds blob data outside this worker's heap (and
  // pages large ones to disk), so the heap holds one block's strings, not the whole file's predictions.
  const parts: Blob[] = [new Blob([predictionsCsvHeader(task)])];
  let names: readonly string[] = [];
  let rows = 0;
  let scored = 0;
  let bytesRead = 0;
  const progress = throttle(onProgress);
  try {
    const result = await ingestCsv(bytesOf(file), {
      totalBytes: file.size,
      header: 'auto',
      ragged: 'drop',
      chunkRows: BLOCK_ROWS,
      signal,
      onHeader: (header) => {
        const missing = missingRequiredColumns(bundle, header);
        if (missing.length)
          throw new Error(`The file lacks the column(s) the model needs: ${missing.join(', ')}.`);
        names = header;
      },
      onProgress: (p) => (bytesRead = p.bytesRead),
      onChunk: async (chunk: ColumnChunk) => {
        const count = chunk.columns[0]?.length ?? 0;
        const block = scoreBundleTable(bundle, { names: [...names], columns: chunk.columns });
        parts.push(new Blob([predictionsCsvLines(task, block, rows, count)]));
        rows += count;
        scored += block.rows;
        progress({ bytesRead, totalBytes: file.size, rows });
        // A macrotask turn between blocks, so that a cancel message is read before the next block.
        await new Promise((resolve) => setTimeout(resolve, 0));
        // A test may hold the batch here, part-way, to cancel it at a known point (test builds only).
        await testBarrier('batch:block-scored');
      },
    });
    progress({ bytesRead: file.size, totalBytes: file.size, rows }, true);
    return {
      csv: new Blob(parts, { type: 'text/csv' }),
      rows,
      scored,
      dropped: rows - scored,
      rejected: result.rejected,
      rejectedCount: result.rejectedCount,
      warnings: result.warnings,
      ms: performance.now() - started,
    };
  } finally {
    if (running === signal) running = null;
  }
}
