import type { RawTable } from './raw-table.ts';

/** Joins a dataset's column-major chunks, in order, into one table. */
export function concatChunks(names: readonly string[], chunks: readonly (readonly string[][])[]): RawTable {
  const columns = names.map((_, c) => {
    const out: string[] = [];
    for (const chunk of chunks) {
      const part = chunk[c] ?? [];
      for (let r = 0; r < part.length; r++) out.push(part[r]!);
    }
    return out;
  });
  return { names: [...names], columns };
}
