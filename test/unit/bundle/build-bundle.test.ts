import { describe, expect, it } from 'vitest';
import { BundleError } from '../../../src/core/bundle/bundle-error.ts';
import { buildBundle } from '../../../src/core/bundle/build-bundle.ts';
import { PROBLEM, SIGNATURE, tinyBundle, tinyRun } from './bundle-fixture.ts';

const base = {
  problem: PROBLEM,
  recipeSteps: [],
  signature: SIGNATURE,
  example: { x: '1', city: 'a' },
  reference: tinyBundle().reference,
  id: 'b',
  createdAt: 0,
};

describe('buildBundle', () => {
  it('packages a finished run with its lineage, metrics and the default threshold', () => {
    const bundle = tinyBundle();
    expect(bundle.format).toBe('looplab-bundle');
    expect(bundle.schemaVersion).toBe(2);
    expect(bundle.name).toBe('linear #1');
    expect(bundle.threshold).toBe(0.5);
    expect(bundle.lineage.runId).toBe('run-1');
    expect(bundle.lineage.recipeHash).toBe(bundle.recipeFitted.recipeVersion);
    expect(bundle.metrics.validation.roc_auc).toBe(0.75);
    expect(bundle.metrics.validation.log_loss).toBeNaN();
    expect(bundle.metrics.test).toEqual({ roc_auc: 0.7 });
    expect(bundle.pipeline.outputs).toHaveLength(2);
  });

  it('refuses a run that is not finished', () => {
    const run = { ...tinyRun(), status: 'running' as const };
    expect(() => buildBundle({ ...base, run })).toThrow(/status is 'running', not 'finished'/);
  });

  it.each(['artifact', 'pipeline', 'recipeFitted', 'lineage'] as const)('names a missing %s', (field) => {
    const run = { ...tinyRun(), [field]: undefined };
    const error = catchError(() => buildBundle({ ...base, run }));
    expect(error.kind).toBe('invalid');
    expect(error.message).toContain(`'${field}'`);
  });

  it('refuses weights that do not fit the pipeline', () => {
    const run = tinyRun();
    const artifact = run.artifact as { weights: { values: number[] }[] };
    artifact.weights[0]!.values = [1, 2, 3];
    expect(() => buildBundle({ ...base, run })).toThrow(
      /model.weights\[0\].values' must hold as many numbers/,
    );
  });

  it('refuses an empty signature and a threshold outside [0, 1]', () => {
    const run = tinyRun();
    expect(() => buildBundle({ ...base, run, signature: { columns: [], target: 'y' } })).toThrow(
      /signature.columns' must list at least one input column/,
    );
    expect(() => buildBundle({ ...base, run, threshold: 1.5 })).toThrow(BundleError);
  });
});

function catchError(fn: () => unknown): BundleError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('expected a BundleError');
}
