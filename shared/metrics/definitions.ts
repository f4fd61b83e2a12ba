// The seller metrics Amazon judges a merchant-fulfilled account by, computed at the bench from
// what it has stored. Source for every definition, window and target below:
// shared/amazon-sp-api/README.md §6 ("README §6"), which quotes Seller Central help pages and
// the account-health report schema. Where it is silent, or marks a point "(inference)", the
// comment says so and gives the bench's own choice. The SQL in electron/db/repositories/metrics.ts
// implements the same rules; shared/metrics/reference.ts is the plain-array oracle the tests
// compare it with.

import { recognizeTrackingNumber, validateTrackingNumber } from '../domain/tracking';
import type { RecognizedCarrier, TrackingFormat } from '../domain/tracking';
import { addHours } from './window';

export type MetricId =
  | 'order-defect-rate'
  | 'cancel-rate'
  | 'late-shipment-rate-10d'
  | 'late-shipment-rate-30d'
  | 'valid-tracking-rate-7d'
  | 'valid-tracking-rate-30d'
  | 'on-time-delivery-rate'
  | 'acknowledged-24h';

/** As the account-health report writes it (README §6: LESS_THAN | GREATER_THAN | EQUALS). */
export type TargetCondition = 'LESS_THAN' | 'GREATER_THAN' | 'EQUALS';

export type MetricTarget = { value: number; condition: TargetCondition };

export type MetricStatus = 'green' | 'amber' | 'red' | 'no-data';

/**
 * What the rate's numerator counts. 'bad' metrics (defects, cancellations, late shipments)
 * count what hurts; 'good' ones (valid tracking, on time, acknowledged) count what went right,
 * as Amazon states them. A drill-down always lists what hurt the figure.
 */
export type NumeratorSense = 'bad' | 'good';

export type MetricDefinition = {
  id: MetricId;
  label: string;
  /** Window length in days, ending `lagDays` before the time the metrics are taken at. */
  days: number;
  lagDays: number;
  /** What the denominator counts. */
  unit: 'orders' | 'packages';
  /** The time that puts an order or package in the window. */
  selectedBy: string;
  numerator: NumeratorSense;
  target: MetricTarget;
};

export const METRIC_IDS: readonly MetricId[] = [
  'order-defect-rate',
  'cancel-rate',
  'late-shipment-rate-10d',
  'late-shipment-rate-30d',
  'valid-tracking-rate-7d',
  'valid-tracking-rate-30d',
  'on-time-delivery-rate',
  'acknowledged-24h',
];

