import { describe, expect, it } from 'vitest';
import { dateFields, readDateInto } from '../../../src/core/features/read-date.ts';
import { readNumber } from '../../../src/core/features/read-number.ts';
import { fitFeaturePipeline, tableSource } from '../../../src/core/features/fit-feature-pipeline.ts';
import { tokenize } from '../../../src/core/features/tokenize.ts';
import { transform } from '../../../src/core/features/transform.ts';
import { vocabularyIndex } from '../../../src/core/features/vocabulary-index.ts';
import type { FittedTfidfStep } from '../../../src/core/features/fitted-pipeline.ts';
import { parseDateText } from '../../../src/core/recipe/parse-date.ts';
import { parseNumberText } from '../../../src/core/recipe/parse-number.ts';
import { createRng } from '../../../src/core/random.ts';
import { matrixRows, preparedTable } from './feature-table.ts';

// The transform reads cells through fast paths; each must agree exactly with the recipe's reader it shortcuts.

describe('readNumber', () => {
  it("agrees bit for bit with the recipe's parseNumberText", () => {
    const fixed = [
      '0',
      '-0',
      '.5',
      '5.',
      '007',
      '-0.000',
      '1e3',
      '+1',
      ' 1',
      '1,000',
      '',
      '-',
      '.',
      '--1',
      '1.2.3',
      'abc',
    ];
    const long = ['123456789012345', '1234567890123456', '0.1234567890123456789', '9007199254740993', '0.3'];
    const rng = createRng(5);
    const generated = Array.from({ length: 20_000 }, () => {
      const digits = String(rng.int(0, 999_999_999)).padStart(rng.int(1, 12), '0');
      const point = rng.int(0, digits.length);
      const text = point === digits.length ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
      return rng.next() < 0.3 ? `-${text}` : text;
    });
    for (const text of [...fixed, ...long, ...generated]) {
      expect(Object.is(readNumber(text), parseNumberText(text)), text).toBe(true);
    }
    expect(readNumber(null)).toBeNaN();
  });
});

describe('readDateInto', () => {
  it("agrees with the recipe's parseDateText, valid or not", () => {
    const texts = [
      '2024-02-29',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '0000-01-01',
      '0001-01-01',
      '2024-04-31',
      '2024-01-01T23:59:59',
      '2024-01-01 07:05:00',
      '2024-01-01T24:00:00',
      '2024-01-01T23:60:00',
      '2024-01-01T23:59:60',
      '2024-01-01X10:00:00',
      '2024/01/01',
      '2024-01-01T10:00:00Z',
      '2024-01-01T10:00:00+05:30',
      ' 2024-01-01',
      '12/31/2023',
      'Jan 5 2020 3:04 PM',
      'not a date',
      '２０２４-01-01',
    ];
    const rng = createRng(8);
    for (let i = 0; i < 5000; i++) {
      const pad = (n: number): string => String(n).padStart(2, '0');
      const day = `${rng.int(1995, 2030)}-${pad(rng.int(0, 13))}-${pad(rng.int(0, 32))}`;
      texts.push(
        rng.next() < 0.5
          ? day
          : `${day}T${pad(rng.int(0, 25))}:${pad(rng.int(0, 60))}:${pad(rng.int(0, 60))}`,
      );
    }
    const fields = dateFields();
    for (const text of texts) {
      const expected = parseDateText(text, 'auto');
      const ok = readDateInto(text, fields);
      expect(ok, text).toBe(expected !== null);
      if (expected === null) continue;
      const time = expected.time ?? { hour: 0, minute: 0, second: 0 };
      expect(fields, text).toEqual({
        ...time,
        year: expected.year,
        month: expected.month,
        day: expected.day,
        hasTime: expected.time !== null,
      });
    }
  });
});

describe('tokenize', () => {
  it("gives the regular expression's tokens on ASCII text, read by character codes", () => {
    const reference = (text: string): string[] =>
      (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((token) => [...token].length >= 2);
    const rng = createRng(4);
    const alphabet = 'abcXYZ019 _-.,!\t\n\'"@';
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: rng.int(0, 30) }, () => rng.pick([...alphabet])).join('');
      expect(tokenize(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});

describe('vocabularyIndex', () => {
  it('finds every term, in place inside a longer text, and nothing else', () => {
    const rng = createRng(2);
    const terms = [...new Set(Array.from({ length: 3000 }, () => rng.int(0, 10 ** 6).toString(36)))];
    const index = vocabularyIndex(terms);
    terms.forEach((term, i) => {
      expect(index.find(` ${term} `, 1, term.length + 1)).toBe(i);
    });
    expect(index.find('zzzzzzzz', 0, 8)).toBe(-1);
    expect(index.find(`${terms[0]}x`, 0, terms[0]!.length + 1)).toBe(-1);
  });
});

describe('TF-IDF on non-ASCII text', () => {
  it('counts the same terms as the general tokenizer', () => {
    const train = ['Café crème café', 'naïve cat', 'cat café 東京 東京', 'plain ascii cat'];
    const serve = ['CAFÉ cat ÷ naïve', '東京 cat cat', 'ascii only cat'];
    const fitted = fitFeaturePipeline(
      { target: 'y', task: 'regression', transforms: [{ kind: 'tfidf', column: 'x', maxVocab: 50 }] },
      tableSource(preparedTable({ x: train, y: ['1', '2', '3', '4'] })),
    );
    const step = fitted.steps[0] as FittedTfidfStep;
    expect(step.vocabulary).toEqual(['ascii', 'café', 'cat', 'crème', 'naïve', 'plain', '東京']);
    // Reference: counts from tokenize(), times idf, L2-normalised.
    const expected = serve.map((text) => {
      const weights = step.vocabulary.map(
        (term, i) => tokenize(text).filter((t) => t === term).length * step.idf[i]!,
      );
      const norm = Math.hypot(...weights);
      return weights.map((w) => Math.fround(norm === 0 ? 0 : w / norm));
    });
    expect(matrixRows(transform(fitted, tableSource(preparedTable({ x: serve }))))).toEqual(expected);
  });
});
