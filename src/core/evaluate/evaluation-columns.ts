import type { ExperimentData } from '../experiment/build-experiment-data.ts';
import type { FittedPipeline } from '../features/index.ts';
import { DEFAULT_MISSING_MARKERS, type RawTable } from '../table/raw-table.ts';
import type { SegmentColumn } from './segment-column.ts';

/** At most this many raw spellings are listed per value. */
const MAX_SPELLINGS = 10;

type SetName = 'train' | 'validation' | 'test';

/**
 * The columns a model is evaluated by (segments, fairness), for one set's rows: every source column the
 * pipeline reads, categorical for one-hot, frequency, ordinal and boolean transforms, numeric for numeric
 * ones (text and dates have no natural groups), in order of first use.
 *
 * Cells are the values after the recipe, which is what the model saw: "PREMIUM" and " Premium" merged into
 * "premium" by a case-fold step are one segment, and each value lists the raw spellings it came from. A
 * raw cell that was missing stays missing even when the recipe imputed it: the imputed value is the
 * model's guess, not the row's, and "(missing)" is a segment worth seeing. A column the recipe dropped is
 * grouped by its raw cells.
 */
export function evaluationColumns(
  pipeline: FittedPipeline,
  data: Pick<ExperimentData, 'prepared' | 'preparedRows' | 'rowIds'>,
  table: RawTable,
  set: SetName,
): SegmentColumn[] {
  const out: SegmentColumn[] = [];
  for (const t of pipeline.spec.transforms) {
    if (t.kind === 'drop' || t.kind === 'tfidf' || t.kind === 'datetime') continue;
    if (out.some((c) => c.name === t.column)) continue;
    const column = evaluationColumn(
      data,
      table,
      set,
      t.column,
      t.kind === 'numeric' ? 'numeric' : 'categorical',
    );
    if (column) out.push(column);
  }
  return out;
}

/**
 * One column of one set's rows for segments or fairness (see {@link evaluationColumns}); undefined when the
 * dataset has no such column.
 */
export function evaluationColumn(
  data: Pick<ExperimentData, 'prepared' | 'preparedRows' | 'rowIds'>,
  table: RawTable,
  set: SetName,
  name: string,
  kind: SegmentColumn['kind'],
): SegmentColumn | undefined {
  const rawAt = table.names.indexOf(name);
  if (rawAt < 0) return undefined;
  const raw = table.columns[rawAt]!;
  const markers = new Set(DEFAULT_MISSING_MARKERS.map((m) => m.trim()));
  const rawIds = data.rowIds[set];
  const preparedAt = data.prepared.names.indexOf(name);
  const prepared = preparedAt < 0 ? undefined : data.prepared.columns[preparedAt]!;
  const positions = data.preparedRows[set];
  const cells: (string | null)[] = new Array<string | null>(rawIds.length);
  // value → raw spelling → rows, for the spellings list.
  const seen = new Map<string, Map<string, number>>();
  for (let i = 0; i < rawIds.length; i++) {
    const cell = raw[rawIds[i]!]!;
    const trimmed = cell.trim();
    if (markers.has(trimmed)) {
      cells[i] = null;
      continue;
    }
    const value = prepared ? (prepared[positions[i]!] ?? null) : trimmed;
    cells[i] = value;
    if (kind === 'categorical' && value !== null) {
      let spellings = seen.get(value);
      if (!spellings) seen.set(value, (spellings = new Map()));
      spellings.set(cell, (spellings.get(cell) ?? 0) + 1);
    }
  }
  const spellings = [...seen]
    .filter(([value, raws]) => raws.size > 1 || !raws.has(value))
    .map(([value, raws]) => ({
      value,
      raw: [...raws]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_SPELLINGS)
        .map(([spelling]) => spelling),
    }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { name, kind, cells, ...(spellings.length ? { spellings } : {}) };
}
