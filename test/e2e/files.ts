import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'looplab-files-'));

/** Writes a file of test input and returns its path. */
export function writeTemp(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * A numeric CSV whose every value is known: row r (0-based), column c holds `r * cols + c`. Row r's first
 * cell therefore tells which row the table shows.
 */
export function generatedCsv(rows: number, cols: number): string {
  const header = Array.from({ length: cols }, (_, c) => `col${c}`).join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) row.push(r * cols + c);
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
