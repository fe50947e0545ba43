import type { GbdtEarlyStopping } from './gbdt-params.ts';

/** Tracks the best iteration of a fit and says when to stop. */
export interface EarlyStopper {
  /** The iteration whose trees to keep: the best so far, or the latest without early stopping. */
  readonly bestIteration: number;
  /** Records an iteration's validation loss; true when `patience` iterations have passed without a better one. */
  observe(iteration: number, validationLoss: number | undefined): boolean;
}

/**
 * Early stopping on the validation loss: an iteration improves when its loss is below the best by more
 * than `tol`, and the fit stops after `patience` iterations without one (sklearn's n_iter_no_change and
 * tol, except that the best iteration's trees are kept, not the last's). The loss before any tree is the
 * first best, so a fit whose first trees only hurt keeps none.
 *
 * @param settings null (or no validation loss) keeps every iteration and never stops.
 */
export function earlyStopper(
  settings: GbdtEarlyStopping | null,
  initialLoss: number | undefined,
): EarlyStopper {
  let bestLoss = initialLoss ?? Infinity;
  let bestIteration = 0;
  let sinceBest = 0;
  return {
    get bestIteration() {
      return bestIteration;
    },
    observe(iteration, loss) {
      if (!settings || loss === undefined) {
        bestIteration = iteration;
        return false;
      }
      if (loss < bestLoss - settings.tol) {
        bestLoss = loss;
        bestIteration = iteration;
        sinceBest = 0;
        return false;
      }
      return ++sinceBest >= settings.patience;
    },
  };
}
