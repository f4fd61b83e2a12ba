import type { AfterSalesDefectInput, AfterSalesView, ReturnCondition, ReturnDisposition, ReturnReason, ReturnStatus } from '../../shared/contract';
import type { ClaimStatus } from '../../shared/metrics/definitions';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import { REPLACEMENT_SOURCE } from '../db/repositories/after-sales';
import type { OrderRecord } from '../db/repositories/orders';

// After-sales at the bench: returns (restock or write off), refunds, replacement shipments,
// and the buyer's feedback, A-to-z claims and chargebacks, which are the order defect rate's
// inputs and are stored by the metrics repository (order_defects), not here.

type ReturnInput = {
  orderId: string;
  rma?: string | undefined;
  reason: ReturnReason;
  receivedAt?: string | undefined;
  note?: string | undefined;
  items: Array<{ orderItemId: string; quantity: number; condition: ReturnCondition; disposition: ReturnDisposition }>;
};

type RefundInput = { orderId: string; amountMinor: number; currency: string; reason: string; refundedAt?: string | undefined; reference?: string | undefined };

type ReplacementInput = { orderId: string; reason: string; items: Array<{ orderItemId: string; quantity: number }> };

/** Goods leave the bench in these states; before them there is nothing to return or refund. */
const AFTER_SHIPPING = new Set(['packed', 'shipped', 'confirmed']);

/** The status a return takes from its items' dispositions (the bench keeps no stock counts). */
export function returnStatus(dispositions: readonly ReturnDisposition[]): ReturnStatus {
  if (dispositions.length === 0) return 'received';
  if (dispositions.every((disposition) => disposition === 'restock')) return 'restocked';
  if (dispositions.every((disposition) => disposition === 'write-off')) return 'written-off';
  return 'partly-restocked';
}

/** The bench's own RMA: RMA-<yyyymmdd>-<n>, n counting that day's RMAs from 1 (UTC day). */
export function benchRma(at: string, taken: number): string {
  return `RMA-${at.slice(0, 10).replace(/-/g, '')}-${taken + 1}`;
}

