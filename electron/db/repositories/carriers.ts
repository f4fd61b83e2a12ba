import type { Db } from '../open';
import type { Lithium } from '../../../shared/contract';
import type { DatedServiceLimits, ServiceLimits, VolumetricRule } from '../../../shared/domain/limits';
import type { CatalogOffer, CatalogService, ServiceSpeed, TrackingSource } from '../../../shared/domain/carrier-catalog';
import { offerOf } from '../../../shared/domain/carrier-catalog';
import type { TrackingFormat } from '../../../shared/domain/tracking';

export type CarrierRecord = { id: string; name: string; marketplaceCarrierCode: string };

/** A catalogue service as stored; `volumetricDivisor` is the plain divisor kept from version 1. */
export type ServiceRecord = CatalogService & { volumetricDivisor: number | null };

export type TrackingNumberState = 'allocated' | 'labelled' | 'void' | 'orphaned';

export type TrackingNumberRecord = {
  number: string;
  serviceId: string;
  source: TrackingSource;
  rangeId: number | null;
  seq: number | null;
  packageId: number | null;
  state: TrackingNumberState;
  reissues: number;
  allocatedAt: string;
  updatedAt: string;
  note: string | null;
};

export type TrackingRangeRecord = {
  id: number;
  serviceId: string;
  prefix: string;
  suffix: string;
  firstSeq: number;
  lastSeq: number;
  nextSeq: number;
  reference: string;
  lowWarningAt: number;
  importedAt: string | null;
};

type ServiceRow = {
  id: string;
  carrier_id: string;
  carrier_name: string;
  marketplace_carrier_code: string;
  name_en: string;
  name_zh: string;
  ship_method: string;
  tracking_format: TrackingFormat;
  limits_json: string;
  volumetric_divisor: number | null;
  volumetric_rule: string | null;
  network: 'postal' | 'express';
  accepts_lithium: string;
  accepts_dangerous_goods: number;
  active: number;
  offer_json: string;
  speed: ServiceSpeed;
  tracking_source: TrackingSource;
  voided_numbers_reusable: number;
};

type NumberRow = {
  number: string;
  service_id: string;
  source: TrackingSource;
  range_id: number | null;
  seq: number | null;
  package_id: number | null;
  state: TrackingNumberState;
  reissues: number;
  allocated_at: string;
  updated_at: string;
  note: string | null;
};

type RangeRow = {
  id: number;
  service_id: string;
  prefix: string;
  suffix: string;
  first_seq: number;
  last_seq: number;
  next_seq: number;
  reference: string;
  low_warning_at: number;
  imported_at: string | null;
};

function toService(row: ServiceRow): ServiceRecord {
  const offer = JSON.parse(row.offer_json) as CatalogOffer;
  return {
    ...offer,
    id: row.id,
    carrierId: row.carrier_id,
    carrierName: row.carrier_name,
    marketplaceCarrierCode: row.marketplace_carrier_code,
    nameEn: row.name_en,
    nameZh: row.name_zh,
    shipMethod: row.ship_method,
    trackingFormat: row.tracking_format,
    limits: JSON.parse(row.limits_json) as ServiceLimits | DatedServiceLimits,
    volumetricDivisor: row.volumetric_divisor,
    volumetricRule: row.volumetric_rule === null ? null : (JSON.parse(row.volumetric_rule) as VolumetricRule),
    network: row.network,
    acceptsLithium: JSON.parse(row.accepts_lithium) as Lithium[],
    acceptsDangerousGoods: row.accepts_dangerous_goods === 1,
    active: row.active === 1,
    speed: row.speed,
    trackingSource: row.tracking_source,
    voidedNumbersReusable: row.voided_numbers_reusable === 1,
  };
}

function toNumber(row: NumberRow): TrackingNumberRecord {
  return {
    number: row.number,
    serviceId: row.service_id,
    source: row.source,
    rangeId: row.range_id,
    seq: row.seq,
    packageId: row.package_id,
    state: row.state,
    reissues: row.reissues,
    allocatedAt: row.allocated_at,
    updatedAt: row.updated_at,
    note: row.note,
  };
}

function toRange(row: RangeRow): TrackingRangeRecord {
  return {
    id: row.id,
    serviceId: row.service_id,
    prefix: row.prefix,
    suffix: row.suffix,
    firstSeq: row.first_seq,
    lastSeq: row.last_seq,
    nextSeq: row.next_seq,
    reference: row.reference,
    lowWarningAt: row.low_warning_at,
    importedAt: row.imported_at,
  };
}

