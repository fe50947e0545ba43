/**
 * The Evaluate stage: a run's predictions on its validation or sealed test rows (from the train worker), and
 * what the page derives from them: the threshold's confusion matrix and rates, ROC, precision–recall and
 * calibration curves, or residuals. Moving the threshold re-counts in one pass over the rows.
 */
import { backendRequestFrom } from '../core/compute/backend-policy.ts';
import {
  calibrationCurve,
  confusionMatrix,
  higherIsBetter,
  precisionRecallCurve,
  predictedClasses,
  rocCurve,
  thresholdSummary,
} from '../core/metrics/index.ts';
// Modules, not the evaluate index: the corrected t-test's t distribution (stdlib) loads only when a
// comparison runs, so it stays out of the page's first load.
import type { ChallengerDecision } from '../core/evaluate/champion-challenger.ts';
import { fairnessReport } from '../core/evaluate/fairness.ts';
import { modelCardHtml, modelCardMarkdown } from '../core/evaluate/model-card.ts';
import type { ModelCardData } from '../core/evaluate/model-card-data.ts';
import type { ProbeReport } from '../core/evaluate/probes.ts';
import { segmentMetrics } from '../core/evaluate/segments.ts';
import { summarizeSeeds } from '../core/evaluate/stability.ts';
import type { ProblemCard } from '../core/problem/problem-card.ts';
import { safeCsvCell } from '../core/deploy/safe-csv-cell.ts';
import { createRng } from '../core/random.ts';
import type { SeedResult } from '../../workers/validate-run.ts';
import type { RunEvaluation } from '../../workers/evaluate-run.ts';
import type { ProjectSession } from './project-session.svelte.ts';
import { trainWorker } from './workers.ts';

type Evaluation = RunEvaluation;

/** Whether a metric improves upwards; unknown names count as higher-is-better. */
function higherIsBetterOr(metric: string): boolean {
  try {
    return higherIsBetter(metric);
  } catch {
    return true;
  }
}

/** Residual plots draw at most this many points (a seeded sample): more is ink, not information. */
const MAX_POINTS = 2000;

export class EvalState {
  readonly #session: ProjectSession;
  runId = $state<string | null>(null);
  set = $state<'validation' | 'test'>('validation');
  threshold = $state(0.5);
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  error = $state('');
  result = $state.raw<Evaluation | null>(null);

  constructor(session: ProjectSession) {
    this.#session = session;
  }

  /** P(positive) per row, for binary tasks. */
  scores = $derived.by(() => {
    const r = this.result;
    if (!r || r.output.kind !== 'proba' || r.task !== 'binary') return null;
    return Float64Array.from({ length: r.rows }, (_, i) => r.output.values[2 * i + 1]!);
  });

  summary = $derived(
    this.scores && this.result ? thresholdSummary(this.result.y, this.scores, this.threshold) : null,
  );

  curves = $derived.by(() => {
    const r = this.result;
    const s = this.scores;
    if (!r || !s) return null;
    return {
      roc: rocCurve(r.y, s, { dropIntermediate: true }),
      pr: precisionRecallCurve(r.y, s),
      calibration: calibrationCurve(r.y, s, 10),
    };
  });

  /** Multiclass confusion matrix (rows true, columns predicted). */
  confusion = $derived.by(() => {
    const r = this.result;
    if (!r || r.output.kind !== 'proba' || r.task !== 'multiclass') return null;
    const predicted = predictedClasses({ proba: r.output.values, classes: r.output.classes }, 'multiclass');
    return confusionMatrix(r.y, predicted, r.output.classes);
  });

  /** Regression: (prediction, residual) and (actual, prediction) points, sampled. */
  residuals = $derived.by(() => {
    const r = this.result;
    if (!r || r.output.kind !== 'value') return null;
    const rows = Array.from({ length: r.rows }, (_, i) => i);
    const picked = rows.length > MAX_POINTS ? createRng(1).shuffle(rows).slice(0, MAX_POINTS) : rows;
    const values = r.output.values;
    return {
      residual: picked.map((i): [number, number] => [values[i]!, r.y[i]! - values[i]!]),
      fit: picked.map((i): [number, number] => [r.y[i]!, values[i]!]),
    };
  });

  segmentColumn = $state<string | null>(null);
  sensitiveColumn = $state<string | null>(null);
  probes = $state.raw<{
    status: 'idle' | 'running' | 'done' | 'error';
    reports: ProbeReport[];
    error?: string;
  }>({
    status: 'idle',
    reports: [],
  });
  seeds = $state(3);
  stability = $state.raw<{
    status: 'idle' | 'running' | 'done' | 'error';
    done: number;
    total: number;
    runId?: string;
    seeds: SeedResult[];
    testTrainRatio?: number;
    error?: string;
  }>({ status: 'idle', done: 0, total: 0, seeds: [] });
  championId = $state<string | null>(null);
  minImprovement = $state(0);
  compareError = $state('');
  decision = $state.raw<(ChallengerDecision & { champion: number; challenger: number }) | null>(null);

