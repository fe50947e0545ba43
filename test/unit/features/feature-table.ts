import type { FeatureMatrix } from '../../../src/core/features/transform.ts';
import type { PreparedTable } from '../../../src/core/recipe/prepared-table.ts';

/** A prepared table from named columns of cells (null = missing). */
export function preparedTable(columns: Record<string, (string | null)[]>): PreparedTable {
  const names = Object.keys(columns);
  return { names, columns: names.map((name) => columns[name]!), types: names.map(() => null) };
}

/** The matrix as rows of plain numbers, for readable expectations. */
export function matrixRows(matrix: FeatureMatrix): number[][] {
  return Array.from({ length: matrix.rows }, (_, r) =>
    Array.from(matrix.values.subarray(r * matrix.cols, (r + 1) * matrix.cols)),
  );
}

/** One feature column of the matrix, by index. */
export function matrixColumn(matrix: FeatureMatrix, c: number): number[] {
  return Array.from({ length: matrix.rows }, (_, r) => matrix.values[r * matrix.cols + c]!);
}

/** The raw bytes of a matrix, for bit-for-bit comparison (NaN and -0 included). */
export function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Expects `actual` to equal `expected` after rounding each to float32, as the features are stored. */
export function float32(expected: number[]): number[] {
  return expected.map((value) => Math.fround(value));
}
