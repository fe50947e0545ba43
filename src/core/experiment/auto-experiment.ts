import { suggestFeatures, type FeatureSpec } from '../features/index.ts';
import { analyseDataset, type DatasetAnalysis } from '../prepare/analyse-dataset.ts';
import type { SplitRequest } from '../prepare/prepare-dataset.ts';
import { METRICS, type MetricName, type TaskType } from '../problem/problem-card.ts';
import type { Recipe, RecipeStep } from '../recipe/index.ts';
import type { RawTable } from '../table/raw-table.ts';
import { featureColumns } from './feature-columns.ts';

export interface AutoExperimentOptions {
  target: string;
  task?: TaskType;
  positiveClass?: string;
  /** Columns to leave out, in addition to what the suggestions drop. */
  drop?: string[];
  seed: number;
  /** [train, validation, test]; with fixed test rows only the first two matter. */
  fractions?: [number, number, number];
}

export interface AutoExperiment {
  analysis: DatasetAnalysis;
  task: TaskType;
  metric: MetricName;
  recipe: Recipe;
  split: SplitRequest;
  features: FeatureSpec;
}

/**
 * The headless path through stages 1–3 (what `looplab run` does): define the problem (the task guessed unless
 * given), accept every suggested cleaning step, split (stratified by the target for classification), and
 * take the suggested feature transforms for the columns that are left.
 */
export function autoExperiment(table: RawTable, options: AutoExperimentOptions): AutoExperiment {
  const { target } = options;
  if (!table.names.includes(target)) {
    throw new Error(`The dataset has no column "${target}". Columns: ${table.names.join(', ')}.`);
  }
  for (const name of options.drop ?? []) {
    if (!table.names.includes(name)) throw new Error(`--drop: the dataset has no column "${name}".`);
    if (name === target) throw new Error(`--drop: "${name}" is the target.`);
  }
  const analysis = analyseDataset(table, { target });
  const task = options.task ?? analysis.target!.guessedTaskType;
  const steps: RecipeStep[] = analysis.suggestions.flatMap((s) => s.steps);
  // Columns the suggestions already drop (IDs, leaks) are not dropped twice.
  const remaining = new Set(featureColumns(analysis.profile.columns, steps, target).map((c) => c.name));
  const drop = (options.drop ?? []).filter((name) => remaining.has(name));
  if (drop.length) steps.push({ id: 'drop-user-columns', kind: 'drop-columns', columns: drop });
  const recipe: Recipe = { steps };

  const columns = featureColumns(analysis.profile.columns, steps, target);
  const positiveClass = task === 'binary' ? options.positiveClass : undefined;
  if (positiveClass !== undefined) {
    const classes = analysis.target!.classes.map((c) => c.value);
    if (!classes.includes(positiveClass)) {
      throw new Error(`--positive: "${positiveClass}" is not a value of ${target} (${classes.join(', ')}).`);
    }
  }
  const features = suggestFeatures(columns, target, task, positiveClass);
  const fractions = options.fractions ?? [0.7, 0.15, 0.15];
  const split: SplitRequest = {
    method: 'random',
    seed: options.seed,
    fractions,
    ...(task === 'regression' ? {} : { stratifyBy: target }),
  };
  return { analysis, task, metric: METRICS[task][0]!.name, recipe, split, features };
}
