import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AfterSalesView, MetricsReportView, OrderSummary, PackView } from '../../shared/contract';
import { migrate } from '../../electron/db/open';
import { latestSchemaVersion, migrations } from '../../electron/db/migrations';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { insertTestOrder } from '../support/orders';
import { packAndWeigh } from '../support/pack-steps';
import { stationCalls } from '../support/station-calls';
import { tempDir } from '../support/temp';

// After-sales at the bench: returns, refunds, replacements through the pack flow, and the
// buyer's feedback, claims and chargebacks feeding the order defect rate.

let dir: ReturnType<typeof tempDir>;
let station: Station;
let nowMs = Date.parse('2026-11-26T06:00:00.000Z');
const { call, callError } = stationCalls(() => station);
const ORDER = '908-1000001-0000001';
const SUPERVISOR = 'OP-9001';
const PACKER = 'OP-1001';

const outboxJobs = (orderId: string) => station.store.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE order_id = ?').get(orderId)?.n ?? 0;

async function packAndLabel(orderId: string): Promise<PackView> {
  const view = await packAndWeigh(call, orderId, 'MAILER-S');
  nowMs += 60_000;
  return call<PackView>('pack:printLabel', { orderId, serviceId: view.proposal?.serviceId });
}

beforeEach(async () => {
  dir = tempDir();
  nowMs = Date.parse('2026-11-26T06:00:00.000Z');
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => new Date(nowMs), dataDir: dir.path });
  await call('operators:signIn', { badge: SUPERVISOR });
  await call('settings:update', { idleSignOutMinutes: 0 });
  // Socks 2 × 24.99 and a cable 8.99 (USD in the demo catalogue): the goods are worth 58.97.
  insertTestOrder(
    station.store,
    ORDER,
    [
      { sku: 'PB-SOCK-3P', quantity: 2 },
      { sku: 'PB-CABLE-C2', quantity: 1 },
    ],
    { countryCode: 'US', now: new Date(nowMs).toISOString() },
  );
});

afterEach(() => {
  station.close();
  dir.remove();
});

describe('returns', () => {
  it('nothing can come back from an order that has not left the bench', async () => {
    const refused = await callError('aftersales:return', { orderId: ORDER, reason: 'defective', items: [{ orderItemId: `${ORDER}-1`, quantity: 1, condition: 'sellable', disposition: 'restock' }] });
    expect(refused.code).toBe('AFTERSALES_NOT_SHIPPED');
  });

  it('a packer records a return with its items, conditions and dispositions; the bench numbers the RMA', async () => {
    await packAndLabel(ORDER);
    await call('operators:signIn', { badge: PACKER });
    const first = await call<AfterSalesView>('aftersales:return', {
      orderId: ORDER,
      reason: 'defective',
      note: 'box crushed',
      items: [
        { orderItemId: `${ORDER}-1`, quantity: 1, condition: 'sellable', disposition: 'restock' },
        { orderItemId: `${ORDER}-1`, quantity: 1, condition: 'damaged', disposition: 'write-off' },
      ],
    });
    expect(first.returns).toHaveLength(1);
    expect(first.returns[0]).toMatchObject({ rma: 'RMA-20261126-1', reason: 'defective', status: 'partly-restocked', operator: 'packer', note: 'box crushed' });
    expect(first.returns[0]?.items.map((item) => [item.sku, item.quantity, item.condition, item.disposition])).toEqual([
      ['PB-SOCK-3P', 1, 'damaged', 'write-off'],
      ['PB-SOCK-3P', 1, 'sellable', 'restock'],
    ]);
    expect(first.items.map((item) => [item.sku, item.quantity, item.returned])).toEqual([
      ['PB-SOCK-3P', 2, 2],
      ['PB-CABLE-C2', 1, 0],
    ]);

    const second = await call<AfterSalesView>('aftersales:return', {
      orderId: ORDER,
      reason: 'undeliverable',
      items: [{ orderItemId: `${ORDER}-2`, quantity: 1, condition: 'missing', disposition: 'write-off' }],
    });
    expect(second.returns.map((entry) => [entry.rma, entry.status])).toEqual([
      ['RMA-20261126-1', 'partly-restocked'],
      ['RMA-20261126-2', 'written-off'],
    ]);
  });

  it('refuses more units than the order line, counting earlier returns, and a missing unit restocked', async () => {
    await packAndLabel(ORDER);
    const tooMany = await callError('aftersales:return', { orderId: ORDER, reason: 'defective', items: [{ orderItemId: `${ORDER}-2`, quantity: 2, condition: 'defective', disposition: 'write-off' }] });
    expect(tooMany).toMatchObject({ code: 'RETURN_TOO_MANY', data: { sku: 'PB-CABLE-C2', quantity: 2, left: 1 } });

    await call('aftersales:return', { orderId: ORDER, rma: 'AMZ-77', reason: 'wrong-item', items: [{ orderItemId: `${ORDER}-1`, quantity: 1, condition: 'sellable', disposition: 'restock' }] });
    const again = await callError('aftersales:return', { orderId: ORDER, reason: 'wrong-item', items: [{ orderItemId: `${ORDER}-1`, quantity: 2, condition: 'sellable', disposition: 'restock' }] });
    expect(again).toMatchObject({ code: 'RETURN_TOO_MANY', data: { left: 1 } });
    const sameRma = await callError('aftersales:return', { orderId: ORDER, rma: 'AMZ-77', reason: 'wrong-item', items: [{ orderItemId: `${ORDER}-1`, quantity: 1, condition: 'sellable', disposition: 'restock' }] });
    expect(sameRma.code).toBe('RETURN_RMA_TAKEN');
    const missing = await callError('aftersales:return', { orderId: ORDER, reason: 'other', items: [{ orderItemId: `${ORDER}-1`, quantity: 1, condition: 'missing', disposition: 'restock' }] });
    expect(missing.code).toBe('RETURN_MISSING_RESTOCKED');
    const foreign = await callError('aftersales:return', { orderId: ORDER, reason: 'other', items: [{ orderItemId: 'someone-else-1', quantity: 1, condition: 'sellable', disposition: 'restock' }] });
    expect(foreign.code).toBe('AFTERSALES_ITEM_NOT_IN_ORDER');
    const empty = await callError('aftersales:return', { orderId: ORDER, reason: 'other', items: [] });
    expect(empty.code).toBe('INPUT_INVALID');
  });
});

