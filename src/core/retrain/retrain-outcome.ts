import type { ChallengerDecision } from '../evaluate/champion-challenger.ts';
import type { FittedPipeline } from '../features/index.ts';
import type { ModelArtifact } from '../models/model-artifact.ts';
import type { ModelParams } from '../models/model-params.ts';
import type { EpochRecord, MatrixSet } from '../models/training-data.ts';
import type { MetricName } from '../problem/problem-card.ts';
import type { FittedValues, Recipe } from '../recipe/index.ts';
import type { RawTable } from '../table/raw-table.ts';
import type { NewDataReport } from './new-data-report.ts';
import type { NewRowsPlacement } from './retrain-data.ts';

/** The steps of the retrain loop (LIFECYCLE §8), in order. */
export type RetrainStepName = 'validate' | 'prepare' | 'train' | 'evaluate' | 'compare' | 'decide';

/**
 * One step of the loop as it finished, for the timeline: `passed`, `warning` (it went on, with something to
 * read: validation warnings, a comparison the challenger lost, a kept champion) or `failed` (the loop
 * stopped there: validation errors, or an error, whose message is the step's).
 */
export interface RetrainStep {
  step: RetrainStepName;
  status: 'passed' | 'warning' | 'failed';
  /** One line for the timeline. */
  message: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** Plain JSON: the numbers behind the message. */
  evidence: Record<string, unknown>;
}

/**
 * What to do with the challenger. `promote`: the caller deploys it as the challenger, in shadow or canary
 * (the loop deploys nothing). `keep`: the champion stays and the caller stores `alert`.
 */
export interface RetrainDecision {
  action: 'promote' | 'keep';
  /** One line: why. */
  reason: string;
  alert?: { kind: 'retrain-blocked' | 'retrain-kept-champion'; message: string };
}

/** compareChallenger's verdict with the numbers it judged. */
export interface RetrainComparison extends ChallengerDecision {
  metric: MetricName;
  higherIsBetter: boolean;
  champion: number;
  challenger: number;
  absoluteBar?: number;
  minImprovement?: { absolute?: number; relative?: number };
  /** Per-seed test scores, when the loop ran the paired test. */
  paired?: { seeds: number[]; champion: number[]; challenger: number[]; testTrainRatio: number };
}

/** One configuration the retrain trained, for the leaderboard. */
export interface RetrainTrial {
  /** 0: the champion's own configuration and seed; 1…: the small search around it. */
  trial: number;
  params: ModelParams;
  seed: number;
  /** The problem's metric on the validation rows. */
  score: number;
  validation: Record<string, number>;
  epochs: number;
  bestEpoch: number;
  trainMs: number;
}

/** The trained challenger: everything a run record and a bundle need. */
export interface RetrainChallenger {
  trial: number;
  params: ModelParams;
  seed: number;
  history: EpochRecord[];
  bestEpoch: number;
  artifact: ModelArtifact;
  pipeline: FittedPipeline;
  recipe: Recipe;
  recipeFitted: FittedValues;
  metrics: { validation: Record<string, number>; test: Record<string, number> };
  /** Lineage beyond what the caller knows (the dataset records, the problem and recipe versions). */
  lineage: {
    championBundleId: string;
    championRunId: string;
    recipeHash: string;
    pipelineVersion: string;
    testRowsHash: string;
    rows: { train: number; validation: number; test: number };
  };
  /** Every configuration tried, trial 0 first. */
  trials: RetrainTrial[];
  /** The data it trained on (the old rows, then the appended batch rows) and each set's rows in it. */
  table: RawTable;
  rowIds: { train: Uint32Array; validation: Uint32Array; test: Uint32Array };
  /** The training rows as the model saw them (row i is `rowIds.train[i]`), for the drift reference. */
  train: MatrixSet;
}

/** The champion on the sealed test rows, scored with its own bundle. */
export interface ChampionScores {
  bundleId: string;
  test: Record<string, number>;
  /** The test metrics recorded in the bundle when it was built. */
  recorded?: Record<string, number>;
}

export type RetrainOutcome =
  | {
      /** The new data failed validation: nothing was trained. */
      status: 'blocked';
      validation: NewDataReport;
      steps: RetrainStep[];
      decision: RetrainDecision;
    }
  | {
      status: 'completed';
      validation: NewDataReport;
      steps: RetrainStep[];
      decision: RetrainDecision;
      newRows: NewRowsPlacement;
      /** Sealed test rows both models were scored on. */
      testRows: number;
      champion: ChampionScores;
      challenger: RetrainChallenger;
      comparison: RetrainComparison;
    };
