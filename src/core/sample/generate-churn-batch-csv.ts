import { createRng } from '../random.ts';
import { CHURN_COLUMNS, customerToRow } from './churn-columns.ts';
import { churnDuplicateCount, messUpChurnRows } from './churn-mess.ts';
import type { ChurnPopulation } from './churn-population.ts';
import { formatCsv } from './format-csv.ts';
import { simulateCustomer } from './simulate-customer.ts';

export interface ChurnBatchOptions {
  /** Data rows in the file, duplicates included. */
  rows: number;
  seed: number | string;
}

/**
 * Simulates one batch of `population` and writes it as messy CSV text.
 *
 * Reproducibility: the same population, rows and seed give the same text. Everything is integer or rounded
 * (to cents, days, whole tickets) before it is written, so the last-bit freedom JS engines have in Math.log,
 * Math.exp and Math.cos practically never reaches the text.
 *
 * @throws RangeError when `rows` is not a positive safe integer.
 * @example
 * const csv = generateChurnBatchCsv(TRAINING_POPULATION, { rows: 2000, seed: 42 });
 */
export function generateChurnBatchCsv(population: ChurnPopulation, options: ChurnBatchOptions): string {
  const { rows, seed } = options;
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new RangeError(`The sample churn dataset needs a positive whole number of rows, got ${rows}`);
  }
  const rng = createRng(seed);
  // Separate forks: changing the mess never changes who the customers are, and vice versa.
  const customerRng = rng.fork('customers');
  const duplicateCount = churnDuplicateCount(rows);
  const clean = Array.from({ length: rows - duplicateCount }, (_, i) =>
    customerToRow(simulateCustomer(customerRng, population, population.firstCustomerNumber + i)),
  );
  const messy = messUpChurnRows(clean, duplicateCount, rng.fork('mess'));
  return formatCsv(
    CHURN_COLUMNS,
    messy.map((row) => CHURN_COLUMNS.map((column) => row[column])),
  );
}
