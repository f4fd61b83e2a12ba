import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, PackView } from '../../shared/contract';
import { chromiumAvailable, scanWithWedge, signInWithBadge } from '../support/browser-mode';
import { E2E_ARTIFACTS as ARTIFACTS, startBenchRig } from '../support/bench-rig';
import type { BenchRig } from '../support/bench-rig';
import type { Served } from '../support/browser-mode';
import type { FakePrinter } from '../support/fake-printer';

// The box-and-weight issue's walk through the real screen: a lithium order blocked until its
// battery document is on file, a package too heavy for China Post with the limit named and
// DHL offered, and the simulated scale filling in the weight.

const ORDER_ID = '777-0000001-0000001';
const KETTLE = '00693210000139';
const SPEAKER = '00693210000177';
const CATALOG_HEADER = 'sku,gtin,name_en,name_zh,unit_weight_g,length_mm,width_mm,height_mm,value_minor,currency,hs_code,origin_country,lithium,lithium_doc,lithium_doc_expires,cells,batteries';
const speakerRow = (doc: string, expires: string) => `PB-SPEAKER,${SPEAKER},Bluetooth speaker,蓝牙音箱,400,150,100,100,3999,USD,8518.22,CN,ion-in-equipment,${doc},${expires},0,1`;
const REPORT = [
  ['order-id', 'order-item-id', 'purchase-date', 'promise-date', 'sku', 'product-name', 'quantity-purchased', 'recipient-name', 'ship-address-1', 'ship-city', 'ship-postal-code', 'ship-country'].join('\t'),
  [ORDER_ID, '77700000000001', '2026-11-20T08:00:00+00:00', '2099-01-01T00:00:00+00:00', 'PB-KETTLE-17', 'Electric kettle', '2', 'Ada Lovelace', '12 St James Sq', 'London', 'SW1Y 4LB', 'GB'].join('\t'),
  [ORDER_ID, '77700000000002', '2026-11-20T08:00:00+00:00', '2099-01-01T00:00:00+00:00', 'PB-SPEAKER', 'Bluetooth speaker', '1', 'Ada Lovelace', '12 St James Sq', 'London', 'SW1Y 4LB', 'GB'].join('\t'),
].join('\n');

describe.skipIf(!chromiumAvailable())('box and weight at the bench, in Chromium', () => {
  let rig: BenchRig;
  let page: Page;
  let served: Served;
  let printer: FakePrinter;
  const api = <T>(channel: string, input: unknown) => rig.api<T>(channel, input);

  async function importFile(call: BenchRig['api'], kind: 'orders' | 'catalog', content: string): Promise<void> {
    const started = await call<ImportJob>('import:start', { kind, fileName: `${kind}.txt`, content });
    for (let job = started; job.state === 'running'; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await call<ImportJob>('import:status', { jobId: started.jobId });
    }
  }

  beforeAll(async () => {
    rig = await startBenchRig({
      viewport: { width: 1366, height: 1100 },
      prepare: async (call) => {
        await call('settings:update', { scale: { mode: 'simulated' } });
        await importFile(call, 'catalog', `${CATALOG_HEADER}\n${speakerRow('', '')}\n`);
        await importFile(call, 'orders', REPORT);
      },
    });
    ({ page, served, printer } = rig);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('blocks the lithium order until its document is on file, names the weight limit, and takes the weight from the scale', async () => {
    await page.goto(served.url);
    await signInWithBadge(page, 'OP-1001');
    await scanWithWedge(page, ORDER_ID);
    await page.getByTestId('pack-scan-input').waitFor();
    for (const [code, count] of [[KETTLE, 1], [KETTLE, 2], [SPEAKER, 1]] as const) {
      await scanWithWedge(page, code);
      const sku = code === KETTLE ? 'PB-KETTLE-17' : 'PB-SPEAKER';
      await page.locator(`[data-testid="pack-line"][data-sku="${sku}"]`).getByText(`${count} / ${code === KETTLE ? 2 : 1}`).waitFor();
    }

    // The package is closed: the missing battery document blocks it before anything is measured.
    await page.locator('[data-testid="finding"][data-code="LITHIUM_DOC_MISSING"]').waitFor();

    // The suggested box, taken with one key.
    const suggested = page.getByTestId('box-suggested');
    await suggested.waitFor();
    const boxId = await suggested.getAttribute('data-box-id');
    expect(boxId).toBeTruthy();
    await page.getByTestId(`box-${boxId}`).click();

    // The simulated scale: the packer puts the parcel on it, and the weight fills itself in.
    await page.getByTestId('sim-scale-place-expected').click();
    await page.locator('[data-testid="weight-source"]').getByText(/scale/i).waitFor({ timeout: 10_000 });
    const weighed = await api<PackView>('pack:open', { orderId: ORDER_ID });
    expect(weighed.weightSource).toBe('scale');
    expect(weighed.expectedWeight?.ok).toBe(true);

    // Over 2 kg: China Post is refused with its limit named; every service waits for the document.
    const china = page.getByTestId('service-CNPOST-REG-SP');
    expect(await china.getAttribute('data-eligible')).toBe('false');
    const chinaWhy = page.locator('.service-option', { has: china }).locator('[data-testid="finding"][data-code="SERVICE_TOO_HEAVY"]');
    expect(await chinaWhy.innerText()).toMatch(/2(\.00)? kg/);
    expect(await page.getByTestId('service-DHL-EXP-WW').getAttribute('data-eligible')).toBe('false');
    await page.screenshot({ path: join(ARTIFACTS, 'box-weight-blocked.png'), fullPage: true });

    // A supervisor files the battery document (UN38.3 summary with its expiry date).
    await api('operators:signIn', { badge: 'OP-9001' });
    await importFile(api, 'catalog', `${CATALOG_HEADER}\n${speakerRow('UN38.3-SPK-2026.pdf', '2028-01-31')}\n`);
    await api('operators:signIn', { badge: 'OP-1001' });

    // The packer looks again (scanning the order brings its current state) and DHL is offered.
    await scanWithWedge(page, ORDER_ID);
    await page.locator('[data-testid="service-DHL-EXP-WW"][data-eligible="true"]').waitFor();
    expect(await page.locator('[data-testid="finding"][data-code="LITHIUM_DOC_MISSING"]').count()).toBe(0);
    expect(await page.getByTestId('service-CNPOST-REG-SP').getAttribute('data-eligible')).toBe('false');
    await page.getByTestId('service-DHL-EXP-WW').click();
    await page.screenshot({ path: join(ARTIFACTS, 'box-weight-ready.png'), fullPage: true });
    await page.getByTestId('print-label').click();
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    expect(await printer.waitForJobs(1)).toHaveLength(1);
  });
});
