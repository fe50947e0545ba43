/**
 * Monitoring (LIFECYCLE §7), in the serve worker: per-window latency, errors, throughput and realised
 * metric from the prediction log and its labels; data and prediction drift of the current window (the
 * newest logged window, or an uploaded batch) against the champion bundle's reference sample; and the
 * alerts the user's thresholds call for, stored once per kind and window.
 */
import { scoreBundleTable, type ModelBundle } from '../src/core/bundle/index.ts';
import { realisedMetric, type ServedOutput } from '../src/core/deploy/realised-metric.ts';
import {
  datasetDrift,
  driftKind,
  featureDrift,
  type DatasetDrift,
  type FeatureDrift,
} from '../src/core/drift/index.ts';
import { ingestCsv, type ColumnChunk } from '../src/core/ingest/index.ts';
import { higherIsBetter } from '../src/core/metrics/higher-is-better.ts';
import { evaluateAlerts, type FiredAlert } from '../src/core/monitor/evaluate-alerts.ts';
import { readMonitorSettings, type MonitorSettings } from '../src/core/monitor/monitor-settings.ts';
import {
  categoricalOverlay,
  numericOverlay,
  type OverlayHistogram,
} from '../src/core/monitor/overlay-histogram.ts';
import { realisedByWindow, type RealisedWindow } from '../src/core/monitor/realised-by-window.ts';
import { windowStats, type WindowStats } from '../src/core/monitor/window-stats.ts';
import { parseNumberText } from '../src/core/recipe/index.ts';
import type { AlertRecord, PredictionRecord } from '../src/core/records.ts';
import { bytesOf } from './blob-stream.ts';
import { loadedBundle } from './serve-models.ts';
import { workerStorage } from './worker-storage.ts';

const DAY = 24 * 60 * 60 * 1000;

export type MonitorSource = { kind: 'log' } | { kind: 'batch'; file: Blob; name: string };

export interface FeatureView extends FeatureDrift {
  histogram: OverlayHistogram;
}

export interface MonitorSnapshot {
  champion: { id: string; version: number; name: string };
  settings: MonitorSettings;
  /** What the drift compares: the newest logged window, or an uploaded batch. */
  current: { kind: 'log' | 'batch'; label: string; rows: number; start?: number; end?: number };
  windows: WindowStats[];
  realised: RealisedWindow[];
  /** The problem's metric when the champion was deployed (its test metric, else validation) and its target. */
  atDeployment: { metric: string; value: number | null; target: number; higherIsBetter: boolean };
  drift: (Omit<DatasetDrift, 'features'> & { features: FeatureView[] }) | null;
  prediction: (FeatureDrift & { histogram: OverlayHistogram }) | null;
  positiveRate: { current: number; reference: number } | null;
  /** Labels joined to the logged requests by request id. */
  labels: number;
  /**
   * An uploaded batch that holds the target column: its own labels (no request ids to join) and the
   * realised metric on them.
   */
  batchLabels?: { column: string; labelled: number; value: number | undefined; tooSmall: boolean };
  /** Alerts stored by this check (already-fired keys are not repeated). */
  fired: AlertRecord[];
  warnings: string[];
}

