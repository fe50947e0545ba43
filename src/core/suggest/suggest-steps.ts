import type { ColumnProfile } from '../profile/profile-column.ts';
import type { ProfileWarning } from '../profile/profile-warning.ts';
import type { RecipeStep } from '../recipe/recipe-step.ts';

/** A cleaning step the profile argues for, with the reason in the user's terms. One click accepts it. */
export interface Suggestion {
  /** Stable for the same profile, so an accepted suggestion can be hidden. */
  id: string;
  reason: string;
  steps: RecipeStep[];
}

export interface SuggestInput {
  columns: readonly ColumnProfile[];
  duplicateRows: number;
  /** Table-level and target-aware warnings (leakage, id-like, target-missing). */
  warnings: readonly ProfileWarning[];
  target?: string;
  targetMissing?: number;
}

const quoteList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Turns a profile into suggested recipe steps: trim padded text, cast numeric columns whose blanks or
 * thousands separators keep them text, merge spelling variants into the most frequent spelling, treat
 * sentinel codes as missing, drop duplicate rows, rows without a target, ID columns (never a date or
 * datetime column, however unique: it becomes date parts) and leaking columns.
 * Order matters (trim before merging spellings, cast after setting markers), and the list keeps it.
 *
 * @example suggestSteps(profile)[0].reason // "Trim leading and trailing spaces in 14 columns"
 */
export function suggestSteps(input: SuggestInput): Suggestion[] {
  const out: Suggestion[] = [];
  const padded = input.columns.filter(
    (c) => c.whitespacePadded > 0 && c.type !== 'text' && c.whitespacePadded > c.missing,
  );
  if (padded.length > 0) {
    const names = padded.map((c) => c.name);
    out.push({
      id: `trim:${names.join(',')}`,
      reason:
        padded.length === 1
          ? `Trim leading and trailing spaces in ${names[0]} (${padded[0]!.whitespacePadded.toLocaleString('en-US')} values)`
          : `Trim leading and trailing spaces in ${padded.length} columns`,
      steps: [{ id: 'trim-padded', kind: 'trim', columns: names }],
    });
  }
  for (const column of input.columns) {
    for (const sentinel of column.sentinels) {
      out.push({
        id: `sentinel:${column.name}:${sentinel.value}`,
        reason: `Treat ${sentinel.value} in ${column.name} as missing: it repeats ${sentinel.count.toLocaleString('en-US')} times at the ${sentinel.end === 'min' ? 'bottom' : 'top'} of the range, far from the other values`,
        steps: [
          {
            id: `missing-${column.name}-${sentinel.value}`,
            kind: 'set-missing-markers',
            columns: [column.name],
            markers: [String(sentinel.value)],
          },
        ],
      });
    }
    const numeric = column.type === 'integer' || column.type === 'number';
    const blanks = Object.entries(column.missingByMarker).filter(([, n]) => n > 0);
    if (
      numeric &&
      (column.unparsed.count > 0 || blanks.length > 0 || column.inference.type !== column.type)
    ) {
      const why: string[] = [];
      if (blanks.length > 0) {
        why.push(
          `treat ${quoteList(blanks.map(([m]) => (m === '' ? ' ' : m)))} in ${column.name} as missing`,
        );
      }
      if (column.unparsed.count > 0)
        why.push(
          `${column.unparsed.count.toLocaleString('en-US')} values are text, e.g. ${quoteList(column.unparsed.examples.slice(0, 2))}`,
        );
      out.push({
        id: `cast:${column.name}`,
        reason: `${why.length ? `${why.join('; ')}, and ` : ''}cast ${column.name} to ${column.type}`.replace(
          /^./,
          (c) => c.toUpperCase(),
        ),
        steps: [{ id: `cast-${column.name}`, kind: 'cast', column: column.name, to: column.type }],
      });
    }
    for (const group of column.spellingVariants) {
      const [keep, ...merge] = group.variants;
      if (!keep || merge.length === 0) continue;
      out.push({
        id: `spelling:${column.name}:${group.key}`,
        reason: `Merge ${quoteList(merge.map((v) => v.value))} into '${keep.value}' in ${column.name}`,
        steps: [
          {
            id: `merge-${column.name}-${group.key}`,
            kind: 'map-values',
            column: column.name,
            mapping: Object.fromEntries(merge.map((v) => [v.value, keep.value])),
          },
        ],
      });
    }
  }
  if (input.duplicateRows > 0) {
    out.push({
      id: 'duplicates',
      reason: `Drop ${input.duplicateRows.toLocaleString('en-US')} duplicate rows (exact repeats of an earlier row)`,
      steps: [{ id: 'drop-duplicates', kind: 'drop-duplicates', columns: 'all' }],
    });
  }
  if (input.target && (input.targetMissing ?? 0) > 0) {
    out.push({
      id: `target-missing:${input.target}`,
      reason: `Drop ${input.targetMissing!.toLocaleString('en-US')} rows whose target ${input.target} is missing`,
      steps: [{ id: 'drop-missing-target', kind: 'drop-missing', columns: [input.target] }],
    });
  }
  const dropColumns = new Map<string, string>();
  // A date is a feature (its parts), never an ID to drop, even when every row has its own.
  const dates = new Set(
    input.columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => c.name),
  );
  for (const warning of input.warnings) {
    if (!warning.column || warning.column === input.target) continue;
    if (warning.kind === 'id-like' && !dates.has(warning.column))
      dropColumns.set(warning.column, `${warning.column} is an ID: it identifies rows and predicts nothing`);
    if (warning.kind === 'leakage') dropColumns.set(warning.column, warning.message);
  }
  for (const [column, reason] of dropColumns) {
    out.push({
      id: `drop-column:${column}`,
      reason: `Drop ${column}: ${reason}`,
      steps: [{ id: `drop-${column}`, kind: 'drop-columns', columns: [column] }],
    });
  }
  return out;
}
