import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackView, SyncCycle, SyncStatus } from '../../shared/contract';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { fixedCredentialStore } from '../../electron/sync/credentials';
import { createSpApiClient } from '../../electron/sync/sp-api-client';
import { DEFAULT_LWA_CREDENTIALS, startMockAmazon } from '../support/mock-amazon';
import type { MockAmazon, MockOrderSeed } from '../support/mock-amazon';
import { stationCalls } from '../support/station-calls';
import { packAndWeigh } from '../support/pack-steps';
import { tempDir } from '../support/temp';

// Marketplace sync against the mock marketplace on loopback: orders pulled into the queue,
// confirmations pushed by call or by feed, the network down and back, faults, cancellations,
// the manual file. The station and the mock share one clock that the test moves on.

let dir: ReturnType<typeof tempDir>;
let station: Station;
let mock: MockAmazon;
let offsetMs = 0;
const now = () => Date.now() + offsetMs;

const { call } = stationCalls(() => station);

const DEMO_ITEMS = [
  { sku: 'PB-SOCK-3P', title: 'Cotton socks, 3 pairs' },
  { sku: 'PB-CABLE-C2', title: 'USB-C cable 2 m' },
];

let sequence = 0;
/** An unshipped order at the mock, updated ten minutes ago (a pull sees only what is 2 minutes old). */
function seed(overrides: Partial<MockOrderSeed> = {}): MockOrderSeed {
  sequence += 1;
  const id = `114-${String(1_000_000 + sequence).padStart(7, '0')}-${String(2_000_000 + sequence).padStart(7, '0')}`;
  const at = new Date(now() - 10 * 60_000).toISOString();
  return {
    orderId: id,
    createdTime: at,
    lastUpdatedTime: at,
    items: DEMO_ITEMS.map((item, index) => ({ orderItemId: `${String(sequence).padStart(8, '0')}00000${index}`, sellerSku: item.sku, quantityOrdered: 1, title: item.title })),
    shipByWindow: { latestDateTime: new Date(now() + (24 + sequence) * 3600_000).toISOString() },
    deliverByWindow: { latestDateTime: new Date(now() + 20 * 24 * 3600_000).toISOString() },
    deliveryAddress: { name: 'Jane Doe', addressLine1: '1200 Market Street', city: 'San Francisco', stateOrRegion: 'CA', postalCode: '94103', countryCode: 'US' },
    ...overrides,
  };
}

async function openSyncStation(settings: { feedThreshold?: number; searchOrders?: { ratePerSecond: number; burst: number } } = {}): Promise<void> {
  station = openStation({
    dbPath: dir.file('bench.db'),
    host: 'browser',
    version: 'test',
    clock: () => new Date(now()),
    dataDir: dir.path,
    credentials: fixedCredentialStore(DEFAULT_LWA_CREDENTIALS, 'the test'),
    // The test's clock for the rate limits too; Amazon's documented rates stay in force.
    syncClient: (marketplace, credentials) =>
      createSpApiClient({
        spApiEndpoint: marketplace.spApiEndpoint,
        lwaEndpoint: marketplace.lwaEndpoint,
        credentials,
        now,
        timeoutMs: 2_000,
        ...(settings.searchOrders ? { rates: { searchOrders: settings.searchOrders } } : {}),
      }),
    syncTiming: { feedPollBudgetMs: 3_000 },
  });
  await call('operators:signIn', { badge: 'OP-9001' });
  await call('settings:update', {
    // The test's clock jumps ahead by minutes; the bench must not sign the supervisor out for it.
    idleSignOutMinutes: 0,
    marketplace: { enabled: true, spApiEndpoint: mock.url, lwaEndpoint: mock.lwaUrl, marketplaceId: 'ATVPDKIKX0DER', feedThreshold: settings.feedThreshold ?? 50 },
  });
}

async function cycle(): Promise<SyncCycle> {
  return (await call<{ cycle: SyncCycle; status: SyncStatus }>('sync:run', {})).cycle;
}

