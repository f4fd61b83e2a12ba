import { describe, expect, it } from 'vitest';
import { MIN_ACTIVE_HOURS_FOR_RATES, shiftProductivity, shiftReportCsv } from '../../shared/productivity/productivity';
import type { ProductivityEvent, ProductivityOverride } from '../../shared/productivity/productivity';

const SHIFT = { from: '2026-11-26T06:00:00.000Z', to: '2026-11-26T14:00:00.000Z' };

function ev(at: string, operator: string, kind: string, extra: Partial<ProductivityEvent> = {}): ProductivityEvent {
  return { at: `2026-11-26T${at}:00.000Z`, operator, orderId: 'A', kind, result: 'ok', quantity: 0, ...extra };
}

describe('productivity over a shift', () => {
  // Li Wei: 08:00–10:00, 2 orders (one in two packages), 10 units (one typed as 4), a wrong item
  // and an over-scan, one override. Zhang Min: a single scan at 09:00.
  const events: ProductivityEvent[] = [
    ev('08:00', 'Li Wei', 'opened', { orderId: 'A' }),
    ev('08:01', 'Li Wei', 'unit', { orderId: 'A', quantity: 1 }),
    ev('08:02', 'Li Wei', 'unit', { orderId: 'A', quantity: 4 }),
    ev('08:03', 'Li Wei', 'rejected', { orderId: 'A', result: 'SCAN_WRONG_ITEM' }),
    ev('08:04', 'Li Wei', 'acknowledged', { orderId: 'A' }),
    ev('08:10', 'Li Wei', 'package-labelled', { orderId: 'A' }),
    ev('08:20', 'Li Wei', 'package-labelled', { orderId: 'A' }),
    ev('09:00', 'Li Wei', 'unit', { orderId: 'B', quantity: 5 }),
    ev('09:01', 'Li Wei', 'rejected', { orderId: 'B', result: 'SCAN_OVER_SCAN' }),
    ev('09:02', 'Li Wei', 'rejected', { orderId: 'B', result: 'SCAN_UNKNOWN_BARCODE' }),
    ev('10:00', 'Li Wei', 'package-labelled', { orderId: 'B' }),
    ev('09:00', 'Zhang Min', 'unit', { orderId: 'C', quantity: 1 }),
    // Outside the shift: before it, and exactly at its end (the end is excluded).
    ev('05:59', 'Li Wei', 'unit', { orderId: 'Z', quantity: 9 }),
    ev('14:00', 'Li Wei', 'unit', { orderId: 'Z', quantity: 9 }),
  ];
  const overrides: ProductivityOverride[] = [
    { at: '2026-11-26T08:30:00.000Z', operator: 'Li Wei', reasonCode: 'DAMAGED_BARCODE', kind: 'unit-verified' },
    { at: '2026-11-26T15:00:00.000Z', operator: 'Li Wei', reasonCode: 'NO_BARCODE', kind: 'unit-verified' },
  ];
  const report = shiftProductivity(events, overrides, SHIFT);

  it('counts orders, packages and units of each packer inside the shift only', () => {
    const li = report.packers[0];
    expect(li).toMatchObject({ operator: 'Li Wei', orders: 2, packages: 3, units: 10, activeHours: 2, firstAt: '2026-11-26T08:00:00.000Z', lastAt: '2026-11-26T10:00:00.000Z' });
    expect(li?.ordersPerHour).toBe(1);
    expect(li?.unitsPerHour).toBe(5);
  });

  it('mistakes per 100 units are wrong items and over-scans; an unknown barcode is not the packer’s mistake', () => {
    expect(report.packers[0]).toMatchObject({ wrongItems: 1, overScans: 1, errorsPer100Units: 20 });
  });

  it('overrides by reason, in the shift only', () => {
    expect(report.packers[0]?.overridesByReason).toEqual({ DAMAGED_BARCODE: 1 });
  });

  it('a packer with a single act has no rate (no measurable time at the bench)', () => {
    const zhang = report.packers[1];
    expect(zhang).toMatchObject({ operator: 'Zhang Min', units: 1, activeHours: 0, unitsPerHour: null, ordersPerHour: null, errorsPer100Units: 0 });
    // Just under the minimum span there is still no rate; at it there is.
    const span = (minutes: number) =>
      shiftProductivity([ev('08:00', 'A', 'unit', { quantity: 1 }), { ...ev('08:00', 'A', 'unit', { quantity: 1 }), at: new Date(Date.parse('2026-11-26T08:00:00.000Z') + minutes * 60_000).toISOString() }], [], SHIFT).packers[0];
    expect(span(MIN_ACTIVE_HOURS_FOR_RATES * 60 - 1)?.unitsPerHour).toBeNull();
    expect(span(MIN_ACTIVE_HOURS_FOR_RATES * 60)?.unitsPerHour).toBe(2 / MIN_ACTIVE_HOURS_FOR_RATES);
  });

  it('totals add the packers up; rates are over the packers’ summed hours', () => {
    expect(report.totals).toMatchObject({ orders: 2, packages: 3, units: 11, activeHours: 2, wrongItems: 1, overScans: 1, unitsPerHour: 5.5 });
    expect(report.totals.errorsPer100Units).toBeCloseTo(200 / 11, 10);
  });

  it('an empty shift is empty, not an error', () => {
    const empty = shiftProductivity([], [], SHIFT);
    expect(empty.packers).toEqual([]);
    expect(empty.totals).toMatchObject({ units: 0, unitsPerHour: null, errorsPer100Units: null });
  });

  it('as CSV: a row per packer and the totals, names with commas quoted', () => {
    const csv = shiftReportCsv(shiftProductivity([ev('08:00', 'Doe, Jane', 'unit', { quantity: 1 })], [], SHIFT));
    expect(csv.split('\r\n')).toEqual([
      'operator,orders,packages,units,active_hours,orders_per_hour,units_per_hour,wrong_items,over_scans,errors_per_100_units,overrides',
      '"Doe, Jane",0,0,1,0,,,0,0,0,',
      'TOTAL,0,0,1,0,,,0,0,0,',
      '',
    ]);
    expect(shiftReportCsv(report).split('\r\n')[1]).toBe('Li Wei,2,3,10,2,1,5,1,1,20,DAMAGED_BARCODE:1');
  });
});
