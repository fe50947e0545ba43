/**
 * The train worker: owns tfjs for training. For now it chooses and reports the backend; the training loop
 * arrives with stage 4.
 */
import { expose } from 'comlink';
import type { BackendRequest } from '../src/core/compute/backend-policy.ts';
import { initBackend } from './tf-backend.ts';

const api = {
  /** Chooses the tfjs backend (webgpu → webgl → wasm → cpu) and reports every attempt. */
  initBackend: (request: BackendRequest) => initBackend(request),
};

export type TrainApi = typeof api;
expose(api);