export function createAfterSalesService(deps: { store: Store; clock: () => Date }) {
  const { store } = deps;
  const now = () => deps.clock().toISOString();
  // The unique index of order_defects (kind, reference), asked first so a repeat is a code, not a constraint error.
  const defectReference = store.db.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM order_defects WHERE kind = ? AND reference = ?');

  function order(orderId: string): OrderRecord {
    const found = store.orders.get(orderId.trim());
    if (!found) throw new DomainError('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    return found;
  }

  function shipped(found: OrderRecord): void {
    if (!AFTER_SHIPPING.has(found.status)) {
      throw new DomainError('AFTERSALES_NOT_SHIPPED', `Order ${found.orderId} is ${found.status}: nothing of it has left the bench.`, { orderId: found.orderId, status: found.status });
    }
  }

  /**
   * What the catalogue says the order's goods are worth: every line's value in one currency,
   * else null. It is the declared unit value, the nearest the bench has to what the buyer paid
   * (the order import carries no prices).
   */
  function orderValue(orderId: string): { amountMinor: number; currency: string } | null {
    let amountMinor = 0;
    let currency: string | null = null;
    for (const item of store.orders.items(orderId)) {
      const entry = store.catalog.get(item.sku);
      if (entry === null || entry.valueMinor === null) return null;
      if (currency !== null && entry.currency !== currency) return null;
      currency = entry.currency;
      amountMinor += entry.valueMinor * item.quantity;
    }
    return currency === null ? null : { amountMinor, currency };
  }

  function afterSalesOf(orderId: string): AfterSalesView {
    const found = order(orderId);
    const returned = store.afterSales.returnedUnits(found.orderId);
    return {
      orderId: found.orderId,
      status: found.status,
      source: found.source,
      replaces: store.afterSales.replacedBy(found.orderId),
      items: store.orders.items(found.orderId).map((item) => ({
        orderItemId: item.orderItemId,
        sku: item.sku,
        productName: item.productName,
        quantity: item.quantity,
        returned: returned.get(item.orderItemId) ?? 0,
      })),
      orderValue: orderValue(found.orderId),
      returns: store.afterSales.returnsOf(found.orderId).map(({ orderId: _orderId, ...rest }) => rest),
      refunds: store.afterSales.refundsOf(found.orderId).map(({ orderId: _orderId, ...rest }) => rest),
      replacements: store.afterSales.replacementsOf(found.orderId).map((replacement) => ({
        replacementOrderId: replacement.replacementOrderId,
        reason: replacement.reason,
        createdAt: replacement.createdAt,
        operator: replacement.operator,
        status: store.orders.get(replacement.replacementOrderId)?.status ?? 'new',
      })),
      defects: store.metrics.defectsOf(found.orderId).map(({ orderId: _orderId, ...rest }) => rest),
    };
  }

  /**
   * Units per order item in the request, refused when one is not of the order or when, with
   * what earlier returns took back, it is more than the order line's quantity.
   */
  function checkUnits(found: OrderRecord, requested: ReadonlyArray<{ orderItemId: string; quantity: number }>, alreadyUsed: ReadonlyMap<string, number>, code: string): void {
    const items = new Map(store.orders.items(found.orderId).map((item) => [item.orderItemId, item]));
    const wanted = new Map<string, number>();
    for (const line of requested) {
      if (!items.has(line.orderItemId)) {
        throw new DomainError('AFTERSALES_ITEM_NOT_IN_ORDER', `${line.orderItemId} is not a line of order ${found.orderId}.`, { orderId: found.orderId, orderItemId: line.orderItemId });
      }
      wanted.set(line.orderItemId, (wanted.get(line.orderItemId) ?? 0) + line.quantity);
    }
    for (const [orderItemId, quantity] of wanted) {
      const item = items.get(orderItemId);
      const used = alreadyUsed.get(orderItemId) ?? 0;
      if (item !== undefined && used + quantity > item.quantity) {
        throw new DomainError(code, `${item.sku}: ${quantity} asked, ${item.quantity - used} of ${item.quantity} left.`, {
          orderId: found.orderId,
          sku: item.sku,
          quantity,
          left: item.quantity - used,
          ordered: item.quantity,
        });
      }
    }
  }

  function recordReturn(input: ReturnInput, operator: string): AfterSalesView {
    const at = now();
    store.writeTransaction(() => {
      const found = order(input.orderId);
      shipped(found);
      for (const item of input.items) {
        if (item.condition === 'missing' && item.disposition === 'restock') {
          throw new DomainError('RETURN_MISSING_RESTOCKED', 'A unit that did not come back cannot be restocked.', { orderItemId: item.orderItemId });
        }
      }
      // Two lines of one item in one condition are one row: the table's key.
      const merged = new Map<string, ReturnInput['items'][number]>();
      for (const item of input.items) {
        const key = `${item.orderItemId}\u0000${item.condition}`;
        const earlier = merged.get(key);
        if (earlier !== undefined && earlier.disposition !== item.disposition) {
          throw new DomainError('RETURN_DISPOSITION_CONFLICT', 'Units of one item in one condition go one way: restock or write off.', { orderItemId: item.orderItemId, condition: item.condition });
        }
        merged.set(key, earlier === undefined ? { ...item } : { ...earlier, quantity: earlier.quantity + item.quantity });
      }
      checkUnits(found, input.items, store.afterSales.returnedUnits(found.orderId), 'RETURN_TOO_MANY');
      const receivedAt = input.receivedAt === undefined ? at : new Date(input.receivedAt).toISOString();
      if (receivedAt < found.purchaseDate) {
        throw new DomainError('AFTERSALES_BEFORE_ORDER', `A return cannot be received before order ${found.orderId} was placed.`, { orderId: found.orderId });
      }
      let rma = input.rma;
      if (rma === undefined) {
        // A hand-typed RMA may already hold the next number of the day: step past it.
        const prefix = `RMA-${at.slice(0, 10).replace(/-/g, '')}-`;
        let taken = store.afterSales.countRmas(prefix);
        do {
          rma = benchRma(at, taken);
          taken += 1;
        } while (store.afterSales.rmaTaken(rma));
      } else if (store.afterSales.rmaTaken(rma)) {
        throw new DomainError('RETURN_RMA_TAKEN', `RMA ${rma} is already recorded.`, { rma });
      }
      const items = [...merged.values()];
      store.afterSales.insertReturn(
        { orderId: found.orderId, rma, reason: input.reason, status: returnStatus(items.map((item) => item.disposition)), receivedAt, operator, note: input.note ?? null, items },
        at,
      );
    });
    return afterSalesOf(input.orderId);
  }

  /** Refused above the catalogue's value of the order, with earlier refunds, when it knows the value (orderValue). */
  function recordRefund(input: RefundInput, operator: string): AfterSalesView {
    const at = now();
    store.writeTransaction(() => {
      const found = order(input.orderId);
      shipped(found);
      if (input.reference !== undefined && store.afterSales.refundReferenceTaken(input.reference)) {
        throw new DomainError('REFUND_REFERENCE_TAKEN', `Refund ${input.reference} is already recorded.`, { reference: input.reference });
      }
      const value = orderValue(found.orderId);
      if (value !== null) {
        if (input.currency !== value.currency) {
          throw new DomainError('REFUND_CURRENCY_MISMATCH', `The order's goods are valued in ${value.currency}, not ${input.currency}.`, { currency: input.currency, expected: value.currency });
        }
        const earlier = store.afterSales.refundsOf(found.orderId).reduce((sum, refund) => sum + (refund.currency === value.currency ? refund.amountMinor : 0), 0);
        if (earlier + input.amountMinor > value.amountMinor) {
          throw new DomainError('REFUND_TOO_LARGE', `Refunds would come to more than the order's value.`, {
            orderId: found.orderId,
            amountMinor: input.amountMinor,
            leftMinor: value.amountMinor - earlier,
            currency: value.currency,
          });
        }
      }
      const refundedAt = input.refundedAt === undefined ? at : new Date(input.refundedAt).toISOString();
      if (refundedAt < found.purchaseDate) {
        throw new DomainError('AFTERSALES_BEFORE_ORDER', `A refund cannot precede order ${found.orderId}.`, { orderId: found.orderId });
      }
      store.afterSales.insertRefund(
        { orderId: found.orderId, amountMinor: input.amountMinor, currency: input.currency, reason: input.reason, refundedAt, operator, reference: input.reference ?? null },
        at,
      );
    });
    return afterSalesOf(input.orderId);
  }

  /**
   * A new local order `<original>-R<n>` with the chosen items, to the same recipient, status
   * new: it appears in the queue and is packed like any other. Its source ('replacement')
   * keeps its label's confirmation away from Amazon (pack-service.ts). It has no ship-by date:
   * the bench never confirms it, and a deadline would count it as a late shipment.
   */
  function createReplacement(input: ReplacementInput, operator: string): AfterSalesView & { replacementOrderId: string } {
    const at = now();
    const replacementOrderId = store.writeTransaction(() => {
      const found = order(input.orderId);
      shipped(found);
      if (found.source === REPLACEMENT_SOURCE) {
        throw new DomainError('REPLACEMENT_OF_REPLACEMENT', `Order ${found.orderId} is itself a replacement: replace from the original order.`, { orderId: found.orderId });
      }
      // One replacement is at most the order again: what earlier replacements sent counts too.
      const sent = new Map<string, number>();
      for (const earlier of store.afterSales.replacementsOf(found.orderId)) {
        for (const item of store.orders.items(earlier.replacementOrderId)) {
          const original = item.orderItemId.slice(earlier.replacementOrderId.length + 1);
          sent.set(original, (sent.get(original) ?? 0) + item.quantity);
        }
      }
      checkUnits(found, input.items, sent, 'REPLACEMENT_TOO_MANY');
      const newId = `${found.orderId}-R${store.afterSales.replacementCount(found.orderId) + 1}`;
      if (store.orders.get(newId) !== null) {
        throw new DomainError('REPLACEMENT_ID_TAKEN', `There is already an order ${newId}.`, { orderId: newId });
      }
      const originals = new Map(store.orders.items(found.orderId).map((item) => [item.orderItemId, item]));
      const quantities = new Map<string, number>();
      for (const line of input.items) quantities.set(line.orderItemId, (quantities.get(line.orderItemId) ?? 0) + line.quantity);
      store.orders.insert(
        {
          ...found,
          orderId: newId,
          status: 'new',
          purchaseDate: at,
          latestShipDate: null,
          latestDeliveryDate: null,
          source: REPLACEMENT_SOURCE,
          onHold: false,
          buyerCancelRequested: false,
          cancelledAt: null,
          cancelReason: null,
          cancelledBy: null,
        },
        // Item ids `<replacement id>-<original item id>`: unique, and they name the line they replace.
        [...quantities].map(([orderItemId, quantity]) => {
          const original = originals.get(orderItemId);
          return { orderItemId: `${newId}-${orderItemId}`, orderId: newId, sku: original?.sku ?? '', productName: original?.productName ?? '', quantity };
        }),
        at,
      );
      store.afterSales.insertReplacement({ orderId: found.orderId, replacementOrderId: newId, reason: input.reason, createdAt: at, operator });
      return newId;
    });
    return { ...afterSalesOf(input.orderId), replacementOrderId };
  }

  function recordDefect(input: AfterSalesDefectInput): AfterSalesView {
    const at = now();
    store.writeTransaction(() => {
      const found = order(input.orderId);
      if (found.source === REPLACEMENT_SOURCE) {
        throw new DomainError('DEFECT_ON_REPLACEMENT', `Order ${found.orderId} is the bench's replacement; record it on the original order.`, { orderId: found.orderId });
      }
      if (input.reference !== undefined && defectReference.get(input.kind, input.reference) !== undefined) {
        throw new DomainError('DEFECT_REFERENCE_TAKEN', `This ${input.kind} (${input.reference}) is already recorded.`, { reference: input.reference });
      }
      store.metrics.recordDefect(
        {
          orderId: found.orderId,
          kind: input.kind,
          rating: input.kind === 'feedback' ? input.rating : null,
          claimStatus: input.kind === 'a-to-z-claim' ? input.claimStatus : null,
          receivedAt: new Date(input.receivedAt).toISOString(),
          reference: input.reference ?? null,
          note: input.note ?? null,
        },
        at,
      );
    });
    return afterSalesOf(input.orderId);
  }

  function setClaimStatus(input: { orderId: string; defectId: number; claimStatus: ClaimStatus }): AfterSalesView {
    const at = now();
    store.writeTransaction(() => {
      const found = order(input.orderId);
      const claim = store.metrics.defectsOf(found.orderId).find((defect) => defect.id === input.defectId && defect.kind === 'a-to-z-claim');
      if (claim === undefined) {
        throw new DomainError('CLAIM_NOT_FOUND', `Order ${found.orderId} has no A-to-z claim ${input.defectId}.`, { orderId: found.orderId, defectId: input.defectId });
      }
      store.metrics.setClaimStatus(input.defectId, input.claimStatus, at);
    });
    return afterSalesOf(input.orderId);
  }

  return { afterSalesOf, recordReturn, recordRefund, createReplacement, recordDefect, setClaimStatus };
}

export type AfterSalesService = ReturnType<typeof createAfterSalesService>;
