import type { TaskType } from '../problem/problem-card.ts';

/**
 * What the user asks the feature pipeline to do (LIFECYCLE §3): one transform per source column (or several,
 * e.g. a number both scaled and binned). A spec holds choices only; what is learned from the training rows
 * lives in the fitted pipeline (see fitted-pipeline.ts).
 */

/**
 * A part of a date or datetime column. `weekday` counts from 0 = Monday; `hour` is 0 for a date without a
 * time; `days_since` is days (fractional when there is a time) after the reference date; `day_of_year` is
 * 1 on 1 January, up to 366 in a leap year. The cyclic parts place the month and the day of the year on a
 * circle, so that December sits next to January: `month_sin` = sin(2π(month − 1)/12), `month_cos` likewise,
 * and `day_of_year_sin` = sin(2π(day_of_year − 1)/days_in_year) with 365 or 366 days. Dates are UTC.
 */
export type DatePart =
  | 'year'
  | 'month'
  | 'day'
  | 'weekday'
  | 'hour'
  | 'is_weekend'
  | 'days_since'
  | 'day_of_year'
  | 'month_sin'
  | 'month_cos'
  | 'day_of_year_sin'
  | 'day_of_year_cos';

/**
 * Every date part. Fitted pipelines store parts by name and the encoder switches on a part's index here, so
 * new parts go at the end and existing ones never move.
 */
export const DATE_PARTS: readonly DatePart[] = [
  'year',
  'month',
  'day',
  'weekday',
  'hour',
  'is_weekend',
  'days_since',
  'day_of_year',
  'month_sin',
  'month_cos',
  'day_of_year_sin',
  'day_of_year_cos',
];

/**
 * One transform of one source column.
 * - numeric: parse, impute, clip, log1p, then scale, or one-hot quantile bins (bins replace scaling);
 * - onehot: the top K training values, an "(other)" column for the rest and for values never seen in training;
 * - ordinal: position in a user-given order, scaled to [0, 1];
 * - frequency: share of training rows holding the value;
 * - datetime: the chosen parts, standardized (except is_weekend, 0/1, and the sin/cos parts, in [−1, 1]);
 * - tfidf: TF-IDF over a vocabulary of the maxVocab most common training terms;
 * - boolean: 1 for true, 0 for false;
 * - drop: the column is not a feature (it is not even read).
 */
export type FeatureTransform =
  | {
      kind: 'numeric';
      column: string;
      /**
       * 'keep' leaves a missing value missing (NaN in the matrix, no indicator column) for gradient-boosted
       * trees, which learn where missing rows go at each split; other families refuse such a matrix.
       */
      impute: 'median' | 'mean' | 'zero' | 'keep';
      /** Signed log: log1p(x) for x ≥ 0, −log1p(−x) below, so negative values stay finite and ordered. */
      log1p?: boolean;
      /** Fixed bounds, or bounds at these training quantiles (each in [0, 1]). Applied before log1p. */
      clip?: { lower: number; upper: number } | { quantiles: [number, number] };
      scale: 'standardize' | 'minmax' | 'none';
      /** Quantile bins, one-hot encoded; replaces scaling. At least 2. */
      bins?: number;
    }
  | { kind: 'onehot'; column: string; topK: number }
  | { kind: 'ordinal'; column: string; order: string[] }
  | { kind: 'frequency'; column: string }
  | {
      kind: 'datetime';
      column: string;
      parts: DatePart[];
      /** The date `days_since` counts from (any format the recipe's parseDateText reads); default: the earliest training date. */
      reference?: string;
    }
  | { kind: 'tfidf'; column: string; maxVocab: number }
  | { kind: 'boolean'; column: string }
  | { kind: 'drop'; column: string };

/** The kinds of {@link FeatureTransform}. */
export type FeatureTransformKind = FeatureTransform['kind'];

/** The features of one model: what is predicted, and how each source column becomes numbers. */
export interface FeatureSpec {
  target: string;
  task: TaskType;
  /** Binary tasks only: the class predicted as 1. Default: the less frequent training class. */
  positiveClass?: string;
  transforms: FeatureTransform[];
}
