import { NEXT_MONTH_POPULATION } from './churn-population.ts';
import { generateChurnBatchCsv } from './generate-churn-batch-csv.ts';

/**
 * The sample project's next batch: the July 2025 snapshot, with the same columns and the same kinds of mess
 * as {@link generateChurnCsv}, but drifted, for the Monitor and Retrain stages: fees about 12% higher, more
 * month-to-month contracts, a new region (Toronto) and a churn rate about 10 points higher. Customer IDs start
 * at C50001, so they never collide with the training batch's.
 *
 * @param options.rows Data rows, duplicates included (default 1000).
 * @param options.seed Seed of the simulation (default 43).
 * @returns RFC 4180 CSV text with a header row and LF line ends.
 * @example
 * const csv = generateChurnNextMonthCsv();
 */
export function generateChurnNextMonthCsv({
  rows = 1000,
  seed = 43,
}: { rows?: number; seed?: number | string } = {}): string {
  return generateChurnBatchCsv(NEXT_MONTH_POPULATION, { rows, seed });
}
