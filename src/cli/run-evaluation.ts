import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  checkProbeOutput,
  edgeCaseProbes,
  fairnessReport,
  modelCardHtml,
  modelCardMarkdown,
  probeErrorReport,
  segmentMetrics,
  summarizeSeeds,
  type FairnessReport,
  type ModelCardData,
  type Probe,
  type ProbeColumn,
  type ProbeReport,
  type SeedSummary,
  type SegmentReport,
  evaluationColumn,
  evaluationColumns,
} from '../core/evaluate/index.ts';
import type { AutoExperiment } from '../core/experiment/auto-experiment.ts';
import type { ExperimentData } from '../core/experiment/build-experiment-data.ts';
import { serveFeatures } from '../core/experiment/serve-features.ts';
import { pipelineVersion } from '../core/features/index.ts';
import { higherIsBetter } from '../core/metrics/index.ts';
import { evaluateOutput } from '../core/models/evaluate-output.ts';
import type { ModelArtifact } from '../core/models/model-artifact.ts';
import type { ModelOutput } from '../core/models/model-output.ts';
import { createRng } from '../core/random.ts';
import { recipeVersion } from '../core/recipe/index.ts';
import type { RawTable } from '../core/table/raw-table.ts';
import { predictNetwork } from '../ml/predict-network.ts';
import { retrainRun } from '../ml/retrain-run.ts';
import type { SearchOutcome } from '../ml/search-models.ts';
import { UsageError } from './main.ts';

/** What `looplab run` asked of the evaluation (LIFECYCLE §5 point 10). */
export interface RunEvaluationOptions {
  /** The experiment's --seed: stability seeds after the best trial's own derive from it. */
  seed: number;
  /** --seeds K (≥ 2): retrain the best configuration with K seeds. */
  seeds?: number;
  /** --sensitive <col> (binary tasks): the fairness report over that column. */
  sensitive?: string;
  /** --card <out.md | out.html>: where to write the model card. */
  card?: string;
  /** The metric keys the CLI prints, in order (stability's per-seed test metrics use them). */
  metricKeys: readonly string[];
  /** The tfjs backend the models trained on. */
  backend: string;
  /** The CSV file and its SHA-256 from ingest. */
  dataset: { file: string; sha256?: string };
  /** Whether the test rows were fixed by --test-rows (the card says how the split was made). */
  fixedTestRows: boolean;
}

/** A segment as the CLI prints it: the per-segment metrics table is left out. */
export interface CompactSegment {
  label: string;
  /** The raw spellings the recipe merged into this category. */
  from?: readonly string[];
  rows: number;
  value: number;
  gap: number;
  flagged: boolean;
  reason?: string;
}

export interface RunEvaluationBlocks {
  segments: { column: string; metric: string; overall: number; segments: CompactSegment[] }[];
  fairness?: FairnessReport;
  stability?: {
    seeds: number[];
    perSeed: { seed: number; test: Record<string, number> }[];
    summary: Record<string, SeedSummary>;
  };
  probes: { total: number; ok: number; failures: ProbeReport[] };
  card?: string;
}

/**
 * Checks the evaluation flags against the table before anything trains, so a typo fails in a second and
 * not after the search: the sensitive column must exist, and fairness needs a binary task.
 */
export function checkEvaluationOptions(
  table: RawTable,
  task: string | undefined,
  options: Pick<RunEvaluationOptions, 'sensitive'>,
  usage: string,
): void {
  if (options.sensitive === undefined) return;
  if (!table.names.includes(options.sensitive)) {
    throw new Error(
      `--sensitive: the dataset has no column "${options.sensitive}". Columns: ${table.names.join(', ')}.`,
    );
  }
  if (task !== undefined && task !== 'binary') {
    throw new UsageError(`--sensitive needs a binary task; this one is ${task}. ${usage}`);
  }
}

/**
 * The evaluation of the best model of a `looplab run` (LIFECYCLE §5): segments by every source column the
 * pipeline reads, fairness over a sensitive column, stability across seeds, edge-case probes through the
 * serving path, and the model card.
 */
