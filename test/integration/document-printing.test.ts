import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackView } from '../../shared/contract';
import { migrate } from '../../electron/db/open';
import { migrations } from '../../electron/db/migrations';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import type { OsPrintJob, PrintOutcome } from '../../electron/services/printer';
import { startFaultyPrinter } from '../support/faulty-printer';
import type { FaultBehaviour, FaultyPrinter } from '../support/faulty-printer';
import { insertTestOrder } from '../support/orders';
import { stationCalls } from '../support/station-calls';
import { packAndWeigh } from '../support/pack-steps';
import { tempDir } from '../support/temp';
import { renderZplPng, scanBarcode } from '../support/zpl-render';

// Packing slips and customs forms on their own printer profiles: stored before they are sent,
// printed after the label, kept with their error when the printer fails, printed again from
// the same stored bytes, never touching the label or its number.

const NOW = new Date('2026-11-26T08:00:00.000Z');

let dir: ReturnType<typeof tempDir>;
let station: Station;
let sequence = 0;
const printers: FaultyPrinter[] = [];
const osJobs: OsPrintJob[] = [];
let osAnswer: PrintOutcome = { ok: true };

const { call } = stationCalls(() => station);

async function faultyPrinter(plan: FaultBehaviour[]): Promise<FaultyPrinter> {
  const printer = await startFaultyPrinter(plan);
  printers.push(printer);
  await call('settings:update', { printer: { mode: 'tcp', host: '127.0.0.1', port: printer.port, timeoutMs: 1500 } });
  return printer;
}

async function measuredOrder(countryCode = 'US'): Promise<{ orderId: string; view: PackView }> {
  sequence += 1;
  const orderId = insertTestOrder(
    station.store,
    `907-${String(sequence).padStart(7, '0')}-0000001`,
    [
      { sku: 'PB-SOCK-3P', quantity: 2 },
      { sku: 'PB-CABLE-C2', quantity: 1 },
    ],
    { countryCode, latestShipDate: '2026-11-27T20:00:00.000Z', latestDeliveryDate: '2026-12-22T20:00:00.000Z', now: NOW.toISOString() },
  );
  return { orderId, view: await packAndWeigh(call, orderId, 'MAILER-S') };
}

async function printProposed(orderId: string, view: PackView): Promise<PackView> {
  const serviceId = view.proposal?.serviceId;
  if (!serviceId) throw new Error(`no proposal for ${orderId}`);
  return call<PackView>('pack:printLabel', { orderId, serviceId });
}

function storedDocuments(packageId: number): Array<{ document: string; format: string }> {
  return station.store.db.prepare('SELECT document, format FROM labels WHERE package_id = ? ORDER BY id').all(packageId) as Array<{ document: string; format: string }>;
}

function jobsOf(packageId: number, document: string): Array<{ state: string; is_reprint: number; label_id: number; target: string }> {
  return station.store.db
    .prepare('SELECT j.state, j.is_reprint, j.label_id, j.target FROM print_jobs j JOIN labels l ON l.id = j.label_id WHERE l.package_id = ? AND l.document = ? ORDER BY j.id')
    .all(packageId, document) as Array<{ state: string; is_reprint: number; label_id: number; target: string }>;
}

function packageOf(view: PackView) {
  const pkg = station.store.shipments.findByTracking(view.package.trackingNumber ?? '');
  if (!pkg) throw new Error('the labelled package is not stored');
  return pkg;
}

beforeEach(async () => {
  dir = tempDir();
  osJobs.length = 0;
  osAnswer = { ok: true };
  station = openStation({
    dbPath: dir.file('bench.db'),
    host: 'browser',
    version: 'test',
    clock: () => NOW,
    dataDir: dir.path,
    osPrinter: async (job) => {
      osJobs.push(job);
      return osAnswer;
    },
  });
  await call('operators:signIn', { badge: 'OP-1001' });
});

afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
  station.close();
  dir.remove();
});

