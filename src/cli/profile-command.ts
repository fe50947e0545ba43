import { profileTable } from '../core/profile/index.ts';
import { readTypedTable } from './read-typed-table.ts';
import { UsageError } from './main.ts';

const USAGE =
  'usage: looplab profile <file.csv> [--delimiter X] [--quote X] [--no-header] [--encoding utf-8|latin1]';

/** Reads `--name value` and `--flag` options; everything else is positional. */
export function parseOptions(args: string[], withValue: string[], flags: string[], usage = USAGE) {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.replace(/^--/, '');
    if (arg.startsWith('--') && withValue.includes(name)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value. ${usage}`);
      options[name] = value;
    } else if (arg.startsWith('--') && flags.includes(name)) options[name] = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}. ${usage}`);
    else positional.push(arg);
  }
  return { options, positional };
}

/** `looplab profile <file.csv>`: the profile the app shows, as JSON. Ragged rows are left out and listed. */
export async function profileCommand(args: string[]) {
  const { options, positional } = parseOptions(args, ['delimiter', 'quote', 'encoding'], ['no-header']);
  const [file] = positional;
  if (!file || positional.length > 1) throw new UsageError(USAGE);
  const delimiter =
    options.delimiter === '\\t' || options.delimiter === 'tab'
      ? '\t'
      : (options.delimiter as string | undefined);
  const encoding = options.encoding as 'utf-8' | 'latin1' | undefined;
  if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'latin1')
    throw new UsageError(`--encoding must be utf-8 or latin1. ${USAGE}`);
  const { table, result } = await readTypedTable(file, {
    delimiter,
    quote: options.quote as string | undefined,
    encoding,
    header: options['no-header'] ? false : 'auto',
  });
  const profile = profileTable(table);
  return {
    rows: profile.rows,
    columns: profile.columns.map((c) => ({
      name: c.name,
      type: c.type,
      missing: c.missing,
      distinct: c.distinct,
      ...(c.numeric ? { min: c.numeric.min, max: c.numeric.max, mean: c.numeric.mean } : {}),
      top: c.topValues,
    })),
    duplicateRows: profile.duplicateRows,
    duplicateRowsIgnoringIds: profile.duplicateRowsIgnoringIds,
    warnings: [
      ...result.warnings.map((message) => ({ kind: 'ingest', message })),
      ...profile.warnings.map((w) => ({
        ...(w.column ? { column: w.column } : {}),
        kind: w.kind,
        message: w.message,
      })),
    ],
    rejected: result.rejected,
  };
}
