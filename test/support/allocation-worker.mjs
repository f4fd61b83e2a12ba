#!/usr/bin/env node
// Child entry of the allocation soak: registers tsx as bin/packbench.mjs does, so the worker
// runs the checked-out TypeScript sources, then hands argv to allocation-worker.ts.
import { register } from 'tsx/esm/api';

register();
const { runAllocationWorker } = await import('./allocation-worker.ts');
try {
  process.exitCode = await runAllocationWorker(process.argv.slice(2));
} catch (error) {
  // The driver shows stderr when a worker dies on its own; the code says the failure was ours.
  process.stderr.write(`E ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
