/**
 * Retraining (LIFECYCLE §8) from the page: one click, or a trigger (a schedule checked when the app
 * opens, a drift alert, N new labelled rows). The train worker runs the loop; the steps arrive as they
 * finish and are on the timeline already.
 */
import type { RetrainRequest, RetrainSummary } from '../../workers/retrain-champion.ts';
import { backendRequestFrom } from '../core/compute/backend-policy.ts';
import { retrainTrigger } from '../core/monitor/retrain-trigger.ts';
import type { AlertRecord } from '../core/records.ts';
import type { RetrainStep } from '../core/retrain/index.ts';
import type { ProjectSession } from './project-session.svelte.ts';
import { WorkerCrashedError } from './worker-client.ts';
import { serveWorker, trainWorker } from './workers.ts';

export class RetrainState {
  readonly #session: ProjectSession;
  running = $state(false);
  steps = $state.raw<RetrainStep[]>([]);
  summary = $state.raw<RetrainSummary | null>(null);
  error = $state('');
  /** What the next click retrains on: a dataset id, or '' for the labelled logged requests. */
  source = $state('');
  searchTrials = $state(2);

  constructor(session: ProjectSession) {
    this.#session = session;
  }

  /** Runs the loop once. Returns the summary, or null when it could not run (the error says why). */
  async run(
    trigger: string,
    batch?: RetrainRequest['batch'],
    options: { maxEpochs?: number } = {},
  ): Promise<RetrainSummary | null> {
    const projectId = this.#session.projectId;
    if (!projectId || this.running) return null;
    const storage = this.#session.storage;
    const settings = await serveWorker.call('monitorSettings', [projectId]);
    this.running = true;
    this.steps = [];
    this.summary = null;
    this.error = '';
    const sweepId = crypto.randomUUID();
    try {
      const request: RetrainRequest = {
        projectId,
        batch:
          batch ??
          (this.source
            ? { kind: 'dataset', datasetId: this.source }
            : { kind: 'log', since: settings.retrain.lastRun }),
        searchTrials: this.searchTrials,
        deployAs: settings.retrain.deployAs,
        trigger,
        sweepId,
        ...options,
      };
      const summary = await trainWorker.call('retrainChampion', [
        request,
        backendRequestFrom(this.#session.backendChoice, this.#session.allowSoftware),
        (step: RetrainStep) => (this.steps = [...this.steps, step]),
      ]);
      this.summary = summary;
      await storage.setMonitorSettings(projectId, {
        ...settings,
        retrain: { ...settings.retrain, lastRun: Date.now() },
      } as unknown as Record<string, unknown>);
      // The serve worker re-reads the plan and aliases the loop may have changed.
      await serveWorker.call('openDeployment', [projectId]);
      return summary;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      // The worker died mid-retrain and released the run's lock: say so in the run now.
      if (error instanceof WorkerCrashedError)
        await storage.interruptSweep(projectId, sweepId).catch(() => []);
      return null;
    } finally {
      this.running = false;
      await Promise.all([
        this.#session.models.load(),
        this.#session.monitor.load(),
        this.#session.train.loadRuns(),
      ]);
    }
  }

  /**
   * Runs the loop if a trigger says so: the schedule (checked when the app opens), a drift alert just
   * fired, or enough labels arrived since the last retrain. Returns the trigger that fired, if any.
   */
  async checkTriggers(fired: readonly AlertRecord[] = []): Promise<string | null> {
    const projectId = this.#session.projectId;
    if (!projectId || this.running) return null;
    const storage = this.#session.storage;
    const aliases = await storage.listAliases(projectId);
    if (!aliases.some((a) => a.alias === 'champion')) return null;
    const { retrain } = await serveWorker.call('monitorSettings', [projectId]);
    const since = { kind: 'log' as const, since: retrain.lastRun };
    const newLabels =
      retrain.newLabels > 0
        ? (await storage.listLabels(projectId)).filter((l) => l.createdAt > retrain.lastRun).length
        : 0;
    const trigger = retrainTrigger(retrain, {
      now: Date.now(),
      firedKinds: fired.map((a) => a.kind),
      newLabels,
    });
    if (!trigger) return null;
    await this.run(trigger, since);
    return trigger;
  }
}
