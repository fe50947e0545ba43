import { scoreBundleTable, type ModelBundle } from '../bundle/index.ts';
import { metricsForRows } from '../evaluate/metrics-for-rows.ts';
import type { FittedPipeline } from '../features/index.ts';
import type { ModelOutput } from '../models/model-output.ts';
import type { TaskType } from '../problem/problem-card.ts';
import type { RawTable } from '../table/raw-table.ts';
import { pickRows } from './append-rows.ts';

export interface SealedTestInput {
  task: TaskType;
  champion: ModelBundle;
  /** The challenger's data table and its test rows in it (the sealed rows the recipe kept). */
  table: RawTable;
  testRowIds: Uint32Array;
  /** The challenger's encoded targets and predictions for those rows, and its pipeline (for class names). */
  y: Float64Array;
  challengerOutput: ModelOutput;
  challengerPipeline: FittedPipeline;
}

export interface SealedTestScores {
  /** Test rows both models scored (the champion's serving recipe may drop a row the challenger kept). */
  rows: number;
  champion: Record<string, number>;
  challenger: Record<string, number>;
}

/**
 * Both models on the same sealed test rows (LIFECYCLE §8, step 3): the champion through its own bundle
 * (recipe replay with what it learned, its pipeline, its weights: the path it serves by), the challenger
 * from its predictions, with the same metric code. Labels are matched to each model's classes by name.
 *
 * @throws Error when a test label is not one of the champion's classes.
 */
export function scoreSealedTest(input: SealedTestInput): SealedTestScores {
  const { task, champion, y } = input;
  const served = scoreBundleTable(champion, pickRows(input.table, input.testRowIds));
  const kept = Array.from(served.kept);
  const toChampion = classIndexMap(input.challengerPipeline, champion.pipeline);
  const yChampion = Float64Array.from(kept, (i) => {
    if (toChampion === null) return y[i]!;
    const k = toChampion[y[i]!]!;
    if (k < 0) throw new Error('A sealed test row has a class the champion does not know (a bug): stopped.');
    return k;
  });
  return {
    rows: kept.length,
    champion: metricsForRows(task, yChampion, served.output),
    challenger: metricsForRows(task, y, input.challengerOutput, kept),
  };
}

/** For each challenger class index, the champion's index of the same class; null for regression. */
function classIndexMap(challenger: FittedPipeline, champion: FittedPipeline): number[] | null {
  if (challenger.target.kind !== 'classes' || champion.target.kind !== 'classes') return null;
  const classes = champion.target.classes;
  return challenger.target.classes.map((c) => classes.indexOf(c));
}
