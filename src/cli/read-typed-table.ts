import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ingestCsv, type IngestOptions, type IngestResult } from '../core/ingest/index.ts';
import type { TypedTable } from '../core/profile/index.ts';
import type { TypedColumn } from '../core/table/typed-column.ts';
import { checkCliFileSize, TYPED_HEAP_PER_FILE_BYTE } from './file-size-limit.ts';

/**
 * Reads a CSV file into typed columns (issue 18) with the app's own ingest, ragged rows left out and listed:
 * one chunk for the whole file, so each column is one array and one dictionary. A typed million-row table
 * of ten columns is tens of megabytes, not the gigabyte of its strings, so the size limit is looser.
 */
export async function readTypedTable(
  file: string,
  options: Pick<IngestOptions, 'delimiter' | 'quote' | 'encoding' | 'header'> = {},
): Promise<{ table: TypedTable; result: IngestResult }> {
  const info = await stat(file).catch(() => {
    throw new Error(`cannot read "${file}": no such file.`);
  });
  checkCliFileSize(info.size, TYPED_HEAP_PER_FILE_BYTE);
  let columns: TypedColumn[] = [];
  const result = await ingestCsv(createReadStream(file, { highWaterMark: 1 << 20 }), {
    totalBytes: info.size,
    header: 'auto',
    ...options,
    ragged: 'drop',
    chunkRows: Infinity,
    onTypedChunk: (chunk) => void (columns = chunk.columns),
  });
  return { table: { names: result.header, columns }, result };
}
