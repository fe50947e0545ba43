// Input checks shared by the metrics. Each throws a RangeError that names the argument and the row, so a
// bad prediction array is reported where it happens and never turns into a silently wrong metric.

/** Throws unless `a` and `b` have the same length. */
export function checkSameLength(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  nameA: string,
  nameB: string,
): void {
  if (a.length !== b.length) {
    throw new RangeError(`${nameA} has ${a.length} rows but ${nameB} has ${b.length}.`);
  }
}

/** Throws unless `classes` is a whole number of classes, at least 1. */
export function checkClassCount(classes: number): void {
  if (!Number.isSafeInteger(classes) || classes < 1) {
    throw new RangeError(`classes must be a whole number ≥ 1, got ${classes}.`);
  }
}

/** Throws unless every value is a class index 0 … classes − 1. */
export function checkClassIndices(y: ArrayLike<number>, classes: number, name: string): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new RangeError(`${name}[${i}] is ${v}, but class indices run from 0 to ${classes - 1}.`);
    }
  }
}

/** Throws unless every value is 0 or 1. */
export function checkBinaryTruth(y: ArrayLike<number>, name: string): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) throw new RangeError(`${name}[${i}] is ${v}; expected 0 or 1.`);
  }
}

/** Throws unless every value is finite (no NaN, no ±Infinity). */
export function checkFinite(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!))
      throw new RangeError(`${name}[${i}] is ${values[i]}; expected a number.`);
  }
}

/** Throws unless every value is a probability in [0, 1]. */
export function checkProbabilities(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name}[${i}] is ${v}; expected a probability in [0, 1].`);
  }
}

/** The number of classes implied by label arrays: the largest index + 1, and at least 2. */
export function inferClassCount(...labelArrays: ArrayLike<number>[]): number {
  let max = 1;
  for (const labels of labelArrays) {
    for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  }
  return max + 1;
}