async function packPulled(orderId: string): Promise<PackView> {
  const view = await packAndWeigh(call, orderId, 'MAILER-S');
  const serviceId = view.proposal?.serviceId;
  if (!serviceId) throw new Error(`no service proposed for ${orderId}`);
  return call<PackView>('pack:printLabel', { orderId, serviceId });
}

beforeEach(async () => {
  dir = tempDir();
  offsetMs = 0;
  mock = await startMockAmazon({ now, seed: 7 });
});

afterEach(async () => {
  station?.close();
  await mock.close();
  dir.remove();
});

describe('pulling orders', () => {
  it('brings the marketplace’s unshipped orders into the queue, then only what changed; a cancellation and a new address arrive', async () => {
    const first = seed();
    const second = seed();
    mock.control.addOrders([first, second]);
    await openSyncStation();
    const pulled = await cycle();
    expect(pulled.errors).toEqual([]);
    expect(pulled.pulled).toMatchObject({ added: 2, cancelled: 0, failed: 0 });
    const queue = await call<Array<{ orderId: string; latestShipDate: string | null }>>('orders:queue', {});
    expect(queue.map((order) => order.orderId)).toEqual(expect.arrayContaining([first.orderId, second.orderId]));
    expect(station.store.orders.items(first.orderId).map((item) => item.sku)).toEqual(['PB-SOCK-3P', 'PB-CABLE-C2']);
    expect(station.store.orders.get(first.orderId)?.recipient.city).toBe('San Francisco');
    expect(station.store.orders.get(first.orderId)?.latestShipDate).toBe(first.shipByWindow?.latestDateTime);

    // Nothing changed: the next pull starts where the last ended and finds nothing.
    offsetMs += 3 * 60_000;
    expect((await cycle()).pulled).toMatchObject({ added: 0, updated: 0, cancelled: 0 });

    mock.control.cancelOrder(second.orderId, { cancelledBy: 'BUYER', reason: 'No longer needed' });
    const third = seed();
    mock.control.addOrders([third]);
    mock.control.requestBuyerCancel(third.orderId, { reason: 'Found it cheaper' });
    mock.control.changeAddress(first.orderId, { name: 'Jane Doe', addressLine1: '1 Infinite Loop', city: 'Cupertino', stateOrRegion: 'CA', postalCode: '95014', countryCode: 'US' });
    offsetMs += 3 * 60_000;
    const changed = await cycle();
    expect(changed.pulled).toMatchObject({ cancelled: 1 });
    expect(station.store.orders.get(second.orderId)?.status).toBe('cancelled');
    expect(station.store.orders.get(first.orderId)?.recipient.city).toBe('Cupertino');
    // A buyer's cancel request flags the order in the queue, for the packer to hold it.
    const flagged = (await call<Array<{ orderId: string; flags: string[] }>>('orders:queue', {})).find((entry) => entry.orderId === third.orderId);
    expect(flagged?.flags).toContain('buyer-cancel-request');
    expect(mock.control.record().modelViolations).toEqual([]);
    expect(mock.control.record().rejected).toEqual([]);
  });
});