export async function runEvaluation(
  plan: AutoExperiment,
  data: ExperimentData,
  outcome: SearchOutcome,
  table: RawTable,
  options: RunEvaluationOptions,
): Promise<RunEvaluationBlocks> {
  const best = outcome.results[outcome.best]!;
  const testOutput = await predictNetwork(best.artifact, data.test.x, data.test.rows);
  const segmentReports = evaluationColumns(data.fitted, data, table, 'test').map((column): SegmentReport =>
    segmentMetrics({
      task: plan.task,
      yTrue: data.test.y,
      output: testOutput,
      column,
      metric: plan.metric,
    }),
  );

  let fairness: FairnessReport | undefined;
  if (options.sensitive !== undefined) {
    checkEvaluationOptions(table, plan.task, options, '');
    fairness = fairnessReport({
      yTrue: data.test.y,
      output: testOutput,
      column: evaluationColumn(data, table, 'test', options.sensitive, 'categorical')!,
    });
  }

  const stability =
    options.seeds === undefined ? undefined : await seedStability(plan, data, outcome, options);
  const probeReports = await runProbes(plan, data, table, best.artifact);
  const blocks: RunEvaluationBlocks = {
    segments: segmentReports.map((r) => ({
      column: r.column,
      metric: r.metric,
      overall: r.overall,
      segments: r.segments.map(({ label, from, rows, value, gap, flagged, reason }) => ({
        label,
        ...(from ? { from } : {}),
        rows,
        value,
        gap,
        flagged,
        ...(reason !== undefined ? { reason } : {}),
      })),
    })),
    ...(fairness ? { fairness } : {}),
    ...(stability ? { stability } : {}),
    probes: {
      total: probeReports.length,
      ok: probeReports.filter((p) => p.ok).length,
      failures: probeReports.filter((p) => !p.ok),
    },
  };

  if (options.card !== undefined) {
    const card: ModelCardData = {
      problem: {
        target: plan.features.target,
        task: plan.task,
        metric: plan.metric,
        higherIsBetter: higherIsBetter(plan.metric),
        ...(data.fitted.target.kind === 'classes' && data.fitted.target.positiveClass !== undefined
          ? { positiveClass: data.fitted.target.positiveClass }
          : {}),
        usage: 'batch',
        costNote: 'Not recorded: `looplab run` has no problem card.',
      },
      data: {
        datasetName: basename(options.dataset.file),
        sha256: options.dataset.sha256 ?? 'unknown',
        rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
        recipe: { version: recipeVersion(plan.recipe).slice(0, 12), hash: recipeVersion(plan.recipe) },
        pipelineVersion: pipelineVersion(data.fitted),
        split: { method: splitMethod(plan, options), seed: plan.split.seed },
      },
      model: {
        family: best.params.family,
        params: { ...best.params },
        seed: best.seed,
        backend: options.backend,
        commit: gitCommit(),
      },
      metrics: {
        validation: best.validation,
        test: best.test ?? evaluateOutput(plan.task, testOutput, data.test.y),
      },
      segments: segmentReports,
      ...(fairness ? { fairness } : {}),
      ...(stability ? { stability: stability.summary } : {}),
      probes: probeReports,
      limitations: limitations(plan, data, options, segmentReports, fairness, probeReports),
      generatedAt: new Date().toISOString(),
    };
    const path = options.card;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, /\.html?$/i.test(path) ? modelCardHtml(card) : modelCardMarkdown(card));
    blocks.card = path;
  }
  return blocks;
}

/** The raw cells of some rows of a table column, trimmed, blank as null; undefined when there is no such column. */
function rawCells(table: RawTable, name: string, rowIds: Uint32Array): (string | null)[] | undefined {
  const index = table.names.indexOf(name);
  if (index < 0) return undefined;
  const column = table.columns[index]!;
  return Array.from(rowIds, (r) => {
    const text = column[r]!.trim();
    return text === '' ? null : text;
  });
}

/**
 * Retrains the best configuration with K seeds (the best trial's own first, then seeds forked from the
 * experiment seed) for the epochs it trained, and scores each on the test rows.
 */
async function seedStability(
  plan: AutoExperiment,
  data: ExperimentData,
  outcome: SearchOutcome,
  options: RunEvaluationOptions,
): Promise<NonNullable<RunEvaluationBlocks['stability']>> {
  const best = outcome.results[outcome.best]!;
  const k = options.seeds!;
  const seeds = [best.seed];
  for (let i = 1; i < k; i++) seeds.push(createRng(options.seed).fork(`stability ${i}`).uint32());
  // A refit trains for exactly its recorded count; a searched run for the epochs its history shows.
  const epochs =
    best.params.family === 'baseline'
      ? 0
      : best.params.refit
        ? best.params.epochs
        : Math.max(1, best.history.length);
  const params = { ...best.params, epochs };
  const training = {
    task: plan.task,
    classes: data.classes,
    cols: data.cols,
    train: data.train,
    validation: data.validation,
  };
  const perSeed: { seed: number; test: Record<string, number> }[] = [];
  for (const seed of seeds) {
    const run = await retrainRun(
      training,
      params,
      seed,
      epochs,
      plan.metric,
      undefined,
      best.artifact.members,
    );
    const output = await predictNetwork(run.artifact, data.test.x, data.test.rows);
    const metrics = evaluateOutput(plan.task, output, data.test.y);
    const test: Record<string, number> = {};
    for (const key of options.metricKeys) if (key in metrics) test[key] = metrics[key]!;
    perSeed.push({ seed, test });
  }
  return { seeds, perSeed, summary: summarizeSeeds(perSeed.map((p) => p.test)) };
}

