import type { ModelOutput } from '../models/model-output.ts';
import { outputRows } from './metrics-for-rows.ts';

/** What training saw of a column: enough to build rows that lie outside it. */
export interface ProbeColumn {
  name: string;
  kind: 'numeric' | 'categorical' | 'text' | 'date';
  train: { min?: number; max?: number; mean?: number; sd?: number; values?: string[] };
}

/** One edge-case row to send through the model. */
export interface Probe {
  /** 'missing', 'whitespace', 'unseen category', 'far above range', 'far below range', 'all missing'. */
  probe: string;
  /** The column changed, or '*' for every column. */
  column: string;
  /** The base row with that one change: raw strings, as a CSV row would give them to the pipeline. */
  row: Record<string, string>;
}

export interface ProbeReport {
  probe: string;
  column: string;
  ok: boolean;
  /** What came out: "P = [0.31, 0.69]", "NaN in class 1", or the error message. */
  detail: string;
}

/** The category no training set holds, so the pipeline must take its unknown-category path. */
export const UNSEEN_CATEGORY = '__unseen__';
/** How many training standard deviations beyond the observed range the out-of-range probes go. */
export const FAR_SDS = 10;

/**
 * Edge-case rows for a trained model (LIFECYCLE §5): each changes one cell of `baseRow` (a typical row),
 * so a bad prediction points at one column.
 * - every column: missing (the empty string, which is how a CSV cell is missing) and whitespace only;
 * - categorical: a category never seen in training (`__unseen__`);
 * - numeric: max + 10·sd and min − 10·sd. Without a usable sd the range max − min (or 1) stands in, so the
 *   probe still lands far outside;
 * - plus one row with every column missing at once.
 *
 * @example
 * edgeCaseProbes({ columns: [{ name: 'age', kind: 'numeric', train: { min: 17, max: 90, sd: 13.6 } }],
 *   baseRow: { age: '38' } }); // missing, whitespace, far above (226), far below (−119), all missing
 */
export function edgeCaseProbes(input: {
  columns: readonly ProbeColumn[];
  baseRow: Record<string, string>;
}): Probe[] {
  const { columns, baseRow } = input;
  const probes: Probe[] = [];
  const change = (probe: string, column: string, value: string) =>
    probes.push({ probe, column, row: { ...baseRow, [column]: value } });
  for (const column of columns) {
    change('missing', column.name, '');
    change('whitespace', column.name, '   ');
    if (column.kind === 'categorical') change('unseen category', column.name, UNSEEN_CATEGORY);
    if (column.kind === 'numeric') {
      const { min, max, sd } = column.train;
      const spread =
        sd !== undefined && sd > 0 ? sd : min !== undefined && max !== undefined && max > min ? max - min : 1;
      if (max !== undefined) change('far above range', column.name, String(max + FAR_SDS * spread));
      if (min !== undefined) change('far below range', column.name, String(min - FAR_SDS * spread));
    }
  }
  if (columns.length > 0) {
    const row = { ...baseRow };
    for (const column of columns) row[column.name] = '';
    probes.push({ probe: 'all missing', column: '*', row });
  }
  return probes;
}

/**
 * Judges the model's output on the probe rows (row i answers probes[i]). A prediction is valid when every
 * value is a finite number and, for probabilities, each lies in [0, 1] and a row sums to 1 within 1e-6.
 * NaN or ±Infinity always fails: the model must give a valid answer or a clear error, never NaN.
 *
 * @throws RangeError when the output does not have one row per probe.
 */
export function checkProbeOutput(probes: readonly Probe[], output: ModelOutput): ProbeReport[] {
  if (outputRows(output) !== probes.length) {
    throw new RangeError(`the output has ${outputRows(output)} rows for ${probes.length} probes.`);
  }
  return probes.map(({ probe, column }, i): ProbeReport => {
    const { ok, detail } = checkPrediction(output, i);
    return { probe, column, ok, detail };
  });
}

/**
 * The report of a probe the model refused with an error. A clear error is an acceptable answer (LIFECYCLE
 * §5), so it counts as ok when it has a message to show.
 */
export function probeErrorReport(probe: Probe, error: unknown): ProbeReport {
  const message = error instanceof Error ? error.message : String(error);
  return {
    probe: probe.probe,
    column: probe.column,
    ok: message.trim() !== '',
    detail: message.trim() !== '' ? `error: ${message}` : 'error without a message',
  };
}

function checkPrediction(output: ModelOutput, row: number): { ok: boolean; detail: string } {
  if (output.kind === 'value') {
    const value = output.values[row]!;
    return Number.isFinite(value)
      ? { ok: true, detail: `value ${value}` }
      : { ok: false, detail: `prediction is ${value}` };
  }
  const k = output.classes;
  const p = Array.from(output.values.subarray(row * k, row * k + k));
  const shown = `P = [${p.map((v) => Number(v.toPrecision(4))).join(', ')}]`;
  const bad = p.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return { ok: false, detail: `${p[bad]} for class ${bad}: ${shown}` };
  const outside = p.findIndex((v) => v < 0 || v > 1);
  if (outside >= 0) return { ok: false, detail: `class ${outside} probability outside [0, 1]: ${shown}` };
  const sum = p.reduce((s, v) => s + v, 0);
  if (Math.abs(sum - 1) > 1e-6) return { ok: false, detail: `probabilities sum to ${sum}, not 1: ${shown}` };
  return { ok: true, detail: shown };
}
