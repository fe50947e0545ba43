import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { checkCliFileSize } from './file-size-limit.ts';
import { ingestCsv, type ColumnChunk, type IngestOptions } from '../core/ingest/index.ts';
import { concatChunks } from '../core/table/concat-chunks.ts';
import type { RawTable } from '../core/table/raw-table.ts';

/** Reads a CSV file into memory with the app's own ingest (ragged rows left out and listed). */
export async function readTable(
  file: string,
  options: Pick<IngestOptions, 'delimiter' | 'quote' | 'encoding' | 'header'> = {},
): Promise<{ table: RawTable; result: Awaited<ReturnType<typeof ingestCsv>> }> {
  const info = await stat(file).catch(() => {
    throw new Error(`cannot read "${file}": no such file.`);
  });
  checkCliFileSize(info.size);
  const chunks: ColumnChunk[] = [];
  const result = await ingestCsv(createReadStream(file), {
    totalBytes: info.size,
    header: 'auto',
    ...options,
    ragged: 'drop',
    onChunk: (chunk) => void chunks.push(chunk),
  });
  const table = concatChunks(
    result.header,
    chunks.map((c) => c.columns),
  );
  return { table, result };
}