describe('the packing slip on the label printer, after each label', () => {
  beforeEach(async () => {
    await call('settings:update', { documentPrinters: { slip: { mode: 'label-printer', afterLabel: true } } });
  });

  it('prints the label, then the slip (4 × 6 ZPL whose barcode is the order id); both stored, each once', async () => {
    const printer = await faultyPrinter([]);
    const { orderId, view } = await measuredOrder();
    const printed = await printProposed(orderId, view);
    expect(printed.print?.state).toBe('printed');
    expect(printed.documentPrints).toEqual([expect.objectContaining({ doc: 'slip', state: 'printed', error: null, target: `tcp://127.0.0.1:${printer.port}` })]);
    expect(printer.jobs).toHaveLength(2);
    const [label, slip] = printer.jobs;
    expect(label).toContain(printed.package.trackingNumber ?? 'missing');
    const pkg = packageOf(printed);
    expect(slip).toBe(station.store.shipments.latestLabel(pkg.id, 'zpl', 'slip')?.content.toString('utf8'));
    expect(storedDocuments(pkg.id)).toEqual([
      { document: 'label', format: 'zpl' },
      { document: 'label', format: 'pdf' },
      { document: 'slip', format: 'zpl' },
    ]);
    // The slip's first page read back as a printer would print it: its barcode opens the order.
    const firstPage = (slip ?? '').split('^XZ')[0] + '^XZ';
    const png = dir.file('slip.png');
    writeFileSync(png, await renderZplPng(firstPage, 101.6, 152.4, 203));
    expect(scanBarcode(png)).toBe(orderId);
  });

  it('a slip the printer drops is kept failed with its error; printing it again sends the same stored slip, and never the label', async () => {
    // The label goes through; the slip's connection is reset after 100 bytes.
    const printer = await faultyPrinter([{ kind: 'accept' }, { kind: 'close-after', bytes: 100 }]);
    const { orderId, view } = await measuredOrder();
    const printed = await printProposed(orderId, view);
    expect(printed.print?.state).toBe('printed');
    expect(printed.package.status).toBe('printed');
    expect(printed.documentPrints).toEqual([expect.objectContaining({ doc: 'slip', state: 'failed', error: expect.stringMatching(/^PRINTER_CLOSED_EARLY: /) })]);
    const numbers = station.store.carriers.numberCounts();

    const again = await call<PackView>('pack:printDocument', { orderId, doc: 'slip' });
    expect(again.documentPrints).toEqual([expect.objectContaining({ doc: 'slip', state: 'printed', error: null })]);
    expect(again.package.trackingNumber).toBe(printed.package.trackingNumber);
    expect(again.print).toEqual(printed.print);
    expect(station.store.carriers.numberCounts()).toEqual(numbers);
    const pkg = packageOf(printed);
    const slipJobs = jobsOf(pkg.id, 'slip');
    expect(slipJobs.map((job) => [job.state, job.is_reprint])).toEqual([
      ['failed', 0],
      ['printed', 0],
    ]);
    // One stored slip, sent twice: the retry did not make a second document.
    expect(new Set(slipJobs.map((job) => job.label_id)).size).toBe(1);
    expect(jobsOf(pkg.id, 'label')).toHaveLength(1);
    expect(printer.jobs).toHaveLength(2);
    expect(printer.jobs[1]).toBe(station.store.shipments.latestLabel(pkg.id, 'zpl', 'slip')?.content.toString('utf8'));

    // Printed once more on purpose: logged as a reprint.
    await call<PackView>('pack:printDocument', { orderId, doc: 'slip' });
    expect(jobsOf(pkg.id, 'slip').map((job) => job.is_reprint)).toEqual([0, 0, 1]);
  });

  it('a label that fails takes its slip with it: the slip follows when the label is printed again', async () => {
    const printer = await faultyPrinter([{ kind: 'close-after', bytes: 10 }]);
    const { orderId, view } = await measuredOrder();
    const failed = await printProposed(orderId, view);
    expect(failed.print?.state).toBe('failed');
    expect(failed.documentPrints).toEqual([]);
    const retried = await call<PackView>('pack:retryPrint', { orderId });
    expect(retried.print?.state).toBe('printed');
    expect(retried.documentPrints).toEqual([expect.objectContaining({ doc: 'slip', state: 'printed' })]);
    expect(printer.jobs).toHaveLength(2);
    // Reprinting the label does not print a slip already printed.
    await call<PackView>('pack:retryPrint', { orderId });
    expect(printer.jobs).toHaveLength(3);
    expect(jobsOf(packageOf(failed).id, 'slip')).toHaveLength(1);
  });
});

