import type { FeatureDrift } from './feature-drift.ts';

/** The dataset drifts when at least this share of the counted features drift (Evidently's `drift_share`). */
export const DATASET_DRIFT_SHARE = 0.5;

export interface DatasetDrift {
  features: FeatureDrift[];
  /** Features that were judged and count towards the share (not ID, text or date, not too small). */
  counted: number;
  drifted: number;
  /** drifted / counted; 0 when nothing was counted. */
  shareDrifted: number;
  datasetDrift: boolean;
  /** Every feature's warnings, then the dataset's own. */
  warnings: string[];
}

/**
 * The dataset-level verdict over features from `featureDrift`: the share of counted features that drift,
 * and drift when that share is at least 50% (LIFECYCLE.md §7). ID-like, free-text and date columns, and
 * features whose windows were too small to judge, are listed but left out of the share: counting them would
 * let a column that always "drifts" (a row ID, a date) or one that cannot be judged move the verdict.
 *
 * @example
 * datasetDrift([cnt, temp, instant]); // cnt drifts, temp does not, instant is an ID:
 * // { counted: 2, drifted: 1, shareDrifted: 0.5, datasetDrift: true, … }
 */
export function datasetDrift(features: readonly FeatureDrift[], share = DATASET_DRIFT_SHARE): DatasetDrift {
  const counted = features.filter((f) => f.counted);
  const drifted = counted.filter((f) => f.drift).length;
  const shareDrifted = counted.length === 0 ? 0 : drifted / counted.length;
  const warnings = features.flatMap((f) => f.warnings);
  if (counted.length === 0 && features.length > 0)
    warnings.push('No feature could be judged (all are IDs, text or dates, or their windows are too small).');
  return {
    features: [...features],
    counted: counted.length,
    drifted,
    shareDrifted,
    datasetDrift: counted.length > 0 && shareDrifted >= share,
    warnings,
  };
}
