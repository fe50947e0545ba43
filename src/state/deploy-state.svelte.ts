/**
 * The Deploy stage (LIFECYCLE §6): the live deployment in the serve worker. The page sends requests and
 * user actions and shows what the worker reports: the plan, the canary step against its gates, every
 * deployment change on the timeline, and the newest prediction-log entries.
 */
import type { DeployResponse, DeploymentStatus } from '../../workers/deployment-runtime.ts';
import type { ReplaySummary } from '../../workers/replay-traffic.ts';
import { DEFAULT_GATES, type CanaryGates } from '../core/deploy/canary-gates.ts';
import type { DeploymentAction } from '../core/deploy/deployment-plan.ts';
import { LatencyTracker } from '../core/deploy/latency-tracker.ts';
import type { InputIssue } from '../core/bundle/input-issues.ts';
import type { PredictionRecord, TimelineRecord } from '../core/records.ts';
import type { ProjectSession } from './project-session.svelte.ts';
import { LoadMarker } from './load-marker.svelte.ts';
import { exampleForm } from './models-state.svelte.ts';
import { serveWorker } from './workers.ts';

/** Timeline kinds the Deploy view lists. */
const DEPLOY_EVENTS = new Set([
  'alias-moved',
  'deploy-shadow',
  'deploy-canary',
  'canary-step',
  'canary-promoted',
  'deploy-rollback',
  'blue-green-switch',
]);

type UserAction = Extract<DeploymentAction, { kind: 'shadow' | 'canary' | 'blue-green-switch' | 'rollback' }>;

export class DeployState {
  readonly #session: ProjectSession;
  status = $state.raw<DeploymentStatus | null>(null);
  events = $state.raw<TimelineRecord[]>([]);
  log = $state.raw<PredictionRecord[]>([]);
  busy = $state(false);
  readonly #loads = new LoadMarker();
  message = $state('');
  error = $state('');
  /** Canary settings the user edits before starting one. */
  seed = $state(42);
  gates = $state<CanaryGates>({ ...DEFAULT_GATES });
  form = $state<Record<string, string>>({});
  key = $state('');
  answer = $state.raw<DeployResponse | null>(null);
  /** What the answering version made of the last request's inputs. */
  issues = $state.raw<InputIssue[]>([]);
  latency = $state.raw<{ p50: number; p95: number; p99: number; count: number } | null>(null);
  #latency = new LatencyTracker(2000);
  replaying = $state(false);
  replayProgress = $state.raw<{ requests: number; fraction: number } | null>(null);
  replay = $state.raw<ReplaySummary | null>(null);
  #formFor: string | null = null;

  constructor(session: ProjectSession) {
    this.#session = session;
  }

  /**
   * True once the deployment and its timeline have been read for this project, and no newer read of them
   * is in flight (each open of the tab reads them again).
   */
  get loaded(): boolean {
    return this.#loads.loaded;
  }

  load(): Promise<void> {
    return this.#loads.track(async () => {
      const projectId = this.#session.projectId;
      if (!projectId) return;
      try {
        const status = await serveWorker.call('openDeployment', [projectId]);
        this.status = status;
        this.#fillForm(status);
        await this.#loadRecords(projectId);
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    });
  }

  async act(action: UserAction): Promise<void> {
    const projectId = this.#session.projectId;
    if (!projectId) return;
    this.busy = true;
    this.message = '';
    this.error = '';
    try {
      const { status, message } = await serveWorker.call('changeDeployment', [projectId, action]);
      this.status = status;
      this.message = message;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
      await this.#loadRecords(projectId);
      await this.#session.models.load();
    }
  }

  startCanary(): Promise<void> {
    return this.act({ kind: 'canary', seed: this.seed, gates: $state.snapshot(this.gates) });
  }

  /** One request through the deployment, with its round-trip latency (page → serve worker → page). */
  async send(): Promise<void> {
    const projectId = this.#session.projectId;
    if (!projectId) return;
    const started = performance.now();
    try {
      const key = this.key.trim() || crypto.randomUUID();
      const response = await serveWorker.call('deployRequest', [projectId, key, $state.snapshot(this.form)]);
      this.#latency.record(performance.now() - started);
      this.latency = { ...this.#latency.percentiles(), count: this.#latency.count };
      this.answer = response;
      this.status = response.status;
      this.error = '';
      const answering =
        response.arm === 'challenger' ? response.status.challenger?.id : response.status.champion?.id;
      this.issues = answering
        ? await serveWorker.call('checkInputs', [answering, $state.snapshot(this.form)])
        : [];
      if (response.events.length) this.message = response.events.join(' ');
      // A request typed by hand is shown in the log at once rather than with the next batch.
      await serveWorker.call('flushLog', []);
      await this.#loadRecords(projectId);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async replayFile(file: File, keyColumn: string | null): Promise<void> {
    const projectId = this.#session.projectId;
    if (!projectId || this.replaying) return;
    this.replaying = true;
    this.replay = null;
    this.error = '';
    this.message = '';
    this.replayProgress = { requests: 0, fraction: 0 };
    try {
      this.replay = await serveWorker.call('replayTraffic', [
        projectId,
        file,
        keyColumn,
        (p) => {
          this.replayProgress = { requests: p.requests, fraction: p.fraction };
          this.status = p.status;
        },
      ]);
      this.status = this.replay.status;
    } catch (error) {
      this.error = `Replaying ${file.name} stopped: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.replaying = false;
      this.replayProgress = null;
      await this.#loadRecords(projectId);
      await this.#session.models.load();
    }
  }

  async cancelReplay(): Promise<void> {
    await serveWorker.call('cancelReplay', []);
  }

  async #loadRecords(projectId: string): Promise<void> {
    const storage = this.#session.storage;
    const [timeline, log] = await Promise.all([
      storage.listTimeline(projectId),
      storage.listPredictions(projectId, 20),
    ]);
    this.events = timeline.filter((e) => DEPLOY_EVENTS.has(e.kind));
    this.log = log.reverse();
  }

  /** The request form follows the champion's signature, prefilled with its example row. */
  #fillForm(status: DeploymentStatus): void {
    const id = status.champion?.id ?? null;
    if (id === this.#formFor) return;
    this.#formFor = id;
    const version = this.#session.models.versions.find((v) => v.id === id);
    if (!version) return;
    this.form = exampleForm(version);
  }
}
