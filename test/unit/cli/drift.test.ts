// `npx looplab drift-stats` and `npx looplab drift`. Each command runs once as a real process (exit code,
// stdout, stderr, as a user runs it); the other cases call the command functions in process, since starting
// the CLI loads tfjs and costs seconds per run:
// - drift-stats on every drift-oracle fixture input gives the oracle's `expected` block, key by key (the
//   tolerances of test/unit/drift/oracle-compare.ts);
// - drift on CSV pairs: the bike-sharing counts of 2011 vs 2012 and the Seattle weather labels of 2012 vs 2015,
//   built from the copied real_* fixtures (which hold those columns), so they always run; the whole real files
//   split by year where ../shared/data/real is present (it does not travel with the repository); and a
//   seeded generated file against itself and against a random half of itself, where nothing may drift.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driftCommand } from '../../../src/cli/drift-command.ts';
import { driftStatsCommand } from '../../../src/cli/drift-stats-command.ts';
import { UsageError } from '../../../src/cli/main.ts';
import { createRng } from '../../../src/core/random.ts';
import { compareWithOracle, DiffTracker, loadDriftFixtures } from '../drift/oracle-compare.ts';
import { syntheticChurn } from './synthetic-churn.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'src/cli/looplab.mjs');
const REAL = resolve(root, '../shared/data/real');
const dir = mkdtempSync(join(tmpdir(), 'looplab-drift-'));
const fixtures = loadDriftFixtures();

