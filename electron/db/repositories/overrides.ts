import type { Db } from '../open';

export type OverrideRecord = {
  at: string;
  kind: 'unit-verified' | 'ship-short' | 'session-takeover' | 'weight-accepted';
  operator: string;
  supervisor: string;
  orderId: string;
  packageId: number | null;
  orderItemId: string | null;
  quantity: number | null;
  reasonCode: string;
  note: string | null;
};

type Row = {
  id: number;
  at: string;
  kind: OverrideRecord['kind'];
  operator: string;
  supervisor: string;
  order_id: string;
  package_id: number | null;
  order_item_id: string | null;
  quantity: number | null;
  reason_code: string;
  note: string | null;
};

/** Every override with its reason code, operator and approving supervisor: reportable. */
export function createOverridesRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO overrides (at, kind, operator, supervisor, order_id, package_id, order_item_id, quantity, reason_code, note)
     VALUES (@at, @kind, @operator, @supervisor, @orderId, @packageId, @orderItemId, @quantity, @reasonCode, @note)`,
  );
  const between = db.prepare<[string, string], Row>('SELECT * FROM overrides WHERE at >= ? AND at < ? ORDER BY at, id');
  return {
    record(entry: OverrideRecord): number {
      return Number(insert.run(entry).lastInsertRowid);
    },
    between(fromIso: string, toIso: string): Array<OverrideRecord & { id: number }> {
      return between.all(fromIso, toIso).map((row) => ({
        id: row.id,
        at: row.at,
        kind: row.kind,
        operator: row.operator,
        supervisor: row.supervisor,
        orderId: row.order_id,
        packageId: row.package_id,
        orderItemId: row.order_item_id,
        quantity: row.quantity,
        reasonCode: row.reason_code,
        note: row.note,
      }));
    },
  };
}

export type OverridesRepo = ReturnType<typeof createOverridesRepo>;
