/**
 * The serve worker: owns tfjs for scoring, so predictions never block the page. For now it chooses and reports
 * the backend; model loading and scoring arrive with stage 6.
 */
import { expose } from 'comlink';
import type { BackendRequest } from '../src/core/compute/backend-policy.ts';
import { initBackend } from './tf-backend.ts';

const api = {
  /** Chooses the tfjs backend (webgpu → webgl → wasm → cpu) and reports every attempt. */
  initBackend: (request: BackendRequest) => initBackend(request),
};

export type ServeApi = typeof api;
expose(api);
