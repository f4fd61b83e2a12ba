import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/db/open';
import { latestSchemaVersion, migrations } from '../../electron/db/migrations';
import { createStore } from '../../electron/db/store';
import { DomainError } from '../../shared/result';
import { tempDir } from '../support/temp';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('opening the station database', () => {
  it('migrates an empty file to the latest schema with WAL and foreign keys on', () => {
    const db = openDatabase({ path: dir.file('bench.db') });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('numbers migrations 1, 2, 3 … in list order', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_m, index) => index + 1));
  });

  it('every table is STRICT', () => {
    const db = openDatabase({ path: ':memory:' });
    const tables = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all();
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    db.close();
  });

  it('opening twice does not migrate twice or lose data', () => {
    const path = dir.file('bench.db');
    const first = openDatabase({ path });
    first.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    first.close();
    const second = openDatabase({ path });
    expect(second.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '1' });
    second.close();
  });

  it('refuses a database written by a newer PackBench and leaves it untouched', () => {
    const path = dir.file('newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    let caught: unknown;
    try {
      openDatabase({ path });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('DB_TOO_NEW');
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('a STRICT table refuses text in an integer column', () => {
    const db = openDatabase({ path: ':memory:' });
    expect(() =>
      db.prepare("INSERT INTO boxes (id, name_en, name_zh, inner_length_mm, inner_width_mm, inner_height_mm, outer_length_mm, outer_width_mm, outer_height_mm, tare_g, max_load_g) VALUES ('X','x','x','ten',1,1,1,1,1,1,1)").run(),
    ).toThrow(/cannot store TEXT/);
    db.close();
  });
});

describe('the pack event log', () => {
  it('is append-only: an event cannot be changed or deleted', () => {
    const store = createStore(openDatabase({ path: ':memory:' }));
    const id = store.events.append({ at: '2026-11-26T10:00:00.000Z', operator: 'p', station: 's', orderId: 'O', packageId: null, kind: 'scan', code: '123', result: 'accepted' });
    expect(() => store.db.prepare('UPDATE pack_events SET result = ? WHERE id = ?').run('forged', id)).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM pack_events WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(store.events.forOrder('O')).toHaveLength(1);
    store.db.close();
  });
});

describe('query plans of the hot reads', () => {
  it('the queue reads open orders through the deadline index', () => {
    const db = openDatabase({ path: ':memory:' });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM orders WHERE status IN ('new', 'acknowledged', 'packing')
         ORDER BY latest_ship_date IS NULL, latest_ship_date, order_id`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/orders_open_by_deadline/);
    db.close();
  });

  it('a scanned GTIN is looked up through its index', () => {
    const db = openDatabase({ path: ':memory:' });
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM catalog_items WHERE gtin = ?').all('00012345678905') as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/catalog_items_by_gtin/);
    db.close();
  });

  it('the outbox is drained by deadline through its index', () => {
    const db = openDatabase({ path: ':memory:' });
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM outbox WHERE state IN ('pending', 'retry-wait') ORDER BY confirm_by IS NULL, confirm_by, id LIMIT 10")
      .all() as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/outbox_due/);
    db.close();
  });
});

describe('the outbox', () => {
  it('gives the confirmations most urgent first, those without a deadline last, and skips finished ones', () => {
    const store = createStore(openDatabase({ path: ':memory:' }));
    const at = '2026-11-26T08:00:00.000Z';
    store.outbox.enqueue({ kind: 'confirm-shipment', orderId: 'LATER', packageId: null, payload: {}, confirmBy: '2026-11-28T00:00:00.000Z' }, at);
    store.outbox.enqueue({ kind: 'confirm-shipment', orderId: 'NO-DEADLINE', packageId: null, payload: {}, confirmBy: null }, at);
    store.outbox.enqueue({ kind: 'confirm-shipment', orderId: 'URGENT', packageId: null, payload: {}, confirmBy: '2026-11-26T10:00:00.000Z' }, at);
    store.db.prepare("UPDATE outbox SET state = 'done' WHERE order_id = 'LATER'").run();
    expect(store.outbox.dueByDeadline(10).map((job) => job.orderId)).toEqual(['URGENT', 'NO-DEADLINE']);
    expect(store.outbox.dueByDeadline(1).map((job) => job.orderId)).toEqual(['URGENT']);
    store.db.close();
  });
});

describe('migration 2: carrier catalogue and the tracking-number ledger', () => {
  it('a version-1 database keeps its services, gains the ledger with every number already on a label, and no number can be issued twice', () => {
    const path = dir.file('v1.db');
    const raw = new Database(path);
    const [v1] = migrations;
    if (!v1) throw new Error('no migration 1');
    raw.transaction(() => {
      v1.up(raw);
      raw.pragma('user_version = 1');
    })();
    raw.exec(`
      INSERT INTO carriers VALUES ('DHL', 'DHL Express', 'DHL');
      INSERT INTO services (id, carrier_id, name_en, name_zh, ship_method, tracking_format, limits_json, network)
        VALUES ('DHL-EXP-WW', 'DHL', 'DHL Express Worldwide', 'DHL', 'DHL Express Worldwide', 'dhl-express-10', '{}', 'express');
      INSERT INTO orders (order_id, marketplace, status, purchase_date, is_prime, is_business, recipient_name, address1, city, postal_code, country_code, source, created_at, updated_at)
        VALUES ('111-1', 'amazon', 'packed', '2026-11-01', 0, 0, 'A', '1 St', 'X', '1', 'US', 'test', '2026-11-01', '2026-11-01');
      INSERT INTO packages (order_id, seq, status, service_id, tracking_number, labelled_at, created_at, updated_at)
        VALUES ('111-1', 1, 'printed', 'DHL-EXP-WW', '4700000009', '2026-11-02T10:00:00Z', '2026-11-02', '2026-11-02');
    `);
    raw.close();

    const store = createStore(openDatabase({ path }));
    expect(schemaVersion(store.db)).toBe(latestSchemaVersion);
    const service = store.carriers.getService('DHL-EXP-WW');
    expect(service).toMatchObject({ speed: 'priority', trackingSource: 'range', voidedNumbersReusable: false, zones: { '*': 'ALL' } });
    expect(store.carriers.number('4700000009')).toMatchObject({ state: 'labelled', serviceId: 'DHL-EXP-WW', packageId: 1 });
    expect(() =>
      store.carriers.recordNumber({ number: '4700000009', serviceId: 'DHL-EXP-WW', source: 'range', rangeId: null, seq: null, packageId: null, state: 'allocated', at: 'now' }),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(store.orders.get('111-1')?.latestDeliveryDate).toBeNull();
    store.db.close();
  });
});
