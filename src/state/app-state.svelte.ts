/**
 * The app's state, in one runes class shared through context. Views read its fields and call its verbs;
 * nothing else touches workers or storage. Large arrays are `$state.raw`: they are replaced, never mutated.
 */
import type { BackendReport } from '../core/compute/backend-policy.ts';
import { backendRequestFrom } from '../core/compute/backend-policy.ts';
import type { IngestProgress } from '../core/ingest/ingest-csv.ts';
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '../core/ingest/import-options.ts';
import type { DatasetRecord, ProjectRecord } from '../core/records.ts';
import { DEFAULT_MAX_PROJECT_FILE_BYTES, tooLargeMessage } from '../core/project-file/import-limits.ts';
import type { IntegrityReport } from '../storage/check-stored-integrity.ts';
import { formatBytes } from './format.ts';
import { openStorage, type LooplabStorage } from './storage-handle.ts';
import { CancelledError } from './worker-client.ts';
import { dataWorker, trainWorker } from './workers.ts';
import { LifecycleState } from './lifecycle-state.svelte.ts';
import { ProjectSession, type TaskStatus } from './project-session.svelte.ts';
import { sameRecords } from './same-records.ts';

export type { IngestState, TaskStatus } from './project-session.svelte.ts';

/** Sessions of projects other than the open one kept in memory (the open one is always kept). */
const KEPT_SESSIONS = 4;

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean | null;
}

let noticeId = 0;

export class AppState {
  projects = $state.raw<ProjectRecord[]>([]);
  /**
   * The open project's session: its datasets, upload and every stage's state. Replaced, never reset, on a
   * project switch (see ProjectSession).
   */
  session = $state.raw<ProjectSession>(new ProjectSession(this, null));
  /** How the next upload is read; "auto" everywhere by default. */
  importOptions = $state<ImportOptions>({ ...DEFAULT_IMPORT_OPTIONS });
  backend = $state<{ status: TaskStatus; report?: BackendReport; error?: string }>({ status: 'idle' });
  backendChoice = $state('auto');
  allowSoftware = $state(false);
  storageInfo = $state<StorageInfo | null>(null);
  notices = $state<Notice[]>([]);
  /** The last storage audit (checkStorage), or its failure. */
  storageCheck = $state.raw<{ status: TaskStatus; report?: IntegrityReport; error?: string }>({
    status: 'idle',
  });
  /** Set when another tab upgraded the database and this tab let go of it. */
  storageClosed = $state<string | null>(null);
  ready = $state(false);

  /** The lifecycle stage on screen. */
  stage = $state<
    | 'data'
    | 'profile'
    | 'problem'
    | 'prepare'
    | 'train'
    | 'runs'
    | 'evaluate'
    | 'models'
    | 'deploy'
    | 'monitor'
  >('data');
  /** The full-lifecycle run: it opens the sample project itself, so it belongs to no one session. */
  readonly lifecycle = new LifecycleState(this);

  project = $derived(this.projects.find((p) => p.id === this.session.projectId) ?? null);