describe('refunds', () => {
  it('a supervisor records a refund up to the catalogue value of the order, not beyond', async () => {
    await packAndLabel(ORDER);
    const refunded = await call<AfterSalesView>('aftersales:refund', { orderId: ORDER, amountMinor: 2499, currency: 'USD', reason: 'one pair torn', reference: 'RF-1' });
    expect(refunded.orderValue).toEqual({ amountMinor: 5897, currency: 'USD' });
    expect(refunded.refunds).toEqual([expect.objectContaining({ amountMinor: 2499, currency: 'USD', reason: 'one pair torn', operator: 'supervisor', reference: 'RF-1' })]);

    const tooMuch = await callError('aftersales:refund', { orderId: ORDER, amountMinor: 3399, currency: 'USD', reason: 'all of it' });
    expect(tooMuch).toMatchObject({ code: 'REFUND_TOO_LARGE', data: { leftMinor: 3398 } });
    expect((await callError('aftersales:refund', { orderId: ORDER, amountMinor: 100, currency: 'EUR', reason: 'x' })).code).toBe('REFUND_CURRENCY_MISMATCH');
    expect((await callError('aftersales:refund', { orderId: ORDER, amountMinor: 100, currency: 'USD', reason: 'x', reference: 'RF-1' })).code).toBe('REFUND_REFERENCE_TAKEN');

    await call('operators:signIn', { badge: PACKER });
    expect((await callError('aftersales:refund', { orderId: ORDER, amountMinor: 100, currency: 'USD', reason: 'x' })).code).toBe('SUPERVISOR_REQUIRED');
  });
});

