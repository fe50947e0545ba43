import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium driven by playwright-core over the tests' build in dist-e2e/ (npm run
// test:e2e builds it with --mode e2e, which adds the test hooks). Files run one at a time: each launches its
// own browser, and the machine has 2 cores. Limits are generous, sized for a busy 2-core machine: they
// bound a wait that never ends, they are not how long the work should take. Every wait is on an element,
// an attribute, an event or a stored record.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
    // expect.poll waits on a value the page computes; its default of one second is too short under load.
    expect: { poll: { timeout: 60_000, interval: 100 } },
  },
});
