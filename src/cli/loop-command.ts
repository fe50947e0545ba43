import { readFile } from 'node:fs/promises';
import { z } from '../core/zod.ts';
import { parseBundle, type ModelBundle } from '../core/bundle/index.ts';
import type { SplitRequest } from '../core/prepare/prepare-dataset.ts';
import { decodeProjectFile, type ProjectSnapshot } from '../core/project-file/index.ts';
import type { RetrainOutcome } from '../core/retrain/index.ts';
import { concatChunks } from '../core/table/concat-chunks.ts';
import type { RawTable } from '../core/table/raw-table.ts';
import { runRetrainLoop } from '../ml/retrain-loop.ts';
import { UsageError } from './main.ts';
import { parseOptions } from './profile-command.ts';
import { readTable } from './read-table.ts';
import { initNodeBackend } from './tf-node.ts';

export const LOOP_USAGE =
  'usage: looplab loop <project-file> <new-data.csv> [--search N] [--seed S] [--min-improvement X|X%] ' +
  '[--backend cpu|wasm] [--budget-s N] [--max-epochs N] [--seeds K]';

/** What the loop needs from a project file: the champion and the data and split it was trained on. */
export interface ChampionInputs {
  bundle: ModelBundle;
  /** The registered version's number. */
  version: number;
  oldTable: RawTable;
  /** A retrained champion's batches, oldest first (its lineage's `appended`). */
  earlierBatches: RawTable[];
  split: SplitRequest;
  /** The champion run's seed, when its run is in the file. */
  runSeed?: number;
}

/**
 * `looplab loop <project-file> <new-data.csv>`: the retrain loop (LIFECYCLE §8) headless. Reads an exported
 * project, takes the version the `champion` alias points at, rebuilds its training data from the file's
 * dataset chunks and saved split, validates the new labelled CSV against it, retrains (the champion's
 * configuration and seed; `--search N` adds N configurations around it within `--budget-s`), scores both
 * models on the sealed test rows, applies the promotion rules (`--min-improvement`, absolute, or relative
 * with a `%`; `--seeds K` adds the corrected paired t-test over K seeds) and prints the decision with its
 * evidence. Promoting is the caller's move: nothing is written.
 */
export async function loopCommand(args: string[]) {
  const { options, positional } = withUsage(() =>
    parseOptions(
      args,
      ['search', 'seed', 'min-improvement', 'backend', 'budget-s', 'max-epochs', 'seeds'],
      [],
    ),
  );
  const [projectPath, csvPath] = positional;
  if (!projectPath || !csvPath || positional.length > 2) throw new UsageError(LOOP_USAGE);
  const search = integer(options.search, 'search', 0, 0);
  const budgetS = Number(options['budget-s'] ?? 60);
  if (!(budgetS > 0)) throw new UsageError(`--budget-s must be a positive number of seconds. ${LOOP_USAGE}`);
  const maxEpochs =
    options['max-epochs'] === undefined ? undefined : integer(options['max-epochs'], 'max-epochs', 1, 1);
  const seeds = options.seeds === undefined ? undefined : integer(options.seeds, 'seeds', 2, 2);
  const minImprovement = parseMinImprovement(options['min-improvement']);
  const backendName = (options.backend as string | undefined) ?? 'wasm';
  if (backendName !== 'wasm' && backendName !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu. ${LOOP_USAGE}`);

  const bytes = await readFile(projectPath).catch(() => {
    throw new Error(`cannot read project file "${projectPath}".`);
  });
  const snapshot = decodeProjectFile(new Uint8Array(bytes));
  const inputs = championInputs(snapshot);
  const seed = options.seed === undefined ? (inputs.runSeed ?? 42) : integer(options.seed, 'seed', 0);
  const { table: batch } = await readTable(csvPath);
  const backend = await initNodeBackend(backendName);
  const outcome = await runRetrainLoop({
    champion: inputs.bundle,
    oldTable: inputs.oldTable,
    earlierBatches: inputs.earlierBatches,
    split: inputs.split,
    batch,
    seed,
    championSeed: inputs.runSeed ?? seed,
    search: { trials: search, budgetMs: budgetS * 1000 },
    ...(minImprovement ? { minImprovement } : {}),
    ...(seeds !== undefined ? { pairedSeeds: seeds } : {}),
    ...(maxEpochs !== undefined ? { maxEpochs } : {}),
  });
  return loopReport(snapshot, inputs, outcome, backend);
}

/**
 * Finds the champion in a decoded project file, with the dataset and saved split it was trained on.
 *
 * @throws Error naming what is missing: the alias, the version it points at, the dataset or its chunks,
 *   the recipe version or its saved split.
 */
export function championInputs(snapshot: ProjectSnapshot): ChampionInputs {
  const project = `Project "${snapshot.project.name}"`;
  const alias = snapshot.aliases.find((a) => a.alias === 'champion');
  if (!alias) {
    const others = snapshot.aliases.map((a) => `"${a.alias}"`).join(', ');
    throw new Error(
      `${project} has no champion: aliases.json has no "champion" alias${others ? ` (only ${others})` : ''}. ` +
        'Register a model version and make it the champion first.',
    );
  }
  const record = snapshot.bundles.find((b) => b.id === alias.bundleId);
  if (!record) {
    throw new Error(
      `${project}: the champion alias points at model version '${alias.bundleId}', which bundles.json does not hold.`,
    );
  }
  const bundle = parseBundle(record.payload, `bundles.json: version ${record.version} (id '${record.id}')`);
  const { lineage } = bundle;
  // The dataset it was trained on, then (a retrained champion) the batches appended to it.
  const tableOf = (datasetId: string, sha256: string) => {
    const dataset = snapshot.datasets.find((d) => d.id === datasetId);
    if (!dataset) {
      throw new Error(
        `${project}: the champion (version ${record.version}) was trained on dataset '${datasetId}', which datasets.json does not hold.`,
      );
    }
    if (dataset.sha256 !== sha256) {
      throw new Error(
        `${project}: dataset "${dataset.name}" has SHA-256 ${dataset.sha256.slice(0, 12)}…, but the champion was trained on ${sha256.slice(0, 12)}….`,
      );
    }
    const chunks = snapshot.chunks
      .filter((c) => c.datasetId === dataset.id)
      .sort((a, b) => a.index - b.index)
      .map((c) => c.columns);
    const names = [...dataset.columns].sort((a, b) => a.index - b.index).map((c) => c.name);
    return concatChunks(names, chunks);
  };
  const oldTable = tableOf(lineage.datasetId, lineage.datasetSha256);
  const earlierBatches = (lineage.appended ?? []).map((b) => tableOf(b.datasetId, b.datasetSha256));
  const recipe = snapshot.recipes.find((r) => r.id === lineage.recipeId);
  if (!recipe) {
    throw new Error(
      `${project}: the champion's recipe '${lineage.recipeId}' (version ${lineage.recipeVersion}) is not in recipes.json.`,
    );
  }
  const split = splitRequestSchema.safeParse((recipe.split as { request?: unknown } | undefined)?.request);
  if (!split.success) {
    throw new Error(
      `${project}: recipe version ${recipe.version} has no saved split request, so the sealed test rows cannot be rebuilt.`,
    );
  }
  const run = snapshot.runs.find((r) => r.id === lineage.runId);
  return {
    bundle,
    version: record.version,
    oldTable,
    earlierBatches,
    split: split.data,
    ...(run ? { runSeed: run.seed } : {}),
  };
}