export const METRIC_DEFINITIONS: Readonly<Record<MetricId, MetricDefinition>> = {
  // README §6: orders with ≥ 1 defect ÷ all orders, 60 days, < 1 %. "Order-correlated: the
  // order date counts, not the defect date", so orders are selected by purchase date. The
  // README does not exclude cancelled orders from "all orders", so they stay in.
  'order-defect-rate': {
    id: 'order-defect-rate',
    label: 'Order defect rate',
    days: 60,
    lagDays: 0,
    unit: 'orders',
    selectedBy: 'purchase date',
    numerator: 'bad',
    target: { value: 0.01, condition: 'LESS_THAN' },
  },
  // README §6: seller-cancelled orders before ship confirmation ÷ total MFN orders, 7 days,
  // < 2.5 %; buyer-requested cancellations are excluded. The README does not say which date
  // selects the orders: the bench uses the purchase date, like the ODR (inference). Amazon's
  // own auto-cancellations for a missing confirmation count per a forum post the README cites,
  // but the bench cannot tell them from a buyer's cancellation of a pending order (both reach
  // it as "cancelled in the marketplace"), so only cancelled_by = 'seller' counts (bench choice).
  'cancel-rate': {
    id: 'cancel-rate',
    label: 'Pre-fulfilment cancel rate',
    days: 7,
    lagDays: 0,
    unit: 'orders',
    selectedBy: 'purchase date',
    numerator: 'bad',
    target: { value: 0.025, condition: 'LESS_THAN' },
  },
  // README §6: orders ship-confirmed after the expected ship date ÷ total MFN orders, 10 and
  // 30 days, < 4 %, judged by the moment the confirmation reaches Amazon, not the ship date
  // typed in. The README does not say which date selects the orders: the bench uses the
  // expected ship date (latest_ship_date), whose lateness is settled once it has passed
  // (inference). An order not confirmed at all by then is late. Cancelled orders never
  // shipped and are left out; so are orders without an expected ship date (flat files
  // without a promise date), which cannot be late by any measure the bench has.
  'late-shipment-rate-10d': {
    id: 'late-shipment-rate-10d',
    label: 'Late shipment rate (10 days)',
    days: 10,
    lagDays: 0,
    unit: 'orders',
    selectedBy: 'expected ship date',
    numerator: 'bad',
    target: { value: 0.04, condition: 'LESS_THAN' },
  },
  'late-shipment-rate-30d': {
    id: 'late-shipment-rate-30d',
    label: 'Late shipment rate (30 days)',
    days: 30,
    lagDays: 0,
    unit: 'orders',
    selectedBy: 'expected ship date',
    numerator: 'bad',
    target: { value: 0.04, condition: 'LESS_THAN' },
  },
  // README §6: packages with a valid tracking ID ÷ packages shipped and confirmed, 7 and 30
  // days, > 95 %. Valid means ≥ 1 carrier scan, from an integrated carrier. Amazon selects by
  // promised delivery date with about a two-week lag; the bench selects packages by the time
  // their confirmation reached Amazon and without a lag, because many orders (flat files)
  // carry no delivery promise and the point of a local figure is an early warning (bench
  // choice). A number is invalid when it is not a valid number of its service's carrier
  // (checkTrackingNumber), when its package was voided after the confirmation went out, or
  // when the carrier's tracking was read and showed no scan.
  'valid-tracking-rate-7d': {
    id: 'valid-tracking-rate-7d',
    label: 'Valid tracking rate (7 days)',
    days: 7,
    lagDays: 0,
    unit: 'packages',
    selectedBy: 'confirmation time',
    numerator: 'good',
    target: { value: 0.95, condition: 'GREATER_THAN' },
  },
  'valid-tracking-rate-30d': {
    id: 'valid-tracking-rate-30d',
    label: 'Valid tracking rate (30 days)',
    days: 30,
    lagDays: 0,
    unit: 'packages',
    selectedBy: 'confirmation time',
    numerator: 'good',
    target: { value: 0.95, condition: 'GREATER_THAN' },
  },
  // README §6: tracked units delivered on or before the promised deliver-by date ÷ tracked
  // units, > 90 % (US), a 14-day window reported with a 7-day delay; a package confirmed after
  // its estimated delivery date is not on time. The README does not say which date selects:
  // the bench uses the promised delivery date (as VTR does at Amazon; inference). The bench
  // counts packages, not units (its packages do not record units per package cheaply; a
  // deviation). "Tracked" = the carrier scanned it at least once; only orders with a known
  // delivery promise take part.
  'on-time-delivery-rate': {
    id: 'on-time-delivery-rate',
    label: 'On-time delivery rate',
    days: 14,
    lagDays: 7,
    unit: 'packages',
    selectedBy: 'promised delivery date',
    numerator: 'good',
    target: { value: 0.9, condition: 'GREATER_THAN' },
  },
  // Not an Amazon metric: the seller's guide (DESIGN.md §1.1) says each order should be
  // acknowledged within 24 hours, hence the target "every order" (EQUALS 1). For this bench an
  // order is acknowledged when it reaches the bench (pulled by sync or imported from a report,
  // the row's created_at): opening it at the bench always comes later, so the earlier of the
  // two is the pull. Orders purchased in the last 7 days (bench choice) and known by `at`.
  'acknowledged-24h': {
    id: 'acknowledged-24h',
    label: 'Acknowledged within 24 hours',
    days: 7,
    lagDays: 0,
    unit: 'orders',
    selectedBy: 'purchase date',
    numerator: 'good',
    target: { value: 1, condition: 'EQUALS' },
  },
};

/** Handling time (purchase → confirmation reached Amazon) is a figure without a target: the orders confirmed in these days. */
export const HANDLING_TIME_DAYS = 7;
export const HANDLING_TIME_LABEL = 'Handling time (purchase to confirmation)';
export const ACKNOWLEDGE_WITHIN_HOURS = 24;

