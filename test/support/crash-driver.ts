import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { PackView, ScanOutcome } from '../../shared/contract';
import { FACT_KINDS } from '../../electron/db/repositories/events';
import { currentPackage, packageUnitCount, replay, totalRemaining } from '../../shared/pack/pack-session';
import type { PackFact, SessionLine, SessionState } from '../../shared/pack/pack-session';

// The crash driver: a scripted packer drives browser mode in a child process over HTTP, and
// the host is killed with SIGKILL at random moments with several requests in flight. After
// every restart the database is audited against what the packer was told: a scan answered
// before the kill must be stored exactly once, nothing may be stored twice, and the session
// the service shows must be the pure replay of the stored facts. The integration test runs a
// short version; `npm run bench -- crash` runs the long soak.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKER_BADGE = 'OP-1001';
const OPEN_STATUSES = "('new', 'acknowledged', 'packing')";

// ---- seeded randomness ------------------------------------------------------------------

export type Random = {
  next: () => number;
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
};

/** mulberry32: a small PRNG, so a failing run can be repeated from its printed seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}

// ---- the browser-mode host in a child process -------------------------------------------

export type Host = {
  child: ChildProcess;
  origin: string;
  token: string;
  /** The last lines the host printed (its log), for a failure message. */
  log: () => string;
  exited: Promise<void>;
};

/** Starts `packbench serve` on a free port and waits for the address it prints. */
export async function startHost(dbPath: string, timeoutMs = 30_000): Promise<Host> {
  const child = spawn(process.execPath, ['bin/packbench.mjs', 'serve', '--port', '0', '--db', dbPath], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  // Read the pipes for the whole life of the host: a full pipe would stall it mid-request.
  const remember = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its address within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const look = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', look);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${code ?? signal}) before it printed its address:\n${text}`));
    });
  });
  const parsed = new URL(url);
  return { child, origin: parsed.origin, token: parsed.hash.replace('#token=', ''), log: () => text, exited };
}

