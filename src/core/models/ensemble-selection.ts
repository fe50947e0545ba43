import type { ModelOutput } from './model-output.ts';

export interface EnsembleSelection {
  /** Per candidate, its weight: picks over rounds (0 for the unpicked). Sums to 1. */
  weights: number[];
  /** The score of the weighted average on the rows selection ran on. */
  score: number;
}

/**
 * Greedy ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew & Ksikes 2004; what
 * auto-sklearn and AutoGluon build their ensembles with): start from the best single candidate, then, for
 * `rounds` rounds, add whichever candidate (again, if it helps most) makes the running average of
 * predictions score best. A candidate's weight is how often it was picked.
 *
 * Run on out-of-fold predictions, so no model is scored on rows it trained on. Ties go to the earlier
 * candidate, so the result is deterministic.
 *
 * @param outputs Each candidate's predictions for the same rows (probabilities or values).
 * @param score Higher is better.
 * @example
 * greedyEnsemble([a, b], y, score, 10).weights; // e.g. [0.7, 0.3]
 */
export function greedyEnsemble(
  outputs: readonly ModelOutput[],
  y: ArrayLike<number>,
  score: (output: ModelOutput, y: ArrayLike<number>) => number,
  rounds = 25,
): EnsembleSelection {
  if (outputs.length === 0) throw new RangeError('greedyEnsemble needs at least one candidate.');
  const size = outputs[0]!.values.length;
  const picks = new Array<number>(outputs.length).fill(0);
  const sum = new Float64Array(size);
  const trial = new Float64Array(size);
  const shape = (values: Float64Array): ModelOutput =>
    outputs[0]!.kind === 'value'
      ? { kind: 'value', values }
      : { kind: 'proba', classes: (outputs[0] as { classes: number }).classes, values };
  let best = -Infinity;
  for (let round = 0, n = 0; round < rounds; round++, n++) {
    let pick = -1;
    let pickScore = -Infinity;
    for (let c = 0; c < outputs.length; c++) {
      const values = outputs[c]!.values;
      for (let i = 0; i < size; i++) trial[i] = (sum[i]! + values[i]!) / (n + 1);
      const s = score(shape(trial), y);
      if (s > pickScore) {
        pickScore = s;
        pick = c;
      }
    }
    if (pick < 0) break;
    const values = outputs[pick]!.values;
    for (let i = 0; i < size; i++) sum[i]! += values[i]!;
    picks[pick]!++;
    best = pickScore;
  }
  const total = picks.reduce((a, b) => a + b, 0);
  return { weights: picks.map((p) => p / total), score: best };
}
