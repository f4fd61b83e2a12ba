import type { Db } from '../open';
import type { ClaimStatus, DefectKind, NumberCheck } from '../../../shared/metrics/definitions';
import type { MetricWindow } from '../../../shared/metrics/window';
import type { TrackingFormat } from '../../../shared/domain/tracking';
import { DomainError } from '../../../shared/result';

// The seller metrics' aggregates and drill-downs, and the after-sales and carrier facts they
// read. Every aggregate is one range of one covering index of migration 6 (the integration
// test reads the plans); the rules each WHERE and CASE implements are the functions of the
// same name in shared/metrics/definitions.ts, which say where each rule comes from.

export type Counts = { numerator: number; denominator: number };

type Window = Pick<MetricWindow, 'from' | 'to'>;
type Page = { limit: number; offset: number };

export type DefectInput = {
  orderId: string;
  kind: DefectKind;
  rating: number | null;
  claimStatus: ClaimStatus | null;
  receivedAt: string;
  removedAt?: string | null;
  reference?: string | null;
  note?: string | null;
};

export type DefectRow = { id: number; orderId: string; kind: DefectKind; rating: number | null; claimStatus: ClaimStatus | null; receivedAt: string; removedAt: string | null; reference: string | null; note: string | null };

/** What a carrier's tracking said of a parcel, as of `checkedAt`. */
export type CarrierTrackingInput = {
  checkedAt: string;
  firstScanAt: string | null;
  deliveredAt: string | null;
  exceptionAt: string | null;
  returnedAt: string | null;
};

export type UncheckedNumber = { packageId: number; trackingNumber: string; trackingFormat: TrackingFormat | null };

export type PackageTrackingRow = {
  package_id: number;
  order_id: string;
  tracking_number: string | null;
  number_check: NumberCheck | null;
  voided: number;
  confirmed_at: string | null;
  promised_delivery_at: string | null;
  carrier_checked_at: string | null;
  first_scan_at: string | null;
  delivered_at: string | null;
};

// ---- the rules as SQL (see definitions.ts for each) ----------------------------------------

/** isOrderDefect over order_defects d, known as of @to. */
const COUNTS_AS_DEFECT = `d.received_at < @to AND (d.removed_at IS NULL OR d.removed_at >= @to)
  AND CASE d.kind WHEN 'feedback' THEN d.rating <= 2 WHEN 'a-to-z-claim' THEN d.claim_status <> 'denied' ELSE 1 END`;

/** The defects of the orders purchased in [@from, @to): a defect is never received before its order was placed (recordDefect refuses it). */
const DEFECTS_IN_WINDOW = `FROM order_defects d CROSS JOIN orders o ON o.order_id = d.order_id
  WHERE d.received_at >= @from AND d.received_at < @to AND o.purchase_date >= @from AND o.purchase_date < @to AND ${COUNTS_AS_DEFECT}`;

const SELLER_CANCELLED = "cancelled_by = 'seller' AND cancelled_at < @to";
// The next four are stored in migration 6's indexes: keep the text identical to the index's.
const LATE = '(confirmed_at IS NULL OR confirmed_at > latest_ship_date)';
/** invalidTrackingReason is not null; an unchecked number (NULL) is not counted against (the service checks all first). */
const TRACKING_INVALID = "(coalesce(number_check, 'valid') <> 'valid' OR voided = 1 OR (carrier_checked_at IS NOT NULL AND first_scan_at IS NULL))";
const ON_TIME = '(delivered_at IS NOT NULL AND delivered_at <= promised_delivery_at AND confirmed_at IS NOT NULL AND confirmed_at <= promised_delivery_at)';
const ACKNOWLEDGED_IN_TIME = "(created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', purchase_date, '+24 hours'))";
const HANDLING_HOURS = "((unixepoch(confirmed_at, 'subsec') - unixepoch(purchase_date, 'subsec')) / 3600.0)";

/**
 * One statement per metric over [@from, @to). Windows add up (they are half-open), so the
 * service reads a 30-day rate as its 7- or 10-day one plus the days before: no order is read twice.
 */
