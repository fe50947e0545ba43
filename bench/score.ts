/**
 * `node --import tsx bench/score.ts [--rows 1000000,5000000] [--families mlp,gbdt] [--no-python]`: batch
 * scoring speed and memory (issue 18). Figures are printed, never asserted.
 *
 * 1. Writes seeded churn-like CSVs (bench/serve/churn.ts): 5,000 training rows, and one file per `--rows`.
 * 2. Trains one bundle per family with `looplab run --families F --bundle` on the training rows.
 * 3. Times `looplab score <bundle> <file>` (a fresh Node process, tsx included, stdout to a file) and reads
 *    its peak RSS from the process itself (`process.resourceUsage().maxRSS`, printed at exit).
 * 4. When /usr/bin/python3 (or LOOPLAB_PYTHON) has pandas and scikit-learn: the same rows through
 *    `pandas.read_csv` + HistGradientBoostingClassifier `predict_proba` + `to_csv`, timed from the read
 *    (the fit on the 5,000 rows is left out), with its peak RSS from `resource.getrusage`.
 * Prints a table: rows, file size, model, wall, rows/s, peak RSS, and the ratio to pandas + sklearn.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeChurnCsv } from './serve/churn.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const rowCounts = (option('rows') ?? '1000000,5000000').split(',').map(Number);
const families = (option('families') ?? 'mlp,gbdt').split(',');
const cli = new URL('../src/cli/looplab.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'looplab-bench-score-'));
/** Prints the process's peak resident set (KiB on Linux) on stderr as it exits. */
const RSS_PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))`;

const MiB = 1024 * 1024;
const train = join(dir, 'train.csv');
writeChurnCsv(train, 5000, 1);

const bundles = families.map((family) => {
  const bundle = join(dir, `${family}.zip`);
  const run = spawnSync(
    'node',
    [
      cli,
      'run',
      train,
      '--target',
      'churn',
      '--positive',
      'Yes',
      '--drop',
      'id',
      '--families',
      family,
      '--budget-s',
      '20',
      '--seed',
      '1',
      '--bundle',
      bundle,
    ],
    { encoding: 'utf8', maxBuffer: 64 * MiB },
  );
  if (run.status !== 0) throw new Error(`looplab run --families ${family} failed: ${run.stderr}`);
  const best = (JSON.parse(run.stdout) as { best: { model: string; params: { hidden?: number[] } } }).best;
  const model = best.model === 'mlp' ? `mlp ${best.params.hidden?.join('-')}` : best.model;
  return { family, bundle, model };
});

function python(): string | undefined {
  for (const p of [process.env.LOOPLAB_PYTHON, '/usr/bin/python3'].filter(Boolean) as string[]) {
    if (spawnSync(p, ['-c', 'import pandas, sklearn'], { stdio: 'ignore' }).status === 0) return p;
  }
  return undefined;
}
const py = args.includes('--no-python') ? undefined : python();
const PY_REFERENCE = `
import sys, time, resource
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
train, big, out = sys.argv[1:4]
def features(df):
    X = df[['fee', 'tenure']].copy()
    X['contract'] = df['contract'].map({'Month-to-month': 0, 'One year': 1, 'Two year': 2})
    return X
t = pd.read_csv(train)
model = HistGradientBoostingClassifier(random_state=0).fit(features(t), t['churn'] == 'Yes')
start = time.perf_counter()
df = pd.read_csv(big)
p = model.predict_proba(features(df))[:, 1]
pd.DataFrame({'row': range(len(df)), 'prediction': (p >= 0.5), 'score': p}).to_csv(out, index=False)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

interface Row {
  cells: string[];
}
const rows: Row[] = [];
for (const n of rowCounts) {
  const file = join(dir, `score-${n}.csv`);
  writeChurnCsv(file, n, 2);
  const size = statSync(file).size;
  let pandasSeconds: number | undefined;
  let pandasRss = '—';
  if (py) {
    const ref = spawnSync(py, ['-c', PY_REFERENCE, train, file, join(dir, 'pandas-out.csv')], {
      encoding: 'utf8',
    });
    if (ref.status === 0) {
      const [seconds, kb] = ref.stdout.trim().split(/\s+/).map(Number);
      pandasSeconds = seconds!;
      pandasRss = `${(kb! / 1024).toFixed(0)} MiB`;
      rows.push({
        cells: [
          n.toLocaleString('en'),
          `${(size / MiB).toFixed(0)} MiB`,
          'pandas + sklearn HGB',
          `${seconds!.toFixed(2)} s`,
          `${Math.round(n / seconds!).toLocaleString('en')}`,
          pandasRss,
          '1.00×',
        ],
      });
    } else
      rows.push({
        cells: [n.toLocaleString('en'), '', `pandas failed: ${ref.stderr.slice(-200)}`, '', '', '', ''],
      });
  }
  for (const { bundle, model } of bundles) {
    const outPath = join(dir, 'out.csv');
    const out = openSync(outPath, 'w');
    const started = performance.now();
    const run = spawnSync('node', ['--import', RSS_PROBE, cli, 'score', bundle, file], {
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf8',
    });
    const seconds = (performance.now() - started) / 1000;
    closeSync(out);
    const kb = Number(/MAXRSS_KB (\d+)/.exec(run.stderr ?? '')?.[1]);
    const progressLines = (run.stderr ?? '').split('\n').filter((l) => l.includes('rows scored')).length;
    const lines = readFileSync(outPath, 'latin1').split('\n').length - 2;
    const ok = run.status === 0 && lines === n;
    rows.push({
      cells: [
        n.toLocaleString('en'),
        `${(size / MiB).toFixed(0)} MiB`,
        `looplab score, ${model}${ok ? '' : ` FAILED (exit ${run.status}, ${lines} lines)`}`,
        `${seconds.toFixed(2)} s`,
        `${Math.round(n / seconds).toLocaleString('en')}`,
        `${(kb / 1024).toFixed(0)} MiB`,
        pandasSeconds ? `${(seconds / pandasSeconds).toFixed(2)}×` : '—',
      ],
    });
    console.error(
      `scored ${n} rows with ${model}: ${seconds.toFixed(1)} s, ${progressLines} progress line(s) on stderr`,
    );
    rmSync(outPath);
  }
  rmSync(file);
}
rmSync(dir, { recursive: true, force: true });

console.log('| rows | file | scorer | wall | rows/s | peak RSS | × pandas + sklearn time |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.cells.join(' | ')} |`);