export async function killHost(host: Host, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill(signal);
  await host.exited;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** A request either got a whole answer, or it was lost with the host. */
type Reply = { answered: true; status: number; answer: Answer } | { answered: false; reason: string };

async function post(host: Host, channel: string, input: unknown): Promise<Reply> {
  try {
    const res = await fetch(`${host.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify(input),
    });
    return { answered: true, status: res.status, answer: (await res.json()) as Answer };
  } catch (error) {
    return { answered: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

async function call<T>(host: Host, channel: string, input: unknown): Promise<T> {
  const reply = await post(host, channel, input);
  if (!reply.answered) throw new Error(`${channel}: no answer (${reply.reason})\n${host.log()}`);
  if (!reply.answer.ok) throw new Error(`${channel}: ${reply.answer.error.code} ${reply.answer.error.message}`);
  return reply.answer.value as T;
}

/**
 * Frames of the current WAL generation after its last commit frame: a transaction the kill cut
 * off while SQLite was writing it. Evidence that a kill landed mid-commit; recovery must ignore
 * them. (WAL format: 32-byte header with the salts, then 24-byte frame headers, big-endian; a
 * commit frame carries the database size in pages, other frames zero.)
 */
export function uncommittedWalFrames(walPath: string): number {
  let fd: number;
  try {
    fd = openSync(walPath, 'r');
  } catch {
    return 0;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < 32) return 0;
    const header = Buffer.alloc(32);
    readSync(fd, header, 0, 32, 0);
    const pageSize = header.readUInt32BE(8);
    const salts = [header.readUInt32BE(16), header.readUInt32BE(20)];
    const frame = Buffer.alloc(24);
    let trailing = 0;
    for (let offset = 32; offset + 24 <= size; offset += 24 + pageSize) {
      readSync(fd, frame, 0, 24, offset);
      // Frames with other salts are left over from before the last checkpoint restarted the log.
      if (frame.readUInt32BE(8) !== salts[0] || frame.readUInt32BE(12) !== salts[1]) break;
      trailing = frame.readUInt32BE(4) === 0 ? trailing + 1 : 0;
    }
    return trailing;
  } finally {
    closeSync(fd);
  }
}

// ---- what the packer was told -----------------------------------------------------------

/** One physical scan as the client knows it. */
export type LedgerEntry = {
  orderId: string;
  code: string;
  /** The order line this scan adds a unit to when accepted; null for mistakes and serial prompts. */
  unitOf: string | null;
  /** Requests sent with this scan id (retries included). */
  sends: number;
  /** A complete answer with an outcome reached the client: the screen showed it. */
  answered: boolean;
};

export type ScanLedger = Map<string, LedgerEntry>;

// ---- the audit ------------------------------------------------------------------------------

type EventRow = { id: number; order_id: string; kind: string; scan_id: string | null; detail: string };
type ItemRow = { order_item_id: string; order_id: string; sku: string; quantity: number; serial_required: number; quantity_entry: number };
type PackageRow = { id: number; order_id: string; seq: number; status: string; tracking_number: string | null; zpl_labels: number; confirmations: number };

export type Audit = {
  /** Acknowledged scans missing from the log. */
  lost: string[];
  /** Scan ids stored more than once (as a row's scan id or inside a fact). */
  duplicates: string[];
  /** Anything else that is not as it must be: integrity, a half-stored transaction, a phantom scan. */
  problems: string[];
  /** Each order's session replayed from the stored facts alone. */
  sessions: Map<string, SessionState>;
  eventCount: number;
  /** Scans sent but not answered that the log holds (the kill fell between commit and answer). */
  storedUnanswered: string[];
};

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * Reads the database read-only and checks it against the ledger and against itself. Cross-table
 * checks catch a transaction stored by halves: a fact without the package row it opened, a
 * label without its fact, a last unit without the package closing it.
 */
export function auditDatabase(dbPath: string, ledger: ScanLedger): Audit {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);

    const events = db.prepare<[], EventRow>('SELECT id, order_id, kind, scan_id, detail FROM pack_events ORDER BY id').all();
    const items = db
      .prepare<[], ItemRow>(
        `SELECT i.order_item_id, i.order_id, i.sku, i.quantity, coalesce(c.serial_required, 0) AS serial_required,
           coalesce(c.quantity_entry, 0) AS quantity_entry
         FROM order_items i LEFT JOIN catalog_items c ON c.sku = i.sku ORDER BY i.rowid`,
      )
      .all();
    const statuses = new Map(db.prepare<[], { order_id: string; status: string }>('SELECT order_id, status FROM orders').all().map((row) => [row.order_id, row.status]));
    const packages = db
      .prepare<[], PackageRow>(
        `SELECT p.id, p.order_id, p.seq, p.status, p.tracking_number,
           (SELECT count(*) FROM labels l WHERE l.package_id = p.id AND l.format = 'zpl') AS zpl_labels,
           (SELECT count(*) FROM outbox o WHERE o.package_id = p.id AND o.kind = 'confirm-shipment') AS confirmations
         FROM packages p ORDER BY p.id`,
      )
      .all();

    // Exactly once, counted twice over: the indexed scan_id column, and the scan id inside each
    // stored fact (which no unique index protects).
    const facts = events.filter((event) => FACT_KINDS.has(event.kind as PackFact['type'])).map((event) => ({ event, fact: JSON.parse(event.detail) as PackFact }));
    const byColumn = countBy(events, (event) => event.scan_id);
    const byFact = countBy(facts, ({ fact }) => ('scanId' in fact ? fact.scanId : null));
    const duplicates = new Set<string>();
    for (const [scanId, n] of [...byColumn, ...byFact]) if (n > 1) duplicates.add(scanId);

    const lost: string[] = [];
    const storedUnanswered: string[] = [];
    for (const [scanId, entry] of ledger) {
      const stored = byColumn.get(scanId) ?? 0;
      if (entry.answered && stored === 0) lost.push(`${scanId} (${entry.orderId}, ${entry.code})`);
      if (!entry.answered && entry.sends > 0 && stored > 0) storedUnanswered.push(scanId);
    }
    for (const scanId of byColumn.keys()) {
      const entry = ledger.get(scanId);
      if (!entry || entry.sends === 0) problems.push(`scan ${scanId} is stored but was never sent`);
    }
    for (const { event, fact } of facts) {
      if (fact.type !== 'unit' || fact.scanId === null) continue;
      const entry = ledger.get(fact.scanId);
      if (entry && (entry.unitOf !== fact.orderItemId || entry.orderId !== event.order_id)) {
        problems.push(`scan ${fact.scanId} was stored as a unit of ${event.order_id}/${fact.orderItemId}, expected ${entry.orderId}/${entry.unitOf ?? 'no unit'}`);
      }
    }

    const linesOf = new Map<string, SessionLine[]>();
    for (const item of items) {
      const lines = linesOf.get(item.order_id) ?? [];
      lines.push({
        orderItemId: item.order_item_id,
        sku: item.sku,
        quantity: item.quantity,
        serialRequired: item.serial_required === 1,
        quantityEntryAllowed: item.quantity_entry === 1,
      });
      linesOf.set(item.order_id, lines);
    }
    const factsOf = new Map<string, PackFact[]>();
    for (const { event, fact } of facts) factsOf.set(event.order_id, [...(factsOf.get(event.order_id) ?? []), fact]);
    const packagesOf = new Map<string, PackageRow[]>();
    for (const row of packages) packagesOf.set(row.order_id, [...(packagesOf.get(row.order_id) ?? []), row]);

    const sessions = new Map<string, SessionState>();
    for (const orderId of new Set([...factsOf.keys(), ...packagesOf.keys()])) {
      const orderFacts = factsOf.get(orderId) ?? [];
      const state = replay(orderId, linesOf.get(orderId) ?? [], orderFacts);
      sessions.set(orderId, state);
      const rows = packagesOf.get(orderId) ?? [];
      const where = `order ${orderId}`;
      if (orderFacts.some((fact) => fact.type === 'opened') && !['packing', 'packed'].includes(statuses.get(orderId) ?? '')) {
        problems.push(`${where}: opened, but the order is ${statuses.get(orderId) ?? 'missing'}, not packing`);
      }
      for (const fact of orderFacts) {
        if (fact.type === 'opened' && !rows.some((row) => row.seq === fact.packageSeq)) {
          problems.push(`${where}: opened package ${fact.packageSeq} has no package row`);
        }
        if (fact.type === 'package-closed' && rows.find((row) => row.seq === fact.packageSeq)?.status === 'open') {
          problems.push(`${where}: package ${fact.packageSeq} closed in the log but open in packages`);
        }
      }
      for (const row of rows) {
        const pkg = state.packages.find((candidate) => candidate.seq === row.seq);
        if (!pkg) problems.push(`${where}: package row ${row.seq} without an opened fact`);
        else if (row.status !== 'open' && !pkg.closed) problems.push(`${where}: package ${row.seq} is ${row.status} but not closed in the log`);
        const labelled = pkg?.labelled ?? false;
        if ((row.tracking_number !== null) !== labelled || (labelled && (row.zpl_labels !== 1 || row.confirmations !== 1))) {
          problems.push(
            `${where}: package ${row.seq} half labelled (tracking ${row.tracking_number ?? 'none'}, labelled fact ${labelled}, zpl ${row.zpl_labels}, confirmations ${row.confirmations})`,
          );
        }
      }
      // The last unit and the package closing behind it are stored in one transaction.
      const current = currentPackage(state);
      if (current && !current.closed && packageUnitCount(current) > 0 && totalRemaining(state) === 0) {
        problems.push(`${where}: every unit is scanned but package ${current.seq} is not closed (half a transaction)`);
      }
      for (const line of state.lines) {
        if ((state.accepted[line.orderItemId] ?? 0) > line.quantity) {
          problems.push(`${where}: ${state.accepted[line.orderItemId]} units of ${line.orderItemId} accepted, ${line.quantity} ordered`);
        }
      }
    }
    return { lost, duplicates: [...duplicates], problems, sessions, eventCount: events.length, storedUnanswered };
  } finally {
    db.close();
  }
}

/** Where the screen (built by the service) and the pure replay of the stored facts differ. */
export function compareView(view: PackView, state: SessionState): string[] {
  const differences: string[] = [];
  const current = currentPackage(state);
  for (const line of view.lines) {
    const accepted = state.accepted[line.orderItemId] ?? 0;
    const inPackage = current?.units[line.orderItemId] ?? 0;
    if (line.scanned !== accepted) differences.push(`${line.orderItemId}: screen shows ${line.scanned} scanned, the log ${accepted}`);
    if (line.inPackage !== inPackage) differences.push(`${line.orderItemId}: screen shows ${line.inPackage} in the package, the log ${inPackage}`);
  }
  if (view.lines.length !== state.lines.length) differences.push(`screen shows ${view.lines.length} lines, the order has ${state.lines.length}`);
  const session = { holder: state.holder, awaiting: state.awaiting, alert: state.alert };
  if (!isDeepStrictEqual(view.session, session)) differences.push(`session: screen ${JSON.stringify(view.session)}, log ${JSON.stringify(session)}`);
  if (view.packageClosed !== (current?.closed ?? false)) differences.push(`package closed: screen ${view.packageClosed}, log ${current?.closed ?? false}`);
  const screenPackages = view.packages.map((pkg) => [pkg.seq, pkg.units]);
  const logPackages = state.packages.map((pkg) => [pkg.seq, packageUnitCount(pkg)]);
  if (!isDeepStrictEqual(screenPackages, logPackages)) differences.push(`packages: screen ${JSON.stringify(screenPackages)}, log ${JSON.stringify(logPackages)}`);
  return differences;
}

// ---- the script ---------------------------------------------------------------------------

const MISTAKES = ['SCAN_WRONG_ITEM', 'SCAN_UNKNOWN_BARCODE', 'SCAN_BAD_CHECK_DIGIT', 'SCAN_OVER_SCAN'] as const;

type Step =
  | { kind: 'open' }
  | { kind: 'scan'; scanId: string; code: string; expect: string; twice: boolean }
  /** The client sends an already-answered scan again (it thought the answer timed out). */
  | { kind: 'retry'; scanId: string; code: string; expect: string }
  | { kind: 'acknowledge' }
  | { kind: 'next-package' }
  | { kind: 'box' }
  | { kind: 'weight' }
  | { kind: 'label' };

type ScanStep = Extract<Step, { kind: 'scan' }>;

type PlanLine = { orderItemId: string; sku: string; quantity: number; gtin: string | null; serialRequired: boolean; labelSafe: boolean };
type OrderPlan = { orderId: string; lines: PlanLine[]; steps: Step[] };

type CatalogRow = { sku: string; gtin: string | null; serial_required: number; lithium: string; hazmat_class: string | null };

function badCheckDigit(gtin: string): string {
  return gtin.slice(0, -1) + String((Number(gtin.slice(-1)) + 1) % 10);
}

/** The scan script of one database: every open order, each unit scanned, with mistakes, acknowledgements, retries and a second package. */
function planRound(dbPath: string, random: Random, ledger: ScanLedger, idPrefix: string): OrderPlan[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  let catalog: CatalogRow[];
  let orders: Array<{ order_id: string }>;
  let items: Array<{ order_item_id: string; order_id: string; sku: string; quantity: number }>;
  try {
    catalog = db.prepare<[], CatalogRow>('SELECT sku, gtin, serial_required, lithium, hazmat_class FROM catalog_items ORDER BY sku').all();
    orders = db.prepare<[], { order_id: string }>(`SELECT order_id FROM orders WHERE status IN ${OPEN_STATUSES} AND on_hold = 0 ORDER BY order_id`).all();
    items = db.prepare<[], { order_item_id: string; order_id: string; sku: string; quantity: number }>('SELECT order_item_id, order_id, sku, quantity FROM order_items ORDER BY rowid').all();
  } finally {
    db.close();
  }
  const bySku = new Map(catalog.map((row) => [row.sku, row]));
  let counter = 0;
  const newScan = (orderId: string, code: string, unitOf: string | null, expect: string): ScanStep => {
    counter += 1;
    const scanId = `${idPrefix}-${String(counter).padStart(5, '0')}`;
    ledger.set(scanId, { orderId, code, unitOf, sends: 0, answered: false });
    return { kind: 'scan', scanId, code, expect, twice: random.chance(0.15) };
  };

  return orders.map(({ order_id: orderId }) => {
    const lines: PlanLine[] = items
      .filter((item) => item.order_id === orderId)
      .map((item) => {
        const entry = bySku.get(item.sku);
        return {
          orderItemId: item.order_item_id,
          sku: item.sku,
          quantity: item.quantity,
          gtin: entry?.gtin ?? null,
          serialRequired: entry?.serial_required === 1,
          labelSafe: entry !== undefined && entry.lithium === 'none' && entry.hazmat_class === null && entry.serial_required === 0,
        };
      });
    const steps: Step[] = [{ kind: 'open' }];
    const scanned = new Map<string, number>();
    const units = lines.flatMap((line) => Array.from({ length: line.quantity }, () => line));
    const otherGtins = catalog.filter((row) => row.gtin !== null && !lines.some((line) => line.sku === row.sku)).map((row) => row.gtin as string);
    // A second package for some plain orders: close after the first unit, box, weigh, label.
    const secondPackage = units.length >= 2 && lines.every((line) => line.labelSafe) && random.chance(0.5);
    units.forEach((line, index) => {
      if (index === 1 && secondPackage) steps.push({ kind: 'next-package' }, { kind: 'box' }, { kind: 'weight' }, { kind: 'label' });
      if (random.chance(0.3)) {
        const full = lines.filter((candidate) => (scanned.get(candidate.orderItemId) ?? 0) === candidate.quantity && candidate.gtin !== null);
        const possible = MISTAKES.filter((mistake) =>
          mistake === 'SCAN_OVER_SCAN' ? full.length > 0 : mistake === 'SCAN_WRONG_ITEM' ? otherGtins.length > 0 : mistake === 'SCAN_BAD_CHECK_DIGIT' ? line.gtin !== null : true,
        );
        const mistake = random.pick(possible);
        const code =
          mistake === 'SCAN_OVER_SCAN'
            ? (random.pick(full).gtin as string)
            : mistake === 'SCAN_WRONG_ITEM'
              ? random.pick(otherGtins)
              : mistake === 'SCAN_BAD_CHECK_DIGIT'
                ? badCheckDigit(line.gtin as string)
                : `NOT-A-PRODUCT-${random.int(1000, 9999)}`;
        const step = newScan(orderId, code, null, mistake);
        steps.push(step, { kind: 'acknowledge' });
        if (random.chance(0.2)) steps.push({ kind: 'retry', scanId: step.scanId, code, expect: mistake });
      }
      const code = line.gtin ?? line.sku;
      if (line.serialRequired) {
        steps.push(newScan(orderId, code, null, 'SERIAL_PROMPT'));
        steps.push(newScan(orderId, `SN${idPrefix.replace(/[^A-Za-z0-9]/g, '')}${counter + 1}`, line.orderItemId, 'SCAN_ACCEPTED'));
      } else {
        const step = newScan(orderId, code, line.orderItemId, 'SCAN_ACCEPTED');
        steps.push(step);
        if (random.chance(0.1)) steps.push({ kind: 'retry', scanId: step.scanId, code, expect: 'SCAN_ACCEPTED' });
      }
      scanned.set(line.orderItemId, (scanned.get(line.orderItemId) ?? 0) + 1);
    });
    return { orderId, lines, steps };
  });
}

// ---- running it ---------------------------------------------------------------------------

type OrderRun = { plan: OrderPlan; next: number; sent: boolean; serviceId: string | null; expectedG: number | null };

type Round = {
  index: number;
  dir: string;
  dbPath: string;
  ledger: ScanLedger;
  plans: OrderPlan[];
  pending: OrderPlan[];
  /** The order each lane is packing, kept across kills: after a restart the lane goes on from there. */
  lanes: Array<OrderRun | null>;
  touched: Set<string>;
};

/** One life of the host: requests go through `send`, which counts what is in flight. */
type Life = { send: (channel: string, input: unknown) => Promise<Reply>; killed: () => boolean };

export type CrashSoakOptions = {
  iterations: number;
  seed: number;
  /** A folder the soak may fill with databases; the caller removes it. */
  workDir: string;
  /** Orders packed at once, each by its own sequence of requests (default 3). */
  lanes?: number;
  /** The longest random wait before a kill (default 150 ms). */
  maxKillDelayMs?: number;
  log?: (line: string) => void;
};

export type CrashSoakResult = {
  seed: number;
  iterations: number;
  rounds: number;
  requests: number;
  scansSent: number;
  scansAcknowledged: number;
  /** Acknowledged scans not found after a restart (must be none). */
  lost: string[];
  /** Scans stored more than once (must be none). */
  duplicates: string[];
  /** Other failures: integrity, replay differences, wrong answers, half transactions (must be none). */
  problems: string[];
  restartMs: number[];
  /** Requests in flight at each kill. */
  inFlightAtKill: number[];
  /** Scans the log held although their answer never reached the client (killed between commit and answer). */
  storedUnanswered: number;
  /** Kills that left a half-written transaction in the WAL (killed while SQLite wrote a commit). */
  killsMidCommit: number;
};

/** Runs `iterations` kill-and-restart cycles, starting a fresh database whenever the script of one is done. */
export async function runCrashSoak(options: CrashSoakOptions): Promise<CrashSoakResult> {
  const random = seededRandom(options.seed);
  const laneCount = options.lanes ?? 3;
  const maxDelay = options.maxKillDelayMs ?? 150;
  const log = options.log ?? (() => undefined);
  const result: CrashSoakResult = {
    seed: options.seed,
    iterations: 0,
    rounds: 0,
    requests: 0,
    scansSent: 0,
    scansAcknowledged: 0,
    lost: [],
    duplicates: [],
    problems: [],
    restartMs: [],
    inFlightAtKill: [],
    storedUnanswered: 0,
    killsMidCommit: 0,
  };
  const storedUnanswered = new Set<string>();
  const running: { host: Host | null; round: Round | null } = { host: null, round: null };

  const problem = (text: string) => {
    if (result.problems.length < 200) result.problems.push(`iteration ${result.iterations}, round ${running.round?.index ?? 0}: ${text}`);
  };

  async function newRound(): Promise<{ host: Host; round: Round }> {
    result.rounds += 1;
    const dir = join(options.workDir, `round-${result.rounds}`);
    mkdirSync(dir, { recursive: true });
    const dbPath = join(dir, 'bench.db');
    const host = await startHost(dbPath);
    running.host = host;
    await call(host, 'operators:signIn', { badge: PACKER_BADGE });
    const ledger: ScanLedger = new Map();
    const plans = planRound(dbPath, random, ledger, `crash-${options.seed}-r${result.rounds}`);
    const round: Round = { index: result.rounds, dir, dbPath, ledger, plans, pending: [...plans], lanes: Array.from({ length: laneCount }, () => null), touched: new Set() };
    running.round = round;
    return { host, round };
  }

  function expectedCodes(step: Step, resent: boolean): string[] {
    // A command sent again after a kill may have been applied before it: its second answer differs.
    if (step.kind === 'acknowledge') return ['ACKNOWLEDGED', ...(resent ? ['NOTHING_TO_ACKNOWLEDGE'] : [])];
    if (step.kind === 'next-package') return ['PACKAGE_CLOSED_PARTIAL', ...(resent ? ['PACKAGE_CLOSED'] : [])];
    return [];
  }

  /** Sends one step; false when the host died before answering (the step is sent again after the restart). */
  async function perform(life: Life, round: Round, run: OrderRun, step: Step): Promise<boolean> {
    const orderId = run.plan.orderId;
    const resent = run.sent;
    run.sent = true;
    const where = `${orderId} step ${run.next} (${step.kind}${'code' in step ? ` ${step.code}` : ''}${resent ? ', sent again' : ''})`;

    if (step.kind === 'scan' || step.kind === 'retry') {
      const entry = round.ledger.get(step.scanId);
      if (!entry) throw new Error(`scan ${step.scanId} missing from the ledger`);
      // Some scans go out twice at once, as a client retrying while the first is still in flight.
      const copies = step.kind === 'scan' && step.twice ? 2 : 1;
      entry.sends += copies;
      result.scansSent += copies;
      const replies = await Promise.all(Array.from({ length: copies }, () => life.send('pack:scan', { orderId, code: step.code, scanId: step.scanId })));
      let answered = false;
      let acknowledged = false;
      for (const reply of replies) {
        if (!reply.answered) continue;
        answered = true;
        if (!reply.answer.ok) {
          problem(`${where}: refused ${reply.answer.error.code} ${reply.answer.error.message}`);
          continue;
        }
        // An outcome on screen: from here on the scan must be in the log.
        acknowledged = true;
        const outcome = (reply.answer.value as { outcome: ScanOutcome }).outcome;
        const duplicate = outcome.data['duplicate'] === true;
        if (outcome.code !== step.expect) problem(`${where}: answered ${outcome.code}, expected ${step.expect}`);
        if (duplicate && entry.sends < 2) problem(`${where}: answered as a duplicate of a scan sent once`);
        if (step.kind === 'retry' && !duplicate) problem(`${where}: a retry of an answered scan was applied again`);
      }
      if (acknowledged && !entry.answered) {
        entry.answered = true;
        result.scansAcknowledged += 1;
      }
      return answered;
    }

    let channel: string;
    let input: Record<string, unknown>;
    switch (step.kind) {
      case 'open':
        channel = 'pack:open';
        input = { orderId };
        round.touched.add(orderId);
        break;
      case 'acknowledge':
      case 'next-package':
        channel = 'pack:command';
        input = { orderId, command: step.kind };
        break;
      case 'box':
        channel = 'pack:setBox';
        input = { orderId, boxId: 'BOX-M' };
        break;
      case 'weight':
        channel = 'pack:setWeight';
        // The weight the scale would show: what the box and its units should weigh.
        input = { orderId, weight: `${run.expectedG ?? 850} g` };
        break;
      case 'label':
        channel = 'pack:printLabel';
        input = { orderId, serviceId: run.serviceId ?? 'CNPOST-REG-SP', reasonCode: 'BUYER_REQUEST' };
        break;
    }
    const reply = await life.send(channel, input);
    if (!reply.answered) return false;
    const answer = reply.answer;
    if (!answer.ok) {
      // A label sent again after a kill may have been printed already: the next package is open then.
      if (!(step.kind === 'label' && resent && answer.error.code === 'PACK_NOT_VERIFIED')) problem(`${where}: refused ${answer.error.code} ${answer.error.message}`);
      return true;
    }
    const expected = expectedCodes(step, resent);
    if (expected.length > 0) {
      const code = (answer.value as { outcome: ScanOutcome }).outcome.code;
      if (!expected.includes(code)) problem(`${where}: answered ${code}, expected ${expected.join(' or ')}`);
    }
    if (step.kind === 'box') run.expectedG = (answer.value as PackView).expectedWeight?.expectedG ?? null;
    if (step.kind === 'weight') {
      const eligible = (answer.value as PackView).services.find((service) => service.eligible);
      if (!eligible) problem(`${where}: no service is eligible for the first package`);
      run.serviceId = eligible?.serviceId ?? null;
    }
    return true;
  }

  async function lane(life: Life, round: Round, slot: number): Promise<void> {
    while (!life.killed()) {
      let run = round.lanes[slot] ?? null;
      if (!run || run.next >= run.plan.steps.length) {
        const plan = round.pending.shift();
        if (!plan) {
          round.lanes[slot] = null;
          return;
        }
        run = { plan, next: 0, sent: false, serviceId: null, expectedG: null };
        round.lanes[slot] = run;
      }
      const step = run.plan.steps[run.next];
      if (!step) throw new Error(`${run.plan.orderId} has no step ${run.next}`);
      if (!(await perform(life, round, run, step))) return;
      run.next += 1;
      run.sent = false;
    }
  }

  function roundDone(round: Round): boolean {
    return round.pending.length === 0 && round.lanes.every((run) => run === null || run.next >= run.plan.steps.length);
  }

  /** Audits the database, then compares each touched order's screen with the replay of its log. */
  async function verify(host: Host, round: Round, final: boolean): Promise<void> {
    const before = auditDatabase(round.dbPath, round.ledger);
    for (const scanId of before.storedUnanswered) storedUnanswered.add(scanId);
    for (const text of before.problems) problem(text);
    for (const text of before.lost) if (!result.lost.includes(text)) result.lost.push(text);
    for (const text of before.duplicates) if (!result.duplicates.includes(text)) result.duplicates.push(text);
    const views = new Map<string, PackView>();
    for (const orderId of round.touched) {
      const state = before.sessions.get(orderId);
      if (!state || state.packages.length === 0) continue; // its open never reached the log
      const reply = await post(host, 'pack:open', { orderId });
      if (!reply.answered || !reply.answer.ok) {
        problem(`reopening ${orderId} after the restart failed: ${reply.answered && !reply.answer.ok ? reply.answer.error.code : 'no answer'}`);
        continue;
      }
      views.set(orderId, reply.answer.value as PackView);
    }
    const after = auditDatabase(round.dbPath, round.ledger);
    if (after.eventCount !== before.eventCount) problem(`reopening the held orders wrote ${after.eventCount - before.eventCount} event(s)`);
    const entries = [...round.ledger.values()];
    for (const [orderId, view] of views) {
      const state = after.sessions.get(orderId);
      if (!state) continue;
      for (const difference of compareView(view, state)) problem(`${orderId} after the restart: ${difference}`);
      // The screen counts every acknowledged unit scan once: no fewer (lost), no more than were sent.
      for (const line of view.lines) {
        const scans = entries.filter((entry) => entry.orderId === orderId && entry.unitOf === line.orderItemId);
        const answered = scans.filter((entry) => entry.answered).length;
        const sent = scans.filter((entry) => entry.sends > 0).length;
        if (line.scanned < answered || line.scanned > sent) {
          problem(`${orderId}/${line.orderItemId}: screen shows ${line.scanned} scanned; ${answered} acknowledged, ${sent} sent`);
        }
        if (final && line.scanned !== line.quantity) problem(`${orderId}/${line.orderItemId}: script done but ${line.scanned} of ${line.quantity} scanned`);
      }
    }
    if (final) {
      for (const plan of round.plans) if (!views.has(plan.orderId)) problem(`${plan.orderId}: script done but the order was never opened`);
      for (const [scanId, entry] of round.ledger) if (!entry.answered) problem(`scan ${scanId} never answered by the end of the script`);
    }
  }

  /** Lets the lanes work against the host and kills it at a random moment. */
  async function liveAndDie(host: Host, round: Round): Promise<void> {
    let killed = false;
    let inFlight = 0;
    let answers = 0;
    // Half the kills come after a random wait, half just after a random number of answers.
    const killAfterAnswers = random.chance(0.5) ? random.int(1, 40) : null;
    const kill = () => {
      if (killed) return;
      killed = true;
      result.inFlightAtKill.push(inFlight);
      host.child.kill('SIGKILL');
    };
    const life: Life = {
      killed: () => killed,
      send: async (channel, input) => {
        inFlight += 1;
        result.requests += 1;
        const reply = await post(host, channel, input);
        inFlight -= 1;
        if (reply.answered) {
          answers += 1;
          if (answers === killAfterAnswers) setTimeout(kill, random.int(0, 2));
        }
        return reply;
      },
    };
    const timer = killAfterAnswers === null ? setTimeout(kill, random.int(0, maxDelay)) : null;
    await Promise.all(Array.from({ length: laneCount }, (_, slot) => lane(life, round, slot)));
    // The script may end before the kill: the idle host is killed all the same.
    if (timer) clearTimeout(timer);
    kill();
    await host.exited;
    if (uncommittedWalFrames(`${round.dbPath}-wal`) > 0) result.killsMidCommit += 1;
  }

  try {
    let { host, round } = await newRound();
    while (result.iterations < options.iterations) {
      result.iterations += 1;
      await liveAndDie(host, round);
      const started = performance.now();
      host = await startHost(round.dbPath);
      running.host = host;
      result.restartMs.push(performance.now() - started);
      // Sign-in lives in memory only: a restarted station has nobody signed in.
      await call(host, 'operators:signIn', { badge: PACKER_BADGE });
      const final = roundDone(round);
      await verify(host, round, final);
      if (result.iterations % 50 === 0) {
        log(`crash soak: ${result.iterations}/${options.iterations} kills, round ${round.index}, ${result.scansAcknowledged} scans acknowledged, ${result.problems.length} problem(s)`);
      }
      if (final && result.iterations < options.iterations) {
        await killHost(host);
        rmSync(round.dir, { recursive: true, force: true });
        ({ host, round } = await newRound());
      }
    }
    result.storedUnanswered = storedUnanswered.size;
    return result;
  } catch (error) {
    throw new Error(`crash soak (seed ${options.seed}) failed in iteration ${result.iterations}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    if (running.host) await killHost(running.host);
  }
}
