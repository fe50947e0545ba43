import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../src/core/bundle/build-bundle.ts';
import { decodeBundle } from '../../../src/core/bundle/decode-bundle.ts';
import { driftReference } from '../../../src/core/bundle/drift-reference.ts';
import { encodeBundle } from '../../../src/core/bundle/encode-bundle.ts';
import { scoreBundle } from '../../../src/core/bundle/score-bundle.ts';
import { explainPrediction } from '../../../src/core/bundle/explain-prediction.ts';
import { fitGbdt, predictGbdt, predictGbdtRaw } from '../../../src/core/gbdt/index.ts';
import type { ModelArtifact } from '../../../src/core/models/model-artifact.ts';
import { resolveParams } from '../../../src/core/models/model-params.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import { PROBLEM, SIGNATURE, TRAIN, tinyBundle, tinyRun } from './bundle-fixture.ts';

/** The fixture's features (x, frequency of city) for rows given as [x, city]. */
function features(rows: [string, string][]): Float32Array {
  const freq: Record<string, number> = { a: 0.75, b: 0.25 };
  return new Float32Array(rows.flatMap(([x, city]) => [x === '' ? NaN : Number(x), freq[city] ?? 0]));
}

function gbdtBundle() {
  const run = tinyRun();
  const rows = TRAIN.columns[0]!.map((x, r) => [x, TRAIN.columns[1]![r]!] as [string, string]);
  const y = TRAIN.columns[2]!.map((v) => (v === 'yes' ? 1 : 0));
  const { model } = fitGbdt({
    train: { x: features(rows), y, rows: rows.length },
    cols: 2,
    task: 'binary',
    classes: 2,
    params: { maxIter: 5, minSamplesLeaf: 1, earlyStopping: null },
    seed: 7,
  });
  const artifact: ModelArtifact = {
    format: 'looplab-model@1',
    task: 'binary',
    params: resolveParams({ family: 'gbdt', epochs: 5, minSamplesLeaf: 1 }),
    inputDim: 2,
    outputDim: 1,
    classes: 2,
    weights: [],
    gbdt: model,
  };
  const bundle = buildBundle({
    run: { ...run, artifact: artifact as unknown as Record<string, unknown> },
    problem: PROBLEM,
    recipeSteps: [],
    signature: SIGNATURE,
    example: { x: '2', city: 'a' },
    reference: driftReference(
      SIGNATURE.columns,
      { x: TRAIN.columns[0]!, city: TRAIN.columns[1]! },
      predictArtifact(artifact, features(rows), rows.length),
    ),
    id: 'gbdt-1',
    createdAt: 0,
  });
  return { bundle, model };
}

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

  it('says nothing for a network', () => {
    expect(explainPrediction(tinyBundle(), { x: '1', city: 'a' })).toBeNull();
  });
});
