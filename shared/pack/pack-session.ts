// The pack session of one order as a pure state machine. The main process is authoritative:
// it resolves what a scan means (catalogue look-ups, serials already shipped), asks `decide`
// what happens, stores the facts it returns in one transaction, and only then answers the
// screen. The screen's state is `replay(facts)`: after a crash or a power cut the same facts
// give the same session, with the same open prompt and the same unacknowledged error.

import type { OrderStatus } from '../contract';

export type SessionLine = {
  orderItemId: string;
  sku: string;
  quantity: number;
  serialRequired: boolean;
  /** The item may be counted by typing a quantity after one scan (bulk, identical units). */
  quantityEntryAllowed: boolean;
};

export type AlertCode =
  | 'SCAN_WRONG_ITEM'
  | 'SCAN_OVER_SCAN'
  | 'SCAN_UNKNOWN_BARCODE'
  | 'SCAN_BAD_CHECK_DIGIT'
  | 'SCAN_MALFORMED'
  | 'SERIAL_ALREADY_USED'
  | 'SERIAL_REQUIRED'
  | 'ORDER_NOT_PACKABLE'
  | 'ORDER_CANCELLED'
  | 'ALERT_NOT_ACKNOWLEDGED';

const SERIAL_PROBLEMS: ReadonlySet<AlertCode> = new Set(['SERIAL_ALREADY_USED', 'SERIAL_REQUIRED']);

export type FactData = Record<string, string | number | boolean | null>;

type FactBase = { operator: string; at: string };

/** What is stored, one pack event per fact. Every fact names its operator. */
export type PackFact = FactBase &
  (
    | { type: 'opened'; packageSeq: number }
    | { type: 'released' }
    | {
        type: 'unit';
        packageSeq: number;
        orderItemId: string;
        quantity: number;
        method: 'scan' | 'quantity-entry' | 'override';
        serial: string | null;
        code: string | null;
        scanId: string | null;
        reasonCode: string | null;
      }
    | { type: 'rejected'; code: AlertCode; scanned: string | null; scanId: string | null; data: FactData }
    | { type: 'serial-prompt'; orderItemId: string; code: string; scanId: string | null }
    | { type: 'prompt-cancelled' }
    | { type: 'acknowledged'; code: string }
    | { type: 'package-closed'; packageSeq: number; partial: boolean }
    | { type: 'package-labelled'; packageSeq: number; trackingNumber: string }
    | { type: 'package-voided'; packageSeq: number; reason: string }
    | { type: 'short'; orderItemId: string; quantity: number; reasonCode: string }
  );

export type PackageState = { seq: number; units: Record<string, number>; closed: boolean; labelled: boolean; voided: boolean };

export type SessionState = {
  orderId: string;
  lines: SessionLine[];
  accepted: Record<string, number>;
  short: Record<string, number>;
  packages: PackageState[];
  holder: string | null;
  awaiting: { kind: 'serial'; orderItemId: string; sku: string } | null;
  alert: { code: AlertCode; data: FactData } | null;
  serials: string[];
};

export function emptySession(orderId: string, lines: SessionLine[]): SessionState {
  return { orderId, lines, accepted: {}, short: {}, packages: [], holder: null, awaiting: null, alert: null, serials: [] };
}

export function currentPackage(state: SessionState): PackageState | null {
  return state.packages[state.packages.length - 1] ?? null;
}

/** Units of a line still to be scanned: ordered, less accepted, less shipped short. */
export function remainingOf(state: SessionState, orderItemId: string): number {
  const line = state.lines.find((candidate) => candidate.orderItemId === orderItemId);
  if (!line) return 0;
  return line.quantity - (state.accepted[orderItemId] ?? 0) - (state.short[orderItemId] ?? 0);
}

export function totalRemaining(state: SessionState): number {
  // Clamped per line: one line over its quantity must never hide another still open.
  return state.lines.reduce((sum, line) => sum + Math.max(0, remainingOf(state, line.orderItemId)), 0);
}

/** Every line is exactly accounted for: accepted plus shipped short equals what was ordered. */
export function everyLineAccounted(state: SessionState): boolean {
  return state.lines.every((line) => remainingOf(state, line.orderItemId) === 0);
}

export function packageUnitCount(pkg: PackageState): number {
  return Object.values(pkg.units).reduce((sum, n) => sum + n, 0);
}

