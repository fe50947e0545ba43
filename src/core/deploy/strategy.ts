import { routeHash } from './route-hash.ts';

/** The canary's steps (LIFECYCLE §6): the share of requests the challenger serves. */
export const CANARY_STEPS: readonly number[] = [0.05, 0.25, 0.5, 1];

/** How a deployment splits requests between the champion and the challenger. */
export type Strategy =
  | { kind: 'single' }
  /** The champion answers; the challenger scores every request too, logged and never returned. */
  | { kind: 'shadow' }
  /** The challenger answers `share` of request keys, chosen by a seeded hash of the key. */
  | { kind: 'canary'; share: number; seed: number }
  /** One colour is live; a switch is an atomic alias move, and the other colour stays loaded for rollback. */
  | { kind: 'blue-green'; live: 'champion' | 'challenger' };

/** Which model answers a request, and which (if any) scores it in the shadow. */
export interface Route {
  serve: 'champion' | 'challenger';
  shadow: 'challenger' | null;
}

/** Routes one request. Pure: the same strategy and key always give the same route. */
export function routeRequest(strategy: Strategy, key: string): Route {
  switch (strategy.kind) {
    case 'single':
      return { serve: 'champion', shadow: null };
    case 'shadow':
      return { serve: 'champion', shadow: 'challenger' };
    case 'canary':
      return {
        serve: routeHash(key, strategy.seed) < strategy.share ? 'challenger' : 'champion',
        shadow: null,
      };
    case 'blue-green':
      return { serve: strategy.live, shadow: null };
  }
}

/** The next canary step after `share`, or null at 100%. */
export function nextCanaryStep(share: number): number | null {
  return CANARY_STEPS.find((step) => step > share + 1e-12) ?? null;
}
