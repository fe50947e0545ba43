import type { ModelBundle } from '../bundle/index.ts';
import { buildExperimentData, splitFor, type ExperimentData } from '../experiment/build-experiment-data.ts';
import type { FeatureSpec } from '../features/index.ts';
import type { Recipe } from '../recipe/index.ts';
import type { SplitRequest } from '../prepare/prepare-dataset.ts';
import { testRowsHash } from '../split/index.ts';
import { DEFAULT_MISSING_MARKERS, rowCount, type RawTable } from '../table/raw-table.ts';
import { appendRows } from './append-rows.ts';

export interface RetrainDataInput {
  champion: ModelBundle;
  /** The dataset the champion's lineage names (`lineage.datasetId`), as stored. */
  oldTable: RawTable;
  /**
   * A retrained champion's own batches (its lineage's `appended`), oldest first: the champion trained on
   * `oldTable` plus their admissible rows, so the new batch joins those, not `oldTable` alone.
   */
  earlierBatches?: RawTable[];
  /** The saved split of the champion's recipe version (the recipe record's `split.request`). */
  split: SplitRequest;
  /** The new labelled rows. */
  batch: RawTable;
}

/**
 * What a model's data with appended batches is rebuilt from: the recipe, split and features it was
 * trained with, the sealed test rows' hash, the base dataset and the batches in the order they came.
 */
export interface AppendedDataRequest {
  features: FeatureSpec;
  recipe: Recipe;
  split: SplitRequest;
  /** The hash of the sealed test rows the saved split gives on `base`. */
  testRowsHash: string;
  base: RawTable;
  /** Appended in order; `newRows` reports the last. At least one. */
  batches: readonly RawTable[];
}

/** Where the batch's rows went. */
export interface NewRowsPlacement {
  /** Rows in the batch. */
  batch: number;
  /** Batch rows appended to the training data (the others are in `leftOut`). */
  added: number;
  /** Appended rows that ended in the training and in the validation set. */
  train: number;
  validation: number;
  /** Appended rows that no set holds: a missing label, dropped by the recipe, or a class never trained on. */
  excluded: number;
  /** Batch rows not appended, so the sealed test set stays unseen. */
  leftOut: {
    /** The same cells as a sealed test row (a test row sent back as new data). */
    duplicateOfTest: number;
    /** Group split: an entity that has rows in the sealed test set. */
    groupInTest: number;
  };
}

export interface RetrainData {
  /** The old rows (a retrained champion's batches among them), then the new batch's rows: row i ≥ `oldRows` is a new row. */
  table: RawTable;
  oldRows: number;
  /** The champion's features, with the binary positive class pinned to the champion's. */
  features: FeatureSpec;
  /** The challenger's matrices: train and validation over old and new rows, test the sealed test rows. */
  data: ExperimentData;
  /** The champion's sealed test rows (0-based rows of the old dataset, and of `table`). */
  sealedTestRows: Uint32Array;
  newRows: NewRowsPlacement;
}

/**
 * The challenger's data (LIFECYCLE §8, step 2): the champion's split is rebuilt from the saved request and
 * its test rows are checked against the champion's sealed test-rows hash; the batch is appended to the old
 * rows (after a retrained champion's own batches); then the champion's recipe and features run with those
 * test rows fixed, so the new rows join the training and validation sets (split in the saved proportions,
 * by the saved method and seed) and never the test set. Batch rows that would leak into the test set are
 * left out and counted: exact copies of a sealed test row and, for a group split, rows of an entity that
 * is in the test set.
 *
 * @throws Error when the saved split no longer gives the champion's sealed test rows (the dataset, the
 *   split or the recipe is not the one the champion was trained with).
 */
export function buildRetrainData(input: RetrainDataInput): RetrainData {
  const { champion, oldTable, split, batch } = input;
  return buildAppendedData({
    features: pinnedFeatures(champion),
    recipe: { steps: champion.recipe.steps },
    split,
    testRowsHash: champion.lineage.testRowsHash,
    base: oldTable,
    batches: [...(input.earlierBatches ?? []), batch],
  });
}

/**
 * The data of a model trained on a dataset plus appended batches, rebuilt exactly: the retrain builds its
 * challenger's data with it, and evaluation, the parity check, probes, stability and packaging rebuild a
 * retrained run's data from its lineage with it, so they see the very matrices it trained on.
 *
 * The sealed test rows come from the saved split on `base` alone (appending rows must not move them). Each
 * batch in turn is appended with its admissible rows; admissibility depends only on the sealed rows and
 * the split, so the same inputs give the same table.
 *
 * @throws Error when the split no longer gives the sealed test rows on `base`, or when `batches` is empty.
 */