/** Every unit is in a labelled package or shipped short: the order is done at the bench. */
export function isOrderComplete(state: SessionState): boolean {
  const live = state.packages.filter((pkg) => !pkg.voided && packageUnitCount(pkg) > 0);
  return everyLineAccounted(state) && live.length > 0 && live.every((pkg) => pkg.labelled);
}

function withUnits(pkg: PackageState, orderItemId: string, quantity: number): PackageState {
  return { ...pkg, units: { ...pkg.units, [orderItemId]: (pkg.units[orderItemId] ?? 0) + quantity } };
}

/** Folds one stored fact into the session. Total: an unexpected fact leaves the state as it was. */
export function apply(state: SessionState, fact: PackFact): SessionState {
  switch (fact.type) {
    case 'opened': {
      const exists = state.packages.some((pkg) => pkg.seq === fact.packageSeq);
      const packages = exists
        ? state.packages
        : [...state.packages, { seq: fact.packageSeq, units: {}, closed: false, labelled: false, voided: false }];
      return { ...state, holder: fact.operator, packages };
    }
    case 'released':
      return { ...state, holder: null, awaiting: null };
    case 'unit': {
      const pkg = state.packages.find((candidate) => candidate.seq === fact.packageSeq);
      if (!pkg) return state;
      const packages = state.packages.map((candidate) => (candidate === pkg ? withUnits(candidate, fact.orderItemId, fact.quantity) : candidate));
      return {
        ...state,
        packages,
        accepted: { ...state.accepted, [fact.orderItemId]: (state.accepted[fact.orderItemId] ?? 0) + fact.quantity },
        serials: fact.serial === null ? state.serials : [...state.serials, fact.serial],
        awaiting: null,
      };
    }
    case 'rejected':
      // A bad serial leaves the prompt open: the unit still needs its serial.
      return { ...state, alert: { code: fact.code, data: fact.data }, awaiting: SERIAL_PROBLEMS.has(fact.code) ? state.awaiting : null };
    case 'serial-prompt': {
      const line = state.lines.find((candidate) => candidate.orderItemId === fact.orderItemId);
      return line ? { ...state, awaiting: { kind: 'serial', orderItemId: line.orderItemId, sku: line.sku } } : state;
    }
    case 'prompt-cancelled':
      return { ...state, awaiting: null };
    case 'acknowledged':
      return { ...state, alert: null };
    case 'package-closed':
      return {
        ...state,
        awaiting: null,
        packages: state.packages.map((pkg) => (pkg.seq === fact.packageSeq ? { ...pkg, closed: true } : pkg)),
      };
    case 'package-labelled':
      return {
        ...state,
        packages: state.packages.map((pkg) => (pkg.seq === fact.packageSeq ? { ...pkg, closed: true, labelled: true } : pkg)),
      };
    case 'package-voided': {
      const voided = state.packages.find((pkg) => pkg.seq === fact.packageSeq);
      if (!voided || voided.voided) return state;
      // The units of a voided package go back to "to be scanned": the parcel is unpacked.
      const accepted = { ...state.accepted };
      for (const [orderItemId, n] of Object.entries(voided.units)) accepted[orderItemId] = (accepted[orderItemId] ?? 0) - n;
      return { ...state, accepted, packages: state.packages.map((pkg) => (pkg === voided ? { ...pkg, voided: true } : pkg)) };
    }
    case 'short':
      return {
        ...state,
        short: { ...state.short, [fact.orderItemId]: (state.short[fact.orderItemId] ?? 0) + fact.quantity },
        // A serial asked for a unit of this line is no longer owed once the line is shipped short.
        awaiting: state.awaiting?.orderItemId === fact.orderItemId ? null : state.awaiting,
      };
  }
}

export function replay(orderId: string, lines: SessionLine[], facts: readonly PackFact[]): SessionState {
  return facts.reduce(apply, emptySession(orderId, lines));
}

/** What a scan turned out to be, resolved by the caller (catalogue, serial register). */
export type ResolvedScan =
  | { kind: 'product'; sku: string; serial: string | null }
  | { kind: 'unknown' }
  | { kind: 'bad-check-digit' }
  | { kind: 'malformed'; reason: string }
  /** Anything else: used as the serial when one is awaited. */
  | { kind: 'text'; value: string };

