// Compares our metric values with an oracle fixture's `expected` block, key by key and element by element.

/** The agreement LIFECYCLE.md §5 asks of every metric: absolute difference at most 1e-9. */
export const TOLERANCE = 1e-9;

/** Oracle keys that are not metric values: metadata, sklearn's error text (checked via the null beside it). */
const NOT_COMPARED = new Set(['_oracle', 'labels', 'pos_label', 'note']);

export interface OracleReport {
  /** One line per disagreement: the key path, our value and the oracle's. */
  mismatches: string[];
  /** How many numbers were compared. */
  compared: number;
  /** The largest absolute difference over the compared finite numbers. */
  maxAbsDiff: number;
}

/** The oracle writes non-finite values as strings ("-inf") and undefined metrics as null. */
function oracleNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === null) return NaN;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  if (value === 'nan') return NaN;
  return undefined;
}

/**
 * Walks `expected` and checks `actual` has a value within {@link TOLERANCE} for every metric in it. A null in
 * the oracle (sklearn refused: the metric is undefined) must be NaN here. With `partial`, keys missing from
 * `actual` are skipped; otherwise each one is a mismatch.
 */
export function compareToOracle(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  options: { partial?: boolean } = {},
): OracleReport {
  const report: OracleReport = { mismatches: [], compared: 0, maxAbsDiff: 0 };
  const walk = (e: unknown, a: unknown, path: string): void => {
    const wanted = oracleNumber(e);
    if (wanted !== undefined) {
      report.compared++;
      if (typeof a !== 'number') {
        report.mismatches.push(`${path}: got ${String(a)}, expected ${String(e)}`);
      } else if (Number.isFinite(wanted)) {
        const diff = Math.abs(a - wanted);
        if (diff > report.maxAbsDiff) report.maxAbsDiff = diff;
        if (!(diff <= TOLERANCE))
          report.mismatches.push(`${path}: got ${a}, expected ${wanted} (|Δ| = ${diff})`);
      } else if (!Object.is(a, wanted) && !(Number.isNaN(a) && Number.isNaN(wanted))) {
        report.mismatches.push(`${path}: got ${a}, expected ${String(e)}`);
      }
      return;
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) {
        report.mismatches.push(
          `${path}: expected an array of ${e.length}, got ${JSON.stringify(a)?.slice(0, 80)}`,
        );
        return;
      }
      e.forEach((item, i) => walk(item, a[i], `${path}[${i}]`));
      return;
    }
    if (typeof e === 'object' && e !== null) {
      const obj = (a ?? {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(e)) {
        if (NOT_COMPARED.has(key)) continue;
        // sklearn's refusal text: it sits beside a null value, which is checked as NaN (or, for a whole curve
        // the oracle did not compute, is checked by the test itself).
        if (key.endsWith('_error') && typeof value === 'string') continue;
        if (!(key in obj)) {
          if (!options.partial) report.mismatches.push(`${path}.${key}: no value computed`);
          continue;
        }
        walk(value, obj[key], `${path}.${key}`);
      }
      return;
    }
    report.mismatches.push(`${path}: cannot compare ${JSON.stringify(e)}`);
  };
  walk(expected, actual, 'expected');
  return report;
}
