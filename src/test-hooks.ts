/**
 * The page's side of the test hooks (see workers/test-hooks.ts), loaded by main.ts only in the browser
 * tests' build. It gives the tests `window.__looplabTest`:
 * - `arm(worker, points)`: the worker ('data', 'train' or 'serve') holds at these barrier points, once each;
 *   the points not reached yet are sent to the live worker and to every worker the client spawns later (one
 *   that idled out or crashed), so an arming is lost neither to a restart nor repeated after it was reached;
 * - `reached(point)`: resolves once a worker is held at the point (at once if it already is);
 * - `release(point)`: lets the held work go on;
 * - `violations`: CSP violations the workers relayed (the page's own are caught by the tests' init script,
 *   which runs before any of the app's).
 */
import { TEST_CHANNEL, type TestMessage } from './test-channel.ts';
import type { WorkerClient } from './state/worker-client.ts';
import { dataWorker, serveWorker, trainWorker } from './state/workers.ts';

type WorkerName = 'data' | 'train' | 'serve';

export interface LooplabTestHooks {
  arm(worker: WorkerName, points: string[]): void;
  reached(point: string): Promise<void>;
  release(point: string): void;
  violations: Extract<TestMessage, { kind: 'violation' }>[];
}

export function installTestHooks(): void {
  const clients: Record<WorkerName, WorkerClient<object>> = {
    data: dataWorker,
    train: trainWorker,
    serve: serveWorker,
  };
  const channel = new BroadcastChannel(TEST_CHANNEL);
  const reached = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const armed: Record<WorkerName, Set<string>> = { data: new Set(), train: new Set(), serve: new Set() };
  const send = (worker: WorkerName) => clients[worker].post({ looplabBarriers: [...armed[worker]] });
  for (const worker of Object.keys(clients) as WorkerName[])
    clients[worker].onSpawn((spawned) => spawned.postMessage({ looplabBarriers: [...armed[worker]] }));
  const hooks: LooplabTestHooks = {
    arm(worker, points) {
      for (const point of points) armed[worker].add(point);
      send(worker);
    },
    reached(point) {
      if (reached.has(point)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(point, [...(waiting.get(point) ?? []), resolve]));
    },
    release(point) {
      reached.delete(point);
      channel.postMessage({ kind: 'release', point } satisfies TestMessage);
    },
    violations: [],
  };
  channel.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as TestMessage;
    if (message.kind === 'violation') hooks.violations.push(message);
    if (message.kind === 'reached') {
      reached.add(message.point);
      for (const points of Object.values(armed)) points.delete(message.point);
      for (const resolve of waiting.get(message.point) ?? []) resolve();
      waiting.delete(message.point);
    }
  });
  (window as unknown as { __looplabTest: LooplabTestHooks }).__looplabTest = hooks;
}
