import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from '../recipe/canonical-json.ts';
import type { FittedPipeline } from './fitted-pipeline.ts';

/**
 * The fitted pipeline's content version: SHA-256 (hex) of its canonical JSON, as `recipeVersion` does for
 * recipes. Key order does not change it; any learned value, spec choice or feature name does. Runs and
 * model versions record it, so a prediction can be traced to the exact features it saw.
 *
 * @example
 * pipelineVersion(fitted); // '3b9c…' (64 hex digits), the same on every machine
 */
export function pipelineVersion(fitted: FittedPipeline): string {
  return bytesToHex(sha256(new TextEncoder().encode(canonicalJson(fitted))));
}
