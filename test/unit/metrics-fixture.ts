// A small bench history with every edge the metrics must get right, and the figures computed
// by hand (the comments say why each order counts). Used by the unit test of the reference
// implementation and by the integration test, which loads it into SQLite.

import type { ReferenceConfirmation, ReferenceData, ReferenceOrder, ReferencePackage } from '../../shared/metrics/reference';
import type { MetricId } from '../../shared/metrics/definitions';

export const AT = '2026-04-01T00:00:00.000Z';

const t = (text: string) => new Date(text).toISOString();
const hourAfter = (time: string, hours = 1) => new Date(Date.parse(time) + hours * 3_600_000).toISOString();

function order(orderId: string, purchase: string, latestShip: string | null, extra: Partial<ReferenceOrder> = {}): ReferenceOrder {
  const purchaseDate = t(purchase);
  return {
    orderId,
    status: 'confirmed',
    purchaseDate,
    latestShipDate: latestShip === null ? null : t(latestShip),
    latestDeliveryDate: null,
    createdAt: hourAfter(purchaseDate),
    cancelledAt: null,
    cancelledBy: null,
    ...extra,
  };
}

export const FIXTURE_ORDERS: ReferenceOrder[] = [
  // On time: confirmed exactly at the 7-day VTR window's first instant, before its deadline.
  order('A', '2026-03-24T08:00:00Z', '2026-03-25T08:00:00Z', { latestDeliveryDate: t('2026-03-30T00:00:00Z') }),
  // Confirmed one minute after the deadline: late. Its number is a DHL waybill on a China Post service.
  order('B', '2026-03-24T09:00:00Z', '2026-03-25T10:00:00Z'),
  // Deadline exactly at the 10-day window's start (in), never confirmed: late.
  order('C', '2026-03-20T00:00:00Z', '2026-03-22T00:00:00Z', { status: 'acknowledged' }),
  // Deadline exactly at `at` (out of the LSR windows); purchased in the 7-day windows.
  order('D', '2026-03-30T00:00:00Z', '2026-04-01T00:00:00Z', { status: 'new' }),
  // Two packages, the second confirmed after the deadline: the order is late. Reached the bench 25 h after purchase.
  order('E', '2026-03-26T00:00:00Z', '2026-03-28T00:00:00Z', { createdAt: t('2026-03-27T01:00:00Z') }),
  // Seller-cancelled, purchased exactly at the 7-day window's start: in the cancel rate, out of the LSR.
  order('F', '2026-03-25T00:00:00Z', '2026-03-26T00:00:00Z', { status: 'cancelled', cancelledAt: t('2026-03-25T05:00:00Z'), cancelledBy: 'seller' }),
  // On time, in the 30-day LSR window only; its number has a wrong check digit; delivered on time.
  order('G', '2026-03-03T00:00:00Z', '2026-03-05T00:00:00Z', { latestDeliveryDate: t('2026-03-12T00:00:00Z') }),
  // Buyer- and marketplace-cancelled: in the cancel rate's denominator only.
  order('H', '2026-03-27T00:00:00Z', '2026-03-29T00:00:00Z', { status: 'cancelled', cancelledAt: t('2026-03-27T06:00:00Z'), cancelledBy: 'buyer' }),
  order('I', '2026-03-27T00:00:00Z', '2026-03-29T00:00:00Z', { status: 'cancelled', cancelledAt: t('2026-03-27T06:00:00Z'), cancelledBy: 'marketplace' }),
  // Seller-cancelled a millisecond before the 7-day window: not counted.
  order('J', '2026-03-24T23:59:59.999Z', '2026-03-26T00:00:00Z', { status: 'cancelled', cancelledAt: t('2026-03-25T01:00:00Z'), cancelledBy: 'seller' }),
  // Purchased exactly at the 60-day window's start, 1-star feedback: a defect.
  order('K', '2026-01-31T00:00:00Z', '2026-02-02T00:00:00Z', { latestDeliveryDate: t('2026-03-25T00:00:00Z') }),
  // A millisecond before the 60-day window: its chargeback does not count.
  order('L', '2026-01-30T23:59:59.999Z', '2026-02-01T00:00:00Z'),
  // A denied A-to-z claim and 3-star feedback: no defect. Promise at the OTDR window's start, delivered late.
  order('M', '2026-02-15T00:00:00Z', '2026-02-17T00:00:00Z', { latestDeliveryDate: t('2026-03-11T00:00:00Z') }),
  // An open claim and a chargeback: one defective order. Scanned, never delivered.
  order('N', '2026-02-20T00:00:00Z', '2026-02-22T00:00:00Z', { latestDeliveryDate: t('2026-03-24T23:59:59.999Z') }),
  // Reached the bench half an hour after purchase; its parcel was voided after the confirmation went out.
  order('O', '2026-03-31T23:00:00Z', '2026-04-02T00:00:00Z', { createdAt: t('2026-03-31T23:30:00Z') }),
];

function pkg(packageId: number, orderId: string, trackingNumber: string, extra: Partial<ReferencePackage> = {}): ReferencePackage {
  return { packageId, orderId, voided: false, trackingNumber, serviceFormat: 'upu-s10', carrierCheckedAt: null, firstScanAt: null, deliveredAt: null, ...extra };
}

