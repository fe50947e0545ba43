/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The app version from package.json, baked in at build. */
declare const __APP_VERSION__: string;
/** The git commit the build was made from, or 'unknown'. */
declare const __GIT_COMMIT__: string;
