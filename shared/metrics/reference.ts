// The metrics over plain arrays: slow, obvious, and the oracle the SQL is tested against
// (test/integration/metrics.test.ts). It reads the raw facts (outbox jobs, not the
// trigger-kept confirmation times), so the test checks the triggers as well.

import {
  HANDLING_TIME_DAYS,
  HANDLING_TIME_LABEL,
  METRIC_IDS,
  METRIC_DEFINITIONS,
  acknowledgedInTime,
  checkTrackingNumber,
  countsAsSellerCancellation,
  invalidTrackingReason,
  isDeliveredOnTime,
  isLateShipment,
  isOrderDefect,
  nearestRank,
  orderConfirmedAt,
} from './definitions';
import type { CancelInitiator, ConfirmationState, DefectRecord, MetricId, MetricsConfig } from './definitions';
import { metricResult } from './report';
import type { DrillDownRow, MetricResult, MetricsReport } from './report';
import { hoursBetween, inWindow, windowEndingAt } from './window';
import type { TrackingFormat } from '../domain/tracking';

export type ReferenceOrder = {
  orderId: string;
  status: string;
  purchaseDate: string;
  latestShipDate: string | null;
  latestDeliveryDate: string | null;
  /** When the order reached the bench (pulled or imported). */
  createdAt: string;
  cancelledAt: string | null;
  cancelledBy: CancelInitiator | null;
};

export type ReferencePackage = {
  packageId: number;
  orderId: string;
  voided: boolean;
  trackingNumber: string | null;
  serviceFormat: TrackingFormat | null;
  carrierCheckedAt: string | null;
  firstScanAt: string | null;
  deliveredAt: string | null;
};

export type ReferenceConfirmation = { orderId: string; packageId: number; state: ConfirmationState; sentAt: string | null };

export type ReferenceData = {
  orders: readonly ReferenceOrder[];
  packages: readonly ReferencePackage[];
  confirmations: readonly ReferenceConfirmation[];
  defects: ReadonlyArray<DefectRecord & { orderId: string }>;
};

type Judged = { denominator: number; hurt: DrillDownRow[] };

function windowOf(id: MetricId, at: string) {
  const definition = METRIC_DEFINITIONS[id];
  return windowEndingAt(at, definition.days, definition.lagDays);
}

function confirmationsByOrder(data: ReferenceData): Map<string, ReferenceConfirmation[]> {
  const map = new Map<string, ReferenceConfirmation[]>();
  for (const job of data.confirmations) map.set(job.orderId, [...(map.get(job.orderId) ?? []), job]);
  return map;
}

function packageConfirmedAt(data: ReferenceData, packageId: number): string | null {
  const job = data.confirmations.find((c) => c.packageId === packageId && c.state === 'done');
  return job?.sentAt ?? null;
}