  segmentReport = $derived.by(() => {
    const r = this.result;
    const column = r?.columns.find((c) => c.name === this.segmentColumn) ?? r?.columns[0];
    if (!r || !column) return null;
    return segmentMetrics({
      task: r.task,
      yTrue: r.y,
      output: r.output,
      column,
      metric: r.metric,
      threshold: this.threshold,
    });
  });

  fairness = $derived.by(() => {
    const r = this.result;
    if (!r || r.task !== 'binary') return null;
    const column = r.columns.find((c) => c.name === this.sensitiveColumn);
    if (!column) return null;
    return fairnessReport({ yTrue: r.y, output: r.output, column, threshold: this.threshold });
  });

  stabilitySummary = $derived(
    this.stability.seeds.length
      ? {
          validation: summarizeSeeds(this.stability.seeds.map((s) => s.validation)),
          test: summarizeSeeds(this.stability.seeds.map((s) => s.test)),
        }
      : null,
  );

  async runProbes(): Promise<void> {
    if (!this.runId) return;
    this.probes = { status: 'running', reports: [] };
    try {
      const reports = await trainWorker.call('probeRun', [this.runId, this.#backend()]);
      this.probes = { status: 'done', reports };
    } catch (error) {
      this.probes = {
        status: 'error',
        reports: [],
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async runStability(runId = this.runId): Promise<SeedResult[]> {
    if (!runId) return [];
    this.stability = { status: 'running', done: 0, total: this.seeds, runId, seeds: [] };
    try {
      const result = await trainWorker.call('stabilityRun', [
        runId,
        this.seeds,
        this.#backend(),
        (done: number, total: number) => (this.stability = { ...this.stability, done, total }),
      ]);
      this.stability = { status: 'done', done: this.seeds, total: this.seeds, runId, ...result };
      return result.seeds;
    } catch (error) {
      this.stability = {
        ...this.stability,
        status: 'error',
        error: error instanceof Error ? error.message : String(error),
      };
      return [];
    }
  }

  /**
   * Champion (the chosen run) against challenger (the evaluated run) on the same sealed test rows: the
   * card's bar, the minimum improvement, and, when both have per-seed test scores from a stability check
   * with the same K, the corrected paired t-test.
   */
  async compare(): Promise<void> {
    const r = this.result;
    const card = this.#session.work.problem?.card as ProblemCard | undefined;
    if (!r || !this.championId || !card) {
      this.compareError = 'Choose a champion run, and save a problem card: its metric target is the bar.';
      return;
    }
    this.compareError = '';
    try {
      await this.#compare(r, card);
    } catch (error) {
      this.compareError = error instanceof Error ? error.message : String(error);
    }
  }

  async #compare(r: Evaluation, card: ProblemCard): Promise<void> {
    const request = this.#backend();
    const championId = this.championId!;
    const [champion, challenger] = await Promise.all([
      trainWorker.call('evaluateRun', [championId, 'test', request]),
      r.set === 'test' ? Promise.resolve(r) : trainWorker.call('evaluateRun', [r.runId, 'test', request]),
    ]);
    const metric = r.metric;
    const higher = higherIsBetterOr(metric);
    let paired: Parameters<typeof compareChallenger>[0]['paired'];
    if (this.stability.runId === r.runId && this.stability.seeds.length >= 2) {
      const challengerSeeds = this.stability.seeds;
      const championSeeds = await this.runStability(championId);
      this.stability = { ...this.stability, runId: r.runId, seeds: challengerSeeds };
      paired = {
        champion: championSeeds.map((s) => s.test[metric] ?? NaN),
        challenger: challengerSeeds.map((s) => s.test[metric] ?? NaN),
        testTrainRatio: this.stability.testTrainRatio ?? 0,
      };
    }
    const { compareChallenger } = await import('../core/evaluate/champion-challenger.ts');
    const decision = compareChallenger({
      metric,
      higherIsBetter: higher,
      champion: champion.metrics[metric] ?? NaN,
      challenger: challenger.metrics[metric] ?? NaN,
      absoluteBar: card.metric.target,
      ...(this.minImprovement > 0 ? { minImprovement: { absolute: this.minImprovement } } : {}),
      ...(paired ? { paired } : {}),
    });
    this.decision = {
      ...decision,
      champion: champion.metrics[metric] ?? NaN,
      challenger: challenger.metrics[metric] ?? NaN,
    };
  }

  /** The model card of the evaluated run, from its record, the problem card and the reports on screen. */
  modelCard(format: 'md' | 'html'): string {
    const r = this.result;
    const work = this.#session.work;
    const card = work.problem?.card as ProblemCard | undefined;
    const run = this.#session.train.runs.find((x) => x.id === r?.runId);
    const dataset = this.#session.dataset;
    if (!r || !card || !run || !dataset) return '';
    const split = work.recipe?.split as { request?: { method: string; seed: number } } | undefined;
    const data: ModelCardData = {
      problem: {
        target: card.target,
        task: card.taskType,
        metric: card.metric.name,
        higherIsBetter: higherIsBetterOr(card.metric.name),
        bar: card.metric.target,
        ...(card.positiveClass ? { positiveClass: card.positiveClass } : {}),
        usage: card.usage,
        costNote: card.costNote,
      },
      data: {
        datasetName: dataset.name,
        sha256: dataset.sha256,
        rows: { ...(run.lineage?.rows ?? {}) },
        recipe: { version: run.lineage?.recipeVersion ?? '', hash: run.lineage?.recipeHash ?? '' },
        pipelineVersion: run.lineage?.pipelineVersion ?? '',
        split: { method: split?.request?.method ?? 'random', seed: Number(split?.request?.seed ?? 0) },
      },
      model: {
        family: String(run.params.family ?? ''),
        params: run.params,
        seed: run.seed,
        backend: String(run.environment.backend ?? ''),
        commit: String(run.environment.commit ?? ''),
      },
      metrics: {
        validation: run.metrics,
        ...(run.test ? { test: run.test } : r.set === 'test' ? { test: r.metrics } : {}),
      },
      segments: this.segmentReport ? [this.segmentReport] : [],
      ...(this.fairness ? { fairness: this.fairness } : {}),
      ...(this.stabilitySummary && this.stability.runId === r.runId
        ? { stability: this.stabilitySummary.test }
        : {}),
      probes: this.probes.reports,
      limitations: [
        `Evaluated on ${r.rows} ${r.set} rows of one ${split?.request?.method ?? 'random'} split; the figures carry that sampling error.`,
        ...(this.segmentReport?.segments
          .filter((s) => s.flagged)
          .map((s) => `Weak segment: ${this.segmentReport!.column} = ${s.label}.`) ?? []),
        ...(this.fairness?.flags.map((f) => f.message) ?? []),
        ...(this.probes.status === 'done' ? [] : ['Edge-case probes were not run.']),
      ],
      // A timestamp, not state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      generatedAt: new Date().toISOString(),
    };
    return format === 'md' ? modelCardMarkdown(data) : modelCardHtml(data);
  }

  #backend() {
    return backendRequestFrom(this.#session.backendChoice, this.#session.allowSoftware);
  }

  async evaluate(): Promise<void> {
    if (!this.runId) return;
    this.status = 'running';
    this.error = '';
    try {
      this.result = await trainWorker.call('evaluateRun', [this.runId, this.set, this.#backend()]);
      // A model whose threshold the search chose (F1-type metrics) is shown at that threshold.
      const chosen = this.result.output.kind === 'proba' ? this.result.output.threshold : undefined;
      if (chosen !== undefined) this.threshold = chosen;
      this.probes = { status: 'idle', reports: [] };
      this.decision = null;
      this.status = 'done';
      // Edge-case probes run on every evaluation (LIFECYCLE §5): a model that answers NaN is not finished.
      void this.runProbes();
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** The predictions as CSV: the file's row number, the truth, and the prediction (and P(positive)). */
  predictionsCsv(): string {
    const r = this.result;
    if (!r) return '';
    const name = (k: number) => r.classNames[k] ?? String(k);
    // Class names come from the user's file: a name like "=cmd" must not run as a spreadsheet formula.
    const quote = (text: string) => safeCsvCell(text);
    const lines: string[] = [];
    if (r.output.kind === 'value') {
      lines.push('row,actual,predicted');
      for (let i = 0; i < r.rows; i++) lines.push(`${r.rowIds[i]},${r.y[i]},${r.output.values[i]}`);
    } else {
      const k = r.output.classes;
      lines.push(['row', 'actual', 'predicted', ...r.classNames.map((c) => `p(${c})`)].map(quote).join(','));
      for (let i = 0; i < r.rows; i++) {
        const p = r.output.values.subarray(i * k, (i + 1) * k);
        const best = r.task === 'binary' ? (p[1]! >= this.threshold ? 1 : 0) : p.indexOf(Math.max(...p));
        lines.push(
          [String(r.rowIds[i]), quote(name(r.y[i]!)), quote(name(best)), ...Array.from(p, String)].join(','),
        );
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
