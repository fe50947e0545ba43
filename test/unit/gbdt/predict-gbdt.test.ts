import { describe, expect, it } from 'vitest';
import { contributions } from '../../../src/core/gbdt/gbdt-contributions.ts';
import type { GbdtModel } from '../../../src/core/gbdt/gbdt-model.ts';
import { predictGbdt, predictGbdtRaw, predictLeaf } from '../../../src/core/gbdt/predict-gbdt.ts';
import { fitModel, makeData } from './gbdt-fixtures.ts';

const cols = 4;
/** Three classes from x0 and x1, NaNs in x1, x3 pure noise. */
const data = makeData(300, cols, 21, (rng, f) => {
  for (let j = 0; j < cols; j++) f[j] = rng.normal();
  if (rng.next() < 0.2) f[1] = NaN;
  return f[0]! > 0.5 ? 2 : Number.isNaN(f[1]!) || f[1]! > 0 ? 1 : 0;
});
const fit = (task: 'binary' | 'multiclass' | 'regression'): GbdtModel => {
  const y = task === 'binary' ? Array.from(data.y, (k) => (k === 2 ? 1 : 0)) : data.y;
  return fitModel({ ...data, y }, cols, task, { maxIter: 8, maxLeafNodes: 6, minSamplesLeaf: 5, l2: 0.5 })
    .model;
};
const models = { binary: fit('binary'), multiclass: fit('multiclass'), regression: fit('regression') };

describe('contributions', () => {
  it('sum, with the bias, to the raw score of every row and output', () => {
    for (const model of Object.values(models)) {
      const raw = predictGbdtRaw(model, data.x, data.rows);
      for (let r = 0; r < data.rows; r++) {
        const c = contributions(model, data.x, r);
        expect(c.length).toBe(model.outputs * (cols + 1));
        for (let k = 0; k < model.outputs; k++) {
          const block = c.subarray(k * (cols + 1), (k + 1) * (cols + 1));
          expect(Math.abs(block.reduce((a, b) => a + b, 0) - raw[r * model.outputs + k]!)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('put the base score and the roots in the bias, and nothing on features no tree splits on', () => {
    const model = models.multiclass;
    const used = new Set(model.trees.flatMap((tree) => tree.feature.filter((f) => f >= 0)));
    const c = contributions(model, data.x, 0);
    for (let k = 0; k < 3; k++) {
      const roots = model.trees.filter((_, t) => t % 3 === k).reduce((sum, tree) => sum + tree.value[0]!, 0);
      expect(c[k * (cols + 1) + cols]).toBeCloseTo(model.baseScore[k]! + roots, 12);
      for (let f = 0; f < cols; f++) if (!used.has(f)) expect(c[k * (cols + 1) + f]).toBe(0);
    }
  });

  it('for a one-split tree, give the split feature the leaf minus the root', () => {
    const train = { x: Float32Array.of(1, 9, 2, 9, 3, 9, 4, 9), y: [0, 0, 10, 10], rows: 4 };
    const { model } = fitModel(train, 2, 'regression', {
      maxIter: 1,
      learningRate: 1,
      minSamplesLeaf: 1,
      maxLeafNodes: 2,
      earlyStopping: null,
    });
    // Base 5, root value 0, leaves −5 and +5: row 0 owes −5 to feature 0.
    expect(Array.from(contributions(model, train.x, 0))).toEqual([-5, 0, 5]);
    expect(Array.from(contributions(model, train.x, 3))).toEqual([5, 0, 5]);
  });
});

describe('predictGbdt', () => {
  it('gives binary rows [1 − p, p] with p the sigmoid of the raw score', () => {
    const model = models.binary;
    const raw = predictGbdtRaw(model, data.x, data.rows);
    const out = predictGbdt(model, data.x, data.rows);
    expect(out).toMatchObject({ kind: 'proba', classes: 2 });
    for (let r = 0; r < data.rows; r++) {
      expect(out.values[2 * r + 1]).toBeCloseTo(1 / (1 + Math.exp(-raw[r]!)), 14);
      expect(out.values[2 * r]! + out.values[2 * r + 1]!).toBeCloseTo(1, 15);
    }
  });

  it('adds up, bit for bit, the leaf each tree routes the row to, base score first', () => {
    for (const model of Object.values(models)) {
      const raw = predictGbdtRaw(model, data.x, data.rows);
      for (let r = 0; r < data.rows; r++) {
        for (let k = 0; k < model.outputs; k++) {
          let score = model.baseScore[k]!;
          model.trees.forEach((tree, t) => {
            if (t % model.outputs === k) score += tree.value[predictLeaf(tree, data.x, r * cols)]!;
          });
          expect(raw[r * model.outputs + k]).toBe(score);
        }
      }
    }
  });

  it('predicts bit for bit the same after a JSON round trip', () => {
    for (const model of Object.values(models)) {
      const copy = JSON.parse(JSON.stringify(model)) as GbdtModel;
      expect(copy).toEqual(model);
      const before = predictGbdt(model, data.x, data.rows).values;
      const after = predictGbdt(copy, data.x, data.rows).values;
      expect(Array.from(after)).toEqual(Array.from(before));
    }
  });

  it('rejects a block shorter than rows × inputDim', () => {
    expect(() => predictGbdt(models.binary, new Float32Array(7), 2)).toThrow(
      'predictGbdt: x has 7 values; expected 2 rows × 4 features',
    );
  });
});
