import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBundle } from '../../../src/core/bundle/encode-bundle.ts';
import { predictionsCsvHeader, predictionsCsvLines } from '../../../src/core/bundle/predictions-csv.ts';
import { scoreBundleTable } from '../../../src/core/bundle/score-bundle.ts';
import { SCORE_BLOCK_ROWS, scoreCommand } from '../../../src/cli/score-command.ts';
import { BIAS, W_CITY, W_X, sigmoid, tinyBundle } from '../bundle/bundle-fixture.ts';

/** 2.5 blocks of rows, with a missing x (imputed by the pipeline) on each side of every block edge. */
const ROWS = Math.round(SCORE_BLOCK_ROWS * 2.5);
const missingAt = new Set([0, SCORE_BLOCK_ROWS - 1, SCORE_BLOCK_ROWS, 2 * SCORE_BLOCK_ROWS, ROWS - 1]);
const xOf = (r: number) => (missingAt.has(r) ? '' : String((r % 13) - 6));
const cityOf = (r: number) => (r % 4 === 3 ? 'b' : 'a');

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'looplab-score-stream-'));
  const bundle = tinyBundle();
  writeFileSync(join(dir, 'model.zip'), encodeBundle(bundle));
  const lines = ['x,city'];
  for (let r = 0; r < ROWS; r++) lines.push(`${xOf(r)},${cityOf(r)}`);
  writeFileSync(join(dir, 'rows.csv'), `${lines.join('\n')}\n`);
  return { bundle, model: join(dir, 'model.zip'), csv: join(dir, 'rows.csv'), dir };
}

describe('looplab score streams in blocks', () => {
  it('writes what scoring the whole file at once writes, byte for byte, across block edges', async () => {
    const { bundle, model, csv } = files();
    const { text, stderr } = await (await scoreCommand([model, csv])).collect();
    const table = {
      names: ['x', 'city'],
      columns: [
        Array.from({ length: ROWS }, (_, r) => xOf(r)),
        Array.from({ length: ROWS }, (_, r) => cityOf(r)),
      ],
    };
    const whole = scoreBundleTable(bundle, table);
    expect(text).toBe(predictionsCsvHeader('binary') + predictionsCsvLines('binary', whole, 0, ROWS));
    expect(stderr).toEqual([]);

    // A second method for every scored row: the fixture's logistic model by hand, on x and the training
    // frequency of city (a: 3 of 4 rows, b: 1 of 4).
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(ROWS + 1);
    for (let r = 0; r < ROWS; r++) {
      const [row, label, score] = lines[r + 1]!.split(',');
      expect(Number(row)).toBe(r);
      if (missingAt.has(r)) continue; // imputed: covered by the byte comparison above
      const p = sigmoid(W_X * Number(xOf(r)) + W_CITY * (cityOf(r) === 'a' ? 0.75 : 0.25) + BIAS);
      expect(Number(score)).toBeCloseTo(p, 6);
      expect(label).toBe(p >= bundle.threshold ? 'yes' : 'no');
    }
  });

  it('refuses a file that lacks a needed column before it writes anything', async () => {
    const { model, dir } = files();
    writeFileSync(join(dir, 'no-city.csv'), 'x\n1\n2\n');
    const out = await scoreCommand([model, join(dir, 'no-city.csv')]);
    const written: string[] = [];
    await expect(
      out.run(
        (t) => {
          written.push(t);
          return Promise.resolve();
        },
        () => {},
      ),
    ).rejects.toThrow(`"${join(dir, 'no-city.csv')}" lacks the column(s) the model needs: city.`);
    expect(written).toEqual([]);
  });

  it('names a file of no rows, as every other command does', async () => {
    const { model, dir } = files();
    writeFileSync(join(dir, 'empty.csv'), 'x,city\n');
    await expect((await scoreCommand([model, join(dir, 'empty.csv')])).collect()).rejects.toThrow(
      'The file has a header (2 columns) but no data rows.',
    );
  });
});
