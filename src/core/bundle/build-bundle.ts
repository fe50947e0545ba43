import type { ProblemCard } from '../problem/problem-card.ts';
import type { RecipeStep } from '../recipe/index.ts';
import type { RunRecord } from '../records.ts';
import { BundleError } from './bundle-error.ts';
import type { DriftReference } from './drift-reference.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA_VERSION,
  DEFAULT_THRESHOLD,
  type BundleSignature,
  type ModelBundle,
} from './model-bundle.ts';
import { parseBundle } from './parse-bundle.ts';

export interface BuildBundleInput {
  run: RunRecord;
  problem: ProblemCard;
  /** The recipe the run was trained with (the steps of the recipe version its lineage names). */
  recipeSteps: RecipeStep[];
  signature: BundleSignature;
  example: Record<string, string>;
  reference: DriftReference;
  /** Binary decision threshold on P(positive). Default: the model's own (chosen in the search), else 0.5. */
  threshold?: number;
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Default: the run's name, else "Run <id>". */
  name?: string;
}

/** The run fields a bundle cannot be built without. */
const REQUIRED_RUN_FIELDS = ['artifact', 'pipeline', 'recipeFitted', 'lineage'] as const;

/**
 * Packages a finished run into an immutable model bundle, then checks the result with the same schema an
 * import uses, so a bundle that builds is a bundle that imports and scores.
 *
 * @throws BundleError('invalid') when the run is not finished, lacks a field (named), or the parts disagree
 *   (e.g. the model's input width is not the pipeline's feature count).
 * @example
 * const bundle = buildBundle({ run, problem, recipeSteps, signature, example, reference, id, createdAt: Date.now() });
 */
export function buildBundle(input: BuildBundleInput): ModelBundle {
  const { run } = input;
  if (run.status !== 'finished') {
    throw new BundleError(
      'invalid',
      `Run '${run.id}' cannot be packaged: its status is '${run.status}', not 'finished'.`,
    );
  }
  for (const field of REQUIRED_RUN_FIELDS) {
    if (run[field] === undefined) {
      throw new BundleError('invalid', `Run '${run.id}' cannot be packaged: it has no '${field}'.`);
    }
  }
  const bundle = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    id: input.id,
    createdAt: input.createdAt,
    name: input.name ?? run.name ?? `Run ${run.id}`,
    problem: input.problem,
    recipe: { steps: input.recipeSteps },
    recipeFitted: run.recipeFitted,
    pipeline: run.pipeline,
    model: run.artifact,
    signature: input.signature,
    example: input.example,
    threshold: input.threshold ?? modelThreshold(run.artifact) ?? DEFAULT_THRESHOLD,
    reference: input.reference,
    lineage: { ...run.lineage, runId: run.id },
    metrics: { validation: run.metrics, ...(run.test === undefined ? {} : { test: run.test }) },
  };
  // The run stores artifact, pipeline and recipeFitted as open JSON; the schema is what types them.
  return parseBundle(bundle, `Run '${run.id}'`);
}

/** The threshold the search chose for the run's model, if any (the artifact is open JSON until parsed). */
function modelThreshold(artifact: Record<string, unknown> | undefined): number | undefined {
  const value = artifact?.threshold;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
