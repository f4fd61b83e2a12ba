import { describe, expect, it } from 'vitest';
import {
  acknowledgedInTime,
  cancellationInitiator,
  checkTrackingNumber,
  countsAsSellerCancellation,
  invalidTrackingReason,
  isDeliveredOnTime,
  isLateShipment,
  isOrderDefect,
  metricStatus,
  nearestRank,
  orderConfirmedAt,
} from '../../shared/metrics/definitions';
import type { DefectRecord, MetricTarget } from '../../shared/metrics/definitions';
import { inWindow, normalizeIsoTime, windowEndingAt } from '../../shared/metrics/window';

const LSR: MetricTarget = { value: 0.04, condition: 'LESS_THAN' };
const VTR: MetricTarget = { value: 0.95, condition: 'GREATER_THAN' };

describe('a metric against its target', () => {
  it.each([
    // numerator, denominator, status — LSR < 4 %, amber from 3.2 %
    [0, 100, 'green'],
    [3, 100, 'green'],
    [32, 1000, 'amber'],
    [39, 1000, 'amber'],
    [4, 100, 'red'], // exactly on the limit is not "less than"
    [7, 100, 'red'],
    [0, 0, 'no-data'],
  ] as const)('LSR %i of %i is %s', (numerator, denominator, status) => {
    expect(metricStatus(numerator, denominator, LSR, 0.8)).toBe(status);
  });

  it.each([
    // VTR > 95 %: amber when the shortfall is 80 % of the 5 points, i.e. at 96 % or below
    [100, 100, 'green'],
    [97, 100, 'green'],
    [96, 100, 'amber'],
    [951, 1000, 'amber'],
    [95, 100, 'red'],
    [50, 100, 'red'],
  ] as const)('VTR %i of %i is %s', (numerator, denominator, status) => {
    expect(metricStatus(numerator, denominator, VTR, 0.8)).toBe(status);
  });

  it('an EQUALS target is met only exactly, and the amber margin is configuration', () => {
    expect(metricStatus(10, 10, { value: 1, condition: 'EQUALS' }, 0.8)).toBe('green');
    expect(metricStatus(9, 10, { value: 1, condition: 'EQUALS' }, 0.8)).toBe('red');
    expect(metricStatus(2, 100, LSR, 0.5)).toBe('amber');
    expect(metricStatus(2, 100, LSR, 0.8)).toBe('green');
  });
});

describe('windows', () => {
  const at = '2026-03-31T12:00:00.000Z';

  it('end at `at` and start N days of 24 hours before it', () => {
    expect(windowEndingAt(at, 10)).toEqual({ from: '2026-03-21T12:00:00.000Z', to: at, days: 10 });
    expect(windowEndingAt('2026-03-31T12:00:00Z', 14, 7)).toEqual({ from: '2026-03-10T12:00:00.000Z', to: '2026-03-24T12:00:00.000Z', days: 14 });
  });

  it('include their first instant and exclude their last', () => {
    const window = windowEndingAt(at, 7);
    expect(inWindow(window.from, window)).toBe(true);
    expect(inWindow('2026-03-24T11:59:59.999Z', window)).toBe(false);
    expect(inWindow(at, window)).toBe(false);
    expect(inWindow('2026-03-31T11:59:59.999Z', window)).toBe(true);
    expect(inWindow(null, window)).toBe(false);
  });

  it('normalise a time to the stored form and refuse text that is not one', () => {
    expect(normalizeIsoTime('2026-03-31T20:00:00+08:00')).toBe(at);
    expect(() => normalizeIsoTime('yesterday')).toThrow(RangeError);
  });
});

describe('late shipment: the confirmation reaching Amazon, not the ship date', () => {
  const deadline = '2026-03-10T23:59:00.000Z';
  it.each([
    ['on the deadline', '2026-03-10T23:59:00.000Z', false],
    ['one minute late', '2026-03-11T00:00:00.000Z', true],
    ['never confirmed', null, true],
  ] as const)('a confirmation %s', (_what, confirmedAt, late) => {
    expect(isLateShipment(deadline, confirmedAt)).toBe(late);
  });

  it('a multi-package order is confirmed when its last package is, and not while one is unsent', () => {
    expect(
      orderConfirmedAt([
        { state: 'done', sentAt: '2026-03-10T10:00:00.000Z' },
        { state: 'done', sentAt: '2026-03-11T09:00:00.000Z' },
      ]),
    ).toBe('2026-03-11T09:00:00.000Z');
    expect(orderConfirmedAt([{ state: 'done', sentAt: '2026-03-10T10:00:00.000Z' }, { state: 'retry-wait', sentAt: null }])).toBeNull();
    // A voided parcel's withdrawn confirmation does not hold the order back.
    expect(orderConfirmedAt([{ state: 'done', sentAt: '2026-03-10T10:00:00.000Z' }, { state: 'cancelled', sentAt: null }])).toBe('2026-03-10T10:00:00.000Z');
    expect(orderConfirmedAt([])).toBeNull();
  });
});

