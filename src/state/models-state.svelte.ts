/**
 * The Models stage: the project's registered model versions (immutable bundles), their tags, the
 * `champion` and `challenger` aliases and the history of every alias move. Packaging, export and import run
 * in the train worker; alias moves are single storage transactions.
 */
import type { InputIssue } from '../core/bundle/input-issues.ts';
import type { AliasRecord, BundleRecord } from '../core/records.ts';
import type { AliasMove } from '../storage/registry.ts';
import type { ProjectSession } from './project-session.svelte.ts';
import { describeAliasMove } from '../core/deploy/describe-alias-move.ts';
import { LatencyTracker } from '../core/deploy/latency-tracker.ts';
import { DEFAULT_MAX_BUNDLE_BYTES, tooLargeMessage } from '../core/project-file/import-limits.ts';
import { LoadMarker } from './load-marker.svelte.ts';
import { serveWorker, trainWorker } from './workers.ts';

/** A request form for a version: one field per signature column, filled from its example row. */
export function exampleForm(version: BundleRecord): Record<string, string> {
  const signature = version.payload.signature as { columns: { name: string }[] };
  const example = version.payload.example as Record<string, string>;
  return Object.fromEntries(signature.columns.map((c) => [c.name, example[c.name] ?? '']));
}

export class ModelsState {
  readonly #session: ProjectSession;
  versions = $state.raw<BundleRecord[]>([]);
  aliases = $state.raw<AliasRecord[]>([]);
  history = $state.raw<AliasMove[]>([]);
  busy = $state(false);
  readonly #loads = new LoadMarker();
  /** The version the prediction form sends requests to. */
  servingId = $state<string | null>(null);
  form = $state<Record<string, string>>({});
  answer = $state.raw<{
    text: string;
    latencyMs: number;
    score?: number;
    /** Gradient-boosted models: the columns that moved this prediction most, with their contributions. */
    reasons?: { column: string; value: number }[];
    /** Inputs the model did not read as typed (missing, not a number, unseen), by column. */
    issues: InputIssue[];
  } | null>(null);
  latency = $state.raw<{ p50: number; p95: number; p99: number; count: number } | null>(null);
  #latency = new LatencyTracker(2000);
  message = $state('');
  error = $state('');

  constructor(session: ProjectSession) {
    this.#session = session;
  }

  /**
   * True once this project's versions, aliases and history have been read, and no newer read of them is
   * in flight (a tab switch, a registration or an alias move reads them again): tests and screen readers
   * wait on it.
   */
  get loaded(): boolean {
    return this.#loads.loaded;
  }

  load(): Promise<void> {
    return this.#loads.track(async () => {
      const projectId = this.#session.projectId;
      if (!projectId) return;
      const storage = this.#session.storage;
      [this.versions, this.aliases, this.history] = await Promise.all([
        storage.listBundles(projectId),
        storage.listAliases(projectId),
        storage.aliasHistory(projectId),
      ]);
    });
  }

  /** The version number of a bundle id of this project, if it is registered here. */
  versionOf(bundleId: string): number | undefined {
    return this.versions.find((v) => v.id === bundleId)?.version;
  }

  aliasesOf(bundleId: string): string[] {
    return this.aliases.filter((a) => a.bundleId === bundleId).map((a) => a.alias);
  }

  async register(runId: string): Promise<void> {
    await this.#do(async () => {
      const record = await trainWorker.call('registerRun', [runId, []]);
      return `Registered as model version ${record.version}.`;
    });
  }

  async setAlias(alias: 'champion' | 'challenger', bundleId: string | null, reason: string): Promise<void> {
    const projectId = this.#session.projectId;
    if (!projectId) return;
    await this.#do(async () => {
      const move = await this.#session.storage.moveAlias(projectId, alias, bundleId, reason);
      return `${capitalise(describeAliasMove(move, (id) => this.versionOf(id)))}.`;
    });
  }

  async setTags(bundleId: string, text: string): Promise<void> {
    await this.#do(async () => {
      await this.#session.storage.setTags(bundleId, text.split(','));
      return 'Tags saved.';
    });
  }

  async exportVersion(bundle: BundleRecord): Promise<void> {
    await this.#do(async () => {
      const bytes = await trainWorker.call('exportBundle', [bundle.id]);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
      a.download = `looplab-model-v${bundle.version}.zip`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      return `Exported version ${bundle.version}.`;
    });
  }

  async importFile(file: File): Promise<void> {
    const projectId = this.#session.projectId;
    if (!projectId) return;
    this.message = '';
    this.error = '';
    // Refused by its size alone: reading a file over the limit into memory is what the limit prevents.
    const tooLarge = tooLargeMessage(file.size, DEFAULT_MAX_BUNDLE_BYTES);
    if (tooLarge) {
      this.error = `${file.name} was not imported, and nothing was stored: ${tooLarge}`;
      return;
    }
    this.busy = true;
    try {
      const record = await trainWorker.call('importBundle', [
        projectId,
        new Uint8Array(await file.arrayBuffer()),
      ]);
      this.message = `Imported ${file.name} as model version ${record.version}.`;
    } catch (error) {
      this.error = `${file.name} was not imported, and nothing was stored: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.busy = false;
      await this.load();
    }
  }

  /** Fills the form from a version's example row and keeps the version loaded in the serve worker. */
  async serve(bundleId: string): Promise<void> {
    const version = this.versions.find((v) => v.id === bundleId);
    if (!version) return;
    this.servingId = bundleId;
    this.form = exampleForm(version);
    this.answer = null;
    this.#latency = new LatencyTracker(2000);
    this.latency = null;
    const champion = this.aliases.find((a) => a.alias === 'champion')?.bundleId;
    const challenger = this.aliases.find((a) => a.alias === 'challenger')?.bundleId;
    await serveWorker.call('loadVersions', [
      // A local de-duplication, not state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      [...new Set([bundleId, champion, challenger].filter((x): x is string => !!x))],
    ]);
  }

  /** One real-time request: the answer and its round-trip latency (page → serve worker → page). */
  async predict(): Promise<void> {
    const id = this.servingId;
    if (!id) return;
    const started = performance.now();
    try {
      const result = await serveWorker.call('predict', [id, $state.snapshot(this.form)]);
      const latencyMs = performance.now() - started;
      this.#latency.record(latencyMs);
      this.latency = { ...this.#latency.percentiles(), count: this.#latency.count };
      const p = result.prediction;
      this.answer = p
        ? {
            text: p.label !== undefined ? p.label : String(p.value),
            latencyMs,
            ...(p.score !== undefined ? { score: p.score } : {}),
            ...(result.explanation ? { reasons: result.explanation.contributions.slice(0, 5) } : {}),
            issues: result.issues,
          }
        : { text: `Not scored: ${result.droppedBy}.`, latencyMs, issues: [] };
      this.error = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async #do(work: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.message = '';
    this.error = '';
    try {
      this.message = await work();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
      await this.load();
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
