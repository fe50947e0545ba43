/**
 * One open Looplab database with the repositories bound to it: what the page (src/state) and the data worker
 * hold. Project files (project-io.ts) are packed and unpacked in the data worker only, which keeps zod and
 * fflate out of the main bundle. Each side opens its own connection; BroadcastChannel tells the others when something changed.
 */
import type { IDBPDatabase } from 'idb';
import type { DeploymentChange } from '../core/deploy/deployment-plan.ts';
import type { DatasetRecord, Id, PredictionRecord, RunRecord } from '../core/records.ts';
import { onStorageChange, type StorageChange } from './broadcast.ts';
import {
  deleteDataset,
  getChunk,
  getDataset,
  listDatasets,
  saveDataset,
  type ChunkInput,
} from './datasets.ts';
import { addPredictions, applyDeploymentChange, getDeploymentPlan, listPredictions } from './deployments.ts';
import {
  acknowledgeAlert,
  addAlerts,
  addLabels,
  listAlerts,
  listLabels,
  listPredictionsBetween,
  prunePredictions,
  setMonitorSettings,
} from './monitoring.ts';
import { openLooplabDB, type OpenLooplabOptions } from './open-db.ts';
import {
  aliasHistory,
  getBundle,
  listAliases,
  listBundles,
  moveAlias,
  registerBundle,
  setTags,
} from './registry.ts';
import { restoreProblem, restoreRecipe } from './restore.ts';
import { runRead } from './transact.ts';
import { createProject, deleteProject, getProject, listProjects, renameProject } from './projects.ts';
import { estimateStorage, requestPersistence } from './quota.ts';
import type { LooplabDB } from './schema.ts';
import { appendTimeline, listTimeline } from './timeline.ts';
import { deleteRuns, endRunningRuns, finishRuns, getRun, listRuns, putRunProgress } from './runs.ts';
import { latestVersion, saveVersion } from './versioned.ts';

export class LooplabStorage {
  private constructor(
    readonly db: IDBPDatabase<LooplabDB>,
    readonly appVersion: string,
  ) {}

  /**
   * Opens (and if needed upgrades) the database; see openLooplabDB for the two-tab callbacks. `appVersion`
   * is written into exported project files.
   */
  static async open(options: OpenLooplabOptions & { appVersion?: string } = {}): Promise<LooplabStorage> {
    return new LooplabStorage(await openLooplabDB(options), options.appVersion ?? 'unknown');
  }

  listProjects = () => listProjects(this.db);
  getProject = (id: Id) => getProject(this.db, id);
  createProject = (name: string, options?: Parameters<typeof createProject>[2]) =>
    createProject(this.db, name, options);
  renameProject = (id: Id, name: string) => renameProject(this.db, id, name);
  deleteProject = (id: Id) => deleteProject(this.db, id);

  listDatasets = (projectId: Id) => listDatasets(this.db, projectId);
  getDataset = (id: Id) => getDataset(this.db, id);
  saveDataset = (dataset: DatasetRecord, chunks: readonly ChunkInput[]) =>
    saveDataset(this.db, dataset, chunks);
  deleteDataset = (id: Id) => deleteDataset(this.db, id);
  /** A chunk's columns (`columns[c][r]`); an empty block if the chunk is missing. */
  loadChunk = async (datasetId: Id, index: number): Promise<string[][]> =>
    (await getChunk(this.db, datasetId, index))?.columns ?? [];

  listTimeline = (projectId: Id) => listTimeline(this.db, projectId);
  addTimelineEvent = (projectId: Id, kind: string, message: string, data?: Record<string, unknown>) =>
    appendTimeline(this.db, projectId, kind, message, data);

  saveProblem = (draft: Parameters<typeof saveVersion<'problems'>>[2]) =>
    saveVersion(this.db, 'problems', draft, { kind: 'problem-defined', message: 'Problem card saved' });
  latestProblem = (projectId: Id) => latestVersion(this.db, 'problems', projectId);
  saveRecipe = (draft: Parameters<typeof saveVersion<'recipes'>>[2]) =>
    saveVersion(this.db, 'recipes', draft, {
      kind: 'recipe-saved',
      message: 'Cleaning recipe and split saved',
    });
  latestRecipe = (projectId: Id) => latestVersion(this.db, 'recipes', projectId);

