import { describe, expect, it } from 'vitest';
import {
  fitFeaturePipeline,
  parseFittedPipeline,
  pipelineVersion,
  tableSource,
  transform,
  validateFittedPipeline,
  type FittedPipeline,
} from '../../../src/core/features/index.ts';
import { canonicalJson } from '../../../src/core/recipe/canonical-json.ts';
import { CHURN_SPEC, churnTable } from './churn-fixture.ts';
import { bytesOf } from './feature-table.ts';

const table = churnTable(80);
const trainRows = Uint32Array.from({ length: 60 }, (_, i) => i);
const fitted = fitFeaturePipeline(CHURN_SPEC, tableSource(table, trainRows));

describe('the fitted pipeline as JSON', () => {
  const roundTripped = JSON.parse(JSON.stringify(fitted)) as FittedPipeline;

  it('holds no NaN, Infinity or undefined (canonical JSON accepts it) and survives a round trip', () => {
    expect(() => canonicalJson(fitted)).not.toThrow();
    expect(roundTripped).toEqual(fitted);
  });

  it('transforms identically after a round trip', () => {
    const before = transform(fitted, tableSource(table));
    const after = transform(roundTripped, tableSource(table));
    expect(bytesOf(after.values)).toEqual(bytesOf(before.values));
  });

  it('has a content version that ignores key order and changes with any learned value', () => {
    const version = pipelineVersion(fitted);
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(pipelineVersion(roundTripped)).toBe(version);
    const reordered = Object.fromEntries(Object.entries(fitted).reverse()) as unknown as FittedPipeline;
    expect(pipelineVersion(reordered)).toBe(version);
    const refit = fitFeaturePipeline(CHURN_SPEC, tableSource(table, trainRows.subarray(0, 59)));
    expect(pipelineVersion(refit)).not.toBe(version);
  });

  it('is accepted by the schema', () => {
    expect(parseFittedPipeline(roundTripped)).toEqual(fitted);
  });

  it('is refused by the schema when damaged, with messages naming the field', () => {
    const broken = structuredClone(roundTripped) as unknown as { steps: Record<string, unknown>[] };
    broken.steps[1]!['scale'] = 'wide';
    const result = validateFittedPipeline(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.field)).toContain('steps.1.scale');
    expect(() => parseFittedPipeline(broken)).toThrow(/Fitted pipeline, field steps\.1\.scale/);

    const shortOutputs = {
      ...roundTripped,
      outputs: roundTripped.outputs.slice(1),
      groups: roundTripped.groups.slice(1),
    };
    expect(() => parseFittedPipeline(shortOutputs)).toThrow(/field outputs: must name the \d+ columns/);

    const wrongVersion = { ...roundTripped, version: 2 };
    expect(() => parseFittedPipeline(wrongVersion)).toThrow(/field version/);

    const nanFill = structuredClone(roundTripped) as unknown as { steps: Record<string, unknown>[] };
    nanFill.steps[1]!['fill'] = Number.NaN;
    expect(() => parseFittedPipeline(nanFill)).toThrow(/field steps\.1\.fill/);
  });
});
