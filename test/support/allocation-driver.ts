import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/db/open';
import type { Db } from '../../electron/db/open';
import { createStore } from '../../electron/db/store';
import type { Store } from '../../electron/db/store';
import type { ServiceRecord } from '../../electron/db/repositories/carriers';
import type { OrderRecord } from '../../electron/db/repositories/orders';
import { DEMO_SERVICES } from '../../electron/services/demo-seed';
import { allocateTrackingNumber } from '../../electron/services/tracking-allocator';
import { makeTrackingNumber, validateTrackingNumber } from '../../shared/domain/tracking';
import type { TrackingFormat } from '../../shared/domain/tracking';
import { seededRandom } from '../../shared/random';

// The allocation soak: several worker processes take tracking numbers from the same database
// file at once, and random ones are SIGKILLed and restarted. Afterwards the ledger is audited
// against what the workers printed and against the ranges: no number went out twice, and every
// number a range gave up is in the ledger, on exactly one package or recorded as orphaned.
// The integration test runs short soaks; `bench/tracking.ts` runs 10,000 allocations.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./allocation-worker.mjs', import.meta.url));
/** The note the start-up sweep leaves on a number it orphans (electron/db/repositories/carriers.ts). */
const ORPHAN_NOTE = 'issued but never on a label';

// ---- the soak database and the two steps of an allocation ----------------------------------

const DEMO_SERVICE = (() => {
  const [service] = DEMO_SERVICES;
  if (!service?.range) throw new Error('DEMO_SERVICES[0] must be a range-fed service');
  return service;
})();

/** The range-fed service every soak allocates from (China Post registered, 10,000 numbers). */
export const ALLOCATION_SERVICE_ID = DEMO_SERVICE.id;
/** The one order every soak package belongs to: packages need an order, the soak needs no more. */
export const ALLOCATION_ORDER_ID = 'ALLOC-SOAK-0001';

const SOAK_ORDER: OrderRecord = {
  orderId: ALLOCATION_ORDER_ID,
  marketplace: 'amazon',
  status: 'packing',
  purchaseDate: '2026-11-24T00:00:00.000Z',
  latestShipDate: '2026-11-26T20:00:00.000Z',
  latestDeliveryDate: null,
  shipServiceLevel: 'Standard',
  isPrime: false,
  isBusiness: false,
  buyerName: 'Soak Buyer',
  buyerEmail: null,
  recipient: { name: 'Soak Buyer', address1: '1 Main St', address2: null, address3: null, city: 'Austin', state: 'TX', postalCode: '73301', countryCode: 'US', phone: null },
  source: 'test',
  onHold: false,
  buyerCancelRequested: false,
  cancelledAt: null,
  cancelReason: null,
};

/**
 * The service, its range and the soak order, written once. BEGIN IMMEDIATE: several workers
 * may start on the same file, and a deferred check-then-insert would let two of them insert.
 */
export function prepareAllocationStore(store: Store, at: string): ServiceRecord {
  return store.writeTransaction(() => {
    const existing = store.carriers.getService(ALLOCATION_SERVICE_ID);
    if (existing) return existing;
    const { range, ...service } = DEMO_SERVICE;
    store.carriers.saveService(service, 0);
    if (range) store.carriers.insertRange({ serviceId: service.id, ...range, reference: 'allocation soak', importedAt: at });
    store.orders.insert(SOAK_ORDER, [], at);
    const saved = store.carriers.getService(ALLOCATION_SERVICE_ID);
    if (!saved) throw new Error(`service ${ALLOCATION_SERVICE_ID} vanished after insert`);
    return saved;
  });
}

/** Creates and prepares a soak database before any worker starts (migrating from several processes at once is not what is under test). */
export function prepareAllocationDatabase(dbPath: string, at: string): void {
  const db = openDatabase({ path: dbPath });
  try {
    prepareAllocationStore(createStore(db), at);
  } finally {
    db.close();
  }
}

export type TakenNumber = { number: string; packageId: number | null };

