// An order pulled from the Orders API 2026-01-01 (searchOrders / getOrder, model
// amazon-sp-api/orders_2026-01-01.json) as the station's ImportedOrder, so that pulled and
// imported orders go through the same store code. One order at a time: a bad order is an error
// value, never an exception, and never stops the rest of a pull.
//
// Where the model's fields land:
//   orderId, createdTime → purchaseDate, lastUpdatedTime, salesChannel.marketplaceId
//   programs: PRIME → isPrime, AMAZON_BUSINESS → isBusiness
//   buyer.buyerName / buyerEmail                     (includedData BUYER)
//   recipient.deliveryAddress → recipient            (includedData RECIPIENT; restricted data)
//   fulfillment.fulfillmentStatus → cancelled, marketplaceStatus, and whether to take it at all
//   fulfillment.shipByWindow.latestDateTime → latestShipDate (the confirm-by deadline)
//   fulfillment.deliverByWindow.latestDateTime → latestDeliveryDate
//   fulfillment.fulfillmentServiceLevel → shipServiceLevel (STANDARD, EXPEDITED…)
//   orderItems[].product.sellerSku / title / asin, quantityOrdered,
//     fulfillment.quantityUnfulfilled → quantity still to ship           (includedData FULFILLMENT)
//     cancellation.cancellationRequest (requester BUYER) without a cancellationExecution
//       → buyerCancelRequested; with a cancellationExecution → the item is cancelled (CANCELLATION)

import { z } from 'zod';
import { parseReportDate } from '../import/unshipped-orders';
import type { ImportedOrder, ImportedOrderItem, ImportedRecipient } from '../import/unshipped-orders';

export type PulledOrderErrorCode =
  /** Not the shape the model promises, or a value that cannot be right (a date, a quantity, an id). */
  | 'PULLED_ORDER_INVALID'
  /** No usable delivery address: restricted data not included (RECIPIENT or the PII role missing). */
  | 'PULLED_ORDER_NO_RECIPIENT'
  /** Fulfilled by Amazon, not by this bench. */
  | 'PULLED_ORDER_NOT_MERCHANT_FULFILLED'
  /** PENDING or PENDING_AVAILABILITY: payment not through; Amazon says it is not ready for shipment. */
  | 'PULLED_ORDER_NOT_READY'
  /** Shipped already, or every item shipped or cancelled: nothing to pack. */
  | 'PULLED_ORDER_NOTHING_TO_SHIP';

export type PulledOrderError = {
  code: PulledOrderErrorCode;
  message: string;
  orderId: string | null;
  /** True when the order is fine but not for the bench (skip it quietly); false when its data is bad. */
  skipped: boolean;
};

export type PulledOrderResult = { ok: true; order: ImportedOrder } | { ok: false; error: PulledOrderError };

const text = z.string().nullish();
const int = z.number().int().nonnegative();
const window = z.object({ earliestDateTime: text, latestDateTime: text }).nullish();

const addressSchema = z.object({
  name: text,
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  city: text,
  stateOrRegion: text,
  postalCode: text,
  countryCode: text,
  phone: text,
});

const itemSchema = z.object({
  orderItemId: z.string().min(1),
  quantityOrdered: int,
  product: z.object({ asin: text, title: text, sellerSku: text }),
  cancellation: z
    .object({
      cancellationRequest: z.object({ requester: text, cancelReason: text }).nullish(),
      cancellationExecution: z.object({ cancelledBy: text, cancelReason: text }).nullish(),
    })
    .nullish(),
  fulfillment: z.object({ quantityFulfilled: int.nullish(), quantityUnfulfilled: int.nullish() }).nullish(),
});

const orderSchema = z.object({
  orderId: z.string(),
  createdTime: z.string(),
  lastUpdatedTime: z.string(),
  programs: z.array(z.string()).nullish(),
  salesChannel: z.object({ channelName: z.string(), marketplaceId: text }),
  buyer: z.object({ buyerName: text, buyerEmail: text }).nullish(),
  recipient: z.object({ deliveryAddress: addressSchema.nullish() }).nullish(),
  fulfillment: z
    .object({
      fulfillmentStatus: z.string(),
      fulfilledBy: text,
      fulfillmentServiceLevel: text,
      shipByWindow: window,
      deliverByWindow: window,
    })
    .nullish(),
  orderItems: z.array(itemSchema),
});

