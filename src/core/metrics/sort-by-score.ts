/**
 * Row indices ordered by score, ascending or descending. Ties keep row order (the sort is stable), though
 * nothing here depends on the order within a tie: every ranking metric treats a tie block as one step.
 */
export function sortByScore(score: ArrayLike<number>, descending: boolean): Uint32Array {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return descending
    ? order.sort((a, b) => score[b]! - score[a]!)
    : order.sort((a, b) => score[a]! - score[b]!);
}
