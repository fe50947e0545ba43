import type { ModelBundle } from '../bundle/index.ts';
import { buildExperimentData, splitFor, type ExperimentData } from '../experiment/build-experiment-data.ts';
import type { FeatureSpec } from '../features/index.ts';
import type { SplitRequest } from '../prepare/prepare-dataset.ts';
import { testRowsHash } from '../split/index.ts';
import { DEFAULT_MISSING_MARKERS, rowCount, type RawTable } from '../table/raw-table.ts';
import { appendRows } from './append-rows.ts';

export interface RetrainDataInput {
  champion: ModelBundle;
  /** The dataset the champion was trained on (the one its lineage names), as stored. */
  oldTable: RawTable;
  /** The saved split of the champion's recipe version (the recipe record's `split.request`). */
  split: SplitRequest;
  /** The new labelled rows. */
  batch: RawTable;
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
  /** The old rows, then the appended batch rows: row i ≥ `oldRows` is an appended row. */
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
 * rows; then the champion's recipe and features run with those test rows fixed, so the new rows join the
 * training and validation sets (split in the saved proportions, by the saved method and seed) and never
 * the test set. Batch rows that would leak into the test set are left out and counted: exact copies of a
 * sealed test row and, for a group split, rows of an entity that is in the test set.
 *
 * @throws Error when the saved split no longer gives the champion's sealed test rows (the dataset, the
 *   split or the recipe is not the one the champion was trained with).
 */
export function buildRetrainData(input: RetrainDataInput): RetrainData {
  const { champion, oldTable, split, batch } = input;
  const features = pinnedFeatures(champion);
  const recipe = { steps: champion.recipe.steps };
  const target = features.target;
  const targetAt = oldTable.names.indexOf(target);
  if (targetAt < 0) throw new Error(`The champion's dataset has no target column "${target}".`);
  const markers = new Set(DEFAULT_MISSING_MARKERS);
  const missingTarget: number[] = [];
  oldTable.columns[targetAt]!.forEach((cell, r) => markers.has(cell.trim()) && missingTarget.push(r));
  const sealed = splitFor(oldTable, { recipe, split, features }, missingTarget).test;
  const expected = champion.lineage.testRowsHash;
  if (testRowsHash(sealed) !== expected) {
    throw new Error(
      `The saved split no longer gives the champion's sealed test rows (hash ${short(testRowsHash(sealed))}, ` +
        `the champion's ${short(expected)}): the dataset, split or recipe is not the one it was trained with.`,
    );
  }

  const { keep, duplicateOfTest, groupInTest } = admissibleBatchRows(oldTable, batch, sealed, split);
  const table = appendRows(oldTable, batch, keep);
  const oldRows = rowCount(oldTable);
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
      batch: rowCount(batch),
      added: keep.length,
      train,
      validation,
      excluded: keep.length - train - validation,
      leftOut: { duplicateOfTest, groupInTest },
    },
  };
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
