import type { Store } from '../db/store';
import type { MetricQuery, PackageTrackingRow } from '../db/repositories/metrics';
import {
  DEFAULT_METRICS_CONFIG,
  HANDLING_TIME_DAYS,
  HANDLING_TIME_LABEL,
  METRIC_DEFINITIONS,
  METRIC_IDS,
  checkTrackingNumber,
  invalidTrackingReason,
  nearestRank,
} from '../../shared/metrics/definitions';
import type { MetricId, MetricsConfig } from '../../shared/metrics/definitions';
import { metricResult } from '../../shared/metrics/report';
import type { DrillDownRow, HandlingTimeResult, MetricResult, MetricsReport } from '../../shared/metrics/report';
import { normalizeIsoTime, windowEndingAt } from '../../shared/metrics/window';
import type { MetricWindow } from '../../shared/metrics/window';
import { DomainError } from '../../shared/result';

// The seller metrics from the station database: SQL aggregates over the indexes of migration
// 6, judged by the pure definitions in shared/metrics. Taking the metrics first checks any
// tracking number not yet checked (a write: the check is code, not SQL), so every package
// counted has its number judged.

const QUERY_OF: Record<MetricId, Exclude<MetricQuery, 'handlingHours'>> = {
  'order-defect-rate': 'orderDefectRate',
  'cancel-rate': 'cancelRate',
  'late-shipment-rate-10d': 'lateShipmentRate',
  'late-shipment-rate-30d': 'lateShipmentRate',
  'valid-tracking-rate-7d': 'validTrackingRate',
  'valid-tracking-rate-30d': 'validTrackingRate',
  'on-time-delivery-rate': 'onTimeDeliveryRate',
  'acknowledged-24h': 'acknowledged24h',
};

/** A shorter window read in the same pass as a longer one of the same metric. */
const SHORTER_OF: Partial<Record<MetricId, MetricId>> = {
  'late-shipment-rate-30d': 'late-shipment-rate-10d',
  'valid-tracking-rate-30d': 'valid-tracking-rate-7d',
};

const CHECK_BATCH = 5_000;

export type DrillDownPage = { metric: MetricResult; total: number; rows: DrillDownRow[] };

export function isMetricId(value: string): value is MetricId {
  return (METRIC_IDS as readonly string[]).includes(value);
}

export function windowOf(id: MetricId, at: string): MetricWindow {
  const definition = METRIC_DEFINITIONS[id];
  return windowEndingAt(at, definition.days, definition.lagDays);
}

function invalidTrackingRow(row: PackageTrackingRow): DrillDownRow {
  const reason =
    invalidTrackingReason({ numberCheck: row.number_check, voided: row.voided === 1, carrierCheckedAt: row.carrier_checked_at, firstScanAt: row.first_scan_at }) ?? 'valid';
  return {
    orderId: row.order_id,
    packageId: row.package_id,
    reason,
    times: { confirmed: row.confirmed_at, carrierChecked: row.carrier_checked_at, firstScan: row.first_scan_at },
  };
}

function lateDeliveryRow(row: PackageTrackingRow): DrillDownRow {
  const promised = row.promised_delivery_at as string;
  const reason = row.delivered_at === null ? 'not-delivered' : row.delivered_at > promised ? 'delivered-late' : 'confirmed-late';
  return { orderId: row.order_id, packageId: row.package_id, reason, times: { promised, delivered: row.delivered_at, confirmed: row.confirmed_at } };
}

