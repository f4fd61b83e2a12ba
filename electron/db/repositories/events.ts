import type { Db } from '../open';
import type { PackFact } from '../../../shared/pack/pack-session';

/**
 * A row of the bench's log. Pack-session facts are stored with `kind` = the fact's type and
 * the whole fact in `detail`, so the session can be replayed from the log alone; box,
 * weight, label and print steps are logged beside them.
 */
export type PackEvent = {
  at: string;
  operator: string;
  station: string;
  orderId: string;
  packageId: number | null;
  kind: string;
  code: string | null;
  result: string;
  scanId?: string | null;
  detail?: Record<string, unknown>;
};

export type StoredPackEvent = Omit<PackEvent, 'detail' | 'scanId'> & { id: number; scanId: string | null; detail: Record<string, unknown> };

type Row = {
  id: number;
  at: string;
  operator: string;
  station: string;
  order_id: string;
  package_id: number | null;
  kind: string;
  code: string | null;
  result: string;
  scan_id: string | null;
  detail: string;
};

export const FACT_KINDS: ReadonlySet<PackFact['type']> = new Set([
  'opened',
  'released',
  'unit',
  'rejected',
  'serial-prompt',
  'prompt-cancelled',
  'acknowledged',
  'package-closed',
  'package-labelled',
  'package-voided',
  'short',
]);

function toEvent(row: Row): StoredPackEvent {
  return {
    id: row.id,
    at: row.at,
    operator: row.operator,
    station: row.station,
    orderId: row.order_id,
    packageId: row.package_id,
    kind: row.kind,
    code: row.code,
    result: row.result,
    scanId: row.scan_id,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

/** The append-only log of what happened at the bench. There is no update and no delete. */
export function createEventsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO pack_events (at, operator, station, order_id, package_id, kind, code, result, scan_id, detail)
     VALUES (@at, @operator, @station, @orderId, @packageId, @kind, @code, @result, @scanId, @detail)`,
  );
  const ofOrder = db.prepare<[string], Row>('SELECT * FROM pack_events WHERE order_id = ? ORDER BY id');
  const factsOf = db.prepare<[string], { detail: string }>(
    `SELECT detail FROM pack_events WHERE order_id = ? AND kind IN (${[...FACT_KINDS].map((kind) => `'${kind}'`).join(', ')}) ORDER BY id`,
  );
  const byScan = db.prepare<[string], Row>('SELECT * FROM pack_events WHERE scan_id = ?');
  // Who holds each session: the operator of the last "opened" fact not followed by "released".
  const holdersStmt = db.prepare<[], { order_id: string; operator: string; kind: string }>(
    `SELECT e.order_id, e.operator, e.kind FROM pack_events e
     JOIN (SELECT max(id) AS id FROM pack_events WHERE kind IN ('opened', 'released') GROUP BY order_id) last ON last.id = e.id`,
  );
  return {
    append(event: PackEvent): number {
      return Number(
        insert.run({ ...event, scanId: event.scanId ?? null, detail: JSON.stringify(event.detail ?? {}) }).lastInsertRowid,
      );
    },
    forOrder(orderId: string): StoredPackEvent[] {
      return ofOrder.all(orderId).map(toEvent);
    },
    /** The pack-session facts of an order, in the order they happened. */
    factsFor(orderId: string): PackFact[] {
      return factsOf.all(orderId).map((row) => JSON.parse(row.detail) as PackFact);
    },
    holders(): Map<string, string> {
      const map = new Map<string, string>();
      for (const row of holdersStmt.all()) if (row.kind === 'opened') map.set(row.order_id, row.operator);
      return map;
    },
    byScanId(scanId: string): StoredPackEvent | null {
      const row = byScan.get(scanId);
      return row ? toEvent(row) : null;
    },
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
