import { describe, expect, it } from 'vitest';
import type { ModelOutput } from '../../../src/core/models/model-output.ts';
import { fairnessReport } from '../../../src/core/evaluate/index.ts';

function binary(p: number[]): ModelOutput {
  return { kind: 'proba', classes: 2, values: Float64Array.from(p.flatMap((q) => [1 - q, q])) };
}

describe('fairnessReport', () => {
  // Worked by hand, threshold 0.5:
  //   M: y 1 1 0 0, P .9 .6 .7 .1 -> selected 1 1 1 0: selection 3/4, TPR 2/2, base rate 2/4.
  //   F: y 1 1 0 0, P .8 .2 .3 .1 -> selected 1 0 0 0: selection 1/4, TPR 1/2, base rate 2/4.
  //   X: y 1,       P 0           -> selection 0, TPR 0, base 1; one row, under minRows 2, not compared.
  // Disparate impact 0.25 / 0.75 = 1/3 (< 0.8), parity difference 0.5 (> 0.1), TPR gap 1 − 0.5 = 0.5 (> 0.1).
  const yTrue = [1, 1, 0, 0, 1, 1, 0, 0, 1];
  const output = binary([0.9, 0.6, 0.7, 0.1, 0.8, 0.2, 0.3, 0.1, 0]);
  const column = { name: 'sex', cells: ['M', 'M', 'M', 'M', 'F', 'F', 'F', 'F', 'X'] };

  it('computes the per-group rates and the three measures by hand', () => {
    const r = fairnessReport({ yTrue, output, column, minRows: 2 });
    expect(r.groups).toEqual([
      { group: 'F', rows: 4, selectionRate: 0.25, truePositiveRate: 0.5, baseRate: 0.5, included: true },
      { group: 'M', rows: 4, selectionRate: 0.75, truePositiveRate: 1, baseRate: 0.5, included: true },
      { group: 'X', rows: 1, selectionRate: 0, truePositiveRate: 0, baseRate: 1, included: false },
    ]);
    expect(r.disparateImpact).toBeCloseTo(1 / 3, 15);
    expect(r.demographicParityDifference).toBe(0.5);
    expect(r.equalOpportunityDifference).toBe(0.5);
    expect(r.notes).toEqual(['Left out of the comparisons (fewer than 2 rows): X (1).']);
  });

  it('flags each measure with a message naming the groups at the extremes', () => {
    const r = fairnessReport({ yTrue, output, column, minRows: 2 });
    expect(r.flags.map((f) => f.measure)).toEqual([
      'disparateImpact',
      'demographicParityDifference',
      'equalOpportunityDifference',
    ]);
    expect(r.flags[0]!.message).toBe('Disparate impact 0.333 < 0.8: F 25% selected against M 75% selected.');
    expect(r.flags[1]!.message).toBe(
      'Demographic parity difference 0.5 > 0.1: M 75% selected against F 25% selected.',
    );
    expect(r.flags[2]!.message).toBe(
      'Equal opportunity difference 0.5 > 0.1: M 100% of actual positives found against F 50% of actual positives found.',
    );
  });

  it('counts a small group once it reaches minRows', () => {
    // With minRows 1, X (selection 0, TPR 0) is the lowest: impact 0 / 0.75, differences 0.75 and 1.
    const r = fairnessReport({ yTrue, output, column, minRows: 1 });
    expect(r.disparateImpact).toBe(0);
    expect(r.demographicParityDifference).toBe(0.75);
    expect(r.equalOpportunityDifference).toBe(1);
    expect(r.flags[0]!.message).toContain('X 0% selected against M 75% selected');
  });

  it('excludes every group under the default 30 rows, leaving NaN measures and no flags', () => {
    const r = fairnessReport({ yTrue, output, column });
    expect(r.disparateImpact).toBeNaN();
    expect(r.demographicParityDifference).toBeNaN();
    expect(r.equalOpportunityDifference).toBeNaN();
    expect(r.flags).toEqual([]);
    expect(r.notes).toContain('Fewer than 2 groups to compare: the measures are NaN.');
  });

  it('raises no flag when groups are treated alike, and leaves a group without positives out of the TPR gap', () => {
    // a: y 1 0, P .9 .1 -> selection 1/2, TPR 1. b: y 1 0, P .8 .2 -> 1/2, TPR 1. c: y 0 0, P .7 .4 -> 1/2, no TPR.
    const r = fairnessReport({
      yTrue: [1, 0, 1, 0, 0, 0],
      output: binary([0.9, 0.1, 0.8, 0.2, 0.7, 0.4]),
      column: { name: 'g', cells: ['a', 'a', 'b', 'b', 'c', 'c'] },
      minRows: 2,
    });
    expect(r.disparateImpact).toBe(1);
    expect(r.demographicParityDifference).toBe(0);
    expect(r.equalOpportunityDifference).toBe(0);
    expect(r.groups[2]!.truePositiveRate).toBeNaN();
    expect(r.flags).toEqual([]);
    expect(r.notes).toEqual(['No actual positives, so no true positive rate: c.']);
  });

  it('applies the threshold and groups missing cells as "(missing)", listed last', () => {
    // Threshold 0.65: M selects .9 .7 (2/4), F selects .8 (1/4); the blank and null rows are one group.
    const r = fairnessReport({
      yTrue: [...yTrue, 0],
      output: binary([0.9, 0.6, 0.7, 0.1, 0.8, 0.2, 0.3, 0.1, 0, 0.99]),
      column: { name: 'sex', cells: ['M', 'M', 'M', 'M', 'F', 'F', 'F', 'F', ' ', null] },
      threshold: 0.65,
      minRows: 2,
    });
    expect(r.groups.map((g) => [g.group, g.rows, g.selectionRate])).toEqual([
      ['F', 4, 0.25],
      ['M', 4, 0.5],
      ['(missing)', 2, 0.5],
    ]);
  });

  it('rejects a multiclass output and a target that is not 0/1', () => {
    const three: ModelOutput = { kind: 'proba', classes: 3, values: new Float64Array(3) };
    expect(() => fairnessReport({ yTrue: [0], output: three, column: { name: 'g', cells: ['a'] } })).toThrow(
      /binary/,
    );
    expect(() =>
      fairnessReport({ yTrue: [2], output: binary([0.5]), column: { name: 'g', cells: ['a'] } }),
    ).toThrow(/row 0/);
  });
});
