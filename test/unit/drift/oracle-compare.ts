// Shared by the drift oracle tests (src/core/drift directly, and `looplab drift-stats` as a process): the
// fixtures copied from ../shared/data/oracles/fixtures/drift, and a key-by-key comparison of an `expected`
// block with our output. Tolerances: a statistic (any number whose key is not a p-value) within 1e-9,
// absolute, relative above 1 (|Δ| ≤ 1e-9 · max(1, |expected|)); a p-value (a key containing "pvalue")
// within 1e-6 relative (|Δ| ≤ 1e-6 · |expected|), since p-values of 1e-212 are as much a result as 0.04.
// Counts, categories, nulls and error texts must be equal. A missing or extra key fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/drift');
export const STATISTIC_TOLERANCE = 1e-9;
export const P_VALUE_TOLERANCE = 1e-6;
/** Oracle metadata, not a statistic: which scipy and numpy wrote the fixture. */
const METADATA = new Set(['_oracle']);

export interface DriftFixture {
  name: string;
  description: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
}

export function loadDriftFixtures(): DriftFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as DriftFixture);
}

/** The largest differences seen: |Δ| of statistics (raw, and relative above 1), relative Δ of p-values. */
export class DiffTracker {
  /** Raw |Δ| of statistics (large values such as χ² = 1011.8 dominate it). */
  statisticAbsolute = 0;
  statistic = 0;
  pValue = 0;
  statisticAt = '';
  pValueAt = '';

  record(path: string, diff: number, expected: number): void {
    if (isPValue(path)) {
      const relative = expected === 0 ? (diff === 0 ? 0 : Infinity) : diff / Math.abs(expected);
      if (relative > this.pValue) [this.pValue, this.pValueAt] = [relative, path];
    } else {
      this.statisticAbsolute = Math.max(this.statisticAbsolute, diff);
      const scaled = diff / Math.max(1, Math.abs(expected));
      if (scaled > this.statistic) [this.statistic, this.statisticAt] = [scaled, path];
    }
  }
}

/** Every disagreement between the oracle's `expected` and `actual`, one line each. */
export function compareWithOracle(expected: unknown, actual: unknown, tracker?: DiffTracker): string[] {
  const want = leaves(expected);
  const got = leaves(actual);
  const out: string[] = [];
  for (const [path, value] of want) {
    if (!got.has(path)) out.push(`${path}: missing from our output`);
    else checkLeaf(path, value, got.get(path), out, tracker);
  }
  for (const path of got.keys()) if (!want.has(path)) out.push(`${path}: not in the oracle's output`);
  return out;
}

/**
 * A JSON value as a map from the path of each leaf (`ks.pvalue_auto`, `bins.count_ref[3]`) to the leaf;
 * an empty array or object is a leaf of its own, so `new_categories: []` must be matched by an empty list.
 */
function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [`${path}[${i}]`, item])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
          .filter(([key]) => !METADATA.has(key))
          .map(([key, item]) => [path ? `${path}.${key}` : key, item])
      : [];
  if (entries.length === 0) out.set(path, value);
  for (const [at, item] of entries) leaves(item, at, out);
  return out;
}

function checkLeaf(path: string, expected: unknown, actual: unknown, out: string[], tracker?: DiffTracker) {
  if (typeof expected !== 'number' || typeof actual !== 'number') {
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      out.push(`${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    return;
  }
  const diff = Math.abs(actual - expected);
  tracker?.record(path, diff, expected);
  const allowed = isPValue(path)
    ? P_VALUE_TOLERANCE * Math.abs(expected)
    : STATISTIC_TOLERANCE * Math.max(1, Math.abs(expected));
  if (!(diff <= allowed)) out.push(`${path}: got ${actual}, expected ${expected} (|Δ| = ${diff})`);
}

function isPValue(path: string): boolean {
  return /pvalue/.test(path.split('.').pop() ?? '');
}
