import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackView, SyncStatus } from '../../shared/contract';
import { chromiumAvailable, signInWithBadge } from '../support/browser-mode';
import { E2E_ARTIFACTS as ARTIFACTS, startBenchRig } from '../support/bench-rig';
import type { BenchRig } from '../support/bench-rig';
import { DEFAULT_LWA_CREDENTIALS, startMockAmazon } from '../support/mock-amazon';
import type { MockAmazon, MockOrderSeed } from '../support/mock-amazon';
import { packAndWeigh } from '../support/pack-steps';

// Offline first, as a packer lives it: the bench packs two orders while Amazon cannot be
// reached; the queue shows their confirmations waiting, each with its confirm-by countdown;
// Amazon comes back and they drain, most urgent first; an order cancelled at Amazon meanwhile
// comes in with the next pull and its parcel is to be pulled from the pile.

const ready = chromiumAvailable();

function order(id: string, shipByHours: number, skus: string[]): MockOrderSeed {
  const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
  return {
    orderId: id,
    createdTime: tenMinutesAgo,
    lastUpdatedTime: tenMinutesAgo,
    items: skus.map((sku, index) => ({ orderItemId: `${id.replace(/-/g, '').slice(3, 14)}${index}`, sellerSku: sku, quantityOrdered: 1, title: sku })),
    shipByWindow: { latestDateTime: new Date(Date.now() + shipByHours * 3600_000).toISOString() },
    deliverByWindow: { latestDateTime: new Date(Date.now() + 20 * 24 * 3600_000).toISOString() },
    deliveryAddress: { name: 'Jane Doe', addressLine1: '1200 Market Street', city: 'San Francisco', stateOrRegion: 'CA', postalCode: '94103', countryCode: 'US' },
  };
}

describe.skipIf(!ready)('marketplace sync at the bench, offline and back', () => {
  let rig: BenchRig;
  let page: Page;
  let mock: MockAmazon;
  const later = order('113-7000001-7000001', 30, ['PB-SOCK-3P']);
  const sooner = order('113-7000002-7000002', 5, ['PB-CABLE-C2']);
  const cancelled = order('113-7000003-7000003', 20, ['PB-SOCK-3P']);
  const api = <T>(channel: string, input: unknown) => rig.api<T>(channel, input);

  beforeAll(async () => {
    mock = await startMockAmazon({ orders: [later, sooner, cancelled] });
    rig = await startBenchRig({
      viewport: { width: 1366, height: 900 },
      prepare: async (call) => {
        await call('sync:setCredentials', DEFAULT_LWA_CREDENTIALS);
        await call('settings:update', { marketplace: { enabled: true, spApiEndpoint: mock.url, lwaEndpoint: mock.lwaUrl } });
        await call('sync:run', {});
        // The three orders came in; the bench packs them while Amazon cannot be reached.
        await mock.control.down();
        for (const seed of [later, sooner, cancelled]) {
          const view = await packAndWeigh(call, seed.orderId, 'MAILER-S');
          await call<PackView>('pack:printLabel', { orderId: seed.orderId, serviceId: view.proposal?.serviceId });
        }
        await call('sync:run', {});
      },
    });
    ({ page } = rig);
  });

  afterAll(async () => {
    await rig?.stop();
    await mock?.close();
  });

  it('shows the confirmations waiting with their countdowns, drains them most urgent first, and raises the pull alert for a cancellation', async () => {
    await page.goto(rig.served.url);
    await signInWithBadge(page, 'OP-1001');
    const panel = page.getByTestId('sync-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('sync-connection').getAttribute('data-connection')).toBe('offline');
    const rows = panel.getByTestId('pending-confirmation');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-order-id')))).toEqual([sooner.orderId, cancelled.orderId, later.orderId]);
    expect(await rows.first().getByTestId('confirm-by').textContent()).toMatch(/Confirm by: .*left/);
    expect(await page.getByTestId('top-sync-connection').textContent()).toContain('Offline');
    await page.screenshot({ path: join(ARTIFACTS, 'sync-offline-queue.png') });

    // Cancelled at Amazon while the bench was offline (three minutes ago: the pull sees it now).
    mock.control.cancelOrder(cancelled.orderId, { cancelledBy: 'BUYER', reason: 'Ordered by mistake', at: new Date(Date.now() - 3 * 60_000).toISOString() });
    await mock.control.up();
    await panel.getByTestId('sync-run').click();
    await expect.poll(() => panel.getByTestId('sync-connection').getAttribute('data-connection'), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(0);
    expect(mock.control.record().packages.map((pkg) => pkg.orderId)).toEqual([sooner.orderId, later.orderId]);

    // The cancelled order's parcel is on the pull list at the queue, with its tracking number.
    const pull = page.getByTestId('pull-parcel');
    await expect.poll(() => pull.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('pull-parcels').textContent()).toContain(cancelled.orderId);
    await page.screenshot({ path: join(ARTIFACTS, 'sync-drained-pull-alert.png') });
    const status = await api<SyncStatus>('sync:status', {});
    expect(status).toMatchObject({ connection: 'online', pendingCount: 0, needsAttentionCount: 0 });
    expect(mock.control.record().modelViolations).toEqual([]);
  });
});
