import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportJob } from '../shared/contract';
import { callApi, chromiumAvailable, launchChromium, scanWithWedge, signInWithBadge, startBrowserMode } from '../test/support/browser-mode';
import { emit, percentile, round } from './figures';
import type { GroupResult } from './figures';

// From the scanner's Enter to the result painted on screen, in Debian's Chromium against
// browser mode: the renderer marks each scan (renderer/src/perf/scan-timing.ts) and this
// reads the measures back. The round trip to the service is measured in the same run, so
// the renderer's own share is the difference.

const ORDERS = 10;
const UNITS_PER_ORDER = 20;
const GTIN_MUG = '00693210000016';

function bulkReport(): string {
  const header = ['order-id', 'order-item-id', 'purchase-date', 'promise-date', 'sku', 'product-name', 'quantity-purchased', 'recipient-name', 'ship-address-1', 'ship-city', 'ship-postal-code', 'ship-country'];
  const rows = Array.from({ length: ORDERS }, (_, i) =>
    [`555-${String(i).padStart(7, '0')}-0000001`, `5550000000${String(i).padStart(4, '0')}`, '2026-11-20T08:00:00+00:00', '2099-01-01T00:00:00+00:00', 'PB-MUG-001', 'Mug', String(UNITS_PER_ORDER), 'Bench Test', '1 Main St', 'Austin', '73301', 'US'].join('\t'),
  );
  return [header.join('\t'), ...rows].join('\n');
}

export async function benchScreen(): Promise<GroupResult> {
  if (!chromiumAvailable()) return;
  const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-screen-'));
  const served = await startBrowserMode(join(dir, 'bench.db'));
  const browser = await launchChromium();
  try {
    await callApi(served, 'operators:signIn', { badge: 'OP-1001' });
    const started = await callApi<ImportJob>(served, 'import:start', { kind: 'orders', fileName: 'bulk.txt', content: bulkReport() });
    for (let job = started; job.state === 'running'; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await callApi<ImportJob>(served, 'import:status', { jobId: started.jobId });
    }
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(served.url);
    await signInWithBadge(page, 'OP-1001');
    for (let order = 0; order < ORDERS; order += 1) {
      const orderId = `555-${String(order).padStart(7, '0')}-0000001`;
      await scanWithWedge(page, orderId);
      await page.getByTestId('pack-scan-input').waitFor();
      for (let unit = 1; unit <= UNITS_PER_ORDER; unit += 1) {
        await scanWithWedge(page, GTIN_MUG);
        await page.locator('[data-testid="pack-line-count"]').getByText(`${unit} / ${UNITS_PER_ORDER}`).waitFor();
      }
      await page.getByTestId('nav-queue').click();
    }
    await page.waitForTimeout(200);
    const measures = await page.evaluate(() => ({
      toPaint: performance.getEntriesByName('scan-to-paint').map((entry) => entry.duration),
      roundTrip: performance.getEntriesByName('scan-round-trip').map((entry) => entry.duration),
    }));
    const rendererShare = measures.toPaint.map((total, index) => total - (measures.roundTrip[index] ?? 0));
    emit({ bench: 'screen.scans_measured', value: measures.toPaint.length, unit: 'count', better: 'higher' });
    emit({ bench: 'screen.scan_round_trip_p95', value: round(percentile(measures.roundTrip, 95)), unit: 'ms', better: 'lower' });
    emit({
      bench: 'screen.scan_to_paint_p95',
      value: round(percentile(measures.toPaint, 95)),
      unit: 'ms',
      target: 50,
      better: 'lower',
      baseline: round(percentile(measures.roundTrip, 95)),
    });
    emit({ bench: 'screen.renderer_share_p95', value: round(percentile(rendererShare, 95)), unit: 'ms', better: 'lower' });
  } finally {
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
