import type { ModelFamily, ModelParams } from '../models/model-params.ts';
import type { EpochRecord } from '../models/training-data.ts';

/** What the train worker tells the page while an experiment runs (all plain data, cloned across threads). */
export type TrainEvent =
  | { type: 'phase'; phase: 'loading' | 'preparing' | 'training' | 'importance' | 'saving'; message: string }
  | {
      type: 'trial-start';
      runId: string;
      trial: number;
      name: string;
      params: ModelParams;
      maxEpochs: number;
    }
  | { type: 'epoch'; runId: string; trial: number; record: EpochRecord }
  | { type: 'step'; runId: string; trial: number; done: number; total: number };

/** What the page asks the train worker to run. */
export interface ExperimentSpec {
  /** Chosen by the page, so that it can mark the sweep's runs cancelled after terminating the worker. */
  sweepId: string;
  projectId: string;
  problemId: string;
  recipeId: string;
  /** The feature transforms (FeatureSpec), as the user left them. */
  features: unknown;
  families: ModelFamily[];
  /** 'auto': AutoML, cross-validated, refit and ensembled, searching while the budget lasts (issue 17). */
  strategy: 'grid' | 'random' | 'auto';
  randomTrials: number;
  halving: boolean;
  budgetMs: number;
  seed: number;
  /** Cap every trial's epochs (quick runs, tests). */
  maxEpochs?: number;
  /** Permutation importance of the best run, on the validation rows. */
  importance: boolean;
  /** Stop starting trials once one reaches the problem card's metric target. */
  stopAtTarget: boolean;
}

export interface ExperimentSummary {
  sweepId: string;
  runIds: string[];
  bestRunId: string | undefined;
  backend: string;
  stoppedByBudget: boolean;
  reachedTarget: boolean;
  skipped: number;
  /** AutoML only: why the search stopped, and how candidates were compared. */
  stopReason?: 'budget' | 'no-improvement' | 'target' | 'exhausted' | 'max-trials';
  selection?: { method: 'cv'; folds: number; rows: number } | { method: 'holdout'; rows: number };
  /** Families left out because features keep missing values (only trees and the baseline take them). */
  refusedFamilies?: string[];
}

/** How a rerun of a run compares with the run. */
export interface ReproduceSummary {
  runId: string;
  /** Every validation metric equal, bit for bit. */
  identical: boolean;
  /** Largest absolute difference over the validation metrics. */
  maxAbsDiff: number;
  backend: string;
  originalBackend: string;
}