describe('following the parcels', () => {
  it('the carrier’s progress Amazon reports comes in with the pull: first scan, delivery, an exception', async () => {
    const order = seed();
    const other = seed();
    mock.control.addOrders([order, other]);
    await openSyncStation();
    await cycle();
    const printed = await packPulled(order.orderId);
    const second = await packPulled(other.orderId);
    await cycle();
    const tracking = printed.package.trackingNumber ?? 'missing';
    // Two days later the carrier has scanned neither: both are a valid-tracking risk to follow up.
    offsetMs += 49 * 3600_000;
    const unscanned = await call<Array<{ kind: string; orderId: string }>>('tracking:followUp', {});
    expect(unscanned.map((row) => [row.kind, row.orderId]).sort()).toEqual([
      ['no-first-scan', order.orderId],
      ['no-first-scan', other.orderId],
    ].sort());
    mock.control.setPackageStatus(order.orderId, tracking, 'IN_TRANSIT', 'PICKED_UP');
    mock.control.setPackageStatus(other.orderId, second.package.trackingNumber ?? 'missing', 'UNDELIVERABLE', 'REJECTED_BY_BUYER');
    offsetMs += 3 * 60_000;
    const scanned = await cycle();
    expect(scanned.pulled?.tracked).toBe(2);
    const pkg = station.store.shipments.findByTracking(tracking);
    const first = station.store.metrics.trackingOf(pkg?.id ?? 0);
    expect(first?.first_scan_at).not.toBeNull();
    expect(first?.delivered_at).toBeNull();
    mock.control.setPackageStatus(order.orderId, tracking, 'DELIVERED', 'DELIVERED');
    offsetMs += 3 * 60_000;
    await cycle();
    const delivered = station.store.metrics.trackingOf(pkg?.id ?? 0);
    // The first scan keeps its time; delivery is added.
    expect(delivered?.first_scan_at).toBe(first?.first_scan_at);
    expect(delivered?.delivered_at).not.toBeNull();
    const refused = station.store.metrics.trackingOf(station.store.shipments.findByTracking(second.package.trackingNumber ?? '')?.id ?? 0) as unknown as { exception_at: string | null };
    expect(refused.exception_at).not.toBeNull();
    // Left to follow up: the parcel the buyer refused; the delivered one is done.
    const followUp = await call<Array<{ kind: string; orderId: string }>>('tracking:followUp', {});
    expect(followUp.map((row) => [row.kind, row.orderId])).toEqual([['exception', other.orderId]]);
  });
});

describe('a backlog of days', () => {
  it('pulls page after page within Amazon’s rate, stops when the next page would wait minutes, and resumes there next cycle', async () => {
    // Three days of orders, 250 of them: three pages of 100. Amazon allows a burst of 20
    // searchOrders and then one every ~3 minutes; here the burst is 2 so the wait shows.
    const backlog = Array.from({ length: 250 }, () => seed());
    mock.control.addOrders(backlog);
    mock.control.setRateLimit('searchOrders', { ratePerSecond: 0.0056, burst: 2 });
    await openSyncStation({ searchOrders: { ratePerSecond: 0.0056, burst: 2 } });
    const first = await cycle();
    expect(first.errors).toEqual([]);
    expect(first.pulled?.added).toBe(200);
    expect(mock.control.record().rejected).toEqual([]);
    // One token's time later (1 / 0.0056 s ≈ 3 minutes) the last page comes, from where it stopped.
    offsetMs += 3 * 60_000;
    const second = await cycle();
    expect(second.pulled?.added).toBe(50);
    for (const order of backlog) expect(station.store.orders.get(order.orderId)?.status).toBe('new');
    expect(mock.control.record().requests.searchOrders).toBe(3);
  });
});

