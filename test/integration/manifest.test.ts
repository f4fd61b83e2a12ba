import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/db/open';
import { latestSchemaVersion, migrations } from '../../electron/db/migrations';
import { createManifestService } from '../../electron/services/manifest-service';
import type { ManifestService } from '../../electron/services/manifest-service';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import type { ChannelOutput, PackView } from '../../shared/contract';
import { DomainError } from '../../shared/result';
import { insertTestOrder } from '../support/orders';
import { stationCalls } from '../support/station-calls';
import { packAndWeigh } from '../support/pack-steps';
import { tempDir } from '../support/temp';
import { requireTool } from '../support/tools';

// End-of-day close-out: the schema it needs (migration 3), the packages a carrier's manifest
// takes, the lock it puts on them, and the PDF and CSV handed to the driver.

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

function expectCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(Error);
  expect((caught as { code?: string }).code ?? (caught as Error).message).toMatch(code);
}

describe('migration 3: manifests', () => {
  /** A database as PackBench left it at schema 2, with one labelled package in it. */
  function v2Database(path: string): Database.Database {
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    for (const migration of migrations.slice(0, 2)) migration.up(db);
    db.pragma('user_version = 2');
    const now = '2026-11-25T09:00:00.000Z';
    db.exec(`
      INSERT INTO carriers (id, name, marketplace_carrier_code) VALUES ('DHL', 'DHL Express', 'DHL');
      INSERT INTO services (id, carrier_id, name_en, name_zh, ship_method, tracking_format, limits_json)
        VALUES ('DHL-EXP-WW', 'DHL', 'DHL Express Worldwide', 'DHL 全球快递', 'Express', 'dhl-10', '{}');
      INSERT INTO orders (order_id, marketplace, status, purchase_date, is_prime, is_business, recipient_name, address1, city,
                          postal_code, country_code, source, created_at, updated_at)
        VALUES ('111-0000001-0000001', 'amazon', 'packed', '${now}', 0, 0, 'Jane', '1 Main St', 'Austin', '73301', 'US', 'test', '${now}', '${now}');
      INSERT INTO packages (order_id, seq, status, service_id, tracking_number, weight_g, labelled_at, created_at, updated_at)
        VALUES ('111-0000001-0000001', 1, 'printed', 'DHL-EXP-WW', '4702000001', 1200, '${now}', '${now}', '${now}');
    `);
    return db;
  }

  it('upgrades a version 2 database: the manifests table, and packages.manifest_id empty on the packages already there', () => {
    const db = v2Database(dir.file('v2.db'));
    migrate(db);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('manifests')").all().map((row) => row.name);
    expect(columns).toEqual(['id', 'carrier_id', 'service_id', 'day', 'closed_at', 'closed_by', 'package_count', 'total_weight_g', 'pdf', 'csv']);
    expect(db.prepare('SELECT id, manifest_id FROM packages').all()).toEqual([{ id: 1, manifest_id: null }]);
    db.close();
  });

  it('a package can only point at a manifest that exists, and a manifest day must look like a date', () => {
    const db = v2Database(dir.file('v2.db'));
    migrate(db);
    expectCode(() => db.prepare('UPDATE packages SET manifest_id = 99').run(), 'SQLITE_CONSTRAINT_FOREIGNKEY');
    const insert = db.prepare(
      `INSERT INTO manifests (carrier_id, day, closed_at, closed_by, package_count, total_weight_g, pdf, csv)
       VALUES ('DHL', ?, '2026-11-25T18:00:00.000Z', 'packer', 1, 1200, x'25', '')`,
    );
    expectCode(() => insert.run('25/11/2026'), 'SQLITE_CONSTRAINT_CHECK');
    const id = Number(insert.run('2026-11-25').lastInsertRowid);
    db.prepare('UPDATE packages SET manifest_id = ?').run(id);
    expect(db.prepare('SELECT manifest_id FROM packages').get()).toEqual({ manifest_id: id });
    db.close();
  });

  it('finding the packages of a manifest uses its index', () => {
    const db = v2Database(dir.file('v2.db'));
    migrate(db);
    const plan = db.prepare<[], { detail: string }>('EXPLAIN QUERY PLAN SELECT id FROM packages WHERE manifest_id = 1').all();
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/packages_by_manifest/);
    db.close();
  });
});

// Thursday 26 November 2026, 08:00: every carrier's cut-off still ahead (tests run in UTC).
const NOW = new Date('2026-11-26T08:00:00.000Z');
const DAY = '2026-11-26';

