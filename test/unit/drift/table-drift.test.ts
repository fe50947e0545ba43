import { describe, expect, it } from 'vitest';
import { tableDrift } from '../../../src/core/drift/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

/** A table of `rows` rows whose columns the app's profile types as id, integer, category, text and date. */
function table(rows: number, offset: number, extra?: string): RawTable {
  const names = ['customer_id', 'tenure', 'plan', 'note', 'signup'];
  const columns: string[][] = [[], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    columns[0]!.push(`C${offset + r}`);
    columns[1]!.push(r === 3 ? 'NA' : String((r % 40) + offset));
    columns[2]!.push(['Basic', 'Pro', 'Team'][r % 3]!);
    columns[3]!.push(`Customer number ${r} wrote a long comment about the service and the app`);
    columns[4]!.push(`2024-01-${String((r % 28) + 1).padStart(2, '0')}`);
  }
  if (extra) {
    names.push(extra);
    columns.push(new Array<string>(rows).fill('x'));
  }
  return { names, columns };
}

describe('tableDrift', () => {
  it("types columns with the app's profile of the reference, and counts only numeric and categorical ones", () => {
    const result = tableDrift(table(200, 0), table(200, 1000, 'channel'));
    expect(result.features.map((f) => [f.name, f.kind, f.counted])).toEqual([
      ['customer_id', 'id', false],
      ['tenure', 'numeric', true],
      ['plan', 'categorical', true],
      ['note', 'text', false],
      ['signup', 'date', false],
    ]);
    const tenure = result.features[1]!;
    // 'NA' is a missing marker; tenure moved by 1000, so KS sees no overlap.
    expect(tenure).toMatchObject({
      test: 'ks',
      statistic: 1,
      drift: true,
      reference: { values: 199, missing: 1 },
    });
    expect(result.features[2]).toMatchObject({ test: 'chi-square', statistic: 0, pValue: 1, drift: false });
    expect(result).toMatchObject({ counted: 2, drifted: 1, shareDrifted: 0.5, datasetDrift: true });
    expect(result.warnings).toEqual(['Not in the reference, so not compared: channel.']);
  });
});
