import { fitFeaturePipeline, tableSource } from '../../../src/core/features/fit-feature-pipeline.ts';
import type { FeatureTransform } from '../../../src/core/features/feature-spec.ts';
import type { FittedPipeline } from '../../../src/core/features/fitted-pipeline.ts';
import { transform, type FeatureMatrix } from '../../../src/core/features/transform.ts';
import { preparedTable } from './feature-table.ts';

/**
 * Fits one transform of column "x" on `train` cells (with a numeric target "y" beside them) and applies it to
 * `serve` cells (default: the training cells).
 */
export function fitOne(
  transformSpec: FeatureTransform,
  train: (string | null)[],
  serve: (string | null)[] = train,
): { fitted: FittedPipeline; matrix: FeatureMatrix } {
  const target = train.map((_, i) => String(i));
  const fitted = fitFeaturePipeline(
    { target: 'y', task: 'regression', transforms: [transformSpec] },
    tableSource(preparedTable({ x: train, y: target })),
  );
  return { fitted, matrix: transform(fitted, tableSource(preparedTable({ x: serve }))) };
}
