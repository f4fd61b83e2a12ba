import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, PackView } from '../../shared/contract';
import { chromiumAvailable, scanWithWedge, signInWithBadge } from '../support/browser-mode';
import { E2E_ARTIFACTS as ARTIFACTS, startBenchRig } from '../support/bench-rig';
import type { BenchRig } from '../support/bench-rig';
import type { Served } from '../support/browser-mode';
import type { FakePrinter } from '../support/fake-printer';
import { requireTool } from '../support/tools';
import { scanBarcode } from '../support/zpl-render';

// The carrier choice on the real screen: a 3 kg order to the US is proposed for express with
// the reason written out; a 300 g order goes by registered small parcel; a pre-printed label
// with a wrong check digit is refused and a good one prints.

const HEAVY_US = '778-0000001-0000001';
const LIGHT_US = '778-0000002-0000001';
const LIGHT_DE = '778-0000003-0000001';
const HEADER = ['order-id', 'order-item-id', 'purchase-date', 'promise-date', 'sku', 'product-name', 'quantity-purchased', 'ship-service-level', 'recipient-name', 'ship-address-1', 'ship-city', 'ship-state', 'ship-postal-code', 'ship-country'];
const US = ['Grace Hopper', '1 Navy Way', 'Arlington', 'VA', '22202', 'US'];
const DE = ['Emmy Noether', 'Bunsenstraße 3', 'Göttingen', '', '37073', 'DE'];
const line = (orderId: string, item: string, sku: string, quantity: number, to: string[]) =>
  [orderId, item, '2026-11-20T08:00:00+00:00', '2099-01-01T00:00:00+00:00', sku, sku, String(quantity), 'Standard', ...to].join('\t');
const REPORT = [
  HEADER.join('\t'),
  line(HEAVY_US, '77800000000001', 'PB-KNIFE-SET', 1, US),
  line(HEAVY_US, '77800000000002', 'PB-KETTLE-17', 1, US),
  line(LIGHT_US, '77800000000003', 'PB-SOCK-3P', 1, US),
  line(LIGHT_US, '77800000000004', 'PB-CABLE-C2', 1, US),
  line(LIGHT_DE, '77800000000005', 'PB-SOCK-3P', 1, DE),
  line(LIGHT_DE, '77800000000006', 'PB-CABLE-C2', 1, DE),
].join('\n');

// The slip's barcode is read back from the PDF: poppler renders it, zbar decodes it.
const ready = chromiumAvailable() && requireTool('zbarimg', 'zbar-tools') && requireTool('pdftoppm', 'poppler-utils');

