import type { ModelBundle } from './model-bundle.ts';

/**
 * The raw column names a request to this bundle carries, in signature order: what the recipe expects before
 * it runs (not the pipeline's inputs, which are what is left after it).
 */
export function bundleColumns(bundle: ModelBundle): string[] {
  return bundle.signature.columns.map((column) => column.name);
}

/** The required columns of the bundle's signature that a file with these column names lacks. */
export function missingRequiredColumns(bundle: ModelBundle, names: readonly string[]): string[] {
  return bundle.signature.columns.filter((c) => c.required && !names.includes(c.name)).map((c) => c.name);
}
