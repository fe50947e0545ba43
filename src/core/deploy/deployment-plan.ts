import { DEFAULT_GATES, judgeCanaryStep, type CanaryGates, type CanaryObservation } from './canary-gates.ts';
import { CANARY_STEPS, nextCanaryStep, type Strategy } from './strategy.ts';

/** How a project serves requests now (LIFECYCLE §6), as stored in its deployment record. */
export interface DeploymentPlan {
  strategy: Strategy;
  /** Canary only: the gates every step must pass, and when the current step began. */
  gates?: CanaryGates;
  stepStartedAt?: number;
}

export const SINGLE: DeploymentPlan = { strategy: { kind: 'single' } };

/** The aliases a plan works with: bundle ids, or null when the alias points nowhere. */
export interface AliasState {
  champion: string | null;
  challenger: string | null;
}

/** What the user (or a gate) asks of the deployment. */
export type DeploymentAction =
  | { kind: 'shadow' }
  | { kind: 'canary'; seed: number; gates?: CanaryGates }
  | { kind: 'blue-green-switch' }
  | { kind: 'rollback'; reason: string; previousChampion?: string | null }
  | { kind: 'canary-advance'; observed: CanaryObservation }
  | { kind: 'canary-promote'; observed: CanaryObservation }
  | { kind: 'canary-rollback'; observed: CanaryObservation; failed: string[] };

/** One deployment change: the new plan, the alias moves and the timeline entry, written as one transaction. */
export interface DeploymentChange {
  plan: DeploymentPlan;
  aliasMoves: { alias: 'champion' | 'challenger'; to: string | null }[];
  event: { kind: string; message: string; data: Record<string, unknown> };
}

export class DeploymentError extends Error {
  override readonly name = 'DeploymentError';
}

/**
 * The change an action makes, given the current plan and aliases. Pure, so every transition is unit-tested;
 * storage writes the result in one transaction, so a change is applied whole or not at all.
 *
 * - shadow and canary need a champion and a different challenger;
 * - a blue-green switch swaps the two aliases, so the previous champion stays loaded as the challenger;
 * - a canary that passes its 100% step is promoted the same way;
 * - rollback ends a shadow or canary (back to the champion alone), and otherwise points the champion back
 *   at `previousChampion` (the alias history's last move), keeping the rolled-back version as challenger.
 *
 * @param version Names a bundle id by its version number in messages.
 * @throws DeploymentError when the action cannot apply (no challenger, nothing to roll back to).
 */
