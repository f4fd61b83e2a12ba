import type { Db } from '../open';
import type { Lithium } from '../../../shared/contract';
import type { DatedServiceLimits, ServiceLimits, VolumetricRule } from '../../../shared/domain/limits';
import type { TrackingFormat } from '../../../shared/domain/tracking';

export type CarrierRecord = { id: string; name: string; marketplaceCarrierCode: string };

export type ServiceRecord = {
  id: string;
  carrierId: string;
  carrierName: string;
  marketplaceCarrierCode: string;
  nameEn: string;
  nameZh: string;
  shipMethod: string;
  trackingFormat: TrackingFormat;
  /** One set of limits, or several with the dates they take effect (carriers change them). */
  limits: ServiceLimits | DatedServiceLimits;
  volumetricDivisor: number | null;
  volumetricRule: VolumetricRule | null;
  network: 'postal' | 'express';
  acceptsLithium: Lithium[];
  acceptsDangerousGoods: boolean;
  active: boolean;
};

export type TrackingRangeRecord = {
  id: number;
  serviceId: string;
  prefix: string;
  suffix: string;
  firstSeq: number;
  lastSeq: number;
  nextSeq: number;
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
};

type RangeRow = {
  id: number;
  service_id: string;
  prefix: string;
  suffix: string;
  first_seq: number;
  last_seq: number;
  next_seq: number;
};

function toService(row: ServiceRow): ServiceRecord {
  return {
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
  };
}

const SERVICE_SELECT = `SELECT s.*, c.name AS carrier_name, c.marketplace_carrier_code
  FROM services s JOIN carriers c ON c.id = s.carrier_id`;

export function createCarriersRepo(db: Db) {
  const insertCarrier = db.prepare(
    'INSERT INTO carriers (id, name, marketplace_carrier_code) VALUES (@id, @name, @marketplaceCarrierCode)',
  );
  const insertService = db.prepare(
    `INSERT INTO services (id, carrier_id, name_en, name_zh, ship_method, tracking_format, limits_json,
       volumetric_divisor, volumetric_rule, network, accepts_lithium, accepts_dangerous_goods, active, sort_order)
     VALUES (@id, @carrierId, @nameEn, @nameZh, @shipMethod, @trackingFormat, @limitsJson, @volumetricDivisor,
       @volumetricRule, @network, @acceptsLithium, @acceptsDangerousGoods, @active, @sortOrder)`,
  );
  const insertRange = db.prepare(
    `INSERT INTO tracking_ranges (service_id, prefix, suffix, first_seq, last_seq, next_seq)
     VALUES (@serviceId, @prefix, @suffix, @firstSeq, @lastSeq, @firstSeq)`,
  );
  const activeServices = db.prepare<[], ServiceRow>(`${SERVICE_SELECT} WHERE s.active = 1 ORDER BY s.sort_order, s.id`);
  const serviceById = db.prepare<[string], ServiceRow>(`${SERVICE_SELECT} WHERE s.id = ?`);
  const rangesOf = db.prepare<[string], RangeRow>('SELECT * FROM tracking_ranges WHERE service_id = ? ORDER BY id');
  const openRange = db.prepare<[string], RangeRow>(
    'SELECT * FROM tracking_ranges WHERE service_id = ? AND next_seq <= last_seq ORDER BY id LIMIT 1',
  );
  const advance = db.prepare('UPDATE tracking_ranges SET next_seq = next_seq + 1 WHERE id = ? AND next_seq = ?');
  const remainingStmt = db.prepare<[string], { n: number | null }>(
    'SELECT sum(last_seq - next_seq + 1) AS n FROM tracking_ranges WHERE service_id = ?',
  );

  return {
    insertCarrier(carrier: CarrierRecord): void {
      insertCarrier.run(carrier);
    },
    insertService(service: Omit<ServiceRecord, 'carrierName' | 'marketplaceCarrierCode'>, sortOrder: number): void {
      insertService.run({
        id: service.id,
        carrierId: service.carrierId,
        nameEn: service.nameEn,
        nameZh: service.nameZh,
        shipMethod: service.shipMethod,
        trackingFormat: service.trackingFormat,
        limitsJson: JSON.stringify(service.limits),
        volumetricDivisor: service.volumetricDivisor,
        volumetricRule: service.volumetricRule === null ? null : JSON.stringify(service.volumetricRule),
        network: service.network,
        acceptsLithium: JSON.stringify(service.acceptsLithium),
        acceptsDangerousGoods: service.acceptsDangerousGoods ? 1 : 0,
        active: service.active ? 1 : 0,
        sortOrder,
      });
    },
    insertRange(range: Omit<TrackingRangeRecord, 'id' | 'nextSeq'>): void {
      insertRange.run(range);
    },
    listActiveServices(): ServiceRecord[] {
      return activeServices.all().map(toService);
    },
    getService(id: string): ServiceRecord | null {
      const row = serviceById.get(id);
      return row ? toService(row) : null;
    },
    ranges(serviceId: string): TrackingRangeRecord[] {
      return rangesOf.all(serviceId).map(toRange);
    },
    remaining(serviceId: string): number {
      return remainingStmt.get(serviceId)?.n ?? 0;
    },
    /**
     * Takes the next sequence number of the service's first open range. Must run inside
     * the transaction that stores the label, so a number is consumed exactly when a
     * label that carries it exists.
     */
    takeNextSequence(serviceId: string): { range: TrackingRangeRecord; sequence: number } | null {
      const row = openRange.get(serviceId);
      if (!row) return null;
      const changed = advance.run(row.id, row.next_seq).changes;
      if (changed !== 1) throw new Error(`tracking range ${row.id} moved underneath the allocation`);
      return { range: toRange(row), sequence: row.next_seq };
    },
  };
}

export type CarriersRepo = ReturnType<typeof createCarriersRepo>;
