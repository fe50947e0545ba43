/**
 * A tiny document model that the model card is written in once and rendered twice (Markdown and HTML), so
 * the two exports cannot drift apart. All text is plain: each renderer escapes it for its own format.
 */
export type CardBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };
