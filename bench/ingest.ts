/**
 * `node --import tsx bench/ingest.ts [--rows 1000000]`: `looplab profile` of a generated CSV (bench/mixed-csv.ts:
 * 10 mixed columns, about 100 bytes a row) against the tools a user would reach for instead (issue 18),
 * each in a fresh process, with its wall time and peak RSS (Node: `process.resourceUsage().maxRSS` at exit;
 * Python: `resource.getrusage`):
 * - `looplab profile <file>` (tsx start-up included);
 * - papaparse's bare parse: the file read as one string, `Papa.parse` to arrays of strings, no types;
 * - pandas `read_csv` + `describe(include='all')`, when /usr/bin/python3 (or LOOPLAB_PYTHON) has pandas.
 * Prints a table with the ratios to papaparse and to pandas. Figures only, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMixedCsv } from './mixed-csv.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--rows');
const rows = at >= 0 ? Number(args[at + 1]) : 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'looplab-bench-ingest-'));
const file = join(dir, 'mixed.csv');
await writeMixedCsv(file, rows);
const size = statSync(file).size;
const cli = new URL('../src/cli/looplab.mjs', import.meta.url).pathname;
const RSS_PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))`;
const PAPA = `
const { readFileSync } = require('node:fs');
const Papa = require('papaparse');
const t = performance.now();
const out = Papa.parse(readFileSync(process.argv[1], 'utf8'), { skipEmptyLines: true });
process.stdout.write(String(out.data.length - 1) + ' ' + (performance.now() - t) / 1000 + '\\n');
`;
const PANDAS = `
import sys, time, resource
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1])
d = df.describe(include='all')
print(len(df), time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

interface Figure {
  name: string;
  seconds: number;
  rssMiB: number;
  note: string;
}
const figures: Figure[] = [];
const rssOf = (stderr: string) => Number(/MAXRSS_KB (\d+)/.exec(stderr)?.[1]) / 1024;

{
  const started = performance.now();
  const run = spawnSync('node', ['--import', RSS_PROBE, cli, 'profile', file], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const seconds = (performance.now() - started) / 1000;
  const profiled = run.status === 0 ? (JSON.parse(run.stdout) as { rows: number }) : undefined;
  figures.push({
    name: 'looplab profile',
    seconds,
    rssMiB: rssOf(run.stderr),
    note: run.status === 0 ? `${profiled?.rows} rows` : `FAILED: ${run.stderr.slice(-200)}`,
  });
}
{
  const started = performance.now();
  const run = spawnSync('node', ['--import', RSS_PROBE, '-e', PAPA, file], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  const seconds = (performance.now() - started) / 1000;
  const [n, parse] = run.stdout.trim().split(' ');
  figures.push({
    name: 'papaparse bare parse',
    seconds,
    rssMiB: rssOf(run.stderr),
    note:
      run.status === 0
        ? `${n} rows, parse alone ${Number(parse).toFixed(2)} s`
        : `FAILED: ${run.stderr.slice(-200)}`,
  });
}
const python = [process.env.LOOPLAB_PYTHON, '/usr/bin/python3']
  .filter((p): p is string => !!p)
  .find((p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);
if (python) {
  const started = performance.now();
  const run = spawnSync(python, ['-c', PANDAS, file], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  const [n, inner, kb] = run.stdout.trim().split(/\s+/).map(Number);
  figures.push({
    name: 'pandas read_csv + describe',
    seconds,
    rssMiB: kb! / 1024,
    note:
      run.status === 0 ? `${n} rows, in-process ${inner!.toFixed(2)} s` : `FAILED: ${run.stderr.slice(-200)}`,
  });
} else console.error('bench/ingest: no python3 with pandas; the pandas row is left out.');
rmSync(dir, { recursive: true, force: true });

const papa = figures.find((f) => f.name.startsWith('papaparse'))!;
const pandas = figures.find((f) => f.name.startsWith('pandas'));
console.log(
  `${rows.toLocaleString('en')} rows × 10 columns, ${(size / 1024 / 1024).toFixed(0)} MiB; each in a fresh process`,
);
console.log('| tool | wall | MB/s | peak RSS | × papaparse time | × pandas time | note |');
console.log('|---|---|---|---|---|---|---|');
for (const f of figures)
  console.log(
    `| ${f.name} | ${f.seconds.toFixed(2)} s | ${(size / 1e6 / f.seconds).toFixed(1)} | ${f.rssMiB.toFixed(0)} MiB | ${(f.seconds / papa.seconds).toFixed(2)}× | ${pandas ? `${(f.seconds / pandas.seconds).toFixed(2)}×` : '—'} | ${f.note} |`,
  );
