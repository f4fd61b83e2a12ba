import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackView, ShiftProductivityView } from '../../shared/contract';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { insertTestOrder } from '../support/orders';
import { packAndWeigh } from '../support/pack-steps';
import { stationCalls } from '../support/station-calls';
import { tempDir } from '../support/temp';
import { requireTool } from '../support/tools';

// The shift report from the bench's own log: what each packer packed, how fast, their
// mistakes and overrides, as figures, CSV and an A4 PDF.

let dir: ReturnType<typeof tempDir>;
let station: Station;
let nowMs = Date.parse('2026-11-26T06:00:00.000Z');
const { call } = stationCalls(() => station);
const hasPoppler = requireTool('pdftotext', 'poppler-utils');

beforeEach(async () => {
  dir = tempDir();
  nowMs = Date.parse('2026-11-26T06:00:00.000Z');
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => new Date(nowMs), dataDir: dir.path });
  await call('operators:signIn', { badge: 'OP-9001' });
  await call('settings:update', { idleSignOutMinutes: 0 });
});

afterEach(() => {
  station.close();
  dir.remove();
});

async function packAs(badge: string, orderId: string, wrongScan: boolean): Promise<void> {
  await call('operators:signIn', { badge });
  await call<PackView>('pack:open', { orderId });
  if (wrongScan) {
    const wrong = await call<{ outcome: { code: string } }>('pack:scan', { orderId, code: 'PB-MUG-001' });
    expect(wrong.outcome.code).toBe('SCAN_WRONG_ITEM');
    await call('pack:command', { orderId, command: 'acknowledge' }).catch(() => undefined);
  }
  nowMs += 10 * 60_000;
  const view = await packAndWeigh(call, orderId, 'MAILER-S');
  nowMs += 10 * 60_000;
  await call<PackView>('pack:printLabel', { orderId, serviceId: view.proposal?.serviceId });
}

describe('the shift report', () => {
  it('counts each packer’s orders, units and mistakes in the shift; as CSV and as an A4 PDF', async () => {
    const first = insertTestOrder(station.store, '908-0000001-0000001', [{ sku: 'PB-SOCK-3P', quantity: 2 }], { countryCode: 'US', now: new Date(nowMs).toISOString() });
    const second = insertTestOrder(station.store, '908-0000002-0000001', [{ sku: 'PB-CABLE-C2', quantity: 1 }], { countryCode: 'US', now: new Date(nowMs).toISOString() });
    const third = insertTestOrder(station.store, '908-0000003-0000001', [{ sku: 'PB-SOCK-3P', quantity: 1 }], { countryCode: 'US', now: new Date(nowMs).toISOString() });
    await packAs('OP-1001', first, true);
    await packAs('OP-1001', second, false);
    await packAs('OP-1002', third, false);
    await call('operators:signIn', { badge: 'OP-9001' });

    const shift = await call<ShiftProductivityView>('productivity:shift', { from: '2026-11-26T06:00:00.000Z', to: '2026-11-26T14:00:00.000Z' });
    expect(shift.packers.map((packer) => [packer.operator, packer.orders, packer.units])).toEqual([
      ['packer', 2, 3],
      ['李娜', 1, 1],
    ]);
    const packer = shift.packers[0];
    expect(packer?.wrongItems).toBe(1);
    expect(packer?.activeHours).toBeGreaterThan(0.5);
    expect(shift.totals).toMatchObject({ orders: 3, units: 4, wrongItems: 1 });

    const csv = await call<{ base64: string; fileName: string }>('productivity:shiftReport', { from: shift.from, to: shift.to, format: 'csv' });
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^operator,orders,packages,units/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['packer', '李娜', 'TOTAL']);

    const pdf = await call<{ base64: string; fileName: string }>('productivity:shiftReport', { from: shift.from, to: shift.to, format: 'pdf' });
    expect(pdf.fileName).toMatch(/^shift-.*\.pdf$/);
    if (hasPoppler) {
      const file = dir.file('shift.pdf');
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('SHIFT REPORT');
      expect(text).toContain('李娜');
      expect(text).toMatch(/Total\s+3\s+3\s+4/);
    }
  });

  it('is a supervisor’s, and a shift must end after it starts', async () => {
    await expect(call('productivity:shift', { from: '2026-11-26T14:00:00.000Z', to: '2026-11-26T06:00:00.000Z' })).rejects.toThrow(/SHIFT_INVALID/);
    await call('operators:signIn', { badge: 'OP-1001' });
    await expect(call('productivity:shift', { from: '2026-11-26T06:00:00.000Z', to: '2026-11-26T14:00:00.000Z' })).rejects.toThrow(/SUPERVISOR_REQUIRED/);
  });
});