describe('pushing confirmations', () => {
  it('sends a packed order’s confirmation once, with its tracking number, carrier code and items', async () => {
    const order = seed();
    mock.control.addOrders([order]);
    await openSyncStation();
    await cycle();
    const printed = await packPulled(order.orderId);
    const status = await call<SyncStatus>('sync:status', {});
    expect(status.confirmations).toEqual([expect.objectContaining({ orderId: order.orderId, state: 'pending', trackingNumber: printed.package.trackingNumber })]);

    const pushed = await cycle();
    expect(pushed.pushed).toMatchObject({ confirmed: 1, needsAttention: 0, waiting: 0 });
    const [accepted, ...others] = mock.control.record().packages;
    expect(others).toEqual([]);
    expect(accepted).toMatchObject({
      orderId: order.orderId,
      packageReferenceId: '1',
      trackingNumber: printed.package.trackingNumber,
      via: 'api',
      edits: 0,
      items: expect.arrayContaining([
        { orderItemId: order.items[0]?.orderItemId, quantity: 1 },
        { orderItemId: order.items[1]?.orderItemId, quantity: 1 },
      ]),
    });
    const job = station.store.outbox.forOrder(order.orderId)[0];
    expect(job).toMatchObject({ state: 'done', sentVia: 'api' });
    expect((await call<SyncStatus>('sync:status', {})).connection).toBe('online');
  });

  it('with the marketplace down, packed orders wait with their deadlines; when it is back they go most urgent first', async () => {
    const later = seed({ shipByWindow: { latestDateTime: new Date(now() + 30 * 3600_000).toISOString() } });
    const sooner = seed({ shipByWindow: { latestDateTime: new Date(now() + 5 * 3600_000).toISOString() } });
    mock.control.addOrders([later, sooner]);
    await openSyncStation();
    await cycle();
    await mock.control.down();
    await packPulled(later.orderId);
    await packPulled(sooner.orderId);
    const offline = await cycle();
    expect(offline.errors.length).toBeGreaterThan(0);
    const waiting = await call<SyncStatus>('sync:status', {});
    expect(waiting.connection).toBe('offline');
    expect(waiting.confirmations.map((entry) => entry.orderId)).toEqual([sooner.orderId, later.orderId]);
    expect(waiting.confirmations.every((entry) => entry.state === 'pending' || entry.state === 'retry-wait')).toBe(true);
    // No send reached Amazon, so none counts as an attempt.
    expect(waiting.confirmations.map((entry) => entry.attempts)).toEqual([0, 0]);

    await mock.control.up();
    offsetMs += 20 * 60_000;
    const drained = await cycle();
    expect(drained.pushed).toMatchObject({ confirmed: 2, waiting: 0 });
    expect(mock.control.record().packages.map((pkg) => pkg.orderId)).toEqual([sooner.orderId, later.orderId]);
  });

  it('a reset after Amazon took it, then a 500: the retries land on the same package, never a second one', async () => {
    const order = seed();
    mock.control.addOrders([order]);
    await openSyncStation();
    await cycle();
    await packPulled(order.orderId);
    mock.control.fault({ kind: 'reset-after', operation: 'confirmShipment', times: 1 });
    mock.control.fault({ kind: '500', operation: 'confirmShipment', times: 1 });
    await cycle();
    expect(station.store.outbox.forOrder(order.orderId)[0]).toMatchObject({ state: 'retry-wait', errorCode: 'MARKETPLACE_CONNECTION_LOST' });
    offsetMs += 20 * 60_000;
    await cycle();
    expect(station.store.outbox.forOrder(order.orderId)[0]).toMatchObject({ state: 'retry-wait', errorCode: 'MARKETPLACE_UNAVAILABLE' });
    offsetMs += 20 * 60_000;
    await cycle();
    expect(station.store.outbox.forOrder(order.orderId)[0]).toMatchObject({ state: 'done', attempts: 3 });
    const packages = mock.control.record().packages;
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({ packageReferenceId: '1', edits: 1 });
  });

  it('an order cancelled at Amazon before its confirmation went: Amazon refuses it, the confirmation is withdrawn and the parcel is to be pulled', async () => {
    const order = seed();
    mock.control.addOrders([order]);
    await openSyncStation();
    await cycle();
    await packPulled(order.orderId);
    mock.control.cancelOrder(order.orderId, { cancelledBy: 'BUYER' });
    // Pushed before the cancellation is pulled (a pull sees changes two minutes old).
    await cycle();
    expect(mock.control.record().rejected.map((entry) => [entry.operation, entry.status])).toEqual([['confirmShipment', 400]]);
    const pull = await call<Array<{ orderId: string }>>('orders:pullList', {});
    expect(pull.map((parcel) => parcel.orderId)).toContain(order.orderId);
    expect(station.store.orders.get(order.orderId)?.status).toBe('cancelled');
    expect(station.store.outbox.forOrder(order.orderId)[0]).toMatchObject({ state: 'cancelled' });
    expect(mock.control.record().packages).toEqual([]);
  });

  it('a backlog larger than the threshold goes as one feed; a row Amazon refuses needs attention with its message, the rest are done', async () => {
    const orders = [seed(), seed(), seed()];
    mock.control.addOrders(orders);
    await openSyncStation({ feedThreshold: 2 });
    await cycle();
    await mock.control.down();
    for (const order of orders) await packPulled(order.orderId);
    await cycle();
    await mock.control.up();
    offsetMs += 20 * 60_000;
    // Cancelled at Amazon too late for this cycle's pull to see: its feed row is refused.
    const [first, second, third] = orders as [MockOrderSeed, MockOrderSeed, MockOrderSeed];
    mock.control.cancelOrder(third.orderId, { cancelledBy: 'BUYER' });
    // Feeds finish after a few polls; the cycle polls within its budget, the next one goes on.
    const fed = await cycle();
    expect(fed.errors).toEqual([]);
    if (station.store.sync.openFeeds().length > 0) await cycle();
    const record = mock.control.record();
    expect(record.feeds).toHaveLength(1);
    expect(record.requests.confirmShipment ?? 0).toBe(0);
    expect(record.packages.map((pkg) => [pkg.orderId, pkg.via]).sort()).toEqual([first, second].map((order) => [order.orderId, 'feed']).sort());
    for (const order of [first, second]) expect(station.store.outbox.forOrder(order.orderId)[0]).toMatchObject({ state: 'done', sentVia: 'feed' });
    const refused = station.store.outbox.forOrder(third.orderId)[0];
    expect(refused).toMatchObject({ state: 'needs-attention', errorCode: 'MARKETPLACE_INVALID_INPUT' });
    expect(refused?.lastError).toContain(record.feedRowErrors.find((row) => row.orderId === third.orderId)?.message ?? 'missing');
    expect(station.store.sync.openFeeds()).toEqual([]);
  });
});

