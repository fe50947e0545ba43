import { describe, expect, it } from 'vitest';
import { checkExperimentData, noScoredModelError } from '../../../src/core/experiment/index.ts';

const sizes = (train: number, validation: number, test: number, cols = 3) => ({
  cols,
  train: { rows: train },
  validation: { rows: validation },
  test: { rows: test },
  excluded: { missingTarget: 0, droppedByRecipe: 0, unknownClass: 0 },
});

describe('the checks before looplab run trains', () => {
  it('names the split sizes when a set is empty', () => {
    expect(() => checkExperimentData(sizes(1, 0, 0) as never)).toThrow(
      'Too few rows to train and evaluate: the split gave 1 training, 0 validation and 0 test rows.',
    );
    expect(() => checkExperimentData(sizes(4, 1, 1) as never)).not.toThrow();
  });

  it('names the dropped columns when no feature is left', () => {
    expect(() => checkExperimentData(sizes(40, 10, 10, 0) as never, ['id'])).toThrow(
      'No feature is left to train on: every column other than the target was dropped ("id").',
    );
  });

  it('explains an unscorable validation set with its size', () => {
    expect(noScoredModelError(sizes(4, 1, 1) as never, 'roc_auc').message).toBe(
      'No model could be chosen: the validation roc_auc is undefined for every trial on 1 validation row ' +
        '(the split gave 4 training, 1 validation and 1 test rows). Use a file with more rows.',
    );
  });
});
