// What the Orders API 2026-01-01 says of an order's packages once they are confirmed
// (includedData=PACKAGES): the carrier's progress, as `packageStatus.status` and
// `detailedStatus` (model: orders_2026-01-01.json, definitions PackageStatus and OrderPackage).
// The bench keeps four facts per package from it, for the valid tracking and on-time delivery
// rates and for the follow-up list: first carrier scan, delivery, delivery exception, return.

export type PulledPackageStatus = {
  orderId: string;
  packageReferenceId: string;
  trackingNumber: string | null;
  status: string;
  detailedStatus: string | null;
};

export type TrackingFacts = {
  /** The carrier has the parcel (picked up, dropped off, moving, delivered, …). */
  scanned: boolean;
  delivered: boolean;
  /** Delivery failed for now: refused, undeliverable, damaged, lost. */
  exception: boolean;
  /** On its way back to the seller, or back. */
  returned: boolean;
};

// Detailed statuses that show the carrier holds (or held) the parcel. PENDING_* and
// LABEL_CANCELLED are before any scan.
const SCANNED_DETAIL = new Set([
  'PICKED_UP',
  'DROPPED_OFF',
  'AT_ORIGIN_FC',
  'AT_DESTINATION_FC',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'REJECTED_BY_BUYER',
  'UNDELIVERABLE',
  'RETURNING_TO_SELLER',
  'RETURNED_TO_SELLER',
  'LOST',
  'DAMAGED',
]);
const EXCEPTION_DETAIL = new Set(['REJECTED_BY_BUYER', 'UNDELIVERABLE', 'LOST', 'DAMAGED']);
const RETURNED_DETAIL = new Set(['RETURNING_TO_SELLER', 'RETURNED_TO_SELLER']);

/**
 * The facts a status gives. The primary status decides where it is unambiguous (IN_TRANSIT and
 * DELIVERED mean a scan; UNDELIVERABLE an exception); SHIPPED only says the seller confirmed it,
 * so the detailed status decides whether the carrier has scanned it yet.
 */
export function trackingFacts(status: string, detailedStatus: string | null): TrackingFacts {
  const detail = detailedStatus ?? '';
  const returned = RETURNED_DETAIL.has(detail);
  const exception = status === 'UNDELIVERABLE' || EXCEPTION_DETAIL.has(detail);
  const delivered = status === 'DELIVERED' || detail === 'DELIVERED';
  const scanned = delivered || status === 'IN_TRANSIT' || SCANNED_DETAIL.has(detail) || (status === 'UNDELIVERABLE' && detail !== 'LABEL_CANCELLED');
  return { scanned, delivered, exception, returned };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The packages of a pulled order with their status; orders without packages give none. Never throws. */
export function pulledPackageStatuses(raw: unknown): PulledPackageStatus[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const order = raw as { orderId?: unknown; packages?: unknown };
  const orderId = text(order.orderId);
  if (!orderId || !Array.isArray(order.packages)) return [];
  const out: PulledPackageStatus[] = [];
  for (const entry of order.packages as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const pkg = entry as { packageReferenceId?: unknown; trackingNumber?: unknown; packageStatus?: { status?: unknown; detailedStatus?: unknown } };
    const reference = text(pkg.packageReferenceId);
    const status = text(pkg.packageStatus?.status);
    if (!reference || !status) continue;
    out.push({ orderId, packageReferenceId: reference, trackingNumber: text(pkg.trackingNumber), status, detailedStatus: text(pkg.packageStatus?.detailedStatus) });
  }
  return out;
}
