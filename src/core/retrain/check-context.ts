import type { NewDataIssue, ValueCount } from './new-data-report.ts';

/** What every check of `validateNewData` reads (settings) and writes (the issues it finds). */
export interface CheckContext {
  isMissing: (text: string) => boolean;
  typeChangeShare: number;
  examples: number;
  errors: NewDataIssue[];
  warnings: NewDataIssue[];
}

/** Most frequent first, ties by value, so the report is the same on every run. */
export function ranked(tally: Map<string, number>): ValueCount[] {
  return [...tally]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, count]) => ({ value, count }));
}