/** The two transactions of one allocation, with their statements prepared once per connection. */
export function createAllocationSteps(store: Store, service: ServiceRecord) {
  const ledgerCount = store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tracking_numbers');
  return {
    /**
     * Transaction 1: a number, recorded 'allocated' (for a package created with it, or for none
     * yet). Null once the ledger holds `target` numbers: counted inside the same immediate
     * transaction, so concurrent workers stop at exactly the target.
     */
    allocate(withPackage: boolean, target: number, at: string): TakenNumber | null {
      return store.writeTransaction(() => {
        if ((ledgerCount.get()?.n ?? 0) >= target) return null;
        const pkg = withPackage ? store.shipments.createPackage(ALLOCATION_ORDER_ID, at) : null;
        const number = allocateTrackingNumber(store, service, pkg?.id ?? null, at);
        return { number, packageId: pkg?.id ?? null };
      });
    },
    /**
     * Transaction 2: the number goes on a package and becomes 'labelled'. Another station's
     * start-up sweep may have orphaned it in between (it cannot tell a live worker's number from
     * a dead one's); an orphaned number must never reach a label, so then nothing is bound.
     */
    bind(taken: TakenNumber, at: string): boolean {
      return store.writeTransaction(() => {
        const entry = store.carriers.number(taken.number);
        if (!entry || entry.state !== 'allocated') return false;
        const pkg = (taken.packageId === null ? null : store.shipments.get(taken.packageId)) ?? store.shipments.createPackage(ALLOCATION_ORDER_ID, at);
        store.shipments.savePackage({ ...pkg, status: 'labelled', serviceId: service.id, trackingNumber: taken.number, labelledAt: at }, at);
        store.carriers.setNumberState(taken.number, 'allocated', 'labelled', at, pkg.id);
        return true;
      });
    },
  };
}

// ---- the soak -----------------------------------------------------------------------------

export type AllocationSoakOptions = {
  dbPath: string;
  /** Numbers the ledger must hold when the workers stop. */
  target: number;
  workers: number;
  /** A random wait between kills, or null for a run without kills. */
  killEveryMs: [number, number] | null;
  seed: number;
  log?: (line: string) => void;
  /** The longest random pause a worker makes between allocating and binding (default 0). */
  bindDelayMs?: number;
  /** Stop killing after this many (default: no limit). */
  maxKills?: number;
  /** The whole run, kills and restarts included (default 5 minutes). */
  timeoutMs?: number;
};

/** What the workers printed: each line is a step that had committed when it was written. */
export type WorkerReports = { allocated: string[]; labelled: string[]; swept: string[] };

export type AllocationAudit = {
  /** Rows in the ledger. */
  issued: number;
  labelled: number;
  orphaned: number;
  void: number;
  /** Numbers a worker printed as allocated more than once (must be none). */
  duplicates: string[];
  /** Numbers a worker printed as allocated that the ledger does not hold (must be none). */
  missing: string[];
  /** Sequences a range gave up with no ledger row, and ledger rows no range gave up (must be none). */
  unaccounted: string[];
  /** Everything else that is not as it must be (must be none). */
  problems: string[];
};

export type AllocationSoakResult = AllocationAudit & {
  seed: number;
  kills: number;
  /** 'A' lines: numbers whose allocation a worker saw commit. */
  reported: number;
  /** 'A' lines per worker slot, restarts included: who took part. */
  reportedBySlot: number[];
  /** Numbers a live worker lost to another worker's start-up sweep before it could bind them. */
  swept: number;
  /** Numbers the workers' start-up sweeps and the final one recorded as orphaned. */
  orphansRecorded: number;
  /** From the first spawn to the last worker's exit (the audit excluded). */
  elapsedMs: number;
};

type LedgerRow = {
  number: string;
  service_id: string;
  source: string;
  range_id: number | null;
  seq: number | null;
  package_id: number | null;
  state: string;
  note: string | null;
};
type RangeRow = { id: number; service_id: string; prefix: string; suffix: string; first_seq: number; next_seq: number; tracking_format: TrackingFormat };
type PackageRow = { id: number; status: string; tracking_number: string };

const LIST_LIMIT = 50;

function push(list: string[], text: string): void {
  if (list.length < LIST_LIMIT) list.push(text);
}

