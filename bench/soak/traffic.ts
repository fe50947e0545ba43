/**
 * The soak's request files: churn-like customers (bench/serve/churn.ts's shape) without the target column, so
 * the canary's gates judge errors, latency and agreement, and every request has a key of its own.
 */
import { writeFileSync } from 'node:fs';
import { createRng } from '../../src/core/random.ts';

/** Writes `rows` requests with keys R{first}…, seeded by `seed`; returns the path. */
export function writeTrafficCsv(path: string, first: number, rows: number, seed: number): string {
  const rng = createRng(seed);
  const lines = ['id,fee,tenure,contract,signup'];
  for (let i = 0; i < rows; i++) {
    const fee = (20 + 80 * rng.next()).toFixed(3);
    const tenure = rng.int(1, 72);
    const contract = rng.pick(['Month-to-month', 'One year', 'Two year']);
    const signup = `2023-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    lines.push(`R${first + i},${fee},${tenure},${contract},${signup}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