  getProblem = async (id: Id) => {
    const raw = await runRead(() => this.db.get('problems', id));
    return raw && restoreProblem(raw);
  };
  getRecipe = async (id: Id) => {
    const raw = await runRead(() => this.db.get('recipes', id));
    return raw && restoreRecipe(raw);
  };

  listRuns = (projectId: Id) => listRuns(this.db, projectId);
  getRun = (id: Id) => getRun(this.db, id);
  putRunProgress = (run: RunRecord) => putRunProgress(this.db, run);
  finishRuns = (runs: readonly RunRecord[], event?: Parameters<typeof finishRuns>[2]) =>
    finishRuns(this.db, runs, event);
  /** Marks a sweep's still-running runs cancelled (after its worker was terminated). */
  cancelSweep = (projectId: Id, sweepId: Id) =>
    endRunningRuns(this.db, projectId, 'cancelled', (run) => run.sweepId === sweepId);
  /**
   * Marks a sweep's still-running runs interrupted at once, after its worker crashed: waiting for the next
   * app open would leave them `running` all session.
   */
  interruptSweep = (projectId: Id, sweepId: Id) =>
    endRunningRuns(this.db, projectId, 'interrupted', (run) => run.sweepId === sweepId);
  /** Marks running runs whose worker is gone (their lock is not held) interrupted. */
  markInterrupted = (isHeld: (runId: Id) => boolean) =>
    endRunningRuns(this.db, undefined, 'interrupted', (run) => !isHeld(run.id));
  deleteRuns = (projectId: Id, ids: readonly Id[]) => deleteRuns(this.db, projectId, ids);

  registerBundle = (draft: Parameters<typeof registerBundle>[1]) => registerBundle(this.db, draft);
  listBundles = (projectId: Id) => listBundles(this.db, projectId);
  getBundle = (id: Id) => getBundle(this.db, id);
  setTags = (id: Id, tags: readonly string[]) => setTags(this.db, id, tags);
  listAliases = (projectId: Id) => listAliases(this.db, projectId);
  moveAlias = (projectId: Id, alias: string, bundleId: Id | null, reason: string) =>
    moveAlias(this.db, projectId, alias, bundleId, reason);
  aliasHistory = (projectId: Id, alias?: string) => aliasHistory(this.db, projectId, alias);

  getDeploymentPlan = (projectId: Id) => getDeploymentPlan(this.db, projectId);
  applyDeploymentChange = (projectId: Id, change: DeploymentChange) =>
    applyDeploymentChange(this.db, projectId, change);
  addPredictions = (records: readonly PredictionRecord[]) => addPredictions(this.db, records);
  listPredictions = (projectId: Id, limit?: number) => listPredictions(this.db, projectId, limit);
  listPredictionsBetween = (projectId: Id, from: number, to: number) =>
    listPredictionsBetween(this.db, projectId, from, to);
  prunePredictions = (projectId: Id, before: number, keepSince?: number) =>
    prunePredictions(this.db, projectId, before, keepSince);
  addLabels = (projectId: Id, labels: readonly { requestId: string; label: string }[]) =>
    addLabels(this.db, projectId, labels);
  listLabels = (projectId: Id) => listLabels(this.db, projectId);
  addAlerts = (projectId: Id, alerts: Parameters<typeof addAlerts>[2]) =>
    addAlerts(this.db, projectId, alerts);
  listAlerts = (projectId: Id) => listAlerts(this.db, projectId);
  acknowledgeAlert = (id: Id) => acknowledgeAlert(this.db, id);
  setMonitorSettings = (projectId: Id, settings: Record<string, unknown>) =>
    setMonitorSettings(this.db, projectId, settings);

  estimate = () => estimateStorage();
  requestPersistence = () => requestPersistence();
  onChange = (callback: (change: StorageChange) => void) => onStorageChange(callback);

  close(): void {
    this.db.close();
  }
}