/** What training saw of each source column the pipeline reads, from the training rows' raw cells. */
function probeColumns(data: ExperimentData, table: RawTable): ProbeColumn[] {
  const out: ProbeColumn[] = [];
  for (const t of data.fitted.spec.transforms) {
    if (t.kind === 'drop' || out.some((c) => c.name === t.column)) continue;
    const cells = rawCells(table, t.column, data.rowIds.train);
    if (!cells) continue;
    if (t.kind === 'numeric') {
      const values = cells.map((c) => (c === null ? NaN : Number(c))).filter((v) => Number.isFinite(v));
      const n = values.length;
      const mean = n > 0 ? values.reduce((s, v) => s + v, 0) / n : undefined;
      const sd =
        mean !== undefined && n > 1
          ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1))
          : undefined;
      out.push({
        name: t.column,
        kind: 'numeric',
        train: {
          ...(n > 0 ? { min: Math.min(...values), max: Math.max(...values) } : {}),
          ...(mean !== undefined ? { mean } : {}),
          ...(sd !== undefined ? { sd } : {}),
        },
      });
    } else if (t.kind === 'tfidf' || t.kind === 'datetime') {
      out.push({ name: t.column, kind: t.kind === 'tfidf' ? 'text' : 'date', train: {} });
    } else {
      const values = [...new Set(cells.filter((c): c is string => c !== null))].sort();
      out.push({ name: t.column, kind: 'categorical', train: { values } });
    }
  }
  return out;
}

/**
 * Sends the edge-case probes through the serving path (recipe replayed, then the pipeline) and the model. A
 * row the recipe drops, or one that throws, is a clear error; a NaN prediction is a failure.
 */
async function runProbes(
  plan: AutoExperiment,
  data: ExperimentData,
  table: RawTable,
  artifact: ModelArtifact,
): Promise<ProbeReport[]> {
  const baseRowId = data.rowIds.test[0] ?? data.rowIds.validation[0] ?? data.rowIds.train[0];
  if (baseRowId === undefined) return [];
  const baseRow = Object.fromEntries(table.names.map((name, c) => [name, table.columns[c]![baseRowId]!]));
  const probes = edgeCaseProbes({ columns: probeColumns(data, table), baseRow });
  const model = { recipe: plan.recipe, recipeFitted: data.recipeFitted, pipeline: data.fitted };

  const probeOne = async (probe: Probe): Promise<ProbeReport> => {
    try {
      const served = serveFeatures(model, [probe.row], table.names);
      if (served.rows === 0) {
        return probeErrorReport(probe, new Error('the recipe drops this row, so it is not scored.'));
      }
      const output: ModelOutput = await predictNetwork(artifact, served.values, served.rows);
      return checkProbeOutput([probe], output)[0]!;
    } catch (error) {
      return probeErrorReport(probe, error);
    }
  };
  const reports: ProbeReport[] = [];
  for (const probe of probes) reports.push(await probeOne(probe));
  return reports;
}

function splitMethod(plan: AutoExperiment, options: RunEvaluationOptions): string {
  if (options.fixedTestRows) return `${plan.split.method} (train/validation), test rows fixed by --test-rows`;
  return plan.split.stratifyBy !== undefined
    ? `${plan.split.method}, stratified by ${plan.split.stratifyBy}`
    : plan.split.method;
}

/** The code version: the short commit of this checkout, or 'unknown' outside git. */
function gitCommit(): string {
  try {
    const out = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
    return out === '' ? 'unknown' : out;
  } catch {
    return 'unknown';
  }
}

function limitations(
  plan: AutoExperiment,
  data: ExperimentData,
  options: RunEvaluationOptions,
  segments: readonly SegmentReport[],
  fairness: FairnessReport | undefined,
  probes: readonly ProbeReport[],
): string[] {
  const out: string[] = [];
  out.push(
    `The test set has ${data.test.rows} rows: its metrics carry sampling error, larger the fewer the rows.`,
  );
  out.push(
    options.fixedTestRows
      ? `The test rows were fixed by --test-rows; train and validation are a random split (seed ${plan.split.seed}).`
      : `The split is ${splitMethod(plan, options)} (seed ${plan.split.seed}), not by time or group: ` +
          'performance on future or unseen groups may differ.',
  );
  for (const report of segments) {
    for (const s of report.segments.filter((s) => s.flagged)) {
      out.push(
        `Segment ${report.column} = ${s.label} (${s.rows} rows) is well ${report.higherIsBetter ? 'below' : 'above'} ` +
          `overall on ${report.metric}: ${s.value.toPrecision(4)} against ${report.overall.toPrecision(4)}.`,
      );
    }
  }
  if (fairness)
    for (const flag of fairness.flags) out.push(`Fairness by ${fairness.column}: ${flag.message}`);
  else if (plan.task === 'binary') out.push('Fairness was not assessed: no sensitive column was given.');
  const failed = probes.filter((p) => !p.ok);
  if (failed.length > 0) {
    out.push(
      `${failed.length} edge-case probe(s) gave no valid prediction: ` +
        failed.map((p) => `${p.probe} in ${p.column}`).join(', ') +
        '.',
    );
  }
  out.push('Usage and the cost of a wrong prediction were not recorded: `looplab run` has no problem card.');
  return out;
}
