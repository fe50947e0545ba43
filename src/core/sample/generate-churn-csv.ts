import { TRAINING_POPULATION } from './churn-population.ts';
import { generateChurnBatchCsv } from './generate-churn-batch-csv.ts';

/**
 * The sample project's training data: a June 2025 snapshot of a subscription service's customers, with
 * `churned` saying whether each cancelled in the following 30 days. Columns are {@link CHURN_COLUMNS}; the
 * planted data problems are listed in {@link CHURN_SAMPLE_MESS}. About a quarter of customers churn.
 *
 * @param options.rows Data rows, duplicates included (default 2000).
 * @param options.seed Seed of the simulation (default 42).
 * @returns RFC 4180 CSV text with a header row and LF line ends.
 * @example
 * const csv = generateChurnCsv(); // the same 2000 rows every time
 * const small = generateChurnCsv({ rows: 200, seed: 7 });
 */
export function generateChurnCsv({
  rows = 2000,
  seed = 42,
}: { rows?: number; seed?: number | string } = {}): string {
  return generateChurnBatchCsv(TRAINING_POPULATION, { rows, seed });
}
