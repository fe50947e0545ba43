import { describe, expect, it } from 'vitest';
import { evaluateOutput, metricScorer } from '../../../src/core/models/evaluate-output.ts';
import { createRng } from '../../../src/core/random.ts';

describe('metricScorer', () => {
  it('scores binary ROC AUC alone, equal to the full metrics, NaN when the truth holds one class', () => {
    const rng = createRng(3);
    const score = metricScorer('binary', 'roc_auc');
    for (let round = 0; round < 10; round++) {
      const rows = 40 + round;
      const y = Float64Array.from({ length: rows }, () => (rng.next() < 0.3 ? 1 : 0));
      // Rounded scores, so that ties between classes occur.
      const p = Array.from(y, (c) => Math.round((0.3 * c + 0.7 * rng.next()) * 20) / 20);
      const output = {
        kind: 'proba' as const,
        classes: 2,
        values: Float64Array.from(p.flatMap((v) => [1 - v, v])),
      };
      expect(score(output, y)).toBe(evaluateOutput('binary', output, y).roc_auc);
    }
    const one = { kind: 'proba' as const, classes: 2, values: Float64Array.of(0.4, 0.6, 0.8, 0.2) };
    expect(score(one, [1, 1])).toBeNaN();
  });
});
