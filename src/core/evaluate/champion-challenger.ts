import { correctedPairedTTest } from './corrected-t-test.ts';
import { formatNumber } from './format-number.ts';
import { metricLabel } from './metric-label.ts';

export interface ChallengerComparison {
  /** Metric key, e.g. 'roc_auc'; its label is used in the details. */
  metric: string;
  higherIsBetter: boolean;
  /** Both models' scores on the same sealed test set. */
  champion: number;
  challenger: number;
  /** The problem card's bar, which the challenger must reach (≥ for higher is better, ≤ otherwise). */
  absoluteBar?: number;
  /** The least improvement over the champion worth a promotion, as MLflow's MetricThreshold. */
  minImprovement?: { absolute?: number; relative?: number };
  /** Per-seed or per-fold scores for the Nadeau–Bengio corrected paired t-test. */
  paired?: { champion: number[]; challenger: number[]; testTrainRatio: number; alpha?: number };
}

export interface ComparisonCheck {
  name: string;
  passed: boolean;
  /** The check in words, with its numbers: "Challenger ROC AUC 0.861 ≥ bar 0.85". */
  detail: string;
}

export interface ChallengerDecision {
  /** True only when every check passed. */
  promote: boolean;
  checks: ComparisonCheck[];
}

/**
 * Whether a challenger should replace the champion (LIFECYCLE §5). Checks, each of which must pass:
 * 1. "better than champion": strictly better on the test set (a tie keeps the champion: a swap that gains
 *    nothing still costs a deployment);
 * 2. "absolute bar", when given: the challenger reaches the problem card's target;
 * 3. "minimum absolute improvement" / "minimum relative improvement", when given: improvement ≥ the minimum,
 *    where improvement is challenger − champion (champion − challenger for lower-is-better metrics), and
 *    relative improvement is that over |champion| (it fails when the champion is 0: undefined);
 * 4. "corrected paired t-test", when paired scores are given: one-sided p < alpha (default 0.05) that the
 *    challenger is better across seeds or folds.
 * A NaN score fails every check it takes part in.
 *
 * @example
 * compareChallenger({ metric: 'roc_auc', higherIsBetter: true, champion: 0.85, challenger: 0.861,
 *   absoluteBar: 0.85 }).promote; // true
 */
export function compareChallenger(options: ChallengerComparison): ChallengerDecision {
  const { metric, higherIsBetter, champion, challenger, absoluteBar, minImprovement, paired } = options;
  const label = metricLabel(metric);
  const f = (x: number) => formatNumber(x);
  const better = higherIsBetter ? '>' : '<';
  const reaches = higherIsBetter ? '≥' : '≤';
  const misses = higherIsBetter ? '<' : '>';
  const improvement = higherIsBetter ? challenger - champion : champion - challenger;
  const checks: ComparisonCheck[] = [];

  const isBetter = improvement > 0;
  checks.push({
    name: 'better than champion',
    passed: isBetter,
    detail: isBetter
      ? `Challenger ${label} ${f(challenger)} ${better} champion ${f(champion)}`
      : `Challenger ${label} ${f(challenger)} is not better than champion ${f(champion)}`,
  });

  if (absoluteBar !== undefined) {
    const passed = higherIsBetter ? challenger >= absoluteBar : challenger <= absoluteBar;
    checks.push({
      name: 'absolute bar',
      passed,
      detail: `Challenger ${label} ${f(challenger)} ${passed ? reaches : misses} bar ${f(absoluteBar)}`,
    });
  }

  if (minImprovement?.absolute !== undefined) {
    const min = minImprovement.absolute;
    const passed = improvement >= min;
    checks.push({
      name: 'minimum absolute improvement',
      passed,
      detail: `Improvement in ${label} ${f(improvement)} ${passed ? '≥' : '<'} minimum ${f(min)}`,
    });
  }

  if (minImprovement?.relative !== undefined) {
    const min = minImprovement.relative;
    const relative = improvement / Math.abs(champion);
    const passed = Number.isFinite(relative) && relative >= min;
    checks.push({
      name: 'minimum relative improvement',
      passed,
      detail: Number.isFinite(relative)
        ? `Relative improvement in ${label} ${f(relative * 100)}% ${passed ? '≥' : '<'} minimum ${f(min * 100)}%`
        : `Relative improvement in ${label} is undefined: the champion scored ${f(champion)}`,
    });
  }

  if (paired) {
    const alpha = paired.alpha ?? 0.05;
    // The test asks whether challenger − champion > 0; for a lower-is-better metric the improvement is the
    // other way round, so the roles are swapped.
    const test = correctedPairedTTest({
      champion: higherIsBetter ? paired.champion : paired.challenger,
      challenger: higherIsBetter ? paired.challenger : paired.champion,
      testTrainRatio: paired.testTrainRatio,
    });
    const passed = test.pOneSided < alpha;
    const stats = `mean improvement ${f(test.meanDifference)} over ${test.n} pairs, t = ${f(test.t)}, dof ${test.dof}`;
    checks.push({
      name: 'corrected paired t-test',
      passed,
      detail:
        (Number.isNaN(test.pOneSided)
          ? `${stats}, one-sided p undefined, so not significant at α ${f(alpha)}`
          : `${stats}, one-sided p = ${f(test.pOneSided)} ${passed ? '<' : '≥'} α ${f(alpha)}`) +
        (test.reason ? ` (${test.reason})` : ''),
    });
  }

  return { promote: checks.every((c) => c.passed), checks };
}
