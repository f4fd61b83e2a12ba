import type { Db } from '../open';
import type { OrderStatus } from '../../../shared/contract';
import type { Recipient } from '../../../shared/domain/recipient';
import { cancellationInitiator } from '../../../shared/metrics/definitions';
import type { CancelInitiator } from '../../../shared/metrics/definitions';

export type OrderRecord = {
  orderId: string;
  marketplace: string;
  status: OrderStatus;
  purchaseDate: string;
  latestShipDate: string | null;
  /** The delivery promise (ISO time), when the source gives it: the Orders API does, the flat file does not. */
  latestDeliveryDate: string | null;
  shipServiceLevel: string | null;
  isPrime: boolean;
  isBusiness: boolean;
  buyerName: string | null;
  buyerEmail: string | null;
  recipient: Recipient;
  source: string;
  onHold: boolean;
  buyerCancelRequested: boolean;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Who initiated the cancellation (the cancel rate counts only the seller's); null when not known. */
  cancelledBy?: CancelInitiator | null;
};

export type OrderItemRecord = {
  orderItemId: string;
  orderId: string;
  sku: string;
  productName: string;
  quantity: number;
};

type OrderRow = {
  order_id: string;
  marketplace: string;
  status: OrderStatus;
  purchase_date: string;
  latest_ship_date: string | null;
  latest_delivery_date: string | null;
  ship_service_level: string | null;
  is_prime: number;
  is_business: number;
  buyer_name: string | null;
  buyer_email: string | null;
  recipient_name: string;
  address1: string;
  address2: string | null;
  address3: string | null;
  city: string;
  state: string | null;
  postal_code: string;
  country_code: string;
  phone: string | null;
  on_hold: number;
  buyer_cancel_requested: number;
  cancelled_at: string | null;
  cancel_reason: string | null;
  cancelled_by: CancelInitiator | null;
  source: string;
};

type ItemRow = { order_item_id: string; order_id: string; sku: string; product_name: string; quantity: number };

const OPEN_STATUSES = "('new', 'acknowledged', 'packing')";

function toOrder(row: OrderRow): OrderRecord {
  return {
    orderId: row.order_id,
    marketplace: row.marketplace,
    status: row.status,
    purchaseDate: row.purchase_date,
    latestShipDate: row.latest_ship_date,
    latestDeliveryDate: row.latest_delivery_date,
    shipServiceLevel: row.ship_service_level,
    isPrime: row.is_prime === 1,
    isBusiness: row.is_business === 1,
    buyerName: row.buyer_name,
    buyerEmail: row.buyer_email,
    recipient: {
      name: row.recipient_name,
      address1: row.address1,
      address2: row.address2,
      address3: row.address3,
      city: row.city,
      state: row.state,
      postalCode: row.postal_code,
      countryCode: row.country_code,
      phone: row.phone,
    },
    source: row.source,
    onHold: row.on_hold === 1,
    buyerCancelRequested: row.buyer_cancel_requested === 1,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    cancelledBy: row.cancelled_by,
  };
}

function toItem(row: ItemRow): OrderItemRecord {
  return {
    orderItemId: row.order_item_id,
    orderId: row.order_id,
    sku: row.sku,
    productName: row.product_name,
    quantity: row.quantity,
  };
}

export function createOrdersRepo(db: Db) {
  const byId = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_id = ?');
  const itemsOf = db.prepare<[string], ItemRow>('SELECT * FROM order_items WHERE order_id = ? ORDER BY rowid');
  // Orders without a deadline sort last: they are not urgent by any measure we have.
  const openByDeadline = db.prepare<[], OrderRow>(
    `SELECT * FROM orders WHERE status IN ${OPEN_STATUSES}
     ORDER BY latest_ship_date IS NULL, latest_ship_date, order_id`,
  );
  const openItems = db.prepare<[], ItemRow>(
    `SELECT i.* FROM order_items i JOIN orders o ON o.order_id = i.order_id
     WHERE o.status IN ${OPEN_STATUSES} ORDER BY i.rowid`,
  );
  const insertOrder = db.prepare(
    `INSERT INTO orders (order_id, marketplace, status, purchase_date, latest_ship_date, ship_service_level,
       is_prime, is_business, buyer_name, buyer_email, recipient_name, address1, address2, address3, city,
       state, postal_code, country_code, phone, on_hold, buyer_cancel_requested, source, created_at, updated_at,
       latest_delivery_date)
     VALUES (@orderId, @marketplace, @status, @purchaseDate, @latestShipDate, @shipServiceLevel, @isPrime,
       @isBusiness, @buyerName, @buyerEmail, @recipientName, @address1, @address2, @address3, @city, @state,
       @postalCode, @countryCode, @phone, @onHold, @buyerCancelRequested, @source, @now, @now, @latestDeliveryDate)`,
  );
  const updateOrder = db.prepare(
    `UPDATE orders SET purchase_date = @purchaseDate, latest_ship_date = @latestShipDate,
       ship_service_level = @shipServiceLevel, is_prime = @isPrime, is_business = @isBusiness,
       buyer_name = @buyerName, buyer_email = @buyerEmail, recipient_name = @recipientName,
       address1 = @address1, address2 = @address2, address3 = @address3, city = @city, state = @state,
       postal_code = @postalCode, country_code = @countryCode, phone = @phone, on_hold = @onHold,
       buyer_cancel_requested = @buyerCancelRequested, updated_at = @now,
       -- A source without the promise (the flat file) must not erase one another source gave.
       latest_delivery_date = coalesce(@latestDeliveryDate, latest_delivery_date)
     WHERE order_id = @orderId`,
  );
  const insertItem = db.prepare(
    `INSERT INTO order_items (order_item_id, order_id, sku, product_name, quantity)
     VALUES (@orderItemId, @orderId, @sku, @productName, @quantity)`,
  );
  const updateItem = db.prepare(
    `UPDATE order_items SET sku = @sku, product_name = @productName, quantity = @quantity
     WHERE order_item_id = @orderItemId AND order_id = @orderId`,
  );
  const setStatusStmt = db.prepare('UPDATE orders SET status = @status, updated_at = @now WHERE order_id = @orderId');
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders');
  const cancelStmt = db.prepare(
    `UPDATE orders SET status = 'cancelled', cancelled_at = @now, cancel_reason = @reason, cancelled_by = @cancelledBy, updated_at = @now
     WHERE order_id = @orderId AND status NOT IN ('shipped', 'confirmed', 'cancelled')`,
  );

  function flatten(order: OrderRecord, now: string) {
    return {
      orderId: order.orderId,
      marketplace: order.marketplace,
      status: order.status,
      purchaseDate: order.purchaseDate,
      latestShipDate: order.latestShipDate,
      latestDeliveryDate: order.latestDeliveryDate,
      shipServiceLevel: order.shipServiceLevel,
      isPrime: order.isPrime ? 1 : 0,
      isBusiness: order.isBusiness ? 1 : 0,
      buyerName: order.buyerName,
      buyerEmail: order.buyerEmail,
      recipientName: order.recipient.name,
      address1: order.recipient.address1,
      address2: order.recipient.address2,
      address3: order.recipient.address3,
      city: order.recipient.city,
      state: order.recipient.state,
      postalCode: order.recipient.postalCode,
      countryCode: order.recipient.countryCode,
      phone: order.recipient.phone,
      onHold: order.onHold ? 1 : 0,
      buyerCancelRequested: order.buyerCancelRequested ? 1 : 0,
      source: order.source,
      now,
    };
  }

  // Bumped by every write of order details or items through this repository, so a cache of
  // derived data (the pack sessions) can tell it is out of date without reading the rows.
  let generation = 0;

  return {
    generation(): number {
      return generation;
    },
    get(orderId: string): OrderRecord | null {
      const row = byId.get(orderId);
      return row ? toOrder(row) : null;
    },
    items(orderId: string): OrderItemRecord[] {
      return itemsOf.all(orderId).map(toItem);
    },
    listOpen(): Array<OrderRecord & { items: OrderItemRecord[] }> {
      const items = new Map<string, OrderItemRecord[]>();
      for (const row of openItems.all()) {
        const list = items.get(row.order_id) ?? [];
        list.push(toItem(row));
        items.set(row.order_id, list);
      }
      return openByDeadline.all().map((row) => ({ ...toOrder(row), items: items.get(row.order_id) ?? [] }));
    },
    insert(order: OrderRecord, items: OrderItemRecord[], now: string): void {
      generation += 1;
      insertOrder.run(flatten(order, now));
      for (const item of items) insertItem.run(item);
    },
    /** Rewrites the marketplace-owned fields; the bench-owned status is left alone. */
    updateDetails(order: OrderRecord, now: string): void {
      generation += 1;
      updateOrder.run(flatten(order, now));
    },
    insertItem(item: OrderItemRecord): void {
      generation += 1;
      insertItem.run(item);
    },
    updateItem(item: OrderItemRecord): void {
      generation += 1;
      updateItem.run(item);
    },
    setStatus(orderId: string, status: OrderStatus, now: string): void {
      setStatusStmt.run({ orderId, status, now });
    },
    count(): number {
      return countStmt.get()?.n ?? 0;
    },
    /**
     * Returns false when the order had already left (shipped) or was already cancelled.
     * `by`: 'seller' for a supervisor's cancellation at the bench, 'marketplace' for one that
     * came from Amazon (report or sync), 'buyer' when Amazon says the buyer asked; a buyer's
     * pending request on the order makes it the buyer's whatever `by` says (cancellationInitiator).
     */
    cancel(orderId: string, reason: string, now: string, by: CancelInitiator | null = null): boolean {
      const row = byId.get(orderId);
      if (!row) return false;
      const cancelledBy = cancellationInitiator(by, row.buyer_cancel_requested === 1);
      return cancelStmt.run({ orderId, reason, now, cancelledBy }).changes === 1;
    },
  };
}

export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
