/**
 * How runs and feature transforms read in the views: choice lists, one-line descriptions, the params that
 * vary across runs, and the params diff of the compare view. Pure functions of records.
 */
import type { FeatureTransform } from '../core/features/index.ts';
import { suggestedDateParts } from '../core/features/suggest-features.ts';
import type { RunRecord } from '../core/records.ts';

/** Colours of overlaid series: distinguishable, and dark enough on white (Okabe–Ito, colour-blind safe). */
export const SERIES_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

export interface TransformChoice {
  id: string;
  label: string;
  transform: FeatureTransform;
}

/** The transforms the user can pick for a column, given the one it has now. */
export function transformChoices(t: FeatureTransform): TransformChoice[] {
  const column = t.column;
  const numeric = (extra: Partial<Extract<FeatureTransform, { kind: 'numeric' }>>): FeatureTransform => ({
    kind: 'numeric',
    column,
    impute: 'median',
    scale: 'standardize',
    ...extra,
  });
  const choices: TransformChoice[] = [];
  const isNumeric = t.kind === 'numeric';
  const isDate = t.kind === 'datetime';
  const isText = t.kind === 'tfidf';
  if (isNumeric) {
    choices.push(
      { id: 'standardize', label: 'standardize', transform: numeric({}) },
      { id: 'minmax', label: 'min-max', transform: numeric({ scale: 'minmax' }) },
      { id: 'log1p', label: 'log1p, standardize', transform: numeric({ log1p: true }) },
      {
        id: 'clip',
        label: 'clip 1–99%, standardize',
        transform: numeric({ clip: { quantiles: [0.01, 0.99] } }),
      },
      { id: 'bins', label: '10 quantile bins', transform: numeric({ bins: 10 }) },
      {
        id: 'keep',
        label: 'keep missing (trees only), unscaled',
        transform: numeric({ impute: 'keep', scale: 'none' }),
      },
    );
  }
  if (isDate) {
    choices.push({
      id: 'datetime',
      label: 'date parts',
      transform: {
        kind: 'datetime',
        column,
        // Hour where the parts have it: a datetime's suggestion does, a plain date's does not.
        parts: suggestedDateParts(t.parts.includes('hour')),
      },
    });
  }
  if (isText)
    choices.push({
      id: 'tfidf',
      label: 'TF-IDF (200 terms)',
      transform: { kind: 'tfidf', column, maxVocab: 200 },
    });
  if (!isNumeric && !isDate) {
    choices.push(
      { id: 'onehot', label: 'one-hot (top 20 + other)', transform: { kind: 'onehot', column, topK: 20 } },
      { id: 'frequency', label: 'frequency', transform: { kind: 'frequency', column } },
    );
  }
  if (t.kind === 'boolean')
    choices.push({ id: 'boolean', label: '0/1', transform: { kind: 'boolean', column } });
  if (t.kind === 'ordinal') choices.push({ id: 'ordinal', label: 'ordinal', transform: t });
  choices.push({ id: 'drop', label: 'drop', transform: { kind: 'drop', column } });
  // The current transform is always one of the choices, even when it was edited elsewhere.
  const current = choiceId(t);
  if (!choices.some((c) => c.id === current))
    choices.unshift({ id: current, label: describeTransform(t), transform: t });
  return choices;
}

/** Which choice a transform is. */
export function choiceId(t: FeatureTransform): string {
  if (t.kind !== 'numeric') return t.kind;
  if (t.impute === 'keep') return 'keep';
  if (t.bins) return 'bins';
  if (t.log1p) return 'log1p';
  if (t.clip) return 'clip';
  return t.scale === 'minmax' ? 'minmax' : t.scale === 'none' ? 'none' : 'standardize';
}

/** One line saying what a transform does. */
export function describeTransform(t: FeatureTransform): string {
  switch (t.kind) {
    case 'numeric': {
      const parts = [t.impute === 'keep' ? 'missing kept (trees route it)' : `missing → ${t.impute}`];
      if (t.clip)
        parts.push(
          'quantiles' in t.clip
            ? `clip at ${t.clip.quantiles.map((q) => `${q * 100}%`).join('–')}`
            : `clip ${t.clip.lower}–${t.clip.upper}`,
        );
      if (t.log1p) parts.push('log1p');
      parts.push(t.bins ? `${t.bins} quantile bins, one-hot` : t.scale);
      return parts.join(', ');
    }
    case 'onehot':
      return `top ${t.topK} values + "other" (unknown values at prediction time go there)`;
    case 'ordinal':
      return `order: ${t.order.join(' < ')}`;
    case 'frequency':
      return 'share of training rows with the value';
    case 'datetime':
      return t.parts.join(', ');
    case 'tfidf':
      return `TF-IDF, up to ${t.maxVocab} terms`;
    case 'boolean':
      return 'true → 1, false → 0';
    case 'drop':
      return 'not used';
  }
}

/** Model params shown as leaderboard columns: those that differ between the given runs. */
export function paramColumns(runs: readonly RunRecord[]): string[] {
  return diffKeys(runs.map((r) => r.params));
}

/** The keys whose values are not all equal across the objects (in first-seen order). */
export function diffKeys(objects: readonly Record<string, unknown>[]): string[] {
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  return keys.filter((k) => new Set(objects.map((o) => JSON.stringify(o[k]))).size > 1);
}

/** A param as a plot or table value: numbers stay numbers, arrays read "64-32". */
export function paramValue(run: RunRecord, key: string): number | string {
  const v = run.params[key];
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.length ? v.join('-') : 'none';
  return String(v ?? '—');
}

export type RunSortKey = 'createdAt' | 'score' | 'name' | 'durationMs';

export interface RunQuery {
  /** Case-insensitive text matched against the run's name and params. */
  text: string;
  status: 'all' | RunRecord['status'];
  key: RunSortKey;
  descending: boolean;
}

/** The runs a query keeps, in its order; runs without a value for the key sort as lowest. */
export function queryRuns(runs: readonly RunRecord[], query: RunQuery): RunRecord[] {
  const text = query.text.trim().toLowerCase();
  const sign = query.descending ? -1 : 1;
  const value = (run: RunRecord): number | string =>
    query.key === 'name'
      ? (run.name ?? '')
      : query.key === 'score'
        ? (run.score ?? -Infinity)
        : (run[query.key] ?? -Infinity);
  return runs
    .filter((run) => query.status === 'all' || run.status === query.status)
    .filter((run) => !text || `${run.name ?? ''} ${JSON.stringify(run.params)}`.toLowerCase().includes(text))
    .toSorted((a, b) => {
      const [x, y] = [value(a), value(b)];
      return (x < y ? -1 : x > y ? 1 : 0) * sign;
    });
}