export const METRIC_SQL = {
  orderDefectRate: `SELECT
      (SELECT count(*) FROM orders WHERE purchase_date >= @from AND purchase_date < @to) AS denominator,
      (SELECT count(DISTINCT d.order_id) ${DEFECTS_IN_WINDOW}) AS numerator`,
  cancelRate: `SELECT count(*) AS denominator, coalesce(sum(${SELLER_CANCELLED}), 0) AS numerator
      FROM orders WHERE purchase_date >= @from AND purchase_date < @to`,
  lateShipmentRate: `SELECT count(*) AS denominator, coalesce(sum(${LATE}), 0) AS numerator
      FROM orders WHERE latest_ship_date >= @from AND latest_ship_date < @to AND cancelled_at IS NULL`,
  validTrackingRate: `SELECT count(*) AS denominator, count(*) - coalesce(sum(${TRACKING_INVALID}), 0) AS numerator
      FROM package_tracking WHERE confirmed_at >= @from AND confirmed_at < @to`,
  onTimeDeliveryRate: `SELECT count(*) AS denominator, coalesce(sum(${ON_TIME}), 0) AS numerator
      FROM package_tracking WHERE promised_delivery_at >= @from AND promised_delivery_at < @to AND first_scan_at IS NOT NULL AND voided = 0`,
  acknowledged24h: `SELECT count(*) AS denominator, coalesce(sum(${ACKNOWLEDGED_IN_TIME}), 0) AS numerator
      FROM orders WHERE purchase_date >= @from AND purchase_date < @to AND created_at < @to`,
  handlingHours: `SELECT ${HANDLING_HOURS} AS hours
      FROM orders WHERE confirmed_at >= @from AND confirmed_at < @to AND confirmed_at IS NOT NULL`,
} as const;

export type MetricQuery = keyof typeof METRIC_SQL;

const DRILL_SQL = {
  orderDefectRate: `SELECT d.order_id, o.purchase_date, d.kind, min(d.received_at) AS received_at ${DEFECTS_IN_WINDOW}
      GROUP BY d.order_id ORDER BY o.purchase_date, d.order_id LIMIT @limit OFFSET @offset`,
  cancelRate: `SELECT order_id, purchase_date, cancelled_at FROM orders
      WHERE purchase_date >= @from AND purchase_date < @to AND ${SELLER_CANCELLED} AND source <> 'replacement'
      ORDER BY purchase_date, order_id LIMIT @limit OFFSET @offset`,
  lateShipmentRate: `SELECT order_id, latest_ship_date, confirmed_at FROM orders
      WHERE latest_ship_date >= @from AND latest_ship_date < @to AND cancelled_at IS NULL AND (${LATE})
      ORDER BY latest_ship_date, order_id LIMIT @limit OFFSET @offset`,
  validTrackingRate: `SELECT * FROM package_tracking
      WHERE confirmed_at >= @from AND confirmed_at < @to AND ${TRACKING_INVALID}
      ORDER BY confirmed_at, package_id LIMIT @limit OFFSET @offset`,
  onTimeDeliveryRate: `SELECT * FROM package_tracking
      WHERE promised_delivery_at >= @from AND promised_delivery_at < @to AND first_scan_at IS NOT NULL AND voided = 0 AND NOT (${ON_TIME})
      ORDER BY promised_delivery_at, package_id LIMIT @limit OFFSET @offset`,
  acknowledged24h: `SELECT order_id, purchase_date, created_at FROM orders
      WHERE purchase_date >= @from AND purchase_date < @to AND created_at < @to AND NOT (${ACKNOWLEDGED_IN_TIME}) AND source <> 'replacement'
      ORDER BY purchase_date, order_id LIMIT @limit OFFSET @offset`,
} as const;

type DefectDbRow = {
  id: number;
  order_id: string;
  kind: DefectKind;
  rating: number | null;
  claim_status: ClaimStatus | null;
  received_at: string;
  removed_at: string | null;
  reference: string | null;
  note: string | null;
};

function toDefect(row: DefectDbRow): DefectRow {
  return {
    id: row.id,
    orderId: row.order_id,
    kind: row.kind,
    rating: row.rating,
    claimStatus: row.claim_status,
    receivedAt: row.received_at,
    removedAt: row.removed_at,
    reference: row.reference,
    note: row.note,
  };
}