export type MetricsConfig = {
  /** Amber from this fraction of the way to the limit (0.8: an LSR of 3.2 % against 4 %). */
  amberFraction: number;
  /** Targets are data (README §6: "Targets are data in that report"); these replace the defaults. */
  targets: Partial<Record<MetricId, MetricTarget>>;
};

export const DEFAULT_METRICS_CONFIG: MetricsConfig = { amberFraction: 0.8, targets: {} };

export function targetOf(id: MetricId, config: MetricsConfig = DEFAULT_METRICS_CONFIG): MetricTarget {
  return config.targets[id] ?? METRIC_DEFINITIONS[id].target;
}

const PPM = 1_000_000;

/**
 * Green, amber or red against the target, in whole parts per million so that a rate exactly
 * on the limit is decided exactly (0.07 × 100 is not 7 in floating point). On the limit is
 * red: LESS_THAN and GREATER_THAN are strict, as Amazon words them. Amber starts
 * `amberFraction` of the way from perfect (0 bad, or 100 % good) to the limit.
 */
export function metricStatus(numerator: number, denominator: number, target: MetricTarget, amberFraction: number): MetricStatus {
  if (denominator === 0) return 'no-data';
  const limit = Math.round(target.value * PPM);
  const scaled = numerator * PPM;
  switch (target.condition) {
    case 'EQUALS':
      return scaled === limit * denominator ? 'green' : 'red';
    case 'LESS_THAN': {
      if (scaled >= limit * denominator) return 'red';
      return scaled >= Math.round(amberFraction * limit) * denominator ? 'amber' : 'green';
    }
    case 'GREATER_THAN': {
      if (scaled <= limit * denominator) return 'red';
      const shortfall = (denominator - numerator) * PPM;
      return shortfall >= Math.round(amberFraction * (PPM - limit)) * denominator ? 'amber' : 'green';
    }
  }
}

// ---- the rules, one per question --------------------------------------------------------

export type CancelInitiator = 'seller' | 'buyer' | 'marketplace';

/**
 * Who a cancellation counts against. A buyer's request through their Amazon account makes it
 * the buyer's, even when a supervisor at the bench carries it out (README §6: the cancel rate
 * "excludes cancellations the buyer requests through their Amazon account").
 */
export function cancellationInitiator(requestedBy: CancelInitiator | null, buyerCancelRequested: boolean): CancelInitiator | null {
  return buyerCancelRequested ? 'buyer' : requestedBy;
}

export function countsAsSellerCancellation(cancelledBy: CancelInitiator | null, cancelledAt: string | null, asOf: string): boolean {
  return cancelledBy === 'seller' && cancelledAt !== null && cancelledAt < asOf;
}

export type DefectKind = 'feedback' | 'a-to-z-claim' | 'chargeback';
export type ClaimStatus = 'open' | 'granted' | 'denied';

export type DefectRecord = {
  kind: DefectKind;
  /** Feedback only: 1–5 stars. */
  rating: number | null;
  /** A-to-z claims only. */
  claimStatus: ClaimStatus | null;
  receivedAt: string;
  removedAt: string | null;
};

/**
 * README §6: negative feedback (1–2 stars), an A-to-z Guarantee claim that is not denied, or
 * a chargeback. A record received at or after `asOf` is not known yet; one removed before it
 * (feedback Amazon struck out, a claim withdrawn) no longer counts (the README is silent on
 * removal; Seller Central removes struck feedback from the ODR, inference).
 */
export function isOrderDefect(record: DefectRecord, asOf: string): boolean {
  if (record.receivedAt >= asOf) return false;
  if (record.removedAt !== null && record.removedAt < asOf) return false;
  switch (record.kind) {
    case 'feedback':
      return record.rating !== null && record.rating <= 2;
    case 'a-to-z-claim':
      return record.claimStatus !== 'denied';
    case 'chargeback':
      return true;
  }
}

export type ConfirmationState = 'pending' | 'sending' | 'retry-wait' | 'done' | 'needs-attention' | 'cancelled';

