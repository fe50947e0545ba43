import type { Applier } from './applier.ts';
import type { FeatureTransform } from './feature-spec.ts';
import { requireFinite } from './fit-stats.ts';
import type { FittedTfidfStep } from './fitted-pipeline.ts';
import type { Cells } from './read-cell.ts';
import { tokenize } from './tokenize.ts';
import { vocabularyIndex, type VocabularyIndex } from './vocabulary-index.ts';

type TfidfTransform = Extract<FeatureTransform, { kind: 'tfidf' }>;

/**
 * TF-IDF as sklearn's TfidfVectorizer with its defaults (smooth_idf, norm 'l2', sublinear_tf off): the
 * vocabulary is the `maxVocab` terms found in the most training rows (ties by string order), listed in
 * string order like sklearn's columns; idf = ln((1 + n) / (1 + df)) + 1, where n counts every training row (a
 * missing text is an empty document).
 */
export function fitTfidf(transform: TfidfTransform, cells: Cells, rows: number): FittedTfidfStep {
  const documentFrequency = new Map<string, number>();
  for (let r = 0; r < rows; r++) {
    const cell = cells[r]!;
    if (cell === null) continue;
    for (const term of new Set(tokenize(cell))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const vocabulary = [...documentFrequency]
    .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
    .slice(0, transform.maxVocab)
    .map(([term]) => term)
    .sort(compare);
  const idf = vocabulary.map((term) =>
    requireFinite(
      Math.log((1 + rows) / (1 + documentFrequency.get(term)!)) + 1,
      `TF-IDF "${transform.column}"`,
    ),
  );
  return { kind: 'tfidf', column: transform.column, vocabulary, idf };
}

/**
 * The step's {@link Applier}: term count × idf per vocabulary term, each row scaled to unit length (a row with
 * no known term, or a missing text, stays all zeros).
 */
export function tfidfApplier(step: FittedTfidfStep): Applier {
  const vocabulary = vocabularyIndex(step.vocabulary);
  const idf = step.idf;
  // Term counts of the current row, and which terms it touched (in order of first use, so that the sum of
  // squares is always added up in the same order); only touched slots are read, then cleared again.
  const counts = new Float64Array(step.vocabulary.length);
  const touched = new Int32Array(step.vocabulary.length);
  let distinct = 0;
  const count = (i: number): void => {
    if (i < 0) return;
    if (counts[i] === 0) touched[distinct++] = i;
    counts[i]!++;
  };
  return (cells, from, to, out, cols, offset) => {
    for (let r = from, at = from * cols + offset; r < to; r++, at += cols) {
      const cell = cells[r]!;
      if (cell === null) continue;
      distinct = 0;
      const lower = cell.toLowerCase();
      if (!countAsciiTerms(lower, vocabulary, count)) {
        // Not ASCII: undo the partial count and take the general tokenizer's terms.
        for (let k = 0; k < distinct; k++) counts[touched[k]!] = 0;
        distinct = 0;
        for (const term of tokenize(cell)) count(vocabulary.find(term, 0, term.length));
      }
      let sumSquares = 0;
      for (let k = 0; k < distinct; k++) {
        const i = touched[k]!;
        const weight = counts[i]! * idf[i]!;
        sumSquares += weight * weight;
      }
      const norm = Math.sqrt(sumSquares);
      for (let k = 0; k < distinct; k++) {
        const i = touched[k]!;
        out[at + i] = (counts[i]! * idf[i]!) / norm;
        counts[i] = 0;
      }
    }
  };
}

/**
 * Counts the vocabulary terms of lowercased ASCII text in place, with the tokenizer's rule (runs of a-z and
 * 0-9, two or more long).
 *
 * @returns False, part way, at the first non-ASCII character: the caller then tokenizes in full.
 */
function countAsciiTerms(lower: string, vocabulary: VocabularyIndex, count: (i: number) => void): boolean {
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    if (code >= 128) return false;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) continue;
    if (i - start >= 2) count(vocabulary.find(lower, start, i));
    start = i + 1;
  }
  return true;
}

/** "review:refund", one per vocabulary term. */
export function tfidfOutputNames(step: FittedTfidfStep): string[] {
  return step.vocabulary.map((term) => `${step.column}:${term}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
