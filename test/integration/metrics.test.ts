import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/db/open';
import { migrations } from '../../electron/db/migrations';
import { createStore } from '../../electron/db/store';
import type { Store } from '../../electron/db/store';
import { main } from '../../electron/cli/main';
import { METRIC_SQL } from '../../electron/db/repositories/metrics';
import { createMetricsService } from '../../electron/services/metrics-service';
import { DEFAULT_METRICS_CONFIG, METRIC_IDS } from '../../shared/metrics/definitions';
import type { CancelInitiator, ClaimStatus, ConfirmationState, DefectKind, DefectRecord } from '../../shared/metrics/definitions';
import { judgeMetric, referenceMetrics } from '../../shared/metrics/reference';
import type { ReferenceConfirmation, ReferenceData, ReferenceOrder, ReferencePackage } from '../../shared/metrics/reference';
import type { MetricsReport } from '../../shared/metrics/report';
import { TRACKING_FORMATS, makeTrackingNumber } from '../../shared/domain/tracking';
import type { TrackingFormat } from '../../shared/domain/tracking';
import { seededRandom } from '../../shared/random';
import { tempDir } from '../support/temp';
import { AT, EXPECTED, EXPECTED_HANDLING, FIXTURE } from '../unit/metrics-fixture';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const RANGES: Record<TrackingFormat, { prefix: string; suffix: string }> = {
  'upu-s10': { prefix: 'RR', suffix: 'CN' },
  'dhl-express-10': { prefix: '', suffix: '' },
  'fedex-express-12': { prefix: '', suffix: '' },
  'ups-1z': { prefix: '999AA101', suffix: '' },
};

const serviceId = (format: TrackingFormat) => `svc-${format}`;

function addServices(store: Store): void {
  const carrier = store.db.prepare("INSERT INTO carriers (id, name, marketplace_carrier_code) VALUES (?, ?, ?)");
  const service = store.db.prepare(
    "INSERT INTO services (id, carrier_id, name_en, name_zh, ship_method, tracking_format, limits_json) VALUES (?, ?, ?, ?, 'Standard', ?, '{}')",
  );
  for (const format of TRACKING_FORMATS) {
    carrier.run(`carrier-${format}`, format, format);
    service.run(serviceId(format), `carrier-${format}`, format, format, format);
  }
}

/** Puts a bench history into the station the way the bench writes it: orders by the repository, then packages, labels and confirmations (the triggers do the rest). */
function load(store: Store, data: ReferenceData): void {
  addServices(store);
  const insertPackage = store.db.prepare("INSERT INTO packages (id, order_id, seq, status, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?)");
  const label = store.db.prepare('UPDATE packages SET status = @status, service_id = @serviceId, tracking_number = @trackingNumber, labelled_at = @at, updated_at = @at WHERE id = @id');
  const enqueue = store.db.prepare(
    "INSERT INTO outbox (kind, order_id, package_id, payload, state, created_at, updated_at) VALUES ('confirm-shipment', @orderId, @packageId, '{}', 'pending', @at, @at)",
  );
  const sendJob = store.db.prepare("UPDATE outbox SET state = @state, sent_at = @sentAt, sent_via = CASE WHEN @sentAt IS NULL THEN NULL ELSE 'api' END WHERE package_id = @packageId");
  const labelTimes = new Map<number, string>();
  store.transaction(() => {
    for (const o of data.orders) {
      store.orders.insert(
        {
          orderId: o.orderId,
          marketplace: 'amazon',
          status: o.status === 'cancelled' ? 'new' : (o.status as 'new'),
          purchaseDate: o.purchaseDate,
          latestShipDate: o.latestShipDate,
          latestDeliveryDate: o.latestDeliveryDate,
          shipServiceLevel: 'Standard',
          isPrime: false,
          isBusiness: false,
          buyerName: null,
          buyerEmail: null,
          recipient: { name: 'B', address1: '1 Main St', address2: null, address3: null, city: 'Austin', state: 'TX', postalCode: '73301', countryCode: 'US', phone: null },
          source: 'test',
          onHold: false,
          buyerCancelRequested: false,
          cancelledAt: null,
          cancelReason: null,
        },
        [],
        o.createdAt,
      );
      if (o.status === 'cancelled') expect(store.orders.cancel(o.orderId, 'test', o.cancelledAt as string, o.cancelledBy)).toBe(true);
    }
    const seqs = new Map<string, number>();
    for (const p of data.packages) {
      const seq = (seqs.get(p.orderId) ?? 0) + 1;
      seqs.set(p.orderId, seq);
      const purchase = data.orders.find((o) => o.orderId === p.orderId)?.purchaseDate as string;
      insertPackage.run(p.packageId, p.orderId, seq, purchase, purchase);
      labelTimes.set(p.packageId, purchase);
      if (p.trackingNumber !== null) {
        label.run({ id: p.packageId, status: 'labelled', serviceId: p.serviceFormat === null ? null : serviceId(p.serviceFormat), trackingNumber: p.trackingNumber, at: purchase });
      }
    }
    for (const job of data.confirmations) {
      enqueue.run({ orderId: job.orderId, packageId: job.packageId, at: labelTimes.get(job.packageId) });
      if (job.state !== 'pending') sendJob.run({ packageId: job.packageId, state: job.state, sentAt: job.sentAt });
    }
    // Voided after the confirmation went out, as the pull-the-parcel flow does.
    for (const p of data.packages) if (p.voided) store.db.prepare("UPDATE packages SET status = 'void' WHERE id = ?").run(p.packageId);
    for (const p of data.packages) {
      if (p.carrierCheckedAt !== null) {
        store.metrics.recordCarrierTracking(p.packageId, { checkedAt: p.carrierCheckedAt, firstScanAt: p.firstScanAt, deliveredAt: p.deliveredAt, exceptionAt: null, returnedAt: null }, p.carrierCheckedAt);
      }
    }
    for (const d of data.defects) {
      store.metrics.recordDefect({ orderId: d.orderId, kind: d.kind, rating: d.rating, claimStatus: d.claimStatus, receivedAt: d.receivedAt, removedAt: d.removedAt }, d.receivedAt);
    }
  });
}

