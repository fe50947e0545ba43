// `npx looplab metrics <input.json>` against the sklearn 1.2.1 oracle: every fixture in
// test/fixtures/oracles/metrics is run through the CLI (a real process, as a user runs it) and every key of
// its `expected` block is compared with the output. Numbers agree within 1e-9 (absolute, relative above 1),
// arrays element by element, nulls, strings (sklearn's error texts) and non-finite values ("-inf") exactly; a
// missing key fails. The largest difference seen per metric is printed at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metricsCommand } from '../../../src/cli/metrics-command.ts';
import { UsageError } from '../../../src/cli/main.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'src/cli/looplab.mjs');
const FIXTURE_DIR = join(root, 'test/fixtures/oracles/metrics');
const TOLERANCE = 1e-9;
/** Oracle metadata, not a metric: which sklearn and numpy wrote the fixture. */
const METADATA = new Set(['_oracle']);

const dir = mkdtempSync(join(tmpdir(), 'looplab-metrics-'));

function looplab(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `looplab metrics` on `input` written to a temp file. */
function metrics(name: string, input: unknown) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
  return { file, ...looplab('metrics', file) };
}

/**
 * Largest |ours − oracle| per metric over the fixtures: the key path with row and column indices and the
 * per-class label left out. Labels and pos_label are checked but are not metrics.
 */
const maxDiff = new Map<string, number>();

function record(path: string, diff: number) {
  const key = path.replace(/\[\d+\]/g, '').replace(/^per_class\.[^.]*\./, 'per_class.*.');
  if (key === 'labels' || key === 'pos_label') return;
  maxDiff.set(key, Math.max(maxDiff.get(key) ?? 0, diff));
}

/**
 * Every disagreement between the oracle's `expected` and our output, one line each; with `track`, each
 * difference is recorded for the summary.
 */
