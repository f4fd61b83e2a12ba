import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import type { PackView } from '../../shared/contract';
import { LABEL_4X6_MM } from '../../shared/label/label-model';
import { insertTestOrder } from '../support/orders';
import { stationCalls } from '../support/station-calls';
import { packAndWeigh } from '../support/pack-steps';
import { tempDir } from '../support/temp';
import { requireTool } from '../support/tools';
import { renderZplPng, scanBarcode, scanBarcodes } from '../support/zpl-render';

// `npx packbench label`: the documents of an order already packed, written from a script.
// One station database is packed once (a postal parcel and an express one to the US, and an
// order left unpacked) and every test reads it through the CLI.

const NOW = new Date('2026-11-26T08:00:00.000Z');
let dir: ReturnType<typeof tempDir>;
let db: string;
let postal: PackView;
let express: PackView;
const UNPACKED = '905-0000099-0000003';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = tempDir();
  db = dir.file('bench.db');
  let station: Station | null = openStation({ dbPath: db, host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path });
  const { call } = stationCalls(() => station as Station);
  await call('operators:signIn', { badge: 'OP-1001' });
  await call('settings:update', { printer: { mode: 'folder', folder: dir.file('labels') } });
  let sequence = 0;
  const printed = async (lines: Array<{ sku: string; quantity: number }>, boxId: string): Promise<PackView> => {
    sequence += 1;
    const orderId = insertTestOrder((station as Station).store, `905-${String(sequence).padStart(7, '0')}-0000003`, lines, {
      latestShipDate: '2026-11-27T20:00:00.000Z',
      latestDeliveryDate: '2026-12-22T20:00:00.000Z',
      now: NOW.toISOString(),
    });
    const view = await packAndWeigh(call, orderId, boxId);
    return call<PackView>('pack:printLabel', { orderId, serviceId: view.proposal?.serviceId });
  };
  postal = await printed(
    [
      { sku: 'PB-SOCK-3P', quantity: 2 },
      { sku: 'PB-CABLE-C2', quantity: 1 },
    ],
    'MAILER-S',
  );
  express = await printed(
    [
      { sku: 'PB-KNIFE-SET', quantity: 1 },
      { sku: 'PB-KETTLE-17', quantity: 1 },
    ],
    'BOX-M',
  );
  insertTestOrder(station.store, UNPACKED, [{ sku: 'PB-SOCK-3P', quantity: 1 }], { now: NOW.toISOString() });
  station.close();
  station = null;
}, 60_000);

afterAll(() => dir.remove());

