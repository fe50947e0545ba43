/**
 * Bench-only worker: starts one tfjs backend exactly as the app's train worker does (workers/tf-backend.ts:
 * wasm binaries from `?url` imports, no wasm threads, backend chosen explicitly, software GPU adapters
 * allowed here), generates the workload and times Looplab's NetworkTrainer on it. Not part of the app.
 */
import type { BackendName } from '../../src/core/compute/backend-policy.ts';
import { initBackend } from '../../workers/tf-backend.ts';
import { checksum, generate, trainLooplab, wasmFlags } from './workload.ts';

export type WorkerMessage =
  | { type: 'progress'; samples: number; ms: number }
  | {
      type: 'done';
      backend: string;
      device: string;
      checksum: string;
      ms: number;
      samplesPerS: number;
      epochMs: number[];
      validationLogLoss: number;
      wasm?: { simd: boolean; threads: boolean };
    }
  | { type: 'error'; message: string };

// Typed through a narrow shape, so the file also compiles under tsconfig.node (DOM lib, no WebWorker lib).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ backend: BackendName }>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

scope.onmessage = (event) => {
  const { backend } = event.data;
  run(backend).catch((error: unknown) =>
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};

async function run(backend: BackendName): Promise<void> {
  const report = await initBackend({ order: [backend], allowSoftware: true });
  const device = report.attempts.find((a) => a.ok)?.device ?? '';
  const data = generate();
  const result = await trainLooplab(data, (samples, ms) =>
    scope.postMessage({ type: 'progress', samples, ms }),
  );
  scope.postMessage({
    type: 'done',
    backend: report.backend,
    device,
    checksum: checksum(data),
    wasm: wasmFlags(),
    ...result,
  });
}
