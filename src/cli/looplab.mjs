#!/usr/bin/env node
// The `looplab` command: runs src/core under Node with no browser. tsx compiles the TypeScript on the fly,
// so the CLI needs no build step on a fresh clone.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
