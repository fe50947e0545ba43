/**
 * The BroadcastChannel the test hooks talk on (workers/test-hooks.ts in each worker, src/test-hooks.ts in
 * the page), and its messages. Only the browser tests' build opens it.
 */
export const TEST_CHANNEL = 'looplab-test';

export type TestMessage =
  | { kind: 'reached'; point: string; worker: string }
  | { kind: 'release'; point: string }
  | {
      kind: 'violation';
      realm: string;
      directive: string;
      blocked: string;
      sample: string;
      /** Where the refused code is: `file:line:column`. */
      source: string;
    };
