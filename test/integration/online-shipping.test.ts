import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackView } from '../../shared/contract';
import type { CatalogService } from '../../shared/domain/carrier-catalog';
import { recognizeTrackingNumber } from '../../shared/domain/tracking';
import { DEMO_SERVICES } from '../../electron/services/demo-seed';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { createAmazonShippingV2 } from '../../electron/shipping/amazon-shipping-v2';
import { createMockShippingV2 } from '../support/mock-shipping-v2';
import type { MockShippingV2 } from '../support/mock-shipping-v2';
import { insertTestOrder } from '../support/orders';
import { stationCalls } from '../support/station-calls';
import { packAndWeigh } from '../support/pack-steps';
import { tempDir } from '../support/temp';

// A service bought online (Amazon Buy Shipping, against the loopback mock that checks every
// request against shippingV2.json): proposed when it is cheapest, bought once with the
// package's reference id as the idempotency key, and when the network is down the bench falls
// back to its offline services and says so.

const TOKEN = 'Atza|bench-token';
let NOW = new Date('2026-11-26T08:00:00.000Z');
let dir: ReturnType<typeof tempDir>;
let station: Station;
let mock: MockShippingV2;
let server: { url: string; close: () => Promise<void> };
let sequence = 0;

// Cheaper than every offline service, so the bench proposes it while it can be bought.
const ONLINE: CatalogService = {
  ...(({ range: _range, ...service }) => service)(DEMO_SERVICES.find((service) => service.id === 'UPS-WW-SAVER') ?? (DEMO_SERVICES[0] as (typeof DEMO_SERVICES)[number])),
  id: 'AMZ-UPS-GROUND',
  nameEn: 'UPS Ground (Amazon Buy Shipping)',
  nameZh: 'UPS 陆运（亚马逊购买配送）',
  shipMethod: 'UPS_GROUND',
  trackingSource: 'online',
  speed: 'standard',
  zones: { '*': 'ALL' },
  transit: { ALL: { minDays: 3, maxDays: 6 } },
  rateCard: { currency: 'CNY', rows: [{ zone: 'ALL', upToG: 30_000, priceMinor: 900 }] },
  surcharges: [],
  fuelSurchargePercent: 0,
};

const { call, callError } = stationCalls(() => station);

async function measuredOrder(): Promise<{ orderId: string; view: PackView }> {
  sequence += 1;
  const orderId = insertTestOrder(station.store, `906-${String(sequence).padStart(7, '0')}-0000001`, [{ sku: 'PB-MUG-001', quantity: 1 }], { now: NOW.toISOString() });
  return { orderId, view: await packAndWeigh(call, orderId, 'BOX-S') };
}

beforeEach(async () => {
  NOW = new Date('2026-11-26T08:00:00.000Z');
  mock = createMockShippingV2({ now: () => NOW.getTime() });
  mock.requireToken(TOKEN);
  server = await mock.start();
  dir = tempDir();
  const onlineShipping = createAmazonShippingV2({ endpoint: server.url, accessToken: async () => TOKEN, businessId: 'AmazonShipping_US', timeoutMs: 2_000, now: () => NOW.getTime() });
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path, onlineShipping });
  station.store.transaction(() => station.store.carriers.saveService(ONLINE, 0));
  await call('operators:signIn', { badge: 'OP-1001' });
  await call('settings:update', { printer: { mode: 'folder', folder: dir.file('labels') } });
});

afterEach(async () => {
  station.close();
  dir.remove();
  await server.close();
  expect(mock.modelViolations).toEqual([]);
});

describe('a service bought online', () => {
  it('is proposed when cheapest, bought once with the package reference as idempotency key, and its label and number are stored', async () => {
    const { orderId, view } = await measuredOrder();
    expect(view.proposal?.serviceId).toBe('AMZ-UPS-GROUND');
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'AMZ-UPS-GROUND' });
    const number = printed.package.trackingNumber ?? '';
    expect(recognizeTrackingNumber(number)).toMatchObject({ ok: true, carrier: 'UPS' });
    expect(mock.purchases).toBe(1);
    const purchase = mock.accepted.find((request) => request.operation === 'purchaseShipment');
    const pkg = station.store.shipments.get(printed.package.id);
    expect(purchase?.headers['x-amzn-idempotencykey']).toBe(pkg?.packageReferenceId);
    expect(station.store.carriers.number(number)).toMatchObject({ source: 'online', state: 'labelled' });
    // The carrier's own ZPL is what went to the printer, not a label the bench drew itself.
    const stored = station.store.shipments.latestLabel(printed.package.id, 'zpl')?.content.toString('utf8') ?? '';
    expect(stored).toContain(`^FD${number}^FS`);
    expect(stored).toContain(`Order ${orderId}`);
    expect(stored).not.toContain('SHIP TO');
  });

  it('when Buy Shipping cannot be reached, the print is refused with the reason, the online service steps aside and an offline one is proposed', async () => {
    const { orderId } = await measuredOrder();
    mock.failNext('reset', 5);
    const refused = await callError('pack:printLabel', { orderId, serviceId: 'AMZ-UPS-GROUND' });
    expect(refused.code).toBe('ONLINE_SHIPPING_OFFLINE');
    const view = await call<PackView>('pack:open', { orderId });
    const online = view.services.find((service) => service.serviceId === 'AMZ-UPS-GROUND');
    expect(online?.eligible).toBe(false);
    expect(online?.findings.map((finding) => finding.code)).toContain('ONLINE_SHIPPING_OFFLINE');
    expect(view.proposal?.serviceId).toBe('CNPOST-REG-SP');
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'CNPOST-REG-SP' });
    expect(printed.package.trackingNumber).toMatch(/^RR\d{9}CN$/);
    expect(mock.purchases).toBe(0);

    // Two minutes later the bench tries online purchase again.
    NOW = new Date(NOW.getTime() + 3 * 60_000);
    const later = await measuredOrder();
    expect(later.view.proposal?.serviceId).toBe('AMZ-UPS-GROUND');
  });

  it('without online purchase set up, an online service is never proposed and says why', async () => {
    station.close();
    station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path });
    await call('operators:signIn', { badge: 'OP-1001' });
    const { view } = await measuredOrder();
    const online = view.services.find((service) => service.serviceId === 'AMZ-UPS-GROUND');
    expect(online?.findings.map((finding) => finding.code)).toContain('ONLINE_SHIPPING_NOT_SET_UP');
    expect(view.proposal?.serviceId).not.toBe('AMZ-UPS-GROUND');
  });
});
