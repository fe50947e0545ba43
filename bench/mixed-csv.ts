import { createWriteStream } from 'node:fs';
import { createRng } from '../src/core/random.ts';

/**
 * Writes a seeded CSV of `rows` rows and 10 mixed columns (integers, decimals, categories, ISO dates,
 * yes/no, quoted text with commas and doubled quotes, 2% blanks): about 100 bytes a row.
 */
export async function writeMixedCsv(path: string, rows: number, seed = 7): Promise<number> {
  const rng = createRng(seed);
  const cities = ['Lisbon', 'Oslo', 'Quito', 'Accra', 'Hanoi', 'Perth', 'Lima', 'Turin'];
  const out = createWriteStream(path);
  let bytes = 0;
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      bytes += Buffer.byteLength(text);
      if (out.write(text)) resolve();
      else out.once('drain', resolve);
    });
  await write('id,age,income,city,signup,score,active,note,amount,label\n');
  let block = '';
  for (let r = 0; r < rows; r++) {
    const day = String(1 + rng.int(0, 27)).padStart(2, '0');
    const month = String(1 + rng.int(0, 11)).padStart(2, '0');
    const note = rng.next() < 0.1 ? `"late, ""again"" ${rng.int(1, 9)}"` : `note ${rng.int(1, 999)}`;
    const amount = rng.next() < 0.02 ? '' : String(rng.int(0, 50_000));
    block +=
      `${r + 1},${rng.int(18, 90)},${(rng.next() * 150_000).toFixed(2)},${rng.pick(cities)},` +
      `20${rng.int(10, 24)}-${month}-${day},${rng.normal(0, 1).toFixed(4)},${rng.next() < 0.5 ? 'yes' : 'no'},` +
      `${note},${amount},${rng.pick(['A', 'B', 'C'])}\n`;
    if (block.length > 1 << 20) {
      await write(block);
      block = '';
    }
  }
  await write(block);
  await new Promise<void>((resolve) => out.end(resolve));
  return bytes;
}
