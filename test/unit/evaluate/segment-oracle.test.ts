// Per-segment metrics against scikit-learn (issue 15): inside a segment, macro and weighted averages run
// over the classes present in that segment's truth or prediction, sklearn's default labels. Before the
// fix, a 3-class test set predicted all right read macro F1 0.33–0.67 per segment, since the classes a
// segment lacked each counted as a 0. The expected values are sklearn 1.2.1's, written by
// test/fixtures/segments/make_segment_fixtures.py.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { segmentMetrics } from '../../../src/core/evaluate/index.ts';

interface OracleCase {
  name: string;
  task: 'binary' | 'multiclass';
  classes: number;
  y_true: number[];
  proba: number[][];
  cells: string[];
  overall: Record<string, number>;
  segments: Record<string, { rows: number; metrics: Record<string, number> }>;
}

const here = dirname(fileURLToPath(import.meta.url));
const { cases } = JSON.parse(
  readFileSync(resolve(here, '../../fixtures/segments/segment-fixtures.json'), 'utf8'),
) as { cases: OracleCase[] };

describe('segment metrics against sklearn', () => {
  it('has the three cases', () => expect(cases.map((c) => c.name)).toHaveLength(3));

  for (const fx of cases) {
    it(fx.name, () => {
      const report = segmentMetrics({
        task: fx.task,
        yTrue: fx.y_true,
        output: { kind: 'proba', values: Float64Array.from(fx.proba.flat()), classes: fx.classes },
        column: { name: 'segment', kind: 'categorical', cells: fx.cells },
        metric: fx.task === 'binary' ? 'f1' : 'f1_macro',
        minRows: 1,
      });
      expect(report.segments.map((s) => s.label)).toEqual(Object.keys(fx.segments).sort());
      for (const segment of report.segments) {
        const expected = fx.segments[segment.label]!;
        expect(segment.rows).toBe(expected.rows);
        for (const [key, value] of Object.entries(expected.metrics))
          expect(segment.metrics[key], `${segment.label} ${key}`).toBeCloseTo(value, 12);
      }
    });
  }

  it('reads macro F1 1 in every segment when every row is right (the issue’s case)', () => {
    const fx = cases.find((c) => c.name === 'multiclass_all_right_partial_segments')!;
    const report = segmentMetrics({
      task: 'multiclass',
      yTrue: fx.y_true,
      output: { kind: 'proba', values: Float64Array.from(fx.proba.flat()), classes: 3 },
      column: { name: 'plan', kind: 'categorical', cells: fx.cells },
      metric: 'f1_macro',
    });
    expect(report.overall).toBe(1);
    expect(report.segments.map((s) => s.value)).toEqual([1, 1, 1]);
    expect(report.segments.some((s) => s.flagged)).toBe(false);
  });
});
