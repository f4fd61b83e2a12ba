import type { OrderStore, StoredOrder } from './order-store';
import type { RecordedItem, RecordedPackage } from './types';

// The rules Amazon applies to a shipment confirmation beyond what the JSON model can say, shared
// by confirmShipment and the flat-file feed so that both routes refuse the same packages.

/**
 * The US-style carrier-code list of the Shipping Confirmation template (README §5.2, from the
 * SG help page). Codes are case- and space-sensitive, as Amazon's are.
 */
export const DEFAULT_CARRIER_CODES: readonly string[] = [
  'Blue Package',
  'USPS',
  'UPS',
  'UPSMI',
  'FedEx',
  'DHL',
  'DHL Global Mail',
  'Fastway',
  'UPS Mail Innovations',
  'Lasership',
  'Royal Mail',
  'FedEx SmartPost',
  'OSM',
  'OnTrac',
  'Streamlite',
  'Newgistics',
  'Canada Post',
  'City Link',
  'GLS',
  'GO!',
  'Hermes Logistik Gruppe',
  'Parcelforce',
  'TNT',
  'Target',
  'SagawaExpress',
  'NipponExpress',
  'YamatoTransport',
  'Ninjavan',
  'Qxpress',
  'Singapore Post',
  '4PX',
  'Yanwen',
  'Aramex',
  'China Post',
  'DHL eCommerce',
  'SF Express',
  'Other',
];

/** The program the Orders 2026-01-01 model names for Ship+ orders, which confirmShipment refuses. */
export const SHIP_PLUS_PROGRAM = 'FBM_SHIP_PLUS';

export type ShipmentRule =
  | 'ORDER_CANCELLED'
  | 'ORDER_NOT_SHIPPABLE'
  | 'SHIP_PLUS'
  | 'MARKETPLACE_MISMATCH'
  | 'PACKAGE_REFERENCE_INVALID'
  | 'CARRIER_CODE_INVALID'
  | 'CARRIER_NAME_MISSING'
  | 'NO_ITEMS'
  | 'ITEM_UNKNOWN'
  | 'ITEM_REPEATED'
  | 'QUANTITY_INVALID'
  | 'QUANTITY_EXCEEDS_UNSHIPPED';

export type ShipmentProblem = { rule: ShipmentRule; message: string; orderItemId?: string };

export type PackageToCheck = {
  carrierCode: string;
  carrierName: string | null;
  items: RecordedItem[];
};

export function carrierCodesFor(marketplaceId: string, perMarketplace: Record<string, readonly string[]>, fallback: readonly string[]): readonly string[] {
  return perMarketplace[marketplaceId] ?? fallback;
}

/** Whether the order can take a package at all: checked before its details. */
export function orderProblem(order: StoredOrder, store: OrderStore): ShipmentProblem | null {
  if (order.cancelled) return { rule: 'ORDER_CANCELLED', message: `Order ${order.orderId} has been cancelled and cannot be confirmed as shipped.` };
  if ((order.seed.programs ?? []).includes(SHIP_PLUS_PROGRAM)) {
    return { rule: 'SHIP_PLUS', message: `Order ${order.orderId} is a Ship+ order; shipment confirmation is not supported for it.` };
  }
  if ((order.seed.fulfilledBy ?? 'MERCHANT') !== 'MERCHANT') return { rule: 'ORDER_NOT_SHIPPABLE', message: `Order ${order.orderId} is fulfilled by Amazon.` };
  const status = store.status(order);
  if (status === 'PENDING' || status === 'PENDING_AVAILABILITY') {
    return { rule: 'ORDER_NOT_SHIPPABLE', message: `Order ${order.orderId} is ${status} and cannot be confirmed as shipped yet.` };
  }
  return null;
}

/** Every rule the package breaks; `editing` is the package this one replaces, if any. */
export function packageProblems(
  order: StoredOrder,
  store: OrderStore,
  pkg: PackageToCheck,
  carrierCodes: readonly string[],
  editing: RecordedPackage | undefined,
): ShipmentProblem[] {
  const problems: ShipmentProblem[] = [];
  if (!carrierCodes.includes(pkg.carrierCode)) {
    problems.push({ rule: 'CARRIER_CODE_INVALID', message: `The carrier-code field contains an invalid value: ${JSON.stringify(pkg.carrierCode)}.` });
  } else if (pkg.carrierCode === 'Other' && (pkg.carrierName === null || pkg.carrierName.trim() === '')) {
    problems.push({ rule: 'CARRIER_NAME_MISSING', message: 'carrierName is required when carrierCode is "Other".' });
  }
  if (pkg.items.length === 0) problems.push({ rule: 'NO_ITEMS', message: 'A package must contain at least one order item.' });
  const seen = new Set<string>();
  for (const item of pkg.items) {
    const orderItem = order.items.find((candidate) => candidate.orderItemId === item.orderItemId);
    if (orderItem === undefined) {
      problems.push({ rule: 'ITEM_UNKNOWN', message: `Order item ${item.orderItemId} is not part of order ${order.orderId}.`, orderItemId: item.orderItemId });
      continue;
    }
    if (seen.has(item.orderItemId)) {
      problems.push({ rule: 'ITEM_REPEATED', message: `Order item ${item.orderItemId} appears more than once in the package.`, orderItemId: item.orderItemId });
      continue;
    }
    seen.add(item.orderItemId);
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      problems.push({ rule: 'QUANTITY_INVALID', message: `The quantity of order item ${item.orderItemId} must be a positive integer.`, orderItemId: item.orderItemId });
      continue;
    }
    const unshipped = orderItem.quantityOrdered - store.shipped(order, item.orderItemId, editing);
    if (item.quantity > unshipped) {
      problems.push({
        rule: 'QUANTITY_EXCEEDS_UNSHIPPED',
        message: `The quantity ${item.quantity} of order item ${item.orderItemId} exceeds the ${unshipped} unit(s) not yet shipped.`,
        orderItemId: item.orderItemId,
      });
    }
  }
  return problems;
}
