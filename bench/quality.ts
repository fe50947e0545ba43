/**
 * Quality bar (issues 4, 8, 17): `looplab run` against sklearn on the same test rows. The bar (issue 17) is
 * the better of sklearn's LogisticRegression/Ridge and HistGradientBoosting: our best model ≥
 * max(LR-or-Ridge, HGB) − 0.005 on ROC AUC (binary) or macro F1 (multiclass), − 0.01 on R² (regression).
 *
 *   node --import tsx bench/quality.ts [--toy] [--extra] [--baselines] [--all] [--budget-s 60]
 *     [--only a,b] [--families gbdt,linear,mlp,ensemble] [--bar best|linear|hgb] [--pass-task]
 *     [--timeout-s N] [--references-only]
 *
 * Modes (no mode flag: --baselines; several flags: each, one table apiece):
 * - --baselines: the 9 datasets of ../shared/data/baselines, scored on their seed-42 test rows against the
 *   seed-42 LogisticRegression/Ridge and HistGradientBoosting of baselines/results.json. The task is passed
 *   (`--task`, `--positive`) as the baselines define it; `--seed 42`.
 * - --toy: sklearn's iris, wine, breast cancer, diabetes (raw) and digits, written to CSV by
 *   bench/quality/toy_reference.py, split 80/20 with seed 7 (stratified for classification), `--seed 7`.
 * - --extra: the other real datasets of ../shared/data/real (vega, seaborn, German credit), split and
 *   referenced by the same script (its "extra" mode: one-hot text, median-imputed standardized numbers,
 *   ISO dates as year/month/day-of-year[/hour] numbers; see its header), `--seed 7`.
 *   In --toy and --extra the task is GUESSED by `looplab run` (no `--task`, no `--positive`: the CLI takes
 *   the less frequent class as positive, and ROC AUC does not depend on which class is positive). A guess
 *   that is not the reference's task is reported and counts as below the bar. `--pass-task` passes the
 *   reference's task instead, to measure the models apart from the guess.
 *
 * Options: `--budget-s` (default 60) and `--families` go to `looplab run` as given. `--bar linear` is
 * issue 4's bar (LR/Ridge − 0.005 on every metric), `--bar hgb` issue 8's (HGB − 0.005 / R² − 0.01).
 * `--timeout-s` kills a run that has not finished (default 3 × budget + 120 s). `--references-only` prints
 * the sklearn side and runs no `looplab run`.
 *
 * Columns: rows train/validation/test as the CLI reports them, the best model, our test score, sklearn's
 * LR/Ridge and HGB, the bar (the reference the bar is built on), the difference ours − bar, whether it
 * passes, the wall time of `looplab run` (a fresh Node process, tsx included) and whether it stayed within
 * budget + 15 s of start-up and scoring (else OVER BUDGET). Exit code 0 always: this prints figures.
 *
 * The sklearn side needs a python3 with numpy and scikit-learn (LOOPLAB_PYTHON, else python3, else
 * /usr/bin/python3 — Debian's python3-sklearn); without one, --toy and --extra are skipped with a message.
 * The CSVs are read from ../shared/data (not shipped with the project); a dataset that is absent is skipped.
 * adult.data has no header row, so a copy with sklearn's column names is written to a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Task = 'binary' | 'multiclass' | 'regression';
type Mode = 'baselines' | 'toy' | 'extra';

const SHARED = new URL('../../shared/data/', import.meta.url).pathname;
const REAL = join(SHARED, 'real');
const SPLITS = join(SHARED, 'baselines', 'splits');
const REFERENCE_SCRIPT = new URL('./quality/toy_reference.py', import.meta.url).pathname;
/** Seconds of Node start-up, tsx compilation, reading and final scoring allowed on top of --budget-s. */
const STARTUP_ALLOWANCE_S = 15;

/** One `looplab run` and the sklearn scores it is held to. */
interface Job {
  mode: Mode;
  name: string;
  file: string;
  target: string;
  /** The reference's task; passed to the CLI only in --baselines mode or with --pass-task. */
  task: Task;
  positive?: string;
  drop?: string[];
  testRows: string;
  seed: number;
  linearModel: string;
  linear: number;
  hgb: number;
  /** The reference's rows, train/test. */
  referenceRows: string;
}

/** The 9 shared baselines (issue 4). */
interface BaselineCase {
  name: string;
  file: string;
  target: string;
  task: Task;
  positive?: string;
  drop?: string[];
}

