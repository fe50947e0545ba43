import { describe, expect, it } from 'vitest';
import { decodeBundle } from '../../../src/core/bundle/decode-bundle.ts';
import { encodeBundle } from '../../../src/core/bundle/encode-bundle.ts';
import { scoreBundle } from '../../../src/core/bundle/score-bundle.ts';
import { explainPrediction } from '../../../src/core/bundle/explain-prediction.ts';
import { predictGbdt, predictGbdtRaw } from '../../../src/core/gbdt/index.ts';
import { features, gbdtBundle, tinyBundle, W_CITY, W_X, BIAS } from './bundle-fixture.ts';

describe('a gradient-boosted model in a bundle', () => {
  it('round-trips through the zip and predicts bit for bit the same, through the serving path', () => {
    const { bundle, model } = gbdtBundle();
    const requests = [
      { x: '1', city: 'a' },
      { x: '4', city: 'b' },
      { x: '', city: 'a' },
      { x: '2.5', city: 'Atlantis' },
    ];
    const before = scoreBundle(bundle, requests);
    const after = scoreBundle(decodeBundle(encodeBundle(bundle)), requests);
    expect(after.predictions).toEqual(before.predictions);
    expect(Array.from(after.output.values)).toEqual(Array.from(before.output.values));
    // And they are the trees' own predictions on the same features (this pipeline imputes a missing x as 0).
    const direct = predictGbdt(
      model,
      features(requests.map((r) => [r.x || '0', r.city] as [string, string])),
      requests.length,
    );
    expect(before.predictions.map((p) => p.score)).toEqual(requests.map((_, r) => direct.values[2 * r + 1]));
  });

  it('is refused when a split reads a feature beyond the input width', () => {
    const { bundle } = gbdtBundle();
    const broken = structuredClone(bundle);
    broken.model.gbdt!.trees[0]!.feature[0] = 9;
    expect(() => decodeBundle(encodeBundle(broken))).toThrow(/beyond the input width/);
  });
});

describe('explainPrediction', () => {
  it('splits the raw score into a bias and per-column contributions that add back up to it', () => {
    const { bundle, model } = gbdtBundle();
    for (const record of [
      { x: '1', city: 'a' },
      { x: '4', city: 'b' },
    ]) {
      const explanation = explainPrediction(bundle, record)!;
      const raw = predictGbdtRaw(model, features([[record.x, record.city]]), 1)[0]!;
      const total = explanation.bias + explanation.contributions.reduce((sum, c) => sum + c.value, 0);
      expect(total).toBeCloseTo(raw, 12);
      expect(explanation.contributions.map((c) => c.column).sort()).toEqual(['city', 'x']);
    }
  });

  it("splits a linear model's logit into wⱼ·xⱼ per column and its intercept", () => {
    // logit = 0.5·x − 2·freq(city) + 0.25; for x = 4 and city b (frequency 1/4): 2 and −0.5, bias 0.25.
    const explanation = explainPrediction(tinyBundle(), { x: '4', city: 'b' })!;
    expect(explanation.bias).toBeCloseTo(BIAS, 12);
    expect(explanation.contributions).toEqual([
      { column: 'x', value: W_X * 4 },
      { column: 'city', value: W_CITY * 0.25 },
    ]);
  });

  it('says nothing for a network with hidden layers', () => {
    const bundle = tinyBundle();
    const mlp = {
      ...bundle,
      model: { ...bundle.model, params: { ...bundle.model.params, family: 'mlp' as const } },
    };
    mlp.model.weights = [
      { name: 'w0', shape: [2, 1], values: [1, 1] },
      { name: 'b0', shape: [1], values: [0] },
      { name: 'w1', shape: [1, 1], values: [1] },
      { name: 'b1', shape: [1], values: [0] },
    ];
    expect(explainPrediction(mlp, { x: '1', city: 'a' })).toBeNull();
  });
});
