/** numpy's PW_BLOCKSIZE: below it a block is summed with eight running accumulators. */
const BLOCK = 128;
/** numpy's unroll width. */
const LANES = 8;

/**
 * The sum of `values[from] … values[to − 1]` by numpy's pairwise summation (`np.sum` on a contiguous float64
 * array, numpy 1.24: `pairwise_sum_DOUBLE`), step for step. Every statistic the drift oracle sums (PSI terms,
 * Wasserstein steps, means, the Jensen–Shannon and chi-square terms) then lands on the double scipy prints,
 * not merely within a few roundings of it.
 *
 * @example
 * pairwiseSum([0.1, 0.2, 0.3]); // 0.6000000000000001, as np.sum([0.1, 0.2, 0.3])
 */
export function pairwiseSum(values: ArrayLike<number>, from = 0, to = values.length): number {
  const n = to - from;
  if (n < LANES) {
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i]!;
    return sum;
  }
  if (n <= BLOCK) {
    const r = Array.from({ length: LANES }, (_, j) => values[from + j]!);
    let i = from + LANES;
    for (const end = to - (n % LANES); i < end; i += LANES) {
      for (let j = 0; j < LANES; j++) r[j]! += values[i + j]!;
    }
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < to; i++) sum += values[i]!;
    return sum;
  }
  // Split on a multiple of the unroll width, as numpy does, so the blocks are the same blocks.
  let half = Math.floor(n / 2);
  half -= half % LANES;
  return pairwiseSum(values, from, from + half) + pairwiseSum(values, from + half, to);
}

/**
 * numpy's `mean`: the pairwise sum divided by the count. NaN for no values.
 *
 * @example
 * pairwiseMean([1, 2, 4]); // 2.3333333333333335
 */
export function pairwiseMean(values: ArrayLike<number>): number {
  return values.length === 0 ? NaN : pairwiseSum(values) / values.length;
}

/**
 * numpy's `std(values, ddof)`: the root of the pairwise sum of squared deviations from {@link pairwiseMean},
 * divided by n − ddof. NaN when n ≤ ddof.
 *
 * @example
 * standardDeviation([1, 2, 3, 4], 1); // 1.2909944487358056 (sample std, as pandas)
 * standardDeviation([1, 2, 3, 4], 0); // 1.118033988749895 (population std, numpy's default)
 */
export function standardDeviation(values: ArrayLike<number>, ddof: 0 | 1): number {
  const n = values.length;
  if (n <= ddof) return NaN;
  const mean = pairwiseMean(values);
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    squares[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(squares) / (n - ddof));
}
