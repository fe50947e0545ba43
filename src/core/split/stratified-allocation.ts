import { splitSizes } from './split-sizes.ts';

const EPSILON = 1e-9;

/**
 * How many rows of each class go to each set, so that both hold at once:
 * - every set gets exactly its overall size (`splitSizes(total, fractions)`);
 * - every class's count in every set is ⌊n_k·f_s⌋ or ⌈n_k·f_s⌉, i.e. within 1 row of its exact share.
 *
 * This is controlled rounding of the class × set table n_k·f_s. Each class first rounds its own row by largest
 * remainder; then, while a set holds more than its size, one row's worth moves along a shortest chain of sets
 * (class k1 gives a unit from set a to b, class k2 from b to c, ...) where each class trades a rounded-up
 * cell for a rounded-down one: an augmenting path in the flow network of classes and sets, which always
 * exists because the fractional table itself is a feasible flow. Each move picks the class that loses the
 * least fractional part (ties to the lower class index), so the result is deterministic.
 *
 * @param counts Rows per class.
 * @returns `allocation[k][s]`.
 */
export function allocateStratified(counts: readonly number[], fractions: readonly number[]): number[][] {
  const sets = fractions.length;
  const total = counts.reduce((a, b) => a + b, 0);
  const targets = splitSizes(total, fractions);
  const floors: number[][] = [];
  const remainders: number[][] = [];
  const allocation = counts.map((n, k) => {
    const exact = fractions.map((f) => n * f);
    floors[k] = exact.map((x) => Math.floor(x + EPSILON));
    remainders[k] = exact.map((x, s) => Math.max(0, x - floors[k]![s]!));
    return splitSizes(n, fractions);
  });
  const surplus = targets.map((target, s) => allocation.reduce((sum, row) => sum + row[s]!, 0) - target);

  for (let guard = 0; surplus.some((x) => x > 0); guard++) {
    if (guard > total + sets) throw new Error('allocateStratified: no augmenting path (a bug)');
    const moves = bestMoves(allocation, floors, remainders, sets);
    const path = shortestPath(moves, surplus, sets);
    for (const { from, to, k } of path) {
      allocation[k]![from]!--;
      allocation[k]![to]!++;
    }
    surplus[path[0]!.from]!--;
    surplus[path.at(-1)!.to]!++;
  }
  return allocation;
}

interface Move {
  from: number;
  to: number;
  k: number;
}

/** For each ordered pair of sets, the class that can best move a unit from the first to the second. */
function bestMoves(
  allocation: number[][],
  floors: number[][],
  remainders: number[][],
  sets: number,
): (Move | null)[][] {
  const best: (Move | null)[][] = Array.from({ length: sets }, () => new Array<Move | null>(sets).fill(null));
  const loss: number[][] = Array.from({ length: sets }, () => new Array<number>(sets).fill(Infinity));
  allocation.forEach((row, k) => {
    for (let from = 0; from < sets; from++) {
      if (row[from]! <= floors[k]![from]!) continue;
      for (let to = 0; to < sets; to++) {
        // A cell may round up only if it has a fractional part, and only once.
        if (to === from || row[to]! > floors[k]![to]! || remainders[k]![to]! <= 0) continue;
        const cost = remainders[k]![from]! - remainders[k]![to]!;
        if (cost < loss[from]![to]!) {
          loss[from]![to] = cost;
          best[from]![to] = { from, to, k };
        }
      }
    }
  });
  return best;
}

/** Breadth-first from a set with surplus to the nearest set with a deficit, over the available moves. */
function shortestPath(moves: (Move | null)[][], surplus: number[], sets: number): Move[] {
  const start = surplus.findIndex((x) => x > 0);
  const via = new Array<Move | null>(sets).fill(null);
  const seen = new Array<boolean>(sets).fill(false);
  seen[start] = true;
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (let to = 0; to < sets; to++) {
      const move = moves[at]![to];
      if (seen[to] || !move) continue;
      seen[to] = true;
      via[to] = move;
      if (surplus[to]! < 0) {
        const path: Move[] = [];
        for (let node = to; node !== start; node = via[node]!.from) path.unshift(via[node]!);
        return path;
      }
      queue.push(to);
    }
  }
  throw new Error('allocateStratified: no augmenting path (a bug)');
}