describe('office printers and files', () => {
  it('the slip on the OS printer: one job with the printer name, the pages and the PDF', async () => {
    await call('settings:update', { documentPrinters: { slip: { mode: 'os', osPrinter: 'Office HP', page: 'a4', afterLabel: true } } });
    const { orderId, view } = await measuredOrder();
    const printed = await printProposed(orderId, view);
    expect(osJobs).toHaveLength(1);
    const [job] = osJobs;
    expect(job?.printer).toBe('Office HP');
    expect(job?.title).toBe(`Packing slip ${orderId}`);
    expect(job?.pages[0]).toMatchObject({ widthMm: 210, heightMm: 297 });
    expect(Buffer.from(job?.pdf ?? new Uint8Array()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(printed.documentPrints).toEqual([expect.objectContaining({ doc: 'slip', state: 'printed', target: 'os:Office HP' })]);
  });

  it('an OS printer that fails leaves the slip failed with its reason, the label printed', async () => {
    osAnswer = { ok: false, error: 'OS_PRINT_FAILED: Print job failed' };
    await call('settings:update', { documentPrinters: { slip: { mode: 'os', osPrinter: '', afterLabel: true } } });
    const { orderId, view } = await measuredOrder();
    const printed = await printProposed(orderId, view);
    expect(printed.print?.state).toBe('printed');
    expect(printed.documentPrints).toEqual([expect.objectContaining({ doc: 'slip', state: 'failed', error: 'OS_PRINT_FAILED: Print job failed', target: 'os:(default)' })]);
  });

  it('the CN22 of a postal parcel abroad as a PDF file; the Chinese and the tracking number are in it', async () => {
    const folder = dir.file('papers');
    await call('settings:update', { documentPrinters: { customs: { mode: 'folder', folder, page: '4x6', afterLabel: true } } });
    const { orderId, view } = await measuredOrder();
    const printed = await printProposed(orderId, view);
    expect(printed.package.serviceId).toMatch(/^CNPOST-/);
    expect(printed.documentPrints).toEqual([expect.objectContaining({ doc: 'customs', state: 'printed', target: `folder:${folder}` })]);
    const files = readdirSync(folder);
    expect(files).toEqual([`${orderId}-${printed.package.trackingNumber}-customs.pdf`]);
    const text = execFileSync('pdftotext', ['-layout', `${folder}/${files[0]}`, '-'], { encoding: 'utf8' });
    expect(text).toContain('CN 22');
    expect(text).toContain(printed.package.trackingNumber ?? 'missing');
  });

  it('a parcel without a customs form (domestic) prints none and reports nothing wrong', async () => {
    const folder = dir.file('papers');
    await call('settings:update', { documentPrinters: { customs: { mode: 'folder', folder, afterLabel: true } } });
    const { orderId, view } = await measuredOrder('CN');
    const printed = await printProposed(orderId, view);
    expect(printed.print?.state).toBe('printed');
    expect(printed.documentPrints).toEqual([]);
    expect(existsSync(folder)).toBe(false);
  });

  it('a document with no printer is refused with a code the screen explains', async () => {
    const { orderId, view } = await measuredOrder();
    await printProposed(orderId, view);
    await expect(call('pack:printDocument', { orderId, doc: 'slip' })).rejects.toThrow(/DOCUMENT_PRINTER_OFF/);
  });

  it('settings refuse a folder profile without a folder and a Windows share that is not \\\\HOST\\PRINTER', async () => {
    await expect(call('settings:update', { documentPrinters: { slip: { mode: 'folder', folder: ' ' } } })).rejects.toThrow(/PRINTER_FOLDER_MISSING/);
    await expect(call('settings:update', { printer: { mode: 'windows-share', share: 'C:\\labels' } })).rejects.toThrow(/PRINTER_SHARE_INVALID/);
    const saved = await call<{ printer: { share: string } }>('settings:update', { printer: { mode: 'windows-share', share: '\\\\BENCH-PC\\Zebra ZD421' } });
    expect(saved.printer.share).toBe('\\\\BENCH-PC\\Zebra ZD421');
  });
});

describe('migration 4', () => {
  it('labels stored before it stay labels; a document of another kind is refused', () => {
    const file = dir.file('v3.db');
    const db = new Database(file);
    try {
      for (const migration of migrations.slice(0, 3)) migration.up(db);
      db.pragma('user_version = 3');
      // Only the label row matters here: the rows it points at are left out.
      db.pragma('foreign_keys = OFF');
      db.exec(`INSERT INTO labels (package_id, format, dpi, content, created_at) VALUES (1, 'zpl', 203, X'5E58415E585A', '2026-11-01T00:00:00Z')`);
      migrate(db);
      expect(db.prepare('SELECT document FROM labels').all()).toEqual([{ document: 'label' }]);
      expect(() => db.exec(`INSERT INTO labels (package_id, document, format, content, created_at) VALUES (1, 'invoice', 'pdf', X'00', 'now')`)).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });
});
