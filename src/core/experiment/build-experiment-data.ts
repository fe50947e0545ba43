import {
  encodeTarget,
  fitFeaturePipeline,
  tableSource,
  transform,
  type FeatureSpec,
  type FittedPipeline,
} from '../features/index.ts';
import type { MatrixSet } from '../models/training-data.ts';
import type { SplitRequest } from '../prepare/prepare-dataset.ts';
import { parseDate } from '../profile/index.ts';
import { applyRecipe, type FittedValues, type PreparedTable, type Recipe } from '../recipe/index.ts';
import { sealSplit, splitRows, type SealedSplit } from '../split/index.ts';
import { DEFAULT_MISSING_MARKERS, type RawTable } from '../table/raw-table.ts';

/** The train, validation and test matrices of one experiment, and what produced them. */
export interface ExperimentData {
  fitted: FittedPipeline;
  /** Number of classes (classification), or 0. */
  classes: number;
  cols: number;
  train: MatrixSet;
  validation: MatrixSet;
  test: MatrixSet;
  split: SealedSplit;
  /** Raw row index (0-based data row of the file) of every matrix row, per set. */
  rowIds: { train: Uint32Array; validation: Uint32Array; test: Uint32Array };
  /**
   * The table after the recipe (merged spellings, casts, imputes), and the row of it behind every matrix
   * row, per set: what segments group by, since that is what the model saw.
   */
  prepared: PreparedTable;
  preparedRows: { train: Uint32Array; validation: Uint32Array; test: Uint32Array };
  /** What the recipe learned from the training rows; serving replays it with `applyFitted`. */
  recipeFitted: FittedValues;
  /** Rows left out: target missing, dropped by the recipe, or a class never seen in training. */
  excluded: { missingTarget: number; droppedByRecipe: number; unknownClass: number };
}

export interface ExperimentRequest {
  recipe: Recipe;
  split: SplitRequest;
  features: FeatureSpec;
  /**
   * Fixed test rows (0-based data rows of the file), as in ../shared/data/baselines/splits: they become the
   * test set and the other rows are split into train and validation in the request's proportions.
   */
  testRows?: readonly number[];
}

/**
 * From a raw table to the matrices a model trains on: split (seeded), clean with the recipe (learning from
 * training rows only), fit the feature pipeline on the training rows only, then transform every set with the
 * one `transform`. Rows with a missing target are left out of every set before splitting.
 */
export function buildExperimentData(table: RawTable, request: ExperimentRequest): ExperimentData {
  const n = table.columns[0]?.length ?? 0;
  const target = request.features.target;
  const targetIndex = table.names.indexOf(target);
  if (targetIndex < 0) throw new Error(`The dataset has no target column "${target}".`);
  const markers = new Set(DEFAULT_MISSING_MARKERS);
  const targetCells = table.columns[targetIndex]!;
  const missingTarget: number[] = [];
  for (let r = 0; r < n; r++) if (markers.has(targetCells[r]!.trim())) missingTarget.push(r);

  const split = splitFor(table, request, missingTarget);
  const result = applyRecipe(table, request.recipe, { trainRows: split.train });
  // Position of each surviving raw row in the prepared table.
  const position = new Int32Array(n).fill(-1);
  result.rowIds.forEach((raw, i) => (position[raw] = i));
  const positions = (rows: Uint32Array) =>
    Uint32Array.from([...rows].map((r) => position[r]!).filter((p) => p >= 0));
  const sets = {
    train: positions(split.train),
    validation: positions(split.validation),
    test: positions(split.test),
  };
  const kept = sets.train.length + sets.validation.length + sets.test.length;
  const eligible = split.train.length + split.validation.length + split.test.length;

  const fitted = fitFeaturePipeline(request.features, tableSource(result.table, sets.train));
  const classes = fitted.target.kind === 'classes' ? fitted.target.classes.length : 0;
  let unknownClass = 0;
  const matrices = {} as Record<'train' | 'validation' | 'test', MatrixSet>;
  const rowIds = {} as Record<'train' | 'validation' | 'test', Uint32Array>;
  const preparedRows = {} as Record<'train' | 'validation' | 'test', Uint32Array>;
  for (const name of ['train', 'validation', 'test'] as const) {
    const source = tableSource(result.table, sets[name]);
    const { values, cols } = transform(fitted, source);
    const y = encodeTarget(fitted, source);
    const keep: number[] = [];
    for (let r = 0; r < y.length; r++) if (!Number.isNaN(y[r]!)) keep.push(r);
    unknownClass += y.length - keep.length;
    matrices[name] =
      keep.length === y.length ? { x: values, y, rows: y.length } : pick(values, y, cols, keep);
    preparedRows[name] = Uint32Array.from(keep, (r) => sets[name][r]!);
    rowIds[name] = Uint32Array.from(preparedRows[name], (p) => result.rowIds[p]!);
  }
  return {
    fitted,
    classes,
    cols: fitted.outputs.length,
    ...matrices,
    split: sealSplit(split),
    rowIds,
    prepared: result.table,
    preparedRows,
    recipeFitted: result.fitted,
    excluded: { missingTarget: missingTarget.length, droppedByRecipe: eligible - kept, unknownClass },
  };
}

