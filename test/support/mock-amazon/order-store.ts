import type { MockAddress, MockOrderItemSeed, MockOrderSeed, Money, RecordedItem, RecordedPackage } from './types';

// The marketplace's orders and the packages confirmed on them. Every change moves the order's
// lastUpdatedTime strictly forward (never two changes at the same millisecond), so a client
// that syncs by lastUpdatedAfter sees each one. Quantities shipped and the order's status are
// derived from the packages, never stored twice.

export const DEFAULT_MARKETPLACE_ID = 'ATVPDKIKX0DER';

const MARKETPLACE_NAMES: Record<string, string> = {
  ATVPDKIKX0DER: 'Amazon.com',
  A2EUQ1WTGCTBG2: 'Amazon.ca',
  A1AM78C64UM0Y8: 'Amazon.com.mx',
  A1F83G8C2ARO7P: 'Amazon.co.uk',
  A1PA6795UKMFR9: 'Amazon.de',
  A13V1IB3VIYZZH: 'Amazon.fr',
  APJ6JRA9NG5V4: 'Amazon.it',
  A1RKKUPIHCS9HS: 'Amazon.es',
  A1VC38T7YXB528: 'Amazon.co.jp',
  A19VAU5U5O7RUS: 'Amazon.sg',
  A39IBJ37TRP1C6: 'Amazon.com.au',
};

/** A 3-7-7 Amazon order id; other shapes are refused as invalid input, not looked up. */
export const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

export type FulfillmentStatus = 'PENDING_AVAILABILITY' | 'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED';

type StoredItem = MockOrderItemSeed & {
  cancellationRequest?: { requester: 'BUYER'; cancelReason: string };
  cancellationExecution?: { cancelledBy: string; cancelReason: string };
};

export type StoredOrder = {
  seed: MockOrderSeed;
  orderId: string;
  marketplaceId: string;
  createdMs: number;
  lastUpdatedMs: number;
  items: StoredItem[];
  address: MockAddress | undefined;
  cancelled: boolean;
  packages: RecordedPackage[];
};

/** The datasets of includedData. */
export type IncludedData = ReadonlySet<string>;

export const ALL_INCLUDED_DATA: IncludedData = new Set(['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS']);

type Json = Record<string, unknown>;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function parseTime(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`Not a date-time: ${text}`);
  return ms;
}

function addMoney(amounts: Money[]): Money | undefined {
  const first = amounts[0];
  if (first === undefined) return undefined;
  const cents = amounts.reduce((sum, money) => sum + Math.round(Number(money.amount) * 100), 0);
  return { amount: (cents / 100).toFixed(2), currencyCode: first.currencyCode };
}

function times(money: Money, quantity: number): Money {
  return { amount: ((Math.round(Number(money.amount) * 100) * quantity) / 100).toFixed(2), currencyCode: money.currencyCode };
}

