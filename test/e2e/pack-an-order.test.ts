import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSummary, PackView } from '../../shared/contract';
import type { FakePrinter } from '../support/fake-printer';
import { chromiumAvailable, scanWithWedge, signInWithBadge } from '../support/browser-mode';
import { E2E_ARTIFACTS as ARTIFACTS, startBenchRig } from '../support/bench-rig';
import type { BenchRig } from '../support/bench-rig';
import type { Served } from '../support/browser-mode';
import { requireTool } from '../support/tools';
import { renderZplPng, scanBarcodes } from '../support/zpl-render';

// The whole bench, as a packer uses it: browser mode started by its real command, the real
// renderer in Debian's Chromium, a raw TCP printer on loopback, and the printed ZPL read
// back by rendering it and decoding the barcode.

const ready = chromiumAvailable() && requireTool('zbarimg', 'zbar-tools');

describe.skipIf(!ready)('packing one demo order end to end in Chromium', () => {
  let rig: BenchRig;
  let page: Page;
  let served: Served;
  let printer: FakePrinter;
  const api = <T>(channel: string, input: unknown) => rig.api<T>(channel, input);

  beforeAll(async () => {
    rig = await startBenchRig({ viewport: { width: 1366, height: 900 } });
    ({ page, served, printer } = rig);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('shows the demo orders, opens one by its scanned id, verifies every unit, and prints a label that scans', async () => {
    await page.goto(served.url);
    // The token left the address bar once the page had it.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in.png') });
    await signInWithBadge(page, 'OP-1001');
    await page.getByTestId('queue-row').first().waitFor();
    expect(await page.getByTestId('queue-row').count()).toBe(40);
    await page.screenshot({ path: join(ARTIFACTS, 'queue.png'), fullPage: false });

    const queue = await api<OrderSummary[]>('orders:queue', {});
    // Europe's small parcels go on pre-printed labels (a scan of their own, tested in carrier-choice).
    const order = queue.find((candidate) => candidate.flags.length === 0 && candidate.unitCount >= 2 && !['GB', 'DE', 'FR'].includes(candidate.countryCode)) as OrderSummary;
    const firstRowId = await page.getByTestId('queue-row').first().getAttribute('data-order-id');
    expect(firstRowId).toBe(queue[0]?.orderId);

    // A keyboard-wedge scanner types the order id fast and ends with Enter.
    await scanWithWedge(page, order.orderId);
    await page.getByTestId('pack-scan-input').waitFor();

    const view = await api<PackView>('pack:open', { orderId: order.orderId });
    // A wrong barcode first: the error stays on screen until acknowledged.
    await scanWithWedge(page, 'NOT-IN-ANY-ORDER');
    await page.getByTestId('scan-error').waitFor();
    await page.waitForTimeout(2500);
    expect(await page.getByTestId('scan-error').isVisible()).toBe(true);
    await page.getByTestId('scan-error-ack').click();
    await page.getByTestId('scan-error').waitFor({ state: 'detached' });

    for (const line of view.lines) {
      for (let unit = 0; unit < line.quantity; unit += 1) {
        await scanWithWedge(page, line.gtin ?? line.sku);
        await page.locator(`[data-testid="pack-line"][data-sku="${line.sku}"]`).getByText(`${unit + 1} / ${line.quantity}`).waitFor();
      }
    }

    await page.getByTestId('box-BOX-M').click();
    await page.getByTestId('weight-input').waitFor();
    // What the scale would show: the catalogue weights, the box's tare and the allowance.
    const expectedG = (await api<PackView>('pack:open', { orderId: order.orderId })).expectedWeight?.expectedG ?? 0;
    await page.getByTestId('weight-input').fill(`${(expectedG / 1000).toFixed(3)} kg`);
    await page.getByTestId('weight-input').press('Enter');
    // The bench proposes a service and says why; the packer takes the proposal.
    const proposal = page.getByTestId('service-proposal');
    await proposal.waitFor();
    const serviceId = (await proposal.getAttribute('data-service')) ?? '';
    const format = { 'CNPOST-REG-SP': /^RR\d{9}CN$/, 'DHL-EXP-WW': /^\d{10}$/, 'FEDEX-IP': /^\d{12}$/, 'UPS-WW-SAVER': /^1Z[A-Z0-9]{16}$/ }[serviceId];
    expect(format, `proposed ${serviceId}`).toBeDefined();
    await page.screenshot({ path: join(ARTIFACTS, 'pack-before-print.png'), fullPage: true });
    await page.getByTestId('print-label').click();

    const trackingText = (await page.getByTestId('tracking-number').textContent({ timeout: 30_000 })) ?? '';
    const tracking = trackingText.replace(/\s+/g, '');
    expect(tracking).toMatch(format ?? /^$/);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'pack.png'), fullPage: true });

    // The printer received the label; render it as a 203 dpi printer would and scan it.
    const [zpl] = await printer.waitForJobs(1);
    const pngPath = join(ARTIFACTS, 'printed-label.png');
    writeFileSync(pngPath, await renderZplPng(zpl ?? '', 101.6, 152.4, 203));
    // The tracking number is the label's plain Code 128 (a carrier may add GS1 and 2D codes).
    const decoded = scanBarcodes(pngPath).filter((symbol) => symbol.type === 'CODE-128' && !symbol.gs1);
    expect(decoded.map((symbol) => symbol.data)).toEqual([tracking]);

    const stored = await api<PackView>('pack:open', { orderId: order.orderId });
    expect(stored.package.trackingNumber).toBe(tracking);
    expect(stored.order.status).toBe('packed');
  });

  it('switches the whole screen to Chinese', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-row').first().waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(ARTIFACTS, 'queue-zh.png') });
  });
});
