import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketplaceSettings } from '../../shared/contract';
import { seededRandom } from '../../shared/random';
import type { OrderItemRecord, OrderRecord } from '../../electron/db/repositories/orders';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { CONFIRM_KIND } from '../../electron/sync/sync-service';
import type { ConfirmationPayload } from '../../electron/sync/sync-service';
import { DEFAULT_LWA_CREDENTIALS, startMockAmazon } from './mock-amazon';
import type { FaultKind, FaultSpec, MockAmazon, MockOrderSeed, MockRecord, RateLimit, RateLimitedOperation } from './mock-amazon';

// The sync driver: a backlog of labelled packages written straight into a station database (the
// sync is under test, not packing), the same orders at the mock marketplace, and the soak that
// runs `packbench sync --once` in a child process against a faulty mock, SIGKILLs it at random
// moments, runs it clean until nothing is pending, and then audits the mock's record against
// the outbox. test/integration/sync-crash.test.ts runs a short soak; `npm run bench -- sync`
// the long one and the throughput figures.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MARKETPLACE_ID = 'ATVPDKIKX0DER';

// ---- the backlog ------------------------------------------------------------------------

const CARRIERS: ReadonlyArray<{ carrierCode: string; carrierName: string; shippingMethod: string; prefix: string }> = [
  { carrierCode: 'UPS', carrierName: 'UPS', shippingMethod: 'UPS Ground', prefix: '1Z' },
  { carrierCode: 'USPS', carrierName: 'USPS', shippingMethod: 'Priority Mail', prefix: '9400' },
  { carrierCode: 'FedEx', carrierName: 'FedEx', shippingMethod: 'FedEx Ground', prefix: '7712' },
  // 'Other' carries its name in carrierName: the path where a forgotten field would show.
  { carrierCode: 'Other', carrierName: 'Yodel', shippingMethod: 'Yodel Xpress', prefix: 'JD' },
];

/** What Amazon must end up knowing for one package, and which outbox job carries it. */
export type ExpectedConfirmation = {
  jobId: number;
  orderId: string;
  /** The number the sync sends as packageReferenceId: the package's number within its order. */
  packageReferenceId: string;
  trackingNumber: string;
  carrierCode: string;
  carrierName: string;
  items: Array<{ orderItemId: string; quantity: number }>;
};

export type Backlog = { orders: MockOrderSeed[]; expected: ExpectedConfirmation[] };

/**
 * `count` unshipped orders as the mock holds them: one or two lines each, created an hour before
 * `nowMs` and not changed since. `series` keeps ids of separate backlogs in one mock apart.
 */
export function backlogOrders(count: number, options: { nowMs: number; seed: number; series?: number }): MockOrderSeed[] {
  const random = seededRandom(options.seed);
  const at = new Date(options.nowMs - 3600_000).toISOString();
  const series = options.series ?? 1;
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const lines = random() < 0.5 ? 1 : 2;
    return {
      orderId: `${110 + series}-${String(3_000_000 + n).padStart(7, '0')}-${String(Math.floor(random() * 9_000_000) + 1_000_000)}`,
      createdTime: at,
      lastUpdatedTime: at,
      items: Array.from({ length: lines }, (_, line) => ({
        orderItemId: `${String(series).padStart(2, '0')}${String(n).padStart(8, '0')}${line}`,
        sellerSku: line === 0 ? 'PB-SOCK-3P' : 'PB-CABLE-C2',
        quantityOrdered: 1 + Math.floor(random() * 3),
        title: line === 0 ? 'Cotton socks, 3 pairs' : 'USB-C cable 2 m',
      })),
      shipByWindow: { latestDateTime: new Date(options.nowMs + (12 + (index % 48)) * 3600_000).toISOString() },
      deliverByWindow: { latestDateTime: new Date(options.nowMs + 10 * 24 * 3600_000).toISOString() },
      deliveryAddress: { name: `Buyer ${n}`, addressLine1: `${n} Market Street`, city: 'San Francisco', stateOrRegion: 'CA', postalCode: '94103', countryCode: 'US' },
    } satisfies MockOrderSeed;
  });
}

/** The marketplace settings a station needs to talk to the mock. */
export function mockMarketplace(mock: MockAmazon, feedThreshold: number): Partial<MarketplaceSettings> {
  return { enabled: true, spApiEndpoint: mock.url, lwaEndpoint: mock.lwaUrl, marketplaceId: MARKETPLACE_ID, feedThreshold };
}

