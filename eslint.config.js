// Lint rules that keep the layers apart (see docs/ARCHITECTURE.md) and catch unawaited promises: every
// comlink call and every IndexedDB request is a promise.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const project = [
  './tsconfig.core.json',
  './tsconfig.worker.json',
  './tsconfig.page.json',
  './tsconfig.node.json',
];

const layer = (patterns) => ['error', { patterns }];
const noIdb = { group: ['idb', 'idb/*'], message: 'Only src/storage may import idb.' };
const noComlink = {
  group: ['comlink'],
  message: 'Only workers/ and the page worker client (src/state/worker-client.ts) may import comlink.',
};
const noTf = {
  group: ['@tensorflow/*'],
  message: 'tfjs is loaded only inside workers, so the main bundle stays small.',
};
const noMl = {
  group: ['**/ml/**', '**/src/ml/*'],
  message: 'src/ml loads tfjs: only workers/ and the CLI may import it.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/out/', 'dev-dist/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project, extraFileExtensions: ['.svelte'], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, __APP_VERSION__: 'readonly', __GIT_COMMIT__: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': layer([
        noIdb,
        noComlink,
        noTf,
        {
          group: [
            '**/views/**',
            '**/state/**',
            '**/storage/**',
            '**/workers/**',
            '**/components/**',
            '**/ml/**',
          ],
          message: 'src/core is pure: it imports nothing from views, state, storage or workers.',
        },
      ]),
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/core/**', 'src/storage/**', 'src/state/worker-client.ts', 'src/cli/**', 'src/ml/**'],
    rules: { 'no-restricted-imports': layer([noIdb, noComlink, noTf, noMl]) },
  },
  {
    files: ['src/ml/**'],
    rules: { 'no-restricted-imports': layer([noIdb, noComlink]) },
  },
  {
    files: ['src/storage/**'],
    rules: { 'no-restricted-imports': layer([noComlink, noTf, noMl]) },
  },
  {
    files: ['src/state/worker-client.ts'],
    rules: { 'no-restricted-imports': layer([noIdb, noTf]) },
  },
  {
    files: ['workers/**'],
    rules: { 'no-restricted-imports': layer([noIdb]) },
  },
  {
    files: ['test/**', 'bench/**', 'src/cli/**', '*.config.*', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Plain JS config and bin files are not part of any tsconfig project.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node }, parserOptions: { project: false, program: null } },
  },
);
