/**
 * The reliability record (issue 9): every hostile-input, fault, import and security case appends what it
 * expected and what it observed, and `scripts/reliability-report.ts` turns the lines into
 * docs/RELIABILITY.md. A case records before it asserts, so a failing case is in the table as failed.
 *
 * Observations must be deterministic (no timings, temp paths or random ids): the table is committed, and a
 * rerun on another machine should not change it.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type ReliabilityArea = 'Hostile input' | 'Faults' | 'Imports' | 'Security';
export type ReliabilitySurface = 'CLI' | 'App' | 'Storage' | 'Core';

export interface ReliabilityEntry {
  area: ReliabilityArea;
  /** A short name for the case, the same for every surface it runs on ("UTF-16 file with a BOM"). */
  case: string;
  surface: ReliabilitySurface;
  /** What a correct behaviour is, in a few words ("error naming the line", "3 rows stored"). */
  expected: string;
  /** What happened, quoted where it is a message. */
  observed: string;
  pass: boolean;
}

export const RELIABILITY_DIR = join(import.meta.dirname, '../../test-results/reliability');

/** Appends one case to test-results/reliability/cases.jsonl (one JSON object a line; appends are atomic). */
export function recordCase(entry: ReliabilityEntry): void {
  mkdirSync(RELIABILITY_DIR, { recursive: true });
  const line = JSON.stringify({
    ...entry,
    observed: entry.observed.replace(/\s+/g, ' ').trim().slice(0, 400),
  });
  appendFileSync(join(RELIABILITY_DIR, 'cases.jsonl'), `${line}\n`);
}
