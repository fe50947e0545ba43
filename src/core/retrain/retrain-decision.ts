import { compareChallenger } from '../evaluate/champion-challenger.ts';
import { formatNumber } from '../evaluate/format-number.ts';
import { metricLabel } from '../evaluate/metric-label.ts';
import { metricInfo, type ProblemCard } from '../problem/problem-card.ts';
import type { NewDataReport } from './new-data-report.ts';
import type { RetrainComparison, RetrainDecision } from './retrain-outcome.ts';

export interface RetrainComparisonInput {
  /** The champion's problem card: its metric, and its target as the absolute bar. */
  problem: ProblemCard;
  /** Both models' metrics on the same sealed test rows. */
  champion: Record<string, number>;
  challenger: Record<string, number>;
  testRows: number;
  minImprovement?: { absolute?: number; relative?: number };
  paired?: RetrainComparison['paired'];
}

/**
 * The stage-5 promotion rules applied to a retrained challenger (LIFECYCLE §8, steps 5 and 6), with
 * `compareChallenger`: strictly better than the champion on the problem's metric, at or past the problem
 * card's bar, by at least the minimum improvement when one is given, and significant by the corrected
 * paired t-test when per-seed scores are given. Every check must pass to promote.
 *
 * @returns The comparison with its checks, and the decision with its one-line reason.
 * @example
 * decideRetrain({ problem, champion: { roc_auc: 0.81 }, challenger: { roc_auc: 0.86 }, testRows: 150 });
 * // decision.action 'promote' when the card's bar is ≤ 0.86
 */
export function decideRetrain(input: RetrainComparisonInput): {
  comparison: RetrainComparison;
  decision: RetrainDecision;
} {
  const { problem, minImprovement, paired } = input;
  const metric = problem.metric.name;
  const higherIsBetter = metricInfo(problem.taskType, metric)?.higherIsBetter ?? true;
  const champion = input.champion[metric] ?? NaN;
  const challenger = input.challenger[metric] ?? NaN;
  const judged = {
    metric,
    higherIsBetter,
    champion,
    challenger,
    absoluteBar: problem.metric.target,
    ...(minImprovement ? { minImprovement } : {}),
    ...(paired ? { paired } : {}),
  };
  const verdict = compareChallenger(judged);
  const comparison: RetrainComparison = { ...judged, ...verdict };
  const label = metricLabel(metric);
  const scores = `challenger ${label} ${formatNumber(challenger)}, champion ${formatNumber(champion)} on the same ${input.testRows} sealed test rows`;
  if (verdict.promote) {
    return {
      comparison,
      decision: {
        action: 'promote',
        reason: `Promote: ${scores}, and every check passed; deploy it as challenger in shadow or canary.`,
      },
    };
  }
  const failed = verdict.checks.filter((c) => !c.passed).map((c) => c.detail);
  const reason = `Keep the champion: ${failed.join('; ')} (${scores}).`;
  return {
    comparison,
    decision: { action: 'keep', reason, alert: { kind: 'retrain-kept-champion', message: reason } },
  };
}

/** The decision when the new data failed validation: nothing is trained, the champion stays. */
export function blockedDecision(report: NewDataReport): RetrainDecision {
  const first = report.errors[0]?.message ?? 'the new data failed validation.';
  const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more errors)` : '';
  const reason = `Keep the champion: the new data failed validation: ${first}${more}`;
  return { action: 'keep', reason, alert: { kind: 'retrain-blocked', message: reason } };
}
