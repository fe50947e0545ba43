import type { ModelArtifact } from '../src/core/models/model-artifact.ts';
import type { BackendReport } from '../src/core/compute/backend-policy.ts';
import type { ReproduceSummary, TrainEvent } from '../src/core/experiment/index.ts';
import { pipelineVersion } from '../src/core/features/index.ts';
import type { ModelParams } from '../src/core/models/model-params.ts';
import type { MetricName } from '../src/core/problem/problem-card.ts';
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
      (original.artifact as unknown as ModelArtifact | undefined)?.members,
    );
    const finished: RunRecord = {
      ...run,
      status: 'finished',
      finishedAt: Date.now(),
      history: result.history.map((h) => ({ ...h })),
      metrics: result.validation,
      score: original.score ?? NaN,
      bestEpoch: result.bestEpoch,
      durationMs: performance.now() - started,
      artifact: result.artifact as unknown as Record<string, unknown>,
      pipeline: data.fitted as unknown as Record<string, unknown>,
      recipeFitted: data.recipeFitted as unknown as Record<string, unknown>,
    };
    const diffs = Object.keys(original.metrics).map((k) =>
      Math.abs((finished.metrics[k] ?? NaN) - original.metrics[k]!),
    );
    const identical = Object.keys(original.metrics).every((k) =>
      Object.is(finished.metrics[k], original.metrics[k]),
    );
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
