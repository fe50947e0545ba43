import type { EnsembleMember, ModelArtifact } from './model-artifact.ts';
import type { ModelParams } from './model-params.ts';
import type { TrainingData } from './training-data.ts';

/**
 * An ensemble as a model artifact: no weights of its own, its members with theirs. Shaped like the
 * networks' artifacts (one output for binary and regression, K for multiclass) so every consumer that reads
 * `outputDim` and `classes` reads an ensemble the same way.
 */
export function ensembleArtifact(
  data: Pick<TrainingData, 'task' | 'classes' | 'cols'>,
  params: ModelParams,
  members: EnsembleMember[],
): ModelArtifact {
  return {
    format: 'looplab-model@1',
    task: data.task,
    params,
    inputDim: data.cols,
    outputDim: data.task === 'multiclass' ? data.classes : 1,
    classes: data.task === 'regression' ? 0 : data.classes,
    weights: [],
    members,
  };
}
