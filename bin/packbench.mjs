#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npx packbench` always
// matches the checked-out code without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
