import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/core/features/tokenize.ts';
import { fitOne } from './fit-one.ts';
import { matrixRows } from './feature-table.ts';

describe('tokenize', () => {
  it('lowercases and keeps runs of letters and digits of two or more characters', () => {
    expect(tokenize('A cat, 2 CATS & the café! x_y 42')).toEqual(['cat', 'cats', 'the', 'café', '42']);
    // One astral character is a one-character token, however many UTF-16 units it takes.
    expect(tokenize('𝒳 𝒳𝒳')).toEqual(['𝒳𝒳']);
  });
});

describe('TF-IDF features', () => {
  // Worked example, matching sklearn TfidfVectorizer(smooth_idf=True, norm='l2'):
  // documents "the cat sat", "the dog", "cat cat dog"; n = 3.
  // df: cat 2, dog 2, sat 1, the 2 → idf = ln(4/3) + 1 = 1.2876820724517808 (cat, dog, the),
  // ln(4/2) + 1 = 1.6931471805599454 (sat). Columns in term order: cat, dog, sat, the.
  // "the cat sat" → (1.28768, 0, 1.69315, 1.28768) / 2.48656 = (0.51786, 0, 0.68092, 0.51786).
  // "cat cat dog" → (2·1.28768, 1.28768, 0, 0) / (1.28768·√5) = (2/√5, 1/√5, 0, 0).
  const train = ['The cat sat.', 'the DOG', 'cat cat dog'];

  it('matches the hand-computed weights', () => {
    const { fitted, matrix } = fitOne({ kind: 'tfidf', column: 'x', maxVocab: 10 }, train, [
      ...train,
      'dog dog fish sat',
      null,
      'fish',
    ]);
    expect(fitted.outputs).toEqual(['x:cat', 'x:dog', 'x:sat', 'x:the']);
    expect(fitted.steps[0]).toMatchObject({
      idf: [1.2876820724517808, 1.2876820724517808, 1.6931471805599454, 1.2876820724517808],
    });
    const expected = [
      [0.5178561161676974, 0, 0.680918560398684, 0.5178561161676974],
      [0, 0.7071067811865476, 0, 0.7071067811865476],
      [0.8944271909999159, 0.4472135954999579, 0, 0],
      // "fish" is not in the vocabulary: dog 2·1.28768, sat 1.69315, normalised.
      [0, 0.8355915419449176, 0.5493512310263033, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const actual = matrixRows(matrix);
    expected.forEach((row, r) => row.forEach((value, c) => expect(actual[r]![c]).toBeCloseTo(value, 6)));
  });

  it('caps the vocabulary at the terms in most documents, ties by term', () => {
    // df: cat 2, dog 2, the 2, sat 1 → the top 3 are cat, dog, the.
    const { fitted } = fitOne({ kind: 'tfidf', column: 'x', maxVocab: 3 }, train);
    expect(fitted.outputs).toEqual(['x:cat', 'x:dog', 'x:the']);
  });

  it('counts a missing training text as an empty document in n', () => {
    const { fitted } = fitOne({ kind: 'tfidf', column: 'x', maxVocab: 10 }, ['cat', null, null]);
    // n = 3, df(cat) = 1: ln(4/2) + 1.
    expect(fitted.steps[0]).toMatchObject({ vocabulary: ['cat'], idf: [Math.log(2) + 1] });
  });
});
