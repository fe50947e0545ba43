import { describe, expect, it } from 'vitest';
import type { ModelOutput } from '../../../src/core/models/model-output.ts';
import { segmentMetrics, segmentTolerance } from '../../../src/core/evaluate/index.ts';

/** Binary probabilities from P(positive) per row. */
function binary(p: number[]): ModelOutput {
  return { kind: 'proba', classes: 2, values: Float64Array.from(p.flatMap((q) => [1 - q, q])) };
}

describe('segmentMetrics, categorical', () => {
  // Worked by hand. Groups A (rows 0–3), B (rows 4–6), missing (row 7).
  //   y      1   0   1   0 | 1   1   0 | 1
  //   P(+)  .9  .2  .8  .3 | .4  .3  .6 | .7
  //   pred   1   0   1   0 | 0   0   1 | 1   (P ≥ 0.5)
  // Accuracy: A 4/4 = 1, B 0/3 = 0, missing 1/1 = 1, overall 5/8 = 0.625.
  // Tolerance max(0.05, 0.1 · 0.625) = 0.0625: B (0 < 0.5625) is well below overall.
  // ROC AUC overall: positives .9 .8 .4 .3 .7 against negatives .2 .3 .6: pairs won 3 + 3 + 2 + (1 + ½ tie) + 3
  //   = 12.5 of 15. A: 1 (every positive above every negative); B: 0; missing: one class only, undefined.
  const yTrue = [1, 0, 1, 0, 1, 1, 0, 1];
  const output = binary([0.9, 0.2, 0.8, 0.3, 0.4, 0.3, 0.6, 0.7]);
  const column = {
    name: 'group',
    cells: ['A', 'A', 'A', 'A', 'B', 'B', 'B', null],
    kind: 'categorical' as const,
  };

  it('computes accuracy per category and flags the one well below overall', () => {
    const report = segmentMetrics({ task: 'binary', yTrue, output, column, metric: 'accuracy', minRows: 3 });
    expect(report.overall).toBe(0.625);
    expect(report.tolerance).toBe(0.0625);
    expect(report.segments.map((s) => [s.label, s.rows, s.value, s.flagged])).toEqual([
      ['A', 4, 1, false],
      ['B', 3, 0, true],
      ['(missing)', 1, 1, false],
    ]);
    expect(report.segments[0]!.gap).toBe(0.375);
    expect(report.segments[1]!.gap).toBe(-0.625);
    expect(report.segments[2]!.reason).toBe('too few rows to judge (1 < 3)');
  });

  it('gives NaN with a reason when the metric is undefined on a segment', () => {
    const report = segmentMetrics({ task: 'binary', yTrue, output, column, metric: 'roc_auc', minRows: 1 });
    expect(report.overall).toBeCloseTo(12.5 / 15, 15);
    const [a, b, missing] = report.segments;
    expect(a!.value).toBe(1);
    expect(b!.value).toBe(0);
    expect(b!.flagged).toBe(true);
    expect(missing!.value).toBeNaN();
    expect(missing!.flagged).toBe(false);
    expect(missing!.reason).toBe('roc_auc is undefined here: only 1 of 2 classes occur in this segment');
  });

  it('does not flag segments smaller than minRows (default 30), however bad', () => {
    const report = segmentMetrics({ task: 'binary', yTrue, output, column, metric: 'accuracy' });
    expect(report.segments.some((s) => s.flagged)).toBe(false);
    expect(report.segments[1]!.reason).toBe('too few rows to judge (3 < 30)');
  });

  it('reports every metric of the task per segment', () => {
    const report = segmentMetrics({ task: 'binary', yTrue, output, column, metric: 'f1', minRows: 1 });
    // B: tp 0, fp 1, fn 2 -> F1 0; A: tp 2, no errors -> F1 1.
    expect(report.segments[0]!.metrics.f1).toBe(1);
    expect(report.segments[1]!.metrics.f1).toBe(0);
    expect(report.segments[1]!.metrics.accuracy).toBe(0);
  });

  it('moves the decision threshold for label metrics', () => {
    // At 0.35: A pred 1 0 1 0 (all right), B pred 1 0 1 (1 of 3 right), missing right: 6/8.
    const report = segmentMetrics({
      task: 'binary',
      yTrue,
      output,
      column,
      metric: 'accuracy',
      threshold: 0.35,
      minRows: 1,
    });
    expect(report.overall).toBe(0.75);
    expect(report.segments[1]!.value).toBeCloseTo(1 / 3, 15);
  });

  it('rejects an unknown metric and mismatched lengths', () => {
    expect(() => segmentMetrics({ task: 'binary', yTrue, output, column, metric: 'rmse' })).toThrow(
      /not a binary metric/,
    );
    expect(() =>
      segmentMetrics({ task: 'binary', yTrue: yTrue.slice(1), output, column, metric: 'accuracy' }),
    ).toThrow(/must match/);
  });
});

