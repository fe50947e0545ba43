import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'src/cli/looplab.mjs');
const fixtures = join(root, 'test/fixtures/csv-spectrum');

function looplab(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npx looplab', () => {
  it('parse prints the rows as JSON objects keyed by header, values as the strings in the file', () => {
    const { code, stdout, stderr } = looplab('parse', join(fixtures, 'quotes_and_newlines.csv'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const expected = JSON.parse(readFileSync(join(fixtures, 'quotes_and_newlines.json'), 'utf8')) as unknown;
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('prints nothing on stdout and one line on stderr, exiting 1, when a file cannot be parsed', () => {
    const missing = looplab('parse', join(fixtures, 'no-such-file.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^looplab parse: cannot read ".*no-such-file\.csv": no such file\.\n$/);
  });

  it('exits 2 with usage help for an unknown command or missing argument', () => {
    expect(looplab('frobnicate').code).toBe(2);
    expect(looplab('parse').code).toBe(2);
  });

  it('profile prints types, missing and distinct counts, statistics, duplicates and rejected rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-cli-'));
    const file = join(dir, 'mini.csv');
    // Hand-checkable: total has one ' ' blank and one NA; row 5 is ragged; the last row repeats row 2.
    writeFileSync(
      file,
      'id,plan,total\n1,Basic,10\n2,Pro, \n3,Pro,NA\n4,Basic,30\n5,Pro\n6,Basic,20\n2,Pro, \n',
    );
    const { code, stdout } = looplab('profile', file);
    expect(code).toBe(0);
    const profile = JSON.parse(stdout) as {
      rows: number;
      columns: {
        name: string;
        type: string;
        missing: number;
        distinct: number;
        min?: number;
        max?: number;
        mean?: number;
      }[];
      duplicateRows: number;
      rejected: { line: number; reason: string }[];
    };
    expect(profile.rows).toBe(6);
    expect(profile.rejected).toEqual([{ line: 6, reason: '2 fields, expected 3' }]);
    expect(profile.duplicateRows).toBe(1);
    const total = profile.columns.find((c) => c.name === 'total')!;
    // 10, 30, 20 present: mean 20; the two blanks and the NA are missing.
    expect(total).toMatchObject({ type: 'integer', missing: 3, distinct: 3, min: 10, max: 30, mean: 20 });
    expect(profile.columns.find((c) => c.name === 'plan')).toMatchObject({
      type: 'category',
      missing: 0,
      distinct: 2,
    });
  });

  it('env runs tfjs on the wasm backend under Node and computes a known matmul', () => {
    const { code, stdout } = looplab('env');
    expect(code).toBe(0);
    const env = JSON.parse(stdout) as { backend: string; tfjs: string; check: number[] };
    expect(env.backend).toBe('wasm');
    expect(env.tfjs).toBe('4.22.0');
    // [[1,2],[3,4]] × [[5,6],[7,8]] = [[19,22],[43,50]], by hand.
    expect(env.check).toEqual([19, 22, 43, 50]);
  });
});
