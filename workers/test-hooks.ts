/**
 * Test hooks inside a worker, compiled in only when __TEST_HOOKS__ (the browser tests' build); in a
 * production build every function here returns at once and the listeners are never added.
 *
 * - Barriers: the fault tests close the page while work is held at a known point (the first chunk parsed,
 *   an epoch written, a replay's log batch flushed, a retrain step stored), not at a moment in time. The page
 *   arms points (a plain message the page's WorkerClient posts: comlink ignores messages it did not send),
 *   the worker announces `reached` on the `looplab-test` BroadcastChannel when it gets there, and waits
 *   until the test releases it, or forever: the test then closes the page, or crashes the worker.
 * - CSP: every `securitypolicyviolation` in this worker is relayed on the same channel from the first
 *   module this worker evaluates, so a test can expect none during a whole lifecycle.
 *
 * Import this module first in each worker entry, before anything that could violate the CSP.
 */

import { TEST_CHANNEL, type TestMessage } from '../src/test-channel.ts';

const armed = new Set<string>();
let channel: BroadcastChannel | undefined;

if (__TEST_HOOKS__) {
  channel = new BroadcastChannel(TEST_CHANNEL);
  self.addEventListener('securitypolicyviolation', (e) => {
    // WorkerGlobalScope fires it, though the WebWorker lib's event map does not list it.
    const event = e as Event & {
      effectiveDirective: string;
      blockedURI: string;
      sample: string;
      sourceFile: string;
      lineNumber: number;
      columnNumber: number;
    };
    channel!.postMessage({
      kind: 'violation',
      realm: self.name || 'worker',
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
    } satisfies TestMessage);
  });
  self.addEventListener('message', (event: MessageEvent) => {
    const points = (event.data as { looplabBarriers?: unknown } | null)?.looplabBarriers;
    if (!Array.isArray(points)) return;
    armed.clear();
    for (const point of points) if (typeof point === 'string') armed.add(point);
  });
}

/** Whether a test armed this point (always false in a production build). */
export function barrierArmed(point: string): boolean {
  return __TEST_HOOKS__ && armed.has(point);
}

/**
 * Holds the work here when a test armed this point (once per arming); returns at once otherwise, and
 * always in a production build.
 */
export async function testBarrier(point: string): Promise<void> {
  if (!__TEST_HOOKS__ || !armed.has(point) || !channel) return;
  armed.delete(point);
  const held = channel;
  await new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const message = event.data as TestMessage;
      if (message.kind !== 'release' || message.point !== point) return;
      held.removeEventListener('message', onMessage);
      resolve();
    };
    held.addEventListener('message', onMessage);
    held.postMessage({ kind: 'reached', point, worker: self.name || 'worker' } satisfies TestMessage);
  });
}
