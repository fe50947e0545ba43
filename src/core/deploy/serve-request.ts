import { sameDecision, type ChallengerRequest } from './canary-step.ts';
import type { ServedOutput } from './realised-metric.ts';
import { routeRequest, type Strategy } from './strategy.ts';

export type Arm = 'champion' | 'challenger';

/** One model's answer to one request: its output, or why there is none, and the time it took. */
export interface ArmAnswer {
  output?: ServedOutput;
  /** The model failed (an exception while scoring). */
  error?: string;
  /** The model's recipe drops this row: a valid non-answer, not an error. */
  dropped?: string;
  latencyMs: number;
}

/** Why a model scored the request: it answered it, it ran in the shadow, or it was scored only to compare. */
export type Role = 'served' | 'shadow' | 'comparison' | 'failed';

export interface RequestOutcome {
  /** What the caller gets: the arm that answered and its answer. Never a shadow's or a comparison's. */
  response: { arm: Arm; answer: ArmAnswer };
  /** Every model run for this request, for the prediction log. */
  log: { arm: Arm; role: Role; answer: ArmAnswer }[];
  /** For a canary's gates: what the challenger did, when it was routed this request. */
  challenger?: Omit<ChallengerRequest, 'truth'>;
}

/**
 * Serves one request under a strategy, with `score` running one model on it. The answer returned is always
 * the routed arm's, and if the challenger fails the champion answers instead (counted against the
 * challenger's error gate), so a bad canary costs no user an answer. In the shadow the challenger scores
 * every request and is only logged; in a canary the champion also scores the challenger's requests, so the
 * agreement gate compares the two on the same inputs.
 */
export function serveRequest(
  strategy: Strategy,
  key: string,
  score: (arm: Arm) => ArmAnswer,
): RequestOutcome {
  const route = routeRequest(strategy, key);
  const log: RequestOutcome['log'] = [];
  let response: RequestOutcome['response'];
  let challenger: RequestOutcome['challenger'];
  if (route.serve === 'challenger') {
    const answer = score('challenger');
    if (answer.error !== undefined) {
      log.push({ arm: 'challenger', role: 'failed', answer });
      const fallback = score('champion');
      log.push({ arm: 'champion', role: 'served', answer: fallback });
      response = { arm: 'champion', answer: fallback };
      challenger = { latencyMs: answer.latencyMs, error: true };
    } else {
      log.push({ arm: 'challenger', role: 'served', answer });
      response = { arm: 'challenger', answer };
      challenger = { latencyMs: answer.latencyMs, error: false };
      if (strategy.kind === 'canary') {
        const champion = score('champion');
        log.push({ arm: 'champion', role: 'comparison', answer: champion });
        if (answer.output && champion.output)
          challenger.agrees = sameDecision(answer.output, champion.output);
      }
      if (answer.output) challenger.output = answer.output;
    }
  } else {
    const answer = score('champion');
    log.push({ arm: 'champion', role: 'served', answer });
    response = { arm: 'champion', answer };
  }
  if (route.shadow) log.push({ arm: 'challenger', role: 'shadow', answer: score('challenger') });
  return challenger ? { response, log, challenger } : { response, log };
}