/**
 * Checks the ledger against itself, the ranges, the packages and, when given, what the workers
 * printed. Reads the tables with its own SQL, not through the repository under test, in one
 * read transaction so the picture is consistent.
 */
export function auditAllocationLedger(db: Db, reports: WorkerReports | null): AllocationAudit {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const foreignKeys = db.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);

  const { ledger, ranges, packages, formats } = db.transaction(() => ({
    ledger: db.prepare<[], LedgerRow>('SELECT number, service_id, source, range_id, seq, package_id, state, note FROM tracking_numbers').all(),
    ranges: db
      .prepare<[], RangeRow>('SELECT r.id, r.service_id, r.prefix, r.suffix, r.first_seq, r.next_seq, s.tracking_format FROM tracking_ranges r JOIN services s ON s.id = r.service_id')
      .all(),
    packages: db.prepare<[], PackageRow>('SELECT id, status, tracking_number FROM packages WHERE tracking_number IS NOT NULL').all(),
    formats: new Map(db.prepare<[], { id: string; tracking_format: TrackingFormat }>('SELECT id, tracking_format FROM services').all().map((row) => [row.id, row.tracking_format])),
  }))();
  const byNumber = new Map(ledger.map((row) => [row.number, row]));

  // (1) Printed twice.
  const printed = new Map<string, number>();
  for (const number of reports?.allocated ?? []) printed.set(number, (printed.get(number) ?? 0) + 1);
  const duplicates = [...printed].filter(([, n]) => n > 1).map(([number, n]) => `${number} printed as allocated ${n} times`);

  // (2) Printed after its transaction committed, so it must be in the ledger.
  const missing: string[] = [];
  for (const number of printed.keys()) if (!byNumber.has(number)) push(missing, number);

  // (3) Every sequence a range gave up has exactly one ledger row with the number it makes, and
  // the ledger holds no range number that no range gave up.
  const unaccounted: string[] = [];
  const seqsOf = new Map<number, Map<number, LedgerRow>>();
  for (const row of ledger) {
    if (row.source !== 'range') continue;
    if (row.range_id === null || row.seq === null) {
      push(unaccounted, `${row.number}: a range number without its range and sequence`);
      continue;
    }
    const seqs = seqsOf.get(row.range_id) ?? new Map<number, LedgerRow>();
    seqs.set(row.seq, row);
    seqsOf.set(row.range_id, seqs);
  }
  let consumed = 0;
  for (const range of ranges) {
    const seqs = seqsOf.get(range.id) ?? new Map<number, LedgerRow>();
    seqsOf.delete(range.id);
    consumed += range.next_seq - range.first_seq;
    for (let seq = range.first_seq; seq < range.next_seq; seq += 1) {
      const row = seqs.get(seq);
      seqs.delete(seq);
      if (!row) {
        push(unaccounted, `range ${range.id} sequence ${seq} was taken but is not in the ledger`);
        continue;
      }
      const expected = makeTrackingNumber(range.tracking_format, range, seq);
      if (row.number !== expected) problems.push(`range ${range.id} sequence ${seq} is recorded as ${row.number}, but makes ${expected}`);
    }
    for (const row of seqs.values()) push(unaccounted, `${row.number}: range ${range.id} sequence ${row.seq ?? '?'} is in the ledger but the range never gave it up`);
  }
  for (const [rangeId, seqs] of seqsOf) for (const row of seqs.values()) push(unaccounted, `${row.number}: in the ledger for range ${rangeId}, which does not exist`);
  const rangeRows = ledger.filter((row) => row.source === 'range').length;
  if (rangeRows !== consumed) problems.push(`the ledger holds ${rangeRows} range numbers, the ranges gave up ${consumed}`);

  // (4) and (5): nothing left allocated after the sweep; a labelled number on exactly the
  // package the ledger names, an orphaned one on none.
  const carrier = new Map(packages.map((row) => [row.tracking_number, row]));
  const counts = { allocated: 0, labelled: 0, void: 0, orphaned: 0 } as Record<string, number>;
  for (const row of ledger) {
    counts[row.state] = (counts[row.state] ?? 0) + 1;
    const pkg = carrier.get(row.number);
    if (row.state === 'allocated') push(problems, `${row.number} is still 'allocated' after the start-up sweep`);
    if (row.state === 'labelled') {
      if (!pkg) push(problems, `${row.number} is labelled but no package carries it`);
      else if (pkg.id !== row.package_id) push(problems, `${row.number} is labelled for package ${row.package_id ?? 'none'} but package ${pkg.id} carries it`);
      // The sweep's note on a labelled number: it was orphaned, then put on a label anyway.
      if (row.note?.includes(ORPHAN_NOTE)) push(problems, `${row.number} was recorded as orphaned and later labelled`);
    }
    if (row.state === 'orphaned' && pkg) push(problems, `${row.number} is orphaned but package ${pkg.id} carries it`);
    // (6) Only valid numbers go on labels.
    const format = formats.get(row.service_id);
    const valid = format ? validateTrackingNumber(format, row.number) : null;
    if (!valid?.ok) push(problems, `${row.number} is not a valid number of ${row.service_id}: ${valid && !valid.ok ? valid.code : 'unknown service'}`);
  }
  for (const pkg of packages) {
    const row = byNumber.get(pkg.tracking_number);
    const expected = pkg.status === 'void' ? 'void' : 'labelled';
    if (!row) push(problems, `package ${pkg.id} carries ${pkg.tracking_number}, which the ledger does not hold`);
    else if (row.state !== expected) push(problems, `package ${pkg.id} (${pkg.status}) carries ${pkg.tracking_number}, which the ledger has as ${row.state}`);
  }

  // What the workers saw must agree with where the numbers ended up.
  for (const number of reports?.labelled ?? []) {
    const state = byNumber.get(number)?.state;
    if (state !== 'labelled') push(problems, `${number} was reported labelled but the ledger has it as ${state ?? 'missing'}`);
  }
  // A worker binds only what it has printed as allocated: a labelled number nobody printed means
  // output was lost or a number was used before its allocation committed.
  if (reports) for (const row of ledger) if (row.state === 'labelled' && !printed.has(row.number)) push(problems, `${row.number} is labelled but no worker reported allocating it`);
  for (const number of reports?.swept ?? []) {
    const state = byNumber.get(number)?.state;
    if (state !== 'orphaned') push(problems, `${number} was left unbound after a sweep but the ledger has it as ${state ?? 'missing'}`);
  }

  return {
    issued: ledger.length,
    labelled: counts['labelled'] ?? 0,
    orphaned: counts['orphaned'] ?? 0,
    void: counts['void'] ?? 0,
    duplicates,
    missing,
    unaccounted,
    problems,
  };
}

