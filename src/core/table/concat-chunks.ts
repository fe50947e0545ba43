import type { RawTable } from './raw-table.ts';

/**
 * Joins a dataset's column-major chunks, in order, into one table. Each column is filled in place at its
 * final length: pushing a million cells one by one regrew the array about 30 times (issue 18's profile of
 * `looplab profile` put 0.9 s of 7.8 s here).
 */
export function concatChunks(names: readonly string[], chunks: readonly (readonly string[][])[]): RawTable {
  const columns = names.map((_, c) => {
    let total = 0;
    for (const chunk of chunks) total += chunk[c]?.length ?? 0;
    const out = new Array<string>(total);
    let at = 0;
    for (const chunk of chunks) {
      const part = chunk[c] ?? [];
      for (let r = 0; r < part.length; r++) out[at++] = part[r]!;
    }
    return out;
  });
  return { names: [...names], columns };
}
