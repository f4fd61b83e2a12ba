import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Station } from '../electron/services/station';
import { fixedCredentialStore } from '../electron/sync/credentials';
import { createSpApiClient } from '../electron/sync/sp-api-client';
import type { SpApiClient } from '../electron/sync/sp-api-client';
import { DEFAULT_LWA_CREDENTIALS, startMockAmazon } from '../test/support/mock-amazon';
import type { MockAmazon } from '../test/support/mock-amazon';
import { auditConfirmations, backlogOrders, openBacklogStation, runSyncSoak } from '../test/support/sync-driver';
import type { ExpectedConfirmation } from '../test/support/sync-driver';
import { emit, round } from './figures';
import type { GroupResult } from './figures';

// Marketplace sync under load (test/support/sync-driver.ts). The backlog is written straight
// into the station database (labelled packages and their outbox jobs, as pack-service writes
// them): packing 2,000 orders through the pack flow would take minutes and measure packing.
//
//   feed_*   2,000 confirmations above the feed threshold: one flat-file feed, its HTTP calls
//            and wall time (polls included, the mock finishing a feed on its second poll).
//   calls_*  2,000 single confirmShipment calls against a token bucket, and how close the sync
//            comes to the best any client obeying that bucket could do; the heap through it.
//   fault_run_*  the reliability soak: `packbench sync --once` SIGKILLed at random against a
//            mock failing 30 % of calls, then run clean; the mock's record audited.
//
// PACKBENCH_SYNC_CONFIRMATIONS and PACKBENCH_SYNC_KILLS size the soak, PACKBENCH_SYNC_SEED repeats it.

const BACKLOG = 2_000;
/**
 * Amazon's confirmShipment limit is 2/s (burst 10): 2,000 calls would take 17 minutes and say
 * nothing more. The mock and the client both get this raised limit instead; the client then has
 * to keep up with the bucket, which is what calls_rate_ratio measures.
 */
