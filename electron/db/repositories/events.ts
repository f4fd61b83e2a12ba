import type { Db } from '../open';

export type PackEvent = {
  at: string;
  operator: string;
  station: string;
  orderId: string;
  packageId: number | null;
  kind: 'open' | 'scan' | 'box' | 'weight' | 'label' | 'print';
  code: string | null;
  result: string;
  detail?: Record<string, unknown>;
};

export type StoredPackEvent = PackEvent & { id: number };

type Row = {
  id: number;
  at: string;
  operator: string;
  station: string;
  order_id: string;
  package_id: number | null;
  kind: PackEvent['kind'];
  code: string | null;
  result: string;
  detail: string;
};

/** The append-only log of what happened at the bench. There is no update and no delete. */
export function createEventsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO pack_events (at, operator, station, order_id, package_id, kind, code, result, detail)
     VALUES (@at, @operator, @station, @orderId, @packageId, @kind, @code, @result, @detail)`,
  );
  const ofOrder = db.prepare<[string], Row>('SELECT * FROM pack_events WHERE order_id = ? ORDER BY id');
  return {
    append(event: PackEvent): number {
      return Number(insert.run({ ...event, detail: JSON.stringify(event.detail ?? {}) }).lastInsertRowid);
    },
    forOrder(orderId: string): StoredPackEvent[] {
      return ofOrder.all(orderId).map((row) => ({
        id: row.id,
        at: row.at,
        operator: row.operator,
        station: row.station,
        orderId: row.order_id,
        packageId: row.package_id,
        kind: row.kind,
        code: row.code,
        result: row.result,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
