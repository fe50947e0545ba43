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
import { dataWorker, serveWorker, trainWorker } from './workers.ts';
import { EvalState } from './eval-state.svelte.ts';
import { DeployState } from './deploy-state.svelte.ts';
import { ModelsState } from './models-state.svelte.ts';
import { MonitorState } from './monitor-state.svelte.ts';
import { LifecycleState } from './lifecycle-state.svelte.ts';
import { RetrainState } from './retrain-state.svelte.ts';
import { TrainState } from './train-state.svelte.ts';
import { WorkState } from './work-state.svelte.ts';

export type TaskStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface IngestState {
  status: TaskStatus;
  fileName?: string;
  /** 0..1, or undefined while unknown. */
  fraction?: number;
  rows?: number;
  message?: string;
  /** For errors from the parser: which one (e.g. 'encoding', to offer reading the file as Latin-1). */
  kind?: string;
}

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
  projectId = $state<string | null>(null);
  datasets = $state.raw<DatasetRecord[]>([]);
  datasetId = $state<string | null>(null);
  ingest = $state<IngestState>({ status: 'idle' });
  /** How the next upload is read; "auto" everywhere by default. */
  importOptions = $state<ImportOptions>({ ...DEFAULT_IMPORT_OPTIONS });
  /** The last file uploaded, so it can be read again with other options (e.g. as Latin-1). */
  lastFile = $state.raw<File | null>(null);
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
  readonly work = new WorkState(this);
  readonly train = new TrainState(this);
  readonly evaluation = new EvalState(this);
  readonly models = new ModelsState(this);
  readonly deploy = new DeployState(this);
  readonly monitor = new MonitorState(this);
  readonly retrain = new RetrainState(this);
  readonly lifecycle = new LifecycleState(this);

  project = $derived(this.projects.find((p) => p.id === this.projectId) ?? null);
  dataset = $derived(this.datasets.find((d) => d.id === this.datasetId) ?? null);

  #storage: LooplabStorage | undefined;
  #ingestAbort: AbortController | undefined;

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
    if (this.projectId && !this.projects.some((p) => p.id === this.projectId)) this.projectId = null;
    if (!this.projectId && this.projects[0]) this.projectId = this.projects[0].id;
    await this.#loadDatasets();
  }

  async refreshStorageInfo(persisted?: boolean | null): Promise<void> {
    const estimate = await this.storage.estimate();
    if (estimate) {
      this.storageInfo = { ...estimate, persisted: persisted ?? this.storageInfo?.persisted ?? null };
    }
  }

  async selectProject(id: string): Promise<void> {
    this.projectId = id;
    this.datasetId = null;
    await this.#loadDatasets();
  }

  selectDataset(id: string): void {
    this.datasetId = id;
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
    const projectId = this.projectId;
    if (!projectId) return;
    this.#ingestAbort?.abort();
    const abort = new AbortController();
    this.#ingestAbort = abort;
    this.ingest = { status: 'running', fileName: file.name, fraction: 0, rows: 0 };
    performance.mark('looplab:ingest-start');
    // Progress travels on its own MessagePort, so a last progress message can arrive after the result;
    // once the call has settled it must not put the bar back.
    let settled = false;
    const onProgress = (p: IngestProgress) => {
      if (settled || this.#ingestAbort !== abort) return;
      this.ingest = {
        status: 'running',
        fileName: file.name,
        fraction: p.totalBytes ? p.bytesRead / p.totalBytes : undefined,
        rows: p.rows,
      };
    };
    try {
      this.lastFile = file;
      const options = $state.snapshot(this.importOptions);
      const dataset = await dataWorker.call(
        'ingestFile',
        [file, projectId, onProgress, options],
        abort.signal,
      );
      settled = true;
      this.ingest = { status: 'done', fileName: file.name, fraction: 1, rows: dataset.rowCount };
      performance.measure('looplab:ingest', 'looplab:ingest-start');
      await this.#loadDatasets();
      this.datasetId = dataset.id;
      await this.refreshStorageInfo();
    } catch (error) {
      settled = true;
      if (error instanceof CancelledError) {
        this.ingest = {
          status: 'cancelled',
          fileName: file.name,
          message: 'Upload cancelled. Nothing was stored.',
        };
      } else if (isStorageFull(error)) {
        this.ingest = {
          status: 'error',
          fileName: file.name,
          message: await this.#storageFullMessage(file.size),
          kind: 'storage-full',
        };
      } else {
        this.ingest = {
          status: 'error',
          fileName: file.name,
          message: messageOf(error),
          kind: errorKind(error),
        };
      }
    } finally {
      if (this.#ingestAbort === abort) this.#ingestAbort = undefined;
    }
  }

  /** Reads the last file again as Latin-1, after it was refused as UTF-8. */
  async retryAsLatin1(): Promise<void> {
    if (!this.lastFile) return;
    this.importOptions = { ...this.importOptions, encoding: 'latin1' };
    await this.upload(this.lastFile);
  }

  cancelUpload(): void {
    this.#ingestAbort?.abort();
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

  /** Asks the train and serve workers to choose their tfjs backend, and shows the train worker's choice. */
  async checkBackend(): Promise<void> {
    const request = backendRequestFrom(this.backendChoice, this.allowSoftware);
    // A worker keeps its backend for life, so a new choice needs fresh workers.
    trainWorker.terminate();
    serveWorker.terminate();
    this.backend = { status: 'running' };
    try {
      const [report] = await Promise.all([
        trainWorker.call('initBackend', [request]),
        serveWorker.call('initBackend', [request]),
      ]);
      this.backend = { status: 'done', report };
    } catch (error) {
      this.backend = { status: 'error', error: messageOf(error) };
    }
  }

  async #loadDatasets(): Promise<void> {
    // Datasets are immutable, so the same ids mean the same list: keep it, and spare the table a re-render.
    this.datasets = sameRecords(
      this.datasets,
      this.projectId ? await this.storage.listDatasets(this.projectId) : [],
    );
    if (this.datasetId && !this.datasets.some((d) => d.id === this.datasetId)) this.datasetId = null;
    if (!this.datasetId && this.datasets[0]) this.datasetId = this.datasets[0].id;
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

/** The old array when `next` holds the same records (by id and update time), else `next`. */
function sameRecords<T extends { id: string; updatedAt?: number }>(old: T[], next: T[]): T[] {
  const same =
    old.length === next.length &&
    old.every((r, i) => r.id === next[i]!.id && r.updatedAt === next[i]!.updatedAt);
  return same ? old : next;
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
