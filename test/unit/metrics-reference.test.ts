import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_CONFIG, METRIC_IDS } from '../../shared/metrics/definitions';
import { judgeMetric, referenceMetrics } from '../../shared/metrics/reference';
import { AT, EXPECTED, EXPECTED_HANDLING, FIXTURE } from './metrics-fixture';

describe('the reference metrics over a hand-computed bench history', () => {
  const report = referenceMetrics(FIXTURE, AT, DEFAULT_METRICS_CONFIG);

  it.each(METRIC_IDS.map((id) => [id]))('%s matches the figure computed by hand', (id) => {
    const metric = report.metrics.find((m) => m.id === id);
    expect({ numerator: metric?.numerator, denominator: metric?.denominator }).toEqual({ numerator: EXPECTED[id].numerator, denominator: EXPECTED[id].denominator });
    expect(new Set(judgeMetric(FIXTURE, id, AT).hurt.map((row) => row.orderId))).toEqual(new Set(EXPECTED[id].hurt));
  });

  it('says why each order hurt the late shipment rate', () => {
    const reasons = Object.fromEntries(judgeMetric(FIXTURE, 'late-shipment-rate-10d', AT).hurt.map((row) => [row.orderId, row.reason]));
    expect(reasons).toEqual({ B: 'late', C: 'not-confirmed', E: 'late' });
  });

  it('says why each package’s tracking is not valid', () => {
    const reasons = Object.fromEntries(judgeMetric(FIXTURE, 'valid-tracking-rate-30d', AT).hurt.map((row) => [row.packageId, row.reason]));
    expect(reasons).toEqual({ 2: 'wrong-carrier', 4: 'no-carrier-scan', 5: 'bad-check-digit', 9: 'voided-after-confirmation' });
  });

  it('colours each figure against its target', () => {
    const status = Object.fromEntries(report.metrics.map((m) => [m.id, m.status]));
    // 2 / 14 = 14 % defects, 1 / 6 cancelled, 3 / 4 late, 2 / 5 valid, 1 / 3 on time, 5 / 6 acknowledged: all red.
    expect(new Set(Object.values(status))).toEqual(new Set(['red']));
    expect(report.metrics.find((m) => m.id === 'cancel-rate')?.rate).toBeCloseTo(1 / 6, 10);
  });

  it('has no data for a window with no orders', () => {
    const empty = referenceMetrics(FIXTURE, '2020-01-01T00:00:00.000Z', DEFAULT_METRICS_CONFIG);
    expect(empty.metrics.every((m) => m.status === 'no-data' && m.rate === null)).toBe(true);
  });

  it('handling time: median and p90 of purchase → confirmation', () => {
    expect({ orders: report.handlingTime.orders, medianHours: report.handlingTime.medianHours, p90Hours: report.handlingTime.p90Hours }).toEqual(EXPECTED_HANDLING);
  });

  it('a defect received after the time asked about is not known yet', () => {
    const before = referenceMetrics(FIXTURE, '2026-02-10T00:00:00.000Z', DEFAULT_METRICS_CONFIG);
    const odr = before.metrics.find((m) => m.id === 'order-defect-rate');
    // K's feedback arrives at exactly 02-10 (not yet known), L's chargeback counts now that L is in the window.
    expect(odr?.numerator).toBe(1);
    expect(new Set(judgeMetric(FIXTURE, 'order-defect-rate', '2026-02-10T00:00:00.000Z').hurt.map((row) => row.orderId))).toEqual(new Set(['L']));
  });
});
