import { readFile } from 'node:fs/promises';
import { driftReport, parseDriftInput } from '../core/drift/index.ts';
import { UsageError } from './main.ts';

const USAGE = 'usage: looplab drift-stats <input.json>';

/**
 * `looplab drift-stats <input.json>`: every statistic of the drift oracle for one pair of samples, under the
 * oracle's key names and nesting (`ks.pvalue_auto`, `chi2_binned.pvalue`, `new_categories`, …), so the output
 * diffs against `drift_oracle.py INPUT.json`. The input is the oracle's: `{ kind, reference, current }` (see
 * ../shared/data/oracles/drift_oracle.py and src/core/drift/oracle-report.ts).
 */
export async function driftStatsCommand(args: string[]) {
  const option = args.find((arg) => arg.startsWith('--'));
  if (option !== undefined) throw new UsageError(`unknown option ${option}. ${USAGE}`);
  if (args.length !== 1) throw new UsageError(USAGE);
  const file = args[0]!;
  const input = await readJsonFile(file);
  try {
    return driftReport(parseDriftInput(input));
  } catch (error) {
    throw new Error(`"${file}": ${(error as Error).message}`);
  }
}

/** A file's parsed JSON, or an error that names the file and says what is wrong with it. */
async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read "${file}": ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`"${file}" is not valid JSON: ${(error as Error).message}`);
  }
}
