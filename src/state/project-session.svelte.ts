/**
 * Everything the tabs show for one project: its datasets and the selected one, the upload in progress, and
 * the state of every stage (profile to retrain). A project switch swaps the whole session rather than
 * resetting fields one by one, so no value of one project can reach another's views, including values a
 * reset list would forget. Sessions stay keyed by project id while the page lives, so work still running
 * in one project (a search, a retrain) is shown again, live, when that project is reopened.
 *
 * The stage states read `projectId` from their own session, never from the app: an answer that arrives
 * after a switch lands in the session that asked, not in the project now on screen.
 */
import type { DatasetRecord } from '../core/records.ts';
import type { LooplabStorage } from './storage-handle.ts';
import { sameRecords } from './same-records.ts';
import { DeployState } from './deploy-state.svelte.ts';
import { LoadMarker } from './load-marker.svelte.ts';
import { EvalState } from './eval-state.svelte.ts';
import { ModelsState } from './models-state.svelte.ts';
import { MonitorState } from './monitor-state.svelte.ts';
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

/** What a session needs from the app: storage, and the backend the user chose. */
export interface SessionHost {
  readonly storage: LooplabStorage;
  readonly backendChoice: string;
  readonly allowSoftware: boolean;
}

export class ProjectSession {
  readonly projectId: string | null;
  readonly #host: SessionHost;
  datasets = $state.raw<DatasetRecord[]>([]);
  datasetId = $state<string | null>(null);
  dataset = $derived(this.datasets.find((d) => d.id === this.datasetId) ?? null);
  ingest = $state<IngestState>({ status: 'idle' });
  /** The last file uploaded, so it can be read again with other options (e.g. as Latin-1). */
  lastFile = $state.raw<File | null>(null);
  /** Aborts this project's upload in progress. */
  ingestAbort: AbortController | undefined;
  readonly #datasetLoads = new LoadMarker();

  readonly work: WorkState;
  readonly train: TrainState;
  readonly evaluation: EvalState;
  readonly models: ModelsState;
  readonly deploy: DeployState;
  readonly monitor: MonitorState;
  readonly retrain: RetrainState;

  constructor(host: SessionHost, projectId: string | null) {
    this.#host = host;
    this.projectId = projectId;
    this.work = new WorkState(this);
    this.train = new TrainState(this);
    this.evaluation = new EvalState(this);
    this.models = new ModelsState(this);
    this.deploy = new DeployState(this);
    this.monitor = new MonitorState(this);
    this.retrain = new RetrainState(this);
  }

  get storage(): LooplabStorage {
    return this.#host.storage;
  }

  get backendChoice(): string {
    return this.#host.backendChoice;
  }

  get allowSoftware(): boolean {
    return this.#host.allowSoftware;
  }

  /** Whether work of this project is running (a search, an evaluation, a retrain, an upload, a replay). */
  get busy(): boolean {
    return (
      this.ingest.status === 'running' ||
      this.train.status === 'running' ||
      this.evaluation.status === 'running' ||
      this.retrain.running ||
      this.deploy.replaying
    );
  }

  /**
   * True once the project's datasets have been read, and no newer read of them is in flight (an upload
   * reads them again after it is stored): the Data tab's list is the stored one from then on.
   */
  get datasetsLoaded(): boolean {
    return this.#datasetLoads.loaded;
  }

  /** Loads the project's datasets; keeps the selection when it is still stored, else picks the first. */
  loadDatasets(): Promise<void> {
    return this.#datasetLoads.track(async () => {
      // Datasets are immutable, so the same ids mean the same list: keep it, and spare the table a re-render.
      this.datasets = sameRecords(
        this.datasets,
        this.projectId ? await this.storage.listDatasets(this.projectId) : [],
      );
      if (this.datasetId && !this.datasets.some((d) => d.id === this.datasetId)) this.datasetId = null;
      if (!this.datasetId && this.datasets[0]) this.datasetId = this.datasets[0].id;
    });
  }
}
