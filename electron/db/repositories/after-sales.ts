import type { Db } from '../open';
import type { ReturnCondition, ReturnDisposition, ReturnReason, ReturnStatus } from '../../../shared/contract';

// Returns, refunds and replacements of an order (migration 7). Feedback, A-to-z claims and
// chargebacks are order defects and live with the metrics (repositories/metrics.ts).

/** The `source` of an order the bench made itself to replace goods: never confirmed to Amazon. */
export const REPLACEMENT_SOURCE = 'replacement';

export type ReturnItemRecord = { orderItemId: string; sku: string; quantity: number; condition: ReturnCondition; disposition: ReturnDisposition };

export type ReturnRecord = {
  id: number;
  orderId: string;
  rma: string;
  reason: ReturnReason;
  status: ReturnStatus;
  receivedAt: string;
  operator: string;
  note: string | null;
  items: ReturnItemRecord[];
};

export type RefundRecord = { id: number; orderId: string; amountMinor: number; currency: string; reason: string; refundedAt: string; operator: string; reference: string | null };

export type ReplacementRecord = { orderId: string; replacementOrderId: string; reason: string; createdAt: string; operator: string };

type ReturnRow = { id: number; order_id: string; rma: string; reason: ReturnReason; status: ReturnStatus; received_at: string; operator: string; note: string | null };
type ReturnItemRow = { return_id: number; order_item_id: string; sku: string; quantity: number; condition: ReturnCondition; disposition: ReturnDisposition };
type RefundRow = { id: number; order_id: string; amount_minor: number; currency: string; reason: string; refunded_at: string; operator: string; reference: string | null };
type ReplacementRow = { order_id: string; replacement_order_id: string; reason: string; created_at: string; operator: string };

export function createAfterSalesRepo(db: Db) {
  const returnsOf = db.prepare<[string], ReturnRow>('SELECT * FROM returns WHERE order_id = ? ORDER BY received_at, id');
  const returnItemsOf = db.prepare<[string], ReturnItemRow>(
    `SELECT ri.return_id, ri.order_item_id, oi.sku, ri.quantity, ri.condition, ri.disposition
     FROM return_items ri JOIN returns r ON r.id = ri.return_id JOIN order_items oi ON oi.order_item_id = ri.order_item_id
     WHERE r.order_id = ? ORDER BY ri.return_id, oi.rowid, ri.condition`,
  );
  const returnedOf = db.prepare<[string], { order_item_id: string; returned: number }>(
    `SELECT ri.order_item_id, sum(ri.quantity) AS returned FROM return_items ri JOIN returns r ON r.id = ri.return_id
     WHERE r.order_id = ? GROUP BY ri.order_item_id`,
  );
  const rmaTaken = db.prepare<[string], { id: number }>('SELECT id FROM returns WHERE rma = ?');
  const rmasLike = db.prepare<[string], number>('SELECT count(*) FROM returns WHERE rma LIKE ?').pluck();
  const insertReturn = db.prepare(
    `INSERT INTO returns (order_id, rma, reason, status, received_at, operator, note, created_at)
     VALUES (@orderId, @rma, @reason, @status, @receivedAt, @operator, @note, @now)`,
  );
  const insertReturnItem = db.prepare(
    `INSERT INTO return_items (return_id, order_item_id, quantity, condition, disposition)
     VALUES (@returnId, @orderItemId, @quantity, @condition, @disposition)`,
  );
  const refundsOf = db.prepare<[string], RefundRow>('SELECT * FROM refunds WHERE order_id = ? ORDER BY refunded_at, id');
  const refundReference = db.prepare<[string], { id: number }>('SELECT id FROM refunds WHERE reference = ?');
  const insertRefund = db.prepare(
    `INSERT INTO refunds (order_id, amount_minor, currency, reason, refunded_at, operator, reference, created_at)
     VALUES (@orderId, @amountMinor, @currency, @reason, @refundedAt, @operator, @reference, @now)`,
  );
  const replacementsOf = db.prepare<[string], ReplacementRow>('SELECT * FROM replacements WHERE order_id = ? ORDER BY created_at, id');
  const replaces = db.prepare<[string], string>('SELECT order_id FROM replacements WHERE replacement_order_id = ?').pluck();
  const replacementCount = db.prepare<[string], number>('SELECT count(*) FROM replacements WHERE order_id = ?').pluck();
  const insertReplacement = db.prepare(
    `INSERT INTO replacements (order_id, replacement_order_id, reason, created_at, operator)
     VALUES (@orderId, @replacementOrderId, @reason, @createdAt, @operator)`,
  );

  return {
    returnsOf(orderId: string): ReturnRecord[] {
      const items = new Map<number, ReturnItemRecord[]>();
      for (const row of returnItemsOf.all(orderId)) {
        const list = items.get(row.return_id) ?? [];
        list.push({ orderItemId: row.order_item_id, sku: row.sku, quantity: row.quantity, condition: row.condition, disposition: row.disposition });
        items.set(row.return_id, list);
      }
      return returnsOf.all(orderId).map((row) => ({
        id: row.id,
        orderId: row.order_id,
        rma: row.rma,
        reason: row.reason,
        status: row.status,
        receivedAt: row.received_at,
        operator: row.operator,
        note: row.note,
        items: items.get(row.id) ?? [],
      }));
    },
    /** Units already returned, by order item. */
    returnedUnits(orderId: string): Map<string, number> {
      return new Map(returnedOf.all(orderId).map((row) => [row.order_item_id, row.returned]));
    },
    rmaTaken(rma: string): boolean {
      return rmaTaken.get(rma) !== undefined;
    },
    /** How many RMAs start with `prefix` (the bench numbers its own per day). */
    countRmas(prefix: string): number {
      return rmasLike.get(`${prefix.replace(/[%_\\]/g, '')}%`) ?? 0;
    },
    insertReturn(input: Omit<ReturnRecord, 'id' | 'items'> & { items: Array<Omit<ReturnItemRecord, 'sku'>> }, now: string): number {
      const returnId = Number(insertReturn.run({ ...input, now }).lastInsertRowid);
      for (const item of input.items) insertReturnItem.run({ returnId, orderItemId: item.orderItemId, quantity: item.quantity, condition: item.condition, disposition: item.disposition });
      return returnId;
    },
    refundsOf(orderId: string): RefundRecord[] {
      return refundsOf.all(orderId).map((row) => ({
        id: row.id,
        orderId: row.order_id,
        amountMinor: row.amount_minor,
        currency: row.currency,
        reason: row.reason,
        refundedAt: row.refunded_at,
        operator: row.operator,
        reference: row.reference,
      }));
    },
    refundReferenceTaken(reference: string): boolean {
      return refundReference.get(reference) !== undefined;
    },
    insertRefund(input: Omit<RefundRecord, 'id'>, now: string): number {
      return Number(insertRefund.run({ ...input, now }).lastInsertRowid);
    },
    replacementsOf(orderId: string): ReplacementRecord[] {
      return replacementsOf.all(orderId).map((row) => ({
        orderId: row.order_id,
        replacementOrderId: row.replacement_order_id,
        reason: row.reason,
        createdAt: row.created_at,
        operator: row.operator,
      }));
    },
    /** The original order of a replacement; null for any other order. */
    replacedBy(replacementOrderId: string): string | null {
      return replaces.get(replacementOrderId) ?? null;
    },
    replacementCount(orderId: string): number {
      return replacementCount.get(orderId) ?? 0;
    },
    insertReplacement(input: ReplacementRecord): void {
      insertReplacement.run(input);
    },
  };
}

export type AfterSalesRepo = ReturnType<typeof createAfterSalesRepo>;