describe('closing out a carrier’s day', () => {
  let station: Station;
  let manifests: ManifestService;
  let sequence = 0;
  let now = NOW;
  const { call, callError } = stationCalls(() => station);

  beforeEach(async () => {
    now = NOW;
    station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => now, dataDir: dir.path });
    manifests = createManifestService({ store: station.store, settings: station.settings, clock: () => NOW });
    await call('operators:signIn', { badge: 'OP-1001' });
    await call('settings:update', { printer: { mode: 'folder', folder: dir.file('labels') } });
  });
  afterEach(() => station.close());

  /** Packed, boxed, weighed and printed with the service the bench proposes. */
  async function printedOrder(lines: Array<{ sku: string; quantity: number }>, boxId: string): Promise<PackView> {
    sequence += 1;
    const orderId = insertTestOrder(station.store, `905-${String(sequence).padStart(7, '0')}-0000002`, lines, {
      latestShipDate: '2026-11-27T20:00:00.000Z',
      latestDeliveryDate: '2026-12-22T20:00:00.000Z',
      now: now.toISOString(),
    });
    const view = await packAndWeigh(call, orderId, boxId);
    return call<PackView>('pack:printLabel', { orderId, serviceId: view.proposal?.serviceId });
  }

  const HEAVY = [
    { sku: 'PB-KNIFE-SET', quantity: 1 },
    { sku: 'PB-KETTLE-17', quantity: 1 },
  ];

  it('puts both DHL packages of the day on the manifest and locks them; a second close-out finds none', async () => {
    const first = await printedOrder(HEAVY, 'BOX-M');
    const second = await printedOrder(HEAVY, 'BOX-M');
    const numbers = [first.package.trackingNumber, second.package.trackingNumber];
    expect(numbers.every((number) => typeof number === 'string')).toBe(true);
    expect(manifests.packagesForManifest('DHL', DAY).map((pkg) => pkg.trackingNumber)).toEqual(numbers);

    const { manifest, packages } = await manifests.closeOut('DHL', DAY, 'packer');
    expect(manifest).toMatchObject({ carrierId: 'DHL', serviceId: null, day: DAY, closedBy: 'packer', closedAt: NOW.toISOString(), packageCount: 2 });
    expect(manifest.totalWeightG).toBe((first.package.weightG ?? 0) + (second.package.weightG ?? 0));
    expect(packages.map((pkg) => pkg.trackingNumber)).toEqual(numbers);
    for (const pkg of packages) expect(manifests.isLockedByManifest(pkg.packageId)).toBe(true);
    expect(() => manifests.assertNotLocked(packages[0]?.packageId ?? 0)).toThrow(/handed to the carrier on manifest/);

    expect(manifests.packagesForManifest('DHL', DAY)).toEqual([]);
    await expect(manifests.closeOut('DHL', DAY, 'packer')).rejects.toMatchObject({ code: 'MANIFEST_NOTHING_TO_CLOSE' });
  });

  it('through the station: the day per carrier, close-out, the manifest file; a slip for the order; an order cancelled after close-out has nothing to pull', async () => {
    const first = await printedOrder(HEAVY, 'BOX-M');
    const before = await call<ChannelOutput<'manifest:day'>>('manifest:day', { day: DAY });
    expect(before.find((row) => row.carrierId === 'DHL')).toMatchObject({ waiting: 1, waitingWeightG: first.package.weightG, closed: [] });
    const preview = await call<ChannelOutput<'documents:preview'>>('documents:preview', { orderId: first.order.orderId });
    expect(preview.label.elements).toContainEqual(expect.objectContaining({ kind: 'barcode128', data: first.package.trackingNumber }));
    expect(preview.slip.elements).toContainEqual(expect.objectContaining({ kind: 'barcode128', data: first.order.orderId }));
    const slip = await call<ChannelOutput<'documents:get'>>('documents:get', { orderId: first.order.orderId, doc: 'slip', format: 'pdf' });
    expect(Buffer.from(slip.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const after = await call<ChannelOutput<'manifest:closeOut'>>('manifest:closeOut', { day: DAY, carrierId: 'DHL' });
    expect(after.find((row) => row.carrierId === 'DHL')).toMatchObject({ waiting: 0, closed: [expect.objectContaining({ packageCount: 1, closedBy: 'packer' })] });
    const csv = await call<ChannelOutput<'manifest:document'>>('manifest:document', { day: DAY, carrierId: 'DHL', format: 'csv' });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain(first.package.trackingNumber ?? 'missing');
    expect((await callError('manifest:closeOut', { day: DAY, carrierId: 'DHL' })).code).toBe('MANIFEST_NOTHING_TO_CLOSE');

    // Cancelled after the driver left with it: no pull request, and it cannot be voided here.
    station.pack.applyCancellation(first.order.orderId, 'buyer cancelled');
    expect(await call<unknown[]>('orders:pullList', {})).toEqual([]);
    expect((await callError('orders:confirmPulled', { orderId: first.order.orderId, packageId: first.package.id })).code).toBe('PACKAGE_NOT_TO_PULL');
  });

  it('stores a CSV whose rows are the packages and a PDF that carries their tracking numbers', async () => {
    const first = await printedOrder(HEAVY, 'BOX-M');
    const second = await printedOrder(HEAVY, 'BOX-M');
    const { manifest } = await manifests.closeOut('DHL', DAY, 'packer');
    const documents = station.store.manifests.documents(manifest.id);
    const rows = (documents?.csv ?? '').trimEnd().split('\r\n');
    expect(rows[0]).toBe('carrier_id,service,day,order_id,package_seq,tracking_number,weight_g');
    expect(rows.slice(1)).toEqual(
      [first, second].map((view) => `DHL,DHL Express Worldwide,${DAY},${view.order.orderId},1,${view.package.trackingNumber ?? ''},${view.package.weightG ?? ''}`),
    );

    const csv = await manifests.manifestDocument('DHL', DAY, 'csv');
    expect(new TextDecoder().decode(csv.content)).toBe(documents?.csv);
    expect(csv.manifestId).toBe(manifest.id);
    if (!requireTool('pdftotext', 'poppler-utils')) return;
    const pdfFile = dir.file('manifest.pdf');
    writeFileSync(pdfFile, documents?.pdf ?? Buffer.alloc(0));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('END-OF-DAY MANIFEST');
    for (const view of [first, second]) {
      expect(text).toContain(view.package.trackingNumber ?? 'missing');
      expect(text).toContain(view.order.orderId);
    }
    expect(text).toMatch(/Packages: 2 — total weight \d+\.\d\d kg/);
  });

  it('leaves out another carrier’s packages, another day’s, and a parcel being pulled for a cancelled order', async () => {
    // The day before, at the same hour.
    now = new Date('2026-11-25T08:00:00.000Z');
    await call('operators:signIn', { badge: 'OP-1001' });
    const yesterday = await printedOrder(HEAVY, 'BOX-M');
    now = NOW;
    await call('operators:signIn', { badge: 'OP-1001' });
    const kept = await printedOrder(HEAVY, 'BOX-M');
    const cancelled = await printedOrder(HEAVY, 'BOX-M');
    station.pack.applyCancellation(cancelled.order.orderId, 'buyer cancelled');
    const post = await printedOrder([{ sku: 'PB-SOCK-3P', quantity: 1 }], 'MAILER-S');
    expect(post.package.serviceId).toMatch(/^CNPOST-/);
    expect(yesterday.package.serviceId).toBe('DHL-EXP-WW');
    expect(manifests.packagesForManifest('DHL', DAY).map((pkg) => pkg.orderId)).toEqual([kept.order.orderId]);
    expect(manifests.packagesForManifest('DHL', '2026-11-25').map((pkg) => pkg.orderId)).toEqual([yesterday.order.orderId]);
    expect(manifests.packagesForManifest('CHINA-POST', DAY).map((pkg) => pkg.orderId)).toEqual([post.order.orderId]);
  });

  it('a draft is given before close-out, and an unknown carrier or a day that is not a date is refused', async () => {
    await printedOrder(HEAVY, 'BOX-M');
    const draft = await manifests.manifestDocument('DHL', DAY, 'pdf');
    expect(draft.manifestId).toBeNull();
    expect(manifests.packagesForManifest('DHL', DAY)).toHaveLength(1);
    expectCode(() => manifests.packagesForManifest('NOPE', DAY), 'CARRIER_NOT_FOUND');
    expectCode(() => manifests.packagesForManifest('DHL', '2026-02-30'), 'DAY_INVALID');
    await expect(manifests.manifestDocument('DHL', '2026-11-20', 'pdf')).rejects.toBeInstanceOf(DomainError);
  });
});