/**
 * Writes the orders into the station as packed, each with one labelled package and the
 * `confirm-shipment` outbox job pack-service writes when the label is made (the same payload:
 * a UUID packageReferenceId, which the sync replaces by the package's number; next_try_at null,
 * so it is due at once whatever the clock). The pull checkpoint is set as if the station had
 * pulled these orders before they were packed, so the next pull asks only for what changed.
 */
export function seedBacklog(station: Station, orders: readonly MockOrderSeed[], nowMs: number): ExpectedConfirmation[] {
  const { store } = station;
  const at = new Date(nowMs).toISOString();
  return store.transaction(() => {
    const expected = orders.map((seed, index): ExpectedConfirmation => {
      const address = seed.deliveryAddress ?? {};
      const order: OrderRecord = {
        orderId: seed.orderId,
        marketplace: MARKETPLACE_ID,
        status: 'packed',
        purchaseDate: seed.createdTime ?? at,
        latestShipDate: seed.shipByWindow?.latestDateTime ?? null,
        latestDeliveryDate: seed.deliverByWindow?.latestDateTime ?? null,
        shipServiceLevel: 'Std US D2D Dom',
        isPrime: false,
        isBusiness: false,
        buyerName: address.name ?? null,
        buyerEmail: null,
        recipient: {
          name: address.name ?? 'Buyer',
          address1: address.addressLine1 ?? '',
          address2: null,
          address3: null,
          city: address.city ?? '',
          state: address.stateOrRegion ?? null,
          postalCode: address.postalCode ?? '',
          countryCode: address.countryCode ?? 'US',
          phone: null,
        },
        source: 'sp-api',
        onHold: false,
        buyerCancelRequested: false,
        cancelledAt: null,
        cancelReason: null,
      };
      const items: OrderItemRecord[] = seed.items.map((item) => ({
        orderItemId: item.orderItemId,
        orderId: seed.orderId,
        sku: item.sellerSku,
        productName: item.title ?? item.sellerSku,
        quantity: item.quantityOrdered,
      }));
      store.orders.insert(order, items, at);
      const carrier = CARRIERS[index % CARRIERS.length] as (typeof CARRIERS)[number];
      const trackingNumber = `${carrier.prefix}${seed.orderId.replace(/-/g, '')}`;
      const pkg = store.shipments.createPackage(seed.orderId, at);
      const packageReferenceId = randomUUID();
      store.shipments.savePackage({ ...pkg, status: 'labelled', weightG: 450, trackingNumber, packageReferenceId, labelledAt: at }, at);
      const orderItems = items.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity }));
      const payload: ConfirmationPayload = {
        packageReferenceId,
        carrierCode: carrier.carrierCode,
        carrierName: carrier.carrierName,
        shippingMethod: carrier.shippingMethod,
        trackingNumber,
        shipDate: at,
        orderItems,
        purchasedOnline: false,
      };
      const jobId = store.outbox.enqueue({ kind: CONFIRM_KIND, orderId: seed.orderId, packageId: pkg.id, confirmBy: order.latestShipDate, payload }, at);
      return { jobId, orderId: seed.orderId, packageReferenceId: String(pkg.seq), trackingNumber, carrierCode: carrier.carrierCode, carrierName: carrier.carrierName, items: orderItems };
    });
    if (store.sync.state<string>('pullCheckpoint') === null) {
      store.sync.setState('pullCheckpoint', new Date(nowMs - 2 * 60_000).toISOString(), at);
      store.sync.setState('lastPullAt', at, at);
    }
    return expected;
  });
}

