import type { TaskType } from '../problem/problem-card.ts';
import type { ModelArtifact } from './model-artifact.ts';
import { DEFAULT_PARAMS } from './model-params.ts';

/**
 * The floor every model must beat (LIFECYCLE §4): the training class shares, so the majority class is
 * predicted with the prior probabilities as scores, like sklearn's DummyClassifier(strategy='prior'); or the
 * training mean, like DummyRegressor. Rows whose target is NaN (missing) are ignored.
 */
export function fitBaseline(
  task: TaskType,
  y: ArrayLike<number>,
  classes: number,
  inputDim: number,
): ModelArtifact {
  let prior: number[];
  if (task === 'regression') {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < y.length; i++) {
      if (Number.isNaN(y[i]!)) continue;
      sum += y[i]!;
      n++;
    }
    prior = [n ? sum / n : 0];
  } else {
    const counts = new Array<number>(classes).fill(0);
    let n = 0;
    for (let i = 0; i < y.length; i++) {
      const k = y[i]!;
      if (Number.isNaN(k)) continue;
      counts[k]!++;
      n++;
    }
    prior = counts.map((c) => (n ? c / n : 1 / classes));
  }
  return {
    format: 'looplab-model@1',
    task,
    params: { ...DEFAULT_PARAMS.baseline },
    inputDim,
    outputDim: task === 'regression' ? 1 : classes,
    classes: task === 'regression' ? 0 : classes,
    weights: [],
    prior,
  };
}
