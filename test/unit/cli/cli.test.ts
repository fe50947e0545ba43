import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
