import type { CardBlock } from './card-blocks.ts';
import { modelCardBlocks } from './model-card-blocks.ts';
import type { ModelCardData } from './model-card-data.ts';

/**
 * The model card as GitHub-flavoured Markdown. Every text is escaped: Markdown punctuation gets a backslash
 * (so `<script>` or `*bold*` in a column name is shown, not interpreted), `|` in table cells becomes `\|`
 * and line breaks become spaces, so each table row stays one valid row.
 */
export function modelCardMarkdown(card: ModelCardData): string {
  return modelCardBlocks(card).map(markdownBlock).join('\n\n') + '\n';
}

/**
 * The model card as one complete, printable HTML page: inline `<style>` only, no scripts and no external
 * resources, so it opens offline and prints as it looks. Every text is HTML-escaped.
 */
export function modelCardHtml(card: ModelCardData): string {
  const blocks = modelCardBlocks(card);
  const title = blocks[0]?.kind === 'heading' ? blocks[0].text : 'Model card';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
  h3 { font-size: 1.05rem; }
  table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
  th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #f2f2f2; }
  td { overflow-wrap: anywhere; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
</style>
</head>
<body>
${blocks.map(htmlBlock).join('\n')}
</body>
</html>
`;
}

/** Escapes text for HTML element content and attribute values alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes text for Markdown: a backslash before each character that could start markup, one line only. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|#~!]/g, '\\$&');
}

function markdownBlock(block: CardBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return escapeMarkdown(block.text);
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
      const lines = [row(block.header), `|${block.header.map(() => ' --- ').join('|')}|`];
      if (block.rows.length === 0) lines.push(row(block.header.map(() => '')));
      for (const r of block.rows) lines.push(row(r));
      return lines.join('\n');
    }
  }
}

function htmlBlock(block: CardBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `  <li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const cells = (tag: 'th' | 'td', row: string[]) =>
        `<tr>${row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
      return (
        `<table>\n<thead>${cells('th', block.header)}</thead>\n<tbody>\n` +
        block.rows.map((r) => cells('td', r)).join('\n') +
        `\n</tbody>\n</table>`
      );
    }
  }
}