const SERVICE_SELECT = `SELECT s.*, c.name AS carrier_name, c.marketplace_carrier_code
  FROM services s JOIN carriers c ON c.id = s.carrier_id`;

export function createCarriersRepo(db: Db) {
  const upsertCarrier = db.prepare(
    `INSERT INTO carriers (id, name, marketplace_carrier_code) VALUES (@id, @name, @marketplaceCarrierCode)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, marketplace_carrier_code = excluded.marketplace_carrier_code`,
  );
  const upsertService = db.prepare(
    `INSERT INTO services (id, carrier_id, name_en, name_zh, ship_method, tracking_format, limits_json,
       volumetric_divisor, volumetric_rule, network, accepts_lithium, accepts_dangerous_goods, active, sort_order,
       offer_json, speed, tracking_source, voided_numbers_reusable)
     VALUES (@id, @carrierId, @nameEn, @nameZh, @shipMethod, @trackingFormat, @limitsJson, @volumetricDivisor,
       @volumetricRule, @network, @acceptsLithium, @acceptsDangerousGoods, @active, @sortOrder,
       @offerJson, @speed, @trackingSource, @voidedNumbersReusable)
     ON CONFLICT (id) DO UPDATE SET carrier_id = excluded.carrier_id, name_en = excluded.name_en, name_zh = excluded.name_zh,
       ship_method = excluded.ship_method, tracking_format = excluded.tracking_format, limits_json = excluded.limits_json,
       volumetric_divisor = excluded.volumetric_divisor, volumetric_rule = excluded.volumetric_rule, network = excluded.network,
       accepts_lithium = excluded.accepts_lithium, accepts_dangerous_goods = excluded.accepts_dangerous_goods,
       active = excluded.active, sort_order = excluded.sort_order, offer_json = excluded.offer_json, speed = excluded.speed,
       tracking_source = excluded.tracking_source, voided_numbers_reusable = excluded.voided_numbers_reusable`,
  );
  const deactivateOthers = db.prepare<[string]>(
    'UPDATE services SET active = 0 WHERE id NOT IN (SELECT value FROM json_each(?)) AND active = 1',
  );
  const insertRange = db.prepare(
    `INSERT INTO tracking_ranges (service_id, prefix, suffix, first_seq, last_seq, next_seq, reference, low_warning_at, imported_at)
     VALUES (@serviceId, @prefix, @suffix, @firstSeq, @lastSeq, @firstSeq, @reference, @lowWarningAt, @importedAt)`,
  );
  const activeServices = db.prepare<[], ServiceRow>(`${SERVICE_SELECT} WHERE s.active = 1 ORDER BY s.sort_order, s.id`);
  const allServices = db.prepare<[], ServiceRow>(`${SERVICE_SELECT} ORDER BY s.active DESC, s.sort_order, s.id`);
  const serviceById = db.prepare<[string], ServiceRow>(`${SERVICE_SELECT} WHERE s.id = ?`);
  const rangesOf = db.prepare<[string], RangeRow>('SELECT * FROM tracking_ranges WHERE service_id = ? ORDER BY id');
  const allRanges = db.prepare<[], RangeRow>('SELECT * FROM tracking_ranges ORDER BY service_id, id');
  const overlapping = db.prepare<{ serviceId: string; prefix: string; suffix: string; firstSeq: number; lastSeq: number }, RangeRow>(
    `SELECT * FROM tracking_ranges WHERE prefix = @prefix AND suffix = @suffix
       AND first_seq <= @lastSeq AND last_seq >= @firstSeq
       AND (SELECT tracking_format FROM services WHERE id = service_id) = (SELECT tracking_format FROM services WHERE id = @serviceId)`,
  );
  const openRange = db.prepare<[string], RangeRow>(
    'SELECT * FROM tracking_ranges WHERE service_id = ? AND next_seq <= last_seq ORDER BY id LIMIT 1',
  );
  const advance = db.prepare('UPDATE tracking_ranges SET next_seq = next_seq + 1 WHERE id = ? AND next_seq = ?');
  const remainingStmt = db.prepare<[string], { n: number | null }>(
    'SELECT sum(last_seq - next_seq + 1) AS n FROM tracking_ranges WHERE service_id = ?',
  );
  const insertNumber = db.prepare(
    `INSERT INTO tracking_numbers (number, service_id, source, range_id, seq, package_id, state, allocated_at, updated_at, note)
     VALUES (@number, @serviceId, @source, @rangeId, @seq, @packageId, @state, @at, @at, @note)`,
  );
  const numberStmt = db.prepare<[string], NumberRow>('SELECT * FROM tracking_numbers WHERE number = ?');
  // Conditional on the state the caller expects: a number another process's start-up sweep
  // recorded as orphaned must not quietly become labelled again.
  const setNumberState = db.prepare(
    `UPDATE tracking_numbers SET state = @state, package_id = coalesce(@packageId, package_id), updated_at = @at
     WHERE number = @number AND state = @from`,
  );
  const reusableVoid = db.prepare<[string], NumberRow>(
    "SELECT * FROM tracking_numbers WHERE service_id = ? AND state = 'void' ORDER BY updated_at, number LIMIT 1",
  );
  const reissue = db.prepare(
    `UPDATE tracking_numbers SET state = 'allocated', package_id = @packageId, reissues = reissues + 1, updated_at = @at,
       note = 'reissued after void' WHERE number = @number AND state = 'void'`,
  );
  const releaseFromPackage = db.prepare('UPDATE packages SET tracking_number = NULL WHERE tracking_number = ? AND status = \'void\'');
  // A number left 'allocated' with no package carrying it was issued, then the bench died or
  // the step that uses it failed: it is kept, marked, and never handed out again.
  const orphanStmt = db.prepare(
    `UPDATE tracking_numbers SET state = 'orphaned', updated_at = @at,
       note = coalesce(note || '; ', '') || 'issued but never on a label'
     WHERE state = 'allocated'
       AND NOT EXISTS (SELECT 1 FROM packages p WHERE p.tracking_number = tracking_numbers.number)`,
  );
  const countsStmt = db.prepare<[], { state: TrackingNumberState; n: number }>(
    'SELECT state, count(*) AS n FROM tracking_numbers GROUP BY state',
  );
  const numbersOfService = db.prepare<[string, string], NumberRow>(
    'SELECT * FROM tracking_numbers WHERE service_id = ? AND state = ? ORDER BY allocated_at, number',
  );

  // The active services are read for every closed package; the choice engine indexes each
  // rate card once per object, so the same objects are handed out until something changes:
  // a write through this repository, or a commit by another connection (data_version).
  let generation = 0;
  let activeCache: { dataVersion: number; generation: number; services: readonly ServiceRecord[] } | null = null;

  function saveService(service: CatalogService, sortOrder: number): void {
    generation += 1;
    upsertCarrier.run({ id: service.carrierId, name: service.carrierName, marketplaceCarrierCode: service.marketplaceCarrierCode });
    upsertService.run({
      id: service.id,
      carrierId: service.carrierId,
      nameEn: service.nameEn,
      nameZh: service.nameZh,
      shipMethod: service.shipMethod,
      trackingFormat: service.trackingFormat,
      limitsJson: JSON.stringify(service.limits),
      volumetricDivisor: service.volumetricRule?.unitSystem === 'metric' ? service.volumetricRule.divisor : null,
      volumetricRule: service.volumetricRule === null ? null : JSON.stringify(service.volumetricRule),
      network: service.network,
      acceptsLithium: JSON.stringify(service.acceptsLithium),
      acceptsDangerousGoods: service.acceptsDangerousGoods ? 1 : 0,
      active: service.active ? 1 : 0,
      sortOrder,
      offerJson: JSON.stringify(offerOf(service)),
      speed: service.speed,
      trackingSource: service.trackingSource,
      voidedNumbersReusable: service.voidedNumbersReusable ? 1 : 0,
    });
  }

  return {
    insertCarrier(carrier: CarrierRecord): void {
      upsertCarrier.run(carrier);
    },
    saveService,
    /**
     * Replaces the catalogue: every service in the list is inserted or updated in list order;
     * services not in it are deactivated, not deleted, because packages refer to them.
     */
    replaceCatalog(services: CatalogService[]): { saved: number; deactivated: number } {
      services.forEach((service, index) => saveService(service, index));
      const deactivated = deactivateOthers.run(JSON.stringify(services.map((service) => service.id))).changes;
      generation += 1;
      return { saved: services.length, deactivated };
    },
    insertRange(range: Omit<TrackingRangeRecord, 'id' | 'nextSeq' | 'reference' | 'lowWarningAt' | 'importedAt'> & Partial<Pick<TrackingRangeRecord, 'reference' | 'lowWarningAt' | 'importedAt'>>): number {
      return Number(
        insertRange.run({ reference: '', lowWarningAt: 200, importedAt: null, ...range }).lastInsertRowid,
      );
    },
    /** Ranges of the same format that share any number with the given one. */
    overlappingRanges(range: { serviceId: string; prefix: string; suffix: string; firstSeq: number; lastSeq: number }): TrackingRangeRecord[] {
      return overlapping.all(range).map(toRange);
    },
    /** The same objects until the catalogue changes: treat them as read-only. */
    listActiveServices(): readonly ServiceRecord[] {
      // Inside a transaction the rows may yet be rolled back: never cache what it sees.
      if (db.inTransaction) return activeServices.all().map(toService);
      const dataVersion = db.pragma('data_version', { simple: true }) as number;
      if (activeCache?.dataVersion !== dataVersion || activeCache.generation !== generation) {
        activeCache = { dataVersion, generation, services: Object.freeze(activeServices.all().map(toService)) };
      }
      return activeCache.services;
    },
    listServices(): ServiceRecord[] {
      return allServices.all().map(toService);
    },
    getService(id: string): ServiceRecord | null {
      const row = serviceById.get(id);
      return row ? toService(row) : null;
    },
    ranges(serviceId: string): TrackingRangeRecord[] {
      return rangesOf.all(serviceId).map(toRange);
    },
    allRanges(): TrackingRangeRecord[] {
      return allRanges.all().map(toRange);
    },
    remaining(serviceId: string): number {
      return remainingStmt.get(serviceId)?.n ?? 0;
    },
    /**
     * Takes the next sequence number of the service's first open range. Must run inside a
     * write transaction together with the ledger row of the number it makes.
     */
    takeNextSequence(serviceId: string): { range: TrackingRangeRecord; sequence: number } | null {
      const row = openRange.get(serviceId);
      if (!row) return null;
      const changed = advance.run(row.id, row.next_seq).changes;
      if (changed !== 1) throw new Error(`tracking range ${row.id} moved underneath the allocation`);
      return { range: toRange(row), sequence: row.next_seq };
    },
    /** Records a number as issued. Throws SQLITE_CONSTRAINT_PRIMARYKEY when it already was. */
    recordNumber(entry: {
      number: string;
      serviceId: string;
      source: TrackingSource;
      rangeId: number | null;
      seq: number | null;
      packageId: number | null;
      state: TrackingNumberState;
      at: string;
      note?: string | null;
    }): void {
      insertNumber.run({ note: null, ...entry });
    },
    number(value: string): TrackingNumberRecord | null {
      const row = numberStmt.get(value);
      return row ? toNumber(row) : null;
    },
    /** Moves a number from the state the caller expects to the next; false when it was not in that state. */
    setNumberState(value: string, from: TrackingNumberState, state: TrackingNumberState, at: string, packageId: number | null = null): boolean {
      return setNumberState.run({ number: value, from, state, at, packageId }).changes === 1;
    },
    /**
     * The oldest voided number of a service whose carrier allows reuse, taken for a new
     * package: the voided package lets go of it (its label and events keep the history).
     */
    reissueVoided(serviceId: string, packageId: number, at: string): TrackingNumberRecord | null {
      const row = reusableVoid.get(serviceId);
      if (!row) return null;
      releaseFromPackage.run(row.number);
      if (reissue.run({ number: row.number, packageId, at }).changes !== 1) return null;
      return toNumber({ ...row, state: 'allocated', package_id: packageId, reissues: row.reissues + 1 });
    },
    /** Marks numbers issued but never carried by a package as orphaned; returns how many. */
    recordOrphans(at: string): number {
      return orphanStmt.run({ at }).changes;
    },
    numberCounts(): Record<TrackingNumberState, number> {
      const counts: Record<TrackingNumberState, number> = { allocated: 0, labelled: 0, void: 0, orphaned: 0 };
      for (const row of countsStmt.all()) counts[row.state] = row.n;
      return counts;
    },
    numbersOf(serviceId: string, state: TrackingNumberState): TrackingNumberRecord[] {
      return numbersOfService.all(serviceId, state).map(toNumber);
    },
  };
}

export type CarriersRepo = ReturnType<typeof createCarriersRepo>;
