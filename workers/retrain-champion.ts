/**
 * The retrain loop in the app (LIFECYCLE §8), in the train worker: the champion's bundle, its dataset and
 * saved split, and a new labelled dataset go through `runRetrainLoop`; every step lands on the timeline as it
 * finishes. A challenger is stored as a finished run and registered as a new version. If it is better it
 * becomes the `challenger` alias and is deployed in shadow or canary, in one transaction with its timeline
 * entry; otherwise the champion stays and an alert says why.
 *
 * While the challenger trains, its run is stored `running` with this worker holding the run's Web Lock, as
 * an experiment's runs are: a tab closed mid-retrain leaves it to be marked `interrupted` on the next open,
 * and a crash of this worker lets the page mark it at once (by `sweepId`). Aliases move only in the final
 * deployment transaction, so a retrain that dies after registering its version leaves them as they were.
 */
import type { BackendReport } from '../src/core/compute/backend-policy.ts';
import type { ModelBundle } from '../src/core/bundle/index.ts';
import { planChange } from '../src/core/deploy/index.ts';
import { RECORD_SCHEMA_VERSION, type BundleRecord, type RunRecord } from '../src/core/records.ts';
import type { RawTable } from '../src/core/table/raw-table.ts';
import type { RetrainStep } from '../src/core/retrain/index.ts';
import { challengerBundle, challengerRun } from '../src/core/retrain/challenger-records.ts';
import type { SplitRequest } from '../src/core/prepare/prepare-dataset.ts';
import { runRetrainLoop } from '../src/ml/retrain-loop.ts';
import { loadTable } from './load-table.ts';
import { datasetOfTable } from './table-dataset.ts';
import { testBarrier } from './test-hooks.ts';
import { runLockName } from '../src/storage/runs.ts';
import { environment, holdLock } from './run-experiment.ts';
import { workerStorage } from './worker-storage.ts';

export interface RetrainRequest {
  projectId: string;
  /**
   * The new labelled rows: a dataset of the project with the champion's columns, or the logged requests
   * since a time whose labels arrived (their inputs, with the label as the target).
   */
  batch: { kind: 'dataset'; datasetId: string } | { kind: 'log'; since: number };
  /** Configurations tried around the champion's besides its own (0: retrain its config only). */
  searchTrials: number;
  deployAs: 'shadow' | 'canary';
  /** Why the loop ran, for the timeline: "by hand", "drift alert", "schedule", "new labels". */
  trigger: string;
  seed?: number;
  maxEpochs?: number;
  /** Stored as the retrain run's sweepId, so the page can mark the run interrupted if this worker crashes. */
  sweepId?: string;
}

export interface RetrainSummary {
  action: 'promote' | 'keep';
  reason: string;
  steps: RetrainStep[];
  champion: { version: number; test?: Record<string, number> };
  challenger?: { version: number; runId: string; test: Record<string, number> };
  metric: string;
  deployedAs?: 'shadow' | 'canary';
}

export async function retrainChampion(
  request: RetrainRequest,
  backend: BackendReport,
  onStep?: (step: RetrainStep) => void,
): Promise<RetrainSummary> {
  const storage = await workerStorage();
  const { projectId } = request;
  const [aliases, versions] = await Promise.all([
    storage.listAliases(projectId),
    storage.listBundles(projectId),
  ]);
  const championId = aliases.find((a) => a.alias === 'champion')?.bundleId;
  const championRecord = versions.find((v) => v.id === championId);
  if (!championRecord) throw new Error('There is no champion to retrain: make a version the champion first.');
  const champion = championRecord.payload as unknown as ModelBundle;
  const recipe = await storage.getRecipe(champion.lineage.recipeId);
  const split = (recipe?.split as { request?: SplitRequest } | undefined)?.request;
  if (!recipe || !split) throw new Error("The champion's recipe and split are no longer stored.");
  // One at a time: the table cache holds one dataset, and the earlier batches are read after the base.
  const oldTable = await loadTable(champion.lineage.datasetId);
  const earlierBatches = await loadEarlierBatches(champion);
  const { batch, batchName, stored } = await loadBatch(projectId, champion, request.batch);
  const championRun = await storage.getRun(champion.lineage.runId);
  const timeline = (kind: string, message: string, data: Record<string, unknown>) =>
    storage.addTimelineEvent(projectId, kind, message, data);
  await timeline(
    'retrain-started',
    `Retraining v${championRecord.version} on ${batchName} (${request.trigger})`,
    {
      trigger: request.trigger,
      batch: request.batch,
      championBundleId: championRecord.id,
    },
  );
  const metric = champion.problem.metric.name;
  const runId = crypto.randomUUID();
  const running: RunRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: runId,
    projectId,
    createdAt: Date.now(),
    status: 'running',
    name: `retraining v${championRecord.version}`,
    sweepId: request.sweepId ?? runId,
    params: {},
    seed: request.seed ?? 42,
    history: [],
    metrics: {},
    environment: environment(backend),
    metric,
  };
  // The lock before the first write: a reader never sees the run `running` without it.
  const release = await holdLock(runLockName(runId));
  try {
    await storage.putRunProgress(running);
    await testBarrier('retrain:run-stored');
    return await retrainWithRun(request, backend, running, onStep, {
      storage,
      champion,
      championRecord,
      versions,
      oldTable,
      earlierBatches,
      split,
      batch,
      batchName,
      stored,
      championRun,
      timeline,
    });
  } catch (error) {
    // A failure inside the loop ends the run as failed with the reason; finishRuns leaves a run that
    // already ended (finished) alone.
    await storage
      .finishRuns([
        {
          ...running,
          status: 'failed',
          finishedAt: Date.now(),
          error: error instanceof Error ? error.message : String(error),
        },
      ])
      .catch(() => 0);
    throw error;
  } finally {
    release();
  }
}