const ADULT_COLS = [
  'age',
  'workclass',
  'fnlwgt',
  'education',
  'education-num',
  'marital-status',
  'occupation',
  'relationship',
  'race',
  'sex',
  'capital-gain',
  'capital-loss',
  'hours-per-week',
  'native-country',
  'income',
];

const BASELINES: BaselineCase[] = [
  {
    name: 'telco_churn',
    file: 'telco_customer_churn.csv',
    target: 'Churn',
    task: 'binary',
    positive: 'Yes',
    drop: ['customerID'],
  },
  { name: 'adult', file: 'adult.csv', target: 'income', task: 'binary', positive: '>50K' },
  {
    name: 'titanic',
    file: 'titanic_train.csv',
    target: 'Survived',
    task: 'binary',
    positive: '1',
    drop: ['PassengerId', 'Name', 'Ticket', 'Cabin'],
  },
  {
    name: 'bank_marketing',
    file: 'bank_marketing_full.csv',
    target: 'subscribe',
    task: 'binary',
    positive: '1',
  },
  {
    name: 'breast_cancer',
    file: 'derived/sklearn_breast_cancer.csv',
    target: 'diagnosis',
    task: 'binary',
    positive: 'malignant',
  },
  {
    name: 'california_housing',
    file: 'california_housing.csv',
    target: 'median_house_value',
    task: 'regression',
  },
  {
    name: 'bike_sharing_hour',
    file: 'bike_sharing_hour.csv',
    target: 'cnt',
    task: 'regression',
    drop: ['instant', 'dteday', 'casual', 'registered'],
  },
  { name: 'iris', file: 'derived/sklearn_iris.csv', target: 'species', task: 'multiclass' },
  { name: 'wine', file: 'derived/sklearn_wine.csv', target: 'cultivar', task: 'multiclass' },
];

/** Real datasets in ../shared/data/real that are not among the baselines (issue 17: "report them all"). */
interface ExtraCase {
  name: string;
  file: string;
  target: string;
  task: Task;
  /** Left out on both sides (IDs, free-text names, leaks). */
  drop?: string[];
  /** ISO date columns: kept for Looplab, year/month/day-of-year numbers for the sklearn reference. */
  dates?: string[];
}

const EXTRAS: ExtraCase[] = [
  {
    name: 'seattle_weather',
    file: 'vega_seattle_weather.csv',
    target: 'weather',
    task: 'multiclass',
    dates: ['date'],
  },
  // Seattle and New York stacked; the dates repeat once per city.
  { name: 'vega_weather', file: 'vega_weather.csv', target: 'weather', task: 'multiclass', dates: ['date'] },
  { name: 'penguins', file: 'seaborn_penguins.csv', target: 'species', task: 'multiclass' },
  // The same penguins from vega's JSON: spaces and parentheses in the names, a bogus sex ".".
  { name: 'vega_penguins', file: 'derived/vega_penguins.csv', target: 'Species', task: 'multiclass' },
  { name: 'tips', file: 'seaborn_tips.csv', target: 'tip', task: 'regression' },
  { name: 'mpg', file: 'seaborn_mpg.csv', target: 'mpg', task: 'regression', drop: ['name'] },
  // mpg with horsepower's gaps spelled "?".
  { name: 'raw_mpg', file: 'seaborn_raw_mpg.csv', target: 'mpg', task: 'regression', drop: ['name'] },
  // The cars again, from vega: 8 rows without a target, Year a date string.
  {
    name: 'vega_cars',
    file: 'derived/vega_cars.csv',
    target: 'Miles_per_Gallon',
    task: 'regression',
    drop: ['Name'],
    dates: ['Year'],
  },
  // Statlog German credit, OpenML labels: class good/bad (30% bad); single-quoted categories kept as text.
  { name: 'german_credit', file: 'german_credit_risk.csv', target: 'class', task: 'binary' },
  // 53,940 rows; integer prices with 11,602 distinct values.
  { name: 'diamonds', file: 'seaborn_diamonds.csv', target: 'price', task: 'regression' },
  // seaborn's titanic: `alive` is the target spelled yes/no, a leak.
  {
    name: 'seaborn_titanic',
    file: 'seaborn_titanic.csv',
    target: 'survived',
    task: 'binary',
    drop: ['alive'],
  },
  // NYC taxi trips: the tip; `total` includes it, a leak. Two timestamp columns.
  {
    name: 'taxis',
    file: 'seaborn_taxis.csv',
    target: 'tip',
    task: 'regression',
    drop: ['total'],
    dates: ['pickup', 'dropoff'],
  },
];

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name: string) => args.includes(`--${name}`);
const budget = option('budget-s') ?? '60';
const budgetS = Number(budget);
const families = option('families');
const barOption = option('bar') ?? 'best';
const bar: 'best' | 'linear' | 'hgb' =
  barOption === 'linear' || barOption === 'hgb' || barOption === 'best' ? barOption : 'best';
