import { existsSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput, OrderSummary, PackView } from '../../shared/contract';
import { validateTrackingNumber } from '../../shared/domain/tracking';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { closedPort, startFakePrinter } from '../support/fake-printer';
import { stationCalls } from '../support/station-calls';
import { tempDir } from '../support/temp';

const T0 = new Date('2026-11-26T08:00:00.000Z');

let dir: ReturnType<typeof tempDir>;
let station: Station;

const { call, callError } = stationCalls(() => station);

async function scanAll(orderId: string): Promise<PackView> {
  let view = await call<PackView>('pack:open', { orderId });
  for (const line of view.lines) {
    for (let unit = 0; unit < line.quantity; unit += 1) {
      const result = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId, code: line.gtin ?? line.sku });
      expect(result.outcome.code).toBe('SCAN_ACCEPTED');
      view = result.view;
    }
  }
  return view;
}

/** Boxes the closed package and types the weight the scale would show for it. */
async function boxAndWeigh(orderId: string, box: { boxId: string } | { lengthMm: number; widthMm: number; heightMm: number }): Promise<PackView> {
  const boxed = await call<PackView>('pack:setBox', { orderId, ...('boxId' in box ? box : { boxId: null, ...box }) });
  const expected = boxed.expectedWeight?.expectedG;
  if (expected === null || expected === undefined) throw new Error('no expected weight for this package');
  return call<PackView>('pack:setWeight', { orderId, weight: `${expected} g` });
}

async function plainOrder(): Promise<OrderSummary> {
  const queue = await call<OrderSummary[]>('orders:queue', {});
  const order = queue.find((candidate) => candidate.flags.length === 0 && candidate.lineCount === 1 && candidate.unitCount === 1);
  if (!order) throw new Error('demo data has no plain single-unit order');
  return order;
}

beforeEach(async () => {
  dir = tempDir();
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => T0, dataDir: dir.path });
  await call('operators:signIn', { badge: 'OP-1001' });
});

afterEach(() => {
  station.close();
  dir.remove();
});

describe('the demo bench on first start', () => {
  it('has 40 open orders sorted by ship-by deadline, some overdue and some due today', async () => {
    const queue = await call<OrderSummary[]>('orders:queue', {});
    expect(queue).toHaveLength(40);
    const deadlines = queue.map((order) => order.latestShipDate ?? '');
    expect([...deadlines].sort()).toEqual(deadlines);
    const overdue = queue.filter((order) => (order.latestShipDate ?? '') < T0.toISOString());
    const today = queue.filter((order) => (order.latestShipDate ?? '') >= T0.toISOString() && (order.latestShipDate ?? '') < '2026-11-27T00:00:00.000Z');
    expect(overdue.length).toBeGreaterThan(0);
    expect(today.length).toBeGreaterThan(0);
    expect(new Set(queue.map((order) => order.countryCode)).size).toBeGreaterThan(3);
    expect(queue.some((order) => order.flags.includes('lithium'))).toBe(true);
    expect(queue.some((order) => order.flags.includes('dangerous-goods'))).toBe(true);
    expect(queue.some((order) => order.flags.includes('high-value'))).toBe(true);
    expect(queue.some((order) => order.lineCount > 1)).toBe(true);
  });

  it('is seeded once: reopening does not add a second set of orders', async () => {
    station.close();
    station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => T0, dataDir: dir.path });
    expect(await call<OrderSummary[]>('orders:queue', {})).toHaveLength(40);
  });

  it('search finds orders by order id, SKU and buyer', async () => {
    const queue = await call<OrderSummary[]>('orders:queue', {});
    const sample = queue[5] as OrderSummary;
    expect((await call<OrderSummary[]>('orders:queue', { search: sample.orderId })).map((o) => o.orderId)).toEqual([sample.orderId]);
    const bySku = await call<OrderSummary[]>('orders:queue', { search: 'PB-WATCH-TI' });
    expect(bySku.length).toBeGreaterThan(0);
    expect(bySku.every((order) => order.skus.includes('PB-WATCH-TI'))).toBe(true);
    const byBuyer = await call<OrderSummary[]>('orders:queue', { search: (sample.buyerName ?? '').toUpperCase() });
    expect(byBuyer.map((o) => o.orderId)).toContain(sample.orderId);
  });

  it('a scanned order id with stray spaces finds the order', async () => {
    const order = await plainOrder();
    expect(await call('orders:find', { code: `  ${order.orderId} ` })).toEqual({ orderId: order.orderId });
    expect((await callError('orders:find', { code: '999-0000000-0000000' })).code).toBe('ORDER_NOT_FOUND');
  });
});

