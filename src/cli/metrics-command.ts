import { readFile } from 'node:fs/promises';
import { metricsReport, parseMetricsInput } from '../core/metrics/oracle-report.ts';
import { UsageError } from './main.ts';

const USAGE = 'usage: looplab metrics <input.json>';

/**
 * `looplab metrics <input.json>`: every metric of the sklearn oracle for one set of predictions, under the
 * oracle's key names. The input is the oracle's: `{ task, y_true, y_pred, y_score?, labels?, pos_label? }`
 * (see ../shared/data/oracles/metrics_oracle.py and src/core/metrics/oracle-report.ts).
 */
export async function metricsCommand(args: string[]) {
  const option = args.find((arg) => arg.startsWith('--'));
  if (option !== undefined) throw new UsageError(`unknown option ${option}. ${USAGE}`);
  const [file] = args;
  if (!file || args.length > 1) throw new UsageError(USAGE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'ENOENT'
        ? `cannot read "${file}": no such file.`
        : `cannot read "${file}": ${error.code ?? error.message}.`,
    );
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`"${file}" is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return metricsReport(parseMetricsInput(parsed));
  } catch (error) {
    throw new Error(`"${file}": ${(error as Error).message}`);
  }
}
