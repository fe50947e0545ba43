import {
  guessTaskType,
  leakageWarnings,
  profileTable,
  targetMissing,
  type TableProfile,
} from '../profile/index.ts';
import type { ProfileWarning } from '../profile/profile-warning.ts';
import { suggestSteps, type Suggestion } from '../suggest/suggest-steps.ts';
import { DEFAULT_MISSING_MARKERS, type ColumnType, type RawTable } from '../table/raw-table.ts';
import type { TaskType } from '../problem/problem-card.ts';

/** What Looplab knows about the target once one is chosen. */
export interface TargetFacts {
  name: string;
  guessedTaskType: TaskType;
  /** Distinct non-missing target values (trimmed) with counts, most frequent first; empty for regression. */
  classes: { value: string; count: number }[];
  /** Rows whose target is missing: excluded from training, and counted. */
  missing: number;
  /** Leakage and ID warnings about the other columns. */
  warnings: ProfileWarning[];
}

export interface DatasetAnalysis {
  profile: TableProfile;
  target: TargetFacts | null;
  suggestions: Suggestion[];
}

/**
 * Profiles a table, checks the target when one is chosen, and derives the suggested cleaning steps: the
 * whole of what the Profile and Problem views show, computed in one place (the data worker, or the CLI).
 */
export function analyseDataset(
  table: RawTable,
  options: {
    types?: Record<string, ColumnType>;
    target?: string;
    onProgress?: (done: number, total: number) => void;
  } = {},
): DatasetAnalysis {
  const profile = profileTable(table, { types: options.types, onProgress: options.onProgress });
  let target: TargetFacts | null = null;
  const targetIndex = options.target === undefined ? -1 : table.names.indexOf(options.target);
  if (targetIndex >= 0) {
    const name = table.names[targetIndex]!;
    const values = table.columns[targetIndex]!;
    const guessedTaskType = guessTaskType(values);
    const types = Object.fromEntries(profile.columns.map((c) => [c.name, c.type]));
    const counts = new Map<string, number>();
    if (guessedTaskType !== 'regression') {
      const markers = new Set(DEFAULT_MISSING_MARKERS);
      for (const raw of values) {
        const v = raw.trim();
        if (!markers.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
    }
    target = {
      name,
      guessedTaskType,
      classes: [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
      missing: targetMissing(values),
      warnings: leakageWarnings(table, name, types),
    };
  }
  const suggestions = suggestSteps({
    columns: profile.columns,
    duplicateRows: profile.duplicateRows,
    warnings: [...profile.warnings, ...(target?.warnings ?? [])],
    target: target?.name,
    targetMissing: target?.missing,
  });
  return { profile, target, suggestions };
}
