/**
 * Churn-like customers, the shape of test/e2e/train-flow.e2e.ts's churnCsv (id, fee, tenure, contract, signup,
 * churn): churn is likely with a high fee and a short tenure, on month-to-month contracts. Seeded, so every
 * run of bench/serve.ts trains and scores the same rows.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRng, type Rng } from '../../src/core/random.ts';

export const CHURN_HEADER = ['id', 'fee', 'tenure', 'contract', 'signup', 'churn'] as const;

/** One customer's cells, in CHURN_HEADER order. */
function customer(rng: Rng, i: number): string[] {
  const fee = 20 + 80 * rng.next();
  const tenure = rng.int(1, 72);
  const contract = rng.pick(['Month-to-month', 'One year', 'Two year']);
  const signup = `2023-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const z = (fee - 60) / 20 - (tenure - 36) / 18 + (contract === 'Month-to-month' ? 1 : -0.5) + rng.normal();
  return [`C${1000 + i}`, fee.toFixed(3), String(tenure), contract, signup, z > 0.8 ? 'Yes' : 'No'];
}

/** A whole CSV as one string (header and `rows` lines, newline-terminated). */
export function churnCsv(rows: number, seed: number): string {
  const rng = createRng(seed);
  const lines = [CHURN_HEADER.join(',')];
  for (let i = 0; i < rows; i++) lines.push(customer(rng, i).join(','));
  return `${lines.join('\n')}\n`;
}

/** `rows` customers as records keyed by column name, values as text: what a prediction request carries. */
export function churnRecords(rows: number, seed: number): Record<string, string>[] {
  const rng = createRng(seed);
  return Array.from({ length: rows }, (_, i) => {
    const cells = customer(rng, i);
    return Object.fromEntries(CHURN_HEADER.map((name, c) => [name, cells[c]!]));
  });
}

/** Writes a large churn CSV to `path` in blocks, without holding it in memory; returns its size in bytes. */
export function writeChurnCsv(path: string, rows: number, seed: number): number {
  const rng = createRng(seed);
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    const write = (text: string) => (bytes += writeSync(fd, text));
    write(`${CHURN_HEADER.join(',')}\n`);
    const BLOCK = 10_000;
    for (let start = 0; start < rows; start += BLOCK) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + BLOCK); i++) lines.push(customer(rng, i).join(','));
      write(`${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}