export function planChange(
  plan: DeploymentPlan,
  aliases: AliasState,
  action: DeploymentAction,
  now: number,
  version: (bundleId: string | null) => string,
): DeploymentChange {
  const { champion, challenger } = aliases;
  const v = version;
  const needPair = () => {
    if (!champion) throw new DeploymentError('There is no champion: make a version the champion first.');
    if (!challenger || challenger === champion)
      throw new DeploymentError('Choose a challenger that is not the champion first.');
  };
  const swap: DeploymentChange['aliasMoves'] = [
    { alias: 'champion', to: challenger },
    { alias: 'challenger', to: champion },
  ];
  switch (action.kind) {
    case 'shadow':
      needPair();
      return {
        plan: { strategy: { kind: 'shadow' } },
        aliasMoves: [],
        event: {
          kind: 'deploy-shadow',
          message: `Shadow: ${v(challenger)} scores every request beside the champion ${v(champion)}; only the champion answers`,
          data: { champion, challenger },
        },
      };
    case 'canary': {
      needPair();
      const share = CANARY_STEPS[0]!;
      return {
        plan: {
          strategy: { kind: 'canary', share, seed: action.seed },
          gates: action.gates ?? DEFAULT_GATES,
          stepStartedAt: now,
        },
        aliasMoves: [],
        event: {
          kind: 'deploy-canary',
          message: `Canary: ${pct(share)} of requests to ${v(challenger)} (seed ${action.seed})`,
          data: { champion, challenger, share, seed: action.seed, gates: action.gates ?? DEFAULT_GATES },
        },
      };
    }
    case 'canary-advance': {
      const canary = canaryOf(plan);
      const share = nextCanaryStep(canary.share);
      if (share === null) throw new DeploymentError('The canary is already at 100%.');
      return {
        plan: { ...plan, strategy: { ...canary, share }, stepStartedAt: now },
        aliasMoves: [],
        event: {
          kind: 'canary-step',
          message: `Canary: gates passed at ${pct(canary.share)}, now ${pct(share)} of requests to ${v(challenger)}`,
          data: { from: canary.share, share, observed: { ...action.observed } },
        },
      };
    }
    case 'canary-promote':
      needPair();
      canaryOf(plan);
      return {
        plan: SINGLE,
        aliasMoves: swap,
        event: {
          kind: 'canary-promoted',
          message: `Canary passed every step: ${v(challenger)} is the champion; ${v(champion)} stays loaded as challenger`,
          data: { from: champion, to: challenger, observed: { ...action.observed } },
        },
      };
    case 'canary-rollback': {
      const canary = canaryOf(plan);
      return {
        plan: SINGLE,
        aliasMoves: [],
        event: {
          kind: 'deploy-rollback',
          message: `Automatic rollback at ${pct(canary.share)}: ${action.failed.join('; ')}. ${v(champion)} serves every request`,
          data: {
            automatic: true,
            share: canary.share,
            failed: action.failed,
            observed: { ...action.observed },
          },
        },
      };
    }
    case 'blue-green-switch':
      needPair();
      return {
        plan: { strategy: { kind: 'blue-green', live: 'champion' } },
        aliasMoves: swap,
        event: {
          kind: 'blue-green-switch',
          message: `Blue-green switch: ${v(challenger)} is live; ${v(champion)} stays loaded for rollback`,
          data: { from: champion, to: challenger },
        },
      };
    case 'rollback': {
      const kind = plan.strategy.kind;
      if (kind === 'shadow' || kind === 'canary')
        return {
          plan: SINGLE,
          aliasMoves: [],
          event: {
            kind: 'deploy-rollback',
            message: `Rollback (${action.reason}): ${kind} ended; ${v(champion)} serves every request`,
            data: { automatic: false, ended: kind, reason: action.reason },
          },
        };
      const previous = action.previousChampion ?? null;
      if (!previous || previous === champion)
        throw new DeploymentError('There is no earlier champion to roll back to.');
      return {
        plan: SINGLE,
        aliasMoves: [
          { alias: 'champion', to: previous },
          { alias: 'challenger', to: champion },
        ],
        event: {
          kind: 'deploy-rollback',
          message: `Rollback (${action.reason}): ${v(previous)} is the champion again; ${v(champion)} stays loaded as challenger`,
          data: { automatic: false, from: champion, to: previous, reason: action.reason },
        },
      };
    }
  }
}

/**
 * What a canary step's observations call for: nothing yet, the next step, promotion after the 100% step,
 * or an automatic rollback naming the failed gates.
 */
export function canaryDecision(plan: DeploymentPlan, observed: CanaryObservation): DeploymentAction | null {
  if (plan.strategy.kind !== 'canary') return null;
  const { verdict, failed } = judgeCanaryStep(observed, plan.gates ?? DEFAULT_GATES);
  if (verdict === 'rollback') return { kind: 'canary-rollback', observed, failed };
  if (verdict === 'wait') return null;
  return nextCanaryStep(plan.strategy.share) === null
    ? { kind: 'canary-promote', observed }
    : { kind: 'canary-advance', observed };
}

function canaryOf(plan: DeploymentPlan): Extract<Strategy, { kind: 'canary' }> {
  if (plan.strategy.kind !== 'canary') throw new DeploymentError('No canary is running.');
  return plan.strategy;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}
