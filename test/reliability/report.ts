/**
 * Writes docs/RELIABILITY.md from the cases the test run recorded (test/reliability/record.ts), with the soak
 * figures of `bench/soak.ts` when bench/out/soak.json exists.
 *
 *   node --import tsx test/reliability/report.ts clean    # before the run: forget the last run's cases
 *   node --import tsx test/reliability/report.ts          # after it: write the table
 *
 * `npm test` does both. The report keeps one line per (area, case, surface): a case recorded twice (a rerun)
 * shows its last observation.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RELIABILITY_DIR, type ReliabilityEntry } from './record.ts';

const ROOT = join(import.meta.dirname, '../..');
const CASES = join(RELIABILITY_DIR, 'cases.jsonl');
const SOAK = join(ROOT, 'bench/out/soak.json');
const OUT = join(ROOT, 'docs/RELIABILITY.md');
const AREAS = ['Hostile input', 'Faults', 'Imports', 'Security'] as const;

/** What an area's cases prove, above its table. */
const AREA_NOTES: Partial<Record<(typeof AREAS)[number], string[]>> = {
  Faults: [
    'The page is closed (or a worker crashed, or the disk made full) while the work is held at a known',
    "point by a test barrier (`workers/test-hooks.ts`, compiled into the tests' build only), never at a",
    'moment in time: the worker says it is held, then the test acts. `LOOPLAB_FAULT_SEED` chooses the point',
    'of each kind (ingest: first chunk parsed, or all parsed; replay: a log batch stored, or a deployment',
    'change stored; retrain: the run stored running, finished, or its version registered), and each row',
    'names the point it used and asserts what that point promises.',
    '',
  ],
};

if (process.argv[2] === 'clean') {
  rmSync(RELIABILITY_DIR, { recursive: true, force: true });
  process.exit(0);
}
if (!existsSync(CASES)) {
  console.error(`reliability report: ${CASES} is missing; run the tests first (npm test).`);
  process.exit(1);
}
const latest = new Map<string, ReliabilityEntry>();
for (const line of readFileSync(CASES, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const entry = JSON.parse(line) as ReliabilityEntry;
  latest.set(`${entry.area}\u0000${entry.case}\u0000${entry.surface}`, entry);
}
const entries = [...latest.values()];
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const passed = entries.filter((e) => e.pass).length;
const lines = [
  '# Reliability',
  '',
  'Produced by `npm test` (`test/reliability/report.ts`) from the cases the unit, storage, CLI and Chromium',
  'tests recorded while they ran. Each row is one case on one surface: what a correct behaviour is, and what',
  'the run observed. Do not edit by hand.',
  '',
  `**${entries.length} cases tried, ${passed} passed${passed === entries.length ? '' : `, ${entries.length - passed} FAILED`}.**`,
  '',
  '| area | cases | passed |',
  '|---|---|---|',
  ...AREAS.map((area) => {
    const inArea = entries.filter((e) => e.area === area);
    return `| ${area} | ${inArea.length} | ${inArea.filter((e) => e.pass).length} |`;
  }),
];
for (const area of AREAS) {
  const inArea = entries
    .filter((e) => e.area === area)
    .sort((a, b) => a.case.localeCompare(b.case) || a.surface.localeCompare(b.surface));
  if (inArea.length === 0) continue;
  lines.push('', `## ${area}`, '', ...(AREA_NOTES[area] ?? []));
  lines.push('| case | surface | expected | observed | result |', '|---|---|---|---|---|');
  for (const e of inArea)
    lines.push(
      `| ${cell(e.case)} | ${e.surface} | ${cell(e.expected)} | ${cell(e.observed)} | ${e.pass ? 'pass' : '**FAIL**'} |`,
    );
}
// The soak is a bench, not a test: its figures come from the last bench run here, or stay as committed.
const SOAK_HEADING = '## Soak';
if (existsSync(SOAK)) {
  const soak = JSON.parse(readFileSync(SOAK, 'utf8')) as { table: string[] };
  lines.push('', `${SOAK_HEADING} (\`node --import tsx bench/soak.ts\`, last run)`, '', ...soak.table);
} else if (existsSync(OUT)) {
  const committed = readFileSync(OUT, 'utf8');
  const at = committed.indexOf(`\n${SOAK_HEADING}`);
  if (at >= 0) lines.push(committed.slice(at).trimEnd());
}
writeFileSync(OUT, `${lines.join('\n')}\n`);
console.log(`reliability report: ${entries.length} cases, ${passed} passed → docs/RELIABILITY.md`);
if (passed !== entries.length) process.exitCode = 1;
