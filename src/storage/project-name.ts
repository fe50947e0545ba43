/** The longest project name, in UTF-16 code units: long enough to describe, short enough for a title bar. */
export const PROJECT_NAME_MAX_LENGTH = 120;

/** A project name that breaks the naming rules; the message says which. */
export class ProjectNameError extends Error {
  override readonly name = 'ProjectNameError';
}

/**
 * Checks a project name and returns it trimmed. Throws ProjectNameError when it is empty after trimming or
 * longer than 120 characters.
 *
 * @example validateProjectName('  Churn  ') // 'Churn'
 */
export function validateProjectName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new ProjectNameError('A project name cannot be empty.');
  if (trimmed.length > PROJECT_NAME_MAX_LENGTH) {
    throw new ProjectNameError(
      `A project name can be at most ${PROJECT_NAME_MAX_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  }
  return trimmed;
}

/**
 * The name an imported project gets: its own if free, else suffixed " (imported)", then " (imported 2)",
 * " (imported 3)", ... The name is shortened first where the suffix would push it over 120 characters.
 *
 * @example importedProjectName('Churn', new Set(['Churn'])) // 'Churn (imported)'
 */
export function importedProjectName(name: string, taken: ReadonlySet<string>): string {
  const fit = (suffix: string) =>
    `${name
      .trim()
      .slice(0, PROJECT_NAME_MAX_LENGTH - suffix.length)
      .trimEnd()}${suffix}`;
  let candidate = fit('');
  for (let n = 1; taken.has(candidate); n++) candidate = fit(n === 1 ? ' (imported)' : ` (imported ${n})`);
  return candidate;
}
