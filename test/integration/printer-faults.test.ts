import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput, PackView } from '../../shared/contract';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { parseHostStatus, printerStatus, sendRawTcp } from '../../electron/services/printer';
import { closedPort } from '../support/fake-printer';
import { hostStatusReply, startFaultyPrinter } from '../support/faulty-printer';
import type { FaultBehaviour, FaultyPrinter } from '../support/faulty-printer';
import { insertTestOrder } from '../support/orders';
import { stationCalls } from '../support/station-calls';
import { packAndWeigh } from '../support/pack-steps';
import { tempDir } from '../support/temp';

// A printer that refuses, drops a job part-way, stalls, and then comes back: the label and its
// tracking number are made once, the failure is on screen, and the retry prints that same
// label exactly once.

const NOW = new Date('2026-11-26T08:00:00.000Z');
const TIMEOUT_MS = 1500;
let dir: ReturnType<typeof tempDir>;
let station: Station;
let sequence = 0;
const printers: FaultyPrinter[] = [];

const { call } = stationCalls(() => station);

async function usePrinter(port: number): Promise<void> {
  await call('settings:update', { printer: { mode: 'tcp', host: '127.0.0.1', port, timeoutMs: TIMEOUT_MS } });
}

async function faultyPrinter(plan: FaultBehaviour[], port = 0): Promise<FaultyPrinter> {
  const printer = await startFaultyPrinter(plan, port);
  printers.push(printer);
  return printer;
}

/** An order scanned, boxed and weighed as the scale would read it: ready for its label. */
async function measuredOrder(): Promise<{ orderId: string; view: PackView }> {
  sequence += 1;
  const orderId = insertTestOrder(
    station.store,
    `906-${String(sequence).padStart(7, '0')}-0000001`,
    [
      { sku: 'PB-SOCK-3P', quantity: 1 },
      { sku: 'PB-CABLE-C2', quantity: 1 },
    ],
    { countryCode: 'US', latestShipDate: '2026-11-27T20:00:00.000Z', latestDeliveryDate: '2026-12-22T20:00:00.000Z', now: NOW.toISOString() },
  );
  const view = await packAndWeigh(call, orderId, 'MAILER-S');
  return { orderId, view };
}

function storedLabels(packageId: number): Array<{ format: string; n: number }> {
  return station.store.db.prepare('SELECT format, count(*) AS n FROM labels WHERE package_id = ? GROUP BY format ORDER BY format').all(packageId) as Array<{
    format: string;
    n: number;
  }>;
}

function printJobs(packageId: number): Array<{ state: string; last_error: string | null; is_reprint: number }> {
  return station.store.db
    .prepare('SELECT j.state, j.last_error, j.is_reprint FROM print_jobs j JOIN labels l ON l.id = j.label_id WHERE l.package_id = ? ORDER BY j.id')
    .all(packageId) as Array<{ state: string; last_error: string | null; is_reprint: number }>;
}

/**
 * Prints the proposal's label into a printer that fails, checks what the bench kept, then
 * retries against the printer come back and checks that the same label arrived once.
 */
async function printThroughFault(printer: FaultyPrinter, expectedError: RegExp): Promise<void> {
  const { orderId, view } = await measuredOrder();
  const serviceId = view.proposal?.serviceId;
  if (!serviceId) throw new Error('no proposal for the test order');
  const numbersBefore = station.store.carriers.numberCounts();

  const failed = await call<PackView>('pack:printLabel', { orderId, serviceId });
  const tracking = failed.package.trackingNumber;
  expect(tracking).toBeTruthy();
  expect(failed.print?.state).toBe('failed');
  expect(failed.print?.error).toMatch(expectedError);
  expect(failed.package.status).toBe('labelled');
  const pkg = station.store.shipments.findByTracking(tracking ?? '');
  if (!pkg) throw new Error('the labelled package is not stored');
  expect(storedLabels(pkg.id)).toEqual([
    { format: 'pdf', n: 1 },
    { format: 'zpl', n: 1 },
  ]);
  expect(printJobs(pkg.id)).toEqual([{ state: 'failed', last_error: failed.print?.error, is_reprint: 0 }]);
  expect(printer.jobs).toEqual([]);
  const numbersAfterLabel = station.store.carriers.numberCounts();
  expect(numbersAfterLabel.labelled + numbersAfterLabel.allocated).toBe(numbersBefore.labelled + numbersBefore.allocated + 1);

  const retried = await call<PackView>('pack:retryPrint', { orderId });
  expect(retried.print?.state).toBe('printed');
  expect(retried.print?.error).toBeNull();
  expect(retried.package.trackingNumber).toBe(tracking);
  expect(retried.package.status).toBe('printed');
  expect(station.store.carriers.numberCounts()).toEqual(numbersAfterLabel);
  expect(storedLabels(pkg.id)).toEqual([
    { format: 'pdf', n: 1 },
    { format: 'zpl', n: 1 },
  ]);
  // A retry after a failure is the first print, not a reprint.
  expect(printJobs(pkg.id).map((job) => [job.state, job.is_reprint])).toEqual([
    ['failed', 0],
    ['printed', 0],
  ]);
  expect(printer.jobs).toHaveLength(1);
  const [job] = printer.jobs;
  expect(job?.startsWith('^XA')).toBe(true);
  expect(job?.trimEnd().endsWith('^XZ')).toBe(true);
  expect(job).toContain(tracking ?? 'missing');
  expect(job).toBe(station.store.shipments.latestLabel(pkg.id, 'zpl')?.content.toString('utf8'));
}

beforeEach(async () => {
  dir = tempDir();
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path });
  await call('operators:signIn', { badge: 'OP-1001' });
});

afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
  station.close();
  dir.remove();
});

