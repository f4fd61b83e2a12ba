import { writeSync } from 'node:fs';
import { openDatabase } from '../../electron/db/open';
import { createStore } from '../../electron/db/store';
import { seededRandom } from '../../shared/random';
import { createAllocationSteps, prepareAllocationStore } from './allocation-driver';

// One station of the allocation soak, run as a child process (allocation-worker.mjs loads it
// through tsx). It takes tracking numbers in two steps, as an external label purchase would:
// transaction 1 allocates (ledger 'allocated'), transaction 2 puts the number on a package
// (ledger 'labelled'). A SIGKILL between the two leaves an allocated number nobody carries,
// which the start-up sweep must record as orphaned and never hand out again.
//
// stdout protocol, one line per event, each written only after the step it reports committed:
//   R <orphans>   ready: database open, start-up sweep done (how many it orphaned)
//   A <number>    transaction 1 committed: the number is ours
//   L <number>    transaction 2 committed: the number is on a package
//   X <number>    not bound: another station's start-up sweep orphaned it first
//   D             the ledger holds the target count; the worker exits 0
//
// The two transactions themselves live in allocation-driver.ts: the launcher
// allocation-worker.mjs shadows this module for extensionless imports under Vite (which tries
// .mjs before .ts), so nothing else can import from here.

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes a line straight to fd 1 so it is in the pipe before the next step starts: a line the
 * driver reads is a promise the worker kept. One write() of a short line is atomic on a pipe,
 * so a SIGKILL cannot leave half a line. EAGAIN: the pipe is non-blocking and full; wait for
 * the driver to read.
 */
function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 1);
    }
  }
}

function flag(argv: readonly string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number, not "${argv[index + 1] ?? ''}"`);
  return value;
}

/**
 * `allocation-worker.mjs <db> --target N [--seed S] [--bind-delay-ms MS]`: allocates until the
 * ledger holds N numbers. --bind-delay-ms waits a random time up to MS between the two
 * transactions, as a printer or a label purchase would, so kills fall there often.
 */
export async function runAllocationWorker(argv: readonly string[]): Promise<number> {
  const dbPath = argv[0];
  if (!dbPath || dbPath.startsWith('--')) {
    process.stderr.write('usage: allocation-worker.mjs <db> --target N [--seed S] [--bind-delay-ms MS]\n');
    return 2;
  }
  const target = flag(argv, '--target', 0);
  const random = seededRandom(flag(argv, '--seed', 1));
  const bindDelayMs = flag(argv, '--bind-delay-ms', 0);
  const db = openDatabase({ path: dbPath });
  try {
    const store = createStore(db);
    const service = prepareAllocationStore(store, new Date().toISOString());
    // The start-up sweep, as the station runs it: whatever a killed predecessor left allocated.
    const orphaned = store.writeTransaction(() => store.carriers.recordOrphans(new Date().toISOString()));
    say(`R ${orphaned}`);
    const steps = createAllocationSteps(store, service);
    for (;;) {
      const taken = steps.allocate(random() < 0.5, target, new Date().toISOString());
      if (!taken) break;
      say(`A ${taken.number}`);
      if (bindDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * (bindDelayMs + 1))));
      say(`${steps.bind(taken, new Date().toISOString()) ? 'L' : 'X'} ${taken.number}`);
    }
    say('D');
    return 0;
  } finally {
    db.close();
  }
}