type Worker = { child: ChildProcess; ready: boolean; done: boolean; killed: boolean; stderr: string };

/**
 * Runs `workers` allocation workers on one database file until the ledger holds `target`
 * numbers, SIGKILLing a random ready worker every `killEveryMs` and starting it again, then
 * sweeps once more (as the next start would) and audits. Repeatable from `seed` up to timing.
 */
export async function runAllocationSoak(options: AllocationSoakOptions): Promise<AllocationSoakResult> {
  const random = seededRandom(options.seed);
  const log = options.log ?? (() => undefined);
  const reports: WorkerReports = { allocated: [], labelled: [], swept: [] };
  const reportedBySlot = Array.from({ length: options.workers }, () => 0);
  const problems: string[] = [];
  let orphansRecorded = 0;
  let kills = 0;
  let finished = false;

  prepareAllocationDatabase(options.dbPath, new Date().toISOString());

  const slots: Worker[] = [];
  const lives = Array.from({ length: options.workers }, () => 0);
  let settle: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const checkFinished = () => {
    if (!finished && slots.every((worker) => worker.done)) {
      finished = true;
      settle();
    }
  };
  const abort = (text: string) => {
    problems.push(text);
    finished = true;
    for (const worker of slots) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    settle();
  };

  function start(slot: number): void {
    lives[slot] = (lives[slot] ?? 0) + 1;
    // Each life of each slot has its own seed, so a repeat run makes the same choices per life.
    const workerSeed = (options.seed ^ Math.imul(slot + 1, 0x9e3779b1) ^ Math.imul(lives[slot] ?? 1, 0x85ebca6b)) >>> 0 || 1;
    const child = spawn(
      process.execPath,
      [WORKER, options.dbPath, '--target', String(options.target), '--seed', String(workerSeed), '--bind-delay-ms', String(options.bindDelayMs ?? 0)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const worker: Worker = { child, ready: false, done: false, killed: false, stderr: '' };
    slots[slot] = worker;
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, value = ''] = line.split(' ');
        if (kind === 'A') {
          reports.allocated.push(value);
          reportedBySlot[slot] = (reportedBySlot[slot] ?? 0) + 1;
        } else if (kind === 'L') reports.labelled.push(value);
        else if (kind === 'X') reports.swept.push(value);
        else if (kind === 'R') {
          orphansRecorded += Number(value);
          worker.ready = true;
        } else if (kind === 'D') worker.done = true;
        else push(problems, `worker ${slot} printed an unknown line: ${line}`);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      worker.stderr = (worker.stderr + chunk.toString()).slice(-4_000);
    });
    // 'close', not 'exit': every line the worker wrote has been read by then.
    child.once('close', (code, signal) => {
      if (finished) return;
      if (worker.killed) {
        start(slot);
        return;
      }
      if (code === 0 && worker.done) {
        checkFinished();
        return;
      }
      abort(`worker ${slot} exited on its own (${code ?? signal}) after ${reportedBySlot[slot] ?? 0} numbers: ${worker.stderr.trim() || 'no output'}`);
    });
  }

  const pause = (ms: number) => Promise.race([allDone, new Promise((resolve) => setTimeout(resolve, ms))]);
  // Only a worker past its start-up does anything a kill could interrupt.
  const candidates = () => slots.flatMap((worker, slot) => (worker.ready && !worker.done && !worker.killed ? [slot] : []));

  async function killer(range: [number, number]): Promise<void> {
    while (!finished && kills < (options.maxKills ?? Infinity)) {
      await pause(range[0] + Math.floor(random() * (range[1] - range[0] + 1)));
      if (candidates().length === 0) {
        while (!finished && candidates().length === 0) await pause(5);
        // Every worker was restarting: wait again from the moment one is up, or the kill
        // would always fall on its first allocation.
        await pause(Math.floor(random() * (range[1] + 1)));
      }
      const ready = candidates();
      if (finished || ready.length === 0) continue;
      const slot = ready[Math.floor(random() * ready.length)];
      const worker = slot === undefined ? undefined : slots[slot];
      if (!worker) continue;
      worker.killed = true;
      worker.child.kill('SIGKILL');
      kills += 1;
      if (kills % 10 === 0) log(`allocation soak: ${kills} kills, ${reports.allocated.length} numbers reported`);
    }
  }

  const started = performance.now();
  for (let slot = 0; slot < options.workers; slot += 1) start(slot);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(() => abort(`the soak did not reach ${options.target} numbers within ${timeoutMs} ms`), timeoutMs);
  try {
    await Promise.all([allDone, options.killEveryMs ? killer(options.killEveryMs) : Promise.resolve()]);
  } finally {
    clearTimeout(timer);
  }
  const elapsedMs = performance.now() - started;
  await Promise.all(slots.map((worker) => (worker.child.exitCode === null && worker.child.signalCode === null ? new Promise((resolve) => worker.child.once('close', resolve)) : null)));

  // The next start: sweep what the last kills left allocated, then audit.
  const db = openDatabase({ path: options.dbPath });
  try {
    const store = createStore(db);
    orphansRecorded += store.writeTransaction(() => store.carriers.recordOrphans(new Date().toISOString()));
    const audit = auditAllocationLedger(db, reports);
    if (audit.issued !== options.target && problems.length === 0) problems.push(`the ledger holds ${audit.issued} numbers, the target was ${options.target}`);
    return {
      ...audit,
      problems: [...problems, ...audit.problems],
      seed: options.seed,
      kills,
      reported: reports.allocated.length,
      reportedBySlot,
      swept: reports.swept.length,
      orphansRecorded,
      elapsedMs,
    };
  } finally {
    db.close();
  }
}
