import { DEFAULT_MISSING_MARKERS, type ColumnType, type RawTable } from '../table/raw-table.ts';
import { MissingMarkers } from './missing-markers.ts';
import { numberSyntax } from './parse-number.ts';
import { isIdLikeColumn } from './is-id-like.ts';
import type { ProfileWarning } from './profile-warning.ts';
import { trimCell } from './trim-cell.ts';
import { ValueCounter } from './value-counter.ts';

export interface LeakageOptions {
  /** Compared after trimming. Default DEFAULT_MISSING_MARKERS. */
  missingMarkers?: readonly string[];
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'number']);
/** Never called IDs here, even when unique per row: a date is a feature (its parts), not a key to drop. */
const DATES: ReadonlySet<ColumnType> = new Set(['date', 'datetime']);

/**
 * Warnings about columns that would let a model cheat on `target` (LIFECYCLE.md §1):
 *
 * - leakage, one-to-one: a column whose values map one-to-one onto the target's (seaborn titanic `alive`
 *   no/yes for `survived` 0/1). Checked as text over rows with a target; skipped when the target itself is
 *   unique per row, where any unique column would pass.
 * - leakage, equal: a numeric column equal to a numeric target on every row where both are numbers.
 * - leakage, sum: two numeric columns whose sum is the numeric target on every such row (bike `casual` +
 *   `registered` = `cnt`), to 1e-9 relative. Every pair is tried, but a pair stops at its first mismatch,
 *   usually the first row, so even 50 numeric columns cost little.
 * - id-like: a column typed id, or a category with a different value on every row (isIdLikeColumn). A date
 *   or datetime is never id-like here, however unique: a daily table's `date` (seattle weather) becomes date
 *   parts (year, month, weekday, …), which carry over to new rows, so it is a feature and is not dropped.
 *
 * Missing target rows are left out of every comparison; see targetMissing for their count.
 *
 * @param types The column types in force (from the profile), by name.
 * @example
 * leakageWarnings(bike, 'cnt', types).map((w) => w.kind); // ['id-like', 'leakage'] (instant; casual + registered)
 */
export function leakageWarnings(
  table: RawTable,
  target: string,
  types: Record<string, ColumnType>,
  options: LeakageOptions = {},
): ProfileWarning[] {
  const t = table.names.indexOf(target);
  if (t < 0) throw new Error(`No column named ${JSON.stringify(target)}.`);
  const markers = new MissingMarkers(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const targetValues = table.columns[t]!;
  const rows = targetValues.length;
  const targetText = targetValues.map(trimCell);
  const hasTarget = targetText.map((v) => markers.indexOf(v) < 0);
  const targetCounts = new ValueCounter();
  for (let r = 0; r < rows; r++) if (hasTarget[r]) targetCounts.add(targetText[r]!);
  const targetDistinct = targetCounts.size;
  const targetRows = hasTarget.filter(Boolean).length;

  const warnings: ProfileWarning[] = [];
  const leaking = new Set<number>();
  table.names.forEach((name, c) => {
    if (c === t) return;
    const type = types[name];
    const values = table.columns[c]!;
    const unique =
      type !== undefined &&
      type !== 'id' &&
      !DATES.has(type) &&
      isIdLikeColumn(type, rows, 0, rows) &&
      uniquePerRow(values, markers);
    if (type === 'id' || unique) {
      const what = unique ? 'has a different value on every row' : 'is typed id';
      warnings.push({
        column: name,
        kind: 'id-like',
        message: `${name} ${what}: an identifier, not a feature. Drop it, or a model may memorise rows.`,
      });
      return;
    }
    if (targetDistinct >= 2 && targetDistinct < targetRows && oneToOne(values, targetText, hasTarget)) {
      leaking.add(c);
      warnings.push({
        column: name,
        kind: 'leakage',
        message: `${name} determines ${target}: each value of one goes with exactly one value of the other. It is the target in disguise; drop it.`,
      });
    }
  });

  if (NUMERIC.has(types[target] ?? 'category')) {
    const y = parseColumn(targetValues, markers);
    const numeric = table.names
      .map((name, c) => ({ name, c }))
      .filter(({ name, c }) => c !== t && !leaking.has(c) && NUMERIC.has(types[name] ?? 'category'))
      .map(({ name, c }) => ({ name, c, x: parseColumn(table.columns[c]!, markers) }));
    const equal = new Set<number>();
    for (const { name, c, x } of numeric) {
      if (matches(y, rows, (r) => x[r]!)) {
        equal.add(c);
        warnings.push({
          column: name,
          kind: 'leakage',
          message: `${name} equals ${target} on every row: it is the target itself; drop it.`,
        });
      }
    }
    const candidates = numeric.filter(({ c }) => !equal.has(c));
    for (let i = 0; i < candidates.length; i++) {
      for (let j = i + 1; j < candidates.length; j++) {
        const a = candidates[i]!;
        const b = candidates[j]!;
        if (matches(y, rows, (r) => a.x[r]! + b.x[r]!)) {
          warnings.push({
            column: a.name,
            columns: [a.name, b.name],
            kind: 'leakage',
            message: `${a.name} + ${b.name} = ${target} on every row: together they are the target; drop one of them or both.`,
          });
        }
      }
    }
  }
  return warnings;
}

/** Whether no cell is missing and every one differs, stopping at the first repeat. */
function uniquePerRow(values: readonly string[], markers: MissingMarkers): boolean {
  if (values.length < 2) return false;
  const seen = new ValueCounter();
  for (const raw of values) {
    const text = trimCell(raw);
    if (markers.indexOf(text) >= 0 || seen.add(text) > 1) return false;
  }
  return true;
}

/** Whether column values and target values pair up one-to-one on rows with a target; stops at the first clash. */
function oneToOne(
  values: readonly string[],
  target: readonly string[],
  hasTarget: readonly boolean[],
): boolean {
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  for (let r = 0; r < values.length; r++) {
    if (!hasTarget[r]) continue;
    const x = trimCell(values[r]!);
    const y = target[r]!;
    const seenY = forward.get(x);
    if (seenY === undefined) forward.set(x, y);
    else if (seenY !== y) return false;
    const seenX = backward.get(y);
    if (seenX === undefined) backward.set(y, x);
    else if (seenX !== x) return false;
  }
  return forward.size >= 2;
}

/** Numbers of a column, NaN where missing or not a number. */
function parseColumn(values: readonly string[], markers: MissingMarkers): Float64Array {
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const text = trimCell(values[r]!);
    out[r] = markers.indexOf(text) < 0 && numberSyntax(text) !== null ? Number(text) : NaN;
  }
  return out;
}

/**
 * Whether `value(r)` equals the target on every row where both are numbers, with such rows being at least
 * half the rows (a column that is mostly missing proves nothing). Stops at the first mismatch.
 */
function matches(y: Float64Array, rows: number, value: (r: number) => number): boolean {
  let compared = 0;
  for (let r = 0; r < rows; r++) {
    const target = y[r]!;
    const x = value(r);
    if (Number.isNaN(target) || Number.isNaN(x)) continue;
    if (Math.abs(x - target) > 1e-9 * Math.max(1, Math.abs(target))) return false;
    compared++;
  }
  return compared > 0 && compared * 2 >= rows;
}
