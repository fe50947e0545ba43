/**
 * Bench page: hands the exported version to the floor worker (bench/serve/floor-worker.ts), then times bare
 * postMessage round trips to it from this page: an echo, and a record scored by scoreBundle in the worker
 * (the app's request path without comlink, state or rendering).
 */
import type { FloorResult, PingRequest, WorkerReply } from './floor-worker.ts';
import { stats, timerResolutionMs, type Stats } from './stats.ts';

export type FloorOutcome =
  | (FloorResult & {
      pageCrossOriginIsolated: boolean;
      pageTimerResolutionMs: number;
      echoRoundTrip: Stats;
      scoreRoundTrip: Stats;
    })
  | { type: 'error'; message: string };

function runFloor(
  bundleBase64: string,
  records: Record<string, string>[],
  calls: number,
  warmup: number,
  timeoutMs: number,
): Promise<FloorOutcome> {
  const bundle = Uint8Array.from(atob(bundleBase64), (c) => c.charCodeAt(0));
  const worker = new Worker(new URL('./floor-worker.ts', import.meta.url), { type: 'module' });
  let settle: ((reply: WorkerReply) => void) | undefined;
  worker.onmessage = (event: MessageEvent<WorkerReply>) => settle?.(event.data);
  const next = () => new Promise<WorkerReply>((resolve) => (settle = resolve));
  const work = async (): Promise<FloorOutcome> => {
    const answer = next();
    worker.postMessage({ type: 'floor', bundle, records, calls, warmup }, [bundle.buffer]);
    const floor = await answer;
    if (floor.type !== 'floor')
      return floor.type === 'error' ? floor : { type: 'error', message: 'bad reply' };
    const roundTrips = async (type: PingRequest['type']) => {
      const ms: number[] = [];
      for (let i = 0; i < warmup + calls; i++) {
        const reply = next();
        const started = performance.now();
        worker.postMessage({ type, id: i, record: records[i % records.length]! } satisfies PingRequest);
        await reply;
        if (i >= warmup) ms.push(performance.now() - started);
      }
      return stats(ms);
    };
    return {
      ...floor,
      pageCrossOriginIsolated: crossOriginIsolated,
      pageTimerResolutionMs: timerResolutionMs(),
      echoRoundTrip: await roundTrips('echo'),
      scoreRoundTrip: await roundTrips('score'),
    };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<FloorOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({ type: 'error', message: `the floor worker did not finish within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
  });
  worker.onerror = (event) => settle?.({ type: 'error', message: event.message || 'worker error' });
  return Promise.race([work(), timeout]).finally(() => {
    clearTimeout(timer);
    worker.terminate();
  });
}

Object.assign(window, { runFloor });
document.body.dataset.ready = 'true';