describe.skipIf(!ready)('choosing the carrier at the bench, in Chromium', () => {
  let rig: BenchRig;
  let page: Page;
  let served: Served;
  let printer: FakePrinter;
  const api = <T>(channel: string, input: unknown) => rig.api<T>(channel, input);

  beforeAll(async () => {
    rig = await startBenchRig({
      viewport: { width: 1366, height: 1100 },
      prepare: async (call) => {
        const started = await call<ImportJob>('import:start', { kind: 'orders', fileName: 'orders.txt', content: REPORT });
        for (let job = started; job.state === 'running'; ) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          job = await call<ImportJob>('import:status', { jobId: started.jobId });
        }
      },
    });
    ({ page, served, printer } = rig);
    await page.goto(served.url);
    await signInWithBadge(page, 'OP-1001');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  /** Opens the order by its scanned id, scans every unit, takes the box and types what the scale shows. */
  async function packAndWeigh(orderId: string, boxId: string): Promise<void> {
    await scanWithWedge(page, orderId);
    await page.getByTestId('pack-scan-input').waitFor();
    await page.locator('.pack-header', { hasText: orderId }).waitFor();
    const view = await api<PackView>('pack:open', { orderId });
    for (const item of view.lines) {
      for (let unit = 0; unit < item.quantity; unit += 1) {
        await scanWithWedge(page, item.gtin ?? item.sku);
        await page.locator(`[data-testid="pack-line"][data-sku="${item.sku}"]`).getByText(`${unit + 1} / ${item.quantity}`).waitFor();
      }
    }
    await page.getByTestId(`box-${boxId}`).click();
    await page.getByTestId('weight-input').waitFor();
    const expectedG = (await api<PackView>('pack:open', { orderId })).expectedWeight?.expectedG ?? 0;
    await page.getByTestId('weight-input').fill(`${expectedG} g`);
    await page.getByTestId('weight-input').press('Enter');
    await page.getByTestId('service-proposal').waitFor();
  }

  async function nextOrder(): Promise<void> {
    await page.getByTestId('next-order').click();
    await page.getByTestId('queue-row').first().waitFor();
    await page.getByTestId('order-scan-input').waitFor();
  }

  it('a 3 kg order to the US is proposed for express, with the reason on screen, and prints on the proposal', async () => {
    await packAndWeigh(HEAVY_US, 'BOX-M');
    const proposal = page.getByTestId('service-proposal');
    expect(await proposal.getAttribute('data-service')).toBe('DHL-EXP-WW');
    const text = await proposal.innerText();
    expect(text).toContain('Proposed: DHL Express Worldwide');
    expect(text).toMatch(/Rule over-2kg-express: 3\.\d\d kg needs express/);
    expect(text).toMatch(/Cheapest of \d candidates: [\d.]+ CNY/);
    expect(await page.getByTestId('service-CNPOST-REG-SP').getAttribute('data-eligible')).toBe('false');
    await page.screenshot({ path: join(ARTIFACTS, 'carrier-proposal-express.png'), fullPage: true });
    await page.getByTestId('print-label').click();
    const tracking = ((await page.getByTestId('tracking-number').textContent({ timeout: 30_000 })) ?? '').replace(/\s+/g, '');
    expect(tracking).toMatch(/^\d{10}$/);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    await nextOrder();
  });

  it('a 300 g order goes by registered small parcel', async () => {
    await packAndWeigh(LIGHT_US, 'MAILER-S');
    expect(await page.getByTestId('service-proposal').getAttribute('data-service')).toBe('CNPOST-REG-SP');
    expect(await page.getByTestId('service-proposal').innerText()).toContain('Proposed: China Post Registered Small Packet');
    await page.getByTestId('print-label').click();
    const tracking = ((await page.getByTestId('tracking-number').textContent({ timeout: 30_000 })) ?? '').replace(/\s+/g, '');
    expect(tracking).toMatch(/^RR\d{9}CN$/);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    await page.getByTestId('show-preview').click();
    await page.getByTestId('label-preview').first().waitFor();
    expect(await page.getByTestId('label-preview').count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'label-and-slip-preview.png'), fullPage: true });
    await nextOrder();
  });

  it('a pre-printed label with a wrong check digit is refused in words; the right one is bound to the parcel and prints', async () => {
    await packAndWeigh(LIGHT_DE, 'MAILER-S');
    expect(await page.getByTestId('service-proposal').getAttribute('data-service')).toBe('CNPOST-REG-PP');
    await page.getByTestId('preprinted-number').waitFor();
    const jobsBefore = printer.jobs.length;

    // The packer scans the label stuck on the parcel: one digit misread.
    await scanWithWedge(page, 'RR123456784CN');
    const refusal = page.getByText('The tracking number has a wrong check digit.');
    await refusal.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'preprinted-refused.png'), fullPage: true });
    expect((await api<PackView>('pack:open', { orderId: LIGHT_DE })).package.trackingNumber).toBeNull();
    expect(printer.jobs.length).toBe(jobsBefore);

    await page.getByTestId('scan-error-ack').click().catch(() => undefined);
    await page.keyboard.press('Escape');
    await scanWithWedge(page, 'RR123456785CN');
    const tracking = ((await page.getByTestId('tracking-number').textContent({ timeout: 30_000 })) ?? '').replace(/\s+/g, '');
    expect(tracking).toBe('RR123456785CN');
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    await nextOrder();
  });

  it('the packing slip of a packed order, scanned at the queue, opens that order', async () => {
    const slip = await api<{ base64: string }>('documents:get', { orderId: LIGHT_US, doc: 'slip', format: 'pdf' });
    const pdf = join(rig.dir.path, 'slip.pdf');
    writeFileSync(pdf, Buffer.from(slip.base64, 'base64'));
    execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', pdf, join(rig.dir.path, 'slip')]);
    const scanned = scanBarcode(join(rig.dir.path, 'slip.png'));
    expect(scanned).toBe(LIGHT_US);
    await page.getByTestId('order-scan-input').waitFor();
    await scanWithWedge(page, scanned);
    await page.locator('.pack-header', { hasText: LIGHT_US }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'slip-opened-order.png'), fullPage: false });
    await page.getByTestId('next-order').click();
    await page.getByTestId('queue-row').first().waitFor();
  });

  it('a supervisor sees the catalogue, the numbers left per range and the choice rules in Settings → Carriers', async () => {
    await page.getByTestId('sign-out').click();
    await signInWithBadge(page, 'OP-9001');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-carriers').click();
    await page.getByTestId('carrier-service-row').first().waitFor();
    expect(await page.getByTestId('carrier-service-row').count()).toBe(5);
    const dhl = page.locator('[data-testid="range-status"][data-service="DHL-EXP-WW"]');
    // One DHL number went on the first parcel above.
    expect(await dhl.innerText()).toContain('9999');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-carriers.png'), fullPage: true });
  });
});
