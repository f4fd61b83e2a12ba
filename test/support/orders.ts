import type { Store } from '../../electron/db/store';
import type { OrderItemRecord, OrderRecord } from '../../electron/db/repositories/orders';

/**
 * Puts an order of exactly the given lines into the station, as an import would, so a test
 * has the order it needs. Item ids are `<orderId>-1`, `<orderId>-2`, … in line order.
 */
export function insertTestOrder(
  store: Store,
  orderId: string,
  lines: Array<{ sku: string; quantity: number }>,
  options: { countryCode?: string; latestShipDate?: string; latestDeliveryDate?: string | null; shipServiceLevel?: string; isPrime?: boolean; now: string },
): string {
  const order: OrderRecord = {
    orderId,
    marketplace: 'amazon',
    status: 'new',
    purchaseDate: '2026-11-24T00:00:00.000Z',
    latestShipDate: options.latestShipDate ?? '2026-11-26T20:00:00.000Z',
    latestDeliveryDate: options.latestDeliveryDate ?? null,
    shipServiceLevel: options.shipServiceLevel ?? 'Standard',
    isPrime: options.isPrime ?? false,
    isBusiness: false,
    buyerName: 'Test Buyer',
    buyerEmail: null,
    recipient: { name: 'Test Buyer', address1: '1 Main St', address2: null, address3: null, city: 'Austin', state: 'TX', postalCode: '73301', countryCode: options.countryCode ?? 'US', phone: null },
    source: 'test',
    onHold: false,
    buyerCancelRequested: false,
    cancelledAt: null,
    cancelReason: null,
  };
  const items: OrderItemRecord[] = lines.map((line, index) => ({ orderItemId: `${orderId}-${index + 1}`, orderId, sku: line.sku, productName: line.sku, quantity: line.quantity }));
  store.orders.insert(order, items, options.now);
  return orderId;
}
