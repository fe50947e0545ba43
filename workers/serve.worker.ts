/**
 * The serve worker: turns raw input rows into model features and predictions, so scoring never blocks the
 * page. Features go through the one serving path (recipe replay, then the fitted pipeline's `transform`),
 * and models score with the portable float64 forward pass: no tfjs here, so this worker loads in a
 * fraction of the train worker's size and holds no tensors.
 */
// First, so the test hooks (browser tests' build only) see everything this worker does.
import './test-hooks.ts';
import { expose, transfer } from 'comlink';
import { cancelBatch, scoreCsv } from './batch-score.ts';
import { changeDeployment, deployRequest, flushLog, openDeployment } from './deployment-runtime.ts';
import { uploadLabels } from './labels-upload.ts';
import { monitorSnapshot } from './monitor-run.ts';
import { cancelReplay, replayDataset, replayTraffic } from './replay-traffic.ts';
import { serveFeatures, type ServingPreprocess } from '../src/core/experiment/index.ts';
import { checkInputs, loadVersions, predictOne } from './serve-models.ts';
import { readMonitorSettings, type MonitorSettings } from '../src/core/monitor/monitor-settings.ts';
import { workerStorage } from './worker-storage.ts';

const api = {
  /** Keeps these registered versions loaded (the champion and the challenger). */
  loadVersions: (bundleIds: string[]) => loadVersions(bundleIds),

  /** One real-time prediction with a registered version. */
  predict: (bundleId: string, record: Record<string, string>) => predictOne(bundleId, record),

  /** The inputs of a request that a version would treat as missing or unseen, or read out of range. */
  checkInputs,

  /** Scores every row of a CSV file with a version; progress as it goes, the predictions CSV at the end. */
  scoreCsv,

  /** Stops the batch in progress (its `scoreCsv` rejects as cancelled). */
  cancelBatch,

  /** The project's live deployment: plan, champion, challenger and the canary step's observations. */
  openDeployment,

  /** Starts a shadow or canary, switches blue-green, or rolls back: one atomic change with its timeline entry. */
  changeDeployment,

  /** One request through the deployment: the answering arm's output only; every model run is logged. */
  deployRequest,

  /** Writes the prediction-log entries still buffered (they are batched for throughput). */
  flushLog,

  /** Every row of a CSV as a request through the deployment, with progress; canary gates act mid-file. */
  replayTraffic,

  /** Every row of a stored dataset as a request through the deployment (its labels stored too). */
  replayDataset,

  /** Stops the replay in progress after the current row. */
  cancelReplay,

  /** Monitoring: windows, realised metric, data and prediction drift, and the alerts they fire. */
  monitorSnapshot,

  /** Joins a labels CSV (request id, label) to the prediction log. */
  uploadLabels,

  /** The project's monitoring settings, validated, with the spec's defaults for what is missing or invalid. */
  async monitorSettings(projectId: string): Promise<MonitorSettings> {
    const project = await (await workerStorage()).getProject(projectId);
    return readMonitorSettings(project?.monitor);
  },

  /** Validates and stores the project's monitoring settings; returns them as stored. */
  async saveMonitorSettings(projectId: string, settings: unknown): Promise<MonitorSettings> {
    const valid = readMonitorSettings(settings);
    await (await workerStorage()).setMonitorSettings(projectId, valid as unknown as Record<string, unknown>);
    return valid;
  },

  /** Features of raw rows, exactly as the model was trained on them; `kept` lists the rows scored. */
  features(
    model: ServingPreprocess,
    records: Record<string, string | null | undefined>[],
    columns: string[],
  ) {
    const result = serveFeatures(model, records, columns);
    return transfer(result, [result.values.buffer]);
  },
};

export type ServeApi = typeof api;
expose(api);
