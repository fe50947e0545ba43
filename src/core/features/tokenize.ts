// Runs of letters and digits in any script. Unlike sklearn's \w, underscores and combining marks split tokens.
const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * The terms of a text for TF-IDF, in order, repeats kept: lowercased runs of letters and digits
 * (`/[\p{L}\p{N}]+/u`) at least two characters (code points) long, as sklearn's default token pattern keeps
 * only tokens of two or more.
 *
 * @example
 * tokenize('A cat, 2 CATS & the café!'); // ['cat', 'cats', 'the', 'café']
 */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  // Most text is ASCII, where the letters and digits are a-z and 0-9: scanning character codes gives the same
  // tokens as the regular expression without its match arrays.
  const tokens: string[] = [];
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    if (code >= 128) return unicodeTokens(lower);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) continue;
    if (i - start >= 2) tokens.push(lower.slice(start, i));
    start = i + 1;
  }
  return tokens;
}

function unicodeTokens(lower: string): string[] {
  const matches = lower.match(TOKEN);
  if (matches === null) return [];
  return matches.filter(isLongEnough);
}

function isLongEnough(token: string): boolean {
  if (token.length > 2) return true;
  if (token.length < 2) return false;
  // Two UTF-16 units may be one astral character (a surrogate pair), which is a single-character token.
  const first = token.charCodeAt(0);
  return first < 0xd800 || first > 0xdbff;
}
