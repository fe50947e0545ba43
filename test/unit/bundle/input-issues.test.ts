// Issue 15, point 5: the prediction form said nothing when a numeric field read "heavy" or a category was
// never seen in training. inputIssues says what serving made of each input; the answer itself is
// unchanged (serving still answers). Expected values are the tiny bundle's, by hand: x's training values
// are 1..4, city's are a and b; the plan bundle below learns "basic" and "premium" after a case fold.
import { describe, expect, it } from 'vitest';
import { buildBundle, driftReference, inputIssues, scoreBundle } from '../../../src/core/bundle/index.ts';
import { fitFeaturePipeline, tableSource } from '../../../src/core/features/index.ts';
import type { ModelArtifact } from '../../../src/core/models/model-artifact.ts';
import { resolveParams } from '../../../src/core/models/model-params.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import { applyRecipe, type Recipe } from '../../../src/core/recipe/index.ts';
import { PROBLEM, tinyBundle, tinyRun } from './bundle-fixture.ts';

describe('inputIssues', () => {
  const bundle = tinyBundle();

  it('finds nothing in a row like the training rows', () => {
    expect(inputIssues(bundle, { x: '2', city: 'a' })).toEqual([]);
  });

  it('names a number that is not one, a value never seen, a missing one and one out of range', () => {
    expect(inputIssues(bundle, { x: 'heavy', city: 'Mars' })).toEqual([
      {
        column: 'x',
        kind: 'not-a-number',
        value: 'heavy',
        message: '“heavy” is not a number: treated as missing (filled with the training value 0).',
      },
      {
        column: 'city',
        kind: 'unseen',
        value: 'Mars',
        message: '“Mars” was never seen in training: encoded as frequency 0.',
      },
    ]);
    expect(inputIssues(bundle, { x: '', city: 'NA' }).map((i) => [i.column, i.kind])).toEqual([
      ['x', 'missing'],
      ['city', 'missing'],
    ]);
    expect(inputIssues(bundle, { x: '40', city: 'b' })).toEqual([
      {
        column: 'x',
        kind: 'out-of-range',
        value: '40',
        message: '40 is outside the training range (1 to 4): the model extrapolates.',
      },
    ]);
  });

  it('still answers: the issues do not change the prediction', () => {
    const answer = scoreBundle(bundle, [{ x: 'heavy', city: 'Mars' }]);
    expect(answer.rows).toBe(1);
    expect(Number.isFinite(answer.predictions[0]!.score!)).toBe(true);
  });

  it('reads a category after the recipe: a spelling it merges is not unseen', () => {
    const train = {
      names: ['plan', 'y'],
      columns: [
        ['basic', 'Premium', 'basic', 'premium'],
        ['no', 'yes', 'no', 'yes'],
      ],
    };
    const recipe: Recipe = { steps: [{ id: 'fold', kind: 'case-fold', columns: ['plan'], mode: 'lower' }] };
    const prepared = applyRecipe(train, recipe);
    const pipeline = fitFeaturePipeline(
      {
        target: 'y',
        task: 'binary',
        positiveClass: 'yes',
        transforms: [{ kind: 'onehot', column: 'plan', topK: 5 }],
      },
      tableSource(prepared.table),
    );
    const inputDim = pipeline.outputs.length;
    const artifact: ModelArtifact = {
      format: 'looplab-model@1',
      task: 'binary',
      params: resolveParams({ family: 'linear' }),
      inputDim,
      outputDim: 1,
      classes: 2,
      weights: [
        { name: 'w0', shape: [inputDim, 1], values: Array.from({ length: inputDim }, () => 0.1) },
        { name: 'b0', shape: [1], values: [0] },
      ],
    };
    const run = {
      ...tinyRun(),
      artifact: { ...artifact },
      pipeline: { ...pipeline },
      recipeFitted: { ...prepared.fitted },
    };
    const signature = { columns: [{ name: 'plan', type: 'category' as const, required: true }], target: 'y' };
    const planBundle = buildBundle({
      run,
      problem: PROBLEM,
      recipeSteps: recipe.steps,
      signature,
      example: { plan: 'basic' },
      reference: driftReference(
        signature.columns,
        { plan: train.columns[0]! },
        predictArtifact(artifact, new Float32Array(4 * inputDim), 4),
      ),
      id: 'bundle-plan',
      createdAt: 0,
    });
    expect(pipeline.steps[0]).toMatchObject({ kind: 'onehot', categories: ['basic', 'premium'] });
    expect(inputIssues(planBundle, { plan: 'PREMIUM' })).toEqual([]);
    expect(inputIssues(planBundle, { plan: 'family' })).toEqual([
      {
        column: 'plan',
        kind: 'unseen',
        value: 'family',
        message:
          '“family” is not one of the 2 categories the model learned (“basic”, “premium”): encoded as “(other)”.',
      },
    ]);
  });
});
