import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCrashSoak } from '../test/support/crash-driver';
import { emit, percentile, round } from './figures';
import type { GroupResult } from './figures';

// The long crash soak: browser mode SIGKILLed 1,000 times mid-work (PACKBENCH_CRASH_ITERATIONS
// to change it, PACKBENCH_CRASH_SEED to repeat a run), audited after every restart.

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function positiveInteger(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not "${text}"`);
  return value;
}

/** Until a bare `packbench help` (Node and the TypeScript loader, no database) prints: the floor under a restart. */
async function processStartMs(): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, ['bin/packbench.mjs', 'help'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  const printed = await new Promise<number>((resolvePrinted, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', () => resolvePrinted(performance.now() - start));
    child.once('exit', (code) => reject(new Error(`packbench help exited (${code}) without printing`)));
  });
  await new Promise<void>((resolveExit) => (child.exitCode === null ? child.once('exit', () => resolveExit()) : resolveExit()));
  return printed;
}

export async function benchCrash(): Promise<GroupResult> {
  const iterations = positiveInteger(process.env['PACKBENCH_CRASH_ITERATIONS'], 1000, 'PACKBENCH_CRASH_ITERATIONS');
  const seed = positiveInteger(process.env['PACKBENCH_CRASH_SEED'], Math.floor(Math.random() * 2 ** 31) + 1, 'PACKBENCH_CRASH_SEED');
  process.stderr.write(`crash: ${iterations} SIGKILLs, seed ${seed} (repeat with PACKBENCH_CRASH_SEED=${seed})\n`);
  const dir = mkdtempSync(join(tmpdir(), 'packbench-crash-'));
  try {
    const bareStarts: number[] = [];
    for (let i = 0; i < 5; i += 1) bareStarts.push(await processStartMs());
    const started = performance.now();
    const result = await runCrashSoak({ iterations, seed, workDir: dir, log: (line) => process.stderr.write(`${line}\n`) });
    const minutes = (performance.now() - started) / 60_000;
    const killedBusy = result.inFlightAtKill.filter((n) => n > 0).length;
    process.stderr.write(
      `crash: ${result.iterations} kills in ${minutes.toFixed(1)} min over ${result.rounds} database(s); ${result.requests} requests, ` +
        `${result.scansAcknowledged} scans acknowledged; ${killedBusy} kills with requests in flight; ` +
        `${result.storedUnanswered} scans stored whose answer the kill swallowed; ${result.killsMidCommit} kills left a half-written commit in the WAL\n`,
    );
    for (const text of [...result.lost, ...result.duplicates, ...result.problems].slice(0, 20)) process.stderr.write(`  ${text}\n`);

    emit({ bench: 'crash.iterations', value: result.iterations, unit: 'count', target: iterations, better: 'higher' });
    emit({ bench: 'crash.scans_acknowledged', value: result.scansAcknowledged, unit: 'count', better: 'higher' });
    emit({ bench: 'crash.lost_acknowledged_scans', value: result.lost.length, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'crash.duplicate_scans', value: result.duplicates.length, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'crash.consistency_problems', value: result.problems.length, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'crash.kills_mid_commit', value: result.killsMidCommit, unit: 'count', better: 'higher' });
    emit({ bench: 'crash.restart_ms_p50', value: round(percentile(result.restartMs, 50)), unit: 'ms', better: 'lower', baseline: round(percentile(bareStarts, 50)) });
    return { failed: result.lost.length + result.duplicates.length + result.problems.length > 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