/** Computes the monitoring snapshot and stores the alerts it fires. */
export async function monitorSnapshot(projectId: string, source: MonitorSource): Promise<MonitorSnapshot> {
  const storage = await workerStorage();
  const [project, aliases, bundles] = await Promise.all([
    storage.getProject(projectId),
    storage.listAliases(projectId),
    storage.listBundles(projectId),
  ]);
  const championId = aliases.find((a) => a.alias === 'champion')?.bundleId;
  if (!championId) throw new Error('There is no champion to monitor: make a version the champion first.');
  const bundle = await loadedBundle(championId);
  const settings = readMonitorSettings(project?.monitor);
  const windowMs = settings.windowMinutes * 60_000;
  const now = Date.now();
  const log = (
    await storage.listPredictionsBetween(projectId, now - settings.retentionDays * DAY, now + 1)
  ).filter((e) => e.role === 'served');
  const task = bundle.problem.taskType;
  const positive = bundle.problem.positiveClass;
  const output = (e: PredictionRecord) => e.output as ServedOutput & { error?: string };
  const windows = windowStats(
    log.map((e) => ({
      createdAt: e.createdAt,
      latencyMs: e.latencyMs,
      error: output(e).error !== undefined,
      ...(task === 'binary' && output(e).label !== undefined
        ? { positive: output(e).label === positive }
        : {}),
    })),
    windowMs,
  );
  const labels = new Map((await storage.listLabels(projectId)).map((l) => [l.requestId, l.label]));
  const classes = bundle.pipeline.target.kind === 'classes' ? bundle.pipeline.target.classes : [];
  const metric = bundle.problem.metric;
  const realised = realisedByWindow(
    { task, metric: metric.name, classes },
    log.map((e) => ({ requestId: e.requestId, createdAt: e.createdAt, output: output(e) })),
    labels,
    windowMs,
    settings.minWindowRows,
  );
  const warnings: string[] = [];

  // The current window: an uploaded batch (scored by the champion), or the newest window with requests.
  const current = source.kind === 'batch' ? await batchWindow(bundle, source) : logWindow(log, windowMs);
  if (current.rows < settings.minWindowRows)
    warnings.push(
      `The current window has ${current.rows} rows, fewer than ${settings.minWindowRows}: too small to judge drift.`,
    );
  const batchLabels =
    source.kind === 'batch' ? batchRealised(bundle, current, settings.minWindowRows) : undefined;
  const drift = dataDrift(bundle, current.cells, settings.minWindowRows, warnings);
  const prediction = predictionDrift(bundle, current.outputs, settings.minWindowRows);
  const positiveRate = binaryPositiveRate(bundle, current.outputs);

  const deployedValue = bundle.metrics.test?.[metric.name] ?? bundle.metrics.validation[metric.name];
  const atDeployment = {
    metric: metric.name,
    value: deployedValue !== undefined && Number.isFinite(deployedValue) ? deployedValue : null,
    target: metric.target,
    higherIsBetter: higherIsBetter(metric.name),
  };
  const judged = [...windows].reverse().find((w) => w.requests >= settings.minWindowRows);
  // A labelled batch is judged on its own labels; otherwise the newest labelled window of the log.
  const lastRealised =
    batchLabels && !batchLabels.tooSmall && batchLabels.value !== undefined
      ? { value: batchLabels.value }
      : [...realised].reverse().find((w) => !w.tooSmall && w.value !== undefined);
  const windowStart = source.kind === 'batch' ? now : (current.start ?? now);
  const candidates = evaluateAlerts(settings.alerts, {
    windowStart,
    ...(judged ? { p95Ms: judged.p95 } : {}),
    ...(drift && current.rows >= settings.minWindowRows
      ? {
          drift: {
            shareDrifted: drift.shareDrifted,
            features: drift.features.map((f) => ({ name: f.name, psi: f.psi ?? 0, counted: f.counted })),
          },
        }
      : {}),
    ...(positiveRate && current.rows >= settings.minWindowRows ? { positiveRate } : {}),
    ...(lastRealised
      ? {
          realised: {
            metric: metric.name,
            value: lastRealised.value!,
            target: metric.target,
            higherIsBetter: atDeployment.higherIsBetter,
          },
        }
      : {}),
  });
  const fired = await storeNew(projectId, candidates);
  return {
    champion: {
      id: championId,
      version: bundles.find((b) => b.id === championId)?.version ?? 0,
      name: bundle.name,
    },
    settings,
    current: {
      kind: source.kind,
      label: current.label,
      rows: current.rows,
      ...(current.start !== undefined ? { start: current.start, end: current.start + windowMs } : {}),
    },
    windows,
    realised,
    atDeployment,
    drift,
    prediction,
    positiveRate,
    labels: labels.size,
    ...(batchLabels ? { batchLabels } : {}),
    fired,
    warnings,
  };
}

interface Window {
  label: string;
  rows: number;
  start?: number;
  cells: Record<string, string[]>;
  outputs: ServedOutput[];
  /** A batch: the input row of each output (rows the recipe dropped have none). */
  kept?: Uint32Array;
}

function logWindow(log: readonly PredictionRecord[], windowMs: number): Window {
  const newest = log.at(-1)?.createdAt;
  if (newest === undefined) return { label: 'no logged requests yet', rows: 0, cells: {}, outputs: [] };
  const start = Math.floor(newest / windowMs) * windowMs;
  const inWindow = log.filter((e) => e.createdAt >= start);
  const cells: Record<string, string[]> = {};
  for (const e of inWindow)
    for (const [name, value] of Object.entries(e.input)) (cells[name] ??= []).push(String(value ?? ''));
  return {
    label: `requests from ${new Date(start).toISOString()}`,
    rows: inWindow.length,
    start,
    cells,
    outputs: inWindow.map((e) => e.output as ServedOutput),
  };
}

async function batchWindow(
  bundle: ModelBundle,
  source: Extract<MonitorSource, { kind: 'batch' }>,
): Promise<Window> {
  let names: readonly string[] = [];
  const columns: string[][] = [];
  await ingestCsv(bytesOf(source.file), {
    totalBytes: source.file.size,
    header: 'auto',
    ragged: 'drop',
    chunkRows: 20_000,
    onHeader: (header) => {
      names = header;
      header.forEach(() => columns.push([]));
    },
    onChunk: (chunk: ColumnChunk) => chunk.columns.forEach((c, i) => columns[i]!.push(...c)),
  });
  const table = { names: [...names], columns };
  const scored = scoreBundleTable(bundle, table);
  const cells: Record<string, string[]> = {};
  names.forEach((name, i) => (cells[name] = columns[i]!));
  const outputs: ServedOutput[] = scored.predictions.map((p, i) => {
    if (scored.output.kind === 'proba' && scored.output.classes > 2) {
      const k = scored.output.classes;
      return { ...p, proba: Array.from(scored.output.values.subarray(i * k, (i + 1) * k)) };
    }
    return { ...p };
  });
  return { label: source.name, rows: columns[0]?.length ?? 0, cells, outputs, kept: scored.kept };
}

