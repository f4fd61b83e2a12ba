import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackView } from '../shared/contract';
import { openStation } from '../electron/services/station';

// Benchmarks print one JSON object per figure, with the baseline measured in the same run.
// Names are stable once published: tools compare them across runs.

type Figure = { bench: string; value: number; unit: string; target?: number; better: 'lower' | 'higher'; baseline?: number };

function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** How long a durable, accepted scan takes end to end through the dispatcher, against a bare SQLite commit. */
async function benchScan(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-'));
  try {
    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
    const insert = bare.prepare('INSERT INTO t (v) VALUES (?)');
    const bareSamples: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const start = performance.now();
      insert.run(`scan-${i}`);
      bareSamples.push(performance.now() - start);
    }
    bare.close();

    const station = openStation({ dbPath: join(dir, 'bench.db'), host: 'browser', version: 'bench', dataDir: dir });
    const scanSamples: number[] = [];
    const queue = station.queue.queue();
    for (const order of queue) {
      if (order.flags.length > 0) continue;
      const opened = await station.dispatch('pack:open', { orderId: order.orderId });
      if (!opened.ok) continue;
      for (const line of (opened.value as PackView).lines) {
        for (let unit = 0; unit < line.quantity; unit += 1) {
          const start = performance.now();
          const result = await station.dispatch('pack:scan', { orderId: order.orderId, code: line.gtin ?? line.sku });
          scanSamples.push(performance.now() - start);
          if (!result.ok) throw new Error(result.error.message);
        }
      }
    }
    station.close();
    const baseline = percentile(bareSamples, 95);
    emit({ bench: 'scan.bare_sqlite_commit_p95', value: round(baseline), unit: 'ms', better: 'lower' });
    emit({ bench: 'scan.accepted_scan_p95', value: round(percentile(scanSamples, 95)), unit: 'ms', target: 50, better: 'lower', baseline: round(baseline) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
async function benchImport(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-'));
  try {
    const orders = 20_000;
    const report = syntheticReport(orders);
    const { parseUnshippedOrdersReport } = await import('../shared/import/unshipped-orders');
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

const GROUPS: Record<string, () => Promise<void>> = { scan: benchScan, import: benchImport };

export async function main(argv: string[]): Promise<number> {
  const wanted = argv.filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !(name in GROUPS));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark group(s): ${unknown.join(', ')}. Known: ${Object.keys(GROUPS).join(', ')}\n`);
    return 2;
  }
  for (const [name, run] of Object.entries(GROUPS)) {
    if (wanted.length === 0 || wanted.includes(name)) await run();
  }
  return 0;
}
