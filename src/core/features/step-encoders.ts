import { fitBoolean, booleanApplier, booleanOutputNames } from './boolean-encoder.ts';
import { fitDatetime, datetimeApplier, datetimeOutputNames } from './datetime-encoder.ts';
import type { FeatureTransform } from './feature-spec.ts';
import type { FittedStep } from './fitted-pipeline.ts';
import { fitFrequency, frequencyApplier, frequencyOutputNames } from './frequency-encoder.ts';
import { fitNumeric, numericApplier, numericOutputNames } from './numeric-encoder.ts';
import { fitOnehot, onehotApplier, onehotOutputNames } from './onehot-encoder.ts';
import { fitOrdinal, ordinalApplier, ordinalOutputNames } from './ordinal-encoder.ts';
import type { Applier } from './applier.ts';
import type { Cells } from './read-cell.ts';
import { fitTfidf, tfidfApplier, tfidfOutputNames } from './tfidf-encoder.ts';

/**
 * The dispatch from a transform kind to its encoder (one file per kind: `fit*` learns from training cells,
 * `*Applier` writes output columns, `*OutputNames` names them). Fitting and transforming both go through here,
 * so no kind can be fitted one way and replayed another.
 */

/** Learns one transform's parameters from the first `rows` training cells of its column. */
export function fitStep(transform: FeatureTransform, cells: Cells, rows: number): FittedStep {
  switch (transform.kind) {
    case 'numeric':
      return fitNumeric(transform, cells, rows);
    case 'onehot':
      return fitOnehot(transform, cells, rows);
    case 'ordinal':
      return fitOrdinal(transform, cells, rows);
    case 'frequency':
      return fitFrequency(transform, cells, rows);
    case 'datetime':
      return fitDatetime(transform, cells, rows);
    case 'tfidf':
      return fitTfidf(transform, cells, rows);
    case 'boolean':
      return fitBoolean(transform, cells, rows);
    case 'drop':
      return { kind: 'drop', column: transform.column };
  }
}

// Appliers by step object. Real-time serving transforms one row per call with the same fitted pipeline, so the
// lookup tables (a 200-term vocabulary, thousands of frequency values) are built once, not on every request.
// A fitted pipeline is data that is never edited in place, so a step's applier never goes stale.
const appliers = new WeakMap<FittedStep, Applier>();

/**
 * The function that writes one step's output columns, with its lookup tables built (once per step object).
 * Appliers keep scratch buffers that are clean between calls, so they may be reused but not run concurrently,
 * which single-threaded JavaScript guarantees.
 */
export function stepApplier(step: FittedStep): Applier {
  let applier = appliers.get(step);
  if (applier === undefined) {
    applier = makeApplier(step);
    appliers.set(step, applier);
  }
  return applier;
}

function makeApplier(step: FittedStep): Applier {
  switch (step.kind) {
    case 'numeric':
      return numericApplier(step);
    case 'onehot':
      return onehotApplier(step);
    case 'ordinal':
      return ordinalApplier(step);
    case 'frequency':
      return frequencyApplier(step);
    case 'datetime':
      return datetimeApplier(step);
    case 'tfidf':
      return tfidfApplier(step);
    case 'boolean':
      return booleanApplier(step);
    case 'drop':
      return () => {};
  }
}

/** The names of one step's output columns, before they are made unique across the pipeline. */
export function stepOutputNames(step: FittedStep): string[] {
  switch (step.kind) {
    case 'numeric':
      return numericOutputNames(step);
    case 'onehot':
      return onehotOutputNames(step);
    case 'ordinal':
      return ordinalOutputNames(step);
    case 'frequency':
      return frequencyOutputNames(step);
    case 'datetime':
      return datetimeOutputNames(step);
    case 'tfidf':
      return tfidfOutputNames(step);
    case 'boolean':
      return booleanOutputNames(step);
    case 'drop':
      return [];
  }
}

/** How many output columns a step writes: `stepOutputNames(step).length`, without building the names. */
export function stepWidth(step: FittedStep): number {
  const indicator = 'missingIndicator' in step && step.missingIndicator ? 1 : 0;
  switch (step.kind) {
    case 'numeric':
      return (step.edges === null ? 1 : step.edges.length + 1) + indicator;
    case 'onehot':
      return step.categories.length + 1 + indicator;
    case 'ordinal':
    case 'frequency':
      return 1;
    case 'datetime':
      return step.parts.length + indicator;
    case 'tfidf':
      return step.vocabulary.length;
    case 'boolean':
      return 1 + indicator;
    case 'drop':
      return 0;
  }
}