/** The orders or packages a metric looks at, and those among them that hurt it. */
export function judgeMetric(data: ReferenceData, id: MetricId, at: string): Judged {
  const window = windowOf(id, at);
  switch (id) {
    case 'order-defect-rate': {
      const orders = data.orders.filter((o) => inWindow(o.purchaseDate, window));
      const hurt: DrillDownRow[] = [];
      for (const order of orders) {
        const defects = data.defects.filter((d) => d.orderId === order.orderId && isOrderDefect(d, window.to));
        const first = defects[0];
        if (first) hurt.push({ orderId: order.orderId, packageId: null, reason: first.kind, times: { purchase: order.purchaseDate, received: first.receivedAt } });
      }
      return { denominator: orders.length, hurt };
    }
    case 'cancel-rate': {
      const orders = data.orders.filter((o) => inWindow(o.purchaseDate, window));
      const hurt = orders
        .filter((o) => countsAsSellerCancellation(o.cancelledBy, o.cancelledAt, window.to))
        .map((o) => ({ orderId: o.orderId, packageId: null, reason: 'seller-cancelled', times: { purchase: o.purchaseDate, cancelled: o.cancelledAt } }));
      return { denominator: orders.length, hurt };
    }
    case 'late-shipment-rate-10d':
    case 'late-shipment-rate-30d': {
      const jobs = confirmationsByOrder(data);
      const orders = data.orders.filter((o) => o.status !== 'cancelled' && inWindow(o.latestShipDate, window));
      const hurt: DrillDownRow[] = [];
      for (const order of orders) {
        const confirmedAt = orderConfirmedAt(jobs.get(order.orderId) ?? []);
        const deadline = order.latestShipDate as string;
        if (isLateShipment(deadline, confirmedAt)) {
          hurt.push({ orderId: order.orderId, packageId: null, reason: confirmedAt === null ? 'not-confirmed' : 'late', times: { deadline, confirmed: confirmedAt } });
        }
      }
      return { denominator: orders.length, hurt };
    }
    case 'valid-tracking-rate-7d':
    case 'valid-tracking-rate-30d': {
      let denominator = 0;
      const hurt: DrillDownRow[] = [];
      for (const pkg of data.packages) {
        const confirmedAt = packageConfirmedAt(data, pkg.packageId);
        if (!inWindow(confirmedAt, window)) continue;
        denominator += 1;
        const reason = invalidTrackingReason({
          numberCheck: pkg.trackingNumber === null ? null : checkTrackingNumber(pkg.trackingNumber, pkg.serviceFormat),
          voided: pkg.voided,
          carrierCheckedAt: pkg.carrierCheckedAt,
          firstScanAt: pkg.firstScanAt,
        });
        if (reason !== null) hurt.push({ orderId: pkg.orderId, packageId: pkg.packageId, reason, times: { confirmed: confirmedAt } });
      }
      return { denominator, hurt };
    }
    case 'on-time-delivery-rate': {
      const promises = new Map(data.orders.map((o) => [o.orderId, o.latestDeliveryDate]));
      let denominator = 0;
      const hurt: DrillDownRow[] = [];
      for (const pkg of data.packages) {
        const promised = promises.get(pkg.orderId) ?? null;
        if (pkg.voided || pkg.firstScanAt === null || !inWindow(promised, window)) continue;
        denominator += 1;
        const confirmedAt = packageConfirmedAt(data, pkg.packageId);
        if (!isDeliveredOnTime(promised as string, pkg.deliveredAt, confirmedAt)) {
          const reason = pkg.deliveredAt === null ? 'not-delivered' : (pkg.deliveredAt > (promised as string) ? 'delivered-late' : 'confirmed-late');
          hurt.push({ orderId: pkg.orderId, packageId: pkg.packageId, reason, times: { promised, delivered: pkg.deliveredAt, confirmed: confirmedAt } });
        }
      }
      return { denominator, hurt };
    }
    case 'acknowledged-24h': {
      const orders = data.orders.filter((o) => inWindow(o.purchaseDate, window) && o.createdAt < window.to);
      const hurt = orders
        .filter((o) => !acknowledgedInTime(o.purchaseDate, o.createdAt))
        .map((o) => ({ orderId: o.orderId, packageId: null, reason: 'acknowledged-late', times: { purchase: o.purchaseDate, acknowledged: o.createdAt } }));
      return { denominator: orders.length, hurt };
    }
  }
}

function resultOf(data: ReferenceData, id: MetricId, at: string, config: MetricsConfig): MetricResult {
  const { denominator, hurt } = judgeMetric(data, id, at);
  const numerator = METRIC_DEFINITIONS[id].numerator === 'bad' ? hurt.length : denominator - hurt.length;
  return metricResult(id, windowOf(id, at), numerator, denominator, config);
}

export function referenceMetrics(data: ReferenceData, at: string, config: MetricsConfig): MetricsReport {
  const window = windowEndingAt(at, HANDLING_TIME_DAYS);
  const jobs = confirmationsByOrder(data);
  const hours = data.orders
    .flatMap((o) => {
      const confirmedAt = orderConfirmedAt(jobs.get(o.orderId) ?? []);
      return inWindow(confirmedAt, window) ? [hoursBetween(o.purchaseDate, confirmedAt as string)] : [];
    })
    .sort((a, b) => a - b);
  return {
    at: window.to,
    amberFraction: config.amberFraction,
    metrics: METRIC_IDS.map((id) => resultOf(data, id, at, config)),
    handlingTime: {
      id: 'handling-time',
      label: HANDLING_TIME_LABEL,
      window,
      orders: hours.length,
      medianHours: nearestRank(hours, 50),
      p90Hours: nearestRank(hours, 90),
    },
  };
}
