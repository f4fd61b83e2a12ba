import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/db/open';
import { createStore } from '../electron/db/store';
import { createAllocationSteps, prepareAllocationStore, runAllocationSoak } from '../test/support/allocation-driver';
import { emit, round } from './figures';
import type { GroupResult } from './figures';

// 10,000 tracking numbers taken crash-safely: two worker processes on one database file, each
// number allocated in one immediate transaction and put on a package in a second, with random
// SIGKILLs and restarts, then the ledger audited (test/support/allocation-driver.ts). The
// baselines are measured in the same run: a bare SQLite insert per immediate transaction with
// the app's pragmas, and the same two-step allocation in one process without kills.
// PACKBENCH_TRACKING_SEED repeats a run.

const ALLOCATIONS = 10_000;
/** Kills every 0.3–1 s: often enough to land on every step, rarely enough that the workers work. */
const KILL_EVERY_MS: [number, number] = [300, 1_000];

function seedFromEnv(): number {
  const text = process.env['PACKBENCH_TRACKING_SEED'];
  if (text === undefined || text === '') return Math.floor(Math.random() * 2 ** 31) + 1;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`PACKBENCH_TRACKING_SEED must be a whole number above 0, not "${text}"`);
  return value;
}

/** One INSERT per BEGIN IMMEDIATE on a bare table, WAL and synchronous = FULL as openDatabase sets them: the floor under an allocation's transactions. */
function bareInsertsPerSecond(path: string, count: number): number {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE bare (number TEXT PRIMARY KEY, at TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO bare (number, at) VALUES (?, ?)');
    const once = db.transaction((number: string, at: string) => insert.run(number, at));
    const started = performance.now();
    for (let i = 0; i < count; i += 1) once.immediate(`N${String(i).padStart(9, '0')}`, new Date().toISOString());
    return count / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

/** The workers' two transactions, one process, no kills, no other writer. */
function inProcessAllocationsPerSecond(path: string, count: number): number {
  const db = openDatabase({ path });
  try {
    const store = createStore(db);
    const steps = createAllocationSteps(store, prepareAllocationStore(store, new Date().toISOString()));
    const started = performance.now();
    for (let i = 0; i < count; i += 1) {
      const taken = steps.allocate(i % 2 === 0, count, new Date().toISOString());
      if (!taken) throw new Error(`the ledger was full after ${i} allocations`);
      if (!steps.bind(taken, new Date().toISOString())) throw new Error(`${taken.number} could not be bound with no other station running`);
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

export async function benchTracking(): Promise<GroupResult> {
  const seed = seedFromEnv();
  process.stderr.write(`tracking: ${ALLOCATIONS} allocations, 2 workers, SIGKILL every ${KILL_EVERY_MS.join('–')} ms, seed ${seed} (repeat with PACKBENCH_TRACKING_SEED=${seed})\n`);
  const dir = mkdtempSync(join(tmpdir(), 'packbench-tracking-'));
  try {
    const bare = bareInsertsPerSecond(join(dir, 'bare.db'), ALLOCATIONS);
    const inProcess = inProcessAllocationsPerSecond(join(dir, 'in-process.db'), ALLOCATIONS);
    const result = await runAllocationSoak({
      dbPath: join(dir, 'soak.db'),
      target: ALLOCATIONS,
      workers: 2,
      killEveryMs: KILL_EVERY_MS,
      seed,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const seconds = result.elapsedMs / 1000;
    // Unaccounted: a range gave the sequence up and the ledger has no row for it, or a worker
    // printed a number the ledger does not hold. Either way a number nobody can account for.
    const unaccounted = result.unaccounted.length + result.missing.length;
    process.stderr.write(
      `tracking: ${result.issued} issued in ${seconds.toFixed(1)} s with ${result.kills} kills: ${result.labelled} labelled, ${result.orphaned} orphaned ` +
        `(${result.swept} of them taken from a live worker by another's start-up sweep); ${result.reported} reported by the workers\n`,
    );
    for (const text of [...result.duplicates, ...result.missing, ...result.unaccounted, ...result.problems].slice(0, 20)) process.stderr.write(`  ${text}\n`);

    emit({ bench: 'tracking.allocations_per_s', value: round(result.issued / seconds), unit: 'per_s', better: 'higher', baseline: round(inProcess) });
    emit({ bench: 'tracking.duplicates', value: result.duplicates.length, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'tracking.unaccounted', value: unaccounted, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'tracking.orphaned', value: result.orphaned, unit: 'count', better: 'lower' });
    emit({ bench: 'tracking.kills', value: result.kills, unit: 'count', better: 'higher' });
    emit({ bench: 'tracking.bare_inserts_per_s', value: round(bare), unit: 'per_s', better: 'higher' });
    emit({ bench: 'tracking.allocations_in_process_per_s', value: round(inProcess), unit: 'per_s', better: 'higher', baseline: round(bare) });
    return { failed: result.duplicates.length + unaccounted + result.problems.length > 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
