import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackView } from '../shared/contract';
import type { OrderItemRecord, OrderRecord } from '../electron/db/repositories/orders';
import { openStation } from '../electron/services/station';
import type { Station } from '../electron/services/station';
import { emit, percentile, round } from './figures';

// One scan through the main-process service (dispatcher, replay, decide, one durable
// transaction, the answer's view) with 100,000 orders in the database, beside a bare one-row
// INSERT + COMMIT on the same file and connection, so the same WAL and `synchronous` setting.

const ORDERS = 100_000;
const SCANS = 10_000;
const WARM_UP = 200;
/** About one scan in thirty is a mistake (then acknowledged), as at a real bench. */
const MISTAKE_EVERY = 30;

type Product = { sku: string; gtin: string; nameEn: string };

/** 100,000 open orders of one to three catalogue lines, stored in one transaction through the orders repository. */
function insertOrders(station: Station, products: readonly Product[]): string[] {
  const ids: string[] = [];
  const at = new Date().toISOString();
  station.store.transaction(() => {
    for (let i = 0; i < ORDERS; i += 1) {
      const orderId = `2${String(i % 100).padStart(2, '0')}-${String(i).padStart(7, '0')}-${String((i * 7919) % 10_000_000).padStart(7, '0')}`;
      const order: OrderRecord = {
        orderId,
        marketplace: 'amazon.com',
        status: 'new',
        purchaseDate: at,
        latestShipDate: new Date(Date.now() + (i % 96) * 3_600_000).toISOString(),
        latestDeliveryDate: null,
        shipServiceLevel: 'Standard',
        isPrime: i % 5 === 0,
        isBusiness: false,
        buyerName: `Buyer ${i}`,
        buyerEmail: `buyer${i}@marketplace.example`,
        recipient: { name: `Recipient ${i}`, address1: `${i} Main Street`, address2: null, address3: null, city: 'Austin', state: 'TX', postalCode: '73301', countryCode: 'US', phone: null },
        source: 'bench',
        onHold: false,
        buyerCancelRequested: false,
        cancelledAt: null,
        cancelReason: null,
      };
      const lineCount = 1 + (i % 3);
      const items: OrderItemRecord[] = [];
      for (let line = 0; line < lineCount; line += 1) {
        const product = products[(i + line * 5) % products.length] as Product;
        items.push({ orderItemId: `${String(i).padStart(12, '0')}${line}`, orderId, sku: product.sku, productName: product.nameEn, quantity: 1 + ((i + line) % 2) });
      }
      station.store.orders.insert(order, items, at);
      ids.push(orderId);
    }
  });
  return ids;
}

async function call<T>(station: Station, channel: string, input: unknown): Promise<T> {
  const result = await station.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export async function benchScan(): Promise<void> {
  const dir = mkdtempSync(join(process.env['PACKBENCH_BENCH_DIR'] ?? tmpdir(), 'packbench-bench-'));
  try {
    const station = openStation({ dbPath: join(dir, 'bench.db'), host: 'browser', version: 'bench', dataDir: dir });
    const products = station.store.db
      .prepare<[], Product>(`SELECT sku, gtin, name_en AS nameEn FROM catalog_items
        WHERE gtin IS NOT NULL AND serial_required = 0 AND lithium = 'none' AND hazmat_class IS NULL ORDER BY sku`)
      .all();
    const insertStart = performance.now();
    const orderIds = insertOrders(station, products);
    process.stderr.write(`scan: ${ORDERS} orders stored in ${Math.round(performance.now() - insertStart)} ms\n`);
    await call(station, 'operators:signIn', { badge: 'OP-1001' });

    station.store.db.exec('CREATE TABLE bench_bare_commit (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
    const bareInsert = station.store.db.prepare('INSERT INTO bench_bare_commit (v) VALUES (?)');
    const bareCommit = (n: number): number => {
      const start = performance.now();
      bareInsert.run(`scan-${n}`); // autocommit: one implicit transaction, one durable commit
      return performance.now() - start;
    };

    const handle: number[] = [];
    const accepted: number[] = [];
    const bare: number[] = [];
    let scans = 0;
    let next = 0;
    // Orders spread over the whole table, so look-ups are not served from one warm corner.
    const stride = 7_919;
    while (handle.length < SCANS) {
      const orderId = orderIds[(next * stride) % orderIds.length] as string;
      next += 1;
      const view = await call<PackView>(station, 'pack:open', { orderId });
      for (const line of view.lines) {
        for (let unit = 0; unit < line.quantity; unit += 1) {
          const codes = scans % MISTAKE_EVERY === MISTAKE_EVERY - 1 ? ['NOT-A-PRODUCT', line.gtin ?? line.sku] : [line.gtin ?? line.sku];
          for (const code of codes) {
            scans += 1;
            const start = performance.now();
            const result = await station.dispatch('pack:scan', { orderId, code, scanId: `bench-scan-${scans}` });
            const ms = performance.now() - start;
            if (!result.ok) throw new Error(`pack:scan: ${result.error.code} ${result.error.message}`);
            const { outcome } = result.value as { outcome: { accepted: boolean; code: string } };
            if (code === 'NOT-A-PRODUCT') {
              if (outcome.code !== 'SCAN_UNKNOWN_BARCODE') throw new Error(`a mistake was answered ${outcome.code}`);
              await call(station, 'pack:command', { orderId, command: 'acknowledge' });
            } else if (outcome.code !== 'SCAN_ACCEPTED') throw new Error(`a unit of ${orderId} was answered ${outcome.code}`);
            // Interleaved, so both see the same WAL size and checkpoints.
            const bareMs = bareCommit(scans);
            if (scans <= WARM_UP) continue;
            handle.push(ms);
            if (outcome.accepted) accepted.push(ms);
            bare.push(bareMs);
          }
        }
      }
    }
    station.close();

    const handleP50 = percentile(handle, 50);
    const handleP99 = percentile(handle, 99);
    const bareP50 = percentile(bare, 50);
    const bareP99 = percentile(bare, 99);
    emit({ bench: 'scan.bare_commit_p50', value: round(bareP50), unit: 'ms', better: 'lower' });
    emit({ bench: 'scan.bare_commit_p99', value: round(bareP99), unit: 'ms', better: 'lower' });
    emit({ bench: 'scan.handle_p50', value: round(handleP50), unit: 'ms', better: 'lower', baseline: round(bareP50) });
    emit({ bench: 'scan.handle_p99', value: round(handleP99), unit: 'ms', target: 2, better: 'lower', baseline: round(bareP99) });
    emit({ bench: 'scan.handle_vs_bare_p99_ratio', value: round(handleP99 / bareP99), unit: 'x', target: 2, better: 'lower', baseline: 1 });
    // The first published names, now measured in the same 100,000-order run.
    const bareP95 = percentile(bare, 95);
    emit({ bench: 'scan.bare_sqlite_commit_p95', value: round(bareP95), unit: 'ms', better: 'lower' });
    emit({ bench: 'scan.accepted_scan_p95', value: round(percentile(accepted, 95)), unit: 'ms', target: 50, better: 'lower', baseline: round(bareP95) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
