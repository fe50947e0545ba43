import type { FeatureSpec } from './feature-spec.ts';

/**
 * The spec with every numeric feature keeping its missing values (impute 'keep', no scaling), for
 * gradient-boosted trees: they route missing rows by a direction learned at each split, which beats a
 * median fill when missingness itself says something. Binned features stay imputed: a one-hot bin has no
 * place for "missing". Other kinds already encode missing values their own way.
 */
export function keepMissingNumbers(spec: FeatureSpec): FeatureSpec {
  return {
    ...spec,
    transforms: spec.transforms.map((t) =>
      t.kind === 'numeric' && t.bins === undefined ? { ...t, impute: 'keep', scale: 'none' } : t,
    ),
  };
}
