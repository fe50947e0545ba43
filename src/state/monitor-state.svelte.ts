/**
 * The Monitor stage (LIFECYCLE §7): the serve worker computes the snapshot; this class holds it, the
 * settings the user edits, the alert list, and shows browser notifications for new alerts once allowed.
 */
import type { LabelsUpload } from '../../workers/labels-upload.ts';
import type { MonitorSnapshot, MonitorSource } from '../../workers/monitor-run.ts';
import {
  defaultMonitorSettings,
  retentionCutoff,
  type MonitorSettings,
} from '../core/monitor/monitor-defaults.ts';
import type { AlertRecord } from '../core/records.ts';
import type { ProjectSession } from './project-session.svelte.ts';
import { LoadMarker } from './load-marker.svelte.ts';
import { serveWorker } from './workers.ts';

export class MonitorState {
  readonly #session: ProjectSession;
  snapshot = $state.raw<MonitorSnapshot | null>(null);
  settings = $state<MonitorSettings>(defaultMonitorSettings());
  alerts = $state.raw<AlertRecord[]>([]);
  busy = $state(false);
  readonly #loads = new LoadMarker();
  message = $state('');
  error = $state('');
  permission = $state<NotificationPermission | 'unsupported'>(
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );

  constructor(session: ProjectSession) {
    this.#session = session;
  }

  /**
   * True once this project's monitoring settings and alerts have been read, and no newer read of them is
   * in flight: the settings form shows the stored settings from then on, not the defaults.
   */
  get loaded(): boolean {
    return this.#loads.loaded;
  }

  load(): Promise<void> {
    return this.#loads.track(async () => {
      const projectId = this.#session.projectId;
      if (!projectId) return;
      // Read and validated in the serve worker, where the settings' schema (zod) lives.
      this.settings = await serveWorker.call('monitorSettings', [projectId]);
      this.alerts = await this.#session.storage.listAlerts(projectId);
    });
  }

  /** Computes the snapshot over the logged requests, or over an uploaded batch. */
  async check(source: MonitorSource = { kind: 'log' }): Promise<MonitorSnapshot | null> {
    const projectId = this.#session.projectId;
    if (!projectId) return null;
    return this.#do(async () => {
      const snapshot = await serveWorker.call('monitorSnapshot', [projectId, source]);
      this.snapshot = snapshot;
      this.#notify(snapshot.fired);
      this.alerts = await this.#session.storage.listAlerts(projectId);
      // A drift alert (or enough new labels) may trigger the retrain loop, as the settings say.
      if (snapshot.fired.length) void this.#session.retrain.checkTriggers(snapshot.fired);
      return snapshot;
    });
  }

  async saveSettings(): Promise<void> {
    const projectId = this.#session.projectId;
    if (!projectId) return;
    await this.#do(async () => {
      this.settings = await serveWorker.call('saveMonitorSettings', [
        projectId,
        $state.snapshot(this.settings),
      ]);
      this.message = 'Monitoring settings saved.';
    });
  }

  async uploadLabels(file: File): Promise<LabelsUpload | null> {
    const projectId = this.#session.projectId;
    if (!projectId) return null;
    return this.#do(async () => {
      const champion = this.#session.models.aliases.find((a) => a.alias === 'champion');
      const bundle = this.#session.models.versions.find((v) => v.id === champion?.bundleId);
      const targetName = (bundle?.payload.signature as { target?: string } | undefined)?.target ?? 'label';
      const result = await serveWorker.call('uploadLabels', [projectId, file, targetName]);
      this.message = `${result.stored} of ${result.rows} labels joined by ${result.keyColumn}${result.unknownCount ? `; ${result.unknownCount} request ids are not in the log (${result.unknown.slice(0, 5).join(', ')}${result.unknownCount > 5 ? ', …' : ''})` : ''}.`;
      return result;
    });
  }

  /** Prunes the log to the retention setting; the window in use is always kept. Returns the count pruned. */
  async applyRetention(quiet = false): Promise<number> {
    const projectId = this.#session.projectId;
    if (!projectId) return 0;
    const pruned = await this.#do(async () => {
      const storage = this.#session.storage;
      const settings = await serveWorker.call('monitorSettings', [projectId]);
      const newest = (await storage.listPredictions(projectId, 1))[0]?.createdAt;
      const { before, keepSince } = retentionCutoff(settings, newest, Date.now());
      return storage.prunePredictions(projectId, before, keepSince);
    });
    if (!quiet && pruned !== null)
      this.message = `Pruned ${pruned} prediction-log entries older than ${this.settings.retentionDays} days (the window in use is kept).`;
    return pruned ?? 0;
  }

  async acknowledge(id: string): Promise<void> {
    const projectId = this.#session.projectId;
    if (!projectId) return;
    await this.#session.storage.acknowledgeAlert(id);
    this.alerts = await this.#session.storage.listAlerts(projectId);
  }

  async allowNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission = await Notification.requestPermission();
    if (this.permission === 'granted') {
      this.settings.alerts.notify = true;
      await this.saveSettings();
    }
  }

  #notify(fired: readonly AlertRecord[]): void {
    if (!fired.length || !this.settings.alerts.notify || this.permission !== 'granted') return;
    for (const alert of fired) new Notification('Looplab alert', { body: alert.message, tag: alert.id });
  }

  async #do<T>(work: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.error = '';
    try {
      return await work();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
