/**
 * The Evaluate stage: a run's predictions on its validation or sealed test rows (from the train worker), and
 * what the page derives from them: the threshold's confusion matrix and rates, ROC, precision–recall and
 * calibration curves, or residuals. Moving the threshold re-counts in one pass over the rows.
 */
import { backendRequestFrom } from '../core/compute/backend-policy.ts';
import {
  calibrationCurve,
  confusionMatrix,
  precisionRecallCurve,
  predictedClasses,
  rocCurve,
  thresholdSummary,
} from '../core/metrics/index.ts';
import { createRng } from '../core/random.ts';
import type { RunEvaluation } from '../../workers/evaluate-run.ts';
import type { AppState } from './app-state.svelte.ts';
import { trainWorker } from './workers.ts';

type Evaluation = RunEvaluation;

/** Residual plots draw at most this many points (a seeded sample): more is ink, not information. */
const MAX_POINTS = 2000;

export class EvalState {
  readonly #app: AppState;
  runId = $state<string | null>(null);
  set = $state<'validation' | 'test'>('validation');
  threshold = $state(0.5);
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  error = $state('');
  result = $state.raw<Evaluation | null>(null);

  constructor(app: AppState) {
    this.#app = app;
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

  async evaluate(): Promise<void> {
    if (!this.runId) return;
    this.status = 'running';
    this.error = '';
    try {
      const request = backendRequestFrom(this.#app.backendChoice, this.#app.allowSoftware);
      this.result = await trainWorker.call('evaluateRun', [this.runId, this.set, request]);
      this.status = 'done';
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
    const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
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
