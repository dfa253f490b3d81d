#!/usr/bin/env node
// The package's bin: loads tsx through its documented API, then runs the TypeScript command line.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
const { runMain } = await import('./lib/cli/run.ts');
await runMain(() => main(process.argv.slice(2)));
