import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { chunksToRecords, ingestCsv, type ColumnChunk } from '../core/ingest/index.ts';
import { UsageError } from './main.ts';

/** `looplab parse <file.csv>`: the parsed rows, keyed by header, values exactly as the strings in the file. */
export async function parseCommand(args: string[]): Promise<Record<string, string>[]> {
  const [file] = args;
  if (!file || args.length > 1) throw new UsageError('usage: looplab parse <file.csv>');
  const info = await stat(file).catch(() => {
    throw new Error(`cannot read "${file}": no such file.`);
  });
  if (!info.isFile()) throw new Error(`"${file}" is not a file.`);
  const chunks: ColumnChunk[] = [];
  const result = await ingestCsv(createReadStream(file), {
    totalBytes: info.size,
    onChunk: (chunk) => void chunks.push(chunk),
  });
  for (const warning of result.warnings) process.stderr.write(`looplab parse: warning: ${warning}\n`);
  return chunksToRecords(result.header, chunks);
}
