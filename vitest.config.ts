import { defineConfig } from 'vitest/config';

// Unit and storage tests run in Node. Browser tests have their own config in test/e2e.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/storage/**/*.test.ts'],
    environment: 'node',
    // CLI and layer tests spawn Node and tsc; on a loaded 2-core machine that can take seconds.
    testTimeout: 30_000,
  },
});
