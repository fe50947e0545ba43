import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures/layers');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/**
 * Typechecks one fixture with an environment's compiler options (test/fixtures/layers/tsconfig.<env>.json
 * extends the real tsconfig.<env>.json) and returns the diagnostics.
 */
function typecheck(environment: 'core' | 'worker' | 'page'): string {
  const config = join(fixtures, `tsconfig.${environment}.json`);
  const run = spawnSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
  return run.stdout + run.stderr;
}

describe('each environment typechecks with its own globals', () => {
  it('src/core cannot use the DOM', () => {
    expect(typecheck('core')).toContain("Cannot find name 'document'");
  });

  it('workers cannot use the DOM', () => {
    expect(typecheck('worker')).toContain("Cannot find name 'document'");
  });

  it('the page cannot use worker-only globals', () => {
    expect(typecheck('page')).toContain("Cannot find name 'importScripts'");
  });
});

describe('lint keeps the layers apart', () => {
  // Only the layer rule, and no type information: the files linted here exist only as text.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { project: false, program: null } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
  const restricted = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('src/core imports nothing from views, state, storage or workers, nor idb, comlink or tfjs', async () => {
    expect(await restricted('src/core/x.ts', "export * from '../storage/schema.ts';\n")).toHaveLength(1);
    expect(await restricted('src/core/x.ts', "export * from '../state/format.ts';\n")).toHaveLength(1);
    expect(await restricted('src/core/x.ts', "export { openDB } from 'idb';\n")).toHaveLength(1);
    expect(await restricted('src/core/x.ts', "export * from '@tensorflow/tfjs';\n")).toHaveLength(1);
  });

  it('idb only in src/storage, comlink only in workers and the worker client, tfjs never in the page', async () => {
    expect(await restricted('src/state/x.ts', "export { openDB } from 'idb';\n")).toHaveLength(1);
    expect(await restricted('src/storage/x.ts', "export { openDB } from 'idb';\n")).toHaveLength(0);
    expect(await restricted('src/views/x.ts', "export { wrap } from 'comlink';\n")).toHaveLength(1);
    expect(await restricted('src/state/worker-client.ts', "export { wrap } from 'comlink';\n")).toHaveLength(
      0,
    );
    expect(await restricted('workers/x.ts', "export { expose } from 'comlink';\n")).toHaveLength(0);
    expect(await restricted('workers/x.ts', "export { openDB } from 'idb';\n")).toHaveLength(1);
    expect(await restricted('src/views/x.ts', "export * from '@tensorflow/tfjs';\n")).toHaveLength(1);
  });
});