/** A station on the database with the marketplace pointed at the mock, and the backlog written. */
export function openBacklogStation(options: {
  dbPath: string;
  mock: MockAmazon;
  orders: readonly MockOrderSeed[];
  feedThreshold: number;
  nowMs?: number;
  syncClient?: Parameters<typeof openStation>[0]['syncClient'];
  syncTiming?: Parameters<typeof openStation>[0]['syncTiming'];
  credentials?: Parameters<typeof openStation>[0]['credentials'];
}): { station: Station; expected: ExpectedConfirmation[] } {
  const station = openStation({
    dbPath: options.dbPath,
    host: 'browser',
    version: 'sync-driver',
    demo: false,
    ...(options.syncClient ? { syncClient: options.syncClient } : {}),
    ...(options.syncTiming ? { syncTiming: options.syncTiming } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  try {
    station.settings.update({ marketplace: mockMarketplace(options.mock, options.feedThreshold) });
    return { station, expected: seedBacklog(station, options.orders, options.nowMs ?? Date.now()) };
  } catch (error) {
    station.close();
    throw error;
  }
}

// ---- the audit --------------------------------------------------------------------------

export type SyncAudit = {
  /** Confirmations Amazon has exactly once, with the label's data, their outbox job done. */
  exactlyOnce: number;
  /** Confirmations Amazon does not have, or whose outbox job did not end 'done'. */
  lost: string[];
  /** A second package for one confirmation, or two packages with one tracking number. */
  duplicated: string[];
  /** A package with another tracking number, carrier or items than the label's. */
  wrong: string[];
};

const itemKey = (items: ReadonlyArray<{ orderItemId: string; quantity: number }>) =>
  items
    .map((item) => `${item.orderItemId}×${item.quantity}`)
    .sort()
    .join(',');

/**
 * Every confirmation exactly once: one package per order (each backlog order has one) with the
 * label's tracking number, carrier code and items, sent with the package's reference when it
 * went by call, its outbox job done; no tracking number on two packages.
 */
export function auditConfirmations(expected: readonly ExpectedConfirmation[], record: MockRecord, jobState: (jobId: number) => string | null): SyncAudit {
  const audit: SyncAudit = { exactlyOnce: 0, lost: [], duplicated: [], wrong: [] };
  const byOrder = new Map<string, MockRecord['packages']>();
  for (const pkg of record.packages) byOrder.set(pkg.orderId, [...(byOrder.get(pkg.orderId) ?? []), pkg]);
  const byTracking = new Map<string, number>();
  for (const pkg of record.packages) if (pkg.trackingNumber !== null) byTracking.set(pkg.trackingNumber, (byTracking.get(pkg.trackingNumber) ?? 0) + 1);
  for (const [tracking, count] of byTracking) if (count > 1) audit.duplicated.push(`tracking number ${tracking} is on ${count} packages`);

  for (const want of expected) {
    const state = jobState(want.jobId);
    const packages = byOrder.get(want.orderId) ?? [];
    if (packages.length === 0) {
      audit.lost.push(`${want.orderId}: Amazon has no package (outbox job ${want.jobId} is ${state ?? 'missing'})`);
      continue;
    }
    if (state !== 'done') audit.lost.push(`${want.orderId}: Amazon has it, but outbox job ${want.jobId} is ${state ?? 'missing'}`);
    if (packages.length > 1) audit.duplicated.push(`${want.orderId}: ${packages.length} packages (${packages.map((pkg) => `${pkg.via} ${pkg.packageId}`).join(', ')})`);
    const [pkg] = packages;
    if (!pkg) continue;
    const problems: string[] = [];
    if (pkg.trackingNumber !== want.trackingNumber) problems.push(`tracking ${pkg.trackingNumber ?? 'none'} ≠ ${want.trackingNumber}`);
    if (pkg.carrierCode !== want.carrierCode) problems.push(`carrier ${pkg.carrierCode} ≠ ${want.carrierCode}`);
    if (want.carrierCode === 'Other' && pkg.carrierName !== want.carrierName) problems.push(`carrier name ${pkg.carrierName ?? 'none'} ≠ ${want.carrierName}`);
    if (itemKey(pkg.items) !== itemKey(want.items)) problems.push(`items ${itemKey(pkg.items)} ≠ ${itemKey(want.items)}`);
    if (pkg.via === 'api' && pkg.packageReferenceId !== want.packageReferenceId) problems.push(`packageReferenceId ${pkg.packageReferenceId ?? 'none'} ≠ ${want.packageReferenceId}`);
    if (problems.length > 0) audit.wrong.push(`${want.orderId}: ${problems.join('; ')}`);
    else if (state === 'done' && packages.length === 1) audit.exactlyOnce += 1;
  }
  const known = new Set(expected.map((want) => want.orderId));
  for (const pkg of record.packages) if (!known.has(pkg.orderId)) audit.wrong.push(`${pkg.orderId}: a package for an order that was never labelled`);
  return audit;
}

// ---- faults -----------------------------------------------------------------------------

const EVERY_FAULT: ReadonlyArray<{ kind: FaultKind; apply?: boolean }> = [
  { kind: '429' },
  { kind: '500' },
  { kind: '503' },
  // Half the timeouts never reach Amazon, half are applied and then go silent.
  { kind: 'timeout', apply: false },
  { kind: 'timeout', apply: true },
  { kind: 'reset-before' },
  { kind: 'reset-after' },
  { kind: 'slow' },
];

/**
 * Rules that fail `probability` of all calls, split evenly over every fault kind (the timeout's
 * share halved between its two flavours). The mock tries rules in order and the first that fires
 * wins, so rule k fires with share / (1 − k·share) to make each kind's overall share equal.
 */
export function spreadFaults(probability: number, slowMs: number): FaultSpec[] {
  const kinds = 7;
  const share = probability / kinds;
  let before = 0;
  return EVERY_FAULT.map((fault) => {
    const own = fault.kind === 'timeout' ? share / 2 : share;
    const spec: FaultSpec = { kind: fault.kind, operation: 'all', probability: Math.min(1, own / (1 - before)), delayMs: slowMs, ...(fault.apply === undefined ? {} : { apply: fault.apply }) };
    before += own;
    return spec;
  });
}

// ---- the sync process -------------------------------------------------------------------

export type SyncRun = { exit: 'exited' | 'killed'; code: number | null; ms: number; output: string };

function syncEnvironment(mock: MockAmazon): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PACKBENCH_SPAPI_ENDPOINT: mock.url,
    PACKBENCH_LWA_ENDPOINT: mock.lwaUrl,
    PACKBENCH_MARKETPLACE_ID: MARKETPLACE_ID,
    PACKBENCH_LWA_CLIENT_ID: DEFAULT_LWA_CREDENTIALS.clientId,
    PACKBENCH_LWA_CLIENT_SECRET: DEFAULT_LWA_CREDENTIALS.clientSecret,
    PACKBENCH_LWA_REFRESH_TOKEN: DEFAULT_LWA_CREDENTIALS.refreshToken,
  };
}

/**
 * `packbench sync --once --db PATH` in a child process, SIGKILLed after `killAfterMs` if it is
 * still running then (null: left to finish, up to `timeoutMs`, after which it is killed too and
 * the run says so).
 */
export async function runSyncProcess(dbPath: string, mock: MockAmazon, killAfterMs: number | null, timeoutMs = 120_000): Promise<SyncRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/packbench.mjs', 'sync', '--once', '--db', dbPath], { cwd: ROOT, env: syncEnvironment(mock), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Read the pipes for the whole life of the process: a full pipe would stall it.
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolveExit(code));
  });
  const deadline = killAfterMs ?? timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const killed = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolveKill) => {
      timer = setTimeout(() => resolveKill(true), deadline);
    }),
  ]);
  clearTimeout(timer);
  if (killed && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const code = await exited;
  if (killed && killAfterMs === null) output += `\n[sync driver: killed after ${timeoutMs} ms without finishing]`;
  return { exit: killed ? 'killed' : 'exited', code, ms: performance.now() - started, output };
}

