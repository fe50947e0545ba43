/**
 * The CLI side of the hostile-input suite (issue 9): every case of test/hostile/cases.ts through
 * `looplab parse` (in-process through `main`, as the binary calls it, so ~100 cases stay fast), a few
 * through the real binary for exit codes and streams, and the dataset-shaped cases through `looplab run`
 * and `looplab score`. Each case is recorded for docs/RELIABILITY.md before it is asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import {
  describeExpect,
  FORMULA_CELL,
  hostileCases,
  tooLargeCsv,
  type HostileCase,
  type HostileOptions,
} from '../../hostile/cases.ts';
import { recordCase } from '../../reliability/record.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'src/cli/looplab.mjs');
const dir = mkdtempSync(join(tmpdir(), 'looplab-hostile-'));

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function flags(options: HostileOptions = {}): string[] {
  const out: string[] = [];
  if (options.delimiter !== undefined) out.push('--delimiter', options.delimiter);
  if (options.quote !== undefined) out.push('--quote', options.quote);
  if (options.header === 'no') out.push('--no-header');
  if (options.encoding !== undefined) out.push('--encoding', options.encoding);
  return out;
}

/** Runs `main` in this process, capturing what it writes; the same code path as the binary. */
async function inProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const capture =
    (append: (s: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)) as never);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)) as never);
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function spawn(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 256 << 20,
    env: { ...process.env, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const records = (header: string[], rows: string[][]) =>
  rows.map((row) => Object.fromEntries(header.map((name, c) => [name, row[c]!])));

/** Judges one `parse` outcome against the case; the observation is deterministic text for the record. */
function judge(c: HostileCase, out: { code: number | null; stdout: string; stderr: string }) {
  const expect = c.expect;
  if (expect.kind === 'error') {
    const pass = out.code === 1 && out.stdout === '' && out.stderr.includes(expect.message);
    return { pass, observed: `exit ${out.code}: ${out.stderr.trim()}` };
  }
  if (out.code !== 0) return { pass: false, observed: `exit ${out.code}: ${out.stderr.trim()}` };
  const got = JSON.parse(out.stdout) as Record<string, string>[];
  const same = JSON.stringify(got) === JSON.stringify(records(expect.header, expect.rows));
  const warned = expect.warning === undefined || out.stderr.includes(expect.warning);
  const columns = got[0] ? Object.keys(got[0]).length : 0;
  const observed =
    `exit 0: ${got.length} rows × ${columns} columns` +
    (same ? ', every cell as expected' : ', cells differ') +
    (expect.warning === undefined ? '' : warned ? `, warned "${expect.warning}"` : ', no warning');
  return { pass: same && warned, observed };
}

const cases = hostileCases();

afterEach(() => {
  delete process.env.LOOPLAB_MAX_FILE_BYTES;
});

describe('hostile inputs through looplab parse', () => {
  it('has every case of the catalogue', () => {
    const group = (name: HostileCase['group']) => cases.filter((c) => c.group === name);
    expect(group('csv-spectrum')).toHaveLength(12);
    // 88 RFC-default papaparse cases, less the 6 documented deviations with no independent expectation.
    expect(group('papaparse')).toHaveLength(82);
    expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(`${c.title}: ${describeExpect(c.expect)}`, async () => {
      const path = write(c.fileName, c.bytes());
      const out = await inProcess(['parse', path, ...flags(c.options)]);
      const { pass, observed } = judge(c, out);
      recordCase({
        area: 'Hostile input',
        case: c.title,
        surface: 'CLI',
        expected: describeExpect(c.expect),
        observed,
        pass,
      });
      if (c.expect.kind === 'error') {
        expect(out.stdout).toBe('');
        expect(out.stderr).toContain(c.expect.message);
        expect(out.stderr).toMatch(/^looplab parse: [^\n]+\n$/);
        expect(out.code).toBe(1);
      } else {
        expect(out.stderr.trim() ? out.stderr : '', 'warnings').toContain(c.expect.warning ?? '');
        expect(out.code, out.stderr).toBe(0);
        expect(JSON.parse(out.stdout)).toEqual(records(c.expect.header, c.expect.rows));
      }
    });
  }
});

describe('hostile inputs through the looplab binary', () => {
  const byId = new Map(cases.map((c) => [c.id, c]));

  it('gives the same outcome and exit code as in-process for an error, UTF-16, and a hostile header', () => {
    for (const id of ['empty-file', 'binary-garbage', 'utf16le-bom', 'xss-header']) {
      const c = byId.get(id)!;
      const out = spawn(['parse', write(c.fileName, c.bytes())]);
      expect(judge(c, out).pass, `${id}: ${out.stderr}`).toBe(true);
    }
  });

  it('refuses a file larger than the limit before reading it, naming the size and the limit', async () => {
    const path = write('too-large.csv', tooLargeCsv());
    const message =
      'The file is too large for this device: it is 2.00 MiB, and the limit is 1.00 MiB (set by LOOPLAB_MAX_FILE_BYTES).';
    const out = spawn(['parse', path], { LOOPLAB_MAX_FILE_BYTES: String(1024 * 1024) });
    const pass = out.code === 1 && out.stdout === '' && out.stderr.includes(message);
    recordCase({
      area: 'Hostile input',
      case: 'file too large for the device',
      surface: 'CLI',
      expected: `error: "${message}"`,
      observed: `exit ${out.code}: ${out.stderr.trim()}`,
      pass,
    });
    expect(out.stderr).toContain(message);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    // profile, run, score and drift read through the same check.
    process.env.LOOPLAB_MAX_FILE_BYTES = String(1024 * 1024);
    const profile = await inProcess(['profile', path]);
    expect(profile.code).toBe(1);
    expect(profile.stderr).toContain(message);
  });

  it('accepts a file under the limit, and the heap ceiling is far above small files', async () => {
    process.env.LOOPLAB_MAX_FILE_BYTES = String(4 * 1024 * 1024);
    const out = await inProcess(['parse', write('under.csv', tooLargeCsv())]);
    expect(out.code, out.stderr).toBe(0);
  });
});

describe('dataset-shaped hostile inputs through looplab run and score', () => {
  const fast = ['--strategy', 'random', '--trials', '1', '--max-epochs', '3', '--backend', 'cpu'];
  const byId = new Map(cases.map((c) => [c.id, c]));

  function runCase(title: string, expected: string, out: ReturnType<typeof spawn>, pass: boolean) {
    recordCase({
      area: 'Hostile input',
      case: title,
      surface: 'CLI',
      expected,
      observed: out.code === 0 ? 'exit 0: trained and scored' : `exit ${out.code}: ${out.stderr.trim()}`,
      pass,
    });
  }

  it('refuses a target with one class, naming the target and the class', () => {
    const c = byId.get('one-class-target')!;
    const out = spawn(['run', write(c.fileName, c.bytes()), '--target', 'y', ...fast]);
    const message = 'Target "y": a binary task needs exactly 2 classes in the training rows; found 1 ("yes")';
    runCase(`${c.title} (run)`, `error: "${message}"`, out, out.code === 1 && out.stderr.includes(message));
    expect(out.stderr).toContain(message);
    expect(out.code).toBe(1);
  });

  it('trains on a dataset with an all-missing column, leaving the column out of the features', () => {
    const c = byId.get('all-missing-column')!;
    const out = spawn(['run', write(c.fileName, c.bytes()), '--target', 'y', ...fast]);
    const ok = out.code === 0;
    const features = ok ? (JSON.parse(out.stdout) as { features?: unknown }).features : undefined;
    const usesEmpty = JSON.stringify(features ?? '').includes('"empty"');
    runCase(`${c.title} (run)`, 'trains; the empty column is not a feature', out, ok && !usesEmpty);
    expect(out.code, out.stderr).toBe(0);
    expect(usesEmpty).toBe(false);
  });

  it('refuses a one-row dataset with the split sizes, not a crash', () => {
    const c = byId.get('one-row')!;
    const out = spawn(['run', write(c.fileName, c.bytes()), '--target', 'y', ...fast]);
    const message =
      'Too few rows to train and evaluate: the split gave 1 training, 0 validation and 0 test rows.';
    runCase(`${c.title} (run)`, `error: "${message}"`, out, out.code === 1 && out.stderr.includes(message));
    expect(out.stderr).toContain(message);
    expect(out.code).toBe(1);
  });

  it('refuses a six-row dataset whose validation metric is undefined, naming the split sizes', () => {
    const path = write('six-rows.csv', 'x,y,z\n1,a,\n2,b,\n3,a,\n4,b,\n5,a,\n6,b,\n');
    const out = spawn(['run', path, '--target', 'y', ...fast]);
    const message =
      'No model could be chosen: the validation roc_auc is undefined for every trial on 1 validation row';
    runCase(
      'six-row dataset (run)',
      `error: "${message}…"`,
      out,
      out.code === 1 && out.stderr.includes(message),
    );
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain('4 training, 1 validation and 1 test rows');
    expect(out.code).toBe(1);
  });

  it('refuses a dataset whose only feature is an ID, saying no feature is left', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${i % 2 ? 'a' : 'b'}`);
    const out = spawn([
      'run',
      write('id-only.csv', `id,label\n${rows.join('\n')}\n`),
      '--target',
      'label',
      ...fast,
    ]);
    const message = 'No feature is left to train on: every column other than the target was dropped ("id").';
    runCase(
      'only an ID column besides the target (run)',
      `error: "${message}"`,
      out,
      out.code === 1 && out.stderr.includes(message),
    );
    expect(out.stderr).toContain(message);
    expect(out.code).toBe(1);
  });

  it('writes a class named =cmd|… as text in the predictions CSV of looplab score', () => {
    // The formula is a class of the target, so it comes back as a prediction in the scored CSV.
    // x is a measurement, not an ID (decimals) nor a duplicate, and it separates the classes.
    const lines = Array.from(
      { length: 120 },
      (_, i) => `${(i * 1.37).toFixed(2)},"${i < 60 ? FORMULA_CELL : 'ok'}"`,
    );
    const csv = write('formula-target.csv', `x,label\n${lines.join('\n')}\n`);
    const bundle = join(dir, 'formula.zip');
    const run = spawn(['run', csv, '--target', 'label', ...fast, '--bundle', bundle]);
    expect(run.code, run.stderr).toBe(0);
    const scored = spawn(['score', bundle, csv]);
    const cells = scored.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]!);
    const formulas = cells.filter((cell) => /^[=+\-@]/.test(cell));
    const defused = cells.filter((cell) => cell === `'${FORMULA_CELL}`).length;
    const pass = scored.code === 0 && formulas.length === 0 && defused > 0;
    recordCase({
      area: 'Hostile input',
      case: 'cells beginning with =cmd| (score)',
      surface: 'CLI',
      expected: `predicted "${FORMULA_CELL}" written as '${FORMULA_CELL}; no cell starts with = + - @`,
      observed: `exit ${scored.code}: ${defused} of ${cells.length} predictions defused, ${formulas.length} cells start with a formula character`,
      pass,
    });
    expect(scored.code, scored.stderr).toBe(0);
    expect(formulas).toEqual([]);
    expect(defused).toBeGreaterThan(0);
  });
});
