import { describeIssue } from '../project-file/describe-issue.ts';
import { BundleError } from './bundle-error.ts';
import { modelBundleSchema } from './bundle-schema.ts';
import { BUNDLE_SCHEMA_VERSION, type ModelBundle } from './model-bundle.ts';

/**
 * Brings an older bundle's JSON to the current schema. Append-only, one step per version: 1 → 2 changes
 * nothing but the number, since version 2 only added optional fields.
 */
export function upgradeBundle(raw: unknown): unknown {
  const header = raw as { schemaVersion?: unknown } | null;
  if (header && typeof header === 'object' && header.schemaVersion === 1)
    return { ...header, schemaVersion: BUNDLE_SCHEMA_VERSION };
  return raw;
}

/**
 * Checks untrusted JSON (an imported bundle.json, a stored record, a freshly built bundle) against the bundle
 * schema, including the fitted pipeline's own consistency checks (the schema `parseFittedPipeline` uses).
 *
 * @param source Names the origin in messages, e.g. "bundle.json".
 * @returns The bundle with unknown keys dropped.
 * @throws BundleError('invalid') naming the first wrong field: "bundle.json: field 'model.weights[0].values'
 *   must hold as many numbers as the product of its shape".
 */
export function parseBundle(raw: unknown, source = 'bundle.json'): ModelBundle {
  raw = upgradeBundle(raw);
  const parsed = modelBundleSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
  throw new BundleError('invalid', `${source}: ${describeIssue(issue, raw)}${more}.`);
}