// ---- the soak ---------------------------------------------------------------------------

export type SyncSoakOptions = {
  confirmations: number;
  kills: number;
  seed: number;
  workDir: string;
  /** Share of all marketplace calls that fail, spread over every fault kind. Default 0.3. */
  faultProbability?: number;
  /** Each faulty run is killed this long after it is spawned (it takes ~1 s to start). */
  killAfterMs?: [number, number];
  /** Default: the station's own default (50). */
  feedThreshold?: number;
  /** The mock's limits where they differ from Amazon's documented defaults. */
  rateLimits?: Partial<Record<RateLimitedOperation, RateLimit>>;
  /**
   * The backlog is labelled in this many equal waves, one before each of the first faulty runs,
   * as a bench packing while a scheduler runs the sync. Default 1: all of it before the first.
   */
  waves?: number;
  /** Clean runs allowed to drain what is left before the soak gives up. Default 12. */
  cleanRuns?: number;
  log?: (line: string) => void;
};

export type SyncSoakResult = SyncAudit & {
  confirmations: number;
  kills: number;
  /** Faulty runs that finished before their kill came. */
  finishedRuns: number;
  cleanRuns: number;
  /** Confirmations not yet done when the faults stopped: the clean runs' work. */
  pendingAfterFaults: number;
  /** Confirmations that went by feed and by call (a soak should see both). */
  sentVia: Record<string, number>;
  faultsInjected: number;
  faultKinds: Partial<Record<FaultKind, number>>;
  /** Jobs still not done after the clean runs, by state. */
  left: Record<string, number>;
  modelViolations: string[];
  ms: number;
  /** The last clean run's output, for a failure message. */
  lastOutput: string;
};

/**
 * The reliability soak: a faulty marketplace and a sync process killed at random, `kills` times;
 * then the faults stop and the sync runs until nothing is pending; then the audit.
 *
 * Before every run the driver presses Retry on the waiting confirmations (sync.retry, what a
 * supervisor's button does): the outbox's backoff (10 s doubling to 15 minutes) would otherwise
 * leave most runs of a soak compressed into minutes with nothing due, and the kills would land
 * on idle processes. Jobs a kill left in 'sending' are not touched: the sync process itself must
 * recover them.
 */
