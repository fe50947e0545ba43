import type { ColumnChunk } from './ingest-csv.ts';

/**
 * Turns column-major chunks back into one object per row, keyed by header. Used where rows are wanted as
 * records (the CLI's `parse`, tests); the app itself keeps columns.
 */
export function chunksToRecords(
  header: readonly string[],
  chunks: readonly ColumnChunk[],
): Record<string, string>[] {
  const records: Record<string, string>[] = [];
  for (const chunk of chunks) {
    const rows = chunk.columns[0]?.length ?? 0;
    for (let r = 0; r < rows; r++) {
      // No prototype: a column named "__proto__" is then an ordinary key, not a setter that drops the value.
      const record = Object.create(null) as Record<string, string>;
      header.forEach((name, c) => {
        record[name] = chunk.columns[c]![r]!;
      });
      records.push(record);
    }
  }
  return records;
}
