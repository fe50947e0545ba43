import { isIdLike } from '../profile/is-id-like.ts';
import { MissingMarkers } from '../profile/missing-markers.ts';
import { parseNumber } from '../profile/parse-number.ts';
import { profileColumn } from '../profile/profile-column.ts';
import { trimCell } from '../profile/trim-cell.ts';
import { DEFAULT_MISSING_MARKERS, type ColumnType, type RawTable } from '../table/raw-table.ts';
import { datasetDrift, type DatasetDrift } from './dataset-drift.ts';
import { driftKind } from './drift-kind.ts';
import { featureDrift, type FeatureDriftOptions } from './feature-drift.ts';

export interface TableDriftOptions extends FeatureDriftOptions {
  /** Type overrides by column name; the rest are inferred from the reference. */
  types?: Record<string, ColumnType>;
  /** Compared after trimming. Default DEFAULT_MISSING_MARKERS. */
  missingMarkers?: readonly string[];
}

/**
 * Drift of every column two tables share, for a current batch against a reference file. Each column's kind
 * comes from the app's own profile of the reference (`profileColumn`: integer and number are numeric;
 * category and boolean categorical; id, text, dates and ID-like columns reported but not counted), since
 * the reference is what the model was trained on. Cells are read as the profile reads them: trimmed,
 * missing markers (blank, NA, ?, …) missing, and in a numeric column a cell that is not a number missing
 * too. Columns present in only one table are named in a warning.
 *
 * @example
 * const drift = tableDrift(bike2011, bike2012);
 * drift.features.find((f) => f.name === 'cnt')?.drift; // true
 * drift.features.find((f) => f.name === 'instant')?.counted; // false: an ID
 */
export function tableDrift(
  reference: RawTable,
  current: RawTable,
  options: TableDriftOptions = {},
): DatasetDrift {
  const markers = new MissingMarkers(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const currentIndex = new Map(current.names.map((name, c) => [name, c]));
  const features = reference.names.flatMap((name, c) => {
    const at = currentIndex.get(name);
    if (at === undefined) return [];
    const refCells = reference.columns[c]!;
    const curCells = current.columns[at]!;
    const type = options.types?.[name];
    const profile = profileColumn(name, refCells, { missingMarkers: markers, ...(type ? { type } : {}) });
    const kind = driftKind(profile.type, isIdLike(profile));
    if (kind === 'numeric') {
      const numbers = (cells: readonly string[]) => cells.map((cell) => readNumber(cell, markers));
      return [featureDrift(name, kind, numbers(refCells), numbers(curCells), options)];
    }
    const texts = (cells: readonly string[]) => cells.map((cell) => readText(cell, markers));
    return [featureDrift(name, kind, texts(refCells), texts(curCells), options)];
  });
  const result = datasetDrift(features);
  const onlyIn = (table: RawTable, other: RawTable) => table.names.filter((n) => !other.names.includes(n));
  const missingFromCurrent = onlyIn(reference, current);
  const extraInCurrent = onlyIn(current, reference);
  if (missingFromCurrent.length > 0)
    result.warnings.push(`Not in the current window, so not compared: ${missingFromCurrent.join(', ')}.`);
  if (extraInCurrent.length > 0)
    result.warnings.push(`Not in the reference, so not compared: ${extraInCurrent.join(', ')}.`);
  return result;
}

function readText(cell: string, markers: MissingMarkers): string | null {
  const trimmed = trimCell(cell);
  return markers.indexOf(trimmed) >= 0 ? null : trimmed;
}

function readNumber(cell: string, markers: MissingMarkers): number | null {
  const text = readText(cell, markers);
  if (text === null) return null;
  const value = parseNumber(text);
  return Number.isNaN(value) ? null : value;
}