describe('a feed whose submission got no answer', () => {
  it('is looked up at Amazon and followed, never submitted a second time', async () => {
    const orders = [seed(), seed(), seed()];
    mock.control.addOrders(orders);
    await openSyncStation({ feedThreshold: 2 });
    await cycle();
    await mock.control.down();
    for (const order of orders) await packPulled(order.orderId);
    await mock.control.up();
    // Amazon creates the feed, but the answer never comes back.
    mock.control.fault({ kind: 'timeout', operation: 'createFeed', times: 1, apply: true });
    offsetMs += 20 * 60_000;
    await cycle();
    expect(station.store.sync.openFeeds().map((feed) => [feed.state, feed.feedId])).toEqual([['submitting', null]]);
    offsetMs += 60_000;
    await cycle();
    if (station.store.sync.openFeeds().length > 0) await cycle();
    const record = mock.control.record();
    expect(record.requests.createFeed).toBe(1);
    expect(record.feeds).toHaveLength(1);
    expect(record.packages).toHaveLength(3);
    for (const order of orders) expect(station.store.outbox.forOrder(order.orderId)[0]).toMatchObject({ state: 'done', sentVia: 'feed' });
  });
});

describe('the manual way', () => {
  it('the waiting confirmations as Amazon’s flat file; once marked uploaded they are sent, by file', async () => {
    const order = seed();
    mock.control.addOrders([order]);
    await openSyncStation();
    await cycle();
    await mock.control.down();
    const printed = await packPulled(order.orderId);
    const exported = await call<{ exportId: number; jobCount: number; file: { base64: string; fileName: string } }>('sync:exportFile', {});
    expect(exported.jobCount).toBe(1);
    const text = Buffer.from(exported.file.base64, 'base64').toString('utf8');
    const [header, ...rows] = text.trimEnd().split('\n');
    expect(header?.split('\t')).toEqual(['order-id', 'order-item-id', 'quantity', 'ship-date', 'carrier-code', 'carrier-name', 'tracking-number', 'ship-method']);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes(printed.package.trackingNumber ?? 'missing'))).toBe(true);
    const marked = await call<SyncStatus>('sync:markUploaded', { exportId: exported.exportId });
    expect(marked.confirmations).toEqual([]);
    expect(station.store.outbox.forOrder(order.orderId)[0]).toMatchObject({ state: 'done', sentVia: 'file' });
  });
});
