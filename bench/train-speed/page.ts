/**
 * Bench page: runs the training workload in a dedicated worker, one fresh worker per backend (a worker keeps
 * its tfjs backend for life), and watches the page's main thread meanwhile: Long Tasks API entries and the
 * longest gap between 10 ms heartbeats.
 */
import type { BackendName } from '../../src/core/compute/backend-policy.ts';
import type { WorkerMessage } from './train-worker.ts';

export type RunOutcome =
  | Extract<WorkerMessage, { type: 'done' }>
  | { type: 'error'; backend: string; message: string; partial?: { samples: number; ms: number } };

export interface MainThreadWatch {
  longTasksMs: number[];
  maxHeartbeatGapMs: number;
  heartbeats: number;
}

function runBackend(backend: BackendName, timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
    let partial: { samples: number; ms: number } | undefined;
    const finish = (outcome: RunOutcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ type: 'error', backend, message: `timed out after ${timeoutMs / 1000} s`, partial }),
      timeoutMs,
    );
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') partial = { samples: message.samples, ms: message.ms };
      else if (message.type === 'done') finish(message);
      else finish({ type: 'error', backend, message: message.message, partial });
    };
    worker.onerror = (event) => finish({ type: 'error', backend, message: event.message || 'worker error' });
    worker.postMessage({ backend });
  });
}

let watch: { stop(): MainThreadWatch } | undefined;

function startWatch(): void {
  const longTasksMs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasksMs.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  let maxGap = 0;
  let heartbeats = 0;
  const interval = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    heartbeats++;
  }, 10);
  watch = {
    stop() {
      clearInterval(interval);
      observer.disconnect();
      return { longTasksMs, maxHeartbeatGapMs: maxGap, heartbeats };
    },
  };
}

function stopWatch(): MainThreadWatch | undefined {
  const result = watch?.stop();
  watch = undefined;
  return result;
}

Object.assign(window, { runBackend, startWatch, stopWatch });
document.body.dataset.ready = 'true';