describe('segmentMetrics, numeric bins', () => {
  // Values 1…8 plus a blank and a non-number. numpy.quantile(1…8, [0, .25, .5, .75, 1]) = 1, 2.75, 4.5,
  // 6.25, 8, so the bins hold {1, 2}, {3, 4}, {5, 6}, {7, 8}; the blank and "abc" are missing.
  // Regression, truth 0, absolute errors 1 everywhere except 5 on the values 7 and 8.
  // RMSE per bin 1, 1, 1, 5; missing 1; overall sqrt((8 · 1 + 2 · 25) / 10) = sqrt(5.8).
  // Tolerance max(0.05, 0.1 · sqrt(5.8)); the last bin (5 > sqrt(5.8) + tol) is flagged: lower is better.
  const cells = ['1', '2', '3', '4', '5', '6', '7', '8', '', 'abc'];
  const errors = [1, 1, 1, 1, 1, 1, 5, 5, 1, 1];
  const output: ModelOutput = { kind: 'value', values: Float64Array.from(errors) };
  const yTrue = new Float64Array(10);

  it('bins by quantiles and mirrors the flag rule for a lower-is-better metric', () => {
    const report = segmentMetrics({
      task: 'regression',
      yTrue,
      output,
      column: { name: 'x', cells, kind: 'numeric' },
      metric: 'rmse',
      minRows: 2,
    });
    expect(report.higherIsBetter).toBe(false);
    expect(report.overall).toBeCloseTo(Math.sqrt(5.8), 14);
    expect(report.tolerance).toBeCloseTo(0.1 * Math.sqrt(5.8), 14);
    expect(report.segments.map((s) => [s.label, s.rows, s.value, s.flagged])).toEqual([
      ['[1, 2.75)', 2, 1, false],
      ['[2.75, 4.5)', 2, 1, false],
      ['[4.5, 6.25)', 2, 1, false],
      ['[6.25, 8]', 2, 5, true],
      ['(missing)', 2, 1, false],
    ]);
  });

  it('honours the number of bins', () => {
    const report = segmentMetrics({
      task: 'regression',
      yTrue,
      output,
      column: { name: 'x', cells, kind: 'numeric' },
      metric: 'mae',
      bins: 2,
    });
    expect(report.segments.map((s) => s.label)).toEqual(['[1, 4.5)', '[4.5, 8]', '(missing)']);
    expect(report.segments[1]!.value).toBe((1 + 1 + 5 + 5) / 4);
  });
});

describe('segmentMetrics, sparse numeric column', () => {
  it('drops a bin that interpolated edges leave empty, and a constant column is one bin', () => {
    // numpy.quantile([0, 10], [0, .25, .5, .75, 1]) = 0, 2.5, 5, 7.5, 10: only the first and last bins hold rows.
    const output: ModelOutput = { kind: 'value', values: Float64Array.of(1, 2) };
    const base = { task: 'regression' as const, yTrue: [0, 0], output, metric: 'mae' };
    const sparse = segmentMetrics({ ...base, column: { name: 'x', cells: ['0', '10'], kind: 'numeric' } });
    expect(sparse.segments.map((s) => [s.label, s.value])).toEqual([
      ['[0, 2.5)', 1],
      ['[7.5, 10]', 2],
    ]);
    const constant = segmentMetrics({ ...base, column: { name: 'x', cells: ['3', '3'], kind: 'numeric' } });
    expect(constant.segments.map((s) => [s.label, s.rows])).toEqual([['[3, 3]', 2]]);
  });
});

describe('segmentTolerance', () => {
  it('is 0.05 for small scores and a tenth of overall beyond 0.5', () => {
    expect(segmentTolerance(0.3)).toBe(0.05);
    expect(segmentTolerance(0.9)).toBeCloseTo(0.09, 15);
    expect(segmentTolerance(-2)).toBeCloseTo(0.2, 15);
    expect(segmentTolerance(50_000)).toBe(5_000);
  });
});
