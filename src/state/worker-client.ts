/**
 * The page's side of a worker: the one place in the page that imports comlink.
 *
 * A worker is spawned on the first call, not at load, and terminated after it has been idle for `idleMs`,
 * so an unused tfjs worker does not hold memory. A call can be cancelled with an AbortSignal: the worker is
 * terminated (the only way to stop synchronous work in it) and the next call spawns a fresh one. A worker that
 * crashes rejects its pending calls with the error instead of leaving them hanging.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';

/** Thrown when a call is cancelled through its AbortSignal. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

/** Thrown when the worker died (an uncaught error, or out of memory) while a call was pending. */
export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;
type Methods<Api> = { [K in keyof Api]: Api[K] extends AnyFn ? K : never }[keyof Api];

export interface WorkerClientOptions {
  /** Terminate the worker after this long without a pending call. */
  idleMs?: number;
}

export class WorkerClient<Api extends object> {
  readonly #create: () => Worker;
  readonly #idleMs: number;
  #worker: Worker | undefined;
  #remote: Remote<Api> | undefined;
  #crash: Promise<never> | undefined;
  #pending = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #spawns = 0;
  #onSpawn: ((worker: Worker) => void) | undefined;

  constructor(create: () => Worker, options: WorkerClientOptions = {}) {
    this.#create = create;
    this.#idleMs = options.idleMs ?? 30_000;
  }

  /** Whether a worker is running now. */
  get alive(): boolean {
    return this.#worker !== undefined;
  }

  /** How many workers this client has started, for diagnostics and tests. */
  get spawns(): number {
    return this.#spawns;
  }

  /**
   * Calls a worker method. Function arguments (progress callbacks) are passed as comlink proxies.
   * Rejects with CancelledError if `signal` aborts, and with WorkerCrashedError if the worker dies.
   */
  async call<K extends Methods<Api>>(
    method: K,
    args: Api[K] extends AnyFn ? Parameters<Api[K]> : never,
    signal?: AbortSignal,
  ): Promise<Api[K] extends AnyFn ? Awaited<ReturnType<Api[K]>> : never> {
    if (signal?.aborted) throw new CancelledError();
    const { remote, crash } = this.#ensure();
    this.#pending++;
    clearTimeout(this.#idleTimer);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.terminate();
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    const proxied = (args as unknown[]).map((a) => (typeof a === 'function' ? proxy(a as AnyFn) : a));
    try {
      const fn = (remote as unknown as Record<string, AnyFn>)[method as string]!;
      return await Promise.race([fn(...proxied), aborted, crash]);
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      this.#pending--;
      this.#scheduleIdle();
    }
  }

  /**
   * Calls `hook` with every worker this client starts from now on, before any call reaches it (the test
   * hooks arm their barriers this way). One hook; a new one replaces the last.
   */
  onSpawn(hook: (worker: Worker) => void): void {
    this.#onSpawn = hook;
  }

  /** Posts a plain message to the live worker, if there is one (comlink ignores messages it did not send). */
  post(message: unknown): void {
    this.#worker?.postMessage(message);
  }

  /** Stops the worker now. Pending calls reject; the next call starts a new worker. */
  terminate(): void {
    clearTimeout(this.#idleTimer);
    if (!this.#worker) return;
    this.#remote?.[releaseProxy]();
    this.#worker.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
    this.#crash = undefined;
  }

  #ensure(): { remote: Remote<Api>; crash: Promise<never> } {
    if (!this.#worker || !this.#remote || !this.#crash) {
      const worker = this.#create();
      this.#spawns++;
      this.#onSpawn?.(worker);
      this.#worker = worker;
      this.#remote = wrap<Api>(worker);
      this.#crash = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          if (this.#worker === worker) this.terminate();
          reject(
            new WorkerCrashedError(
              `The worker stopped: ${event.message || 'it crashed or ran out of memory'}.`,
            ),
          );
        });
      });
      // A crash with no call pending must not surface as an unhandled rejection.
      this.#crash.catch(() => undefined);
    }
    return { remote: this.#remote, crash: this.#crash };
  }

  #scheduleIdle(): void {
    clearTimeout(this.#idleTimer);
    if (this.#pending > 0 || !this.#worker) return;
    this.#idleTimer = setTimeout(() => this.terminate(), this.#idleMs);
  }
}