const hasPoppler = requireTool('pdftotext', 'poppler-utils') && requireTool('pdftoppm', 'poppler-utils');
const hasZbar = requireTool('zbarimg', 'zbar-tools');

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('npx packbench label', () => {
  it('the packed orders went by post and by express, as the test needs', () => {
    expect(postal.package.serviceId).toMatch(/^CNPOST-/);
    expect(express.package.serviceId).toBe('DHL-EXP-WW');
  });

  it('writes the label as ZPL at 203 and 300 dpi, and it scans back to the tracking number', async () => {
    for (const dpi of ['203', '300'] as const) {
      const out = dir.file(`label-${dpi}.zpl`);
      const result = await run(['label', express.order.orderId, '--format', 'zpl', '--dpi', dpi, '--out', out, '--db', db]);
      expect(result).toMatchObject({ code: 0, err: [] });
      expect(result.out[0]).toMatch(new RegExp(`label of ${express.order.orderId}, 1 page\\(s\\), zpl at ${dpi} dpi`));
      const zpl = readFileSync(out, 'utf8');
      expect(zpl.startsWith('^XA') || zpl.includes('^XA')).toBe(true);
      expect(zpl).toContain(express.package.trackingNumber ?? 'missing');
      if (!hasZbar) continue;
      const png = dir.file(`label-${dpi}.png`);
      writeFileSync(png, await renderZplPng(zpl, LABEL_4X6_MM.widthMm, LABEL_4X6_MM.heightMm, Number(dpi) as 203 | 300));
      // DHL's label also carries a GS1-128 routing code (AI 421): the plain Code 128 is the tracking number.
      const symbols = scanBarcodes(png);
      expect(symbols.filter((symbol) => symbol.type === 'CODE-128' && !symbol.gs1).map((symbol) => symbol.data)).toEqual([express.package.trackingNumber]);
      expect(symbols.some((symbol) => symbol.gs1 && symbol.data.startsWith('421'))).toBe(true);
    }
  });

  it.skipIf(!hasPoppler)('writes the label as PDF with the tracking number in it', async () => {
    const out = dir.file('label.pdf');
    expect((await run(['label', express.order.orderId, '--format', 'pdf', '--out', out, '--db', db])).code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(out)).toContain(express.package.trackingNumber ?? 'missing');
  });

  it.skipIf(!hasPoppler || !hasZbar)('writes a packing slip PDF whose Code 128 decodes to the order id, listing the items', async () => {
    const out = dir.file('slip.pdf');
    const result = await run(['label', postal.order.orderId, '--doc', 'slip', '--format', 'pdf', '--out', out, '--db', db]);
    expect(result.code).toBe(0);
    const text = pdfText(out);
    for (const expected of ['PACKING SLIP', 'PB-SOCK-3P', 'Merino socks, 3 pairs', 'PB-CABLE-C2', 'Package 1 of 1']) expect(text).toContain(expected);
    // pdftotext may close up the spaces of "2 / 2" (units in this package / ordered).
    expect(text).toMatch(/PB-SOCK-3P.*2 ?\/ ?2/);
    expect(text).toMatch(/PB-CABLE-C2.*1 ?\/ ?1/);
    const prefix = dir.file('slip-203');
    execFileSync('pdftoppm', ['-png', '-r', '203', '-singlefile', out, prefix]);
    const scanned = scanBarcode(`${prefix}.png`);
    expect(scanned).toBe(postal.order.orderId);
    // Scanned at the queue, as the wedge types it (with its Enter), it opens this order.
    const station = openStation({ dbPath: db, host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path, demo: false });
    try {
      expect(station.queue.find(`${scanned}\r\n`)).toEqual({ orderId: postal.order.orderId });
    } finally {
      station.close();
    }
  });

  it.skipIf(!hasZbar)('writes a 4×6 packing slip in ZPL whose barcode decodes to the order id at 203 and 300 dpi', async () => {
    for (const dpi of [203, 300] as const) {
      const out = dir.file(`slip-${dpi}.zpl`);
      expect((await run(['label', postal.order.orderId, '--doc', 'slip', '--format', 'zpl', '--dpi', String(dpi), '--out', out, '--db', db])).code).toBe(0);
      const png = dir.file(`slip-${dpi}.png`);
      writeFileSync(png, await renderZplPng(readFileSync(out, 'utf8'), LABEL_4X6_MM.widthMm, LABEL_4X6_MM.heightMm, dpi));
      expect(scanBarcode(png)).toBe(postal.order.orderId);
    }
  });

  it.skipIf(!hasPoppler)('writes a CN22 for the international postal parcel, with each item, its HS code and the totals', async () => {
    const out = dir.file('cn22.pdf');
    const result = await run(['label', postal.order.orderId, '--doc', 'customs', '--format', 'pdf', '--out', out, '--db', db]);
    expect(result.code).toBe(0);
    const text = pdfText(out);
    for (const expected of ['CUSTOMS DECLARATION', 'CN 22', 'Sale of goods', '6115.94', '8544.42', 'Total value 58.97 USD', postal.package.trackingNumber ?? 'missing']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Total weight \d+\.\d{3} kg/);
  });

  it('without --dpi gives back the stored label exactly as it was printed', async () => {
    const out = dir.file('as-printed.zpl');
    const result = await run(['label', express.order.orderId, '--format', 'zpl', '--out', out, '--db', db]);
    expect(result.code).toBe(0);
    const station = openStation({ dbPath: db, host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path, demo: false });
    try {
      const stored = station.store.shipments.latestLabel(express.package.id, 'zpl');
      expect(readFileSync(out).equals(stored?.content ?? Buffer.alloc(0))).toBe(true);
    } finally {
      station.close();
    }
  });

  it('refuses a customs form for an express parcel: that one needs a commercial invoice', async () => {
    const result = await run(['label', express.order.orderId, '--doc', 'customs', '--format', 'pdf', '--out', dir.file('x.pdf'), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/commercial invoice.*\[CUSTOMS_INVOICE_REQUIRED\]$/);
  });

  it('refuses an order that is not packed yet, and one that is not there, with exit code 1', async () => {
    const unpacked = await run(['label', UNPACKED, '--format', 'zpl', '--out', dir.file('u.zpl'), '--db', db]);
    expect(unpacked.code).toBe(1);
    expect(unpacked.err[0]).toMatch(/has no labelled package yet.*\[ORDER_NOT_PACKED\]$/);
    const unknown = await run(['label', '999-9999999-9999999', '--format', 'zpl', '--out', dir.file('u.zpl'), '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toMatch(/\[ORDER_NOT_FOUND\]$/);
  });

  it.each([
    [['--doc', 'invoice', '--format', 'pdf'], /--doc must be one of label, slip, customs, manifest, not "invoice"/],
    [['--format', 'png'], /--format must be zpl or pdf for --doc label, not "png"/],
    [['--format', 'zpl', '--dpi', '600'], /--dpi must be 203 or 300, not "600"/],
    [['--doc', 'slip', '--format', 'pdf', '--page', 'letter'], /--page must be one of 4x6, a6, a4/],
  ])('refuses %j with exit code 2 and says what is allowed', async (args, message) => {
    const result = await run(['label', express.order.orderId, ...args, '--out', dir.file('bad'), '--db', db]);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(message);
  });

  it('asks for --out and the order, and names a database that is not there', async () => {
    expect((await run(['label', express.order.orderId, '--format', 'zpl', '--db', db])).err[0]).toMatch(/--out FILE/);
    expect((await run(['label', '--format', 'zpl', '--out', dir.file('a'), '--db', db])).code).toBe(2);
    const missing = await run(['label', express.order.orderId, '--format', 'zpl', '--out', dir.file('a'), '--db', dir.file('nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/There is no station database at/);
  });

  it('writes the DHL manifest of the day: a draft before close-out, the closed one after; closing twice finds nothing', async () => {
    const csvOut = dir.file('draft.csv');
    const draft = await run(['label', '--doc', 'manifest', '--carrier', 'DHL', '--day', '2026-11-26', '--format', 'csv', '--out', csvOut, '--db', db]);
    expect(draft.code).toBe(0);
    expect(draft.out[0]).toMatch(/DRAFT/);
    expect(readFileSync(csvOut, 'utf8').split('\r\n')[1]).toContain(express.package.trackingNumber ?? 'missing');

    const closed = await run(['manifest-close', '--carrier', 'DHL', '--day', '2026-11-26', '--by', 'Li Wei', '--db', db]);
    expect(closed.code).toBe(0);
    expect(closed.out[0]).toMatch(/^Manifest \d+: 1 package\(s\)/);
    const again = await run(['manifest-close', '--carrier', 'DHL', '--day', '2026-11-26', '--by', 'Li Wei', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/\[MANIFEST_NOTHING_TO_CLOSE\]$/);

    const pdfOut = dir.file('manifest.pdf');
    const written = await run(['label', '--doc', 'manifest', '--carrier', 'DHL', '--day', '2026-11-26', '--format', 'pdf', '--out', pdfOut, '--db', db]);
    expect(written.code).toBe(0);
    expect(written.out[0]).toMatch(/manifest \d+\.$/);
    if (hasPoppler) expect(pdfText(pdfOut)).toContain(express.package.trackingNumber ?? 'missing');

    const noCarrier = await run(['label', '--doc', 'manifest', '--day', '2026-11-26', '--format', 'pdf', '--out', pdfOut, '--db', db]);
    expect(noCarrier.code).toBe(2);
    const badDay = await run(['label', '--doc', 'manifest', '--carrier', 'DHL', '--day', '2026-13-01', '--format', 'pdf', '--out', pdfOut, '--db', db]);
    expect(badDay.code).toBe(1);
    expect(badDay.err[0]).toMatch(/\[DAY_INVALID\]$/);
  });
});
