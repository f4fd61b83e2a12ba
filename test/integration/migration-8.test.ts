import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { insertTestOrder } from '../support/orders';
import { tempDir } from '../support/temp';

// Migration 8 keeps the metrics' bookkeeping out of the scan path: package_tracking follows a
// package only when a fact it keeps changes, and the late-shipment index does not hold the
// order's status (which packing changes all the time).

let dir: ReturnType<typeof tempDir>;
let station: Station;
beforeEach(() => {
  dir = tempDir();
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', dataDir: dir.path, demo: false });
});
afterEach(() => {
  station.close();
  dir.remove();
});

describe('migration 8', () => {
  it('a package’s status change while packing leaves its tracking row alone; voiding it and labelling it are followed', () => {
    const orderId = insertTestOrder(station.store, '909-0000001-0000001', [{ sku: 'PB-SOCK-3P', quantity: 1 }], { countryCode: 'US', now: '2026-11-26T08:00:00.000Z' });
    const pkg = station.store.shipments.createPackage(orderId, '2026-11-26T08:00:00.000Z');
    const row = () => station.store.db.prepare('SELECT voided, labelled_at, tracking_number, updated_at FROM package_tracking WHERE package_id = ?').get(pkg.id);
    const before = row();
    station.store.shipments.savePackage({ ...pkg, status: 'verified' }, '2026-11-26T08:05:00.000Z');
    expect(row()).toEqual(before);
    station.store.shipments.savePackage({ ...pkg, status: 'labelled', trackingNumber: 'RR123456785CN', labelledAt: '2026-11-26T08:10:00.000Z' }, '2026-11-26T08:10:00.000Z');
    expect(row()).toMatchObject({ voided: 0, tracking_number: 'RR123456785CN', labelled_at: '2026-11-26T08:10:00.000Z' });
    station.store.shipments.savePackage({ ...pkg, status: 'void', trackingNumber: 'RR123456785CN', labelledAt: '2026-11-26T08:10:00.000Z' }, '2026-11-26T08:20:00.000Z');
    expect(row()).toMatchObject({ voided: 1 });
  });

  it('the late-shipment index does not hold the status, and the metric still reads it alone', () => {
    const columns = station.store.db.prepare("SELECT name FROM pragma_index_info('orders_by_ship_deadline')").all() as Array<{ name: string | null }>;
    expect(columns.map((column) => column.name)).toEqual(['latest_ship_date', 'cancelled_at', null]);
    const plan = station.store.db
      .prepare("EXPLAIN QUERY PLAN SELECT count(*), sum(confirmed_at IS NULL OR confirmed_at > latest_ship_date) FROM orders WHERE latest_ship_date >= '2026-11-01' AND latest_ship_date < '2026-11-10' AND cancelled_at IS NULL")
      .all() as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING COVERING INDEX orders_by_ship_deadline/);
  });
});