function figures(report: MetricsReport) {
  return report.metrics.map((m) => ({ id: m.id, numerator: m.numerator, denominator: m.denominator, status: m.status, window: m.window }));
}

// ---- a generated history ---------------------------------------------------------------------

const HALF_HOUR = 1_800_000;
const GEN_AT = Date.parse('2026-06-01T00:00:00.000Z');

function generate(seed: number, count: number): ReferenceData {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  // Every time on a half-hour grid, and `at` on whole hours: times land exactly on window bounds.
  const slot = (from: number, maxSlots: number) => new Date(from + Math.floor(random() * maxSlots) * HALF_HOUR).toISOString();
  const orders: ReferenceOrder[] = [];
  const packages: ReferencePackage[] = [];
  const confirmations: ReferenceConfirmation[] = [];
  const defects: Array<DefectRecord & { orderId: string }> = [];
  let packageId = 0;
  for (let i = 0; i < count; i += 1) {
    const orderId = `G-${i}`;
    const purchaseDate = slot(GEN_AT - 100 * 86_400_000, 100 * 48);
    const p = Date.parse(purchaseDate);
    const cancelled = random() < 0.12;
    const cancelledBy = pick<CancelInitiator | null>(['seller', 'buyer', 'marketplace', null]);
    orders.push({
      orderId,
      status: cancelled ? 'cancelled' : pick(['new', 'acknowledged', 'confirmed']),
      purchaseDate,
      latestShipDate: random() < 0.05 ? null : slot(p + 86_400_000, 96),
      latestDeliveryDate: random() < 0.3 ? null : slot(p + 5 * 86_400_000, 20 * 48),
      createdAt: slot(p, 60),
      cancelledAt: cancelled ? slot(p, 40) : null,
      cancelledBy: cancelled ? cancelledBy : null,
    });
    if (!cancelled) {
      const parcels = pick([0, 1, 1, 1, 2, 3]);
      for (let k = 0; k < parcels; k += 1) {
        packageId += 1;
        const format = pick(TRACKING_FORMATS);
        const good = makeTrackingNumber(format, RANGES[format], packageId);
        const roll = random();
        const other = TRACKING_FORMATS[(TRACKING_FORMATS.indexOf(format) + 1) % TRACKING_FORMATS.length] as TrackingFormat;
        // A wrong check digit: the last digit of a numeric number, the digit before an S10's country.
        const mistyped = format === 'upu-s10' ? `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}` : `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
        const trackingNumber = roll < 0.05 ? null : roll < 0.1 ? makeTrackingNumber(other, RANGES[other], 500_000 + packageId) : roll < 0.15 ? mistyped : good;
        const state = trackingNumber === null ? null : pick<ConfirmationState>(['done', 'done', 'done', 'done', 'done', 'done', 'pending', 'retry-wait', 'needs-attention', 'cancelled']);
        const sentAt = state === 'done' ? slot(p, 120) : null;
        const scanned = sentAt !== null && random() < 0.7;
        const firstScanAt = scanned && random() < 0.9 ? slot(Date.parse(sentAt as string), 24) : null;
        packages.push({
          packageId,
          orderId,
          voided: trackingNumber !== null && random() < 0.03,
          trackingNumber,
          serviceFormat: format,
          carrierCheckedAt: scanned ? slot(Date.parse(sentAt as string) + 86_400_000, 48) : null,
          firstScanAt,
          deliveredAt: firstScanAt !== null && random() < 0.8 ? slot(Date.parse(firstScanAt), 10 * 48) : null,
        });
        if (state !== null) confirmations.push({ orderId, packageId, state, sentAt });
      }
    }
    if (random() < 0.06) {
      for (let d = 0; d < pick([1, 1, 2]); d += 1) {
        const kind = pick<DefectKind>(['feedback', 'a-to-z-claim', 'chargeback']);
        defects.push({
          orderId,
          kind,
          rating: kind === 'feedback' ? pick([1, 2, 3, 4, 5]) : null,
          claimStatus: kind === 'a-to-z-claim' ? pick<ClaimStatus>(['open', 'granted', 'denied']) : null,
          receivedAt: slot(p, 30 * 48),
          removedAt: random() < 0.1 ? slot(p + 31 * 86_400_000, 48) : null,
        });
      }
    }
  }
  return { orders, packages, confirmations, defects };
}

describe('seller metrics from the station database', () => {
  it('match the figures computed by hand for every edge of the fixture', () => {
    const db = openDatabase({ path: dir.file('bench.db') });
    const store = createStore(db);
    load(store, FIXTURE);
    const service = createMetricsService({ store });
    const report = service.all(AT);
    for (const id of METRIC_IDS) {
      const metric = report.metrics.find((m) => m.id === id);
      expect({ id, numerator: metric?.numerator, denominator: metric?.denominator }).toEqual({ id, numerator: EXPECTED[id].numerator, denominator: EXPECTED[id].denominator });
      const drill = service.drillDown(id, AT, { limit: 100, offset: 0 });
      expect(drill.total).toBe(EXPECTED[id].hurt.length);
      expect(new Set(drill.rows.map((row) => row.orderId))).toEqual(new Set(EXPECTED[id].hurt));
    }
    expect(report.handlingTime).toMatchObject(EXPECTED_HANDLING);
    expect(figures(report)).toEqual(figures(referenceMetrics(FIXTURE, AT, DEFAULT_METRICS_CONFIG)));
    db.close();
  });

  it('agree with the reference implementation on a generated history, at several times', () => {
    const data = generate(20260601, 2500);
    const db = openDatabase({ path: dir.file('generated.db') });
    const store = createStore(db);
    load(store, data);
    const service = createMetricsService({ store });
    for (const at of [GEN_AT, GEN_AT - 13 * 86_400_000, GEN_AT - 45 * 3_600_000].map((ms) => new Date(ms).toISOString())) {
      const sql = service.all(at);
      const oracle = referenceMetrics(data, at, DEFAULT_METRICS_CONFIG);
      expect(figures(sql)).toEqual(figures(oracle));
      expect(sql.metrics.every((m) => m.denominator > 0)).toBe(true);
      expect(sql.handlingTime.orders).toBe(oracle.handlingTime.orders);
      expect(sql.handlingTime.medianHours).toBeCloseTo(oracle.handlingTime.medianHours as number, 6);
      expect(sql.handlingTime.p90Hours).toBeCloseTo(oracle.handlingTime.p90Hours as number, 6);
      for (const id of METRIC_IDS) {
        const rows = service.drillDown(id, at, { limit: 10_000, offset: 0 }).rows;
        const expected = judgeMetric(data, id, at).hurt;
        expect({ id, rows: rows.map((r) => `${r.orderId}/${r.packageId ?? ''}/${id.startsWith('order-defect') ? '' : r.reason}`).sort() }).toEqual({
          id,
          rows: expected.map((r) => `${r.orderId}/${r.packageId ?? ''}/${id.startsWith('order-defect') ? '' : r.reason}`).sort(),
        });
      }
    }
    db.close();
  });

  it('after-sales records feed the order defect rate as they arrive, are denied and removed', () => {
    const db = openDatabase({ path: ':memory:' });
    const store = createStore(db);
    load(store, FIXTURE);
    const service = createMetricsService({ store });
    const odr = () => service.metric('order-defect-rate', AT).numerator;
    expect(odr()).toBe(2);
    const claim = store.metrics.recordDefect({ orderId: 'A', kind: 'a-to-z-claim', rating: null, claimStatus: 'open', receivedAt: '2026-03-28T00:00:00.000Z' }, AT);
    expect(odr()).toBe(3);
    expect(store.metrics.setClaimStatus(claim, 'denied', AT)).toBe(true);
    expect(odr()).toBe(2);
    const feedback = store.metrics.recordDefect({ orderId: 'B', kind: 'feedback', rating: 2, claimStatus: null, receivedAt: '2026-03-29T00:00:00.000Z' }, AT);
    expect(odr()).toBe(3);
    store.metrics.removeDefect(feedback, '2026-03-30T00:00:00.000Z', AT);
    expect(odr()).toBe(2);
    expect(() => store.metrics.recordDefect({ orderId: 'A', kind: 'chargeback', rating: null, claimStatus: null, receivedAt: '2026-01-01T00:00:00.000Z' }, AT)).toThrow(/cannot precede/);
    expect(() => db.prepare("INSERT INTO order_defects (order_id, kind, received_at, created_at, updated_at) VALUES ('A', 'feedback', ?, ?, ?)").run(AT, AT, AT)).toThrow(/CHECK/);
    db.close();
  });

  it('a supervisor’s cancellation is the seller’s, unless the buyer had asked for it', () => {
    const db = openDatabase({ path: ':memory:' });
    const store = createStore(db);
    load(store, { orders: [FIXTURE.orders[3] as ReferenceOrder, { ...(FIXTURE.orders[3] as ReferenceOrder), orderId: 'D2' }], packages: [], confirmations: [], defects: [] });
    db.prepare("UPDATE orders SET buyer_cancel_requested = 1 WHERE order_id = 'D2'").run();
    expect(store.orders.cancel('D', 'out of stock', AT, 'seller')).toBe(true);
    expect(store.orders.cancel('D2', 'buyer asked', AT, 'seller')).toBe(true);
    expect(store.orders.get('D')?.cancelledBy).toBe('seller');
    expect(store.orders.get('D2')?.cancelledBy).toBe('buyer');
    expect(store.orders.cancel('nope', 'x', AT, 'seller')).toBe(false);
    db.close();
  });

  it('a tracking number changed after its check is checked again', () => {
    const db = openDatabase({ path: ':memory:' });
    const store = createStore(db);
    load(store, FIXTURE);
    const service = createMetricsService({ store });
    service.checkNewTrackingNumbers();
    expect(store.metrics.trackingOf(2)?.number_check).toBe('wrong-carrier');
    db.prepare("UPDATE packages SET tracking_number = 'RR000000076CN' WHERE id = 2").run();
    expect(store.metrics.trackingOf(2)?.number_check).toBeNull();
    expect(service.metric('valid-tracking-rate-7d', AT).numerator).toBe(EXPECTED['valid-tracking-rate-7d'].numerator + 1);
    db.close();
  });

  it('migration 6 carries over the packages, confirmations and cancellations of a version 5 database', () => {
    const path = dir.file('v5.db');
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    for (const migration of migrations.slice(0, 5)) {
      migration.up(raw);
      raw.pragma(`user_version = ${migration.version}`);
    }
    raw.exec(`
      INSERT INTO orders (order_id, marketplace, status, purchase_date, latest_ship_date, is_prime, is_business, recipient_name, address1, city, postal_code, country_code, source, created_at, updated_at)
        VALUES ('X', 'amazon', 'confirmed', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 0, 0, 'B', '1 St', 'C', '1', 'US', 't', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'),
               ('Y', 'amazon', 'cancelled', '2026-03-01T00:00:00.000Z', NULL, 0, 0, 'B', '1 St', 'C', '1', 'US', 't', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z');
      UPDATE orders SET cancel_reason = 'cancelled in the marketplace report', cancelled_at = '2026-03-01T05:00:00.000Z' WHERE order_id = 'Y';
      INSERT INTO packages (id, order_id, seq, status, tracking_number, labelled_at, created_at, updated_at)
        VALUES (1, 'X', 1, 'labelled', 'RR123456785CN', '2026-03-01T10:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-01T10:00:00.000Z');
      INSERT INTO outbox (kind, order_id, package_id, payload, state, sent_at, created_at, updated_at)
        VALUES ('confirm-shipment', 'X', 1, '{}', 'done', '2026-03-01T11:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-01T11:00:00.000Z');
    `);
    migrate(raw);
    expect(raw.prepare("SELECT confirmed_at FROM orders WHERE order_id = 'X'").get()).toEqual({ confirmed_at: '2026-03-01T11:00:00.000Z' });
    expect(raw.prepare("SELECT cancelled_by FROM orders WHERE order_id = 'Y'").get()).toEqual({ cancelled_by: 'marketplace' });
    expect(raw.prepare('SELECT tracking_number, confirmed_at, labelled_at FROM package_tracking WHERE package_id = 1').get()).toEqual({
      tracking_number: 'RR123456785CN',
      confirmed_at: '2026-03-01T11:00:00.000Z',
      labelled_at: '2026-03-01T10:00:00.000Z',
    });
    raw.close();
  });
});

describe('the metric queries read index ranges', () => {
  const EXPECTED_INDEX: Record<keyof typeof METRIC_SQL, string[]> = {
    orderDefectRate: ['orders_by_purchase_date', 'order_defects_by_received'],
    cancelRate: ['orders_purchase_facts'],
    lateShipmentRate: ['orders_by_ship_deadline'],
    validTrackingRate: ['package_tracking_by_confirmation'],
    onTimeDeliveryRate: ['package_tracking_by_promise'],
    acknowledged24h: ['orders_purchase_facts'],
    handlingHours: ['orders_by_confirmation'],
  };

  it.each(Object.keys(METRIC_SQL) as Array<keyof typeof METRIC_SQL>)('%s uses its index and scans no table of orders or packages', (name) => {
    const db = openDatabase({ path: ':memory:' });
    load(createStore(db), FIXTURE);
    const statement = db.prepare<Record<string, string>, { detail: string }>(`EXPLAIN QUERY PLAN ${METRIC_SQL[name]}`);
    const params: Record<string, string> = { from: '2026-03-01T00:00:00.000Z', to: AT };
    const plan = statement
      .all(params)
      .map((row) => row.detail);
    // Covering where the metric reads a range of orders or packages; the ODR's defects are few and read their rows.
    for (const index of EXPECTED_INDEX[name]) expect(plan.join('\n')).toMatch(new RegExp(`USING ${index === 'order_defects_by_received' ? '' : 'COVERING '}INDEX ${index} \\(`));
    for (const line of plan) expect(line).not.toMatch(/^SCAN (orders|packages|package_tracking|order_defects|outbox)\b(?! USING)/);
    db.close();
  });
});

describe('npx packbench metrics', () => {
  it('prints every metric with numerator, denominator, window and target as JSON, and a table without --json', async () => {
    const path = dir.file('cli.db');
    const db = openDatabase({ path });
    load(createStore(db), FIXTURE);
    db.close();
    const json = spawnSync(process.execPath, [join(ROOT, 'bin', 'packbench.mjs'), 'metrics', '--db', path, '--at', AT, '--json'], { encoding: 'utf8', cwd: ROOT });
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as MetricsReport;
    expect(report.at).toBe(AT);
    expect(report.metrics.map((m) => m.id)).toEqual(METRIC_IDS);
    const lsr = report.metrics.find((m) => m.id === 'late-shipment-rate-10d');
    expect(lsr).toEqual({
      id: 'late-shipment-rate-10d',
      label: 'Late shipment rate (10 days)',
      window: { from: '2026-03-22T00:00:00.000Z', to: AT, days: 10 },
      unit: 'orders',
      counts: 'bad',
      numerator: 3,
      denominator: 4,
      rate: 0.75,
      target: { value: 0.04, condition: 'LESS_THAN' },
      status: 'red',
    });
    expect(report.handlingTime).toMatchObject(EXPECTED_HANDLING);

    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    expect(await main(['metrics', '--db', path, '--at', AT], io)).toBe(0);
    expect(out.find((line) => line.startsWith('Late shipment rate (10 days)'))).toMatch(/10 d\s+3 \/ 4 orders\s+75 %\s+< 4 %\s+RED$/);
    expect(out.at(-1)).toBe('Handling time (purchase to confirmation), 7 d: 4 orders, median 16.0 h, p90 72.0 h');

    out.length = 0;
    expect(await main(['metrics', '--db', path, '--at', AT, '--drill', 'late-shipment-rate-10d'], io)).toBe(0);
    expect(out[1]).toBe('3 orders hurt this figure; 1–3:');
    expect(out[2]).toMatch(/^ {2}C\tnot-confirmed\tdeadline 2026-03-22T00:00:00.000Z, confirmed —$/);

    expect(await main(['metrics', '--db', path, '--at', 'yesterday'], io)).toBe(2);
    expect(await main(['metrics', '--db', dir.file('none.db')], io)).toBe(2);
    expect(await main(['metrics', '--db', path, '--drill', 'happiness'], io)).toBe(2);
    expect(err).toHaveLength(3);
  });
});
