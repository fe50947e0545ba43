import type { ModelArtifact } from './model-artifact.ts';
import type { ModelParams } from './model-params.ts';
import type { EpochRecord } from './training-data.ts';

/** One trained configuration of a search, as the leaderboard and the run record need it. */
export interface TrialResult {
  trial: number;
  params: ModelParams;
  /** The seed this trial trained with (the experiment's seed, forked per trial). */
  seed: number;
  history: EpochRecord[];
  /** The epoch whose weights were kept (0 for the baseline). */
  bestEpoch: number;
  /** The problem metric on the validation rows at the best epoch. */
  score: number;
  validation: Record<string, number>;
  /** Present when the test set was scored for this trial. */
  test?: Record<string, number>;
  trainMs: number;
  /**
   * Milliseconds per row to predict the validation rows with the artifact's float64 forward pass (the
   * serving path's model step), as H2O's leaderboard reports it.
   */
  predictMsPerRow?: number;
  /** Successive halving stopped it at a rung with fewer epochs than the survivors got. */
  pruned: boolean;
  rung: number;
  artifact: ModelArtifact;
  /**
   * Cross-validated selection: the problem metric (as a score, higher is better) on each fold's held-out
   * rows, their mean (which `score` then is) and standard deviation. `validation` then holds the metrics of
   * the out-of-fold predictions of every pool row.
   */
  cv?: { scores: number[]; mean: number; std: number };
  /**
   * The winner (and an ensemble's members) refit on all non-test rows for the epoch or iteration count found
   * in selection; `artifact` is then the refit model. `skipped` says why a refit was not made.
   */
  refit?: { rows: number; epochs: number } | { skipped: string };
}