if (barOption !== bar) console.error(`quality bench: unknown --bar "${barOption}"; using the best bar.`);
const only = option('only')?.split(',');
const passTask = flag('pass-task');
const referencesOnly = flag('references-only');
const timeoutS = Number(option('timeout-s') ?? 3 * budgetS + 120);
const modes: Mode[] = flag('all')
  ? ['baselines', 'toy', 'extra']
  : (['baselines', 'toy', 'extra'] as const).filter((m) => flag(m));
if (modes.length === 0) modes.push('baselines');

const METRIC_LABEL: Record<Task, string> = { binary: 'ROC AUC', multiclass: 'macro F1', regression: 'R²' };
/** The key of `best.test` in `looplab run`'s JSON (f1 is macro F1 for multiclass). */
const CLI_METRIC: Record<Task, string> = { binary: 'roc_auc', multiclass: 'f1', regression: 'r2' };

function tolerance(task: Task): number {
  if (bar === 'linear') return 0.005;
  return task === 'regression' ? 0.01 : 0.005;
}

/** The reference the bar is built on, and which one it is. */
function barReference(job: Job): [number, string] {
  if (bar === 'linear') return [job.linear, job.linearModel === 'Ridge' ? 'Ridge' : 'LR'];
  if (bar === 'hgb') return [job.hgb, 'HGB'];
  return job.hgb > job.linear ? [job.hgb, 'HGB'] : [job.linear, job.linearModel === 'Ridge' ? 'Ridge' : 'LR'];
}

const temp = mkdtempSync(join(tmpdir(), 'looplab-quality-'));

/** A python3 that imports numpy and sklearn, or undefined. */
function findPython(): string | undefined {
  const candidates = [process.env.LOOPLAB_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => !!c,
  );
  return candidates.find(
    (python) => spawnSync(python, ['-c', 'import numpy, sklearn'], { stdio: 'ignore' }).status === 0,
  );
}

interface ReferenceOut {
  error?: string;
  csv: string;
  target: string;
  task: Task;
  rows: number;
  n_train: number;
  n_test: number;
  test_rows_file: string;
  drop: string[];
  linear_model: string;
  linear: number;
  hgb: number;
}

