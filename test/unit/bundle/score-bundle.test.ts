import { describe, expect, it } from 'vitest';
import { bundleColumns } from '../../../src/core/bundle/bundle-columns.ts';
import { scoreBundle } from '../../../src/core/bundle/score-bundle.ts';
import { applyRecipe } from '../../../src/core/recipe/index.ts';
import { buildBundle } from '../../../src/core/bundle/build-bundle.ts';
import { driftReference } from '../../../src/core/bundle/drift-reference.ts';
import { fitBaseline } from '../../../src/core/models/fit-baseline.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import {
  BIAS,
  PROBLEM,
  SIGNATURE,
  TRAIN,
  W_CITY,
  W_X,
  sigmoid,
  tinyBundle,
  tinyRun,
} from './bundle-fixture.ts';

describe('scoreBundle', () => {
  it('scores three rows as the sigmoid worked by hand', () => {
    const bundle = tinyBundle();
    const scores = scoreBundle(bundle, [
      { x: '1', city: 'a' },
      { x: '4', city: 'b' },
      { x: '0', city: 'b' },
    ]);
    // freq(a) = 3/4, freq(b) = 1/4.
    const p = [
      sigmoid(W_X * 1 + W_CITY * 0.75 + BIAS), // 0.5 − 1.5 + 0.25 = −0.75
      sigmoid(W_X * 4 + W_CITY * 0.25 + BIAS), // 2 − 0.5 + 0.25 = 1.75
      sigmoid(W_X * 0 + W_CITY * 0.25 + BIAS), // −0.5 + 0.25 = −0.25
    ];
    expect(scores.rows).toBe(3);
    expect(Array.from(scores.kept)).toEqual([0, 1, 2]);
    expect(Array.from(scores.dropped)).toEqual([]);
    scores.predictions.forEach((prediction, r) => expect(prediction.score).toBeCloseTo(p[r]!, 6));
    expect(scores.predictions.map((prediction) => prediction.label)).toEqual(['no', 'yes', 'no']);
    expect(scores.output.kind).toBe('proba');
  });

  it('labels by the bundle threshold', () => {
    const bundle = { ...tinyBundle(), threshold: 0.3 };
    // p = sigmoid(−0.75) ≈ 0.32: positive at threshold 0.3, negative at 0.5.
    expect(scoreBundle(bundle, [{ x: '1', city: 'a' }]).predictions[0]!.label).toBe('yes');
  });

  it('scores a row with a category never seen in training (frequency 0)', () => {
    const [prediction] = scoreBundle(tinyBundle(), [{ x: '2', city: 'Atlantis' }]).predictions;
    expect(prediction!.score).toBeCloseTo(sigmoid(W_X * 2 + BIAS), 6);
  });

  it('reports the rows a recipe drops instead of losing them', () => {
    const bundle = tinyBundle();
    const steps = [{ id: 'keep-known', kind: 'drop-missing' as const, columns: ['x'] }];
    const fitted = applyRecipe(TRAIN, { steps }).fitted;
    const filtering = { ...bundle, recipe: { steps }, recipeFitted: fitted };
    const scores = scoreBundle(filtering, [{ x: '1', city: 'a' }, { x: '', city: 'a' }, { x: '3' }]);
    expect(scores.rows).toBe(2);
    expect(Array.from(scores.kept)).toEqual([0, 2]);
    expect(Array.from(scores.dropped)).toEqual([1]);
    expect(scores.predictions).toHaveLength(2);
  });

  it('bundleColumns lists the raw columns of the signature', () => {
    expect(bundleColumns(tinyBundle())).toEqual(['x', 'city']);
  });
});

describe('a binary baseline bundle', () => {
  it('validates (two prior outputs) and scores every row with the training prior', () => {
    const run = tinyRun();
    // Training labels no, yes, no, yes: the prior of "yes" is 1/2.
    const artifact = fitBaseline('binary', Float32Array.of(0, 1, 0, 1), 2, 2);
    const baseline = { ...run, artifact: artifact as unknown as Record<string, unknown> };
    const bundle = buildBundle({
      run: baseline,
      problem: PROBLEM,
      recipeSteps: [],
      signature: SIGNATURE,
      example: { x: '2', city: 'a' },
      reference: driftReference(
        SIGNATURE.columns,
        { x: TRAIN.columns[0]!, city: TRAIN.columns[1]! },
        predictArtifact(artifact, new Float32Array(8), 4),
      ),
      id: 'baseline-1',
      createdAt: 0,
    });
    const scored = scoreBundle(bundle, [
      { x: '1', city: 'a' },
      { x: '9', city: 'b' },
    ]);
    expect(scored.predictions.map((p) => p.score)).toEqual([0.5, 0.5]);
  });
});