const CALL_RATE = { ratePerSecond: 50, burst: 10 };
const MEMORY_SAMPLES = 10;

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not "${text}"`);
  return value;
}

/**
 * The garbage collector, so heap samples show what is kept rather than what is not yet
 * collected. bin/bench.mjs does not start Node with --expose-gc; V8 takes the flag at run
 * time, and a fresh context then has `gc`. Without it, RSS is sampled instead.
 */
function garbageCollector(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

type Run = { mock: MockAmazon; station: Station; expected: ExpectedConfirmation[]; dir: string };

async function backlogRun(options: {
  feedThreshold: number;
  mockOptions: Parameters<typeof startMockAmazon>[0];
  client: (client: SpApiClient) => SpApiClient;
  rates?: Parameters<typeof createSpApiClient>[0]['rates'];
  feedPollBudgetMs?: number;
}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-sync-'));
  const mock = await startMockAmazon(options.mockOptions);
  const orders = backlogOrders(BACKLOG, { nowMs: Date.now(), seed: 42 });
  mock.control.addOrders(orders);
  const { station, expected } = openBacklogStation({
    dbPath: join(dir, 'bench.db'),
    mock,
    orders,
    feedThreshold: options.feedThreshold,
    credentials: fixedCredentialStore(DEFAULT_LWA_CREDENTIALS, 'the benchmark'),
    syncClient: (marketplace, credentials) =>
      options.client(
        createSpApiClient({
          spApiEndpoint: marketplace.spApiEndpoint,
          lwaEndpoint: marketplace.lwaEndpoint,
          credentials,
          timeoutMs: 10_000,
          ...(options.rates ? { rates: options.rates } : {}),
        }),
      ),
    ...(options.feedPollBudgetMs === undefined ? {} : { syncTiming: { feedPollBudgetMs: options.feedPollBudgetMs } }),
  });
  return { mock, station, expected, dir };
}

async function closeRun(run: Run): Promise<void> {
  run.station.close();
  await run.mock.close();
  rmSync(run.dir, { recursive: true, force: true });
}

/** Cycles until nothing is unsent and no feed is open (a feed can outlast one cycle's poll budget). */
async function drain(station: Station, maxCycles: number): Promise<number> {
  let cycles = 0;
  while (cycles < maxCycles) {
    const cycle = await station.sync.runOnce();
    cycles += 1;
    if (cycle.errors.length > 0) process.stderr.write(`sync: cycle ${cycles}: ${cycle.errors.map((error) => `${error.code} ${error.message}`).join('; ')}\n`);
    if (station.store.outbox.unsent('confirm-shipment').length === 0 && station.store.sync.openFeeds().length === 0) break;
  }
  return cycles;
}

function auditRun(run: Run) {
  return auditConfirmations(run.expected, run.mock.control.record(), (jobId) => run.station.store.outbox.get(jobId)?.state ?? null);
}

async function benchFeed(): Promise<boolean> {
  const run = await backlogRun({ feedThreshold: 500, mockOptions: { seed: 42, feedTiming: { polls: 2 } }, client: (client) => client, feedPollBudgetMs: 10_000 });
  try {
    run.mock.control.clearLog();
    const started = performance.now();
    const cycles = await drain(run.station, 5);
    const ms = performance.now() - started;
    const record = run.mock.control.record();
    const calls = Object.values(record.requests).reduce((sum, n) => sum + (n ?? 0), 0);
    const audit = auditRun(run);
    process.stderr.write(`sync: feed of ${BACKLOG} in ${cycles} cycle(s), ${record.feeds.length} feed(s); calls ${JSON.stringify(record.requests)}\n`);
    for (const text of [...audit.lost, ...audit.duplicated, ...audit.wrong].slice(0, 10)) process.stderr.write(`  ${text}\n`);
    // Every call of the run: the token, the pull, the feed document, its upload, the feed, the polls, the report.
    emit({ bench: 'sync.feed_2000_calls', value: calls, unit: 'count', target: 12, better: 'lower', baseline: BACKLOG });
    emit({ bench: 'sync.feed_2000_ms', value: round(ms), unit: 'ms', better: 'lower' });
    emit({ bench: 'sync.feed_2000_accepted', value: audit.exactlyOnce, unit: 'count', target: BACKLOG, better: 'higher' });
    return audit.exactlyOnce !== BACKLOG;
  } finally {
    await closeRun(run);
  }
}

async function benchCalls(): Promise<boolean> {
  const gc = garbageCollector();
  const samples: number[] = [];
  const sample = () => {
    if (gc) gc();
    samples.push(gc ? process.memoryUsage().heapUsed : process.memoryUsage().rss);
  };
  let confirmCalls = 0;
  const every = BACKLOG / MEMORY_SAMPLES;
  const run = await backlogRun({
    feedThreshold: 100_000,
    mockOptions: { seed: 43, rateLimits: { confirmShipment: CALL_RATE } },
    rates: { confirmShipment: CALL_RATE },
    // The heap is sampled before every 200th confirmation and once after the last: ten points.
    client: (client) => ({
      ...client,
      call: (operation, request) => {
        if (operation === 'confirmShipment') {
          if (confirmCalls % every === 0 && samples.length < MEMORY_SAMPLES - 1) sample();
          confirmCalls += 1;
        }
        return client.call(operation, request);
      },
    }),
  });
  try {
    const started = performance.now();
    await drain(run.station, 3);
    const ms = performance.now() - started;
    sample();
    const audit = auditRun(run);
    const seconds = ms / 1000;
    const achieved = audit.exactlyOnce / seconds;
    const bound = (CALL_RATE.burst + CALL_RATE.ratePerSecond * seconds) / seconds;
    const growthMb = ((samples.at(-1) ?? 0) - (samples[0] ?? 0)) / 2 ** 20;
    process.stderr.write(
      `sync: ${confirmCalls} confirmShipment calls in ${seconds.toFixed(1)} s; ${gc ? 'heap after gc' : 'RSS (no gc)'} ${samples.map((bytes) => (bytes / 2 ** 20).toFixed(1)).join(' ')} MB\n`,
    );
    for (const text of [...audit.lost, ...audit.duplicated, ...audit.wrong].slice(0, 10)) process.stderr.write(`  ${text}\n`);
    emit({ bench: 'sync.calls_rate_limit', value: CALL_RATE.ratePerSecond, unit: 'calls/s', better: 'higher' });
    emit({ bench: 'sync.calls_2000_ms', value: round(ms), unit: 'ms', better: 'lower', baseline: round((BACKLOG - CALL_RATE.burst) / CALL_RATE.ratePerSecond * 1000) });
    emit({ bench: 'sync.calls_rate_achieved', value: round(achieved), unit: 'confirmations/s', better: 'higher' });
    emit({ bench: 'sync.calls_rate_bound', value: round(bound), unit: 'confirmations/s', better: 'higher' });
    emit({ bench: 'sync.calls_rate_ratio', value: round(achieved / bound), unit: 'ratio', target: 0.95, better: 'higher' });
    emit({ bench: 'sync.heap_growth_mb', value: round(growthMb), unit: 'MB', target: 20, better: 'lower' });
    return audit.exactlyOnce !== BACKLOG;
  } finally {
    await closeRun(run);
  }
}

async function benchFaultRun(): Promise<boolean> {
  const confirmations = positiveInteger('PACKBENCH_SYNC_CONFIRMATIONS', 300);
  const kills = positiveInteger('PACKBENCH_SYNC_KILLS', 20);
  const seed = positiveInteger('PACKBENCH_SYNC_SEED', Math.floor(Math.random() * 2 ** 31) + 1);
  process.stderr.write(`sync: fault run of ${confirmations} confirmations, ${kills} SIGKILLs, seed ${seed} (repeat with PACKBENCH_SYNC_SEED=${seed})\n`);
  const dir = mkdtempSync(join(tmpdir(), 'packbench-sync-soak-'));
  try {
    const result = await runSyncSoak({
      confirmations,
      kills,
      seed,
      workDir: dir,
      faultProbability: 0.3,
      killAfterMs: [700, 4_000],
      // Labelled in small waves while the sync runs, two per kill, so the kills keep finding
      // work. A wave alone goes by call; with what failed before it, it outgrows the threshold
      // and goes as a feed: both ways are killed mid-way.
      waves: kills * 2,
      feedThreshold: Math.max(2, Math.round((confirmations / (kills * 2)) * 2)),
      // Amazon allows a feed every two minutes after a burst of 15 and lists feeds or reads
      // their reports about once a minute: hours of a station's life compressed into minutes
      // would only wait on those quotas. Confirmations keep Amazon's 2/s.
      rateLimits: {
        createFeedDocument: { ratePerSecond: 5, burst: 30 },
        createFeed: { ratePerSecond: 5, burst: 30 },
        getFeeds: { ratePerSecond: 5, burst: 30 },
        getFeedDocument: { ratePerSecond: 5, burst: 30 },
        searchOrders: { ratePerSecond: 5, burst: 30 },
      },
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stderr.write(
      `sync: fault run ${(result.ms / 60_000).toFixed(1)} min; ${result.kills} kills, ${result.finishedRuns} runs finished before their kill, ${result.cleanRuns} clean runs ` +
        `(${result.pendingAfterFaults} pending after the faults); sent ${JSON.stringify(result.sentVia)}; faults ${JSON.stringify(result.faultKinds)}; left ${JSON.stringify(result.left)}\n`,
    );
    for (const text of [...result.lost, ...result.duplicated, ...result.wrong, ...result.modelViolations].slice(0, 20)) process.stderr.write(`  ${text}\n`);
    if (result.lost.length > 0) process.stderr.write(`  last clean run:\n${result.lastOutput}\n`);
    emit({ bench: 'sync.fault_run_confirmations', value: result.confirmations, unit: 'count', target: confirmations, better: 'higher' });
    emit({ bench: 'sync.fault_run_kills', value: result.kills, unit: 'count', target: kills, better: 'higher' });
    emit({ bench: 'sync.fault_run_lost', value: result.lost.length, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'sync.fault_run_duplicated', value: result.duplicated.length, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'sync.fault_run_wrong', value: result.wrong.length, unit: 'count', target: 0, better: 'lower' });
    emit({ bench: 'sync.fault_run_faults_injected', value: result.faultsInjected, unit: 'count', better: 'higher' });
    return result.lost.length + result.duplicated.length + result.wrong.length + result.modelViolations.length > 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSync(): Promise<GroupResult> {
  const feedFailed = await benchFeed();
  const callsFailed = await benchCalls();
  const soakFailed = await benchFaultRun();
  return { failed: feedFailed || callsFailed || soakFailed };
}