const splitRequestSchema = z.object({
  method: z.enum(['random', 'time', 'group']),
  seed: z.number().int(),
  fractions: z.tuple([z.number(), z.number(), z.number()]),
  stratifyBy: z.string().optional(),
  column: z.string().optional(),
}) satisfies z.ZodType<SplitRequest>;

/** The JSON `looplab loop` prints: the decision first, then the evidence behind it. */
function loopReport(
  snapshot: ProjectSnapshot,
  inputs: ChampionInputs,
  outcome: RetrainOutcome,
  backend: string,
) {
  const { bundle } = inputs;
  const head = {
    project: snapshot.project.name,
    status: outcome.status,
    decision: outcome.decision,
    champion: {
      bundleId: bundle.id,
      version: inputs.version,
      name: bundle.name,
      runId: bundle.lineage.runId,
      metric: bundle.problem.metric,
    },
    backend,
    validation: outcome.validation,
  };
  const steps = outcome.steps;
  if (outcome.status === 'blocked') return { ...head, steps };
  const { challenger, comparison } = outcome;
  return {
    ...head,
    newRows: outcome.newRows,
    testRows: outcome.testRows,
    metrics: {
      metric: comparison.metric,
      champion: { test: outcome.champion.test, recorded: outcome.champion.recorded ?? null },
      challenger: challenger.metrics,
    },
    comparison,
    challenger: {
      trial: challenger.trial,
      params: challenger.params,
      seed: challenger.seed,
      epochs: challenger.history.length,
      bestEpoch: challenger.bestEpoch,
      lineage: challenger.lineage,
      trials: challenger.trials,
    },
    steps,
  };
}

function withUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`${error.message.replace(/\s*usage:.*$/s, '')} ${LOOP_USAGE}`);
  }
}

function integer(value: string | true | undefined, name: string, fallback: number, min = -Infinity): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(
      `--${name} must be an integer${min > -Infinity ? ` of at least ${min}` : ''}. ${LOOP_USAGE}`,
    );
  return n;
}

/** "0.01": absolute; "2%": relative to the champion's score. */
function parseMinImprovement(
  value: string | true | undefined,
): { absolute?: number; relative?: number } | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const relative = text.endsWith('%');
  const n = Number(relative ? text.slice(0, -1) : text);
  if (text === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`--min-improvement must be a number ≥ 0, or a percentage like 2%. ${LOOP_USAGE}`);
  return relative ? { relative: n / 100 } : { absolute: n };
}
