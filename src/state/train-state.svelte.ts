/**
 * The Train and Runs stages: the experiment settings and feature transforms, the live progress of a search
 * (curves, epoch, ETA), the project's runs, and the compare selection. Training runs in the train worker,
 * which writes the runs itself; this class holds what the views show and calls the worker.
 */
import { backendRequestFrom } from '../core/compute/backend-policy.ts';
import type {
  ExperimentSpec,
  ExperimentSummary,
  ReproduceSummary,
  TrainEvent,
} from '../core/experiment/index.ts';
import { featureColumns } from '../core/experiment/feature-columns.ts';
// The module itself, not the features index: the index brings the pipeline's zod schemas, which stay in workers.
import type { FeatureSpec, FeatureTransform } from '../core/features/feature-spec.ts';
import { suggestFeatures } from '../core/features/suggest-features.ts';
import { searchConfigs } from '../core/models/search-configs.ts';
import { MODEL_FAMILIES, type ModelFamily } from '../core/models/model-params.ts';
import type { EpochRecord } from '../core/models/training-data.ts';
import type { ProblemCard } from '../core/problem/problem-card.ts';
import type { RecipeStep } from '../core/recipe/recipe-step.ts';
import type { RunRecord } from '../core/records.ts';
import { runLockName } from '../storage/runs.ts';
import { LoadMarker } from './load-marker.svelte.ts';
import { queryRuns, type RunSortKey } from './run-display.ts';
import type { ProjectSession } from './project-session.svelte.ts';
import { CancelledError, WorkerCrashedError } from './worker-client.ts';
import { serveWorker, trainWorker } from './workers.ts';

type Status = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface LiveTrial {
  runId: string;
  trial: number;
  name: string;
  maxEpochs: number;
  epochs: EpochRecord[];
  step: { done: number; total: number };
}

export class TrainState {
  readonly #session: ProjectSession;
  families = $state<ModelFamily[]>(['baseline', 'linear', 'mlp']);
  strategy = $state<'grid' | 'random' | 'auto'>('random');
  randomTrials = $state(6);
  halving = $state(true);
  budgetS = $state(120);
  seed = $state(42);
  /** Epoch cap for quick looks (empty: each family's own limit). */
  maxEpochs = $state<number | null>(null);
  importance = $state(true);
  /**
   * Off by default: a search told to find the best model should try what it listed, not stop at the
   * first configuration that clears the card's bar (issue 15: it stopped after 2 of 19).
   */
  stopAtTarget = $state(false);
  features = $state.raw<FeatureSpec | null>(null);

  status = $state<Status>('idle');
  phase = $state('');
  error = $state('');
  startedAt = $state(0);
  now = $state(0);
  live = $state.raw<LiveTrial[]>([]);
  summary = $state.raw<ExperimentSummary | null>(null);
  reproduction = $state.raw<(ReproduceSummary & { status: Status; error?: string }) | null>(null);

  parity = $state.raw<{
    runId: string;
    status: Status;
    rows: number;
    cols: number;
    /** Feature values whose bits differ between the serving path and the training matrix. */
    mismatches: number;
    error?: string;
  } | null>(null);
  runs = $state.raw<RunRecord[]>([]);
  /** Runs picked for comparison. */
  selected = $state.raw<string[]>([]);
  sortKey = $state<RunSortKey>('createdAt');
  sortDescending = $state(true);
  filter = $state('');
  statusFilter = $state<'all' | RunRecord['status']>('all');

  readonly #loads = new LoadMarker();
  #abort: AbortController | undefined;
  #queue: TrainEvent[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;

  /** How many configurations the settings give (the baseline included); AutoML has no fixed number. */
  configCount = $derived(
    this.strategy === 'auto'
      ? NaN
      : searchConfigs({
          families: this.families.filter((f) => f !== 'ensemble'),
          strategy: this.strategy,
          randomTrials: this.randomTrials,
          seed: this.seed,
        }).length + (this.families.includes('baseline') ? 1 : 0),
  );

