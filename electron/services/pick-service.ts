import type { PickList } from '../../shared/contract';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { Clock, PackService } from './pack-service';

/** Bins sort as people walk them: "A-02-1" before "A-10-1", and items without a bin last. */
export function compareBins(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/**
 * A pick list for a batch of orders: one tote per order (numbered in deadline order), the
 * units still to pack, summed per SKU and sorted by bin, so the shelves are walked once.
 */
export function createPickService(store: Store, pack: PackService, clock: Clock) {
  function endOfToday(): string {
    const now = clock();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString();
  }

  function pickList(orderIds?: string[]): PickList {
    const open = store.orders.listOpen();
    const chosen =
      orderIds && orderIds.length > 0
        ? orderIds.map((id) => {
            const order = open.find((candidate) => candidate.orderId === id);
            if (!order) throw new DomainError('ORDER_NOT_OPEN', `Order ${id} is not open for packing.`, { orderId: id });
            return order;
          })
        : open.filter((order) => order.latestShipDate !== null && order.latestShipDate < endOfToday());
    const orders = chosen.map((order, index) => ({ orderId: order.orderId, tote: index + 1, latestShipDate: order.latestShipDate }));
    const bySku = new Map<string, PickList['picks'][number]>();
    for (const [index, order] of chosen.entries()) {
      const remaining = pack.remainingUnits(order.orderId);
      for (const item of order.items) {
        const quantity = remaining.get(item.orderItemId) ?? item.quantity;
        if (quantity <= 0) continue;
        let pick = bySku.get(item.sku);
        if (!pick) {
          const entry = store.catalog.get(item.sku);
          pick = { binLocation: entry?.binLocation ?? null, sku: item.sku, nameEn: entry?.nameEn ?? item.productName, nameZh: entry?.nameZh ?? null, quantity: 0, totes: [] };
          bySku.set(item.sku, pick);
        }
        pick.quantity += quantity;
        pick.totes.push({ tote: index + 1, orderId: order.orderId, quantity });
      }
    }
    const picks = [...bySku.values()].sort((a, b) => compareBins(a.binLocation, b.binLocation) || a.sku.localeCompare(b.sku));
    return { orders, picks };
  }

  return { pickList };
}