/**
 * The realised metric of a batch that carries the target column: each scored row's own label, as
 * `realisedByWindow` scores joined labels. Undefined when the batch has no such column.
 */
function batchRealised(bundle: ModelBundle, batch: Window, minRows: number): MonitorSnapshot['batchLabels'] {
  const column = bundle.signature.target;
  const truths = batch.cells[column];
  if (!truths || !batch.kept) return undefined;
  const kept = batch.kept;
  const outcomes = batch.outputs
    .map((output, i) => ({ output, truth: truths[kept[i]!]!.trim() }))
    .filter((o) => o.truth !== '');
  const classes = bundle.pipeline.target.kind === 'classes' ? bundle.pipeline.target.classes : [];
  const { value, n } = realisedMetric(
    { task: bundle.problem.taskType, metric: bundle.problem.metric.name, classes },
    outcomes,
  );
  return { column, labelled: n, value, tooSmall: n < minRows };
}

function dataDrift(
  bundle: ModelBundle,
  cells: Record<string, string[]>,
  minWindowValues: number,
  warnings: string[],
): MonitorSnapshot['drift'] {
  const sample = bundle.reference.sample;
  if (!sample) {
    warnings.push(
      'This model version was registered before reference samples existed: register it again to see data drift.',
    );
    return null;
  }
  const features: FeatureView[] = bundle.signature.columns.map((column) => {
    const reference = sample.cells[column.name] ?? [];
    const current = cells[column.name] ?? [];
    const kind = driftKind(column.type, false);
    const ref = bundle.reference.columns.find((c) => c.column === column.name);
    if (kind === 'numeric') {
      const toNumber = (c: string) => (c.trim() === '' ? null : parseNumberText(c));
      const drift = featureDrift(column.name, 'numeric', reference.map(toNumber), current.map(toNumber), {
        minWindowValues,
      });
      const edges = ref?.kind === 'numeric' ? ref.edges : [];
      return { ...drift, histogram: numericOverlay(edges, reference, current) };
    }
    const blankToNull = (c: string) => (c.trim() === '' ? null : c);
    const drift = featureDrift(column.name, kind, reference.map(blankToNull), current.map(blankToNull), {
      minWindowValues,
    });
    const top = ref?.kind === 'categorical' ? ref.values.slice(0, 10) : [];
    return { ...drift, histogram: categoricalOverlay(top, reference, current) };
  });
  const verdict = datasetDrift(features);
  return { ...verdict, features };
}

function predictionDrift(
  bundle: ModelBundle,
  outputs: readonly ServedOutput[],
  minWindowValues: number,
): MonitorSnapshot['prediction'] {
  const sample = bundle.reference.sample;
  if (!sample || outputs.length === 0) return null;
  const task = bundle.problem.taskType;
  if (task === 'multiclass') {
    const classes = bundle.pipeline.target.kind === 'classes' ? bundle.pipeline.target.classes : [];
    const reference = sample.predictions.map((k) => classes[k] ?? null);
    const current = outputs.map((o) => o.label ?? null);
    const drift = featureDrift('prediction', 'categorical', reference, current, { minWindowValues });
    return { ...drift, histogram: categoricalOverlay(classes, reference, current) };
  }
  const current = outputs.map((o) => (task === 'binary' ? (o.score ?? null) : (o.value ?? null)));
  const drift = featureDrift('prediction', 'numeric', sample.predictions, current, { minWindowValues });
  const edges = bundle.reference.prediction.kind === 'class' ? [] : bundle.reference.prediction.edges;
  const text = (values: readonly (number | null)[]) => values.map((v) => (v === null ? '' : String(v)));
  return { ...drift, histogram: numericOverlay(edges, text(sample.predictions), text(current)) };
}

function binaryPositiveRate(
  bundle: ModelBundle,
  outputs: readonly ServedOutput[],
): MonitorSnapshot['positiveRate'] {
  const sample = bundle.reference.sample;
  if (bundle.problem.taskType !== 'binary' || !sample || !outputs.length || !sample.predictions.length)
    return null;
  const reference =
    sample.predictions.filter((p) => p >= bundle.threshold).length / sample.predictions.length;
  const scored = outputs.filter((o) => o.score !== undefined);
  if (!scored.length) return null;
  return { current: scored.filter((o) => o.score! >= bundle.threshold).length / scored.length, reference };
}

/** Stores the alerts whose key has not fired before. */
async function storeNew(projectId: string, candidates: FiredAlert[]): Promise<AlertRecord[]> {
  if (!candidates.length) return [];
  const storage = await workerStorage();
  const seen = new Set((await storage.listAlerts(projectId)).map((a) => a.data?.key));
  const fresh = candidates.filter((c) => !seen.has(c.key));
  return storage.addAlerts(
    projectId,
    fresh.map((c) => ({ kind: c.kind, message: c.message, data: { ...c.data, key: c.key } })),
  );
}
