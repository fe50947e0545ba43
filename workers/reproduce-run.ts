import type { ModelArtifact } from '../src/core/models/model-artifact.ts';
import type { BackendReport } from '../src/core/compute/backend-policy.ts';
import type { ReproduceSummary, TrainEvent } from '../src/core/experiment/index.ts';
import { pipelineVersion } from '../src/core/features/index.ts';
import type { ModelParams } from '../src/core/models/model-params.ts';
import { evaluateOutput } from '../src/core/models/evaluate-output.ts';
import type { MetricName, TaskType } from '../src/core/problem/problem-card.ts';
import { predictNetwork } from '../src/ml/predict-network.ts';
import { RECORD_SCHEMA_VERSION, type RunRecord } from '../src/core/records.ts';
import { retrainRun } from '../src/ml/retrain-run.ts';
import { runLockName } from '../src/storage/runs.ts';
import { runData } from './run-data.ts';
import { environment, holdLock, lineageOf } from './run-experiment.ts';
import { workerStorage } from './worker-storage.ts';

/**
 * Reruns a run from its record alone: the same problem, recipe and split versions, the same feature spec,
 * params and seed, for the same number of epochs. The rerun is stored as a new run that names the original,
 * and compared metric by metric.
 */
export async function reproduceRun(
  runId: string,
  sweepId: string,
  backend: BackendReport,
  emit: (event: TrainEvent) => void,
): Promise<ReproduceSummary> {
  const storage = await workerStorage();
  const original = await storage.getRun(runId);
  if (!original) throw new Error('That run is no longer stored.');
  if (original.status !== 'finished' || !original.lineage || !original.pipeline)
    throw new Error(`Only a finished run can be reproduced; this one is ${original.status}.`);
  emit({
    type: 'phase',
    phase: 'loading',
    message: 'Loading the run’s dataset, problem and recipe versions…',
  });
  emit({ type: 'phase', phase: 'preparing', message: 'Rebuilding the split and the features…' });
  const { inputs, data } = await runData(original);
  if (pipelineVersion(data.fitted) !== original.lineage.pipelineVersion)
    throw new Error('The rebuilt feature pipeline differs from the run’s: its inputs changed.');
  const params = original.params as unknown as ModelParams;
  if (original.cv && !params.refit)
    throw new Error(
      'This candidate was scored by cross-validation and keeps one fold’s model; rerun the chosen, refit run of its search.',
    );
  const originalArtifact = original.artifact as unknown as ModelArtifact | undefined;
  const metric = (original.metric ?? inputs.card.metric.name) as MetricName;
  const run: RunRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    projectId: original.projectId,
    createdAt: Date.now(),
    status: 'running',
    name: `${original.name ?? 'run'} (rerun)`,
    sweepId,
    params: { ...original.params },
    seed: original.seed,
    history: [],
    metrics: {},
    environment: environment(backend),
    lineage: {
      ...lineageOf(inputs, data),
      // A retrained run's rerun trains on the same appended batches.
      ...(original.lineage.appended ? { appended: original.lineage.appended } : {}),
      ...(original.lineage.selection ? { selection: original.lineage.selection } : {}),
    },
    metric,
    reproducesRunId: original.id,
  };
  const release = await holdLock(runLockName(run.id));
  try {
    await storage.putRunProgress(run);
    emit({
      type: 'trial-start',
      runId: run.id,
      trial: 0,
      name: run.name!,
      params,
      maxEpochs: original.history.length,
    });
    emit({ type: 'phase', phase: 'training', message: 'Training…' });
    const started = performance.now();
    const result = await retrainRun(
      {
        task: inputs.card.taskType,
        classes: data.classes,
        cols: data.cols,
        train: data.train,
        validation: data.validation,
      },
      params,
      original.seed,
      params.refit ? params.epochs : original.history.length,
      metric,
      (record) => emit({ type: 'epoch', runId: run.id, trial: 0, record }),
      originalArtifact?.members,
    );
    // The decision threshold was chosen on the search's out-of-fold predictions, not by training.
    const artifact: ModelArtifact =
      originalArtifact?.threshold !== undefined
        ? { ...result.artifact, threshold: originalArtifact.threshold }
        : result.artifact;
    // A refit run's metrics are its out-of-fold ones, which a single training cannot give again; the
    // models are compared instead, by what both predict for the validation rows.
    const metrics =
      params.refit && originalArtifact
        ? await validationMetrics(artifact, data, inputs.card.taskType)
        : result.validation;
    const reference =
      params.refit && originalArtifact
        ? await validationMetrics(originalArtifact, data, inputs.card.taskType)
        : original.metrics;
    const finished: RunRecord = {
      ...run,
      status: 'finished',
      finishedAt: Date.now(),
      history: result.history.map((h) => ({ ...h })),
      metrics,
      score: original.score ?? NaN,
      ...(original.cv ? { cv: original.cv } : {}),
      bestEpoch: result.bestEpoch,
      durationMs: performance.now() - started,
      artifact: artifact as unknown as Record<string, unknown>,
      pipeline: data.fitted as unknown as Record<string, unknown>,
      recipeFitted: data.recipeFitted as unknown as Record<string, unknown>,
    };
    const diffs = Object.keys(reference).map((k) => Math.abs((finished.metrics[k] ?? NaN) - reference[k]!));
    const identical = Object.keys(reference).every((k) => Object.is(finished.metrics[k], reference[k]));
    await storage.finishRuns([finished], {
      projectId: run.projectId,
      kind: 'run-reproduced',
      message: `Reran ${original.name ?? 'a run'}: ${identical ? 'identical metrics' : 'metrics differ'}`,
      data: { runId: run.id, originalId: original.id, identical },
    });
    return {
      runId: run.id,
      identical,
      maxAbsDiff: diffs.reduce((m, d) => (Number.isNaN(d) ? m : Math.max(m, d)), 0),
      backend: backend.backend,
      originalBackend: String(original.environment.backend ?? ''),
    };
  } finally {
    release();
  }
}

/** Every metric of a model's predictions for the validation rows, by the serving path's arithmetic. */
async function validationMetrics(
  artifact: ModelArtifact,
  data: Awaited<ReturnType<typeof runData>>['data'],
  task: TaskType,
): Promise<Record<string, number>> {
  const output = await predictNetwork(artifact, data.validation.x, data.validation.rows);
  return evaluateOutput(task, output, data.validation.y);
}