export type DecideContext = {
  operator: string;
  at: string;
  orderStatus: OrderStatus;
  /** A supervisor put the order on hold: nothing is packed until it is released. */
  onHold?: boolean;
  /** Whether a serial of that SKU is already in another order's package (shipped or labelled). */
  serialUsedElsewhere: (sku: string, serial: string) => boolean;
};

export type Outcome = { accepted: boolean; code: string; data: FactData };

export type Decision = { outcome: Outcome; facts: PackFact[] };

const PACKABLE: ReadonlySet<OrderStatus> = new Set(['new', 'acknowledged', 'packing']);

function reject(ctx: DecideContext, code: AlertCode, scanned: string | null, scanId: string | null, data: FactData): Decision {
  return {
    outcome: { accepted: false, code, data },
    facts: [{ type: 'rejected', code, scanned, scanId, data, operator: ctx.operator, at: ctx.at }],
  };
}

function gate(state: SessionState, ctx: DecideContext, scanned: string | null, scanId: string | null): Decision | null {
  if (ctx.orderStatus === 'cancelled') return reject(ctx, 'ORDER_CANCELLED', scanned, scanId, { orderId: state.orderId });
  if (!PACKABLE.has(ctx.orderStatus) || ctx.onHold) {
    return reject(ctx, 'ORDER_NOT_PACKABLE', scanned, scanId, { orderId: state.orderId, status: ctx.onHold ? 'on-hold' : ctx.orderStatus });
  }
  // An error on screen must be seen before work goes on: a scan behind it is refused, not lost.
  if (state.alert !== null) {
    return { outcome: { accepted: false, code: 'ALERT_NOT_ACKNOWLEDGED', data: { pending: state.alert.code } }, facts: [] };
  }
  return null;
}

function unitFact(
  ctx: DecideContext,
  pkg: PackageState,
  orderItemId: string,
  quantity: number,
  method: 'scan' | 'quantity-entry' | 'override',
  serial: string | null,
  code: string | null,
  scanId: string | null,
  reasonCode: string | null,
): PackFact {
  return { type: 'unit', packageSeq: pkg.seq, orderItemId, quantity, method, serial, code, scanId, reasonCode, operator: ctx.operator, at: ctx.at };
}

/** Closing facts that follow a unit: the package closes by itself when nothing is left to scan. */
function closeIfDone(state: SessionState, facts: PackFact[], ctx: DecideContext): PackFact[] {
  const after = facts.reduce(apply, state);
  const pkg = currentPackage(after);
  if (pkg && !pkg.closed && everyLineAccounted(after) && packageUnitCount(pkg) > 0) {
    return [...facts, { type: 'package-closed', packageSeq: pkg.seq, partial: false, operator: ctx.operator, at: ctx.at }];
  }
  return facts;
}

