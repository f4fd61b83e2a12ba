import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const REPORT = readFileSync('test/fixtures/unshipped-orders.txt', 'utf8');
const CATALOG = readFileSync('test/fixtures/catalog.csv', 'utf8');

let dir: ReturnType<typeof tempDir>;
let station: Station;

beforeEach(() => {
  dir = tempDir();
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', demo: false, dataDir: dir.path });
});
afterEach(() => {
  station.close();
  dir.remove();
});

describe('importing the Unshipped Orders report', () => {
  it('imports the good orders, groups item rows, and reports each bad row by line', async () => {
    const job = await station.imports.runToEnd('orders', 'unshipped.txt', REPORT);
    expect(job.state).toBe('done');
    expect(job.inserted).toBe(2);
    expect(job.rowErrors.map((error) => [error.line, error.code])).toEqual([
      [5, 'ROW_BAD_DATE'],
      [6, 'ROW_BAD_QUANTITY'],
    ]);
    const items = station.store.orders.items('114-3941689-8772232');
    expect(items.map((item) => [item.sku, item.quantity])).toEqual([
      ['PB-MUG-001', 2],
      ['PB-TEA-OOL', 1],
    ]);
    const chinese = station.store.orders.get('702-1234567-7654321');
    expect(chinese?.recipient.name).toBe('王小明');
    expect(chinese?.latestShipDate).toBe('2026-11-28T07:59:59.000Z');
  });

  it('re-importing the same file changes nothing', async () => {
    await station.imports.runToEnd('orders', 'unshipped.txt', REPORT);
    const before = station.store.db.prepare('SELECT * FROM orders ORDER BY order_id').all();
    const again = await station.imports.runToEnd('orders', 'unshipped.txt', REPORT);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(station.store.db.prepare('SELECT * FROM orders ORDER BY order_id').all()).toEqual(before);
    expect(station.store.db.prepare('SELECT count(*) AS n FROM order_items').get()).toEqual({ n: 3 });
  });

  it('an address change in a later report updates an open order but never a packed one', async () => {
    await station.imports.runToEnd('orders', 'unshipped.txt', REPORT);
    const moved = REPORT.replaceAll('18 Elm Street', '20 Oak Avenue');
    expect(await station.imports.runToEnd('orders', 'unshipped-2.txt', moved)).toMatchObject({ updated: 1, unchanged: 1 });
    expect(station.store.orders.get('114-3941689-8772232')?.recipient.address1).toBe('20 Oak Avenue');
    station.store.orders.setStatus('114-3941689-8772232', 'packed', '2026-11-26T00:00:00.000Z');
    const job = await station.imports.runToEnd('orders', 'unshipped-3.txt', REPORT);
    expect(job.skipped).toBe(1);
    expect(job.rowErrors.map((error) => error.code)).toContain('ORDER_ALREADY_PACKED');
    expect(station.store.orders.get('114-3941689-8772232')?.recipient.address1).toBe('20 Oak Avenue');
  });

  it('a report without a required column is refused as a whole with the column named', async () => {
    const withoutSku = REPORT.split(/\r\n/).map((line) => line.split('\t').filter((_cell, index) => index !== 10).join('\t')).join('\r\n');
    const job = await station.imports.runToEnd('orders', 'broken.txt', withoutSku);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('REPORT_MISSING_COLUMNS');
    expect(job.error?.message).toMatch(/sku/);
    expect(station.store.orders.count()).toBe(0);
  });

  it('the screen import runs as a job that reports progress until done', async () => {
    const started = station.imports.start({ kind: 'orders', fileName: 'unshipped.txt', content: REPORT });
    expect(started.state).toBe('running');
    let status = station.imports.status(started.jobId);
    for (let i = 0; i < 100 && status.state === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = station.imports.status(started.jobId);
    }
    expect(status).toMatchObject({ state: 'done', processed: 2, total: 2, inserted: 2 });
  });
});

describe('importing the catalogue CSV', () => {
  it('imports valid items, refuses a bad GTIN by line, and is idempotent', async () => {
    const job = await station.imports.runToEnd('catalog', 'catalog.csv', CATALOG);
    expect(job.inserted).toBe(2);
    expect(job.rowErrors.map((error) => [error.line, error.code])).toEqual([[4, 'ROW_BAD_GTIN']]);
    expect(station.store.catalog.get('PB-TEA-OOL')?.nameEn).toBe('Oolong tea, 250 g tin');
    expect(station.store.catalog.findByGtin('00693210000016')?.sku).toBe('PB-MUG-001');
    expect(await station.imports.runToEnd('catalog', 'catalog.csv', CATALOG)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });
});

describe('the import CLI', () => {
  it('prints a summary with the bad lines and exits 0 when something was imported', async () => {
    const db = dir.file('cli.db');
    const { stdout } = await run('node', ['bin/packbench.mjs', 'import-orders', 'test/fixtures/unshipped.txt'.replace('unshipped.txt', 'unshipped-orders.txt'), '--db', db]);
    expect(stdout).toMatch(/2 new/);
    expect(stdout).toMatch(/line 5: .*\[ROW_BAD_DATE\]/);
    const again = await run('node', ['bin/packbench.mjs', 'import-orders', 'test/fixtures/unshipped-orders.txt', '--db', db]);
    expect(again.stdout).toMatch(/0 new, 0 updated, 2 unchanged/);
  }, 60_000);

  it('exits non-zero when nothing could be imported', async () => {
    const bad = dir.file('bad.txt');
    writeFileSync(bad, 'order-id\tsku\n1\t2\n');
    const failure = await run('node', ['bin/packbench.mjs', 'import-orders', bad, '--db', dir.file('cli2.db')]).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(/REPORT_MISSING_COLUMNS/);
    const missing = await run('node', ['bin/packbench.mjs', 'import-catalog', dir.file('nope.csv'), '--db', dir.file('cli3.db')]).catch((error: { code: number; stderr: string }) => error);
    expect((missing as { code: number }).code).toBe(2);
    expect((missing as { stderr: string }).stderr).toMatch(/Cannot read/);
  }, 60_000);
});
