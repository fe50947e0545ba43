import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBundle } from '../../../src/core/bundle/decode-bundle.ts';
import { encodeBundle } from '../../../src/core/bundle/encode-bundle.ts';
import { explainPrediction } from '../../../src/core/bundle/explain-prediction.ts';
import { predictionsCsvHeader, predictionsCsvLines } from '../../../src/core/bundle/predictions-csv.ts';
import { scoreBundle, scoreBundleTable } from '../../../src/core/bundle/score-bundle.ts';
import { predictGbdtRaw } from '../../../src/core/gbdt/index.ts';
import type { ModelArtifact } from '../../../src/core/models/model-artifact.ts';
import { scoreCommand } from '../../../src/cli/score-command.ts';
import { BIAS, ensembleBundle, features, sigmoid, W_CITY, W_X } from './bundle-fixture.ts';

const ROWS: [string, string][] = [
  ['1', 'a'],
  ['4', 'b'],
  ['2.5', 'a'],
  ['', 'b'],
];

/** The ensemble's P(yes) by hand: the members' own probabilities, weighted. */
function byHand(trees: ModelArtifact, x: string, city: string): number {
  const freq = city === 'a' ? 0.75 : 0.25;
  const linear = sigmoid(W_X * (x === '' ? 0 : Number(x)) + W_CITY * freq + BIAS);
  // The pipeline imputes a missing x with 0 (impute 'zero') before either member sees it.
  const raw = predictGbdtRaw(trees.gbdt!, features([[x === '' ? '0' : x, city]]), 1)[0]!;
  return 0.6 * linear + 0.4 * sigmoid(raw);
}

describe('an ensemble bundle (schema 2)', () => {
  it('round-trips through the zip and scores the weighted average of its members', () => {
    const { bundle, trees } = ensembleBundle();
    const decoded = decodeBundle(encodeBundle(bundle));
    expect(decoded.model.members?.map((m) => m.weight)).toEqual([0.6, 0.4]);
    const scored = scoreBundle(
      decoded,
      ROWS.map(([x, city]) => ({ x, city })),
    );
    ROWS.forEach(([x, city], i) =>
      expect(scored.output.values[2 * i + 1]).toBeCloseTo(byHand(trees, x, city), 12),
    );
  });

  it('scores the same through the real-time path, the batch path (in blocks) and `looplab score`', async () => {
    const { bundle } = ensembleBundle();
    const task = bundle.problem.taskType;
    // Real time: one request at a time, as the serve worker's predictOne does.
    const realTime =
      predictionsCsvHeader(task) +
      ROWS.map(([x, city], i) => predictionsCsvLines(task, scoreBundle(bundle, [{ x, city }]), i, 1)).join(
        '',
      );
    // Batch: blocks of 3 rows and 1, as workers/batch-score.ts scores an upload.
    const block = (from: number, to: number) =>
      predictionsCsvLines(
        task,
        scoreBundleTable(bundle, {
          names: ['x', 'city'],
          columns: [ROWS.slice(from, to).map((r) => r[0]), ROWS.slice(from, to).map((r) => r[1])],
        }),
        from,
        to - from,
      );
    const batch = predictionsCsvHeader(task) + block(0, 3) + block(3, 4);
    const dir = mkdtempSync(join(tmpdir(), 'looplab-ensemble-'));
    writeFileSync(join(dir, 'model.zip'), encodeBundle(bundle));
    writeFileSync(join(dir, 'rows.csv'), `x,city\n${ROWS.map((r) => r.join(',')).join('\n')}\n`);
    const cli = await (await scoreCommand([join(dir, 'model.zip'), join(dir, 'rows.csv')])).collect();
    expect(batch).toBe(realTime);
    expect(cli.text).toBe(realTime);
  });

  it("explains a prediction by its members' contributions, weighted", () => {
    const { bundle, trees } = ensembleBundle();
    const explanation = explainPrediction(bundle, { x: '4', city: 'b' })!;
    const linearLogit = W_X * 4 + W_CITY * 0.25 + BIAS;
    const treeRaw = predictGbdtRaw(trees.gbdt!, features([['4', 'b']]), 1)[0]!;
    const total = explanation.bias + explanation.contributions.reduce((sum, c) => sum + c.value, 0);
    expect(total).toBeCloseTo(0.6 * linearLogit + 0.4 * treeRaw, 12);
  });

  it('refuses members whose weights do not sum to 1, or that are ensembles themselves', () => {
    const { bundle } = ensembleBundle();
    const members = bundle.model.members!;
    const unbalanced = {
      ...bundle,
      model: { ...bundle.model, members: [{ ...members[0]!, weight: 0.5 }, members[1]!] },
    };
    expect(() => decodeBundle(encodeBundle(unbalanced))).toThrow(/weights must sum to 1/);
    const nested = {
      ...bundle,
      model: { ...bundle.model, members: [members[0]!, { weight: 0.4, artifact: bundle.model }] },
    };
    expect(() => decodeBundle(encodeBundle(nested))).toThrow(/cannot be an ensemble/);
  });
});