function looplab(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The error a command rejects with. */
async function failure(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

interface Feature {
  name: string;
  kind: string;
  test: string | null;
  statistic: number | null;
  pValue?: number | null;
  psi: number | null;
  drift: boolean;
  counted: boolean;
}
interface DriftOutput {
  features: Feature[];
  shareDrifted: number;
  datasetDrift: boolean;
  warnings: string[];
}

/** `looplab drift` on two CSV texts, in process; the output as JSON prints it. */
async function drift(name: string, reference: string, current: string): Promise<DriftOutput> {
  const files = [write(`${name}-reference.csv`, reference), write(`${name}-current.csv`, current)];
  return JSON.parse(JSON.stringify(await driftCommand(files))) as DriftOutput;
}

const feature = (output: DriftOutput, name: string) => output.features.find((f) => f.name === name)!;

describe('npx looplab drift-stats agrees with the scipy drift oracle', () => {
  const tracker = new DiffTracker();

  it("prints the oracle's output for its input as a process: exit 0, JSON on stdout, nothing on stderr", () => {
    const fx = fixtures.find((f) => f.name === 'numeric_small_samples')!;
    const run = looplab('drift-stats', write('process.json', JSON.stringify(fx.input)));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(compareWithOracle(fx.expected, JSON.parse(run.stdout))).toEqual([]);
  });

  for (const fx of fixtures) {
    it(`${fx.name}: every key of the oracle's output`, async () => {
      const output = await driftStatsCommand([write(`${fx.name}.json`, JSON.stringify(fx.input))]);
      expect(compareWithOracle(fx.expected, JSON.parse(JSON.stringify(output)), tracker)).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(
      `looplab drift-stats vs scipy 1.10.1: largest statistic |Δ| ${tracker.statisticAbsolute.toExponential(2)}, ` +
        `largest p-value relative Δ ${tracker.pValue.toExponential(2)}`,
    );
  });
});

describe('npx looplab drift-stats refuses bad input', () => {
  it('names the field and the position of a bad value, exit 1, one line on stderr', () => {
    const file = write('bad.json', JSON.stringify({ kind: 'numeric', reference: [1, 2, '3'], current: [1] }));
    const run = looplab('drift-stats', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `looplab drift-stats: "${file}": reference[2] must be a number or null, got "3".\n`,
    );
  });

  it.each([
    [
      'an unknown kind',
      { kind: 'ordinal', reference: [], current: [] },
      /kind must be "numeric" or "categorical"/,
    ],
    [
      'an unknown field',
      { kind: 'numeric', reference: [1], current: [2], expected: {} },
      /unknown field "expected"/,
    ],
    [
      'a sample of nulls only',
      { kind: 'numeric', reference: [null], current: [2] },
      /reference has no values/,
    ],
    [
      'a fractional category',
      { kind: 'categorical', reference: [1.5], current: ['a'] },
      /reference\[0\] must be/,
    ],
  ])('refuses %s', async (name, input, message) => {
    const file = write(`${name.replace(/\W+/g, '-')}.json`, JSON.stringify(input));
    const error = await failure(driftStatsCommand([file]));
    expect(error).not.toBeInstanceOf(UsageError);
    expect(error.message).toMatch(message);
  });

  it('says which file is missing or not JSON; an option or a wrong count of files is a usage error', async () => {
    expect((await failure(driftStatsCommand([join(dir, 'none.json')]))).message).toMatch(
      /^cannot read ".*none\.json": no such file\.$/,
    );
    expect((await failure(driftStatsCommand([write('not.json', '{"kind": ')]))).message).toMatch(
      /^".*not\.json" is not valid JSON: /,
    );
    await expect(driftStatsCommand([])).rejects.toBeInstanceOf(UsageError);
    await expect(driftStatsCommand(['a.json', '--verbose'])).rejects.toThrow(
      'unknown option --verbose. usage: looplab drift-stats <input.json>',
    );
  });
});

/** A one-column CSV of a fixture's reference or current sample. */
function columnCsv(fixture: string, column: string, side: 'reference' | 'current'): string {
  const fx = fixtures.find((f) => f.name === fixture)!;
  return `${column}\n${(fx.input[side] as unknown[]).join('\n')}\n`;
}

describe('npx looplab drift', () => {
  it('finds drift in the bike-sharing hourly counts, 2011 vs 2012 (normed Wasserstein 0.68), as a process', () => {
    const fx = 'real_bike_hourly_count_2011_vs_2012';
    const reference = write('bike-cnt-reference.csv', columnCsv(fx, 'cnt', 'reference'));
    const run = looplab('drift', reference, write('bike-cnt-current.csv', columnCsv(fx, 'cnt', 'current')));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as DriftOutput;
    expect(feature(out, 'cnt')).toMatchObject({
      kind: 'numeric',
      test: 'wasserstein',
      drift: true,
      counted: true,
    });
    expect(feature(out, 'cnt').statistic).toBeCloseTo(0.6792, 4);
    expect(feature(out, 'cnt').psi).toBeCloseTo(0.24372056429642858, 12); // the oracle's PSI
    expect(out).toMatchObject({ shareDrifted: 1, datasetDrift: true, warnings: [] });
  });

  it('finds drift in the Seattle weather labels, 2012 vs 2015 (chi-square p = 2.9e-18)', async () => {
    const fx = 'real_seattle_weather_label_2012_vs_2015';
    const out = await drift(
      'weather',
      columnCsv(fx, 'weather', 'reference'),
      columnCsv(fx, 'weather', 'current'),
    );
    const weather = feature(out, 'weather');
    expect(weather).toMatchObject({ kind: 'categorical', test: 'chi-square', drift: true });
    expect(Math.abs(weather.pValue! - 2.8523590754883294e-18) / 2.8523590754883294e-18).toBeLessThan(1e-6);
  });

  // 4,000 seeded rows: an id that counts rows, two numeric columns, two categorical ones.
  const { lines } = syntheticChurn(4000, 7);
  const withId = lines.map((line, i) => (i === 0 ? `id,${line}` : `${i},${line}`));
  const csv = (rows: string[]) => `${withId[0]}\n${rows.join('\n')}\n`;

  it('finds nothing between a file and itself: every statistic and PSI 0', async () => {
    const out = await drift('same', csv(withId.slice(1)), csv(withId.slice(1)));
    expect(out.features.map((f) => [f.name, f.kind, f.counted])).toEqual([
      ['id', 'id', false],
      ['fee', 'numeric', true],
      ['tenure', 'numeric', true],
      ['plan', 'categorical', true],
      ['churned', 'categorical', true],
    ]);
    for (const f of out.features.filter((g) => g.counted))
      expect([f.statistic, f.psi, f.drift]).toEqual([0, 0, false]);
    expect(out).toMatchObject({ shareDrifted: 0, datasetDrift: false });
  });

  it('finds nothing between two random halves of one file', async () => {
    const rows = withId.slice(1);
    const order = createRng('drift-halves').shuffle(rows.map((_, i) => i));
    const half = (from: number, to: number) =>
      order
        .slice(from, to)
        .sort((a, b) => a - b)
        .map((i) => rows[i]!);
    const out = await drift('halves', csv(half(0, 2000)), csv(half(2000, 4000)));
    for (const f of out.features.filter((g) => g.counted)) {
      // Wasserstein and Jensen–Shannon (2,000 reference rows), far below their 0.1 threshold.
      expect(f.statistic).toBeLessThan(0.05);
      expect(f.psi).toBeLessThan(0.02);
      expect(f.drift).toBe(false);
    }
    expect(out.datasetDrift).toBe(false);
  });

  it('wants exactly two files, and says which one is missing', async () => {
    await expect(driftCommand(['a.csv'])).rejects.toThrow(
      new UsageError('usage: looplab drift <reference.csv> <current.csv>'),
    );
    await expect(driftCommand(['a.csv', 'b.csv', '--all'])).rejects.toBeInstanceOf(UsageError);
    const reference = write('one.csv', 'x\n1\n');
    expect((await failure(driftCommand([reference, join(dir, 'none.csv')]))).message).toMatch(
      /^cannot read ".*none\.csv": no such file\.$/,
    );
  });
});

/** Splits a real CSV's data lines into two files by a test on each line; the header goes to both. */
function splitLines(
  file: string,
  inReference: (line: string) => boolean,
  inCurrent: (line: string) => boolean,
) {
  const [header, ...body] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const part = (test: (line: string) => boolean) => `${header}\n${body.filter(test).join('\n')}\n`;
  return [part(inReference), part(inCurrent)] as const;
}

describe('npx looplab drift on the whole real files, split by year', () => {
  const bike = join(REAL, 'bike_sharing_hour.csv');
  const seattle = join(REAL, 'vega_seattle_weather.csv');
  const bikeTitle = 'bike sharing 2011 vs 2012: cnt drifts; instant (ID) and dteday (date) are not counted';
  const seattleTitle = 'Seattle weather 2012 vs 2015: weather drifts; date is not counted';

  it.skipIf(!existsSync(bike))(bikeTitle, async () => {
    const year = (line: string) => line.split(',')[3];
    const [y2011, y2012] = splitLines(
      bike,
      (l) => year(l) === '0',
      (l) => year(l) === '1',
    );
    const out = await drift('bike', y2011, y2012);
    expect(feature(out, 'cnt')).toMatchObject({ test: 'wasserstein', drift: true, counted: true });
    expect(feature(out, 'instant')).toMatchObject({ kind: 'id', test: null, counted: false });
    expect(feature(out, 'dteday')).toMatchObject({ kind: 'date', test: null, counted: false });
    // The year flag itself: two values, tested as categories, no overlap.
    expect(feature(out, 'yr')).toMatchObject({ test: 'jensen-shannon', drift: true });
  });

  it.skipIf(!existsSync(seattle))(seattleTitle, async () => {
    const [y2012, y2015] = splitLines(
      seattle,
      (l) => l.startsWith('2012'),
      (l) => l.startsWith('2015'),
    );
    const out = await drift('seattle', y2012, y2015);
    expect(feature(out, 'weather')).toMatchObject({ test: 'chi-square', drift: true });
    expect(feature(out, 'weather').statistic).toBeCloseTo(88.4193937452583, 9); // the oracle's χ²
    expect(feature(out, 'date')).toMatchObject({ counted: false });
    expect(out.datasetDrift).toBe(true);
  });
});