type RawAddress = z.infer<typeof addressSchema>;

const ORDER_ID = /^[0-9]{3}-[0-9]{7}-[0-9]{7}$/;
const READY = new Set(['UNSHIPPED', 'PARTIALLY_SHIPPED']);

function blankToNull(v: string | null | undefined): string | null {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
}

function recipientOf(a: RawAddress | null | undefined): { recipient: ImportedRecipient } | { missing: string[] } {
  const missing: string[] = [];
  const need = (field: keyof RawAddress): string => {
    const v = blankToNull(a?.[field]);
    if (v === null) missing.push(field);
    return v ?? '';
  };
  const name = need('name');
  const address1 = need('addressLine1');
  const city = need('city');
  const countryCode = need('countryCode').toUpperCase();
  if (missing.length > 0) return { missing };
  return {
    recipient: {
      name,
      address1,
      address2: blankToNull(a?.addressLine2),
      address3: blankToNull(a?.addressLine3),
      city,
      state: blankToNull(a?.stateOrRegion),
      // Some countries (Hong Kong, the Emirates) have no postcodes: empty, not a refusal.
      postalCode: blankToNull(a?.postalCode) ?? '',
      countryCode,
      phone: blankToNull(a?.phone),
    },
  };
}

// A cancelled order's address is often withheld; the store reads only its id and status.
const WITHHELD: ImportedRecipient = { name: '', address1: '', address2: null, address3: null, city: '', state: null, postalCode: '', countryCode: '', phone: null };

