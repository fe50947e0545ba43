import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError, WorkerClient, WorkerCrashedError } from '../../../src/state/worker-client.ts';

/** A stand-in for a Web Worker: the API is exposed on one end of a MessageChannel, the client holds the other. */
class FakeWorker extends EventTarget {
  static live = 0;
  terminated = false;
  readonly #port: MessagePort;

  constructor(api: object) {
    super();
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    this.#port = port1;
    port1.addEventListener('message', (event) =>
      this.dispatchEvent(new MessageEvent('message', { data: event.data })),
    );
    port1.start();
    FakeWorker.live++;
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.#port.postMessage(message, transfer);
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    FakeWorker.live--;
    this.#port.close();
  }

  /** What the browser does when a worker throws an uncaught error or runs out of memory. */
  crash(message: string): void {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}

const api = {
  add: async (a: number, b: number) => a + b,
  /** Reports progress 1..n, then resolves with n. */
  count: async (n: number, onProgress: (i: number) => void) => {
    for (let i = 1; i <= n; i++) await onProgress(i);
    return n;
  },
  never: () => new Promise<never>(() => undefined),
};

let workers: FakeWorker[] = [];
function client(idleMs = 1000) {
  return new WorkerClient<typeof api>(
    () => {
      const worker = new FakeWorker(api);
      workers.push(worker);
      return worker as unknown as Worker;
    },
    { idleMs },
  );
}

afterEach(() => {
  workers.forEach((w) => w.terminate());
  workers = [];
  vi.useRealTimers();
});

describe('WorkerClient', () => {
  it('starts no worker until the first call, then reuses it', async () => {
    const c = client();
    expect(c.spawns).toBe(0);
    expect(await c.call('add', [2, 3])).toBe(5);
    expect(await c.call('add', [4, 5])).toBe(9);
    expect(c.spawns).toBe(1);
  });

  it('passes progress callbacks through as proxies', async () => {
    const seen: number[] = [];
    expect(await client().call('count', [3, (i: number) => void seen.push(i)])).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('terminates an idle worker after idleMs, and respawns on the next call', async () => {
    const c = client(30);
    await c.call('add', [1, 1]);
    expect(c.alive).toBe(true);
    await vi.waitFor(() => expect(c.alive).toBe(false), { timeout: 1000, interval: 10 });
    expect(workers[0]!.terminated).toBe(true);
    expect(await c.call('add', [1, 2])).toBe(3);
    expect(c.spawns).toBe(2);
  });

  it('cancels a call by terminating its worker; the next call gets a fresh one', async () => {
    const c = client();
    const abort = new AbortController();
    const pending = c.call('never', [], abort.signal);
    abort.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0]!.terminated).toBe(true);
    expect(await c.call('add', [20, 22])).toBe(42);
    expect(c.spawns).toBe(2);
  });

  it('rejects pending calls with the error when the worker crashes, and recovers', async () => {
    const c = client();
    const pending = c.call('never', []);
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    workers[0]!.crash('Out of memory');
    await expect(pending).rejects.toThrow(new WorkerCrashedError('The worker stopped: Out of memory.'));
    expect(c.alive).toBe(false);
    expect(await c.call('add', [1, 1])).toBe(2);
  });
});
