import type { OrderSummary } from '../../shared/contract';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { CatalogItem } from '../db/repositories/catalog';
import type { OrderItemRecord, OrderRecord } from '../db/repositories/orders';

/** Declared value at or above which an order is flagged for insurance (minor units, USD). */
export const HIGH_VALUE_MINOR = 50_000;

export function orderFlags(order: Pick<OrderRecord, 'buyerCancelRequested' | 'onHold'>, items: OrderItemRecord[], catalog: Map<string, CatalogItem | null>): OrderSummary['flags'] {
  const flags: OrderSummary['flags'] = [];
  if (order.buyerCancelRequested) flags.push('buyer-cancel-request');
  if (order.onHold) flags.push('on-hold');
  const entries = items.map((item) => ({ item, entry: catalog.get(item.sku) ?? null }));
  if (entries.some(({ entry }) => entry !== null && entry.lithium !== 'none')) flags.push('lithium');
  if (entries.some(({ entry }) => entry?.hazmatClass)) flags.push('dangerous-goods');
  const value = entries.reduce((sum, { item, entry }) => sum + (entry?.valueMinor ?? 0) * item.quantity, 0);
  if (value >= HIGH_VALUE_MINOR) flags.push('high-value');
  return flags;
}

/** The queue row of an order; the pack screen's header uses the same. */
export function toSummary(order: OrderRecord & { items: OrderItemRecord[] }, catalog: Map<string, CatalogItem | null>, heldBy: string | null): OrderSummary {
  return {
    orderId: order.orderId,
    status: order.status,
    purchaseDate: order.purchaseDate,
    latestShipDate: order.latestShipDate,
    shipServiceLevel: order.shipServiceLevel,
    isPrime: order.isPrime,
    recipientName: order.recipient.name,
    buyerName: order.buyerName,
    countryCode: order.recipient.countryCode,
    lineCount: order.items.length,
    unitCount: order.items.reduce((sum, item) => sum + item.quantity, 0),
    skus: order.items.map((item) => item.sku),
    flags: orderFlags(order, order.items, catalog),
    heldBy,
  };
}

/** Scanners and keyboards add stray spaces and lower-case letters; order ids are 3-7-7 digits. */
export function normaliseOrderCode(code: string): string {
  return code.trim().replace(/\s+/g, '').toUpperCase();
}

export function createQueueService(store: Store) {
  function catalogFor(skus: Iterable<string>): Map<string, CatalogItem | null> {
    const map = new Map<string, CatalogItem | null>();
    for (const sku of skus) if (!map.has(sku)) map.set(sku, store.catalog.get(sku));
    return map;
  }

  function queue(search?: string): OrderSummary[] {
    const open = store.orders.listOpen();
    const catalog = catalogFor(open.flatMap((order) => order.items.map((item) => item.sku)));
    const needle = search?.trim().toLowerCase() ?? '';
    const matching =
      needle === ''
        ? open
        : open.filter(
            (order) =>
              order.orderId.toLowerCase().includes(needle) ||
              (order.buyerName ?? '').toLowerCase().includes(needle) ||
              order.recipient.name.toLowerCase().includes(needle) ||
              order.items.some((item) => item.sku.toLowerCase().includes(needle)),
          );
    const holders = store.events.holders();
    return matching.map((order) => toSummary(order, catalog, holders.get(order.orderId) ?? null));
  }

  function find(code: string): { orderId: string } {
    const wanted = normaliseOrderCode(code);
    if (wanted === '') throw new DomainError('ORDER_CODE_EMPTY', 'Scan or type an order number.');
    const order = store.orders.get(wanted);
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `Order ${wanted} is not in this station's database.`, { orderId: wanted });
    return { orderId: order.orderId };
  }

  return { queue, find };
}

export type QueueService = ReturnType<typeof createQueueService>;
