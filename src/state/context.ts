import { getContext, setContext } from 'svelte';
import type { AppState } from './app-state.svelte.ts';

const KEY = Symbol('looplab-app');

/** Makes the app state available to every view below the root. */
export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

/** The app state provided by the root view. */
export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