/** A scan at the bench: a unit, a serial for the unit just scanned, or a mistake. */
export function decideScan(state: SessionState, scan: ResolvedScan, scanned: string, scanId: string | null, ctx: DecideContext): Decision {
  const blocked = gate(state, ctx, scanned, scanId);
  if (blocked) return blocked;
  const pkg = currentPackage(state);
  if (!pkg || pkg.closed) {
    return { outcome: { accepted: false, code: 'PACKAGE_CLOSED', data: { packageSeq: pkg?.seq ?? 0 } }, facts: [] };
  }

  if (state.awaiting) {
    const { orderItemId, sku } = state.awaiting;
    if (remainingOf(state, orderItemId) < 1) {
      return reject(ctx, 'SCAN_OVER_SCAN', scanned, scanId, { code: scanned, sku, ordered: state.lines.find((line) => line.orderItemId === orderItemId)?.quantity ?? 0 });
    }
    // The serial is the scanned text itself, unless the scan is the awaited product carrying
    // its serial (GS1 AI 21). Another product's code is not a serial for this unit.
    const serial = scan.kind === 'text' ? scan.value : scan.kind === 'product' && scan.sku === sku && scan.serial ? scan.serial : null;
    if (serial === null) {
      return reject(ctx, 'SERIAL_REQUIRED', scanned, scanId, { sku });
    }
    if (state.serials.includes(serial) || ctx.serialUsedElsewhere(sku, serial)) {
      return reject(ctx, 'SERIAL_ALREADY_USED', scanned, scanId, { sku, serial });
    }
    const facts = closeIfDone(state, [unitFact(ctx, pkg, orderItemId, 1, 'scan', serial, scanned, scanId, null)], ctx);
    return { outcome: { accepted: true, code: 'SCAN_ACCEPTED', data: { sku, serial, scanned: (state.accepted[orderItemId] ?? 0) + 1 } }, facts };
  }

  switch (scan.kind) {
    case 'unknown':
    case 'text':
      return reject(ctx, 'SCAN_UNKNOWN_BARCODE', scanned, scanId, { code: scanned });
    case 'bad-check-digit':
      return reject(ctx, 'SCAN_BAD_CHECK_DIGIT', scanned, scanId, { code: scanned });
    case 'malformed':
      return reject(ctx, 'SCAN_MALFORMED', scanned, scanId, { code: scanned, reason: scan.reason });
    case 'product':
      break;
  }

  const candidates = state.lines.filter((line) => line.sku === scan.sku);
  if (candidates.length === 0) return reject(ctx, 'SCAN_WRONG_ITEM', scanned, scanId, { code: scanned, sku: scan.sku });
  const line = candidates.find((candidate) => remainingOf(state, candidate.orderItemId) > 0);
  if (!line) {
    const ordered = candidates.reduce((sum, candidate) => sum + candidate.quantity, 0);
    return reject(ctx, 'SCAN_OVER_SCAN', scanned, scanId, { code: scanned, sku: scan.sku, ordered });
  }
  if (line.serialRequired) {
    if (scan.serial) {
      if (state.serials.includes(scan.serial) || ctx.serialUsedElsewhere(line.sku, scan.serial)) {
        return reject(ctx, 'SERIAL_ALREADY_USED', scanned, scanId, { sku: line.sku, serial: scan.serial });
      }
      const facts = closeIfDone(state, [unitFact(ctx, pkg, line.orderItemId, 1, 'scan', scan.serial, scanned, scanId, null)], ctx);
      return { outcome: { accepted: true, code: 'SCAN_ACCEPTED', data: { sku: line.sku, serial: scan.serial } }, facts };
    }
    return {
      outcome: { accepted: true, code: 'SERIAL_PROMPT', data: { sku: line.sku } },
      facts: [{ type: 'serial-prompt', orderItemId: line.orderItemId, code: scanned, scanId, operator: ctx.operator, at: ctx.at }],
    };
  }
  const facts = closeIfDone(state, [unitFact(ctx, pkg, line.orderItemId, 1, 'scan', null, scanned, scanId, null)], ctx);
  return {
    outcome: { accepted: true, code: 'SCAN_ACCEPTED', data: { sku: line.sku, scanned: (state.accepted[line.orderItemId] ?? 0) + 1, quantity: line.quantity } },
    facts,
  };
}

/** Typing the count of a multi-unit line after one scan: only where the item allows it. */
export function decideQuantity(state: SessionState, orderItemId: string, total: number, ctx: DecideContext): Decision {
  const blocked = gate(state, ctx, null, null);
  if (blocked) return blocked;
  const pkg = currentPackage(state);
  const line = state.lines.find((candidate) => candidate.orderItemId === orderItemId);
  if (!pkg || pkg.closed || !line) return { outcome: { accepted: false, code: 'PACKAGE_CLOSED', data: {} }, facts: [] };
  if (!line.quantityEntryAllowed || line.serialRequired) {
    return { outcome: { accepted: false, code: 'QUANTITY_ENTRY_NOT_ALLOWED', data: { sku: line.sku } }, facts: [] };
  }
  const inPackage = pkg.units[orderItemId] ?? 0;
  if (inPackage < 1) return { outcome: { accepted: false, code: 'QUANTITY_NEEDS_ONE_SCAN', data: { sku: line.sku } }, facts: [] };
  const extra = total - inPackage;
  const remaining = remainingOf(state, orderItemId);
  if (!Number.isInteger(total) || extra < 1 || extra > remaining) {
    return { outcome: { accepted: false, code: 'QUANTITY_OUT_OF_RANGE', data: { sku: line.sku, min: inPackage + 1, max: inPackage + remaining } }, facts: [] };
  }
  const facts = closeIfDone(state, [unitFact(ctx, pkg, orderItemId, extra, 'quantity-entry', null, null, null, null)], ctx);
  return { outcome: { accepted: true, code: 'QUANTITY_ACCEPTED', data: { sku: line.sku, quantity: total } }, facts };
}