  #storage: LooplabStorage | undefined;
  /** Sessions by project id, least recently opened first. A lookup, not state: `session` is what views read. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #sessions = new Map<string, ProjectSession>();

  get projectId(): string | null {
    return this.session.projectId;
  }
  get datasets(): DatasetRecord[] {
    return this.session.datasets;
  }
  get datasetId(): string | null {
    return this.session.datasetId;
  }
  get dataset(): DatasetRecord | null {
    return this.session.dataset;
  }
  get ingest() {
    return this.session.ingest;
  }
  get lastFile(): File | null {
    return this.session.lastFile;
  }
  get work() {
    return this.session.work;
  }
  get train() {
    return this.session.train;
  }
  get evaluation() {
    return this.session.evaluation;
  }
  get models() {
    return this.session.models;
  }
  get deploy() {
    return this.session.deploy;
  }
  get monitor() {
    return this.session.monitor;
  }
  get retrain() {
    return this.session.retrain;
  }

  get storage(): LooplabStorage {
    if (!this.#storage) throw new Error('Storage is not open yet.');
    return this.#storage;
  }

  /** Opens storage, asks for persistence, and loads the project list (creating the sample on first run). */
  async init(): Promise<void> {
    let firstRun = false;
    this.#storage = await openStorage({
      onFirstRun: () => {
        firstRun = true;
      },
      onBlocked: (text) => this.notify('info', text),
      onClosed: (text) => {
        this.storageClosed = text;
      },
      onExternalChange: (change) => {
        if (change.store === 'runs') void this.train.loadRuns();
        else if (change.store === 'bundles' || change.store === 'aliases') void this.models.load();
        else if (change.store === 'deployments') void this.deploy.load();
        else if (change.store === 'alerts') void this.monitor.load();
        else void this.refresh();
      },
    });
    const persisted = await this.#storage.requestPersistence();
    await this.refresh();
    // The sample is made once, on the first run; a user who deleted it does not get it back unasked.
    if (firstRun && this.projects.length === 0) await this.createSampleProject();
    await this.refreshStorageInfo(persisted);
    // Runs left `running` by a tab that closed mid-training are marked interrupted now.
    const interrupted = await this.train.markInterrupted();
    if (interrupted.length)
      this.notify(
        'info',
        `${interrupted.length} run(s) were interrupted when their tab closed; they are marked interrupted.`,
      );
    this.ready = true;
    // bench/ reads these marks for time-to-interactive and ingest time.
    performance.mark('looplab:ready');
    // The log is pruned to the retention setting whenever the app opens (the window in use is spared).
    void this.monitor.applyRetention(true);
    // A scheduled (or overdue label-count) retrain is checked whenever the app opens, in the background.
    void this.retrain.checkTriggers().then((trigger) => {
      if (trigger)
        this.notify(
          'info',
          `Retraining ran (${trigger}): ${this.retrain.summary?.reason ?? this.retrain.error}`,
        );
    });
  }

  notify(kind: Notice['kind'], text: string): void {
    this.notices = [...this.notices, { id: ++noticeId, kind, text }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  async refresh(): Promise<void> {
    this.projects = sameRecords(this.projects, await this.storage.listProjects());
    for (const id of this.#sessions.keys())
      if (!this.projects.some((p) => p.id === id)) this.#sessions.delete(id);
    let id = this.projectId;
    if (id && !this.projects.some((p) => p.id === id)) id = null;
    if (!id && this.projects[0]) id = this.projects[0].id;
    this.#open(id);
    await this.session.loadDatasets();
  }

  async refreshStorageInfo(persisted?: boolean | null): Promise<void> {
    const estimate = await this.storage.estimate();
    if (estimate) {
      this.storageInfo = { ...estimate, persisted: persisted ?? this.storageInfo?.persisted ?? null };
    }
  }

  async selectProject(id: string): Promise<void> {
    this.#open(id);
    await this.session.loadDatasets();
  }

  selectDataset(id: string): void {
    this.session.datasetId = id;
  }

  /** Makes `id`'s session the open one: the kept one if this page opened it before, else a new one. */
  #open(id: string | null): void {
    if (id === this.session.projectId) return;
    if (id === null) {
      this.session = new ProjectSession(this, null);
      return;
    }
    const session = this.#sessions.get(id) ?? new ProjectSession(this, id);
    // Re-inserted, so the map's order is least recently opened first.
    this.#sessions.delete(id);
    this.#sessions.set(id, session);
    this.session = session;
    // Past the limit, the least recently opened idle sessions go; their records are all in storage.
    for (const [key, kept] of this.#sessions) {
      if (this.#sessions.size <= KEPT_SESSIONS + 1) break;
      if (key !== id && !kept.busy) this.#sessions.delete(key);
    }
  }

  async createProject(name: string): Promise<void> {
    await this.#guard(async () => {
      const project = await this.storage.createProject(name);
      await this.refresh();
      await this.selectProject(project.id);
    });
  }

  async renameProject(id: string, name: string): Promise<void> {
    await this.#guard(async () => {
      await this.storage.renameProject(id, name);
      await this.refresh();
    });
  }

  async deleteProject(id: string): Promise<void> {
    await this.#guard(async () => {
      await this.storage.deleteProject(id);
      await this.refresh();
      await this.refreshStorageInfo();
    });
  }

  async createSampleProject(): Promise<void> {
    await this.#guard(async () => {
      const project = await dataWorker.call('createSampleProject', []);
      await this.refresh();
      await this.selectProject(project.id);
    });
  }

  /** Parses a CSV in the data worker, with progress, and stores it as a dataset version of the project. */
  async upload(file: File): Promise<void> {
    // The upload belongs to the project it started in, even if another is opened before it ends.
    const session = this.session;
    const projectId = session.projectId;
    if (!projectId) return;
    session.ingestAbort?.abort();
    const abort = new AbortController();
    session.ingestAbort = abort;
    session.ingest = { status: 'running', fileName: file.name, fraction: 0, rows: 0 };
    performance.mark('looplab:ingest-start');
    // Progress travels on its own MessagePort, so a last progress message can arrive after the result;
    // once the call has settled it must not put the bar back.
    let settled = false;
    const onProgress = (p: IngestProgress) => {
      if (settled || session.ingestAbort !== abort) return;
      session.ingest = {
        status: 'running',
        fileName: file.name,
        fraction: p.totalBytes ? p.bytesRead / p.totalBytes : undefined,
        rows: p.rows,
      };
    };
    try {
      session.lastFile = file;
      const options = $state.snapshot(this.importOptions);
      const dataset = await dataWorker.call(
        'ingestFile',
        [file, projectId, onProgress, options],
        abort.signal,
      );
      settled = true;
      session.ingest = { status: 'done', fileName: file.name, fraction: 1, rows: dataset.rowCount };
      performance.measure('looplab:ingest', 'looplab:ingest-start');
      await session.loadDatasets();
      session.datasetId = dataset.id;
      await this.refreshStorageInfo();
    } catch (error) {
      settled = true;
      if (error instanceof CancelledError) {
        session.ingest = {
          status: 'cancelled',
          fileName: file.name,
          message: 'Upload cancelled. Nothing was stored.',
        };
      } else if (isStorageFull(error)) {
        session.ingest = {
          status: 'error',
          fileName: file.name,
          message: await this.#storageFullMessage(file.size),
          kind: 'storage-full',
        };
      } else {
        session.ingest = {
          status: 'error',
          fileName: file.name,
          message: messageOf(error),
          kind: errorKind(error),
        };
      }
    } finally {
      if (session.ingestAbort === abort) session.ingestAbort = undefined;
    }
  }

  /** Reads the last file again as Latin-1, after it was refused as UTF-8. */
  async retryAsLatin1(): Promise<void> {
    if (!this.lastFile) return;
    this.importOptions = { ...this.importOptions, encoding: 'latin1' };
    await this.upload(this.lastFile);
  }

  cancelUpload(): void {
    this.session.ingestAbort?.abort();
  }

  async exportProject(): Promise<{ bytes: Uint8Array; fileName: string } | null> {
    const project = this.project;
    if (!project) return null;
    return this.#guard(async () => {
      const bytes = await dataWorker.call('exportProject', [project.id]);
      const safe = project.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
      return { bytes, fileName: `${safe}.looplab.zip` };
    });
  }

  async importProject(file: File): Promise<void> {
    // Refused by its size alone: reading a file over the limit into memory is what the limit prevents.
    const tooLarge = tooLargeMessage(file.size, DEFAULT_MAX_PROJECT_FILE_BYTES);
    if (tooLarge) {
      this.notify('error', `${file.name} was not imported, and nothing changed: ${tooLarge}`);
      return;
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const project = await dataWorker.call('importProject', [bytes]);
      await this.refresh();
      await this.selectProject(project.id);
      this.notify('info', `Imported "${project.name}".`);
    } catch (error) {
      this.notify('error', `${file.name} was not imported, and nothing changed: ${messageOf(error)}`);
    }
  }

  /**
   * Audits every stored record and the references between them, read only, in the train worker (see
   * checkStoredIntegrity): what a user can run after a crash, and what the fault tests read.
   */
  async checkStorage(): Promise<void> {
    this.storageCheck = { status: 'running' };
    try {
      this.storageCheck = { status: 'done', report: await trainWorker.call('checkStorage', []) };
    } catch (error) {
      this.storageCheck = { status: 'error', error: messageOf(error) };
    }
  }

  /** The words for a write refused for lack of space: what was needed and what is free. */
  async #storageFullMessage(needed: number): Promise<string> {
    await this.refreshStorageInfo().catch(() => undefined);
    const info = this.storageInfo;
    const free = info
      ? ` About ${formatBytes(Math.max(0, info.quota - info.usage))} of this site's ${formatBytes(info.quota)} is free.`
      : '';
    return (
      `Storage is full, so nothing was stored: this file needs about ${formatBytes(needed)}.${free} ` +
      'Delete projects you no longer need, or free space on this device, then try again.'
    );
  }

  /**
   * Asks the train worker to choose its tfjs backend, and shows its choice. Serving needs no backend: it is
   * pure TypeScript in the serve worker.
   */
  async checkBackend(): Promise<void> {
    const request = backendRequestFrom(this.backendChoice, this.allowSoftware);
    // A worker keeps its backend for life, so a new choice needs a fresh worker.
    trainWorker.terminate();
    this.backend = { status: 'running' };
    try {
      const report = await trainWorker.call('initBackend', [request]);
      this.backend = { status: 'done', report };
    } catch (error) {
      this.backend = { status: 'error', error: messageOf(error) };
    }
  }

  async #guard<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      this.notify('error', messageOf(error));
      return null;
    }
  }
}

/** A write refused for lack of space, also after crossing from a worker (where only name and message survive). */
function isStorageFull(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'StorageFullError' || /storage is full/i.test(error.message))
  );
}

/**
 * The IngestError kind of a worker error, read from its message: comlink carries an error's message and
 * name across the worker boundary, not its other fields.
 */
function errorKind(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (/not valid UTF-8/.test(error.message)) return 'encoding';
  if (/too large for this device/.test(error.message)) return 'too-large';
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
