/**
 * The app's three workers. Each is spawned on first use and terminated when idle (see WorkerClient).
 * Types come from the worker modules with `import type`, so no worker code enters the main bundle.
 */
import type { DataApi } from '../../workers/data.worker.ts';
import type { ServeApi } from '../../workers/serve.worker.ts';
import type { TrainApi } from '../../workers/train.worker.ts';
import { WorkerClient } from './worker-client.ts';

export const dataWorker = new WorkerClient<DataApi>(
  () =>
    new Worker(new URL('../../workers/data.worker.ts', import.meta.url), {
      type: 'module',
      name: 'looplab-data',
    }),
);

export const trainWorker = new WorkerClient<TrainApi>(
  () =>
    new Worker(new URL('../../workers/train.worker.ts', import.meta.url), {
      type: 'module',
      name: 'looplab-train',
    }),
);

export const serveWorker = new WorkerClient<ServeApi>(
  () =>
    new Worker(new URL('../../workers/serve.worker.ts', import.meta.url), {
      type: 'module',
      name: 'looplab-serve',
    }),
);
