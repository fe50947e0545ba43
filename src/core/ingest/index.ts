export { CsvParser } from './csv-parser.ts';
export { ingestCsv } from './ingest-csv.ts';
export type { ColumnChunk, IngestOptions, IngestProgress, IngestResult } from './ingest-csv.ts';
export { IngestError } from './ingest-error.ts';
export type { IngestErrorKind } from './ingest-error.ts';
export { sniffDelimiter } from './sniff-delimiter.ts';
export { chunksToRecords } from './chunks-to-records.ts';
export { parseCsvText } from './parse-csv-text.ts';