export type Command =
  | { name: 'acknowledge' }
  | { name: 'cancel-prompt' }
  | { name: 'next-package' }
  | { name: 'release' }
  | { name: 'override-unit'; orderItemId: string; reasonCode: string }
  | { name: 'ship-short'; orderItemId: string; quantity: number; reasonCode: string };

/** Commands from the keyboard, the screen or a command barcode. Overrides are authorised by the caller. */
export function decideCommand(state: SessionState, command: Command, ctx: DecideContext): Decision {
  const base = { operator: ctx.operator, at: ctx.at };
  if (command.name === 'acknowledge') {
    if (!state.alert) return { outcome: { accepted: false, code: 'NOTHING_TO_ACKNOWLEDGE', data: {} }, facts: [] };
    return { outcome: { accepted: true, code: 'ACKNOWLEDGED', data: { code: state.alert.code } }, facts: [{ type: 'acknowledged', code: state.alert.code, ...base }] };
  }
  if (command.name === 'release') {
    return { outcome: { accepted: true, code: 'RELEASED', data: {} }, facts: state.holder ? [{ type: 'released', ...base }] : [] };
  }
  const blocked = gate(state, ctx, null, null);
  if (blocked) return blocked;
  if (command.name === 'cancel-prompt') {
    if (!state.awaiting) return { outcome: { accepted: false, code: 'NOTHING_TO_CANCEL', data: {} }, facts: [] };
    return { outcome: { accepted: true, code: 'PROMPT_CANCELLED', data: {} }, facts: [{ type: 'prompt-cancelled', ...base }] };
  }
  const pkg = currentPackage(state);
  if (!pkg || pkg.closed) return { outcome: { accepted: false, code: 'PACKAGE_CLOSED', data: {} }, facts: [] };
  switch (command.name) {
    case 'next-package': {
      if (packageUnitCount(pkg) === 0) return { outcome: { accepted: false, code: 'PACKAGE_EMPTY', data: {} }, facts: [] };
      return {
        outcome: { accepted: true, code: 'PACKAGE_CLOSED_PARTIAL', data: { packageSeq: pkg.seq, remaining: totalRemaining(state) } },
        facts: [{ type: 'package-closed', packageSeq: pkg.seq, partial: totalRemaining(state) > 0, ...base }],
      };
    }
    case 'override-unit': {
      const line = state.lines.find((candidate) => candidate.orderItemId === command.orderItemId);
      if (!line || remainingOf(state, line.orderItemId) < 1) {
        return { outcome: { accepted: false, code: 'OVERRIDE_NOTHING_LEFT', data: { orderItemId: command.orderItemId } }, facts: [] };
      }
      const facts = closeIfDone(state, [unitFact(ctx, pkg, line.orderItemId, 1, 'override', null, null, null, command.reasonCode)], ctx);
      return { outcome: { accepted: true, code: 'OVERRIDE_ACCEPTED', data: { sku: line.sku } }, facts };
    }
    case 'ship-short': {
      const line = state.lines.find((candidate) => candidate.orderItemId === command.orderItemId);
      const remaining = line ? remainingOf(state, line.orderItemId) : 0;
      if (!line || !Number.isInteger(command.quantity) || command.quantity < 1 || command.quantity > remaining) {
        return { outcome: { accepted: false, code: 'SHORT_OUT_OF_RANGE', data: { max: remaining } }, facts: [] };
      }
      const facts = closeIfDone(state, [{ type: 'short', orderItemId: line.orderItemId, quantity: command.quantity, reasonCode: command.reasonCode, ...base }], ctx);
      return { outcome: { accepted: true, code: 'SHORT_RECORDED', data: { sku: line.sku, quantity: command.quantity } }, facts };
    }
  }
}

/** Who may open the session: its holder, anyone when nobody holds it, a supervisor always (logged as a take-over). */
export function decideOpen(state: SessionState, operator: string, isSupervisor: boolean): { ok: true; takeover: boolean } | { ok: false; holder: string } {
  if (state.holder === null || state.holder === operator) return { ok: true, takeover: false };
  if (isSupervisor) return { ok: true, takeover: true };
  return { ok: false, holder: state.holder };
}
