import type { ModelFamily } from './model-params.ts';
import type { MatrixSet } from './training-data.ts';

/**
 * Families that accept missing features (NaN in the matrix): the baseline never reads the features, and
 * gradient-boosted trees learn a direction for missing values at each split. A network would turn one NaN
 * into NaN weights, so linear and MLP models need every value imputed.
 */
export const ACCEPTS_MISSING: ReadonlySet<ModelFamily> = new Set<ModelFamily>(['baseline', 'gbdt']);

/** The feature columns (0-based, ascending) holding a NaN in any of the sets. */
export function columnsWithMissing(sets: readonly MatrixSet[], cols: number): number[] {
  const found = new Uint8Array(cols);
  for (const set of sets) {
    const { x } = set;
    for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]!)) found[i % cols] = 1;
  }
  const out: number[] = [];
  for (let c = 0; c < cols; c++) if (found[c]) out.push(c);
  return out;
}

/** A model family was asked to train on features that keep missing values, and none of the others can. */
export class MissingFeaturesError extends Error {
  constructor(
    readonly columns: readonly string[],
    readonly families: readonly ModelFamily[],
  ) {
    const shown = columns.slice(0, 5).map((c) => `"${c}"`);
    if (columns.length > 5) shown.push(`and ${columns.length - 5} more`);
    super(
      `The feature${columns.length === 1 ? '' : 's'} ${shown.join(', ')} keep${columns.length === 1 ? 's' : ''} ` +
        `missing values, which only gradient-boosted trees accept; ${families.join(' and ')} ` +
        `need${families.length === 1 ? 's' : ''} them imputed (median, mean or zero). Choose an impute for ` +
        'those features, or train gradient-boosted trees.',
    );
    this.name = 'MissingFeaturesError';
  }
}

/**
 * The families a search can train on this data: all of them when no feature is missing; otherwise those that
 * accept missing values, with the rest listed as `refused`. Throws {@link MissingFeaturesError} when no
 * trainable family (beyond the baseline) remains.
 */
export function familiesForData(
  families: readonly ModelFamily[],
  missingColumns: readonly number[],
  names?: readonly string[],
): { families: ModelFamily[]; refused: ModelFamily[] } {
  if (missingColumns.length === 0) return { families: [...families], refused: [] };
  const kept = families.filter((f) => ACCEPTS_MISSING.has(f));
  const refused = families.filter((f) => !ACCEPTS_MISSING.has(f));
  if (refused.length > 0 && !kept.some((f) => f !== 'baseline'))
    throw new MissingFeaturesError(
      missingColumns.map((c) => names?.[c] ?? `feature ${c + 1}`),
      refused,
    );
  return { families: kept, refused };
}
