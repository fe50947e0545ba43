/// <reference types="vite/client" />

/** The app version from package.json, baked in at build. */
declare const __APP_VERSION__: string;
/** The git commit the build was made from, or 'unknown'. */
declare const __GIT_COMMIT__: string;
/**
 * True only in the browser tests' build (`vite build --mode e2e`): test barriers and the CSP-violation
 * relay are compiled in. Every production build has false here, and the hooks' code is dropped.
 */
declare const __TEST_HOOKS__: boolean;
