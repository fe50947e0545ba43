import { createRng } from '../random.ts';
import { gridConfigs, randomConfigs, type ParamValue } from '../search/index.ts';
import type { ModelFamily } from './model-params.ts';
import { RANDOM_SPACES, SEARCH_SPACES } from './search-spaces.ts';

/** Which configurations a search trains. */
export interface SearchChoice {
  families: ModelFamily[];
  strategy: 'grid' | 'random';
  /** Random search: configurations drawn per family. */
  randomTrials?: number;
  seed: number;
}

/** The configurations a request asks for, family included, in a fixed order. */
export function searchConfigs(
  request: SearchChoice,
): { family: ModelFamily; config: Record<string, ParamValue> }[] {
  const out: { family: ModelFamily; config: Record<string, ParamValue> }[] = [];
  for (const family of request.families) {
    if (family === 'baseline' || family === 'ensemble') continue;
    const configs =
      request.strategy === 'grid'
        ? gridConfigs(SEARCH_SPACES[family])
        : randomConfigs(
            RANDOM_SPACES[family],
            request.randomTrials ?? 8,
            createRng(request.seed).fork(family).uint32(),
          );
    for (const config of configs) out.push({ family, config });
  }
  return out;
}