function compare(expected: unknown, actual: unknown, path: string, out: string[], track = false): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') {
      out.push(`${path}: got ${JSON.stringify(actual)}, expected ${expected}`);
      return;
    }
    const diff = Math.abs(actual - expected);
    if (track) record(path, diff);
    if (!(diff <= TOLERANCE * Math.max(1, Math.abs(expected))))
      out.push(`${path}: got ${actual}, expected ${expected} (|Δ| = ${diff})`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(
        `${path}: expected an array of ${expected.length}, got ${JSON.stringify(actual)?.slice(0, 80)}`,
      );
      return;
    }
    expected.forEach((item, i) => compare(item, actual[i], `${path}[${i}]`, out, track));
  } else if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      out.push(`${path}: expected an object, got ${JSON.stringify(actual)?.slice(0, 80)}`);
      return;
    }
    const got = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (METADATA.has(key)) continue;
      const at = path ? `${path}.${key}` : key;
      if (!(key in got)) out.push(`${at}: missing from the CLI output`);
      else compare(value, got[key], at, out, track);
    }
    for (const key of Object.keys(got)) {
      if (!(key in expected)) out.push(`${path ? `${path}.` : ''}${key}: not in the oracle's output`);
    }
  } else if (expected !== actual) {
    // null (sklearn refused), sklearn's error text, a label, or a non-finite value as a string ("-inf").
    out.push(`${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

interface Fixture {
  name: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
}

const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as Fixture);

/**
 * Edge cases the fixtures do not cover, with the oracle's output pasted from
 * `/usr/bin/python3 metrics_oracle.py INPUT.json` (sklearn 1.2.1, numpy 1.24.2; `_oracle` left out): string
 * labels with pos_label the first label; multiclass labels given out of order (sklearn refuses the ROC AUC,
 * and log_loss reads the score columns in sorted label order); a class absent from y_true; one regression row
 * (R² is NaN in sklearn).
 */
const EDGE_CASES: Fixture[] = [
  {
    name: 'bin_str_pos_explicit_no',
    input: {
      task: 'binary',
      y_true: ['no', 'yes', 'yes', 'no', 'yes'],
      y_pred: ['no', 'yes', 'no', 'no', 'yes'],
      y_score: [0.9, 0.1, 0.6, 0.7, 0.2],
      pos_label: 'no',
    },
    expected: {
      labels: ['no', 'yes'],
      pos_label: 'no',
      accuracy: 0.8,
      balanced_accuracy: 0.8333333333333333,
      precision: 0.6666666666666666,
      recall: 1.0,
      f1: 0.8,
      precision_macro: 0.8333333333333333,
      recall_macro: 0.8333333333333333,
      f1_macro: 0.8,
      precision_weighted: 0.8666666666666666,
      recall_weighted: 0.8,
      f1_weighted: 0.8,
      mcc: 0.6666666666666666,
      confusion_matrix: [
        [2, 0],
        [1, 2],
      ],
      roc_auc: 1.0,
      average_precision: 1.0,
      log_loss: 0.34136605168854994,
      brier: 0.10200000000000001,
      roc_curve: {
        fpr: [0.0, 0.0, 0.0, 0.3333333333333333, 0.6666666666666666, 1.0],
        tpr: [0.0, 0.5, 1.0, 1.0, 1.0, 1.0],
        thresholds: [1.9, 0.9, 0.7, 0.6, 0.2, 0.1],
        note: 'sklearn 1.2.1: first threshold is max(score)+1; drop_intermediate=False',
      },
    },
  },
  {
    name: 'mc_unsorted_labels',
    input: {
      task: 'multiclass',
      y_true: ['b', 'a', 'c', 'a', 'c'],
      y_pred: ['b', 'a', 'a', 'a', 'c'],
      labels: ['c', 'a', 'b'],
      y_score: [
        [0.1, 0.2, 0.7],
        [0.2, 0.7, 0.1],
        [0.5, 0.3, 0.2],
        [0.1, 0.8, 0.1],
        [0.6, 0.2, 0.2],
      ],
    },
    expected: {
      labels: ['c', 'a', 'b'],
      accuracy: 0.8,
      balanced_accuracy: 0.8333333333333334,
      precision_macro: 0.8888888888888888,
      recall_macro: 0.8333333333333334,
      f1_macro: 0.8222222222222223,
      precision_weighted: 0.8666666666666666,
      recall_weighted: 0.8,
      f1_weighted: 0.7866666666666667,
      precision_micro: 0.8,
      recall_micro: 0.8,
      f1_micro: 0.8000000000000002,
      per_class: {
        c: { precision: 1.0, recall: 0.5, f1: 0.6666666666666666, support: 2 },
        a: { precision: 0.6666666666666666, recall: 1.0, f1: 0.8, support: 2 },
        b: { precision: 1.0, recall: 1.0, f1: 1.0, support: 1 },
      },
      mcc: 0.7349684152591671,
      cohen_kappa: 0.6875,
      confusion_matrix: [
        [1, 1, 0],
        [0, 2, 0],
        [0, 0, 1],
      ],
      roc_auc_ovr_macro: null,
      roc_auc_ovr_macro_error: "ValueError: Parameter 'labels' must be ordered",
      roc_auc_ovr_weighted: null,
      roc_auc_ovr_weighted_error: "ValueError: Parameter 'labels' must be ordered",
      log_loss: 1.7480673485460891,
      top_1_from_scores_accuracy: 1.0,
    },
  },
  {
    name: 'mc_missing_class',
    input: {
      task: 'multiclass',
      y_true: [0, 1, 0, 1],
      y_pred: [0, 1, 2, 1],
      y_score: [
        [0.7, 0.2, 0.1],
        [0.2, 0.7, 0.1],
        [0.3, 0.3, 0.4],
        [0.1, 0.8, 0.1],
      ],
    },
    expected: {
      labels: [0, 1, 2],
      accuracy: 0.75,
      balanced_accuracy: 0.75,
      precision_macro: 0.6666666666666666,
      recall_macro: 0.5,
      f1_macro: 0.5555555555555555,
      precision_weighted: 1.0,
      recall_weighted: 0.75,
      f1_weighted: 0.8333333333333333,
      precision_micro: 0.75,
      recall_micro: 0.75,
      f1_micro: 0.75,
      per_class: {
        '0': { precision: 1.0, recall: 0.5, f1: 0.6666666666666666, support: 2 },
        '1': { precision: 1.0, recall: 1.0, f1: 1.0, support: 2 },
        '2': { precision: 0.0, recall: 0.0, f1: 0.0, support: 0 },
      },
      mcc: 0.6708203932499369,
      cohen_kappa: 0.6,
      confusion_matrix: [
        [1, 0, 1],
        [0, 2, 0],
        [0, 0, 0],
      ],
      roc_auc_ovr_macro: null,
      roc_auc_ovr_macro_error:
        'ValueError: Only one class present in y_true. ROC AUC score is not defined in that case.',
      roc_auc_ovr_weighted: null,
      roc_auc_ovr_weighted_error:
        'ValueError: Only one class present in y_true. ROC AUC score is not defined in that case.',
      log_loss: 0.5351165608794026,
      top_1_from_scores_accuracy: 0.75,
    },
  },
  {
    name: 'reg_one_row',
    input: { task: 'regression', y_true: [3.0], y_pred: [2.5] },
    expected: {
      mae: 0.5,
      mse: 0.25,
      rmse: 0.5,
      r2: 'nan',
      r2_force_finite_false: 'nan',
      explained_variance: 1.0,
      median_absolute_error: 0.5,
      mape: 0.16666666666666666,
      max_error: 0.5,
    },
  },
];

describe('npx looplab metrics agrees with the sklearn oracle', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  for (const fx of [...fixtures, ...EDGE_CASES]) {
    const isFixture = fixtures.includes(fx);
    it(`${fx.name}${isFixture ? '' : ' (edge case)'}: every expected key, within ${TOLERANCE}`, () => {
      const { code, stdout, stderr } = metrics(fx.name, fx.input);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const mismatches: string[] = [];
      compare(fx.expected, JSON.parse(stdout), '', mismatches, isFixture);
      expect(mismatches).toEqual([]);
    });
  }

  afterAll(() => {
    const width = Math.max(...[...maxDiff.keys()].map((k) => k.length));
    const lines = [...maxDiff.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, diff]) => `${key.padEnd(width)}  ${diff.toExponential(2)}`);
    console.log(`largest |looplab − sklearn 1.2.1| per metric key over the fixtures:\n${lines.join('\n')}`);
  });
});

describe('npx looplab metrics refuses bad input', () => {
  const good = { task: 'binary', y_true: [0, 1, 1, 0], y_pred: [0, 1, 0, 0], y_score: [0.1, 0.9, 0.4, 0.2] };

  it('names the field and the row of a bad value, exit 1, one line on stderr', () => {
    const { code, stdout, stderr, file } = metrics('bad-score', { ...good, y_score: [0.1, 0.9, 0.4, 'x'] });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`looplab metrics: "${file}": y_score[3] must be a number, got "x".\n`);
  });

  it.each([
    ['a label not in labels', { ...good, labels: [0, 2] }, /y_true\[1\] is 1, which is not one of labels/],
    ['rows of different lengths', { ...good, y_pred: [0, 1] }, /y_pred has 2 rows but y_true has 4/],
    [
      'a probability out of range',
      { ...good, y_score: [0.1, 1.5, 0.4, 0.2] },
      /y_score\[1\] must be a probability/,
    ],
    ['an unknown task', { ...good, task: 'ranking' }, /task must be "binary", "multiclass" or "regression"/],
    ['an unknown field', { ...good, y_scores: [] }, /unknown field "y_scores"/],
    [
      'mixed label kinds',
      { ...good, y_pred: [0, '1', 0, 0] },
      /y_pred\[1\] is a string but y_true\[0\] is a number/,
    ],
    ['three labels for binary', { ...good, y_pred: [0, 2, 0, 0] }, /task "binary" takes at most 2 labels/],
    [
      'a multiclass score row of the wrong width',
      {
        task: 'multiclass',
        y_true: [0, 1, 2],
        y_pred: [0, 1, 2],
        y_score: [
          [1, 0, 0],
          [0, 1],
          [0, 0, 1],
        ],
      },
      /y_score\[1\] has 2 values but there are 3 labels/,
    ],
    [
      'a regression value that is not a number',
      { task: 'regression', y_true: [1, null], y_pred: [1, 2] },
      /y_true\[1\] must be a number/,
    ],
  ])('refuses %s', async (name, input, message) => {
    // In process, to keep the suite fast: the spawned test above checks the exit code and stderr.
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(input));
    const refusal = metricsCommand([file]).then(
      () => undefined,
      (error: unknown) => error,
    );
    const error = await refusal;
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });

  it('exits 1 with one line for a missing file or a file that is not JSON', () => {
    const missing = looplab('metrics', join(dir, 'no-such-file.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^looplab metrics: cannot read ".*no-such-file\.json": no such file\.\n$/);
    const notJson = metrics('not-json', '{"task": "binary",');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^looplab metrics: ".*not-json\.json" is not valid JSON: .*\n$/);
  });

  it('exits 2 with the usage for an option; a missing argument is a usage error too', async () => {
    const option = looplab('metrics', 'x.json', '--verbose');
    expect(option.code).toBe(2);
    expect(option.stderr).toBe(
      'looplab metrics: unknown option --verbose. usage: looplab metrics <input.json>\n',
    );
    await expect(metricsCommand([])).rejects.toBeInstanceOf(UsageError);
    await expect(metricsCommand(['a.json', 'b.json'])).rejects.toBeInstanceOf(UsageError);
  });
});
