import type { z } from '../zod.ts';

const ARTICLE_TYPES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/**
 * Turns one zod issue into words a person can act on, naming the field: "field 'rowCount' must be a number".
 * `value` is the record that failed, used to tell a missing field from a wrongly typed one (zod reports both
 * as `invalid_type`).
 *
 * @example describeIssue({ code: 'invalid_type', expected: 'number', path: ['rowCount'], ... }, { rowCount: 'x' })
 * // "field 'rowCount' must be a number"
 */
export function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const subject = issue.path.length === 0 ? 'the record' : `field '${formatPath(issue.path)}'`;
  return `${subject} ${describeProblem(issue, valueAt(value, issue.path))}`;
}

function describeProblem(issue: z.core.$ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return 'is missing';
      return `must be ${ARTICLE_TYPES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'number') {
        return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`;
      }
      return issue.message;
    default:
      // Custom checks carry their own wording ("must be 64 lowercase hex digits").
      return issue.message;
  }
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
