import { describe, expect, it } from 'vitest';
import { predictionsCsvHeader, predictionsCsvLines } from '../../../src/core/bundle/predictions-csv.ts';
import { scoreBundle, scoreBundleTable } from '../../../src/core/bundle/score-bundle.ts';
import { applyFitted, applyRecipe } from '../../../src/core/recipe/index.ts';
import { BIAS, TRAIN, W_CITY, W_X, sigmoid, tinyBundle } from './bundle-fixture.ts';

/** 50 rows with repeats, a missing x (dropped by the recipe below) and an unseen city. */
function batchRows(): Record<string, string>[] {
  return Array.from({ length: 50 }, (_, i) => ({
    x: i % 17 === 5 ? '' : String((i * 7) % 5),
    city: ['a', 'b', 'Atlantis'][i % 3]!,
  }));
}

function withDropSteps() {
  const steps = [
    { id: 'dedupe', kind: 'drop-duplicates' as const, columns: 'all' as const },
    { id: 'need-x', kind: 'drop-missing' as const, columns: ['x'] },
  ];
  return { ...tinyBundle(), recipe: { steps }, recipeFitted: applyRecipe(TRAIN, { steps }).fitted };
}

describe('batch scoring equals real-time scoring row by row', () => {
  it('a 50-row batch, scored in blocks of 7, gives each row exactly what it gets alone', () => {
    const bundle = withDropSteps();
    const rows = batchRows();
    const table = { names: ['city', 'x', 'extra'], columns: [[], [], []] as string[][] };
    for (const r of rows) {
      table.columns[0]!.push(r.city!);
      table.columns[1]!.push(r.x!);
      table.columns[2]!.push('ignored');
    }
    let csv = predictionsCsvHeader('binary');
    for (let first = 0; first < rows.length; first += 7) {
      const block = {
        names: table.names,
        columns: table.columns.map((c) => c.slice(first, first + 7)),
      };
      const count = block.columns[0]!.length;
      csv += predictionsCsvLines('binary', scoreBundleTable(bundle, block), first, count);
    }
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('row,prediction,score');
    expect(lines).toHaveLength(51);
    rows.forEach((row, r) => {
      const alone = scoreBundle(bundle, [row]);
      const expected = alone.rows
        ? `${r},${alone.predictions[0]!.label},${alone.predictions[0]!.score}`
        : `${r},,`;
      expect(lines[r + 1]).toBe(expected);
    });
    // Hand check of one row: x = 2 (i = 1: 7 mod 5), city b: logit 0.5·2 − 2·0.25 + 0.25.
    expect(Number(lines[2]!.split(',')[2])).toBeCloseTo(sigmoid(W_X * 2 + W_CITY * 0.25 + BIAS), 12);
    // The rows with x missing (i = 5, 22, 39) are there with empty predictions; duplicates are all scored.
    expect([6, 23, 40].map((line) => lines[line])).toEqual(['5,,', '22,,', '39,,']);
  });

  it('serving keeps duplicate rows that training would drop', () => {
    const bundle = withDropSteps();
    const table = {
      names: ['x', 'city'],
      columns: [
        ['1', '1', '1'],
        ['a', 'a', 'a'],
      ],
    };
    expect(applyFitted(table, bundle.recipe, bundle.recipeFitted).rowIds.length).toBe(1);
    expect(applyFitted(table, bundle.recipe, bundle.recipeFitted, { perRow: true }).rowIds.length).toBe(3);
    expect(scoreBundleTable(bundle, table).rows).toBe(3);
  });

  it('a missing optional column reads as missing values', () => {
    const bundle = tinyBundle();
    const signature = {
      ...bundle.signature,
      columns: bundle.signature.columns.map((c) => ({ ...c, required: c.name === 'x' })),
    };
    const scored = scoreBundleTable({ ...bundle, signature }, { names: ['x'], columns: [['2']] });
    expect(scored.predictions[0]!.score).toBe(
      scoreBundle(bundle, [{ x: '2', city: '' }]).predictions[0]!.score,
    );
  });
});

describe('predictions CSV', () => {
  it('escapes labels that a spreadsheet would run as formulas, and writes numbers as numbers', () => {
    const scored = {
      rows: 2,
      kept: Uint32Array.of(0, 1),
      dropped: new Uint32Array(),
      output: { kind: 'value' as const, values: new Float64Array() },
      predictions: [
        { label: '=cmd|/C calc!A0', score: 0.25 },
        { label: '-2+3', score: 1 },
      ],
    };
    expect(predictionsCsvLines('multiclass', scored, 10, 2)).toBe("10,'=cmd|/C calc!A0,0.25\n11,'-2+3,1\n");
    const regression = { ...scored, predictions: [{ value: -1.5 }, { value: 2 }] };
    expect(predictionsCsvHeader('regression') + predictionsCsvLines('regression', regression, 0, 2)).toBe(
      'row,prediction\n0,-1.5\n1,2\n',
    );
  });
});
