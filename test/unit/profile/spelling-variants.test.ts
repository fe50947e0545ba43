import { describe, expect, it } from 'vitest';
import { findSpellingVariants, spellingKey, ValueCounter } from '../../../src/core/profile/index.ts';

describe('spellingKey', () => {
  it('folds case, whitespace and punctuation', () => {
    expect(spellingKey('New York')).toBe('newyork');
    expect(spellingKey('new  york')).toBe('newyork');
    expect(spellingKey('NEW-YORK')).toBe('newyork');
    expect(spellingKey('datsun 200-sx')).toBe(spellingKey('datsun 200sx'));
    expect(spellingKey('audi 100 ls')).toBe(spellingKey('audi 100ls'));
    expect(spellingKey('Zürich')).toBe('zürich');
  });

  it('keeps the comparison signs of interval labels apart', () => {
    expect(spellingKey('<1')).not.toBe(spellingKey('>=1'));
    expect(spellingKey('1<=X<4')).not.toBe(spellingKey('14'));
  });
});

describe('findSpellingVariants', () => {
  it('groups distinct values that fold together, most frequent variant first', () => {
    const counts = new Map([
      ['New York', 5],
      ['Boston', 4],
      ['new york', 2],
      ['NEW YORK', 1],
      ['boston', 1],
      ['Chicago', 9],
    ]);
    expect(findSpellingVariants(counts)).toEqual([
      {
        key: 'newyork',
        variants: [
          { value: 'New York', count: 5 },
          { value: 'new york', count: 2 },
          { value: 'NEW YORK', count: 1 },
        ],
      },
      {
        key: 'boston',
        variants: [
          { value: 'Boston', count: 4 },
          { value: 'boston', count: 1 },
        ],
      },
    ]);
  });

  it('ignores values that are punctuation only', () => {
    expect(
      findSpellingVariants(
        new Map([
          ['.', 1],
          ['-', 3],
          ['MALE', 5],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads a ValueCounter as well as a Map', () => {
    const counter = ValueCounter.of(['datsun 200-sx', 'datsun 200sx', 'datsun 200sx']);
    expect(findSpellingVariants(counter)).toEqual([
      {
        key: 'datsun200sx',
        variants: [
          { value: 'datsun 200sx', count: 2 },
          { value: 'datsun 200-sx', count: 1 },
        ],
      },
    ]);
  });
});
