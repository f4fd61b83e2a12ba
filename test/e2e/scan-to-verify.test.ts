import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSummary, PackView } from '../../shared/contract';
import { chromiumAvailable, scanWithWedge, signInWithBadge } from '../support/browser-mode';
import { E2E_ARTIFACTS as ARTIFACTS, startBenchRig } from '../support/bench-rig';
import type { BenchRig } from '../support/bench-rig';
import type { Served } from '../support/browser-mode';
import type { FakePrinter } from '../support/fake-printer';

// The scan-to-verify issue's walk through the real screen: a multi-item order with a wrong
// item and an over-scan, each acknowledged, finished in two packages, and the history.

describe.skipIf(!chromiumAvailable())('scan-to-verify at the bench, in Chromium', () => {
  let rig: BenchRig;
  let page: Page;
  let served: Served;
  let printer: FakePrinter;
  const api = <T>(channel: string, input: unknown) => rig.api<T>(channel, input);

  beforeAll(async () => {
    rig = await startBenchRig({ viewport: { width: 1366, height: 1000 } });
    ({ page, served, printer } = rig);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  async function alertShown(code: string): Promise<void> {
    await page.locator(`[data-testid="pack-alert"] [data-code="${code}"], [data-testid="pack-alert"][data-code="${code}"]`).first().waitFor();
  }

  async function boxWeighPrint(orderId: string, seq: number): Promise<void> {
    await page.getByTestId('box-BOX-M').click();
    await page.getByTestId('weight-input').waitFor();
    const expectedG = (await api<PackView>('pack:open', { orderId })).expectedWeight?.expectedG ?? 0;
    await page.getByTestId('weight-input').fill(`${expectedG} g`);
    await page.getByTestId('weight-input').press('Enter');
    await page.getByTestId('service-DHL-EXP-WW').click();
    await page.getByTestId('print-label').click();
    await page.locator(`[data-testid="package-row"][data-seq="${seq}"][data-status="printed"]`).waitFor();
  }

  it('a wrong item and an over-scan are refused until acknowledged; the order leaves in two packages; the history shows it all', async () => {
    await page.goto(served.url);
    await signInWithBadge(page, 'OP-1001');
    const queue = await api<OrderSummary[]>('orders:queue', {});
    let chosen: { order: OrderSummary; view: PackView } | null = null;
    for (const order of queue.filter((candidate) => candidate.flags.length === 0 && candidate.lineCount >= 2)) {
      const view = await api<PackView>('pack:open', { orderId: order.orderId });
      if (view.lines.some((line) => line.quantity >= 2)) {
        chosen = { order, view };
        break;
      }
    }
    if (!chosen) throw new Error('demo data has no multi-item order with a two-unit line');
    const { order, view } = chosen;
    const multi = view.lines.find((line) => line.quantity >= 2) as PackView['lines'][number];
    const others = view.lines.filter((line) => line !== multi);

    await scanWithWedge(page, order.orderId);
    await page.getByTestId('pack-scan-input').waitFor();

    // A product that is not in this order.
    await scanWithWedge(page, '00693210000139');
    await alertShown('SCAN_WRONG_ITEM');
    await page.waitForTimeout(2500);
    expect(await page.getByTestId('pack-alert').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('pack-alert').waitFor({ state: 'detached' });

    for (let unit = 1; unit <= multi.quantity; unit += 1) {
      await scanWithWedge(page, multi.gtin ?? multi.sku);
      await page.locator(`[data-testid="pack-line"][data-sku="${multi.sku}"]`).getByText(`${unit} / ${multi.quantity}`).waitFor();
    }
    // One more than ordered: an over-scan, acknowledged hands-free with the command barcode.
    await scanWithWedge(page, multi.gtin ?? multi.sku);
    await alertShown('SCAN_OVER_SCAN');
    await page.screenshot({ path: join(ARTIFACTS, 'pack-over-scan.png'), fullPage: true });
    await scanWithWedge(page, 'PB:ACK');
    await page.getByTestId('pack-alert').waitFor({ state: 'detached' });

    // The first package takes what is scanned so far; the rest goes in a second one.
    await page.getByTestId('next-package').click();
    await page.getByTestId('box-picker').waitFor();
    await boxWeighPrint(order.orderId, 1);
    await page.locator('[data-testid="package-row"][data-seq="2"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'pack-second-package.png'), fullPage: true });
    for (const line of others) {
      for (let unit = 1; unit <= line.quantity; unit += 1) {
        await scanWithWedge(page, line.gtin ?? line.sku);
        await page.locator(`[data-testid="pack-line"][data-sku="${line.sku}"]`).getByText(`${unit} / ${line.quantity}`).waitFor();
      }
    }
    await page.getByTestId('box-picker').waitFor();
    await boxWeighPrint(order.orderId, 2);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'pack-two-packages.png'), fullPage: true });

    const stored = await api<PackView>('pack:open', { orderId: order.orderId });
    expect(stored.order.status).toBe('packed');
    expect(stored.packages.map((pkg) => pkg.seq)).toEqual([1, 2]);
    const [first, second] = stored.packages.map((pkg) => pkg.trackingNumber ?? '');
    expect(first).toMatch(/^\d{10}$/);
    expect(second).toMatch(/^\d{10}$/);
    expect(second).not.toBe(first);
    expect(((await page.getByTestId('tracking-number').textContent()) ?? '').replace(/\s+/g, '')).toBe(second);
    expect(await printer.waitForJobs(2)).toHaveLength(2);

    await page.getByTestId('history-open').click();
    await page.getByTestId('history-row').first().waitFor();
    const rows = await page.getByTestId('history-row').evaluateAll((elements) =>
      elements.map((element) => `${element.getAttribute('data-kind')}:${element.getAttribute('data-result')}`),
    );
    for (const expected of ['rejected:SCAN_WRONG_ITEM', 'rejected:SCAN_OVER_SCAN', 'acknowledged:ACKNOWLEDGED', 'package-closed:PACKAGE_CLOSED_PARTIAL', 'unit:SCAN_ACCEPTED']) {
      expect(rows).toContain(expected);
    }
    expect(rows.filter((row) => row.startsWith('package-labelled:'))).toHaveLength(2);
    await page.screenshot({ path: join(ARTIFACTS, 'pack-history.png'), fullPage: true });
  });
});