export function createMetricsRepo(db: Db) {
  const counts = Object.fromEntries(
    Object.entries(METRIC_SQL)
      .filter(([name]) => name !== 'handlingHours')
      .map(([name, sql]) => [name, db.prepare<Window, Counts>(sql)]),
  ) as Record<Exclude<MetricQuery, 'handlingHours'>, ReturnType<typeof db.prepare<Window, Counts>>>;
  const handlingHours = db.prepare<Window, number>(METRIC_SQL.handlingHours).pluck();
  // Replacement orders (after-sales) are the bench's own, not Amazon's: they are taken back out of
  // the order-based figures. They are few, so a small partial index (migration 7) finds them and
  // the metrics' covering indexes stay as they are.
  const replacements = db.prepare<Window, { orders: number; sellerCancelled: number; acknowledged: number }>(
    `SELECT count(*) AS orders, coalesce(sum(${SELLER_CANCELLED}), 0) AS sellerCancelled,
            coalesce(sum(created_at < @to AND ${ACKNOWLEDGED_IN_TIME}), 0) AS acknowledged
       FROM orders WHERE source = 'replacement' AND purchase_date >= @from AND purchase_date < @to`,
  );
  const drill = {
    orderDefectRate: db.prepare<Window & Page, { order_id: string; purchase_date: string; kind: DefectKind; received_at: string }>(DRILL_SQL.orderDefectRate),
    cancelRate: db.prepare<Window & Page, { order_id: string; purchase_date: string; cancelled_at: string }>(DRILL_SQL.cancelRate),
    lateShipmentRate: db.prepare<Window & Page, { order_id: string; latest_ship_date: string; confirmed_at: string | null }>(DRILL_SQL.lateShipmentRate),
    validTrackingRate: db.prepare<Window & Page, PackageTrackingRow>(DRILL_SQL.validTrackingRate),
    onTimeDeliveryRate: db.prepare<Window & Page, PackageTrackingRow>(DRILL_SQL.onTimeDeliveryRate),
    acknowledged24h: db.prepare<Window & Page, { order_id: string; purchase_date: string; created_at: string }>(DRILL_SQL.acknowledged24h),
  };
  const unchecked = db.prepare<[number], { package_id: number; tracking_number: string; tracking_format: TrackingFormat | null }>(
    `SELECT pt.package_id, pt.tracking_number, s.tracking_format FROM package_tracking pt LEFT JOIN services s ON s.id = pt.service_id
     WHERE pt.number_check IS NULL AND pt.tracking_number IS NOT NULL ORDER BY pt.package_id LIMIT ?`,
  );
  const setCheck = db.prepare('UPDATE package_tracking SET number_check = @check WHERE package_id = @packageId AND tracking_number = @trackingNumber');
  const purchaseOf = db.prepare<[string], { purchase_date: string }>('SELECT purchase_date FROM orders WHERE order_id = ?');
  const insertDefect = db.prepare(
    `INSERT INTO order_defects (order_id, kind, rating, claim_status, received_at, removed_at, reference, note, created_at, updated_at)
     VALUES (@orderId, @kind, @rating, @claimStatus, @receivedAt, @removedAt, @reference, @note, @now, @now)`,
  );
  const defectsOf = db.prepare<[string], DefectDbRow>('SELECT * FROM order_defects WHERE order_id = ? ORDER BY received_at, id');
  const setClaim = db.prepare("UPDATE order_defects SET claim_status = @status, updated_at = @now WHERE id = @id AND kind = 'a-to-z-claim'");
  const setRemoved = db.prepare('UPDATE order_defects SET removed_at = @removedAt, updated_at = @now WHERE id = @id');
  const setCarrier = db.prepare(
    `UPDATE package_tracking SET carrier_checked_at = @checkedAt, first_scan_at = @firstScanAt, delivered_at = @deliveredAt,
       exception_at = @exceptionAt, returned_at = @returnedAt, updated_at = @now
     WHERE package_id = @packageId`,
  );
  const trackingOf = db.prepare<[number], PackageTrackingRow>('SELECT * FROM package_tracking WHERE package_id = ?');

  return {
    counts(query: Exclude<MetricQuery, 'handlingHours'>, window: Window): Counts {
      const row = counts[query].get({ from: window.from, to: window.to });
      const result = { numerator: row?.numerator ?? 0, denominator: row?.denominator ?? 0 };
      if (query !== 'orderDefectRate' && query !== 'cancelRate' && query !== 'acknowledged24h') return result;
      const own = replacements.get({ from: window.from, to: window.to });
      if (!own || own.orders === 0) return result;
      // No defect can be recorded on a replacement (after-sales refuses it): only the denominator moves.
      const numerator = query === 'cancelRate' ? own.sellerCancelled : query === 'acknowledged24h' ? own.acknowledged : 0;
      return { numerator: result.numerator - numerator, denominator: result.denominator - own.orders };
    },
    /** Hours from purchase to confirmation of the orders confirmed in the window, in no order. */
    handlingHours(window: Window): number[] {
      return handlingHours.all({ from: window.from, to: window.to });
    },
    drillOrderDefects: (window: Window, page: Page) => drill.orderDefectRate.all({ ...window, ...page }),
    drillSellerCancellations: (window: Window, page: Page) => drill.cancelRate.all({ ...window, ...page }),
    drillLateShipments: (window: Window, page: Page) => drill.lateShipmentRate.all({ ...window, ...page }),
    drillInvalidTracking: (window: Window, page: Page) => drill.validTrackingRate.all({ ...window, ...page }),
    drillLateDeliveries: (window: Window, page: Page) => drill.onTimeDeliveryRate.all({ ...window, ...page }),
    drillLateAcknowledgements: (window: Window, page: Page) => drill.acknowledged24h.all({ ...window, ...page }),

    /** Numbers not yet checked against their service's carrier (new, or number or service changed). */
    uncheckedNumbers(limit: number): UncheckedNumber[] {
      return unchecked.all(limit).map((row) => ({ packageId: row.package_id, trackingNumber: row.tracking_number, trackingFormat: row.tracking_format }));
    },
    /** Stores a check; ignored when the number changed since it was read. */
    setNumberCheck(packageId: number, trackingNumber: string, check: NumberCheck): void {
      setCheck.run({ packageId, trackingNumber, check });
    },

    /**
     * An after-sales record (feedback, A-to-z claim, chargeback). Refused when it is dated
     * before its order was placed: the ODR finds defects by the time they were received,
     * starting from the window's first purchase.
     */
    recordDefect(input: DefectInput, now: string): number {
      const order = purchaseOf.get(input.orderId);
      if (!order) throw new DomainError('ORDER_NOT_FOUND', `There is no order ${input.orderId}.`, { orderId: input.orderId });
      if (input.receivedAt < order.purchase_date) {
        throw new DomainError('DEFECT_BEFORE_ORDER', `A ${input.kind} received at ${input.receivedAt} cannot precede order ${input.orderId} (placed ${order.purchase_date}).`, {
          orderId: input.orderId,
        });
      }
      return Number(
        insertDefect.run({
          orderId: input.orderId,
          kind: input.kind,
          rating: input.rating,
          claimStatus: input.claimStatus,
          receivedAt: input.receivedAt,
          removedAt: input.removedAt ?? null,
          reference: input.reference ?? null,
          note: input.note ?? null,
          now,
        }).lastInsertRowid,
      );
    },
    defectsOf(orderId: string): DefectRow[] {
      return defectsOf.all(orderId).map(toDefect);
    },
    setClaimStatus(id: number, status: ClaimStatus, now: string): boolean {
      return setClaim.run({ id, status, now }).changes === 1;
    },
    removeDefect(id: number, removedAt: string, now: string): boolean {
      return setRemoved.run({ id, removedAt, now }).changes === 1;
    },
    recordCarrierTracking(packageId: number, tracking: CarrierTrackingInput, now: string): boolean {
      return setCarrier.run({ packageId, ...tracking, now }).changes === 1;
    },
    trackingOf(packageId: number): PackageTrackingRow | null {
      return trackingOf.get(packageId) ?? null;
    },
  };
}

export type MetricsRepo = ReturnType<typeof createMetricsRepo>;