describe('scanning units against the order', () => {
  it('each accepted scan ticks one unit and is logged; mistakes are refused with their own codes', async () => {
    const order = await plainOrder();
    const view = await call<PackView>('pack:open', { orderId: order.orderId });
    const line = view.lines[0];
    if (!line?.gtin) throw new Error('demo line without GTIN');

    const acknowledge = () => call('pack:command', { orderId: order.orderId, command: 'acknowledge' });
    const unknown = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: order.orderId, code: 'NOT-A-PRODUCT' });
    expect(unknown.outcome).toMatchObject({ accepted: false, code: 'SCAN_UNKNOWN_BARCODE' });
    expect(unknown.view.session.alert?.code).toBe('SCAN_UNKNOWN_BARCODE');
    // Until the error is acknowledged, a scan behind it is refused and not stored.
    const behind = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: order.orderId, code: line.gtin });
    expect(behind.outcome.code).toBe('ALERT_NOT_ACKNOWLEDGED');
    await acknowledge();

    const badDigit = line.gtin.slice(0, -1) + String((Number(line.gtin.slice(-1)) + 1) % 10);
    expect((await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: order.orderId, code: badDigit })).outcome.code).toBe('SCAN_BAD_CHECK_DIGIT');
    await acknowledge();

    const otherSku = line.sku === 'PB-STICKER-PK' ? 'PB-MUG-001' : 'PB-STICKER-PK';
    const wrong = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: order.orderId, code: otherSku });
    expect(wrong.outcome).toMatchObject({ accepted: false, code: 'SCAN_WRONG_ITEM' });
    await acknowledge();

    // The catalogue stores GTIN-14; the unit's label carries a UPC-A (12 digits).
    const upcA = line.gtin.slice(2);
    const accepted = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: order.orderId, code: upcA });
    expect(accepted.outcome).toMatchObject({ accepted: true, code: 'SCAN_ACCEPTED' });
    expect(accepted.view.lines[0]?.scanned).toBe(1);
    expect(accepted.view.allScanned).toBe(true);
    expect(accepted.view.packageClosed).toBe(true);
    expect(accepted.view.package.status).toBe('verified');

    const events = station.store.events.forOrder(order.orderId).filter((event) => event.kind === 'unit' || event.kind === 'rejected');
    expect(events.map((event) => event.result)).toEqual(['SCAN_UNKNOWN_BARCODE', 'SCAN_BAD_CHECK_DIGIT', 'SCAN_WRONG_ITEM', 'SCAN_ACCEPTED']);
    expect(events.every((event) => event.operator === 'packer')).toBe(true);
  });

  it('scanning a second unit when one was ordered is an over-scan', async () => {
    const queue = await call<OrderSummary[]>('orders:queue', {});
    const multi = queue.find((order) => order.unitCount > 1 && order.lineCount > 1 && order.flags.length === 0) as OrderSummary;
    const view = await call<PackView>('pack:open', { orderId: multi.orderId });
    const single = view.lines.find((line) => line.quantity === 1) as PackView['lines'][number];
    await call('pack:scan', { orderId: multi.orderId, code: single.gtin });
    const over = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: multi.orderId, code: single.gtin });
    expect(over.outcome).toMatchObject({ accepted: false, code: 'SCAN_OVER_SCAN' });
    expect(over.view.lines.find((line) => line.sku === single.sku)?.scanned).toBe(1);
  });

  it('a retried scan request with the same scan id is applied once', async () => {
    const order = await plainOrder();
    const view = await call<PackView>('pack:open', { orderId: order.orderId });
    const code = view.lines[0]?.gtin ?? '';
    const first = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: order.orderId, code, scanId: 'scan-0001-abcd' });
    const again = await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId: order.orderId, code, scanId: 'scan-0001-abcd' });
    expect(first.outcome.code).toBe('SCAN_ACCEPTED');
    expect(again.outcome).toMatchObject({ accepted: true, code: 'SCAN_ACCEPTED', data: { duplicate: true } });
    expect(again.view.lines[0]?.scanned).toBe(1);
    expect(again.view.session.alert).toBeNull();
  });

  it('nothing can be packed before someone signs in', async () => {
    await call('operators:signOut', {});
    const order = await plainOrder();
    expect((await callError('pack:open', { orderId: order.orderId })).code).toBe('NOT_SIGNED_IN');
  });

  it('the box cannot be chosen before every unit is scanned', async () => {
    const queue = await call<OrderSummary[]>('orders:queue', {});
    const multi = queue.find((order) => order.unitCount > 1 && order.flags.length === 0) as OrderSummary;
    await call('pack:open', { orderId: multi.orderId });
    expect((await callError('pack:setBox', { orderId: multi.orderId, boxId: 'BOX-M' })).code).toBe('PACK_NOT_VERIFIED');
  });

  it('a cancelled order cannot be opened for packing', async () => {
    const order = await plainOrder();
    station.store.orders.setStatus(order.orderId, 'cancelled', T0.toISOString());
    expect((await callError('pack:open', { orderId: order.orderId })).code).toBe('ORDER_CANCELLED');
  });
});

