import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLinear } from '../../../src/core/models/fit-linear.ts';
import { resolveParams } from '../../../src/core/models/model-params.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';

interface Case {
  name: string;
  task: 'binary' | 'multiclass' | 'regression';
  classes: number;
  C?: number;
  alpha?: number;
  classWeight?: 'balanced' | null;
  x: number[][];
  y: number[];
  proba?: number[][];
  pred?: number[];
}

// scikit-learn 1.2.1's LogisticRegression (lbfgs, tol 1e-10) and Ridge on the same rows: see the script.
const fixtures = JSON.parse(
  readFileSync(new URL('../../fixtures/linear/linear-fixtures.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

describe('fitLinear against scikit-learn', () => {
  for (const c of fixtures.cases) {
    it(c.name, () => {
      const cols = c.x[0]!.length;
      const train = {
        x: Float32Array.from(c.x.flat()),
        y: Float64Array.from(c.y),
        rows: c.x.length,
      };
      const params = resolveParams({
        family: 'linear',
        ...(c.C !== undefined ? { C: c.C } : {}),
        ...(c.alpha !== undefined ? { alpha: c.alpha } : {}),
        ...(c.classWeight ? { classWeight: c.classWeight } : {}),
      });
      const artifact = fitLinear({ task: c.task, classes: c.classes, cols, train, params });
      const out = predictArtifact(artifact, train.x, train.rows);
      if (c.task === 'regression') {
        const scale = Math.max(...c.pred!.map(Math.abs));
        c.pred!.forEach((p, i) => expect(Math.abs(out.values[i]! - p) / scale).toBeLessThan(1e-5));
      } else {
        c.proba!.forEach((row, i) =>
          row.forEach((p, k) => expect(out.values[i * c.classes + k]!).toBeCloseTo(p, 4)),
        );
      }
    });
  }
});
