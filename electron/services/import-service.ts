import { createHash, randomUUID } from 'node:crypto';
import type { ImportJob } from '../../shared/contract';
import { parseCatalogCsv } from '../../shared/import/catalog-csv';
import type { ImportedCatalogItem } from '../../shared/import/catalog-csv';
import { parseUnshippedOrdersReport } from '../../shared/import/unshipped-orders';
import type { ImportedOrder } from '../../shared/import/unshipped-orders';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import { sameCatalogItem } from '../db/repositories/catalog';
import type { CatalogItem } from '../db/repositories/catalog';
import type { OrderItemRecord, OrderRecord } from '../db/repositories/orders';
import type { Clock } from './pack-service';

/** Rows written per transaction: small enough to keep the bench responsive between chunks. */
const CHUNK = 250;
const OPEN = new Set(['new', 'acknowledged', 'packing']);

type Counts = { inserted: number; updated: number; unchanged: number; skipped: number };
type RowIssue = ImportJob['rowErrors'][number];

/** Where an order came from: Amazon's Unshipped Orders report, or the Orders API by sync. */
export type OrderSource = 'unshipped-orders-report' | 'sp-api';

function toOrderRecord(order: ImportedOrder, source: OrderSource = 'unshipped-orders-report'): OrderRecord {
  return {
    orderId: order.orderId,
    marketplace: 'amazon',
    status: 'new',
    purchaseDate: order.purchaseDate,
    latestShipDate: order.latestShipDate,
    latestDeliveryDate: order.latestDeliveryDate ?? null,
    shipServiceLevel: order.shipServiceLevel,
    isPrime: order.isPrime,
    isBusiness: order.isBusiness,
    buyerName: order.buyerName,
    buyerEmail: order.buyerEmail,
    recipient: order.recipient,
    source,
    onHold: false,
    buyerCancelRequested: order.buyerCancelRequested,
    cancelledAt: null,
    cancelReason: null,
  };
}

function sameOrderDetails(a: OrderRecord, b: OrderRecord): boolean {
  return (
    a.purchaseDate === b.purchaseDate &&
    a.latestShipDate === b.latestShipDate &&
    a.latestDeliveryDate === b.latestDeliveryDate &&
    a.shipServiceLevel === b.shipServiceLevel &&
    a.isPrime === b.isPrime &&
    a.isBusiness === b.isBusiness &&
    a.buyerName === b.buyerName &&
    a.buyerEmail === b.buyerEmail &&
    a.buyerCancelRequested === b.buyerCancelRequested &&
    JSON.stringify(a.recipient) === JSON.stringify(b.recipient)
  );
}

function toCatalogItem(item: ImportedCatalogItem): CatalogItem {
  return {
    sku: item.sku,
    gtin: item.gtin14,
    nameEn: item.nameEn,
    nameZh: item.nameZh,
    unitWeightG: item.unitWeightG,
    lengthMm: item.dimensions?.lengthMm ?? null,
    widthMm: item.dimensions?.widthMm ?? null,
    heightMm: item.dimensions?.heightMm ?? null,
    valueMinor: item.valueMinor,
    currency: item.currency,
    hsCode: item.hsCode,
    originCountry: item.originCountry,
    hazmatClass: item.hazmatClass,
    lithium: item.lithium,
    lithiumDoc: item.lithiumDoc,
    lithiumDocExpires: item.lithiumDocExpires,
    cells: item.cells,
    batteries: item.batteries,
    fnsku: item.fnsku,
    asin: item.asin,
    binLocation: item.binLocation,
    serialRequired: item.serialRequired,
    quantityEntryAllowed: item.quantityEntryAllowed,
  };
}

/** Called when a report says an order was cancelled; the pack service intercepts it. */
export type OnCancelled = (orderId: string, reason: string) => void;

