import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput, PackView } from '../../shared/contract';
import { openStation } from '../../electron/services/station';
import { auditDatabase, runCrashSoak } from '../support/crash-driver';
import type { ScanLedger } from '../support/crash-driver';
import { tempDir } from '../support/temp';

// Killing the bench mid-order: browser mode in a child process is SIGKILLed at random moments
// with several requests in flight, restarted on the same file, and audited. The long soak is
// `npm run bench -- crash`; PACKBENCH_CRASH_SEED repeats a run.

const SEED = Number(process.env['PACKBENCH_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const ITERATIONS = 25;

let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
  dir = tempDir('packbench-crash-');
});

afterEach(() => {
  dir.remove();
});

describe('killing the host in the middle of packing', () => {
  it(`keeps every acknowledged scan exactly once across ${ITERATIONS} SIGKILLs, and the session is the replay of the log`, async () => {
    const rerun = `seed ${SEED} (repeat with PACKBENCH_CRASH_SEED=${SEED})`;
    const result = await runCrashSoak({ iterations: ITERATIONS, seed: SEED, workDir: dir.path });
    console.log(
      `crash: ${rerun}: ${result.iterations} kills, ${result.scansAcknowledged} scans acknowledged, ` +
        `${result.storedUnanswered} stored but unanswered, ${result.killsMidCommit} mid-commit`,
    );
    expect(result.lost, `acknowledged scans lost, ${rerun}`).toEqual([]);
    expect(result.duplicates, `scans stored twice, ${rerun}`).toEqual([]);
    expect(result.problems, rerun).toEqual([]);
    expect(result.iterations).toBe(ITERATIONS);
    expect(result.restartMs).toHaveLength(ITERATIONS);
    // The kills fell while work was going on, not only on an idle host.
    expect(result.scansAcknowledged, rerun).toBeGreaterThan(ITERATIONS);
    expect(result.inFlightAtKill.some((n) => n > 1), rerun).toBe(true);
  }, 120_000);
});

describe('the crash audit notices what it is there to notice', () => {
  async function packTwoScans() {
    const dbPath = dir.file('audit.db');
    const station = openStation({ dbPath, host: 'browser', version: 'test', dataDir: dir.path });
    const ledger: ScanLedger = new Map();
    try {
      await station.dispatch('operators:signIn', { badge: 'OP-1001' });
      const order = station.queue.queue().find((candidate) => candidate.flags.length === 0 && candidate.unitCount >= 2);
      if (!order) throw new Error('demo data has no plain multi-unit order');
      const opened = await station.dispatch('pack:open', { orderId: order.orderId });
      if (!opened.ok) throw new Error(opened.error.code);
      const line = (opened.value as PackView).lines[0];
      if (!line?.gtin) throw new Error('demo line without GTIN');
      for (const scanId of ['audit-scan-0001', 'audit-scan-0002']) {
        const code = scanId.endsWith('1') ? line.gtin : 'NOT-A-PRODUCT';
        const scanned = await station.dispatch('pack:scan', { orderId: order.orderId, code, scanId });
        if (!scanned.ok) throw new Error(scanned.error.code);
        expect((scanned.value as ChannelOutput<'pack:scan'>).outcome.code).toBe(scanId.endsWith('1') ? 'SCAN_ACCEPTED' : 'SCAN_UNKNOWN_BARCODE');
        ledger.set(scanId, { orderId: order.orderId, code, unitOf: scanId.endsWith('1') ? line.orderItemId : null, sends: 1, answered: true });
      }
      return { dbPath, ledger, orderId: order.orderId };
    } finally {
      station.close();
    }
  }

  it('a clean log passes', async () => {
    const { dbPath, ledger } = await packTwoScans();
    const audit = auditDatabase(dbPath, ledger);
    expect(audit).toMatchObject({ lost: [], duplicates: [], problems: [] });
  });

  it('an acknowledged scan missing from the log is reported lost', async () => {
    const { dbPath, ledger, orderId } = await packTwoScans();
    ledger.set('audit-scan-0003', { orderId, code: 'X', unitOf: null, sends: 1, answered: true });
    expect(auditDatabase(dbPath, ledger).lost).toEqual([`audit-scan-0003 (${orderId}, X)`]);
  });

  it('a unit stored twice under the same scan id is reported, even without the scan_id column', async () => {
    const { dbPath, ledger } = await packTwoScans();
    const db = new Database(dbPath);
    try {
      db.prepare(
        `INSERT INTO pack_events (at, operator, station, order_id, package_id, kind, code, result, scan_id, detail)
         SELECT at, operator, station, order_id, package_id, kind, code, result, NULL, detail FROM pack_events WHERE scan_id = 'audit-scan-0001'`,
      ).run();
    } finally {
      db.close();
    }
    expect(auditDatabase(dbPath, ledger).duplicates).toEqual(['audit-scan-0001']);
  });

  it('a unit whose package row is missing is a half-stored transaction', async () => {
    const { dbPath, ledger } = await packTwoScans();
    const db = new Database(dbPath);
    try {
      db.pragma('foreign_keys = OFF');
      db.prepare('DELETE FROM packages').run();
    } finally {
      db.close();
    }
    expect(auditDatabase(dbPath, ledger).problems.some((text) => /has no package row/.test(text))).toBe(true);
  });
});
