import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUnshippedOrdersReport } from '../shared/import/unshipped-orders';
import { openStation } from '../electron/services/station';
import { emit, round } from './figures';

const REPORT_HEADER = [
  'order-id', 'order-item-id', 'purchase-date', 'promise-date', 'buyer-email', 'buyer-name', 'sku', 'product-name',
  'quantity-purchased', 'quantity-to-ship', 'ship-service-level', 'recipient-name', 'ship-address-1', 'ship-city',
  'ship-state', 'ship-postal-code', 'ship-country', 'is-business-order', 'is-prime',
].join('\t');

/** A synthetic Unshipped Orders report of `orders` orders with two item rows each. */
export function syntheticReport(orders: number): string {
  const lines = [REPORT_HEADER];
  for (let i = 0; i < orders; i += 1) {
    const id = `111-${String(i).padStart(7, '0')}-${String(i * 7).padStart(7, '0').slice(-7)}`;
    for (let item = 0; item < 2; item += 1) {
      lines.push([
        id, `${String(i).padStart(12, '0')}${item}`, '2026-11-20T08:00:00+00:00', '2026-11-27T07:59:59+00:00',
        'buyer@marketplace.example', 'Buyer Name', item === 0 ? 'PB-MUG-001' : 'PB-TEA-OOL', '商品 Product', '1', '1',
        'Standard', 'Recipient Name', '1 Main Street', 'Austin', 'TX', '73301', 'US', 'false', 'false',
      ].join('\t'));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Importing a large report: parse-only is the baseline, parse + store the figure. */
export async function benchImport(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-'));
  try {
    const orders = 20_000;
    const report = syntheticReport(orders);
    const parseStart = performance.now();
    const parsed = parseUnshippedOrdersReport(report);
    const parseMs = performance.now() - parseStart;
    if (!parsed.ok || parsed.orders.length !== orders) throw new Error('synthetic report did not parse');
    const station = openStation({ dbPath: join(dir, 'bench.db'), host: 'browser', version: 'bench', demo: false, dataDir: dir });
    const start = performance.now();
    const job = await station.imports.runToEnd('orders', 'synthetic.txt', report);
    const importMs = performance.now() - start;
    const again = performance.now();
    await station.imports.runToEnd('orders', 'synthetic.txt', report);
    const reimportMs = performance.now() - again;
    station.close();
    if (job.inserted !== orders) throw new Error(`imported ${job.inserted} of ${orders}`);
    emit({ bench: 'import.parse_only_20k_orders', value: round(parseMs), unit: 'ms', better: 'lower' });
    emit({ bench: 'import.orders_20k', value: round(importMs), unit: 'ms', target: 30_000, better: 'lower', baseline: round(parseMs) });
    emit({ bench: 'import.reimport_unchanged_20k', value: round(reimportMs), unit: 'ms', target: 30_000, better: 'lower', baseline: round(parseMs) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