/**
 * The raw rows of each set, before the recipe runs: the split `buildExperimentData` seals. `missingTarget`
 * lists the rows left out of every set. The retrain loop reads the sealed test rows themselves from it.
 */
export function splitFor(table: RawTable, request: ExperimentRequest, missingTarget: number[]) {
  const n = table.columns[0]?.length ?? 0;
  const { split } = request;
  const column = (name: string | undefined) => {
    const i = name === undefined ? -1 : table.names.indexOf(name);
    if (i < 0) throw new Error(`Split: the dataset has no column "${name}".`);
    return table.columns[i]!;
  };
  const markers = new Set(DEFAULT_MISSING_MARKERS);
  const labelOf = (v: string) => (markers.has(v.trim()) ? null : v.trim());
  const exclude = new Set(missingTarget);
  const fixedTest = request.testRows ? Uint32Array.from(request.testRows).sort() : undefined;
  if (fixedTest) {
    for (const r of fixedTest) {
      if (r >= n) throw new RangeError(`Test row ${r} is past the last data row (${n - 1}).`);
      exclude.add(r);
    }
  }
  const [train, validation, test] = split.fractions;
  const fractions: [number, number, number] = fixedTest
    ? [train / (train + validation), validation / (train + validation), 0]
    : [train, validation, test];
  const options: Parameters<typeof splitRows>[1] = {
    seed: split.seed,
    fractions,
    exclude: Uint32Array.from(exclude),
  };
  if (split.method === 'random' && split.stratifyBy) options.stratify = column(split.stratifyBy).map(labelOf);
  if (split.method === 'time')
    options.timeOrder = Float64Array.from(column(split.column), (v) => parseDate(v.trim()));
  if (split.method === 'group') options.groups = column(split.column).map(labelOf);
  const rows = splitRows(n, options);
  if (!fixedTest) return rows;
  const missing = new Set(missingTarget);
  const testSet = fixedTest.filter((r) => !missing.has(r));
  const inTest = new Set(testSet);
  const excluded = rows.excluded.filter((r) => !inTest.has(r));
  return { ...rows, test: testSet, excluded };
}

function pick(values: Float32Array, y: Float64Array, cols: number, keep: number[]): MatrixSet {
  const x = new Float32Array(keep.length * cols);
  const ys = new Float64Array(keep.length);
  keep.forEach((r, i) => {
    x.set(values.subarray(r * cols, (r + 1) * cols), i * cols);
    ys[i] = y[r]!;
  });
  return { x, y: ys, rows: keep.length };
}