export async function runSyncSoak(options: SyncSoakOptions): Promise<SyncSoakResult> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const [minKill, maxKill] = options.killAfterMs ?? [800, 4_000];
  const started = performance.now();
  const mock = await startMockAmazon({ seed: options.seed, feedTiming: { polls: 2 }, ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}) });
  const dbPath = join(options.workDir, 'sync-soak.db');
  try {
    const orders = backlogOrders(options.confirmations, { nowMs: Date.now(), seed: options.seed });
    // Amazon knows every order from the start; the bench labels them wave by wave.
    mock.control.addOrders(orders);
    const waveCount = Math.max(1, Math.min(options.waves ?? 1, orders.length));
    const waves = Array.from({ length: waveCount }, (_, wave) => orders.slice(Math.floor((wave * orders.length) / waveCount), Math.floor(((wave + 1) * orders.length) / waveCount)));
    const opened = openBacklogStation({ dbPath, mock, orders: waves.shift() ?? [], feedThreshold: options.feedThreshold ?? 50 });
    const expected = opened.expected;
    opened.station.close();

    /** Labels the next wave, presses Retry on what waits; how much is left to do. */
    const beforeRun = (labelWave: boolean) => {
      const station = openStation({ dbPath, host: 'browser', version: 'sync-driver', demo: false });
      try {
        const wave = labelWave ? waves.shift() : undefined;
        if (wave) expected.push(...seedBacklog(station, wave, Date.now()));
        for (const job of station.store.outbox.inState(CONFIRM_KIND, 'retry-wait')) station.sync.retry(job.id);
        return station.store.outbox.unsent(CONFIRM_KIND).length + station.store.sync.openFeeds().length + waves.length;
      } finally {
        station.close();
      }
    };

    for (const fault of spreadFaults(options.faultProbability ?? 0.3, 1_500)) mock.control.fault(fault);
    let kills = 0;
    let finishedRuns = 0;
    // A run that finishes before its kill does not count as one; a run is spawned only while there is work to kill it in.
    for (let spawned = 0; kills < options.kills && spawned < options.kills * 4; spawned += 1) {
      if (beforeRun(spawned > 0) === 0) break;
      const killAfter = minKill + Math.floor(random() * (maxKill - minKill));
      const run = await runSyncProcess(dbPath, mock, killAfter);
      if (run.exit === 'killed') kills += 1;
      else finishedRuns += 1;
      log(`sync soak: run ${spawned + 1} ${run.exit === 'killed' ? `killed after ${killAfter} ms` : `finished (${run.code}) in ${Math.round(run.ms)} ms`}`);
    }

    mock.control.clearFaults();
    // Waves the kills did not reach are labelled now: every confirmation is expected in the end.
    while (waves.length > 0) beforeRun(true);
    const pendingAfterFaults = beforeRun(false);
    let cleanRuns = 0;
    let lastOutput = '';
    const maxClean = options.cleanRuns ?? 12;
    for (let left = pendingAfterFaults; cleanRuns < maxClean && left > 0; left = beforeRun(false)) {
      const run = await runSyncProcess(dbPath, mock, null);
      cleanRuns += 1;
      lastOutput = run.output;
      log(`sync soak: clean run ${cleanRuns} ${run.exit} (${run.code}) in ${Math.round(run.ms)} ms: ${run.output.trim().split('\n').slice(-1)[0] ?? ''}`);
    }

    const station = openStation({ dbPath, host: 'browser', version: 'sync-driver', demo: false });
    try {
      const record = mock.control.record();
      const audit = auditConfirmations(expected, record, (jobId) => station.store.outbox.get(jobId)?.state ?? null);
      const left: Record<string, number> = {};
      for (const job of station.store.outbox.unsent(CONFIRM_KIND)) left[job.state] = (left[job.state] ?? 0) + 1;
      const sentVia: Record<string, number> = {};
      for (const want of expected) {
        const via = station.store.outbox.get(want.jobId)?.sentVia;
        if (via) sentVia[via] = (sentVia[via] ?? 0) + 1;
      }
      const faultKinds: Partial<Record<FaultKind, number>> = {};
      for (const fault of record.faults) faultKinds[fault.kind] = (faultKinds[fault.kind] ?? 0) + 1;
      return {
        ...audit,
        confirmations: expected.length,
        kills,
        finishedRuns,
        cleanRuns,
        pendingAfterFaults,
        sentVia,
        faultsInjected: record.faults.length,
        faultKinds,
        left,
        modelViolations: record.modelViolations,
        ms: performance.now() - started,
        lastOutput,
      };
    } finally {
      station.close();
    }
  } finally {
    await mock.close();
  }
}