  /** Runs after the filter, in the chosen order. */
  visibleRuns = $derived(
    queryRuns(this.runs, {
      text: this.filter,
      status: this.statusFilter,
      key: this.sortKey,
      descending: this.sortDescending,
    }),
  );

  selectedRuns = $derived(this.runs.filter((r) => this.selected.includes(r.id)));

  constructor(session: ProjectSession) {
    this.#session = session;
  }

  /** The suggested feature transforms for the saved problem and recipe (kept if already edited). */
  prepareFeatures(): void {
    const work = this.#session.work;
    const card = work.problem?.card as ProblemCard | undefined;
    const profile = work.analysis?.profile;
    if (!card || !profile) {
      this.features = null;
      return;
    }
    if (this.features?.target === card.target && this.features.task === card.taskType) return;
    const steps = (work.recipe?.steps as unknown as RecipeStep[] | undefined) ?? [];
    const columns = featureColumns(profile.columns, steps, card.target);
    this.features = suggestFeatures(columns, card.target, card.taskType, card.positiveClass);
  }

  setTransform(index: number, transform: FeatureTransform): void {
    if (!this.features) return;
    this.features = {
      ...this.features,
      transforms: this.features.transforms.map((t, i) => (i === index ? transform : t)),
    };
  }

  async loadRuns(): Promise<void> {
    await this.#loads.track(async () => {
      const projectId = this.#session.projectId;
      this.runs = projectId ? await this.#session.storage.listRuns(projectId) : [];
      this.selected = this.selected.filter((id) => this.runs.some((r) => r.id === id));
    });
  }

  /** False while the runs are read again (after a search, a tab switch): the leaderboard waits on it. */
  get runsLoaded(): boolean {
    return this.#loads.loaded;
  }

  /**
   * Marks runs `interrupted` whose worker is gone: a run is `running` only while some worker holds its
   * Web Lock, and a closed tab releases its locks.
   */
  async markInterrupted(): Promise<string[]> {
    if (typeof navigator === 'undefined' || !navigator.locks) return [];
    // A local lookup, not state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const held = new Set((await navigator.locks.query()).held?.map((lock) => lock.name) ?? []);
    const ended = await this.#session.storage.markInterrupted((runId) => held.has(runLockName(runId)));
    if (ended.length) await this.loadRuns();
    return ended;
  }

  async start(): Promise<void> {
    const work = this.#session.work;
    const projectId = this.#session.projectId;
    if (!projectId || !work.problem || !work.recipe || !this.features || this.status === 'running') return;
    const spec: ExperimentSpec = {
      sweepId: crypto.randomUUID(),
      projectId,
      problemId: work.problem.id,
      recipeId: work.recipe.id,
      features: $state.snapshot(this.features),
      families: [...this.families],
      strategy: this.strategy,
      randomTrials: this.randomTrials,
      halving: this.halving,
      budgetMs: this.budgetS * 1000,
      seed: this.seed,
      ...(this.maxEpochs ? { maxEpochs: this.maxEpochs } : {}),
      importance: this.importance,
      stopAtTarget: this.stopAtTarget,
    };
    await this.#inWorker(
      projectId,
      spec.sweepId,
      'Cancelled. Runs that had finished are kept; the others are marked cancelled.',
      async (signal) => {
        const summary = await trainWorker.call(
          'runExperiment',
          [spec, this.#backendRequest(), (event: TrainEvent) => this.#onEvent(event)],
          signal,
        );
        this.summary = summary;
        if (summary.stopReason) return autoMessage(summary);
        const refused = summary.refusedFamilies?.length
          ? ` ${summary.refusedFamilies.join(' and ')} left out: some features keep missing values, which only trees take.`
          : '';
        return `Finished: ${summary.runIds.length} runs on ${summary.backend}${summary.stoppedByBudget ? ` (time budget reached; ${summary.skipped} configurations not trained)` : ''}${summary.reachedTarget ? ' (the metric target was reached, so the search stopped)' : ''}.${refused}`;
      },
    );
  }

  /** "Find the best model": AutoML over every family and an ensemble, cross-validated, within the budget. */
  findBest(): Promise<void> {
    this.families = [...MODEL_FAMILIES, 'ensemble'];
    this.strategy = 'auto';
    return this.start();
  }

  /**
   * Runs one train-worker call with progress and cancel. On cancel the worker is gone, and whatever it had
   * not finished of the sweep is marked cancelled, in one transaction.
   */
  async #inWorker(
    projectId: string,
    sweepId: string,
    cancelledMessage: string,
    work: (signal: AbortSignal) => Promise<string>,
  ): Promise<void> {
    this.#abort = new AbortController();
    this.#begin();
    try {
      const message = await work(this.#abort.signal);
      this.status = 'done';
      this.phase = message;
    } catch (error) {
      if (error instanceof CancelledError) {
        await this.#session.storage.cancelSweep(projectId, sweepId);
        this.status = 'cancelled';
        this.phase = cancelledMessage;
      } else {
        // A crashed worker wrote nothing more after it died: its unfinished runs are interrupted now,
        // not on the next app open.
        this.status = 'error';
        this.phase = 'Stopped by an error (below).';
        this.error = error instanceof Error ? error.message : String(error);
        // Failing here too (storage closed) would hide the crash; the next app open marks them anyway.
        if (error instanceof WorkerCrashedError)
          await this.#session.storage.interruptSweep(projectId, sweepId).catch(() => []);
      }
    } finally {
      this.#end();
      await this.loadRuns();
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  async reproduce(runId: string): Promise<void> {
    const projectId = this.#session.projectId;
    if (this.status === 'running' || !projectId) return;
    this.reproduction = null;
    const sweepId = crypto.randomUUID();
    await this.#inWorker(projectId, sweepId, 'Rerun cancelled.', async (signal) => {
      const result = await trainWorker.call(
        'reproduceRun',
        [runId, sweepId, this.#backendRequest(), (event: TrainEvent) => this.#onEvent(event)],
        signal,
      );
      this.reproduction = { ...result, status: 'done' };
      return result.identical
        ? 'Rerun finished: identical metrics.'
        : `Rerun finished: metrics differ by up to ${result.maxAbsDiff.toExponential(2)}.`;
    });
  }

  /**
   * Sends a run's first training rows, raw, through the serve worker and compares its features with the
   * training matrix, byte for byte.
   */
  async checkParity(runId: string, count = 500): Promise<void> {
    this.parity = { runId, status: 'running', rows: 0, cols: 0, mismatches: 0 };
    try {
      const rows = await trainWorker.call('parityRows', [runId, count]);
      const served = await serveWorker.call('features', [rows.model, rows.records, rows.columns]);
      const a = new Uint32Array(rows.training.buffer, rows.training.byteOffset, rows.training.length);
      const b = new Uint32Array(served.values.buffer, served.values.byteOffset, served.values.length);
      let mismatches = Math.abs(a.length - b.length);
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) mismatches++;
      this.parity = { runId, status: 'done', rows: served.rows, cols: served.cols, mismatches };
    } catch (error) {
      this.parity = {
        runId,
        status: 'error',
        rows: 0,
        cols: 0,
        mismatches: 0,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  toggleSelected(runId: string): void {
    this.selected = this.selected.includes(runId)
      ? this.selected.filter((id) => id !== runId)
      : [...this.selected, runId];
  }

  sortBy(key: TrainState['sortKey']): void {
    if (this.sortKey === key) this.sortDescending = !this.sortDescending;
    else {
      this.sortKey = key;
      this.sortDescending = key !== 'name';
    }
  }

  /** Seconds left: the current trial's remaining epochs at its pace so far, capped by the time budget. */
  eta = $derived.by(() => {
    const trial = this.live.at(-1);
    if (this.status !== 'running' || !trial || trial.epochs.length === 0) return null;
    const last = trial.epochs.at(-1)!;
    const perEpoch = last.elapsedMs / trial.epochs.length;
    const trialLeft = (perEpoch * (trial.maxEpochs - trial.epochs.length)) / 1000;
    const budgetLeft = this.budgetS - (this.now - this.startedAt) / 1000;
    return { trial: Math.max(0, trialLeft), budget: Math.max(0, budgetLeft) };
  });

  #backendRequest() {
    return backendRequestFrom(this.#session.backendChoice, this.#session.allowSoftware);
  }

  #begin(): void {
    this.status = 'running';
    this.error = '';
    this.phase = 'Starting…';
    this.live = [];
    this.summary = null;
    this.startedAt = performance.now();
    this.now = this.startedAt;
    this.#ticker = setInterval(() => (this.now = performance.now()), 500);
  }

  #end(): void {
    clearInterval(this.#ticker);
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#queue = [];
    this.#abort = undefined;
  }

  /**
   * Events are applied in batches a few times a second: on a small dataset a worker finishes dozens of
   * epochs a second, and redrawing the curves for each would keep the page's main thread busy.
   */
  #onEvent(event: TrainEvent): void {
    // Events travel on the callback's own channel, so one can arrive after the call has returned.
    if (this.status !== 'running') return;
    this.#queue.push(event);
    this.#flushTimer ??= setTimeout(() => this.#flush(), 250);
  }

  #flush(): void {
    this.#flushTimer = undefined;
    if (this.status !== 'running') {
      this.#queue = [];
      return;
    }
    const events = this.#queue;
    this.#queue = [];
    let live = this.live;
    // Local lookups for this batch, not state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const epochs = new Map<string, EpochRecord[]>();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const steps = new Map<string, { done: number; total: number }>();
    for (const event of events) {
      if (event.type === 'phase') this.phase = event.message;
      else if (event.type === 'trial-start')
        live = [
          ...live,
          {
            runId: event.runId,
            trial: event.trial,
            name: event.name,
            maxEpochs: event.maxEpochs,
            epochs: [],
            step: { done: 0, total: 0 },
          },
        ];
      else if (event.type === 'epoch')
        epochs.set(event.runId, [...(epochs.get(event.runId) ?? []), event.record]);
      else steps.set(event.runId, { done: event.done, total: event.total });
    }
    this.live = live.map((t) =>
      epochs.has(t.runId) || steps.has(t.runId)
        ? { ...t, epochs: [...t.epochs, ...(epochs.get(t.runId) ?? [])], step: steps.get(t.runId) ?? t.step }
        : t,
    );
  }
}

const STOPS: Record<NonNullable<ExperimentSummary['stopReason']>, string> = {
  budget: 'the time budget ran out',
  'no-improvement': 'the best score stopped improving',
  target: "the card's metric target was reached",
  exhausted: 'every candidate was tried',
  'max-trials': 'the trial limit was reached',
};

/** What an AutoML search did, in words: runs, how they were compared, and why it stopped. */
export function autoMessage(summary: ExperimentSummary): string {
  const selection = summary.selection;
  const compared =
    selection?.method === 'cv'
      ? `compared by ${selection.folds}-fold cross-validation on ${selection.rows.toLocaleString('en')} rows`
      : `compared on ${selection?.rows.toLocaleString('en') ?? 'the'} validation rows`;
  const refused = summary.refusedFamilies?.length
    ? ` ${summary.refusedFamilies.join(' and ')} left out: some features keep missing values, which only trees take.`
    : '';
  return `Finished: ${summary.runIds.length} runs on ${summary.backend}, ${compared}; the search stopped because ${STOPS[summary.stopReason!]}.${refused}`;
}
