import { csvField } from '../label/manifest-csv';

// Productivity per packer over a shift, from the bench's own log (pack_events) and its
// overrides: orders and units per hour, mistakes per 100 units, overrides by reason. Pure: the
// main process reads the rows of the shift and passes them in.

/** A row of the pack log, as much of it as productivity needs. */
export type ProductivityEvent = {
  at: string;
  operator: string;
  orderId: string;
  /** The fact or step: 'unit', 'rejected', 'package-labelled', 'opened', 'released', 'box', … */
  kind: string;
  /** For 'rejected': the alert code (SCAN_WRONG_ITEM, SCAN_OVER_SCAN, …). */
  result: string;
  /** For 'unit': how many units the fact counts (a typed quantity counts several). */
  quantity: number;
};

export type ProductivityOverride = { at: string; operator: string; reasonCode: string; kind: string };

export type PackerProductivity = {
  operator: string;
  /** Distinct orders with at least one package labelled by this packer in the shift. */
  orders: number;
  packages: number;
  units: number;
  /** From the packer's first to last logged act in the shift: the time they were at the bench. */
  activeHours: number;
  ordersPerHour: number | null;
  unitsPerHour: number | null;
  wrongItems: number;
  overScans: number;
  /** Wrong items and over-scans per 100 units packed; null with no units. */
  errorsPer100Units: number | null;
  /** Overrides asked for by this packer, by reason code. */
  overridesByReason: Record<string, number>;
  firstAt: string | null;
  lastAt: string | null;
};

export type ShiftProductivity = {
  from: string;
  to: string;
  packers: PackerProductivity[];
  totals: Omit<PackerProductivity, 'operator' | 'firstAt' | 'lastAt'>;
};

/**
 * A packer who logged a single act has no measurable span; an hour's rate over a few seconds
 * would be absurd, so rates need at least this much time at the bench.
 */
export const MIN_ACTIVE_HOURS_FOR_RATES = 0.25;

function rate(count: number, hours: number): number | null {
  return hours >= MIN_ACTIVE_HOURS_FOR_RATES ? count / hours : null;
}

function per100(errors: number, units: number): number | null {
  return units > 0 ? (errors * 100) / units : null;
}

type Tally = {
  orders: Set<string>;
  packages: number;
  units: number;
  wrongItems: number;
  overScans: number;
  overrides: Record<string, number>;
  firstMs: number;
  lastMs: number;
};

/**
 * Productivity of each packer in [from, to): events at `from` count, events at `to` do not.
 * Sorted by units packed, most first (then by name, for a stable report).
 */
export function shiftProductivity(
  events: readonly ProductivityEvent[],
  overrides: readonly ProductivityOverride[],
  window: { from: string; to: string },
): ShiftProductivity {
  const tallies = new Map<string, Tally>();
  const inWindow = (at: string) => at >= window.from && at < window.to;
  const tally = (operator: string): Tally => {
    let found = tallies.get(operator);
    if (!found) {
      found = { orders: new Set(), packages: 0, units: 0, wrongItems: 0, overScans: 0, overrides: {}, firstMs: Infinity, lastMs: -Infinity };
      tallies.set(operator, found);
    }
    return found;
  };
  for (const event of events) {
    if (!inWindow(event.at)) continue;
    const entry = tally(event.operator);
    const ms = Date.parse(event.at);
    if (Number.isFinite(ms)) {
      entry.firstMs = Math.min(entry.firstMs, ms);
      entry.lastMs = Math.max(entry.lastMs, ms);
    }
    if (event.kind === 'unit') entry.units += Math.max(0, event.quantity);
    else if (event.kind === 'package-labelled') {
      entry.packages += 1;
      entry.orders.add(event.orderId);
    } else if (event.kind === 'rejected') {
      if (event.result === 'SCAN_WRONG_ITEM') entry.wrongItems += 1;
      else if (event.result === 'SCAN_OVER_SCAN') entry.overScans += 1;
    }
  }
  for (const override of overrides) {
    if (!inWindow(override.at)) continue;
    const entry = tally(override.operator);
    entry.overrides[override.reasonCode] = (entry.overrides[override.reasonCode] ?? 0) + 1;
  }
  const packers: PackerProductivity[] = [...tallies.entries()].map(([operator, entry]) => {
    const activeHours = entry.lastMs > entry.firstMs ? (entry.lastMs - entry.firstMs) / 3_600_000 : 0;
    return {
      operator,
      orders: entry.orders.size,
      packages: entry.packages,
      units: entry.units,
      activeHours,
      ordersPerHour: rate(entry.orders.size, activeHours),
      unitsPerHour: rate(entry.units, activeHours),
      wrongItems: entry.wrongItems,
      overScans: entry.overScans,
      errorsPer100Units: per100(entry.wrongItems + entry.overScans, entry.units),
      overridesByReason: entry.overrides,
      firstAt: Number.isFinite(entry.firstMs) ? new Date(entry.firstMs).toISOString() : null,
      lastAt: Number.isFinite(entry.lastMs) ? new Date(entry.lastMs).toISOString() : null,
    };
  });
  packers.sort((a, b) => b.units - a.units || a.operator.localeCompare(b.operator));
  const sum = (pick: (p: PackerProductivity) => number) => packers.reduce((total, p) => total + pick(p), 0);
  const units = sum((p) => p.units);
  const hours = sum((p) => p.activeHours);
  const orders = sum((p) => p.orders);
  const wrongItems = sum((p) => p.wrongItems);
  const overScans = sum((p) => p.overScans);
  const overridesByReason: Record<string, number> = {};
  for (const p of packers) for (const [reason, count] of Object.entries(p.overridesByReason)) overridesByReason[reason] = (overridesByReason[reason] ?? 0) + count;
  return {
    from: window.from,
    to: window.to,
    packers,
    totals: {
      orders,
      packages: sum((p) => p.packages),
      units,
      activeHours: hours,
      ordersPerHour: rate(orders, hours),
      unitsPerHour: rate(units, hours),
      wrongItems,
      overScans,
      errorsPer100Units: per100(wrongItems + overScans, units),
      overridesByReason,
    },
  };
}

/** A rate or count as the shift report prints it: one decimal, a dash for "no figure". */
export function shiftFigure(value: number | null, digits = 1): string {
  return value === null ? '—' : value.toFixed(digits);
}

// CSV keeps two decimals and leaves "no figure" empty, for a spreadsheet to read.
function csvNumber(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

/** The shift report as CSV: one row per packer, then the totals; overrides as "CODE:n; CODE:n". */
export function shiftReportCsv(report: ShiftProductivity): string {
  const header = ['operator', 'orders', 'packages', 'units', 'active_hours', 'orders_per_hour', 'units_per_hour', 'wrong_items', 'over_scans', 'errors_per_100_units', 'overrides'];
  const overrides = (byReason: Record<string, number>) =>
    Object.entries(byReason)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, count]) => `${reason}:${count}`)
      .join('; ');
  const row = (name: string, p: Omit<PackerProductivity, 'operator' | 'firstAt' | 'lastAt'>) =>
    [name, p.orders, p.packages, p.units, csvNumber(p.activeHours), csvNumber(p.ordersPerHour), csvNumber(p.unitsPerHour), p.wrongItems, p.overScans, csvNumber(p.errorsPer100Units), overrides(p.overridesByReason)]
      .map(csvField)
      .join(',');
  return [header.join(','), ...report.packers.map((p) => row(p.operator, p)), row('TOTAL', report.totals)].join('\r\n') + '\r\n';
}