describe('box, weight, checks and the label', () => {
  it('prints to a raw TCP printer: one number from the range, a stored label, a print job and a queued confirmation', async () => {
    const printer = await startFakePrinter();
    try {
      await call('settings:update', { printer: { mode: 'tcp', host: '127.0.0.1', port: printer.port } });
      const order = await plainOrder();
      await scanAll(order.orderId);
      const weighed = await boxAndWeigh(order.orderId, { boxId: 'BOX-M' });
      expect(weighed.package.weightG).toBe(weighed.expectedWeight?.expectedG);
      expect(weighed.expectedWeight?.ok).toBe(true);
      expect(weighed.findings.filter((finding) => finding.severity === 'block')).toEqual([]);
      const china = weighed.services.find((service) => service.serviceId === 'CNPOST-REG-SP');
      expect(china?.eligible).toBe(true);

      const printed = await call<PackView>('pack:printLabel', { orderId: order.orderId, serviceId: 'CNPOST-REG-SP', reasonCode: 'BUYER_REQUEST' });
      const tracking = printed.package.trackingNumber ?? '';
      expect(tracking).toMatch(/^RR\d{9}CN$/);
      expect(validateTrackingNumber('upu-s10', tracking)).toEqual({ ok: true });
      expect(printed.print).toMatchObject({ state: 'printed' });
      expect(printed.package.status).toBe('printed');
      const [job] = await printer.waitForJobs(1);
      expect(job).toContain('^XA');
      expect(job).toContain(tracking);

      const outbox = station.store.outbox.forOrder(order.orderId);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ kind: 'confirm-shipment', state: 'pending', confirmBy: order.latestShipDate });
      expect(outbox[0]?.payload).toMatchObject({ trackingNumber: tracking, carrierCode: 'China Post' });

      // The order leaves the queue and cannot be labelled twice.
      const queue = await call<OrderSummary[]>('orders:queue', {});
      expect(queue.map((o) => o.orderId)).not.toContain(order.orderId);
      expect((await callError('pack:printLabel', { orderId: order.orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).code).toBe('ORDER_NOT_PACKABLE');
      expect(station.store.orders.get(order.orderId)?.status).toBe('packed');

      const pdf = await call<ChannelOutput<'labels:get'>>('labels:get', { orderId: order.orderId, format: 'pdf' });
      expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await printer.close();
    }
  });

  it('a printer that is off keeps the label and its number; the retry prints the same number', async () => {
    const deadPort = await closedPort();
    await call('settings:update', { printer: { mode: 'tcp', host: '127.0.0.1', port: deadPort, timeoutMs: 1000 } });
    const order = await plainOrder();
    await scanAll(order.orderId);
    await boxAndWeigh(order.orderId, { boxId: 'BOX-S' });
    const failed = await call<PackView>('pack:printLabel', { orderId: order.orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' });
    expect(failed.print).toMatchObject({ state: 'failed' });
    expect(failed.print?.error).toMatch(/ECONNREFUSED/);
    const tracking = failed.package.trackingNumber;
    expect(tracking).toMatch(/^\d{10}$/);

    const printer = await startFakePrinter();
    try {
      await call('settings:update', { printer: { port: printer.port } });
      const retried = await call<PackView>('pack:retryPrint', { orderId: order.orderId });
      expect(retried.print).toMatchObject({ state: 'printed' });
      expect(retried.package.trackingNumber).toBe(tracking);
      const [job] = await printer.waitForJobs(1);
      expect(job).toContain(tracking ?? 'missing');
      expect(station.store.carriers.remaining('DHL-EXP-WW')).toBe(10_000 - 1);
    } finally {
      await printer.close();
    }
  });

  it('folder mode writes the ZPL and the PDF label files', async () => {
    const order = await plainOrder();
    await call('settings:update', { printer: { mode: 'folder', folder: dir.file('out') } });
    await scanAll(order.orderId);
    // A custom box has no tare: the weight check cannot run and only warns.
    await call('pack:setBox', { orderId: order.orderId, boxId: null, lengthMm: 200, widthMm: 150, heightMm: 100 });
    const weighed = await call<PackView>('pack:setWeight', { orderId: order.orderId, weight: '1 lb' });
    expect(weighed.findings.map((finding) => [finding.code, finding.severity])).toContainEqual(['WEIGHT_UNKNOWN_TARE', 'warn']);
    const printed = await call<PackView>('pack:printLabel', { orderId: order.orderId, serviceId: 'FEDEX-IP', reasonCode: 'BUYER_REQUEST' });
    expect(printed.print?.state).toBe('printed');
    const files = readdirSync(dir.file('out')).sort();
    expect(files).toEqual([`${order.orderId}-${printed.package.trackingNumber}.pdf`, `${order.orderId}-${printed.package.trackingNumber}.zpl`]);
    expect(existsSync(dir.file(`out/${files[0]}.part`))).toBe(false);
  });

  it('a carton side over 63.5 cm blocks the label and names the limit and the value', async () => {
    const order = await plainOrder();
    await scanAll(order.orderId);
    const view = await call<PackView>('pack:setBox', { orderId: order.orderId, boxId: null, lengthMm: 640, widthMm: 300, heightMm: 200 });
    await call('pack:setWeight', { orderId: order.orderId, weight: '2 kg' });
    const after = await call<PackView>('pack:open', { orderId: order.orderId });
    expect(view.package.lengthMm).toBe(640);
    expect(after.findings).toContainEqual(expect.objectContaining({ code: 'CARTON_SIDE_TOO_LONG', severity: 'block', data: expect.objectContaining({ limit: 635, value: 640 }) }));
    expect(after.services.every((service) => !service.eligible)).toBe(true);
    expect((await callError('pack:printLabel', { orderId: order.orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).code).toBe('CARTON_SIDE_TOO_LONG');
    expect(station.store.carriers.remaining('DHL-EXP-WW')).toBe(10_000);
  });

  it('a weight far from what the contents should weigh blocks the label until a supervisor accepts it', async () => {
    const order = await plainOrder();
    await scanAll(order.orderId);
    const boxed = await call<PackView>('pack:setBox', { orderId: order.orderId, boxId: 'BOX-M' });
    const expected = boxed.expectedWeight?.expectedG ?? 0;
    const tolerance = boxed.expectedWeight?.toleranceG ?? 0;
    const atEdge = await call<PackView>('pack:setWeight', { orderId: order.orderId, weight: `${expected + tolerance} g` });
    expect(atEdge.expectedWeight).toMatchObject({ ok: true, differenceG: tolerance });
    const over = await call<PackView>('pack:setWeight', { orderId: order.orderId, weight: `${expected + tolerance + 1} g` });
    expect(over.findings).toContainEqual(expect.objectContaining({ code: 'WEIGHT_OUT_OF_TOLERANCE', severity: 'block', data: expect.objectContaining({ expectedG: expected }) }));
    expect((await callError('pack:printLabel', { orderId: order.orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).code).toBe('WEIGHT_OUT_OF_TOLERANCE');
    expect((await callError('pack:weightOverride', { orderId: order.orderId, reasonCode: 'SCANNER_FAULT' })).code).toBe('SUPERVISOR_REQUIRED');
    const accepted = await call<PackView>('pack:weightOverride', { orderId: order.orderId, reasonCode: 'SCANNER_FAULT', supervisor: { badge: 'OP-9001' } });
    expect(accepted.weightOverride).toBe('SCANNER_FAULT');
    expect(accepted.findings.find((finding) => finding.code === 'WEIGHT_OUT_OF_TOLERANCE')?.severity).toBe('warn');
    expect((await call<PackView>('pack:printLabel', { orderId: order.orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).package.trackingNumber).not.toBeNull();
  });

  it('the suggested box is shown for the closed package and taking it is recorded', async () => {
    const order = await plainOrder();
    const closed = await scanAll(order.orderId);
    expect(closed.boxSuggestion?.kind).toBe('suggestion');
    const suggested = closed.boxSuggestion?.kind === 'suggestion' ? closed.boxSuggestion.boxId : '';
    await call('pack:setBox', { orderId: order.orderId, boxId: suggested });
    const pkg = station.store.shipments.get(closed.package.id);
    expect(pkg).toMatchObject({ suggestedBoxId: suggested, suggestionTaken: true });
  });

  it('China Post refuses a package over 2 kg while DHL takes it', async () => {
    const order = await plainOrder();
    await scanAll(order.orderId);
    await call('pack:setBox', { orderId: order.orderId, boxId: 'BOX-M' });
    await call('pack:setWeight', { orderId: order.orderId, weight: '2.5 kg' });
    // Heavier than its contents should be: a supervisor accepts it (e.g. extra cushioning).
    const view = await call<PackView>('pack:weightOverride', { orderId: order.orderId, reasonCode: 'SCANNER_FAULT', supervisor: { badge: 'OP-9001' } });
    const china = view.services.find((service) => service.serviceId === 'CNPOST-REG-SP');
    expect(china?.eligible).toBe(false);
    expect(china?.findings.map((finding) => finding.code)).toContain('SERVICE_TOO_HEAVY');
    expect(view.services.find((service) => service.serviceId === 'DHL-EXP-WW')?.eligible).toBe(true);
    expect((await callError('pack:printLabel', { orderId: order.orderId, serviceId: 'CNPOST-REG-SP', reasonCode: 'BUYER_REQUEST' })).code).toBe('SERVICE_TOO_HEAVY');
  });

  it('the lithium order may go by express but not by China Post', async () => {
    const queue = await call<OrderSummary[]>('orders:queue', {});
    const lithium = queue.find((order) => order.flags.includes('lithium')) as OrderSummary;
    await scanAll(lithium.orderId);
    const view = await boxAndWeigh(lithium.orderId, { boxId: 'BOX-M' });
    expect(view.findings.filter((finding) => finding.severity === 'block')).toEqual([]);
    expect(view.lithiumMark).toBe(false);
    expect(view.services.find((s) => s.serviceId === 'CNPOST-REG-SP')?.findings.map((f) => f.code)).toContain('SERVICE_REFUSES_LITHIUM');
    expect(view.services.find((s) => s.serviceId === 'DHL-EXP-WW')?.eligible).toBe(true);
  });

  it('the dangerous-goods order is blocked for every service', async () => {
    const queue = await call<OrderSummary[]>('orders:queue', {});
    const dg = queue.find((order) => order.flags.includes('dangerous-goods')) as OrderSummary;
    await scanAll(dg.orderId);
    const view = await boxAndWeigh(dg.orderId, { boxId: 'BOX-S' });
    expect(view.findings.map((finding) => finding.code)).toContain('DANGEROUS_GOODS_FORBIDDEN');
    expect(view.services.every((service) => !service.eligible)).toBe(true);
    expect((await callError('pack:printLabel', { orderId: dg.orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).code).toBe('DANGEROUS_GOODS_FORBIDDEN');
  });

  it('an unreadable weight is refused with its code and changes nothing', async () => {
    const order = await plainOrder();
    await scanAll(order.orderId);
    expect((await callError('pack:setWeight', { orderId: order.orderId, weight: 'heavy' })).code).toBe('WEIGHT_UNREADABLE');
    expect((await call<PackView>('pack:open', { orderId: order.orderId })).package.weightG).toBeNull();
  });
});

describe('the IPC dispatcher', () => {
  it('refuses unknown channels and malformed input as data, not exceptions', async () => {
    expect((await callError('orders:drop', {})).code).toBe('UNKNOWN_CHANNEL');
    expect((await callError('pack:scan', { orderId: 42 })).code).toBe('INPUT_INVALID');
    expect((await callError('settings:update', { printer: { port: 70000 } })).code).toBe('INPUT_INVALID');
  });
});
