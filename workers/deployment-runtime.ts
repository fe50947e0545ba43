/**
 * The live deployment, in the serve worker: routes each request by the project's plan (single, shadow,
 * canary, blue-green), logs every model run, feeds the canary's gates and applies what they decide
 * (next step, promotion, automatic rollback) as one storage transaction each. The page sends requests and
 * user actions; everything that must not depend on the page staying responsive happens here.
 */
import { scoreBundle, type ModelBundle } from '../src/core/bundle/index.ts';
import {
  canaryDecision,
  CanaryStepStats,
  planChange,
  serveRequest,
  type AliasState,
  type Arm,
  type ArmAnswer,
  type CanaryGates,
  type CanaryObservation,
  type DeploymentAction,
  type DeploymentPlan,
  type ServedOutput,
} from '../src/core/deploy/index.ts';
import { higherIsBetter } from '../src/core/metrics/higher-is-better.ts';
import { RECORD_SCHEMA_VERSION, type PredictionRecord } from '../src/core/records.ts';
import type { LooplabStorage } from '../src/storage/looplab-storage.ts';
import { loadedBundle, loadVersions } from './serve-models.ts';
import { testBarrier } from './test-hooks.ts';
import { workerStorage } from './worker-storage.ts';

/** Log entries are written in batches; a lone request is on disk within this long. */
const FLUSH_MS = 200;
const FLUSH_ENTRIES = 500;
/**
 * Batches sent to IndexedDB and not yet committed. Past this many a request waits for the oldest to commit:
 * without that back-pressure, a replay served requests faster than the log was written, and the soak bench
 * measured the serve worker holding 20–30 MB of queued log entries mid-replay.
 */
const MAX_WRITES_IN_FLIGHT = 2;
/** How far the realised metric may fall below the champion's metric at deployment before the gate fails. */
const METRIC_TOLERANCE = 0.02;

export interface DeploymentStatus {
  plan: DeploymentPlan;
  champion: { id: string; version: number } | null;
  challenger: { id: string; version: number } | null;
  /** The canary's current step, as its gates see it. */
  step: (CanaryObservation & { labelled: number }) | null;
  /** The gates with the realised-metric bar filled in from the champion's metric at deployment. */
  gates: CanaryGates | null;
}

export interface DeployResponse {
  requestId: string;
  arm: Arm;
  version: number;
  output?: ServedOutput;
  dropped?: string;
  error?: string;
  workerMs: number;
  /** Timeline messages of the changes this request caused (a canary step, a promotion, a rollback). */
  events: string[];
  status: DeploymentStatus;
}

interface Live {
  projectId: string;
  plan: DeploymentPlan;
  aliases: AliasState;
  versions: Map<string, number>;
  stats: CanaryStepStats | null;
  gates: CanaryGates | null;
}

