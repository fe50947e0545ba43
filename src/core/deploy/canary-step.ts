import type { CanaryObservation } from './canary-gates.ts';
import { LatencyTracker } from './latency-tracker.ts';
import {
  realisedMetric,
  type LabelledOutput,
  type MetricContext,
  type ServedOutput,
} from './realised-metric.ts';

/** Labelled challenger requests needed before the realised metric counts as a gate. */
export const MIN_LABELS_FOR_METRIC = 50;

/**
 * The step judges the challenger's latest requests: p95 over its last 2,000 latencies (as the real-time
 * tracker does) and the realised metric over its last 2,000 labelled answers. A step that runs for hours
 * then holds a fixed amount of memory (the soak bench measured the heap growing with every request while
 * both lists were unbounded), and 2,000 labels put a ROC AUC within about ±0.01.
 */
export const STEP_WINDOW = 2000;

/** One request the challenger served during a canary step. */
export interface ChallengerRequest {
  latencyMs: number;
  /** The challenger failed to answer (the champion answered instead). */
  error: boolean;
  /** Whether its decision equals the champion's for the same input; undefined when either did not answer. */
  agrees?: boolean;
  output?: ServedOutput;
  /** The true label, when the request came with one. */
  truth?: string;
}

/**
 * What one canary step has seen of the challenger: request and error counts, the exact p95 of its
 * latencies, the share of requests where it decided as the champion did, and the realised metric once
 * enough labelled requests arrived. Reset at every step, so each gate judges the current share only.
 */
export class CanaryStepStats {
  #requests = 0;
  #errors = 0;
  #compared = 0;
  #agreed = 0;
  readonly #latency = new LatencyTracker(STEP_WINDOW);
  readonly #labelled: LabelledOutput[] = [];
  #labels = 0;

  constructor(readonly metric: MetricContext) {}

  record(request: ChallengerRequest): void {
    this.#requests++;
    if (request.error) {
      this.#errors++;
      return;
    }
    this.#latency.record(request.latencyMs);
    if (request.agrees !== undefined) {
      this.#compared++;
      if (request.agrees) this.#agreed++;
    }
    if (request.truth !== undefined && request.output) {
      const labelled = { output: request.output, truth: request.truth };
      if (this.#labelled.length < STEP_WINDOW) this.#labelled.push(labelled);
      else this.#labelled[this.#labels % STEP_WINDOW] = labelled;
      this.#labels++;
    }
  }

  observation(): CanaryObservation & { labelled: number } {
    const observed: CanaryObservation & { labelled: number } = {
      requests: this.#requests,
      errors: this.#errors,
      p95Ms: this.#latency.count ? this.#latency.percentiles().p95 : 0,
      agreement: this.#compared ? this.#agreed / this.#compared : 1,
      labelled: this.#labels,
    };
    if (this.#labelled.length >= MIN_LABELS_FOR_METRIC) {
      const realised = realisedMetric(this.metric, this.#labelled).value;
      if (realised !== undefined) observed.realisedMetric = realised;
    }
    return observed;
  }
}

/** Whether two answers are the same decision: the same label, or regression values within 1% of each other. */
export function sameDecision(a: ServedOutput, b: ServedOutput): boolean {
  if (a.label !== undefined || b.label !== undefined) return a.label === b.label;
  if (a.value === undefined || b.value === undefined) return false;
  return Math.abs(a.value - b.value) <= 0.01 * Math.max(Math.abs(a.value), Math.abs(b.value), 1e-12);
}