export function createOrderStore(now: () => number) {
  const orders = new Map<string, StoredOrder>();
  /** Every package in the order it was first accepted. */
  const packages: RecordedPackage[] = [];
  let lastStamp = 0;

  /** A timestamp later than every one handed out before, so no two changes tie. */
  function stamp(): number {
    lastStamp = Math.max(now(), lastStamp + 1);
    return lastStamp;
  }

  function touch(order: StoredOrder): void {
    order.lastUpdatedMs = Math.max(stamp(), order.lastUpdatedMs + 1);
  }

  function add(seed: MockOrderSeed): StoredOrder {
    if (!ORDER_ID.test(seed.orderId)) throw new Error(`Order ids are 3-7-7 digits, got ${seed.orderId}`);
    if (orders.has(seed.orderId)) throw new Error(`Order ${seed.orderId} is already in the store`);
    if (seed.items.length === 0) throw new Error(`Order ${seed.orderId} has no items`);
    const ids = new Set(seed.items.map((item) => item.orderItemId));
    if (ids.size !== seed.items.length) throw new Error(`Order ${seed.orderId} repeats an orderItemId`);
    const createdMs = parseTime(seed.createdTime, stamp());
    const order: StoredOrder = {
      seed,
      orderId: seed.orderId,
      marketplaceId: seed.marketplaceId ?? DEFAULT_MARKETPLACE_ID,
      createdMs,
      lastUpdatedMs: parseTime(seed.lastUpdatedTime, createdMs),
      items: seed.items.map((item) => ({ ...item })),
      address: seed.deliveryAddress === undefined ? undefined : { ...seed.deliveryAddress },
      cancelled: false,
      packages: [],
    };
    lastStamp = Math.max(lastStamp, order.lastUpdatedMs);
    orders.set(order.orderId, order);
    return order;
  }

  function mustGet(orderId: string): StoredOrder {
    const order = orders.get(orderId);
    if (order === undefined) throw new Error(`No order ${orderId} in the mock's store`);
    return order;
  }

  /** Units of an item in the order's packages, leaving out one package (the one being edited). */
  function shipped(order: StoredOrder, orderItemId: string, except?: RecordedPackage): number {
    let total = 0;
    for (const pkg of order.packages) {
      if (pkg === except) continue;
      for (const item of pkg.items) if (item.orderItemId === orderItemId) total += item.quantity;
    }
    return total;
  }

  function status(order: StoredOrder): FulfillmentStatus {
    if (order.cancelled) return 'CANCELLED';
    const ordered = order.items.reduce((sum, item) => sum + item.quantityOrdered, 0);
    const sent = order.items.reduce((sum, item) => sum + shipped(order, item.orderItemId), 0);
    if (sent >= ordered) return 'SHIPPED';
    if (sent > 0) return 'PARTIALLY_SHIPPED';
    return order.seed.initialStatus ?? 'UNSHIPPED';
  }

  /**
   * `atMs` dates the cancellation in the past (a test that cannot wait the two minutes a pull
   * lags); it still moves the order's lastUpdatedTime forward, never back.
   */
  function cancel(orderId: string, cancelledBy: string, reason: string, atMs?: number): void {
    const order = mustGet(orderId);
    if (order.packages.length > 0) throw new Error(`Order ${orderId} has confirmed packages; Amazon does not cancel a shipped order`);
    order.cancelled = true;
    for (const item of order.items) item.cancellationExecution = { cancelledBy, cancelReason: reason };
    if (atMs !== undefined && atMs > order.lastUpdatedMs) order.lastUpdatedMs = atMs;
    else touch(order);
  }

  function requestBuyerCancel(orderId: string, orderItemId: string | undefined, reason: string): void {
    const order = mustGet(orderId);
    const items = orderItemId === undefined ? order.items : order.items.filter((item) => item.orderItemId === orderItemId);
    if (items.length === 0) throw new Error(`Order ${orderId} has no item ${orderItemId}`);
    for (const item of items) item.cancellationRequest = { requester: 'BUYER', cancelReason: reason };
    touch(order);
  }

  /** The carrier's progress, as Amazon would report it for a confirmed package (by reference or tracking number). */
  function setPackageStatus(orderId: string, packageKey: string, status: string, detailedStatus?: string): void {
    const order = mustGet(orderId);
    const pkg = order.packages.find((entry) => entry.packageId === packageKey || entry.packageReferenceId === packageKey || entry.trackingNumber === packageKey);
    if (!pkg) throw new Error(`Order ${orderId} has no confirmed package ${packageKey}`);
    pkg.packageStatus = { status, ...(detailedStatus ? { detailedStatus } : {}) };
    touch(order);
  }

  function changeAddress(orderId: string, address: MockAddress): void {
    const order = mustGet(orderId);
    order.address = { ...address };
    touch(order);
  }

  /**
   * Adds a package, or replaces the details of the one given: an edit, unless it is a later row
   * of the same feed filling the package in (`countAsEdit: false`).
   */
  function savePackage(
    order: StoredOrder,
    next: Omit<RecordedPackage, 'edits' | 'acceptedAt' | 'lastEditedAt'>,
    existing: RecordedPackage | undefined,
    options: { countAsEdit: boolean } = { countAsEdit: true },
  ): RecordedPackage {
    const at = iso(stamp());
    if (existing !== undefined) {
      Object.assign(existing, next, options.countAsEdit ? { edits: existing.edits + 1, lastEditedAt: at } : {});
      touch(order);
      return existing;
    }
    const pkg: RecordedPackage = { ...next, edits: 0, acceptedAt: at };
    order.packages.push(pkg);
    packages.push(pkg);
    touch(order);
    return pkg;
  }

  /** The order in the Orders 2026-01-01 shape, with the datasets asked for. */
  function render(order: StoredOrder, included: IncludedData): Json {
    const seed = order.seed;
    const marketplaceName = MARKETPLACE_NAMES[order.marketplaceId];
    const items = order.items.map((item) => {
      const rendered: Json = {
        orderItemId: item.orderItemId,
        quantityOrdered: item.quantityOrdered,
        product: {
          ...(item.asin === undefined ? {} : { asin: item.asin }),
          ...(item.title === undefined ? {} : { title: item.title }),
          sellerSku: item.sellerSku,
          condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
          ...(item.unitPrice === undefined ? {} : { price: { unitPrice: item.unitPrice } }),
        },
      };
      if (included.has('PROCEEDS') && item.unitPrice !== undefined) {
        const subtotal = times(item.unitPrice, item.quantityOrdered);
        rendered.proceeds = { proceedsTotal: subtotal, breakdowns: [{ type: 'ITEM', subtotal }] };
      }
      if (included.has('CANCELLATION') && (item.cancellationRequest || item.cancellationExecution)) {
        rendered.cancellation = {
          ...(item.cancellationRequest ? { cancellationRequest: item.cancellationRequest } : {}),
          ...(item.cancellationExecution ? { cancellationExecution: item.cancellationExecution } : {}),
        };
      }
      if (included.has('FULFILLMENT')) {
        const fulfilled = shipped(order, item.orderItemId);
        rendered.fulfillment = { quantityFulfilled: fulfilled, quantityUnfulfilled: Math.max(0, item.quantityOrdered - fulfilled) };
      }
      return rendered;
    });
    const rendered: Json = {
      orderId: order.orderId,
      createdTime: iso(order.createdMs),
      lastUpdatedTime: iso(order.lastUpdatedMs),
      ...(seed.programs && seed.programs.length > 0 ? { programs: [...seed.programs] } : {}),
      salesChannel: { channelName: 'AMAZON', marketplaceId: order.marketplaceId, ...(marketplaceName === undefined ? {} : { marketplaceName }) },
    };
    if (included.has('BUYER') && seed.buyer !== undefined) rendered.buyer = { ...seed.buyer };
    if (included.has('RECIPIENT') && order.address !== undefined) rendered.recipient = { deliveryAddress: { ...order.address } };
    if (included.has('PROCEEDS')) {
      const grandTotal = addMoney(order.items.flatMap((item) => (item.unitPrice === undefined ? [] : [times(item.unitPrice, item.quantityOrdered)])));
      if (grandTotal !== undefined) rendered.proceeds = { grandTotal, breakdowns: [{ type: 'ITEM', subtotal: grandTotal }] };
    }
    if (included.has('FULFILLMENT')) {
      rendered.fulfillment = {
        fulfillmentStatus: status(order),
        fulfilledBy: seed.fulfilledBy ?? 'MERCHANT',
        fulfillmentServiceLevel: seed.fulfillmentServiceLevel ?? 'STANDARD',
        ...(seed.shipByWindow ? { shipByWindow: { ...seed.shipByWindow } } : {}),
        ...(seed.deliverByWindow ? { deliverByWindow: { ...seed.deliverByWindow } } : {}),
      };
    }
    rendered.orderItems = items;
    if (included.has('PACKAGES') && (seed.fulfilledBy ?? 'MERCHANT') === 'MERCHANT') {
      rendered.packages = order.packages.map((pkg) => ({
        packageReferenceId: pkg.packageId,
        createdTime: pkg.acceptedAt,
        packageStatus: pkg.packageStatus ?? { status: 'SHIPPED' },
        // The model's `carrier` is free text: the carrier's name when the code is "Other".
        carrier: pkg.carrierCode === 'Other' && pkg.carrierName !== null ? pkg.carrierName : pkg.carrierCode,
        shipTime: iso(Date.parse(pkg.shipDate)),
        ...(pkg.shippingMethod === null ? {} : { shippingService: pkg.shippingMethod }),
        ...(pkg.trackingNumber === null ? {} : { trackingNumber: pkg.trackingNumber }),
        packageItems: pkg.items.map((item: RecordedItem) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
      }));
    }
    return rendered;
  }

  return {
    orders,
    packages,
    stamp,
    /** The latest change's time: the mock's "now" when several changes shared a millisecond. */
    latestStamp: () => lastStamp,
    add,
    get: (orderId: string) => orders.get(orderId),
    mustGet,
    shipped,
    status,
    cancel,
    requestBuyerCancel,
    changeAddress,
    setPackageStatus,
    savePackage,
    render,
  };
}

export type OrderStore = ReturnType<typeof createOrderStore>;
