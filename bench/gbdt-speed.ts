/**
 * Speed bar (issue 8): Looplab's GBDT fit time against sklearn's HistGradientBoosting on adult and
 * california, on the very feature matrix `looplab run` builds (the suggested recipe and features, the
 * baselines' own test rows held out), with the same settings on both sides: 100 iterations (no early
 * stopping, so both do the same work), 31 leaves, 20 rows a leaf, learning rate 0.1, 255 bins. Best of 3
 * each. sklearn runs on one thread (OMP_NUM_THREADS=1) like Looplab's single JS thread, and also with every
 * core, for reference. Figures are printed, never asserted; without /usr/bin/python3 and python3-sklearn the
 * sklearn side is skipped with a message.
 *
 *   node --import tsx bench/gbdt-speed.ts [--only adult] [--iterations 100]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable } from '../src/cli/read-table.ts';
import { autoExperiment } from '../src/core/experiment/auto-experiment.ts';
import { buildExperimentData } from '../src/core/experiment/build-experiment-data.ts';
import { fitGbdt } from '../src/core/gbdt/index.ts';
import { evaluateOutput } from '../src/core/models/evaluate-output.ts';
import { predictGbdt } from '../src/core/gbdt/index.ts';

const SHARED = new URL('../../shared/data/', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const iterations = Number(option('iterations') ?? 100);
const only = option('only')?.split(',');

const ADULT_COLS =
  'age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,income';

const CASES = [
  { name: 'adult', target: 'income', task: 'binary' as const, positive: '>50K' },
  { name: 'california_housing', target: 'median_house_value', task: 'regression' as const },
];

if (!existsSync(SHARED)) {
  console.log(`gbdt speed bench: ${SHARED} is absent; nothing to measure.`);
  process.exit(0);
}
const temp = mkdtempSync(join(tmpdir(), 'looplab-gbdt-'));
writeFileSync(
  join(temp, 'adult.csv'),
  `${ADULT_COLS}\n${readFileSync(join(SHARED, 'real', 'adult.data'), 'utf8')}`,
);
const python = '/usr/bin/python3';
const hasSklearn =
  existsSync(python) && spawnSync(python, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
if (!hasSklearn) console.log('sklearn side skipped: /usr/bin/python3 with python3-sklearn is absent.');

const lines: string[] = [];
for (const c of CASES) {
  if (only && !only.includes(c.name)) continue;
  const file = c.name === 'adult' ? join(temp, 'adult.csv') : join(SHARED, 'real', 'california_housing.csv');
  const { table } = await readTable(file);
  const testRows = (
    JSON.parse(
      readFileSync(join(SHARED, 'baselines', 'splits', `${c.name}_seed42_test_rows.json`), 'utf8'),
    ) as {
      test_rows: number[];
    }
  ).test_rows;
  const plan = autoExperiment(table, {
    target: c.target,
    task: c.task,
    ...(c.positive ? { positiveClass: c.positive } : {}),
    seed: 42,
    fractions: [0.85, 0.15, 0],
  });
  const data = buildExperimentData(table, {
    recipe: plan.recipe,
    split: plan.split,
    features: plan.features,
    testRows,
  });
  const params = { maxIter: iterations, earlyStopping: null } as const;
  const times: number[] = [];
  let test: Record<string, number> = {};
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const { model } = fitGbdt({
      train: data.train,
      cols: data.cols,
      task: c.task,
      classes: data.classes,
      params,
      seed: 42,
    });
    times.push((performance.now() - started) / 1000);
    test = evaluateOutput(c.task, predictGbdt(model, data.test.x, data.test.rows), data.test.y);
  }
  const ours = Math.min(...times);
  const figure: Record<string, unknown> = {
    dataset: c.name,
    rows: data.train.rows,
    cols: data.cols,
    iterations,
    looplabSeconds: times.map((t) => +t.toFixed(3)),
    looplabBest: +ours.toFixed(3),
    test: c.task === 'binary' ? { roc_auc: test.roc_auc } : { r2: test.r2 },
    loadAverage: loadavg().map((v) => +v.toFixed(2)),
  };
  let row = `| ${c.name} | ${data.train.rows} × ${data.cols} | ${iterations} | ${ours.toFixed(2)} s |`;
  if (hasSklearn) {
    const folder = mkdtempSync(join(temp, `${c.name}-`));
    writeFileSync(
      join(folder, 'train.bin'),
      Buffer.from(data.train.x.buffer, data.train.x.byteOffset, data.train.x.byteLength),
    );
    writeFileSync(join(folder, 'y.bin'), Buffer.from(Float64Array.from(data.train.y).buffer));
    const sk = (threads: number) => {
      writeFileSync(
        join(folder, 'spec.json'),
        JSON.stringify({ rows: data.train.rows, cols: data.cols, task: c.task, iterations, threads }),
      );
      const run = spawnSync(python, [join(import.meta.dirname, 'gbdt', 'sklearn_hgb.py'), folder], {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: String(threads) },
      });
      if (run.status !== 0) throw new Error(`sklearn failed: ${run.stderr.slice(-400)}`);
      return JSON.parse(run.stdout) as { best: number; sklearn: string };
    };
    const one = sk(1);
    const all = sk(availableParallelism());
    figure.sklearnOneThread = +one.best.toFixed(3);
    figure.sklearnAllThreads = +all.best.toFixed(3);
    figure.sklearn = one.sklearn;
    figure.ratioOneThread = +(ours / one.best).toFixed(2);
    figure.ratioAllThreads = +(ours / all.best).toFixed(2);
    row += ` ${one.best.toFixed(2)} s | ${(ours / one.best).toFixed(2)}× | ${all.best.toFixed(2)} s (${availableParallelism()} threads) | ${(ours / all.best).toFixed(2)}× | ${ours / one.best <= 3 ? 'yes' : 'NO'} |`;
  }
  console.log(JSON.stringify(figure));
  lines.push(row);
}
console.log(
  `\nGBDT fit time, ${iterations} iterations, best of 3 (${process.version}, ${availableParallelism()} cores)`,
);
console.log(
  '| dataset | train rows × features | iterations | Looplab | sklearn (1 thread) | ratio | sklearn (all threads) | ratio | within 3× (1 thread) |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const line of lines) console.log(line);
