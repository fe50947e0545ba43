import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json.ts';
import type { Recipe } from './recipe-step.ts';

/**
 * The recipe's content version: SHA-256 (hex) of its canonical JSON. Key order and whitespace do not change
 * it; any change to a step (ids included, since fitted values are keyed by them) does. A prepared dataset
 * version is the pair (raw dataset SHA-256, recipe version).
 *
 * @example
 * recipeVersion({ steps: [] }); // '8f1a…' (64 hex digits), the same on every machine
 */
export function recipeVersion(recipe: Recipe): string {
  return bytesToHex(sha256(new TextEncoder().encode(canonicalJson({ steps: recipe.steps }))));
}