describe('replacements', () => {
  it('a replacement is a new order in the queue, packed through the flow, and never confirmed to Amazon', async () => {
    await packAndLabel(ORDER);
    expect(outboxJobs(ORDER)).toBe(1);
    const metricsAt = { at: new Date(nowMs + 60_000).toISOString() };
    const orderBased = async () =>
      (await call<MetricsReportView>('metrics:report', metricsAt)).metrics
        .filter((metric) => ['order-defect-rate', 'cancel-rate', 'acknowledged-24h'].includes(metric.id))
        .map((metric) => [metric.id, metric.numerator, metric.denominator]);
    const before = await orderBased();

    const made = await call<AfterSalesView & { replacementOrderId: string }>('aftersales:replacement', {
      orderId: ORDER,
      reason: 'cable arrived broken',
      items: [{ orderItemId: `${ORDER}-2`, quantity: 1 }],
    });
    const replacementId = `${ORDER}-R1`;
    expect(made.replacementOrderId).toBe(replacementId);
    expect(made.replacements).toEqual([expect.objectContaining({ replacementOrderId: replacementId, reason: 'cable arrived broken', status: 'new' })]);

    const queue = await call<OrderSummary[]>('orders:queue', {});
    const queued = queue.find((order) => order.orderId === replacementId);
    expect(queued).toMatchObject({ status: 'new', recipientName: 'Test Buyer', skus: ['PB-CABLE-C2'], unitCount: 1 });
    const record = await call<AfterSalesView>('aftersales:get', { orderId: replacementId });
    expect(record).toMatchObject({ source: 'replacement', replaces: ORDER });

    const labelled = await packAndLabel(replacementId);
    expect(labelled.packages.map((pkg) => pkg.status)).toEqual(['printed']);
    expect(labelled.order.status).toBe('packed');
    expect(outboxJobs(replacementId)).toBe(0);

    // At most the order again, over all its replacements; a replacement is not replaced.
    expect((await callError('aftersales:replacement', { orderId: ORDER, reason: 'again', items: [{ orderItemId: `${ORDER}-2`, quantity: 1 }] })).code).toBe('REPLACEMENT_TOO_MANY');
    // The replacement is the bench's own order, not Amazon's: the order-based metrics do not count it.
    expect(await orderBased()).toEqual(before);
    expect((await callError('aftersales:replacement', { orderId: replacementId, reason: 'again', items: [{ orderItemId: `${replacementId}-${ORDER}-2`, quantity: 1 }] })).code).toBe(
      'REPLACEMENT_OF_REPLACEMENT',
    );
    const second = await call<AfterSalesView & { replacementOrderId: string }>('aftersales:replacement', { orderId: ORDER, reason: 'socks', items: [{ orderItemId: `${ORDER}-1`, quantity: 2 }] });
    expect(second.replacementOrderId).toBe(`${ORDER}-R2`);
  });
});