type RetrainContext = {
  storage: Awaited<ReturnType<typeof workerStorage>>;
  champion: ModelBundle;
  championRecord: BundleRecord;
  versions: BundleRecord[];
  oldTable: RawTable;
  earlierBatches: RawTable[];
  split: SplitRequest;
  batch: RawTable;
  batchName: string;
  /** The batch's dataset when it is one already; a batch from the log is stored once a challenger is. */
  stored: { datasetId: string; datasetSha256: string } | null;
  championRun: RunRecord | undefined;
  timeline: (kind: string, message: string, data: Record<string, unknown>) => Promise<unknown>;
};

/** The loop and its writes, once the retrain run is stored `running`. */
async function retrainWithRun(
  request: RetrainRequest,
  backend: BackendReport,
  running: RunRecord,
  onStep: ((step: RetrainStep) => void) | undefined,
  context: RetrainContext,
): Promise<RetrainSummary> {
  const { storage, champion, championRecord, versions, oldTable, earlierBatches, split, batch } = context;
  const { batchName, championRun, timeline } = context;
  const { projectId } = request;
  let writes = Promise.resolve();
  const outcome = await runRetrainLoop(
    {
      champion,
      oldTable,
      earlierBatches,
      split,
      batch,
      seed: request.seed ?? 42,
      ...(championRun ? { championSeed: championRun.seed } : {}),
      ...(request.searchTrials > 0 ? { search: { trials: request.searchTrials, budgetMs: 120_000 } } : {}),
      ...(request.maxEpochs ? { maxEpochs: request.maxEpochs } : {}),
    },
    (step) => {
      onStep?.(step);
      writes = writes.then(() =>
        timeline('retrain-step', `Retrain ${step.step}: ${step.message}`, { ...step }).then(() => undefined),
      );
    },
  );
  await writes;
  const metric = running.metric!;
  const summary: RetrainSummary = {
    action: outcome.decision.action,
    reason: outcome.decision.reason,
    steps: outcome.steps,
    champion: { version: championRecord.version },
    metric,
  };
  if (outcome.status === 'blocked') {
    // Nothing was trained: the run is removed, and the alert says why.
    await storage.deleteRuns(projectId, [running.id]);
    await storage.addAlerts(projectId, [
      {
        kind: outcome.decision.alert?.kind ?? 'retrain-blocked',
        message: outcome.decision.alert?.message ?? outcome.decision.reason,
      },
    ]);
    return summary;
  }
  summary.champion.test = outcome.champion.test;
  const challenger = outcome.challenger;
  // The challenger's lineage names every batch it trained on, so its data can be rebuilt (runData).
  // Labelled requests from the log are stored as a dataset of their own first: the log is pruned, a
  // dataset is not.
  const thisBatch = context.stored ?? (await storeLogBatch(projectId, batch, batchName));
  const now = Date.now();
  const run = challengerRun({
    challenger,
    champion,
    championVersion: championRecord.version,
    batch: thisBatch,
    id: running.id,
    projectId,
    sweepId: running.sweepId!,
    createdAt: running.createdAt,
    finishedAt: now,
    environment: environment(backend),
  });
  await storage.finishRuns([run], {
    projectId,
    kind: 'retrain-trained',
    message: `Challenger ${run.name} trained: ${metric} ${formatMetric(challenger.metrics.test[metric])} on the sealed test rows`,
  });
  await testBarrier('retrain:run-finished');
  const bundle = challengerBundle(run, champion, challenger, crypto.randomUUID(), now);
  const registered = await storage.registerBundle({
    projectId,
    runId: run.id,
    payload: bundle as unknown as Record<string, unknown>,
    tags: ['retrained'],
    id: bundle.id,
  });
  await testBarrier('retrain:registered');
  summary.challenger = { version: registered.version, runId: run.id, test: challenger.metrics.test };
  if (outcome.decision.action === 'promote') {
    // The challenger alias and the deployment change in one transaction: no half-deployed state.
    const version = (id: string | null) =>
      id === registered.id
        ? `v${registered.version}`
        : `v${versions.find((v) => v.id === id)?.version ?? '?'}`;
    const change = planChange(
      { strategy: { kind: 'single' } },
      { champion: championRecord.id, challenger: registered.id },
      request.deployAs === 'canary' ? { kind: 'canary', seed: request.seed ?? 42 } : { kind: 'shadow' },
      now,
      version,
    );
    await storage.applyDeploymentChange(projectId, {
      ...change,
      aliasMoves: [{ alias: 'challenger', to: registered.id }],
      event: {
        ...change.event,
        message: `Retrained v${registered.version} beat the champion: ${change.event.message}`,
      },
    });
    summary.deployedAs = request.deployAs;
  } else {
    await storage.addAlerts(projectId, [
      {
        kind: outcome.decision.alert?.kind ?? 'retrain-kept-champion',
        message: outcome.decision.alert?.message ?? outcome.decision.reason,
        data: { challengerBundleId: registered.id },
      },
    ]);
  }
  await timeline(
    'retrain-decision',
    `Retrain decision: ${outcome.decision.action} — ${outcome.decision.reason}`,
    {
      action: outcome.decision.action,
      challengerBundleId: registered.id,
    },
  );
  return summary;
}

