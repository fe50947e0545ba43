import { MIXED_NUMERIC_SHARE, NUMERIC_SHARE } from './infer-column-type.ts';
import type { ColumnProfile } from './profile-column.ts';
import type { ProfileWarning } from './profile-warning.ts';

/**
 * The findings about one profiled column worth a line in the Prepare stage, in the order a user would fix
 * them: missing values, padding, numbers stored as text, numbers mixed with text, unparsable dates,
 * sentinels, |z| > 4 outliers, spelling variants, a constant column. Each message names the column and
 * quotes examples, so it reads on its own in a list of warnings from many columns.
 *
 * @example
 * columnWarnings(profileColumn('pdays', values)).map((w) => w.kind); // ['sentinel', 'outliers']
 */
export function columnWarnings(p: ColumnProfile): ProfileWarning[] {
  const column = p.name;
  const warnings: ProfileWarning[] = [];
  const add = (kind: ProfileWarning['kind'], message: string) => warnings.push({ column, kind, message });
  const numericType = p.type === 'integer' || p.type === 'number';
  const dateType = p.type === 'date' || p.type === 'datetime';

  if (p.missing > 0) {
    const markers = Object.entries(p.missingByMarker)
      .map(([marker, count]) => `${count} × ${marker === '' ? 'blank' : JSON.stringify(marker)}`)
      .join(', ');
    add('missing', `${column}: ${p.missing} missing (${p.missingPercent.toFixed(1)}%): ${markers}.`);
  }
  if (p.whitespacePadded > 0) {
    add(
      'whitespace',
      `${column}: ${plural(p.whitespacePadded, 'value has', 'values have')} leading or trailing spaces.`,
    );
  }
  // Numeric columns, and an id of numbers with a stray text value (bike `instant`).
  if ((numericType || p.inference.numericShare >= NUMERIC_SHARE) && p.unparsed.count > 0) {
    add(
      'numbers-stored-as-text',
      `${column}: numbers stored as text: ${plural(p.unparsed.count, 'value is not a number', 'values are not numbers')} (${examples(p.unparsed.examples)}), so a strict parser reads the whole column as text.`,
    );
  }
  const share = p.inference.numericShare;
  if (!numericType && share > MIXED_NUMERIC_SHARE && share < NUMERIC_SHARE) {
    add(
      'mixed-numbers-and-text',
      `${column}: ${(100 * share).toFixed(0)}% of values are numbers and the rest text (${examples(p.inference.unparsed.examples)}): too many to treat as numbers.`,
    );
  }
  if (dateType && p.unparsed.count > 0) {
    add(
      'unparsed-dates',
      `${column}: ${plural(p.unparsed.count, 'value is not a date', 'values are not dates')} (${examples(p.unparsed.examples)}).`,
    );
  }
  for (const s of p.sentinels) {
    const why =
      s.rule === 'negative'
        ? 'the only negative value in a column of non-negative numbers'
        : `far from the other values (the nearest is ${s.nearest})`;
    add('sentinel', `${column}: ${s.value} appears ${s.count} times, ${why}: probably a code for "unknown".`);
  }
  if (p.numeric && p.numeric.zOutliers > 0) {
    add(
      'outliers',
      `${column}: ${plural(p.numeric.zOutliers, 'value is', 'values are')} more than 4 standard deviations from the mean.`,
    );
  }
  for (const group of p.spellingVariants) {
    const variants = group.variants.map((v) => `${JSON.stringify(v.value)} (${v.count})`).join(', ');
    add('inconsistent-spelling', `${column}: one value spelled ${group.variants.length} ways: ${variants}.`);
  }
  if (p.rows > 1 && p.missing < p.rows && p.distinct === 1) {
    add('constant', `${column}: every non-missing value is the same, so it cannot help a model.`);
  }
  return warnings;
}

/** "1 value is", "3 values are". */
function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function examples(list: readonly string[]): string {
  return list
    .slice(0, 3)
    .map((e) => JSON.stringify(e))
    .join(', ');
}
