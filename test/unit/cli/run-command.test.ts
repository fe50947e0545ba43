import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticChurn } from './synthetic-churn.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'src/cli/looplab.mjs');

interface Entry {
  model: string;
  validation: Record<string, number>;
  test: Record<string, number>;
}

describe('npx looplab run', () => {
  it('runs define → recipe → split → features → search → test, on the given test rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-run-'));
    const { labels, csv } = syntheticChurn(1500, 9);
    writeFileSync(join(dir, 'churn.csv'), csv);
    const testRows = Array.from({ length: 300 }, (_, i) => i * 5);
    writeFileSync(join(dir, 'split.json'), JSON.stringify({ test_rows: testRows }));
    const run = spawnSync(
      process.execPath,
      [
        bin,
        'run',
        join(dir, 'churn.csv'),
        '--target',
        'churned',
        '--positive',
        'Yes',
        '--seed',
        '3',
        '--budget-s',
        '60',
        '--strategy',
        'random',
        '--trials',
        '1',
        '--max-epochs',
        '4',
        '--test-rows',
        join(dir, 'split.json'),
        '--backend',
        'cpu',
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stderr.split('\n').filter((l) => l.startsWith('looplab'))).toEqual([]);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      task: string;
      target: string;
      backend: string;
      rows: { train: number; validation: number; test: number };
      leaderboard: Entry[];
      best: { model: string; test: Record<string, number> };
    };
    expect(out).toMatchObject({ task: 'binary', target: 'churned', backend: 'cpu' });
    expect(out.leaderboard.map((e) => e.model).sort()).toEqual(['baseline', 'gbdt', 'linear', 'mlp']);
    for (const entry of out.leaderboard) {
      expect(Object.keys(entry.test).sort()).toEqual(['accuracy', 'f1', 'log_loss', 'roc_auc']);
    }

    // Hand-checkable: the baseline predicts the training majority class for every row, so on the test rows
    // its accuracy is that class's share there, its F1 for Yes is 0 (when No is the majority) and its ROC AUC 0.5.
    const testLabels = testRows.map((r) => labels[r]!);
    expect(out.rows.test).toBe(300);
    expect(out.rows.train + out.rows.validation).toBe(1200);
    const majority = labels.filter((v) => v === 'No').length > 750 ? 'No' : 'Yes';
    const baseline = out.leaderboard.find((e) => e.model === 'baseline')!;
    expect(baseline.test.accuracy).toBeCloseTo(testLabels.filter((v) => v === majority).length / 300, 12);
    expect(baseline.test.f1).toBe(0);
    expect(baseline.test.roc_auc).toBe(0.5);
    // The sample's churn has real signal: the trained models beat the floor.
    expect(out.best.model).not.toBe('baseline');
    expect(out.best.test.roc_auc).toBeGreaterThan(0.7);
  });

  it('names the missing column when the target does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-run-'));
    writeFileSync(join(dir, 'a.csv'), 'x,y\n1,2\n3,4\n');
    const run = spawnSync(process.execPath, [bin, 'run', join(dir, 'a.csv'), '--target', 'z'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no column "z"/);
  });
});
