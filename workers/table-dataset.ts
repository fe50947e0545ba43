/**
 * A table made in a worker (the labelled requests a retrain trained on) as a dataset record and its packed
 * chunks, ready for `saveDataset`: stored like an upload, so its rows can be viewed, exported with the
 * project and read back by lineage. Its version is the SHA-256 of the table written as RFC 4180 CSV, the
 * bytes a user would get by downloading it.
 */
import { createSHA256 } from 'hash-wasm';
import { RECORD_SCHEMA_VERSION, type DatasetRecord, type PackedChunkRecord } from '../src/core/records.ts';
import { formatCsv } from '../src/core/sample/format-csv.ts';
import { packColumn } from '../src/core/table/packed-column.ts';
import { rowCount, type RawTable } from '../src/core/table/raw-table.ts';

/** Rows per stored chunk, as uploads are chunked. */
const CHUNK_ROWS = 2000;

export async function datasetOfTable(
  table: RawTable,
  projectId: string,
  name: string,
  source: DatasetRecord['source'],
): Promise<{ dataset: DatasetRecord; chunks: PackedChunkRecord[] }> {
  const rows = rowCount(table);
  const records = Array.from({ length: rows }, (_, r) => table.columns.map((column) => column[r]!));
  const bytes = new TextEncoder().encode(formatCsv(table.names, records));
  const hasher = await createSHA256();
  hasher.update(bytes);
  const id = crypto.randomUUID();
  const chunkCount = Math.ceil(rows / CHUNK_ROWS);
  const chunks: PackedChunkRecord[] = Array.from({ length: chunkCount }, (_, index) => ({
    schemaVersion: RECORD_SCHEMA_VERSION,
    datasetId: id,
    index,
    packed: table.columns.map((column) =>
      packColumn(column.slice(index * CHUNK_ROWS, (index + 1) * CHUNK_ROWS)),
    ),
  }));
  const dataset: DatasetRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id,
    projectId,
    createdAt: Date.now(),
    name,
    sha256: hasher.digest('hex'),
    byteLength: bytes.byteLength,
    rowCount: rows,
    columns: table.names.map((columnName, index) => ({ name: columnName, index })),
    delimiter: ',',
    chunkRows: CHUNK_ROWS,
    chunkCount,
    source,
    warnings: [],
  };
  return { dataset, chunks };
}