/**
 * When the order's shipment confirmation reached Amazon: the last of its packages' (a
 * multi-package order is shipped when all its packages are confirmed; inference), or null
 * while any is unsent. Withdrawn confirmations (a voided parcel) do not count. The migration's
 * outbox triggers keep orders.confirmed_at by this rule.
 */
export function orderConfirmedAt(jobs: ReadonlyArray<{ state: ConfirmationState; sentAt: string | null }>): string | null {
  const live = jobs.filter((job) => job.state !== 'cancelled');
  if (live.length === 0 || live.some((job) => job.state !== 'done' || job.sentAt === null)) return null;
  return live.reduce<string>((latest, job) => ((job.sentAt as string) > latest ? (job.sentAt as string) : latest), '');
}

/** Late when the confirmation reached Amazon after the expected ship date, or has not reached it. One minute late is late. */
export function isLateShipment(latestShipDate: string, confirmedAt: string | null): boolean {
  return confirmedAt === null || confirmedAt > latestShipDate;
}

export type NumberCheck = 'valid' | 'bad-format' | 'bad-check-digit' | 'wrong-carrier' | 'no-service';

const CARRIER_OF_FORMAT: Record<TrackingFormat, RecognizedCarrier> = {
  'upu-s10': 'UPU',
  'dhl-express-10': 'DHL',
  'fedex-express-12': 'FedEx',
  'ups-1z': 'UPS',
};

/**
 * Is this a valid number of its service's carrier? Exactly the service's format with a right
 * check digit is valid; so is another valid format of the same carrier (a FedEx Ground number
 * on a FedEx Express service). A valid number of another carrier is 'wrong-carrier': Amazon
 * looks it up at the carrier named in the confirmation, which never scans it (DESIGN.md §1).
 */
export function checkTrackingNumber(trackingNumber: string, serviceFormat: TrackingFormat | null): NumberCheck {
  if (serviceFormat === null) return 'no-service';
  const exact = validateTrackingNumber(serviceFormat, trackingNumber);
  if (exact.ok) return 'valid';
  const recognized = recognizeTrackingNumber(trackingNumber);
  if (recognized.ok) return recognized.carrier === CARRIER_OF_FORMAT[serviceFormat] ? 'valid' : 'wrong-carrier';
  return exact.code === 'TRACKING_BAD_CHECK_DIGIT' ? 'bad-check-digit' : 'bad-format';
}

export type PackageTrackingFacts = {
  numberCheck: NumberCheck | null;
  voided: boolean;
  carrierCheckedAt: string | null;
  firstScanAt: string | null;
};

/**
 * Why a confirmed package's tracking is not valid, or null when it is. The carrier's word
 * (read, and no scan) only counts once the tracking feed has recorded a read; the feed should
 * not record one before the carrier has had the time to scan (inference). An unchecked number
 * is neither: the metrics service checks every number before it counts.
 */
export function invalidTrackingReason(facts: PackageTrackingFacts): NumberCheck | 'voided-after-confirmation' | 'no-carrier-scan' | null {
  if (facts.numberCheck !== null && facts.numberCheck !== 'valid') return facts.numberCheck;
  if (facts.voided) return 'voided-after-confirmation';
  if (facts.carrierCheckedAt !== null && facts.firstScanAt === null) return 'no-carrier-scan';
  return null;
}

/** On time: delivered on or before the promise, and confirmed no later than it (README §6). */
export function isDeliveredOnTime(promisedAt: string, deliveredAt: string | null, confirmedAt: string | null): boolean {
  return deliveredAt !== null && deliveredAt <= promisedAt && confirmedAt !== null && confirmedAt <= promisedAt;
}

/** The order reached the bench (pulled or imported) within 24 hours of its purchase; exactly 24 hours is in time. */
export function acknowledgedInTime(purchaseDate: string, acknowledgedAt: string): boolean {
  return acknowledgedAt <= addHours(purchaseDate, ACKNOWLEDGE_WITHIN_HOURS);
}

/** Nearest-rank percentile (the ⌈p·n⌉-th smallest); null for no samples. */
export function nearestRank(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  return sortedAscending[Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((p / 100) * sortedAscending.length) - 1))] ?? null;
}
