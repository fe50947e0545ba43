import { describe, expect, it } from 'vitest';
import { leakageWarnings } from '../../../src/core/profile/index.ts';
import type { ColumnType } from '../../../src/core/table/raw-table.ts';

describe('leakageWarnings', () => {
  it('flags a column that maps one-to-one onto the target (alive vs survived)', () => {
    const table = {
      names: ['survived', 'alive', 'sex'],
      columns: [
        ['0', '1', '1', '0', '1'],
        ['no', 'yes', 'yes', 'no', 'yes'],
        ['male', 'female', 'male', 'male', 'female'],
      ],
    };
    const types: Record<string, ColumnType> = { survived: 'integer', alive: 'category', sex: 'category' };
    expect(leakageWarnings(table, 'survived', types)).toEqual([
      {
        column: 'alive',
        kind: 'leakage',
        message:
          'alive determines survived: each value of one goes with exactly one value of the other. It is the target in disguise; drop it.',
      },
    ]);
  });

  it('flags a pair of numeric columns that sum to the target (casual + registered = cnt)', () => {
    const casual = ['3', '8', '5', '0', '12', '7'];
    const registered = ['13', '32', '27', '10', '1', '40'];
    const cnt = casual.map((c, i) => String(Number(c) + Number(registered[i])));
    const table = {
      names: ['temp', 'casual', 'registered', 'cnt'],
      columns: [['0.2', '0.3', '0.2', '0.5', '0.4', '0.6'], casual, registered, cnt],
    };
    const types: Record<string, ColumnType> = {
      temp: 'number',
      casual: 'integer',
      registered: 'integer',
      cnt: 'integer',
    };
    const warnings = leakageWarnings(table, 'cnt', types);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      kind: 'leakage',
      column: 'casual',
      columns: ['casual', 'registered'],
    });
    expect(warnings[0]!.message).toBe(
      'casual + registered = cnt on every row: together they are the target; drop one of them or both.',
    );
  });

  it('flags a numeric copy of the target once, not again in pairs', () => {
    const y = ['1.5', '2.5', '3.5', '4.5'];
    const table = { names: ['y', 'copy', 'zero'], columns: [y, [...y], ['0', '0', '0', '0']] };
    const types: Record<string, ColumnType> = { y: 'number', copy: 'number', zero: 'integer' };
    expect(leakageWarnings(table, 'y', types).map((w) => [w.kind, w.column])).toEqual([['leakage', 'copy']]);
  });

  it('skips rows with a missing target', () => {
    const table = {
      names: ['y', 'z'],
      columns: [
        ['a', 'b', '', 'a'],
        ['1', '2', '2', '1'],
      ],
    };
    expect(leakageWarnings(table, 'y', { y: 'category', z: 'integer' }).map((w) => w.column)).toEqual(['z']);
  });

  it('warns about ID-like columns and does not call them leakage', () => {
    const table = {
      names: ['id', 'ticket', 'price'],
      columns: [
        ['a1', 'a2', 'a3', 'a4'],
        ['T-9', 'T-4', 'T-7', 'T-1'],
        ['10', '12', '10', '15'],
      ],
    };
    const types: Record<string, ColumnType> = { id: 'id', ticket: 'category', price: 'integer' };
    expect(leakageWarnings(table, 'price', types).map((w) => [w.kind, w.column])).toEqual([
      ['id-like', 'id'],
      ['id-like', 'ticket'],
    ]);
  });

  it('never calls a date or datetime an ID, even with a different value on every row', () => {
    const table = {
      names: ['day', 'at', 'price'],
      columns: [
        ['2012-01-01', '2012-01-02', '2012-01-03', '2012-01-04'],
        ['2012-01-01T08:00:00', '2012-01-01T09:00:00', '2012-01-01T10:00:00', '2012-01-01T11:00:00'],
        ['10', '12', '10', '15'],
      ],
    };
    const types: Record<string, ColumnType> = { day: 'date', at: 'datetime', price: 'integer' };
    expect(leakageWarnings(table, 'price', types)).toEqual([]);
  });

  it('names a missing target column', () => {
    expect(() => leakageWarnings({ names: ['a'], columns: [['1']] }, 'b', {})).toThrow(
      'No column named "b".',
    );
  });
});