describe('cancellations: only the seller’s count', () => {
  it.each([
    ['a supervisor at the bench', 'seller', false, 'seller'],
    ['a supervisor, at the buyer’s request through Amazon', 'seller', true, 'buyer'],
    ['the marketplace', 'marketplace', false, 'marketplace'],
    ['the marketplace, after a buyer’s request', 'marketplace', true, 'buyer'],
    ['nobody said', null, false, null],
  ] as const)('cancelled by %s counts against %s', (_what, by, buyerAsked, initiator) => {
    expect(cancellationInitiator(by, buyerAsked)).toBe(initiator);
  });

  it('a seller cancellation counts once it has happened', () => {
    expect(countsAsSellerCancellation('seller', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).toBe(true);
    expect(countsAsSellerCancellation('seller', '2026-03-02T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).toBe(false);
    expect(countsAsSellerCancellation('buyer', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).toBe(false);
  });
});

describe('order defects', () => {
  const asOf = '2026-04-01T00:00:00.000Z';
  const base: DefectRecord = { kind: 'feedback', rating: 1, claimStatus: null, receivedAt: '2026-03-01T00:00:00.000Z', removedAt: null };
  it.each([
    ['1-star feedback', { rating: 1 }, true],
    ['2-star feedback', { rating: 2 }, true],
    ['3-star feedback', { rating: 3 }, false],
    ['feedback Amazon removed', { rating: 1, removedAt: '2026-03-05T00:00:00.000Z' }, false],
    ['feedback removed after the time asked about', { rating: 1, removedAt: asOf }, true],
    ['feedback received after the time asked about', { rating: 1, receivedAt: asOf }, false],
    ['an open A-to-z claim', { kind: 'a-to-z-claim', rating: null, claimStatus: 'open' }, true],
    ['a granted A-to-z claim', { kind: 'a-to-z-claim', rating: null, claimStatus: 'granted' }, true],
    ['a denied A-to-z claim', { kind: 'a-to-z-claim', rating: null, claimStatus: 'denied' }, false],
    ['a chargeback', { kind: 'chargeback', rating: null }, true],
  ] as const)('%s: defect %s', (_what, change, defect) => {
    expect(isOrderDefect({ ...base, ...change }, asOf)).toBe(defect);
  });
});

describe('valid tracking', () => {
  it.each([
    ['a China Post number on a China Post service', 'RR123456785CN', 'upu-s10', 'valid'],
    ['a mistyped check digit', 'RR123456784CN', 'upu-s10', 'bad-check-digit'],
    ['a DHL waybill on a China Post service', '3318810025', 'upu-s10', 'wrong-carrier'],
    ['a UPS number on a FedEx service', '1Z999AA10123456784', 'fedex-express-12', 'wrong-carrier'],
    ['a FedEx Ground number on a FedEx Express service', '041441760228964', 'fedex-express-12', 'valid'],
    ['gibberish', 'HELLO', 'dhl-express-10', 'bad-format'],
    ['a number without a service', 'RR123456785CN', null, 'no-service'],
  ] as const)('%s is %s', (_what, number, format, check) => {
    expect(checkTrackingNumber(number, format)).toBe(check);
  });

  it('a good number is still invalid when voided after confirmation or the carrier never scanned it', () => {
    const ok = { numberCheck: 'valid' as const, voided: false, carrierCheckedAt: null, firstScanAt: null };
    expect(invalidTrackingReason(ok)).toBeNull();
    expect(invalidTrackingReason({ ...ok, numberCheck: 'wrong-carrier' })).toBe('wrong-carrier');
    expect(invalidTrackingReason({ ...ok, voided: true })).toBe('voided-after-confirmation');
    expect(invalidTrackingReason({ ...ok, carrierCheckedAt: '2026-03-03T00:00:00.000Z' })).toBe('no-carrier-scan');
    expect(invalidTrackingReason({ ...ok, carrierCheckedAt: '2026-03-03T00:00:00.000Z', firstScanAt: '2026-03-02T00:00:00.000Z' })).toBeNull();
  });
});

describe('on-time delivery, acknowledgement, percentiles', () => {
  const promised = '2026-03-20T23:59:59.000Z';
  it.each([
    ['delivered on the promise', promised, '2026-03-15T00:00:00.000Z', true],
    ['delivered a second late', '2026-03-21T00:00:00.000Z', '2026-03-15T00:00:00.000Z', false],
    ['not delivered', null, '2026-03-15T00:00:00.000Z', false],
    ['delivered in time but confirmed after the promise', '2026-03-19T00:00:00.000Z', '2026-03-21T00:00:00.000Z', false],
  ] as const)('%s', (_what, delivered, confirmed, onTime) => {
    expect(isDeliveredOnTime(promised, delivered, confirmed)).toBe(onTime);
  });

  it('an order reaching the bench exactly 24 hours after purchase is in time, a millisecond later is not', () => {
    expect(acknowledgedInTime('2026-03-01T10:00:00.000Z', '2026-03-02T10:00:00.000Z')).toBe(true);
    expect(acknowledgedInTime('2026-03-01T10:00:00.000Z', '2026-03-02T10:00:00.001Z')).toBe(false);
  });

  it('nearest-rank median and p90', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 50)).toBe(5);
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});
