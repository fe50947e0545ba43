import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBundle, scoreBundle } from '../../../src/core/bundle/index.ts';
import { logLoss, rocAuc } from '../../../src/core/metrics/index.ts';
import { syntheticChurn } from './synthetic-churn.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'src/cli/looplab.mjs');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });

describe('looplab run --bundle, then looplab score', () => {
  it('scores the test rows with the bundle as the run scored them, and the same bundle decoded in-process agrees row by row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-bundle-'));
    // A category that looks like a spreadsheet formula ("=Premium") is just a category to the model.
    const { lines, csv: text } = syntheticChurn(1200, 21, ['Basic', 'Standard', '=Premium']);
    const csv = join(dir, 'churn.csv');
    writeFileSync(csv, text);
    const testRows = Array.from({ length: 240 }, (_, i) => i * 5);
    writeFileSync(join(dir, 'split.json'), JSON.stringify({ test_rows: testRows }));
    const bundlePath = join(dir, 'model.zip');
    const run = cli(
      'run',
      csv,
      '--target',
      'churned',
      '--positive',
      'Yes',
      '--strategy',
      'random',
      '--trials',
      '1',
      '--max-epochs',
      '4',
      '--backend',
      'cpu',
      '--test-rows',
      join(dir, 'split.json'),
      '--bundle',
      bundlePath,
    );
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { bundle: string; best: { test: Record<string, number> } };
    expect(out.bundle).toBe(bundlePath);

    const scored = cli('score', bundlePath, csv);
    expect(scored.status, scored.stderr).toBe(0);
    const rows = scored.stdout.trim().split('\n');
    expect(rows[0]).toBe('row,prediction,score');
    expect(rows).toHaveLength(1201);
    const score = new Map(
      rows
        .slice(1)
        .map((l) => l.split(','))
        .map(([r, , s]) => [Number(r), Number(s)]),
    );
    const truth = lines.slice(1).map((l) => (l.endsWith(',Yes') ? 1 : 0));
    const y = testRows.map((r) => truth[r]!);
    const p = testRows.map((r) => score.get(r)!);
    // The run scored its test rows with tfjs; the bundle scores them in float64 JavaScript from the same
    // weights: ROC AUC (ranks) agrees exactly here, log loss to float32 rounding.
    expect(rocAuc(y, p)).toBeCloseTo(out.best.test.roc_auc!, 9);
    expect(logLoss(y, Float64Array.from(p.flatMap((q) => [1 - q, q])), 2)).toBeCloseTo(
      out.best.test.log_loss!,
      5,
    );

    // The same bundle decoded in this process (as the app imports it) gives the CLI's scores row by row.
    const bundle = decodeBundle(new Uint8Array(readFileSync(bundlePath)));
    const records = lines.slice(1, 51).map((l) => {
      const [fee, tenure, plan, churned] = l.split(',');
      return { fee, tenure, plan, churned };
    });
    const inProcess = scoreBundle(bundle, records);
    inProcess.predictions.forEach((pred, i) => expect(pred.score).toBe(score.get(i)));
  });

  it('rejects a tampered bundle with a clear reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-bundle-'));
    writeFileSync(join(dir, 'x.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'fake.zip'), 'PK\u0003\u0004 not really a zip');
    const scored = cli('score', join(dir, 'fake.zip'), join(dir, 'x.csv'));
    expect(scored.status).toBe(1);
    expect(scored.stderr).toMatch(/^looplab score: .+/);
  });
});