export const FIXTURE_PACKAGES: ReferencePackage[] = [
  pkg(1, 'A', 'RR123456785CN'),
  pkg(2, 'B', '3318810025'),
  pkg(3, 'E', 'RR000000014CN'),
  pkg(4, 'E', 'RR000000028CN', { carrierCheckedAt: t('2026-03-31T00:00:00Z') }),
  pkg(5, 'G', 'RR123456784CN', { firstScanAt: t('2026-03-04T12:00:00Z'), deliveredAt: t('2026-03-11T00:00:00Z'), carrierCheckedAt: t('2026-03-11T00:00:00Z') }),
  pkg(6, 'K', 'RR000000031CN', { firstScanAt: t('2026-02-01T12:00:00Z'), deliveredAt: t('2026-02-08T00:00:00Z'), carrierCheckedAt: t('2026-02-08T00:00:00Z') }),
  pkg(7, 'M', 'RR000000045CN', { firstScanAt: t('2026-02-16T12:00:00Z'), deliveredAt: t('2026-03-12T00:00:00Z'), carrierCheckedAt: t('2026-03-12T00:00:00Z') }),
  pkg(8, 'N', 'RR000000059CN', { firstScanAt: t('2026-02-21T12:00:00Z'), carrierCheckedAt: t('2026-03-30T00:00:00Z') }),
  pkg(9, 'O', 'RR000000062CN', { voided: true }),
];

const done = (orderId: string, packageId: number, sentAt: string): ReferenceConfirmation => ({ orderId, packageId, state: 'done', sentAt: t(sentAt) });

export const FIXTURE_CONFIRMATIONS: ReferenceConfirmation[] = [
  done('A', 1, '2026-03-25T00:00:00Z'),
  done('B', 2, '2026-03-25T10:01:00Z'),
  done('E', 3, '2026-03-27T00:00:00Z'),
  done('E', 4, '2026-03-29T00:00:00Z'),
  done('G', 5, '2026-03-04T00:00:00Z'),
  done('K', 6, '2026-02-01T00:00:00Z'),
  done('M', 7, '2026-02-16T00:00:00Z'),
  done('N', 8, '2026-02-21T00:00:00Z'),
  done('O', 9, '2026-03-31T23:40:00Z'),
];

export const FIXTURE_DEFECTS: ReferenceData['defects'] = [
  { orderId: 'K', kind: 'feedback', rating: 1, claimStatus: null, receivedAt: t('2026-02-10T00:00:00Z'), removedAt: null },
  { orderId: 'L', kind: 'chargeback', rating: null, claimStatus: null, receivedAt: t('2026-02-05T00:00:00Z'), removedAt: null },
  { orderId: 'M', kind: 'a-to-z-claim', rating: null, claimStatus: 'denied', receivedAt: t('2026-02-25T00:00:00Z'), removedAt: null },
  { orderId: 'M', kind: 'feedback', rating: 3, claimStatus: null, receivedAt: t('2026-02-26T00:00:00Z'), removedAt: null },
  { orderId: 'N', kind: 'a-to-z-claim', rating: null, claimStatus: 'open', receivedAt: t('2026-03-01T00:00:00Z'), removedAt: null },
  { orderId: 'N', kind: 'chargeback', rating: null, claimStatus: null, receivedAt: t('2026-03-02T00:00:00Z'), removedAt: null },
];

export const FIXTURE: ReferenceData = { orders: FIXTURE_ORDERS, packages: FIXTURE_PACKAGES, confirmations: FIXTURE_CONFIRMATIONS, defects: FIXTURE_DEFECTS };

/** The figures by hand: numerator / denominator, and the orders that hurt each one. */
export const EXPECTED: Record<MetricId, { numerator: number; denominator: number; hurt: string[] }> = {
  // 60 days from 01-31: every order but L (14); defects: K (1 star), N (claim + chargeback, once).
  'order-defect-rate': { numerator: 2, denominator: 14, hurt: ['K', 'N'] },
  // Purchased from 03-25: D, E, F, H, I, O; seller-cancelled: F.
  'cancel-rate': { numerator: 1, denominator: 6, hurt: ['F'] },
  // Deadlines from 03-22, not cancelled: A, B, C, E; late: B (a minute), C (never), E (second package).
  'late-shipment-rate-10d': { numerator: 3, denominator: 4, hurt: ['C', 'B', 'E'] },
  // From 03-02 add G (on time).
  'late-shipment-rate-30d': { numerator: 3, denominator: 5, hurt: ['C', 'B', 'E'] },
  // Confirmed from 03-25: packages 1, 2, 3, 4, 9; valid: 1, 3 (2 wrong carrier, 4 no scan, 9 voided).
  'valid-tracking-rate-7d': { numerator: 2, denominator: 5, hurt: ['B', 'E', 'O'] },
  // From 03-02 add package 5 (wrong check digit).
  'valid-tracking-rate-30d': { numerator: 2, denominator: 6, hurt: ['G', 'B', 'E', 'O'] },
  // Promises in [03-11, 03-25), scanned: packages 5 (on time), 7 (late), 8 (not delivered); K's promise is at the end (out).
  'on-time-delivery-rate': { numerator: 1, denominator: 3, hurt: ['M', 'N'] },
  // Purchased from 03-25 and known by `at`: D, E, F, H, I, O; E reached the bench after 25 hours.
  'acknowledged-24h': { numerator: 5, denominator: 6, hurt: ['E'] },
};

/** Orders confirmed from 03-25: O 0.67 h, A 16 h, B 25.02 h, E 72 h. */
export const EXPECTED_HANDLING = { orders: 4, medianHours: 16, p90Hours: 72 };
