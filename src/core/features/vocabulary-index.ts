/**
 * Finds a term of a fixed vocabulary inside a larger text without cutting it out: an open-addressing hash
 * table over the terms (FNV-1a on UTF-16 code units), probed with the hash of text[start, end) and confirmed
 * with `startsWith`. TF-IDF looks up every token of every row; doing it in place spares a string allocation
 * and hashing per token, the main cost of transforming text.
 */
export interface VocabularyIndex {
  /** The index of the term equal to text[start, end) in the vocabulary, or −1. */
  find(text: string, start: number, end: number): number;
}

/** Builds a {@link VocabularyIndex} over `vocabulary` (distinct terms). */
export function vocabularyIndex(vocabulary: readonly string[]): VocabularyIndex {
  let size = 16;
  while (size < vocabulary.length * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  vocabulary.forEach((term, i) => {
    let slot = hashOf(term, 0, term.length) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = i;
  });
  return {
    find(text, start, end) {
      let slot = hashOf(text, start, end) & mask;
      for (;;) {
        const i = slots[slot]!;
        if (i === -1) return -1;
        const term = vocabulary[i]!;
        if (term.length === end - start && text.startsWith(term, start)) return i;
        slot = (slot + 1) & mask;
      }
    },
  };
}

function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
