import type { z } from '../zod.ts';

/** One problem with a feature spec or a fitted pipeline, pointing at the field. */
export interface FeatureIssue {
  /** Dotted path: `transforms.2.topK`, `steps.0.fill`, or `(root)`. */
  field: string;
  message: string;
}

/** A feature spec or fitted pipeline that does not match its schema. `message` lists every issue, one per line. */
export class FeatureValidationError extends Error {
  override readonly name = 'FeatureValidationError';
  constructor(
    /** What was checked, for the message: "Feature spec", "Fitted pipeline". */
    readonly subject: string,
    readonly issues: FeatureIssue[],
  ) {
    super(issues.map((issue) => `${subject}, field ${issue.field}: ${issue.message}`).join('\n'));
  }
}

/** zod's issues as {@link FeatureIssue}s. */
export function toFeatureIssues(issues: readonly z.core.$ZodIssue[]): FeatureIssue[] {
  return issues.map((issue) => ({
    field: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
