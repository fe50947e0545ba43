import { describe, expect, it } from 'vitest';
import {
  routeHash,
  serveRequest,
  type Arm,
  type ArmAnswer,
  type Strategy,
} from '../../../src/core/deploy/index.ts';

/** Two models that always disagree, so any leak of the challenger's answer shows. */
const answers: Record<Arm, ArmAnswer> = {
  champion: { output: { label: 'champion-says-no', score: 0.1 }, latencyMs: 1 },
  challenger: { output: { label: 'challenger-says-yes', score: 0.9 }, latencyMs: 2 },
};

function run(strategy: Strategy, key: string, overrides: Partial<Record<Arm, ArmAnswer>> = {}) {
  const calls: Arm[] = [];
  const outcome = serveRequest(strategy, key, (arm) => {
    calls.push(arm);
    return overrides[arm] ?? answers[arm];
  });
  return { outcome, calls };
}

describe('serveRequest', () => {
  it('shadow: the challenger scores every one of 2,000 requests and its output is never returned', () => {
    for (let i = 0; i < 2000; i++) {
      const { outcome, calls } = run({ kind: 'shadow' }, `customer-${i}`);
      expect(outcome.response).toEqual({ arm: 'champion', answer: answers.champion });
      expect(JSON.stringify(outcome.response)).not.toContain('challenger-says-yes');
      expect(calls.sort()).toEqual(['challenger', 'champion']);
      expect(outcome.log.map((e) => `${e.arm}:${e.role}`)).toEqual(['champion:served', 'challenger:shadow']);
      expect(outcome.log[1]!.answer).toBe(answers.challenger);
      expect(outcome.challenger).toBeUndefined();
    }
  });

  it('canary: the hashed key picks the arm; the champion also scores the challenger’s requests for agreement', () => {
    const strategy: Strategy = { kind: 'canary', share: 0.25, seed: 7 };
    let toChallenger = 0;
    for (let i = 0; i < 1000; i++) {
      const key = `k${i}`;
      const { outcome } = run(strategy, key);
      const expected: Arm = routeHash(key, 7) < 0.25 ? 'challenger' : 'champion';
      expect(outcome.response.arm).toBe(expected);
      expect(outcome.response.answer).toBe(answers[expected]);
      if (expected === 'challenger') {
        toChallenger++;
        expect(outcome.log.map((e) => `${e.arm}:${e.role}`)).toEqual([
          'challenger:served',
          'champion:comparison',
        ]);
        expect(outcome.challenger).toEqual({
          latencyMs: 2,
          error: false,
          agrees: false,
          output: answers.challenger.output,
        });
      } else expect(outcome.log).toHaveLength(1);
    }
    expect(toChallenger).toBeGreaterThan(0);
  });

  it('a failing challenger costs the user nothing: the champion answers and the error counts against the challenger', () => {
    const strategy: Strategy = { kind: 'canary', share: 1, seed: 1 };
    const { outcome } = run(strategy, 'any', { challenger: { error: 'boom', latencyMs: 3 } });
    expect(outcome.response).toEqual({ arm: 'champion', answer: answers.champion });
    expect(outcome.challenger).toEqual({ latencyMs: 3, error: true });
    expect(outcome.log.map((e) => e.role)).toEqual(['failed', 'served']);
  });

  it('blue-green and single serve the champion alias alone', () => {
    for (const strategy of [{ kind: 'single' }, { kind: 'blue-green', live: 'champion' }] as Strategy[]) {
      const { outcome, calls } = run(strategy, 'x');
      expect(outcome.response.arm).toBe('champion');
      expect(calls).toEqual(['champion']);
    }
  });
});
