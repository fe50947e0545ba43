export { isSealedTestSet, registerTestLook, sealSplit, testRowsHash } from './sealed-split.ts';
export type { SealedSplit } from './sealed-split.ts';
export { splitRows } from './split-rows.ts';
export type { RowSplit, SplitMethod, SplitOptions } from './split-rows.ts';
export { DEFAULT_SPLIT_FRACTIONS, normaliseFractions, splitSizes } from './split-sizes.ts';
export type { SplitFractions } from './split-sizes.ts';
export { allocateStratified } from './stratified-allocation.ts';
