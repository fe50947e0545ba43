import {
  buildBundle,
  cellsOfRows,
  driftReference,
  encodeBundle,
  decodeBundle,
  type BundleSignature,
  type ModelBundle,
} from '../src/core/bundle/index.ts';
import type { FittedPipeline } from '../src/core/features/index.ts';
import type { ModelArtifact } from '../src/core/models/model-artifact.ts';
import { predictArtifact } from '../src/core/models/predict-artifact.ts';
import type { RecipeStep } from '../src/core/recipe/index.ts';
import type { ColumnType } from '../src/core/table/raw-table.ts';
import { runData } from './run-data.ts';
import { workerStorage } from './worker-storage.ts';

/** The column type a transform implies, for the bundle's input signature. */
const TYPE_OF: Record<string, ColumnType> = {
  numeric: 'number',
  onehot: 'category',
  frequency: 'category',
  ordinal: 'category',
  boolean: 'boolean',
  datetime: 'date',
  tfidf: 'text',
};

/**
 * Packages a finished run as an immutable model bundle (LIFECYCLE §6), with the drift reference computed
 * from its training rows, and registers it as the project's next model version.
 */
export async function registerRun(runId: string, tags: string[] = []) {
  const storage = await workerStorage();
  const run = await storage.getRun(runId);
  if (!run?.lineage || !run.pipeline) throw new Error('Only a finished run can be registered.');
  const { inputs, data, table } = await runData(run);
  const pipeline = run.pipeline as unknown as FittedPipeline;
  const target = inputs.card.target;
  const used = new Map(
    pipeline.spec.transforms.filter((t) => t.kind !== 'drop').map((t) => [t.column, t.kind]),
  );
  const signature: BundleSignature = {
    target,
    columns: table.names
      .filter((name) => name !== target)
      .map((name) => ({ name, type: TYPE_OF[used.get(name) ?? ''] ?? 'text', required: used.has(name) })),
  };
  const cells = cellsOfRows(table, signature.columns, data.rowIds.train);
  const artifact = run.artifact as unknown as ModelArtifact;
  const first = data.rowIds.train[0]!;
  const bundle = buildBundle({
    run,
    problem: inputs.card,
    recipeSteps: inputs.recipe.steps as unknown as RecipeStep[],
    signature,
    example: Object.fromEntries(table.names.map((name, c) => [name, table.columns[c]![first]!])),
    reference: driftReference(
      signature.columns,
      cells,
      predictArtifact(artifact, data.train.x, data.train.rows),
    ),
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    name: run.name ?? run.id,
  });
  return storage.registerBundle({
    projectId: run.projectId,
    runId,
    payload: bundle as unknown as Record<string, unknown>,
    tags,
    id: bundle.id,
  });
}

/** A registered version as one zip file. */
export async function exportBundle(bundleId: string): Promise<Uint8Array> {
  const stored = await (await workerStorage()).getBundle(bundleId);
  if (!stored) throw new Error('That model version is no longer stored.');
  return encodeBundle(stored.payload as unknown as ModelBundle, { appVersion: __APP_VERSION__ });
}

/** Validates a bundle file completely, then registers it in the project; a bad file stores nothing. */
export async function importBundle(projectId: string, bytes: Uint8Array) {
  const bundle = decodeBundle(bytes);
  return (await workerStorage()).registerBundle({
    projectId,
    runId: bundle.lineage.runId,
    payload: bundle as unknown as Record<string, unknown>,
    tags: ['imported'],
  });
}
