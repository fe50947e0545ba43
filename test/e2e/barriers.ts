/**
 * The browser tests' side of the test barriers (workers/test-hooks.ts, src/test-hooks.ts): arm a point in
 * a worker, wait until the worker is held there, release it. The app's tests build (`--mode e2e`) has
 * them; waiting is on the worker's own message, never on time.
 */
import type { Page } from 'playwright-core';

export type BarrierWorker = 'data' | 'train' | 'serve';

interface Hooks {
  arm(worker: BarrierWorker, points: string[]): void;
  reached(point: string): Promise<void>;
  release(point: string): void;
  violations: { realm: string; directive: string; blocked: string; sample: string }[];
}
type WithHooks = { __looplabTest?: Hooks };

/** The worker will hold when it gets to `point` (once). */
export async function armBarrier(page: Page, worker: BarrierWorker, point: string): Promise<void> {
  const armed = await page.evaluate(
    ([w, p]) => {
      const hooks = (window as unknown as WithHooks).__looplabTest;
      if (!hooks) return false;
      hooks.arm(w, [p]);
      return true;
    },
    [worker, point] as [BarrierWorker, string],
  );
  if (!armed)
    throw new Error(
      'This build has no test hooks: the browser tests need `vite build --mode e2e` (npm run test:e2e).',
    );
}

/**
 * Resolves once a worker is held at `point`. `describe` says what the page shows meanwhile, for the
 * message when the work ends another way first (an error, or a limit generous enough for a slow machine).
 */
export async function barrierReached(
  page: Page,
  point: string,
  describe: () => Promise<string>,
  limitMs = 300_000,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void describe().then(
        (seen) =>
          reject(
            new Error(`Waited ${limitMs / 1000} s for a worker to reach "${point}"; the page shows: ${seen}`),
          ),
        () => reject(new Error(`Waited ${limitMs / 1000} s for a worker to reach "${point}".`)),
      );
    }, limitMs);
  });
  try {
    await Promise.race([
      page.evaluate((p) => (window as unknown as WithHooks).__looplabTest!.reached(p), point),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lets the work held at `point` go on. */
export async function releaseBarrier(page: Page, point: string): Promise<void> {
  await page.evaluate((p) => (window as unknown as WithHooks).__looplabTest!.release(p), point);
}

/** The CSP violations the workers relayed so far. */
export async function workerViolations(page: Page): Promise<Hooks['violations']> {
  return page.evaluate(() => [...((window as unknown as WithHooks).__looplabTest?.violations ?? [])]);
}
