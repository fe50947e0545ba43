import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../src/cli/tf-node.ts';
import type { ModelBundle } from '../../../src/core/bundle/index.ts';
import { validateNewData, type NewDataIssue } from '../../../src/core/retrain/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';
import { syntheticTable, trainChampion, type Champion } from './champion-fixture.ts';

let champion: Champion;
beforeAll(async () => {
  await initNodeBackend('cpu');
  champion = await trainChampion(syntheticTable(300, 1), { seed: 5 });
});

/** A batch of 10 rows copied from the champion's training rows, with `edit` applied to its cells. */
function batch(edit: (columns: Record<string, string[]>) => void = () => {}): RawTable {
  const rows = Array.from(champion.trainRows.slice(0, 10));
  const columns = Object.fromEntries(
    champion.table.names.map((name, c) => [name, rows.map((r) => champion.table.columns[c]![r]!)]),
  );
  edit(columns);
  return { names: Object.keys(columns), columns: Object.values(columns) };
}

const kinds = (issues: NewDataIssue[]) => issues.map((i) => `${i.kind} ${i.column}`);

describe('validateNewData', () => {
  it('passes rows drawn from the training rows themselves, with no errors and no warnings', () => {
    const report = validateNewData(champion.bundle, batch());
    expect(report).toEqual({ rows: 10, labelled: 10, ok: true, errors: [], warnings: [] });
  });

  it('blocks a batch without a required column or without the target, naming each', () => {
    const report = validateNewData(
      champion.bundle,
      batch((c) => {
        delete c.x1;
        delete c.label;
      }),
    );
    expect(report.ok).toBe(false);
    expect(kinds(report.errors)).toEqual(['missing-column x1', 'missing-target label']);
    expect(report.errors[0]!.message).toBe('Column "x1" is missing; the champion needs it.');
    expect(report.labelled).toBe(0);
  });

  it('blocks a numeric column turned to text, with the share and the first rows and values', () => {
    const report = validateNewData(
      champion.bundle,
      batch((c) => {
        c.x2 = c.x2!.map((v, r) => (r % 5 === 1 ? 'high' : r === 3 ? 'n/a!' : v));
      }),
    );
    expect(report.ok).toBe(false);
    const issue = report.errors[0]!;
    expect(issue).toMatchObject({ kind: 'type-changed', column: 'x2', expected: 'number', count: 3 });
    // Rows 1, 3 and 6 of 10 non-missing cells.
    expect(issue.kind === 'type-changed' && issue.share).toBe(0.3);
    expect(issue.examples).toEqual([
      { row: 1, value: 'high' },
      { row: 3, value: 'n/a!' },
      { row: 6, value: 'high' },
    ]);
    expect(issue.message).toContain('3 of 10 values (30%) do not read as number, e.g. row 1: "high"');
  });

  it('only warns when fewer cells than the threshold fail to read, and missing markers are not failures', () => {
    const edited = batch((c) => {
      c.x2![0] = 'oops';
      c.x2![1] = 'NA';
      c.x2![2] = '';
    });
    const report = validateNewData(champion.bundle, edited, { typeChangeShare: 0.2 });
    expect(report.ok).toBe(true);
    expect(report.warnings).toMatchObject([{ kind: 'type-changed', column: 'x2', count: 1 }]);
    // 1 of the 8 present cells: the marker and the blank are missing values.
    expect(report.warnings[0]!.kind === 'type-changed' && report.warnings[0]!.share).toBe(1 / 8);
  });

  it('only warns about a column the champion does not use: missing, or no longer numbers', () => {
    const optional: ModelBundle = {
      ...champion.bundle,
      signature: {
        ...champion.bundle.signature,
        columns: champion.bundle.signature.columns.map((c) =>
          c.name === 'x5' || c.name === 'x6' ? { ...c, required: false } : c,
        ),
      },
    };
    const report = validateNewData(
      optional,
      batch((c) => {
        delete c.x5;
        c.x6 = c.x6!.map(() => 'text');
      }),
    );
    expect(report.ok).toBe(true);
    expect(kinds(report.warnings)).toEqual(['missing-column x5', 'type-changed x6']);
    expect(report.warnings[1]!.message).toContain('so its type has changed (the champion does not use it).');
  });

  it('warns about categories training never had, counted by value, against every training value', () => {
    const report = validateNewData(
      champion.bundle,
      batch((c) => {
        c.segment = c.segment!.map((v, r) => (r < 3 ? 'D' : r === 9 ? ' E ' : v));
      }),
    );
    expect(report.ok).toBe(true);
    const issue = report.warnings[0]!;
    expect(issue).toMatchObject({
      kind: 'new-categories',
      column: 'segment',
      basis: 'training-values',
      count: 4,
      values: [
        { value: 'D', count: 3 },
        { value: 'E', count: 1 },
      ],
    });
    expect(issue.examples.map((e) => e.row)).toEqual([0, 1, 2, 9]);
  });

  it("falls back to the model's categories when the reference kept only some values and has no full sample", () => {
    const withoutSample = (bundle: ModelBundle, keepSample: boolean): ModelBundle => ({
      ...bundle,
      reference: {
        ...bundle.reference,
        ...(keepSample ? {} : { sample: undefined }),
        columns: bundle.reference.columns.map((r) =>
          r.column === 'segment' && r.kind === 'categorical'
            ? { ...r, values: ['A'], counts: [1], other: 5 }
            : r,
        ),
      },
    });
    const edited = batch((c) => (c.segment = c.segment!.map((v, r) => (r === 0 ? 'D' : r === 1 ? 'B' : v))));
    const fallback = validateNewData(withoutSample(champion.bundle, false), edited).warnings[0]!;
    // The one-hot step knows A, B and C, so only D is new.
    expect(fallback).toMatchObject({
      kind: 'new-categories',
      basis: 'model-categories',
      values: [{ value: 'D', count: 1 }],
    });
    expect(fallback.message).toContain('not among the categories the model knows');
    const sampled = validateNewData(withoutSample(champion.bundle, true), edited).warnings[0]!;
    expect(sampled).toMatchObject({ basis: 'training-values', values: [{ value: 'D', count: 1 }] });
  });

  it('warns about numbers outside the training range, counting each side against the training min and max', () => {
    const x1 = champion.table.columns[champion.table.names.indexOf('x1')]!;
    const train = Array.from(champion.trainRows, (r) => Number(x1[r]!));
    const [min, max] = [Math.min(...train), Math.max(...train)];
    const report = validateNewData(
      champion.bundle,
      batch((c) => {
        c.x1![2] = String(max + 1);
        c.x1![4] = '1,000';
        c.x1![7] = String(min - 0.5);
        c.x1![8] = String(max);
      }),
    );
    expect(report.warnings).toEqual([
      {
        kind: 'out-of-range',
        column: 'x1',
        min,
        max,
        below: 1,
        above: 2,
        count: 3,
        examples: [
          { row: 2, value: String(max + 1) },
          { row: 4, value: '1,000' },
          { row: 7, value: String(min - 0.5) },
        ],
        message: `Column "x1": 3 values outside the training range [${min}, ${max}] (1 below, 2 above), e.g. row 2: ${max + 1}.`,
      },
    ]);
  });

  it('blocks a target class the champion never trained on, and counts unlabelled rows', () => {
    const report = validateNewData(
      champion.bundle,
      batch((c) => {
        c.label![0] = 'maybe';
        c.label![5] = 'maybe';
        c.label![6] = '';
        c.label![7] = 'NA';
      }),
    );
    expect(kinds(report.errors)).toEqual(['new-classes label']);
    expect(report.errors[0]).toMatchObject({ values: [{ value: 'maybe', count: 2 }], count: 2 });
    expect(report.warnings).toMatchObject([{ kind: 'missing-target-values', count: 2 }]);
    expect(report.labelled).toBe(8);
  });

  it('reports an empty batch and columns the champion does not know', () => {
    const empty = validateNewData(
      champion.bundle,
      batch((c) => {
        for (const name of Object.keys(c)) c[name] = [];
        c.comment = [];
      }),
    );
    expect(kinds(empty.errors)).toEqual(['no-rows null']);
    expect(kinds(empty.warnings)).toEqual(['unexpected-column comment']);
  });
});