export function createMetricsService(deps: { store: Store; config?: MetricsConfig }) {
  const { store } = deps;
  const config = deps.config ?? DEFAULT_METRICS_CONFIG;
  const repo = store.metrics;

  /** Checks every tracking number not yet checked against its service's carrier; returns how many. */
  function checkNewTrackingNumbers(): number {
    let checked = 0;
    for (;;) {
      const batch = repo.uncheckedNumbers(CHECK_BATCH);
      if (batch.length === 0) return checked;
      store.transaction(() => {
        for (const item of batch) repo.setNumberCheck(item.packageId, item.trackingNumber, checkTrackingNumber(item.trackingNumber, item.trackingFormat));
      });
      checked += batch.length;
    }
  }

  function metric(id: MetricId, at: string): MetricResult {
    const window = windowOf(id, at);
    const { numerator, denominator } = repo.counts(QUERY_OF[id], window);
    return metricResult(id, window, numerator, denominator, config);
  }

  /** Every metric; a 30-day rate is its shorter window's counts plus the days before it (windows are half-open). */
  function everyMetric(at: string): MetricResult[] {
    const results = new Map<MetricId, MetricResult>();
    for (const [id, shorter] of Object.entries(SHORTER_OF) as Array<[MetricId, MetricId]>) {
      const window = windowOf(id, at);
      const shortWindow = windowOf(shorter, at);
      const recent = repo.counts(QUERY_OF[id], shortWindow);
      const before = repo.counts(QUERY_OF[id], { from: window.from, to: shortWindow.from });
      results.set(id, metricResult(id, window, recent.numerator + before.numerator, recent.denominator + before.denominator, config));
      results.set(shorter, metricResult(shorter, shortWindow, recent.numerator, recent.denominator, config));
    }
    for (const id of METRIC_IDS) if (!results.has(id)) results.set(id, metric(id, at));
    return METRIC_IDS.map((id) => results.get(id) as MetricResult);
  }

  function handlingTime(at: string): HandlingTimeResult {
    const window = windowEndingAt(at, HANDLING_TIME_DAYS);
    const hours = Float64Array.from(repo.handlingHours(window)).sort();
    const sorted = Array.from(hours);
    return {
      id: 'handling-time',
      label: HANDLING_TIME_LABEL,
      window,
      orders: sorted.length,
      medianHours: nearestRank(sorted, 50),
      p90Hours: nearestRank(sorted, 90),
    };
  }

  return {
    checkNewTrackingNumbers,
    /** Every metric as of `at` (an ISO time; windows end there). */
    all(atInput: string): MetricsReport {
      const at = normalizeIsoTime(atInput);
      checkNewTrackingNumbers();
      return { at, amberFraction: config.amberFraction, metrics: everyMetric(at), handlingTime: handlingTime(at) };
    },
    metric(id: MetricId, atInput: string): MetricResult {
      const at = normalizeIsoTime(atInput);
      if (METRIC_DEFINITIONS[id].unit === 'packages') checkNewTrackingNumbers();
      return metric(id, at);
    },
    /**
     * The orders (or packages) that hurt a figure, oldest first: the numerator of a 'bad'
     * metric (defective, cancelled, late), the misses of a 'good' one (invalid tracking, late
     * delivery, late acknowledgement).
     */
    drillDown(id: MetricId, atInput: string, page: { limit: number; offset: number }): DrillDownPage {
      if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 10_000 || !Number.isInteger(page.offset) || page.offset < 0) {
        throw new DomainError('METRICS_BAD_PAGE', 'A page is 1 to 10,000 rows from an offset of 0 or more.', { ...page });
      }
      const at = normalizeIsoTime(atInput);
      if (METRIC_DEFINITIONS[id].unit === 'packages') checkNewTrackingNumbers();
      const result = metric(id, at);
      const window = result.window;
      const total = result.counts === 'bad' ? result.numerator : result.denominator - result.numerator;
      let rows: DrillDownRow[];
      switch (QUERY_OF[id]) {
        case 'orderDefectRate':
          rows = repo.drillOrderDefects(window, page).map((r) => ({ orderId: r.order_id, packageId: null, reason: r.kind, times: { purchase: r.purchase_date, received: r.received_at } }));
          break;
        case 'cancelRate':
          rows = repo.drillSellerCancellations(window, page).map((r) => ({ orderId: r.order_id, packageId: null, reason: 'seller-cancelled', times: { purchase: r.purchase_date, cancelled: r.cancelled_at } }));
          break;
        case 'lateShipmentRate':
          rows = repo.drillLateShipments(window, page).map((r) => ({
            orderId: r.order_id,
            packageId: null,
            reason: r.confirmed_at === null ? 'not-confirmed' : 'late',
            times: { deadline: r.latest_ship_date, confirmed: r.confirmed_at },
          }));
          break;
        case 'validTrackingRate':
          rows = repo.drillInvalidTracking(window, page).map(invalidTrackingRow);
          break;
        case 'onTimeDeliveryRate':
          rows = repo.drillLateDeliveries(window, page).map(lateDeliveryRow);
          break;
        case 'acknowledged24h':
          rows = repo.drillLateAcknowledgements(window, page).map((r) => ({ orderId: r.order_id, packageId: null, reason: 'acknowledged-late', times: { purchase: r.purchase_date, acknowledged: r.created_at } }));
          break;
      }
      return { metric: result, total, rows };
    },
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
