import { createRng } from '../../../src/core/random.ts';

/**
 * Clean synthetic churn data for CLI tests (no duplicates or blanks, so no row is dropped): churn is likely
 * when the fee is high and the tenure short. Returns the CSV lines (header first) and each row's label.
 */
export function syntheticChurn(rows: number, seed: number, plans = ['Basic', 'Standard', 'Premium']) {
  const rng = createRng(seed);
  const labels: string[] = [];
  const lines = ['fee,tenure,plan,churned'];
  for (let r = 0; r < rows; r++) {
    const fee = 20 + 60 * rng.next();
    const tenure = rng.int(1, 72);
    const plan = rng.pick(plans);
    const churned = (fee - 50) / 10 - (tenure - 36) / 12 + rng.normal() > 0.5 ? 'Yes' : 'No';
    labels.push(churned);
    lines.push(`${fee.toFixed(4)},${tenure},${plan},${churned}`);
  }
  return { lines, labels, csv: `${lines.join('\n')}\n` };
}