/** Maps one Order object of the Orders API 2026-01-01; never throws. */
export function mapPulledOrder(raw: unknown): PulledOrderResult {
  const rawId = typeof raw === 'object' && raw !== null ? (raw as { orderId?: unknown }).orderId : undefined;
  const idForError = typeof rawId === 'string' && rawId !== '' ? rawId : null;
  const fail = (code: PulledOrderErrorCode, message: string, skipped = false): PulledOrderResult => ({
    ok: false,
    error: { code, message: idForError === null ? message : `Order ${idForError}: ${message}`, orderId: idForError, skipped },
  });

  const parsed = orderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'the order' : issue.path.join('.');
    return fail('PULLED_ORDER_INVALID', `${where}: ${issue?.message ?? 'not an order'}.`);
  }
  const o = parsed.data;
  if (!ORDER_ID.test(o.orderId)) return fail('PULLED_ORDER_INVALID', `'${o.orderId}' is not an Amazon order id like 114-3563777-5518068.`);
  if (!o.fulfillment) return fail('PULLED_ORDER_INVALID', 'it came without its fulfillment data (ask for includedData FULFILLMENT), so its status and ship-by time are unknown.');

  const status = o.fulfillment.fulfillmentStatus.toUpperCase();
  const fulfilledBy = (o.fulfillment.fulfilledBy ?? 'MERCHANT').toUpperCase();
  if (fulfilledBy !== 'MERCHANT' || status === 'UNFULFILLABLE') return fail('PULLED_ORDER_NOT_MERCHANT_FULFILLED', 'it is fulfilled by Amazon.', true);
  if (status === 'PENDING' || status === 'PENDING_AVAILABILITY') return fail('PULLED_ORDER_NOT_READY', `it is ${status}, not ready for shipment.`, true);
  if (status === 'SHIPPED') return fail('PULLED_ORDER_NOTHING_TO_SHIP', 'it is shipped already.', true);
  if (status !== 'CANCELLED' && !READY.has(status)) return fail('PULLED_ORDER_INVALID', `its status '${status}' is not one the bench knows.`);

  const purchaseDate = parseReportDate(o.createdTime);
  const lastUpdatedTime = parseReportDate(o.lastUpdatedTime);
  if (purchaseDate === null) return fail('PULLED_ORDER_INVALID', `createdTime '${o.createdTime}' is not an ISO-8601 time.`);
  if (lastUpdatedTime === null) return fail('PULLED_ORDER_INVALID', `lastUpdatedTime '${o.lastUpdatedTime}' is not an ISO-8601 time.`);
  const windowEnd = (name: 'shipByWindow' | 'deliverByWindow'): string | null | undefined => {
    const v = blankToNull(o.fulfillment?.[name]?.latestDateTime);
    if (v === null) return null;
    // A wrong deadline is worse than none: it would order the queue wrongly without a warning.
    return parseReportDate(v) ?? undefined;
  };
  const latestShipDate = windowEnd('shipByWindow');
  const latestDeliveryDate = windowEnd('deliverByWindow');
  if (latestShipDate === undefined) return fail('PULLED_ORDER_INVALID', 'its shipByWindow.latestDateTime is not an ISO-8601 time.');
  if (latestDeliveryDate === undefined) return fail('PULLED_ORDER_INVALID', 'its deliverByWindow.latestDateTime is not an ISO-8601 time.');

  const items: ImportedOrderItem[] = [];
  let itemsCancelled = 0;
  // An item problem refuses an order to pack, but not a cancelled one: the cancellation must
  // reach the bench, and its items are not read.
  let itemProblem: string | null = null;
  const seen = new Set<string>();
  for (const item of o.orderItems) {
    if (seen.has(item.orderItemId)) {
      itemProblem ??= `item ${item.orderItemId} is listed twice.`;
      continue;
    }
    seen.add(item.orderItemId);
    // The model gives no cancelled quantity: an executed cancellation takes the whole item.
    if (item.cancellation?.cancellationExecution) {
      itemsCancelled += 1;
      continue;
    }
    const fulfilled = item.fulfillment?.quantityFulfilled ?? 0;
    const toShip = item.fulfillment?.quantityUnfulfilled ?? Math.max(0, item.quantityOrdered - fulfilled);
    if (toShip > item.quantityOrdered) {
      itemProblem ??= `item ${item.orderItemId} has ${toShip} units to ship of ${item.quantityOrdered} ordered.`;
      continue;
    }
    if (toShip === 0) continue;
    const sku = blankToNull(item.product.sellerSku);
    if (sku === null) {
      // Without the seller's SKU the bench cannot tell which product to scan.
      itemProblem ??= `item ${item.orderItemId} has no seller SKU.`;
      continue;
    }
    const mapped: ImportedOrderItem = {
      orderItemId: item.orderItemId,
      sku,
      productName: (item.product.title ?? '').trim(),
      quantity: toShip,
      asin: blankToNull(item.product.asin),
      buyerCancelRequested: (item.cancellation?.cancellationRequest?.requester ?? '').toUpperCase() === 'BUYER',
    };
    if (toShip !== item.quantityOrdered) mapped.quantityOrdered = item.quantityOrdered;
    items.push(mapped);
  }

  // Every item cancelled while the order's status lags behind: the bench must hear of it now.
  const cancelled = status === 'CANCELLED' || (o.orderItems.length > 0 && itemsCancelled === o.orderItems.length);
  if (!cancelled && itemProblem !== null) return fail('PULLED_ORDER_INVALID', itemProblem);
  if (!cancelled && items.length === 0) return fail('PULLED_ORDER_NOTHING_TO_SHIP', 'every item is shipped or cancelled already.', true);

  const found = recipientOf(o.recipient?.deliveryAddress);
  let recipient: ImportedRecipient;
  if ('recipient' in found) {
    recipient = found.recipient;
    if (!/^[A-Z]{2}$/.test(recipient.countryCode)) return fail('PULLED_ORDER_INVALID', `'${recipient.countryCode}' is not a 2-letter country code.`);
  } else if (cancelled) {
    recipient = WITHHELD;
  } else {
    return fail(
      'PULLED_ORDER_NO_RECIPIENT',
      `its delivery address lacks ${found.missing.join(', ')} (restricted data: the pull must ask for RECIPIENT and the app needs the role for it).`,
    );
  }

  const programs = new Set((o.programs ?? []).map((p) => p.toUpperCase()));
  return {
    ok: true,
    order: {
      orderId: o.orderId,
      purchaseDate,
      latestShipDate,
      shipServiceLevel: blankToNull(o.fulfillment.fulfillmentServiceLevel),
      isPrime: programs.has('PRIME'),
      isBusiness: programs.has('AMAZON_BUSINESS'),
      buyerEmail: blankToNull(o.buyer?.buyerEmail),
      buyerName: blankToNull(o.buyer?.buyerName),
      recipient,
      cancelled,
      buyerCancelRequested: items.some((i) => i.buyerCancelRequested === true),
      items,
      latestDeliveryDate,
      marketplaceStatus: status,
      marketplaceId: blankToNull(o.salesChannel.marketplaceId),
      lastUpdatedTime,
    },
  };
}