export function buildAppendedData(request: AppendedDataRequest): RetrainData {
  const { features, recipe, split, base, batches } = request;
  if (batches.length === 0) throw new Error('buildAppendedData needs at least one batch.');
  const target = features.target;
  const targetAt = base.names.indexOf(target);
  if (targetAt < 0) throw new Error(`The champion's dataset has no target column "${target}".`);
  const markers = new Set(DEFAULT_MISSING_MARKERS);
  const missingTarget: number[] = [];
  base.columns[targetAt]!.forEach((cell, r) => markers.has(cell.trim()) && missingTarget.push(r));
  const sealed = splitFor(base, { recipe, split, features }, missingTarget).test;
  const expected = request.testRowsHash;
  if (testRowsHash(sealed) !== expected) {
    throw new Error(
      `The saved split no longer gives the champion's sealed test rows (hash ${short(testRowsHash(sealed))}, ` +
        `the champion's ${short(expected)}): the dataset, split or recipe is not the one it was trained with.`,
    );
  }

  let table = base;
  let placed = { keep: [] as number[], duplicateOfTest: 0, groupInTest: 0 };
  let oldRows = rowCount(base);
  for (const batch of batches) {
    oldRows = rowCount(table);
    placed = admissibleBatchRows(table, batch, sealed, split);
    table = appendRows(table, batch, placed.keep);
  }
  const { keep, duplicateOfTest, groupInTest } = placed;
  const data = buildExperimentData(table, { recipe, split, features, testRows: [...sealed] });
  if (data.split.testRowsHash !== expected) {
    throw new Error('The retrain data does not hold exactly the sealed test rows (a bug): stopped.');
  }
  const appended = (rows: Uint32Array) => rows.filter((r) => r >= oldRows).length;
  const train = appended(data.rowIds.train);
  const validation = appended(data.rowIds.validation);
  return {
    table,
    oldRows,
    features,
    data,
    sealedTestRows: sealed,
    newRows: {
      batch: rowCount(batches.at(-1)!),
      added: keep.length,
      train,
      validation,
      excluded: keep.length - train - validation,
      leftOut: { duplicateOfTest, groupInTest },
    },
  };
}

/**
 * The champion's own training data, as it was built: its dataset and saved split, plus, for a retrained
 * champion, its earlier batches appended.
 */
export function championData(input: RetrainDataInput): ExperimentData {
  const { champion, oldTable, split } = input;
  const features = pinnedFeatures(champion);
  const recipe = { steps: champion.recipe.steps };
  if (!input.earlierBatches?.length) return buildExperimentData(oldTable, { recipe, split, features });
  return buildAppendedData({
    features,
    recipe,
    split,
    testRowsHash: champion.lineage.testRowsHash,
    base: oldTable,
    batches: input.earlierBatches,
  }).data;
}

/**
 * The champion's feature spec with the positive class written in: a spec without one takes the less
 * frequent training class, which new rows could flip, and then the two models would not score the same
 * class as positive.
 */
function pinnedFeatures(champion: ModelBundle): FeatureSpec {
  const spec = champion.pipeline.spec;
  const fitted = champion.pipeline.target;
  if (spec.task !== 'binary' || fitted.kind !== 'classes') return spec;
  return { ...spec, positiveClass: fitted.positiveClass ?? fitted.classes[1]! };
}

/** Batch rows that may join training: not a copy of a sealed test row, not of an entity in the test set. */
function admissibleBatchRows(
  oldTable: RawTable,
  batch: RawTable,
  sealed: Uint32Array,
  split: SplitRequest,
): { keep: number[]; duplicateOfTest: number; groupInTest: number } {
  const batchColumn = (name: string) => {
    const at = batch.names.indexOf(name);
    return at < 0 ? undefined : batch.columns[at]!;
  };
  const cellsOf = oldTable.names.map((name) => batchColumn(name));
  const key = (cells: readonly (string | undefined)[]) => JSON.stringify(cells.map((c) => (c ?? '').trim()));
  const testKeys = new Set(Array.from(sealed, (r) => key(oldTable.columns.map((column) => column[r]!))));
  const groupColumn = split.method === 'group' && split.column ? split.column : undefined;
  const groupAt = groupColumn === undefined ? -1 : oldTable.names.indexOf(groupColumn);
  const testGroups = new Set(
    groupAt < 0 ? [] : Array.from(sealed, (r) => oldTable.columns[groupAt]![r]!.trim()),
  );
  const batchGroups = groupColumn === undefined ? undefined : batchColumn(groupColumn);
  const keep: number[] = [];
  let duplicateOfTest = 0;
  let groupInTest = 0;
  for (let r = 0; r < rowCount(batch); r++) {
    if (testKeys.has(key(cellsOf.map((cells) => cells?.[r])))) duplicateOfTest++;
    else if (batchGroups && testGroups.has(batchGroups[r]!.trim())) groupInTest++;
    else keep.push(r);
  }
  return { keep, duplicateOfTest, groupInTest };
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
