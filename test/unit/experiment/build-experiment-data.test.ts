import { describe, expect, it } from 'vitest';
import { autoExperiment, buildExperimentData, serveFeatures } from '../../../src/core/experiment/index.ts';
import { parseCsvText } from '../../../src/core/ingest/index.ts';
import { generateChurnCsv } from '../../../src/core/sample/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

function churnTable(rows: number): RawTable {
  const [header, ...body] = parseCsvText(generateChurnCsv({ rows, seed: 3 }));
  return { names: header!, columns: header!.map((_, c) => body.map((r) => r[c] ?? '')) };
}

describe('buildExperimentData', () => {
  const table = churnTable(1200);
  const plan = autoExperiment(table, { target: 'churned', seed: 42 });

  it('puts exactly the given test rows in the test set, and splits the rest 85/15', () => {
    const testRows = Array.from({ length: 100 }, (_, i) => i * 7);
    const data = buildExperimentData(table, {
      recipe: plan.recipe,
      split: { ...plan.split, fractions: [0.85, 0.15, 0] },
      features: plan.features,
      testRows,
    });
    const targetColumn = table.columns[table.names.indexOf('churned')]!;
    const expectedTest = testRows.filter((r) => targetColumn[r]!.trim() !== '');
    // Rows the recipe drops (duplicates, missing target) leave the sets; all others stay where they were put.
    expect([...data.rowIds.test].every((r) => expectedTest.includes(r))).toBe(true);
    expect(data.rowIds.test.length).toBeGreaterThan(90);
    const inTrain = new Set(data.rowIds.train);
    for (const r of testRows) expect(inTrain.has(r)).toBe(false);
    const ratio = data.train.rows / (data.train.rows + data.validation.rows);
    expect(ratio).toBeGreaterThan(0.83);
    expect(ratio).toBeLessThan(0.87);
  });

  it('fits features on training rows only: changing a validation row changes no training feature', () => {
    // Without drop-duplicates: editing a row can make it (or its twin in training) stop being a duplicate,
    // which rightly changes which rows train.
    const recipe = { steps: plan.recipe.steps.filter((s) => s.kind !== 'drop-duplicates') };
    const request = { recipe, split: plan.split, features: plan.features };
    const data = buildExperimentData(table, request);
    const changed: RawTable = { names: table.names, columns: table.columns.map((c) => c.slice()) };
    const monthly = changed.names.indexOf('monthly_fee');
    for (const r of data.rowIds.validation) changed.columns[monthly]![r] = '99999';
    const again = buildExperimentData(changed, request);
    expect(again.train.x).toEqual(data.train.x);
    expect(again.validation.x).not.toEqual(data.validation.x);
  });

  it('serves raw rows to features bit-identical to the training matrix', () => {
    const data = buildExperimentData(table, {
      recipe: plan.recipe,
      split: plan.split,
      features: plan.features,
    });
    const ids = [...data.rowIds.train.subarray(0, 200)];
    const records = ids.map((r) => Object.fromEntries(table.names.map((n, c) => [n, table.columns[c]![r]!])));
    const served = serveFeatures(
      { recipe: plan.recipe, recipeFitted: data.recipeFitted, pipeline: data.fitted },
      records,
      table.names,
    );
    expect(served.rows).toBe(200);
    const expected = data.train.x.slice(0, 200 * data.cols);
    expect(new Uint32Array(served.values.buffer)).toEqual(new Uint32Array(expected.buffer));
  });
});
