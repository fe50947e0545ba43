export { CsvParser } from './csv-parser.ts';
export { ingestCsv } from './ingest-csv.ts';
export type {
  ColumnChunk,
  IngestOptions,
  IngestProgress,
  IngestResult,
  RejectedRow,
  TypedChunk,
} from './ingest-csv.ts';
export { IngestError } from './ingest-error.ts';
export type { IngestErrorKind } from './ingest-error.ts';
export { sniffDelimiter } from './sniff-delimiter.ts';
export { chunksToRecords } from './chunks-to-records.ts';
export { parseCsvText } from './parse-csv-text.ts';
export { DEFAULT_IMPORT_OPTIONS, ingestOptionsFor } from './import-options.ts';
export type { ImportOptions } from './import-options.ts';
export { browserSizeLimits, checkFileSize, formatSize } from './check-file-size.ts';
export type { SizeLimit } from './check-file-size.ts';
export { detectUtf16 } from './detect-utf16.ts';
