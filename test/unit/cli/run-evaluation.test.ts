import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'src/cli/looplab.mjs');

interface Output {
  task: string;
  metric: string;
  rows: { train: number; validation: number; test: number };
  segments: {
    column: string;
    metric: string;
    overall: number;
    segments: { label: string; rows: number; value: number | null; gap: number | null; flagged: boolean }[];
  }[];
  fairness: {
    column: string;
    groups: { group: string; rows: number; selectionRate: number }[];
    disparateImpact: number;
  };
  stability: {
    seeds: number[];
    perSeed: { seed: number; test: Record<string, number> }[];
    summary: Record<string, { mean: number; std: number; n: number }>;
  };
  probes: { total: number; ok: number; failures: unknown[] };
  card: string;
}

/** Clean data: the target depends on a numeric (x) and a categorical (color) column; group is A or B. */
function writeData(dir: string): string {
  const rng = createRng(21);
  const lines = ['x,color,group,bought'];
  for (let r = 0; r < 1000; r++) {
    const x = 10 * rng.next();
    const color = rng.pick(['red', 'green', 'blue']);
    const group = rng.pick(['A', 'B']);
    const bought = (x - 5) / 2 + (color === 'red' ? 1 : 0) + rng.normal() > 0.3 ? 'yes' : 'no';
    lines.push(`${x.toFixed(4)},${color},${group},${bought}`);
  }
  const file = join(dir, 'shop.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function looplab(args: string[]) {
  return spawnSync(process.execPath, [bin, 'run', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npx looplab run: evaluation', () => {
  it('prints segments, fairness, stability and probes, and writes the model card', () => {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-eval-'));
    const file = writeData(dir);
    const cardPath = join(dir, 'card.md');
    const run = looplab([
      file,
      '--target',
      'bought',
      '--positive',
      'yes',
      '--seed',
      '5',
      '--strategy',
      'random',
      '--trials',
      '1',
      '--max-epochs',
      '3',
      '--backend',
      'cpu',
      '--seeds',
      '2',
      '--sensitive',
      'group',
      '--card',
      cardPath,
    ]);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('looplab'))).toEqual([]);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Output;
    expect(out.task).toBe('binary');

    // Segments: one per source column; the categorical one has a segment per value, covering every test row.
    expect(out.segments.map((s) => s.column).sort()).toEqual(['color', 'group', 'x']);
    const color = out.segments.find((s) => s.column === 'color')!;
    expect(color.metric).toBe(out.metric);
    expect(color.segments.map((s) => s.label)).toEqual(['blue', 'green', 'red']);
    expect(color.segments.reduce((n, s) => n + s.rows, 0)).toBe(out.rows.test);
    const x = out.segments.find((s) => s.column === 'x')!;
    expect(x.segments.reduce((n, s) => n + s.rows, 0)).toBe(out.rows.test);

    // Fairness: groups A and B with rates in [0, 1]; disparate impact is the lower rate over the higher.
    expect(out.fairness.column).toBe('group');
    expect(out.fairness.groups.map((g) => g.group)).toEqual(['A', 'B']);
    expect(out.fairness.groups.reduce((n, g) => n + g.rows, 0)).toBe(out.rows.test);
    const rates = out.fairness.groups.map((g) => g.selectionRate);
    for (const rate of rates) {
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(1);
    }
    expect(out.fairness.disparateImpact).toBeCloseTo(Math.min(...rates) / Math.max(...rates), 12);

    // Stability: two retrains, summarised.
    expect(out.stability.seeds).toHaveLength(2);
    expect(out.stability.perSeed.map((p) => p.seed)).toEqual(out.stability.seeds);
    const values = out.stability.perSeed.map((p) => p.test[out.metric]!);
    expect(out.stability.summary[out.metric]!.n).toBe(2);
    expect(out.stability.summary[out.metric]!.mean).toBeCloseTo((values[0]! + values[1]!) / 2, 12);

    // Probes through the serving path.
    expect(out.probes.total).toBeGreaterThan(0);
    expect(Array.isArray(out.probes.failures)).toBe(true);
    expect(out.probes.ok + out.probes.failures.length).toBe(out.probes.total);

    // The card.
    expect(out.card).toBe(cardPath);
    expect(existsSync(cardPath)).toBe(true);
    const card = readFileSync(cardPath, 'utf8');
    expect(card).toContain('bought');
    expect(card).toMatch(/^\| .+ \|\n\|( --- \|)+$/m);
    expect(card).toContain('## Limitations');
  }, 60_000);

  it('names the missing sensitive column, and refuses fairness for a non-binary task', () => {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-eval-'));
    const file = writeData(dir);
    const missing = looplab([file, '--target', 'bought', '--sensitive', 'gender']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no column "gender"/);
    const regression = looplab([file, '--target', 'x', '--task', 'regression', '--sensitive', 'group']);
    expect(regression.status).toBe(2);
    expect(regression.stderr).toMatch(/--sensitive needs a binary task/);
    const seeds = looplab([file, '--target', 'bought', '--seeds', '1']);
    expect(seeds.status).toBe(2);
  });
});