let live: Live | null = null;
let pending: PredictionRecord[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<void>[] = [];

/** Loads the project's plan and aliases, and keeps both aliased versions in memory. */
export async function openDeployment(projectId: string): Promise<DeploymentStatus> {
  await flushLog();
  const storage = await workerStorage();
  const [plan, aliases, bundles] = await Promise.all([
    storage.getDeploymentPlan(projectId),
    storage.listAliases(projectId),
    storage.listBundles(projectId),
  ]);
  const of = (alias: string) => aliases.find((a) => a.alias === alias)?.bundleId ?? null;
  const state: AliasState = { champion: of('champion'), challenger: of('challenger') };
  await loadVersions([state.champion, state.challenger].filter((id): id is string => id !== null));
  // Reopening the same step (each replay and page open does) keeps what the step has seen so far; a new
  // plan or challenger starts a new step.
  const previous = live;
  const sameStep =
    previous !== null &&
    previous.projectId === projectId &&
    previous.aliases.challenger === state.challenger &&
    JSON.stringify(previous.plan) === JSON.stringify(plan);
  live = {
    projectId,
    plan,
    aliases: state,
    versions: new Map(bundles.map((b) => [b.id, b.version])),
    stats: null,
    gates: null,
  };
  if (plan.strategy.kind === 'canary' && state.challenger && state.champion) {
    const challenger = await loadedBundle(state.challenger);
    live.stats =
      sameStep && previous.stats
        ? previous.stats
        : new CanaryStepStats({
            task: challenger.problem.taskType,
            metric: challenger.problem.metric.name,
            classes: classesOf(challenger),
          });
    live.gates = gatesWithMetricBar(plan, await loadedBundle(state.champion));
  }
  return status();
}

/** A user's action on the deployment (start a shadow or canary, switch blue-green, roll back), applied atomically. */
export async function changeDeployment(
  projectId: string,
  action: Extract<DeploymentAction, { kind: 'shadow' | 'canary' | 'blue-green-switch' | 'rollback' }>,
): Promise<{ status: DeploymentStatus; message: string }> {
  const current = await ensure(projectId);
  const storage = await workerStorage();
  let request = action;
  if (action.kind === 'rollback') {
    const moves = await storage.aliasHistory(projectId, 'champion');
    request = { ...action, previousChampion: moves.at(-1)?.from ?? null };
  }
  const message = await apply(storage, current, request);
  return { status: await openDeployment(projectId), message };
}

/**
 * Serves one request through the deployment. `key` routes it (the same key always takes the same arm in
 * a canary); `truth`, when the caller knows the label, feeds the realised-metric gate.
 */
export async function deployRequest(
  projectId: string,
  key: string,
  record: Record<string, string>,
  truth?: string,
): Promise<DeployResponse> {
  const current = await ensure(projectId);
  const { champion, challenger } = current.aliases;
  if (!champion)
    throw new Error('There is no champion to serve requests: make a version the champion first.');
  const bundles: Record<Arm, ModelBundle | null> = {
    champion: await loadedBundle(champion),
    challenger: challenger ? await loadedBundle(challenger) : null,
  };
  const requestId = crypto.randomUUID();
  const strategy = current.plan.strategy;
  const outcome = serveRequest(strategy, key, (arm) => scoreArm(bundles[arm] ?? bundles.champion!, record));
  const now = Date.now();
  for (const entry of outcome.log) {
    const bundleId = (entry.arm === 'challenger' ? challenger : champion) ?? champion;
    pending.push({
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: entry.role === 'served' ? requestId : `${requestId}:${entry.role}`,
      projectId,
      createdAt: now,
      requestId,
      bundleId,
      arm: entry.arm,
      role: entry.role,
      strategy: strategy.kind,
      input: { ...record },
      output: logged(entry.answer),
      latencyMs: entry.answer.latencyMs,
    });
  }
  scheduleFlush();
  // A failed write is reported by the flush that made it; here it only ends the wait.
  if (inFlight.length >= MAX_WRITES_IN_FLIGHT) await inFlight[0]!.catch(() => undefined);
  const events: string[] = [];
  // The step's observation (a sort of its latencies, the realised metric) is computed once a request and
  // serves both the gates and the returned status.
  let observed = current.stats?.observation() ?? null;
  if (current.stats && outcome.challenger) {
    current.stats.record(truth === undefined ? outcome.challenger : { ...outcome.challenger, truth });
    observed = current.stats.observation();
    const decision = canaryDecision(
      { ...current.plan, ...(current.gates ? { gates: current.gates } : {}) },
      observed,
    );
    if (decision) {
      events.push(await apply(await workerStorage(), current, decision));
      await openDeployment(projectId);
      observed = live!.stats?.observation() ?? null;
    }
  }
  const { answer, arm } = outcome.response;
  const servedId = (arm === 'challenger' ? challenger : champion)!;
  return {
    requestId,
    arm,
    version: current.versions.get(servedId) ?? 0,
    ...(answer.output ? { output: answer.output } : {}),
    ...(answer.dropped ? { dropped: answer.dropped } : {}),
    ...(answer.error ? { error: answer.error } : {}),
    workerMs: answer.latencyMs,
    events,
    status: status(observed),
  };
}

/** Writes the log entries still buffered (before a plan change, at the end of a replay). */
export async function flushLog(): Promise<void> {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  if (!pending.length) return;
  const batch = pending;
  pending = [];
  const write = workerStorage()
    .then((storage) => storage.addPredictions(batch))
    // A fault test may hold the replay here (test builds only): back-pressure stops it behind this batch.
    .then(() => testBarrier('replay:log-batch-stored'));
  inFlight.push(write);
  try {
    await write;
  } finally {
    inFlight = inFlight.filter((w) => w !== write);
  }
}

function scheduleFlush(): void {
  if (pending.length >= FLUSH_ENTRIES) void flushLog();
  else flushTimer ??= setTimeout(() => void flushLog(), FLUSH_MS);
}

async function ensure(projectId: string): Promise<Live> {
  if (!live || live.projectId !== projectId) await openDeployment(projectId);
  return live!;
}

async function apply(storage: LooplabStorage, current: Live, action: DeploymentAction): Promise<string> {
  const version = (id: string | null) => (id ? `v${current.versions.get(id) ?? '?'}` : 'none');
  const change = planChange(current.plan, current.aliases, action, Date.now(), version);
  await flushLog();
  await storage.applyDeploymentChange(current.projectId, change);
  await testBarrier('replay:deployment-change-stored');
  return change.event.message;
}

function status(step = live!.stats?.observation() ?? null): DeploymentStatus {
  const current = live!;
  const named = (id: string | null) => (id ? { id, version: current.versions.get(id) ?? 0 } : null);
  return {
    plan: current.plan,
    champion: named(current.aliases.champion),
    challenger: named(current.aliases.challenger),
    step,
    gates: current.gates,
  };
}

/** One model on one request, timed; an exception is the model's error, never the caller's. */
function scoreArm(bundle: ModelBundle, record: Record<string, string>): ArmAnswer {
  const started = performance.now();
  try {
    const scored = scoreBundle(bundle, [record]);
    const latencyMs = performance.now() - started;
    if (scored.rows === 0) return { dropped: 'the cleaning recipe drops this row', latencyMs };
    const output: ServedOutput = { ...scored.predictions[0]! };
    if (scored.output.kind === 'proba' && scored.output.classes > 2)
      output.proba = Array.from(scored.output.values.subarray(0, scored.output.classes));
    return { output, latencyMs };
  } catch (error) {
    return {
      error: error instanceof Error ? error.message : String(error),
      latencyMs: performance.now() - started,
    };
  }
}

function logged(answer: ArmAnswer): Record<string, unknown> {
  return {
    ...answer.output,
    ...(answer.error !== undefined ? { error: answer.error } : {}),
    ...(answer.dropped !== undefined ? { dropped: answer.dropped } : {}),
  };
}

function classesOf(bundle: ModelBundle): string[] {
  const target = bundle.pipeline.target;
  return target.kind === 'classes' ? [...target.classes] : [];
}

/** The plan's gates, with the realised-metric bar at the champion's metric at deployment less a tolerance. */
function gatesWithMetricBar(plan: DeploymentPlan, champion: ModelBundle): CanaryGates | null {
  if (!plan.gates) return null;
  const name = champion.problem.metric.name;
  const atDeployment = champion.metrics.test?.[name] ?? champion.metrics.validation[name];
  if (atDeployment === undefined || !Number.isFinite(atDeployment)) return plan.gates;
  const higher = higherIsBetter(name);
  const value = higher ? atDeployment - METRIC_TOLERANCE : atDeployment * (1 + METRIC_TOLERANCE);
  return { ...plan.gates, metricBar: { value, higherIsBetter: higher } };
}