/** Runs toy_reference.py; returns the jobs, or a message saying why there are none. */
function pythonJobs(mode: 'toy' | 'extra', python: string): Job[] | string {
  const out = join(temp, mode);
  const pyArgs = [REFERENCE_SCRIPT, mode, out];
  if (mode === 'extra') {
    const spec = EXTRAS.filter((c) => !only || only.includes(c.name)).map((c) => ({
      ...c,
      file: join(REAL, c.file),
    }));
    if (spec.length === 0) return [];
    const specFile = join(temp, 'extra-spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    pyArgs.push(specFile);
  }
  if (only) pyArgs.push('--only', only.join(','));
  console.error(`quality bench: sklearn references for --${mode} (${python}) …`);
  const run = spawnSync(python, pyArgs, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) return `toy_reference.py ${mode} failed (exit ${run.status ?? run.signal}).`;
  const refs = JSON.parse(run.stdout) as Record<string, ReferenceOut>;
  const jobs: Job[] = [];
  for (const [name, ref] of Object.entries(refs)) {
    if (name === '_env') continue;
    if (ref.error) {
      console.error(`quality bench: ${name} skipped: ${ref.error}`);
      continue;
    }
    jobs.push({
      mode,
      name,
      file: ref.csv,
      target: ref.target,
      task: ref.task,
      ...(ref.drop.length ? { drop: ref.drop } : {}),
      testRows: ref.test_rows_file,
      seed: 7,
      linearModel: ref.linear_model,
      linear: ref.linear,
      hgb: ref.hgb,
      referenceRows: `${ref.n_train}/${ref.n_test}`,
    });
  }
  return jobs;
}

function baselineJobs(): Job[] | string {
  const resultsFile = join(SHARED, 'baselines', 'results.json');
  if (!existsSync(resultsFile)) return `${resultsFile} is absent.`;
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<
    string,
    { models: Record<string, { seed42: Record<string, number> }> }
  >;
  const jobs: Job[] = [];
  for (const c of BASELINES) {
    if (only && !only.includes(c.name)) continue;
    let file = join(REAL, c.file);
    if (c.name === 'adult') {
      if (!existsSync(join(REAL, 'adult.data'))) continue;
      file = join(temp, 'adult.csv');
      writeFileSync(file, `${ADULT_COLS.join(',')}\n${readFileSync(join(REAL, 'adult.data'), 'utf8')}`);
    }
    if (!existsSync(file) || !results[c.name]) {
      console.error(`quality bench: ${c.name} skipped: its CSV or results are absent.`);
      continue;
    }
    const models = results[c.name]!.models;
    const linearModel = c.task === 'regression' ? 'Ridge' : 'LogisticRegression';
    const key = c.task === 'binary' ? 'roc_auc' : c.task === 'multiclass' ? 'f1_macro' : 'r2';
    jobs.push({
      mode: 'baselines',
      name: c.name,
      file,
      target: c.target,
      task: c.task,
      ...(c.positive ? { positive: c.positive } : {}),
      ...(c.drop ? { drop: c.drop } : {}),
      testRows: join(SPLITS, `${c.name}_seed42_test_rows.json`),
      seed: 42,
      linearModel,
      linear: models[linearModel]!.seed42[key]!,
      hgb: models.HistGradientBoosting!.seed42[key]!,
      referenceRows: `${models[linearModel]!.seed42.n_train}/${models[linearModel]!.seed42.n_test}`,
    });
  }
  return jobs;
}

interface CliOut {
  task: Task;
  rows: Record<string, number>;
  best: { model: string; params: { hidden?: number[] }; test: Record<string, number | null> };
  search?: { stoppedByBudget?: boolean };
}

interface Row {
  cells: string[];
  pass: boolean;
}

const fixed = (x: number) => x.toFixed(4);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;

function runJob(job: Job): Row {
  const givesTask = job.mode === 'baselines' || passTask;
  const cli = [
    'src/cli/looplab.mjs',
    'run',
    job.file,
    '--target',
    job.target,
    ...(givesTask ? ['--task', job.task] : []),
    '--seed',
    String(job.seed),
    '--budget-s',
    budget,
    '--test-rows',
    job.testRows,
    ...(givesTask && job.positive ? ['--positive', job.positive] : []),
    ...(job.drop ? ['--drop', job.drop.join(',')] : []),
    ...(families ? ['--families', families] : []),
  ];
  const [reference, referenceName] = barReference(job);
  const refs = [fixed(job.linear), fixed(job.hgb), `${fixed(reference)} ${referenceName}`];
  const started = performance.now();
  const run = spawnSync('node', cli, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL',
  });
  const seconds = (performance.now() - started) / 1000;
  const wall = `${seconds.toFixed(1)} s`;
  const within =
    seconds <= budgetS + STARTUP_ALLOWANCE_S ? 'yes' : `OVER BUDGET (+${(seconds - budgetS).toFixed(0)} s)`;
  const failed = (why: string): Row => ({
    cells: [job.name, job.task, METRIC_LABEL[job.task], '—', why, '—', ...refs, '—', 'NO', wall, within],
    pass: false,
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
    return failed(`killed after ${timeoutS} s (--timeout-s)`);
  if (run.status !== 0) {
    const lines = (run.stderr ?? '').split('\n').filter((l) => l.trim() && !/^\s+at /.test(l));
    return failed(
      `failed (exit ${run.status ?? run.signal}): ${lines.slice(-3).join(' / ').slice(0, 200).replace(/\|/g, '\\|')}`,
    );
  }
  let out: CliOut;
  try {
    out = JSON.parse(run.stdout) as CliOut;
  } catch {
    return failed('output is not JSON');
  }
  const rows = `${out.rows.train}/${out.rows.validation}/${out.rows.test}`;
  const model = out.best.model === 'mlp' ? `mlp ${out.best.params.hidden?.join('-')}` : out.best.model;
  if (out.task !== job.task) {
    return {
      cells: [
        job.name,
        `**guessed ${out.task}** (reference ${job.task})`,
        METRIC_LABEL[job.task],
        rows,
        model,
        '—',
        ...refs,
        '—',
        'NO (task)',
        wall,
        within,
      ],
      pass: false,
    };
  }
  const ours = out.best.test[CLI_METRIC[job.task]];
  if (typeof ours !== 'number') return failed(`no test ${CLI_METRIC[job.task]} in the output`);
  const diff = ours - reference;
  const pass = diff >= -tolerance(job.task);
  return {
    cells: [
      job.name,
      givesTask ? job.task : `${job.task} (guessed)`,
      METRIC_LABEL[job.task],
      rows,
      model,
      fixed(ours),
      ...refs,
      signed(diff),
      pass ? 'yes' : 'NO',
      wall,
      within,
    ],
    pass,
  };
}

const HEADER = [
  'dataset',
  'task',
  'metric',
  'rows train/val/test',
  'best model',
  'Looplab',
  'LR/Ridge',
  'HGB',
  'bar',
  'difference',
  'meets the bar',
  'wall',
  'within budget',
];
const REFERENCE_HEADER = ['dataset', 'task', 'metric', 'rows train/test', 'LR/Ridge', 'HGB', 'bar'];
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const against = {
  best: 'the better of LogisticRegression/Ridge and HistGradientBoosting (−0.005 AUC/F1, −0.01 R²)',
  linear: 'LogisticRegression/Ridge (−0.005)',
  hgb: 'HistGradientBoosting (−0.005 AUC/F1, −0.01 R²)',
}[bar];
const SOURCES: Record<Mode, string> = {
  baselines: "../shared/data/baselines, the baselines' seed-42 test rows, task given",
  toy: 'sklearn toy datasets, seed-7 80/20 split, task guessed',
  extra: 'other real datasets in ../shared/data/real, seed-7 80/20 split, task guessed',
};

if (!existsSync(SHARED) && modes.every((m) => m !== 'toy')) {
  console.log(`quality bench: ${SHARED} is absent; nothing to measure.`);
  process.exit(0);
}
const python = modes.some((m) => m !== 'baselines') ? findPython() : undefined;
let below = 0;
let measured = 0;
for (const mode of modes) {
  let jobs: Job[] | string;
  if (mode === 'baselines') jobs = baselineJobs();
  else if (!python)
    jobs = `no python3 with numpy and scikit-learn (set LOOPLAB_PYTHON, or apt-get install python3-sklearn); --${mode} skipped.`;
  else if (mode === 'extra' && !existsSync(REAL)) jobs = `${REAL} is absent; --extra skipped.`;
  else jobs = pythonJobs(mode, python);

  console.log('');
  console.log(`### --${mode}: ${SOURCES[mode]}`);
  if (typeof jobs === 'string') {
    console.log(`quality bench: ${jobs}`);
    continue;
  }
  if (referencesOnly) {
    console.log(line(REFERENCE_HEADER));
    console.log(line(REFERENCE_HEADER.map(() => '---')));
    for (const job of jobs) {
      const [reference, name] = barReference(job);
      console.log(
        line([
          job.name,
          job.task,
          METRIC_LABEL[job.task],
          job.referenceRows,
          fixed(job.linear),
          fixed(job.hgb),
          `${fixed(reference)} ${name}`,
        ]),
      );
    }
    continue;
  }
  const rows: Row[] = [];
  for (const job of jobs) {
    console.error(`quality bench: ${mode} ${job.name} …`);
    const row = runJob(job);
    console.error(line(row.cells));
    rows.push(row);
  }
  console.log(
    `Quality bar: best model vs sklearn ${against}; budget ${budget} s` +
      `${families ? `, families ${families}` : ''}, ${process.version}, within budget = wall ≤ budget + ${STARTUP_ALLOWANCE_S} s`,
  );
  console.log(line(HEADER));
  console.log(line(HEADER.map(() => '---')));
  for (const row of rows) console.log(line(row.cells));
  measured += rows.length;
  below += rows.filter((r) => !r.pass).length;
}
rmSync(temp, { recursive: true, force: true });
console.log('');
console.log(
  referencesOnly
    ? 'References only: no looplab run.'
    : below === 0
      ? `All ${measured} dataset(s) meet the bar.`
      : `${below} of ${measured} dataset(s) below the bar.`,
);
process.exitCode = 0;
