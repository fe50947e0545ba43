/**
 * JSON for records that may hold NaN or ±Infinity (a metric that is undefined for one class, a loss that
 * diverged). Plain JSON turns them into `null`, which would change the data and then fail validation on
 * import, so they travel as `{"$nonFinite": "NaN"}` and are revived on read.
 */

const TAG = '$nonFinite';
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/** `JSON.stringify` that keeps NaN and ±Infinity. */
export function stringifyRecords(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { [TAG]: String(v) } : v,
  );
}

/** `JSON.parse` that revives what `stringifyRecords` wrote. Throws SyntaxError on malformed JSON. */
export function parseRecords(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tag = (v as Record<string, unknown>)[TAG];
      if (keys.length === 1 && typeof tag === 'string' && NON_FINITE.has(tag)) return Number(tag);
    }
    return v;
  });
}