export function createImportService(store: Store, clock: Clock, onCancelled: OnCancelled) {
  const jobs = new Map<string, ImportJob>();
  const now = () => clock().toISOString();

  /** Applies one order: new ones are inserted; known ones are refreshed only while still open. */
  function applyOrder(order: ImportedOrder, counts: Counts, issues: RowIssue[], source: OrderSource = 'unshipped-orders-report'): void {
    const incoming = toOrderRecord(order, source);
    const existing = store.orders.get(order.orderId);
    if (order.cancelled) {
      if (!existing) {
        counts.skipped += 1;
        return;
      }
      if (existing.status === 'cancelled' || existing.status === 'shipped' || existing.status === 'confirmed') {
        counts.unchanged += 1;
        return;
      }
      onCancelled(order.orderId, source === 'sp-api' ? 'cancelled in the marketplace' : 'cancelled in the marketplace report');
      counts.updated += 1;
      issues.push({
        line: 0,
        code: 'ORDER_CANCELLED',
        message: `Order ${order.orderId} was cancelled${existing.status === 'packed' ? ': pull its parcel' : ''}.`,
        orderId: order.orderId,
      });
      return;
    }
    const items: OrderItemRecord[] = order.items.map((item) => ({
      orderItemId: item.orderItemId,
      orderId: order.orderId,
      sku: item.sku,
      productName: item.productName,
      quantity: item.quantity,
    }));
    if (!existing) {
      store.orders.insert(incoming, items, now());
      counts.inserted += 1;
      return;
    }
    const currentItems = new Map(store.orders.items(order.orderId).map((item) => [item.orderItemId, item]));
    const itemChanges = items.filter((item) => {
      const known = currentItems.get(item.orderItemId);
      return !known || known.sku !== item.sku || known.productName !== item.productName || known.quantity !== item.quantity;
    });
    if (sameOrderDetails(existing, incoming) && itemChanges.length === 0) {
      counts.unchanged += 1;
      return;
    }
    if (!OPEN.has(existing.status)) {
      // Packed or shipped work is the bench's record of what left; a report must not rewrite it.
      counts.skipped += 1;
      issues.push({
        line: 0,
        code: 'ORDER_ALREADY_PACKED',
        message: `Order ${order.orderId} is already ${existing.status} here; the report's changes were not applied.`,
        orderId: order.orderId,
      });
      return;
    }
    if (itemChanges.length > 0 && store.shipments.packagesOf(order.orderId).length > 0) {
      // Packing has started: changing what is owed under the packer's hands could let a line
      // go unscanned. The details are refreshed; the items wait for a supervisor.
      issues.push({
        line: 0,
        code: 'ORDER_CHANGED_WHILE_PACKING',
        message: `Order ${order.orderId} changed in the marketplace while it is being packed; its items were not changed here. Check it with a supervisor.`,
        orderId: order.orderId,
      });
    } else {
      for (const item of itemChanges) {
        const known = currentItems.get(item.orderItemId);
        if (!known) store.orders.insertItem(item);
        else if (known.orderId === item.orderId) store.orders.updateItem(item);
      }
    }
    store.orders.updateDetails(incoming, now());
    counts.updated += 1;
  }

  function applyCatalogItem(item: ImportedCatalogItem, counts: Counts): void {
    const incoming = toCatalogItem(item);
    const existing = store.catalog.get(item.sku);
    if (existing && sameCatalogItem(existing, incoming)) {
      counts.unchanged += 1;
      return;
    }
    if (incoming.gtin) {
      const holder = store.catalog.findByGtin(incoming.gtin);
      if (holder && holder.sku !== incoming.sku) {
        throw new DomainError('GTIN_TAKEN', `GTIN ${incoming.gtin} already belongs to ${holder.sku}.`, {
          gtin: incoming.gtin,
          sku: holder.sku,
        });
      }
    }
    store.catalog.upsert(incoming, now());
    if (existing) counts.updated += 1;
    else counts.inserted += 1;
  }

  async function run(job: ImportJob, content: string, onProgress?: (job: ImportJob) => void): Promise<ImportJob> {
    const parsed = job.kind === 'orders' ? parseUnshippedOrdersReport(content) : parseCatalogCsv(content);
    if (!parsed.ok) {
      Object.assign(job, { state: 'failed', error: { code: parsed.error.code, message: parsed.error.message } });
      return job;
    }
    job.rowErrors = [...parsed.rowErrors];
    const records: Array<ImportedOrder | ImportedCatalogItem> = 'orders' in parsed ? parsed.orders : parsed.items;
    job.total = records.length;
    const counts: Counts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK);
      for (const record of chunk) {
        try {
          store.transaction(() => {
            if (job.kind === 'orders') applyOrder(record as ImportedOrder, counts, job.rowErrors);
            else applyCatalogItem(record as ImportedCatalogItem, counts);
          });
        } catch (error) {
          counts.skipped += 1;
          const code = error instanceof DomainError ? error.code : 'ROW_NOT_STORED';
          const key = 'orderId' in record ? record.orderId : record.sku;
          job.rowErrors.push({ line: 0, code, message: `${key}: ${(error as Error).message}` });
        }
      }
      Object.assign(job, counts, { processed: Math.min(start + CHUNK, records.length) });
      onProgress?.(job);
      // Let the event loop answer the screen between chunks of a large file.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    Object.assign(job, counts, { processed: records.length, state: 'done' });
    store.imports.record({
      kind: job.kind,
      fileName: job.fileName,
      sha256: createHash('sha256').update(content).digest('hex'),
      at: now(),
      summary: { ...counts, rowErrors: job.rowErrors.length },
    });
    return job;
  }

  function newJob(kind: 'orders' | 'catalog', fileName: string): ImportJob {
    return {
      jobId: randomUUID(),
      kind,
      fileName,
      state: 'running',
      processed: 0,
      total: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      rowErrors: [],
      error: null,
    };
  }

  return {
    /** For the screen: returns at once; the job runs on and is polled with `status`. */
    start(input: { kind: 'orders' | 'catalog'; fileName: string; content: string }): ImportJob {
      const job = newJob(input.kind, input.fileName);
      jobs.set(job.jobId, job);
      run(job, input.content).catch((error: unknown) => {
        Object.assign(job, { state: 'failed', error: { code: 'IMPORT_FAILED', message: (error as Error).message } });
      });
      return { ...job, rowErrors: [...job.rowErrors] };
    },
    status(jobId: string): ImportJob {
      const job = jobs.get(jobId);
      if (!job) throw new DomainError('IMPORT_JOB_NOT_FOUND', 'That import is not known (the app may have restarted).', { jobId });
      return { ...job, rowErrors: [...job.rowErrors] };
    },
    /**
     * Orders pulled from the marketplace by sync, through the same rules as a report: new ones
     * added, open ones refreshed, packed work left alone, cancellations intercepted. One
     * transaction per order, so one bad order does not stop the rest.
     */
    applyOrders(orders: readonly ImportedOrder[], source: OrderSource): { counts: Counts; issues: RowIssue[] } {
      const counts: Counts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
      const issues: RowIssue[] = [];
      for (const order of orders) {
        try {
          store.transaction(() => applyOrder(order, counts, issues, source));
        } catch (error) {
          counts.skipped += 1;
          const code = error instanceof DomainError ? error.code : 'ROW_NOT_STORED';
          issues.push({ line: 0, code, message: `${order.orderId}: ${(error as Error).message}`, orderId: order.orderId });
        }
      }
      return { counts, issues };
    },
    /** For the CLI and tests: runs to the end. */
    runToEnd(kind: 'orders' | 'catalog', fileName: string, content: string, onProgress?: (job: ImportJob) => void): Promise<ImportJob> {
      return run(newJob(kind, fileName), content, onProgress);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