describe('feedback, claims and chargebacks feed the order defect rate', () => {
  const odr = async () => (await call<MetricsReportView>('metrics:report', { at: new Date(nowMs).toISOString() })).metrics.find((metric) => metric.id === 'order-defect-rate');

  it('a 1-star feedback, a claim and a chargeback make the order a defect; 5 stars do not; a denied claim no longer counts', async () => {
    const other = insertTestOrder(station.store, '908-1000002-0000001', [{ sku: 'PB-CABLE-C2', quantity: 1 }], { countryCode: 'US', now: new Date(nowMs).toISOString() });
    const before = await odr();
    expect(before?.numerator).toBe(0);

    await call<AfterSalesView>('aftersales:defect', { orderId: ORDER, kind: 'feedback', rating: 5, receivedAt: '2026-11-25T10:00:00Z' });
    expect((await odr())?.numerator).toBe(0);
    const record = await call<AfterSalesView>('aftersales:defect', { orderId: ORDER, kind: 'feedback', rating: 1, receivedAt: '2026-11-25T11:00:00Z', note: 'late' });
    expect((await odr())?.numerator).toBe(1);
    expect(record.defects.map((defect) => [defect.kind, defect.rating])).toEqual([
      ['feedback', 5],
      ['feedback', 1],
    ]);

    await call('aftersales:defect', { orderId: other, kind: 'chargeback', receivedAt: '2026-11-25T12:00:00Z', reference: 'CB-9' });
    expect((await odr())?.numerator).toBe(2);
    expect((await callError('aftersales:defect', { orderId: other, kind: 'chargeback', receivedAt: '2026-11-25T12:00:00Z', reference: 'CB-9' })).code).toBe('DEFECT_REFERENCE_TAKEN');

    // The claim on the order with the chargeback: still one defective order. Denied, the chargeback still counts.
    const claimed = await call<AfterSalesView>('aftersales:defect', { orderId: other, kind: 'a-to-z-claim', claimStatus: 'open', receivedAt: '2026-11-25T13:00:00Z' });
    const claim = claimed.defects.find((defect) => defect.kind === 'a-to-z-claim');
    expect((await odr())?.numerator).toBe(2);

    // A claim alone on a third order raises it; the claim denied lowers it again.
    const third = insertTestOrder(station.store, '908-1000003-0000001', [{ sku: 'PB-CABLE-C2', quantity: 1 }], { countryCode: 'US', now: new Date(nowMs).toISOString() });
    const alone = await call<AfterSalesView>('aftersales:defect', { orderId: third, kind: 'a-to-z-claim', claimStatus: 'open', receivedAt: '2026-11-25T14:00:00Z' });
    expect((await odr())?.numerator).toBe(3);
    const denied = await call<AfterSalesView>('aftersales:claimStatus', { orderId: third, defectId: alone.defects[0]?.id, claimStatus: 'denied' });
    expect(denied.defects[0]?.claimStatus).toBe('denied');
    expect((await odr())?.numerator).toBe(2);
    expect((await callError('aftersales:claimStatus', { orderId: ORDER, defectId: claim?.id, claimStatus: 'denied' })).code).toBe('CLAIM_NOT_FOUND');

    expect((await callError('aftersales:defect', { orderId: ORDER, kind: 'feedback', rating: 6, receivedAt: '2026-11-25T11:00:00Z' })).code).toBe('INPUT_INVALID');
    expect((await callError('aftersales:defect', { orderId: ORDER, kind: 'chargeback', receivedAt: '2026-11-01T00:00:00Z' })).code).toBe('DEFECT_BEFORE_ORDER');
    await call('operators:signIn', { badge: PACKER });
    expect((await callError('aftersales:defect', { orderId: ORDER, kind: 'chargeback', receivedAt: '2026-11-25T11:00:00Z' })).code).toBe('SUPERVISOR_REQUIRED');
  });
});

describe('migration 7', () => {
  it('adds the after-sales tables to a version 6 database with its orders kept', () => {
    const file = dir.file('v6.db');
    const db = new Database(file);
    try {
      for (const migration of migrations.slice(0, 6)) migration.up(db);
      db.pragma('user_version = 6');
      db.exec(`INSERT INTO orders (order_id, marketplace, status, purchase_date, is_prime, is_business, recipient_name, address1, city, postal_code, country_code, source, created_at, updated_at)
        VALUES ('O-1', 'amazon', 'shipped', '2026-11-01T00:00:00Z', 0, 0, 'B', '1 Main St', 'Austin', '73301', 'US', 'test', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`);
      db.exec(`INSERT INTO order_items (order_item_id, order_id, sku, product_name, quantity) VALUES ('O-1-1', 'O-1', 'SKU', 'Thing', 1)`);
      migrate(db);
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      db.exec(`INSERT INTO returns (order_id, rma, reason, status, received_at, operator, created_at) VALUES ('O-1', 'RMA-1', 'defective', 'written-off', 'now', 'x', 'now')`);
      db.exec(`INSERT INTO return_items (return_id, order_item_id, quantity, condition, disposition) VALUES (1, 'O-1-1', 1, 'defective', 'write-off')`);
      expect(() => db.exec(`INSERT INTO return_items (return_id, order_item_id, quantity, condition, disposition) VALUES (1, 'O-1-1', 1, 'missing', 'restock')`)).toThrow(/CHECK constraint/);
      expect(() => db.exec(`INSERT INTO refunds (order_id, amount_minor, currency, reason, refunded_at, operator, created_at) VALUES ('O-1', 0, 'USD', 'r', 'now', 'x', 'now')`)).toThrow(/CHECK constraint/);
      expect(() => db.exec(`INSERT INTO replacements (order_id, replacement_order_id, reason, created_at, operator) VALUES ('O-1', 'O-1', 'r', 'now', 'x')`)).toThrow(/CHECK constraint/);
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM refunds WHERE order_id = ?').all('O-1') as Array<{ detail: string }>;
      expect(plan.map((row) => row.detail).join(' ')).toContain('refunds_by_order');
    } finally {
      db.close();
    }
  });
});
