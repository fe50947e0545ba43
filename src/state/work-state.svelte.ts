/**
 * The state of the Profile, Problem and Prepare stages for the open dataset: the analysis (profile, target
 * facts, suggestions), the problem card draft and its saved version, and the recipe, split and their
 * preview. Work runs in the data worker; this class only holds results and calls.
 */
import type { DatasetAnalysis } from '../core/prepare/analyse-dataset.ts';
import type { PreparePreview, SplitRequest } from '../core/prepare/prepare-dataset.ts';
import {
  METRICS,
  validateProblemCard,
  type MetricName,
  type ProblemCard,
  type TaskType,
} from '../core/problem/index.ts';
import type { RecipeStep } from '../core/recipe/recipe-step.ts';
import type { ProblemRecord, RecipeRecord } from '../core/records.ts';
import type { Suggestion } from '../core/suggest/suggest-steps.ts';
import type { ColumnType } from '../core/table/raw-table.ts';
import type { ProjectSession } from './project-session.svelte.ts';
import { dataWorker } from './workers.ts';

type Status = 'idle' | 'running' | 'done' | 'error';

export class WorkState {
  readonly #session: ProjectSession;
  analysis = $state.raw<DatasetAnalysis | null>(null);
  analysing = $state<{ status: Status; done: number; total: number; error?: string }>({
    status: 'idle',
    done: 0,
    total: 0,
  });
  types = $state<Record<string, ColumnType>>({});
  target = $state<string | null>(null);
  taskType = $state<TaskType>('binary');
  positiveClass = $state<string | undefined>(undefined);
  metricName = $state<MetricName>('roc_auc');
  metricTarget = $state(0.8);
  usage = $state<'real-time' | 'batch'>('batch');
  costNote = $state('');
  problemErrors = $state<string[]>([]);
  problem = $state.raw<ProblemRecord | null>(null);
  steps = $state.raw<RecipeStep[]>([]);
  split = $state<SplitRequest>({ method: 'random', seed: 42, fractions: [0.7, 0.15, 0.15] });
  preview = $state.raw<PreparePreview | null>(null);
  previewing = $state<{ status: Status; error?: string }>({ status: 'idle' });
  recipe = $state.raw<RecipeRecord | null>(null);
  dropped = $state.raw<{
    stepId: string;
    names: string[];
    rows: string[][];
    rowIds: number[];
    total: number;
  } | null>(null);
  #datasetId: string | null = null;

  /** Suggestions not yet in the recipe. */
  pending = $derived.by(() => {
    // A local lookup, built and dropped within the derivation: nothing reacts to it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const ids = new Set(this.steps.map((s) => s.id));
    return (this.analysis?.suggestions ?? []).filter((s) => !s.steps.every((step) => ids.has(step.id)));
  });

  constructor(session: ProjectSession) {
    this.#session = session;
  }

