import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { chunksToRecords, ingestCsv, type ColumnChunk } from '../core/ingest/index.ts';
import { checkCliFileSize } from './file-size-limit.ts';
import { UsageError } from './main.ts';
import { parseOptions } from './profile-command.ts';

const USAGE =
  'usage: looplab parse <file.csv> [--delimiter X] [--quote X] [--no-header] [--encoding utf-8|latin1]';

/**
 * `looplab parse <file.csv>`: the parsed rows, keyed by header, values exactly as the strings in the file.
 * The options are the app's import options, so a file reads the same on both surfaces.
 */
export async function parseCommand(args: string[]): Promise<Record<string, string>[]> {
  const { options, positional } = parseOptions(
    args,
    ['delimiter', 'quote', 'encoding'],
    ['no-header'],
    USAGE,
  );
  const [file] = positional;
  if (!file || positional.length > 1) throw new UsageError(USAGE);
  const encoding = options.encoding as 'utf-8' | 'latin1' | undefined;
  if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'latin1')
    throw new UsageError(`--encoding must be utf-8 or latin1. ${USAGE}`);
  const info = await stat(file).catch(() => {
    throw new Error(`cannot read "${file}": no such file.`);
  });
  if (!info.isFile()) throw new Error(`"${file}" is not a file.`);
  checkCliFileSize(info.size);
  const chunks: ColumnChunk[] = [];
  const result = await ingestCsv(createReadStream(file), {
    totalBytes: info.size,
    delimiter: delimiterOption(options.delimiter),
    quote: options.quote as string | undefined,
    encoding,
    header: options['no-header'] ? false : 'auto',
    onChunk: (chunk) => void chunks.push(chunk),
  });
  for (const warning of result.warnings) process.stderr.write(`looplab parse: warning: ${warning}\n`);
  return chunksToRecords(result.header, chunks);
}

/** `--delimiter tab` or `\t` for a tab, which is awkward to type in a shell. */
export function delimiterOption(value: string | true | undefined): string | undefined {
  if (value === '\\t' || value === 'tab') return '\t';
  return value === true ? undefined : value;
}