function formatMetric(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4);
}

/** The batch as a raw table: a stored dataset, or the labelled logged requests since a time. */
async function loadBatch(
  projectId: string,
  champion: ModelBundle,
  batch: RetrainRequest['batch'],
): Promise<{
  batch: RawTable;
  batchName: string;
  stored: { datasetId: string; datasetSha256: string } | null;
}> {
  const storage = await workerStorage();
  if (batch.kind === 'dataset') {
    const dataset = await storage.getDataset(batch.datasetId);
    if (!dataset) throw new Error('The new dataset is no longer stored.');
    return {
      batch: await loadTable(batch.datasetId),
      batchName: dataset.name,
      stored: { datasetId: dataset.id, datasetSha256: dataset.sha256 },
    };
  }
  const [log, labels] = await Promise.all([
    storage.listPredictionsBetween(projectId, batch.since, Date.now() + 1),
    storage.listLabels(projectId),
  ]);
  const truth = new Map(labels.map((l) => [l.requestId, l.label]));
  const rows = log.filter((e) => e.role === 'served' && truth.has(e.requestId));
  const names = [...champion.signature.columns.map((c) => c.name), champion.signature.target];
  const columns = names.map((name, i) =>
    rows.map((e) => (i === names.length - 1 ? truth.get(e.requestId)! : String(e.input[name] ?? ''))),
  );
  return {
    batch: { names, columns },
    batchName: `${rows.length} labelled requests since ${new Date(batch.since).toISOString()}`,
    stored: null,
  };
}

/** A retrained champion's own batches (its lineage's `appended`), as stored, checked by their hashes. */
async function loadEarlierBatches(champion: ModelBundle): Promise<RawTable[]> {
  const storage = await workerStorage();
  const tables: RawTable[] = [];
  for (const { datasetId, datasetSha256 } of champion.lineage.appended ?? []) {
    const dataset = await storage.getDataset(datasetId);
    if (!dataset || dataset.sha256 !== datasetSha256)
      throw new Error(
        'The champion was retrained on a batch that is no longer stored as it was, so its data cannot be rebuilt.',
      );
    tables.push(await loadTable(datasetId));
  }
  return tables;
}

/** Stores labelled requests from the log as a dataset of the project ("retrain" source). */
async function storeLogBatch(
  projectId: string,
  batch: RawTable,
  name: string,
): Promise<{ datasetId: string; datasetSha256: string }> {
  const { dataset, chunks } = await datasetOfTable(batch, projectId, `${name}.csv`, 'retrain');
  await (await workerStorage()).saveDataset(dataset, chunks);
  return { datasetId: dataset.id, datasetSha256: dataset.sha256 };
}
