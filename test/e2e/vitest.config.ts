import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium driven by playwright-core over the production build in dist/ (npm run
// test:e2e builds first). Files run one at a time: each launches its own browser, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