describe('a printer that fails never costs a label nor prints one twice', () => {
  it('switched off (the connection is refused), then switched on: the retry prints the same number once', async () => {
    const port = await closedPort();
    await usePrinter(port);
    const { orderId, view } = await measuredOrder();
    const serviceId = view.proposal?.serviceId ?? '';
    const failed = await call<PackView>('pack:printLabel', { orderId, serviceId });
    expect(failed.print?.state).toBe('failed');
    expect(failed.print?.error).toMatch(/^PRINTER_REFUSED: .*ECONNREFUSED/);
    const numbers = station.store.carriers.numberCounts();

    const printer = await faultyPrinter([], port);
    const retried = await call<PackView>('pack:retryPrint', { orderId });
    expect(retried.print?.state).toBe('printed');
    expect(retried.package.trackingNumber).toBe(failed.package.trackingNumber);
    expect(station.store.carriers.numberCounts()).toEqual(numbers);
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]).toContain(failed.package.trackingNumber ?? 'missing');
  });

  it('accepts, then drops the job after 200 bytes: failed as closed early; the retry sends the whole label once', async () => {
    const printer = await faultyPrinter([{ kind: 'close-after', bytes: 200 }]);
    await usePrinter(printer.port);
    await printThroughFault(printer, /^PRINTER_CLOSED_EARLY: /);
    expect(printer.partials).toHaveLength(1);
    expect(printer.partials[0]).toHaveLength(200);
    expect(printer.connections()).toBe(2);
  });

  it('stalls (never reads): the bench gives up after the timeout; the retry prints once', async () => {
    const printer = await faultyPrinter([{ kind: 'stall' }]);
    await usePrinter(printer.port);
    const started = Date.now();
    await printThroughFault(printer, /^PRINTER_TIMEOUT: .*1500 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(printer.connections()).toBe(2);
  });

  it('comes back: the first attempt is dropped at the first byte, the retry succeeds on the same printer', async () => {
    const printer = await faultyPrinter([{ kind: 'close-after', bytes: 1 }]);
    await usePrinter(printer.port);
    await printThroughFault(printer, /^PRINTER_CLOSED_EARLY: /);
  });
});

describe('sending raw bytes', () => {
  it('counts a label as printed only when the printer has read it to the end and closed', async () => {
    const printer = await faultyPrinter([]);
    const label = '^XA^FO10,10^FDhello^FS^XZ';
    expect(await sendRawTcp('127.0.0.1', printer.port, new TextEncoder().encode(label), TIMEOUT_MS)).toEqual({ ok: true });
    expect(printer.jobs).toEqual([label]);
  });

  it('a large label dropped part-way is reported with how far it got', async () => {
    const printer = await faultyPrinter([{ kind: 'close-after', bytes: 64 * 1024 }]);
    const outcome = await sendRawTcp('127.0.0.1', printer.port, new Uint8Array(4 * 1024 * 1024).fill(0x41), TIMEOUT_MS);
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/^PRINTER_CLOSED_EARLY: .* of 4194304 bytes/) });
    expect(printer.jobs).toEqual([]);
  });
});

describe('printer status (~HS)', () => {
  it.each([
    ['paper out', { paperOut: true }, { paperOut: true, paused: false, headOpen: false, ready: false }],
    ['paused', { paused: true }, { paperOut: false, paused: true, headOpen: false, ready: false }],
    ['head open', { headOpen: true }, { paperOut: false, paused: false, headOpen: true, ready: false }],
    ['ribbon out', { ribbonOut: true }, { ribbonOut: true, ready: false }],
    ['ready with 3 labels left in the batch', { labelsRemaining: 3 }, { paperOut: false, paused: false, headOpen: false, ribbonOut: false, labelsRemaining: 3, ready: true }],
  ])('a printer that is %s says so', async (_name, flags, expected) => {
    const printer = await faultyPrinter([{ kind: 'status', reply: hostStatusReply(flags) }]);
    const status = await printerStatus('127.0.0.1', printer.port, TIMEOUT_MS);
    expect(status).toMatchObject({ reachable: true, labelLengthDots: 1218, ...expected });
  });

  it('a printer that accepts but never answers is reported after the timeout, not as switched off', async () => {
    const printer = await faultyPrinter([{ kind: 'stall' }]);
    const status = await printerStatus('127.0.0.1', printer.port, 500);
    expect(status).toMatchObject({ reachable: false, error: expect.stringMatching(/^PRINTER_NO_STATUS: .*500 ms/) });
  });

  it('a printer that is off is unreachable', async () => {
    const status = await printerStatus('127.0.0.1', await closedPort(), 500);
    expect(status).toMatchObject({ reachable: false, error: expect.stringMatching(/^PRINTER_REFUSED: /) });
  });

  it('the bench asks the printer through the station: out of labels and paused, in codes the screen translates', async () => {
    const printer = await faultyPrinter([{ kind: 'status', reply: hostStatusReply({ paperOut: true, paused: true }) }]);
    await usePrinter(printer.port);
    expect(await call<ChannelOutput<'printer:status'>>('printer:status', {})).toEqual({ supported: true, reachable: true, ready: false, problems: ['paper-out', 'paused'], detail: null });
    await call('settings:update', { printer: { mode: 'folder', folder: dir.file('labels') } });
    expect(await call<ChannelOutput<'printer:status'>>('printer:status', {})).toMatchObject({ supported: false });
  });

  it('a reply cut short is not read as a status', () => {
    const reply = hostStatusReply({ paperOut: true });
    expect(parseHostStatus(reply.slice(0, reply.lastIndexOf('\u0002') + 3))).toBeNull();
    expect(parseHostStatus(reply)).toMatchObject({ paperOut: true });
  });
});