  /** Loads the saved problem card and recipe of the project, and analyses the dataset. */
  async open(datasetId: string | null): Promise<void> {
    if (datasetId === this.#datasetId) return;
    this.#datasetId = datasetId;
    this.analysis = null;
    this.preview = null;
    this.dropped = null;
    this.target = null;
    const projectId = this.#session.projectId;
    if (!datasetId || !projectId) return;
    const [problem, recipe] = await Promise.all([
      this.#session.storage.latestProblem(projectId),
      this.#session.storage.latestRecipe(projectId),
    ]);
    // Another dataset was opened meanwhile: its open owns the state now.
    if (datasetId !== this.#datasetId) return;
    this.problem = problem?.datasetId === datasetId ? problem : null;
    this.recipe = recipe?.datasetId === datasetId ? recipe : null;
    const card = this.problem?.card as ProblemCard | undefined;
    // A target the user chose while the stored card was being read is kept: the late read must not undo it.
    const chosen = this.target !== null;
    if (!chosen) this.target = card?.target ?? null;
    if (card && !chosen) {
      this.taskType = card.taskType;
      this.positiveClass = card.positiveClass;
      this.metricName = card.metric.name;
      this.metricTarget = card.metric.target;
      this.usage = card.usage;
      this.costNote = card.costNote;
    }
    this.steps = (this.recipe?.steps as unknown as RecipeStep[] | undefined) ?? [];
    const savedSplit = this.recipe?.split as { request?: SplitRequest } | undefined;
    if (savedSplit?.request) this.split = savedSplit.request;
    await this.analyse();
  }

  async analyse(): Promise<void> {
    const datasetId = this.#datasetId;
    if (!datasetId) return;
    this.analysing = { status: 'running', done: 0, total: 0 };
    performance.mark('looplab:profile-start');
    try {
      const analysis = await dataWorker.call('analyseDataset', [
        datasetId,
        { types: $state.snapshot(this.types), target: this.target ?? undefined },
        (done: number, total: number) => {
          if (this.analysing.status === 'running') this.analysing = { status: 'running', done, total };
        },
      ]);
      if (datasetId !== this.#datasetId) return;
      this.analysis = analysis;
      this.analysing = { status: 'done', done: 1, total: 1 };
      performance.measure('looplab:profile', 'looplab:profile-start');
    } catch (error) {
      this.analysing = {
        status: 'error',
        done: 0,
        total: 0,
        error: String(error instanceof Error ? error.message : error),
      };
    }
  }

  async setType(column: string, type: ColumnType | ''): Promise<void> {
    const next = { ...this.types };
    if (type === '') delete next[column];
    else next[column] = type;
    this.types = next;
    await this.analyse();
  }

  async chooseTarget(target: string): Promise<void> {
    this.target = target || null;
    await this.analyse();
    const facts = this.analysis?.target;
    if (facts) {
      this.taskType = facts.guessedTaskType;
      this.positiveClass =
        facts.guessedTaskType === 'binary'
          ? this.#guessPositive(facts.classes.map((c) => c.value))
          : undefined;
      this.metricName = METRICS[this.taskType][0]!.name;
      this.metricTarget = this.taskType === 'regression' ? 0 : 0.8;
    }
  }

  setTaskType(task: TaskType): void {
    this.taskType = task;
    if (!METRICS[task].some((m) => m.name === this.metricName)) this.metricName = METRICS[task][0]!.name;
  }

  /** Saves the problem card as the project's next version. */
  async saveProblem(): Promise<boolean> {
    const dataset = this.#session.dataset;
    const facts = this.analysis?.target;
    if (!dataset || !facts || !this.target) {
      this.problemErrors = ['target: choose the column to predict.'];
      return false;
    }
    const card: ProblemCard = {
      datasetId: dataset.id,
      datasetSha256: dataset.sha256,
      target: this.target,
      taskType: this.taskType,
      guessedTaskType: facts.guessedTaskType,
      metric: { name: this.metricName, target: Number(this.metricTarget) },
      usage: this.usage,
      costNote: this.costNote.trim(),
      excludedRows: facts.missing,
      warnings: facts.warnings.map((w) => w.message),
    };
    if (this.taskType === 'binary') card.positiveClass = this.positiveClass;
    const errors = validateProblemCard(
      card,
      dataset.columns.map((c) => c.name),
      facts.classes.map((c) => c.value),
    );
    this.problemErrors = errors;
    if (errors.length > 0) return false;
    this.problem = await this.#session.storage.saveProblem({
      projectId: dataset.projectId,
      datasetId: dataset.id,
      card: card as unknown as Record<string, unknown>,
    });
    if (this.split.method === 'random' && this.taskType !== 'regression')
      this.split = { ...this.split, stratifyBy: this.target };
    return true;
  }

  accept(suggestion: Suggestion): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const ids = new Set(this.steps.map((s) => s.id));
    this.steps = [...this.steps, ...suggestion.steps.filter((s) => !ids.has(s.id))];
    this.preview = null;
  }

  addStep(step: RecipeStep): void {
    this.steps = [...this.steps, step];
    this.preview = null;
  }

  removeStep(id: string): void {
    this.steps = this.steps.filter((s) => s.id !== id);
    this.preview = null;
  }

  /** Runs the split and the recipe in the worker and shows each step's before and after counts. */
  async runPreview(): Promise<void> {
    const datasetId = this.#datasetId;
    if (!datasetId) return;
    this.previewing = { status: 'running' };
    try {
      this.preview = await dataWorker.call('prepareDataset', [
        datasetId,
        { steps: $state.snapshot(this.steps) as RecipeStep[] },
        $state.snapshot(this.split) as SplitRequest,
      ]);
      this.previewing = { status: 'done' };
    } catch (error) {
      this.previewing = { status: 'error', error: String(error instanceof Error ? error.message : error) };
    }
  }

  /** Saves the recipe and the sealed split as the project's next recipe version. */
  async saveRecipe(): Promise<void> {
    const dataset = this.#session.dataset;
    if (!dataset) return;
    if (!this.preview) await this.runPreview();
    const preview = this.preview;
    if (!preview) return;
    this.recipe = await this.#session.storage.saveRecipe({
      projectId: dataset.projectId,
      datasetId: dataset.id,
      steps: $state.snapshot(this.steps) as unknown as Record<string, unknown>[],
      hash: preview.recipeHash,
      split: {
        ...preview.split,
        request: $state.snapshot(this.split),
        kept: preview.kept,
      } as unknown as Record<string, unknown>,
    });
  }

  async showDropped(stepId: string): Promise<void> {
    const report = this.preview?.reports.find((r) => r.stepId === stepId);
    const datasetId = this.#datasetId;
    if (!report || !datasetId) return;
    const ids = report.droppedRowIds.slice(0, 200);
    const { names, rows } = await dataWorker.call('viewRows', [datasetId, ids]);
    this.dropped = { stepId, names, rows, rowIds: ids, total: report.droppedCount };
  }

  /** The class that reads as "the event": Yes, 1, true, >50K... else the rarer one. */
  #guessPositive(classes: string[]): string | undefined {
    const positive = classes.find(
      (c) => /^(yes|y|true|1|positive|pos)$/i.test(c.trim()) || /^>/.test(c.trim()),
    );
    return positive ?? classes.at(-1);
  }
}
