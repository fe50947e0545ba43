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
const noZod = {
  group: ['zod', 'zod/*'],
  message:
    "Import z from src/core/zod.ts: it sets zod's jitless mode before any schema is built, so a strict CSP sees no eval probe.",
};
const noMl = {
  group: ['**/ml/**', '**/src/ml/*'],
  message: 'src/ml loads tfjs: only workers/ and the CLI may import it.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-e2e/',
      'node_modules/',
      'coverage/',
      'bench/out/',
      'dev-dist/',
      'dist-dbg/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project, extraFileExtensions: ['.svelte'], tsconfigRootDir: import.meta.dirname },
      globals: {
        ...globals.browser,
        __APP_VERSION__: 'readonly',
        __GIT_COMMIT__: 'readonly',
        __TEST_HOOKS__: 'readonly',
      },
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
        noZod,
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
    rules: { 'no-restricted-imports': layer([noIdb, noComlink, noTf, noMl, noZod]) },
  },
  {
    files: ['src/ml/**'],
    rules: { 'no-restricted-imports': layer([noIdb, noComlink, noZod]) },
  },
  {
    files: ['src/storage/**'],
    rules: { 'no-restricted-imports': layer([noComlink, noTf, noMl, noZod]) },
  },
  {
    files: ['src/state/worker-client.ts'],
    rules: { 'no-restricted-imports': layer([noIdb, noTf, noZod]) },
  },
  {
    files: ['workers/**'],
    rules: { 'no-restricted-imports': layer([noIdb, noZod]) },
  },
  {
    files: ['test/**', 'bench/**', 'src/cli/**', '*.config.*', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Plain JS config and bin files are not part of any tsconfig project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node }, parserOptions: { project: false, program: null } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
