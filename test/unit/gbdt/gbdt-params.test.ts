import { describe, expect, it } from 'vitest';
import { DEFAULT_GBDT_PARAMS, resolveGbdtParams } from '../../../src/core/gbdt/gbdt-params.ts';

describe('resolveGbdtParams', () => {
  it("fills sklearn's HistGradientBoosting defaults", () => {
    const params = resolveGbdtParams();
    expect(params).toEqual(DEFAULT_GBDT_PARAMS);
    // sklearn 1.2: learning_rate=0.1, max_leaf_nodes=31, max_depth=None, min_samples_leaf=20,
    // l2_regularization=0, max_bins=255, n_iter_no_change=10, tol=1e-7.
    expect(params).toMatchObject({ learningRate: 0.1, maxLeafNodes: 31, maxDepth: null, minSamplesLeaf: 20 });
    expect(params).toMatchObject({ l2: 0, maxBins: 255, earlyStopping: { patience: 10, tol: 1e-7 } });
  });

  it('copies the nested early-stopping settings, so the defaults cannot be changed through a result', () => {
    resolveGbdtParams().earlyStopping!.patience = 99;
    expect(DEFAULT_GBDT_PARAMS.earlyStopping!.patience).toBe(10);
  });

  it('names the parameter that is out of range', () => {
    expect(() => resolveGbdtParams({ learningRate: 0 })).toThrow(
      'GBDT parameter learningRate must be > 0, got 0',
    );
    expect(() => resolveGbdtParams({ maxLeafNodes: 1 })).toThrow(
      'maxLeafNodes must be an integer ≥ 2 or null',
    );
    expect(() => resolveGbdtParams({ rowSubsample: 1.5 })).toThrow('rowSubsample must be in (0, 1], got 1.5');
    expect(() => resolveGbdtParams({ earlyStopping: { patience: 0, tol: 0 } })).toThrow(
      'earlyStopping.patience must be an integer ≥ 1, got 0',
    );
  });
});
