/**
 * zod, configured before any schema is built. Every module imports z from here, never from 'zod': zod 4
 * probes `new Function("")` to decide whether it may compile fast parsers, and a strict Content-Security-
 * Policy (ours has no 'unsafe-eval') reports that probe as a violation in every realm that builds a schema.
 * jitless mode never probes; parsing is the same, interpreted.
 */
// eslint-disable-next-line no-restricted-imports -- the one place that imports zod itself
import { z } from 'zod';

z.config({ jitless: true });

export { z };
