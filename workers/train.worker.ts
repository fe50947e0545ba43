/**
 * The train worker: owns tfjs for training. It chooses the backend (webgpu → webgl → wasm → cpu, software
 * adapters skipped), runs experiments and reproductions, and writes their runs to IndexedDB itself, so no
 * model or matrix crosses to the page. Cancelling terminates this worker.
 */
// First, so the test hooks (browser tests' build only) see everything this worker does.
import './test-hooks.ts';
import { expose } from 'comlink';
import type { BackendRequest } from '../src/core/compute/backend-policy.ts';
import type { ExperimentSpec, TrainEvent } from '../src/core/experiment/index.ts';
import { exportBundle, importBundle, registerRun } from './bundle-run.ts';
import { checkStorage } from './check-storage.ts';
import { evaluateRun } from './evaluate-run.ts';
import { parityRows } from './parity-rows.ts';
import { reproduceRun } from './reproduce-run.ts';
import { probeRun, stabilityRun } from './validate-run.ts';
import { runExperiment } from './run-experiment.ts';
import { retrainChampion, type RetrainRequest } from './retrain-champion.ts';
import { initBackend } from './tf-backend.ts';
import type { RetrainStep } from '../src/core/retrain/index.ts';

const api = {
  /** Chooses the tfjs backend (webgpu → webgl → wasm → cpu) and reports every attempt. */
  initBackend: (request: BackendRequest) => initBackend(request),

  /** Runs a search over the model families and records every trial as a run. */
  async runExperiment(spec: ExperimentSpec, backend: BackendRequest, onEvent: (event: TrainEvent) => void) {
    return runExperiment(spec, await initBackend(backend), onEvent);
  },

  /** Reruns a finished run from its record and compares the metrics. */
  async reproduceRun(
    runId: string,
    sweepId: string,
    backend: BackendRequest,
    onEvent: (event: TrainEvent) => void,
  ) {
    return reproduceRun(runId, sweepId, await initBackend(backend), onEvent);
  },

  /** A run's predictions, truth and metrics on its validation or test rows. */
  async evaluateRun(runId: string, set: 'validation' | 'test', backend: BackendRequest) {
    await initBackend(backend);
    return evaluateRun(runId, set);
  },

  /** Edge-case probes of a run through the serving path. */
  async probeRun(runId: string, backend: BackendRequest) {
    await initBackend(backend);
    return probeRun(runId);
  },

  /** A run's configuration retrained with K seeds, each scored on validation and test rows. */
  async stabilityRun(
    runId: string,
    seeds: number,
    backend: BackendRequest,
    onSeed?: (done: number, total: number) => void,
  ) {
    await initBackend(backend);
    return stabilityRun(runId, seeds, onSeed);
  },

  /** Packages a finished run as a model bundle and registers it as the next version. */
  registerRun: (runId: string, tags: string[]) => registerRun(runId, tags),

  /** A registered version as one zip file. */
  exportBundle: (bundleId: string) => exportBundle(bundleId),

  /** Validates a bundle file and registers it; a bad file stores nothing. */
  importBundle: (projectId: string, bytes: Uint8Array) => importBundle(projectId, bytes),

  /**
   * The retrain loop on a new labelled dataset: validate, same recipe and config, sealed test, compare, then
   * deploy a better challenger (shadow or canary) or keep the champion with an alert.
   */
  async retrainChampion(
    request: RetrainRequest,
    backend: BackendRequest,
    onStep?: (step: RetrainStep) => void,
  ) {
    return retrainChampion(request, await initBackend(backend), onStep);
  },

  /** Audits every stored record and their references (read only); see checkStoredIntegrity. */
  checkStorage: () => checkStorage(),

  /** A run's first training rows, raw and as trained on, for the serving parity check. */
  parityRows: (runId: string, count: number) => parityRows(runId, count),
};

export type TrainApi = typeof api;
expose(api);
