import type { NumberScratch } from './number-scratch.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Below this, the built-in sort wins: the radix sort's four 64 Ki-entry count tables cost more than they save. */
const RADIX_MIN = 4096;
const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * An ascending copy of `values` (which must hold no NaN). A least-significant-digit radix sort on the bits
 * of the doubles, flipped so that unsigned order is numeric order: four passes of 16 bits, skipping the
 * passes where every value has the same digit. About 5× faster than `Float64Array.prototype.sort` on a
 * million values, and the profile sorts every numeric column once. -0 sorts before 0, as with the built-in.
 *
 * @param scratch Buffers to sort in (see NumberScratch); the result is then a view of one of them, valid
 *   until the scratch is used again.
 * @example
 * sortNumbers(Float64Array.of(3, -1, 2.5)); // Float64Array [-1, 2.5, 3]
 */
export function sortNumbers(values: Float64Array, scratch?: NumberScratch): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return values.slice().sort();
  const fits = scratch !== undefined && scratch.capacity >= n;
  let keys = fits ? scratch.keys.subarray(0, 2 * n) : new Uint32Array(2 * n);
  let spare = fits ? scratch.spare.subarray(0, 2 * n) : new Uint32Array(2 * n);
  new Float64Array(keys.buffer, keys.byteOffset, n).set(values);
  // Negative doubles: flip every bit (larger magnitude, smaller number). Others: set the sign bit.
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = keys[i + 1]!;
    if (hi >>> 31) {
      keys[i] = ~keys[i]!;
      keys[i + 1] = ~hi;
    } else {
      keys[i + 1] = (hi | 0x8000_0000) >>> 0;
    }
  }
  const counts = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1; // 0: low 32 bits, 1: high 32 bits
    const shift = (pass & 1) * DIGIT_BITS;
    counts.fill(0);
    for (let i = word; i < 2 * n; i += 2) counts[(keys[i]! >>> shift) & 0xffff]!++;
    if (counts[(keys[word]! >>> shift) & 0xffff] === n) continue; // one digit for all: nothing to move
    let total = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const count = counts[d]!;
      counts[d] = total;
      total += count;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const at = counts[(keys[i + word]! >>> shift) & 0xffff]!++ * 2;
      spare[at] = keys[i]!;
      spare[at + 1] = keys[i + 1]!;
    }
    [keys, spare] = [spare, keys];
  }
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = keys[i + 1]!;
    if (hi >>> 31) {
      keys[i + 1] = (hi & 0x7fff_ffff) >>> 0;
    } else {
      keys[i] = ~keys[i]!;
      keys[i + 1] = ~hi;
    }
  }
  return new Float64Array(keys.buffer, keys.byteOffset, n);
}
