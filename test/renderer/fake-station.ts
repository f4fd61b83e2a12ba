import type {
  AppErrorShape,
  Box,
  CarrierCatalogView,
  Channel,
  ChannelInput,
  ChannelOutput,
  ChannelResult,
  DrillDownRowView,
  ImportJob,
  Language,
  ManifestDay,
  MetricsReportView,
  Operator,
  PackbenchApi,
  Settings,
  SyncStatus,
  FollowUpRowView,
} from '../../shared/contract';
import type { CatalogService } from '../../shared/domain/carrier-catalog';
import { parseCarrierCatalogCsv, parseCarrierCatalogJson, serializeCarrierCatalogJson } from '../../shared/import/carrier-catalog';
import { readCsvTable } from '../../shared/import/csv';
import { buildPackingSlip } from '../../shared/label/documents';
import { buildShippingLabel } from '../../shared/label/label-model';
import { DEFAULT_METRICS_CONFIG, HANDLING_TIME_DAYS, HANDLING_TIME_LABEL, METRIC_DEFINITIONS, METRIC_IDS, metricStatus } from '../../shared/metrics/definitions';
import type { MetricId } from '../../shared/metrics/definitions';
import { metricResult } from '../../shared/metrics/report';
import { windowEndingAt } from '../../shared/metrics/window';
import { defaultSettings } from '../../electron/services/settings-service';
import { createFakePackDesk } from './fake-pack';
import type { FakeDeskOptions, FakeDeskOrder, FakeProduct } from './fake-pack';

// An in-memory station behind the PackbenchApi, with canned orders, so screen tests run
// without a network or a database. It imitates the station's answers closely enough for
// the screen (codes, data, views); the real rules are tested against the real services.

export const PRODUCTS: FakeProduct[] = [
  { sku: 'PB-MUG-001', gtin: '00693210000015', nameEn: 'Ceramic travel mug 350 ml', nameZh: '陶瓷随行杯 350毫升', unitWeightG: 320, binLocation: 'B-02-03' },
  { sku: 'PB-SOCK-3P', gtin: '00693210000022', nameEn: 'Merino socks, 3 pairs', nameZh: '美利奴羊毛袜 三双装', unitWeightG: 180, binLocation: 'A-01-01' },
  { sku: 'PB-CABLE-C2', gtin: '00693210000039', nameEn: 'USB-C cable 2 m', nameZh: 'USB-C 数据线 2米', unitWeightG: 60, binLocation: 'C-10-02' },
  // A phone: every unit's serial number is captured.
  { sku: 'PB-PHONE', gtin: '00693210000046', nameEn: 'Smartphone X1', nameZh: '智能手机 X1', unitWeightG: 210, binLocation: 'D-01-01', serialRequired: true },
  // Bolts by the bag: scan one, type the count.
  { sku: 'PB-BOLT-M6', gtin: '00693210000053', nameEn: 'M6 bolt, bag of 10', nameZh: 'M6 螺栓 10只装', unitWeightG: 40, binLocation: null, quantityEntryAllowed: true },
];

/** An order as the fake station holds it; `status` defaults to new. */
export type FakeOrder = FakeDeskOrder;

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Three open orders, in deadline order: overdue, due later today, due in two days. */
export function cannedOrders(now: number): FakeOrder[] {
  return [
    {
      orderId: '111-0000001-0000001',
      latestShipDate: new Date(now - (3 * HOUR + 12 * MINUTE)).toISOString(),
      recipientName: 'Emily Johnson',
      buyerName: 'Emily Johnson',
      countryCode: 'US',
      isPrime: true,
      shipServiceLevel: 'Expedited',
      flags: ['lithium'],
      lines: [
        { sku: 'PB-MUG-001', quantity: 2 },
        { sku: 'PB-SOCK-3P', quantity: 1 },
      ],
    },
    {
      orderId: '112-0000002-0000002',
      latestShipDate: new Date(now + 5 * HOUR + 20 * MINUTE).toISOString(),
      recipientName: 'Daniel Brown',
      buyerName: 'Sofia Garcia',
      countryCode: 'GB',
      isPrime: false,
      shipServiceLevel: 'Standard',
      flags: ['high-value', 'dangerous-goods'],
      lines: [{ sku: 'PB-CABLE-C2', quantity: 1 }],
    },
    {
      orderId: '113-0000003-0000003',
      latestShipDate: new Date(now + 50 * HOUR).toISOString(),
      recipientName: 'Lukas Müller',
      buyerName: null,
      countryCode: 'DE',
      isPrime: false,
      shipServiceLevel: 'Standard',
      flags: [],
      lines: [{ sku: 'PB-SOCK-3P', quantity: 1 }],
    },
  ];
}

export const BOXES: Box[] = [
  { id: 'BOX-S', nameEn: 'Box S', nameZh: '纸箱 小号', innerLengthMm: 200, innerWidthMm: 150, innerHeightMm: 100, outerLengthMm: 210, outerWidthMm: 160, outerHeightMm: 110, tareG: 90, maxLoadG: 3000, hotkey: 1 },
  { id: 'BOX-XL', nameEn: 'Box XL', nameZh: '纸箱 特大号', innerLengthMm: 600, innerWidthMm: 400, innerHeightMm: 400, outerLengthMm: 660, outerWidthMm: 415, outerHeightMm: 415, tareG: 650, maxLoadG: 25000, hotkey: 2 },
];

/** A service as the fake catalogue holds it: the canned ones differ only in what a screen shows. */
function fakeService(fields: Pick<CatalogService, 'id' | 'carrierId' | 'carrierName' | 'nameEn' | 'nameZh' | 'trackingFormat' | 'network'> & Partial<CatalogService>): CatalogService {
  return {
    marketplaceCarrierCode: fields.carrierName,
    shipMethod: fields.nameEn,
    trackingSource: 'range',
    speed: fields.network === 'postal' ? 'standard' : 'priority',
    limits: { maxWeightG: 2000 },
    volumetricRule: null,
    acceptsLithium: [],
    acceptsDangerousGoods: false,
    zones: { US: 'Z1', GB: 'Z2', DE: 'Z2' },
    transit: { Z1: { minDays: 7, maxDays: 12 }, Z2: { minDays: 8, maxDays: 15 } },
    rateCard: {
      currency: 'CNY',
      rows: [
        { zone: 'Z1', upToG: 500, priceMinor: 3500 },
        { zone: 'Z1', upToG: 2000, priceMinor: 9500 },
        { zone: 'Z2', upToG: 500, priceMinor: 4200 },
        { zone: 'Z2', upToG: 2000, priceMinor: 11000 },
      ],
    },
    surcharges: [],
    fuelSurchargePercent: 0,
    cutoff: '17:00',
    pickupDays: [1, 2, 3, 4, 5],
    workingDays: [1, 2, 3, 4, 5],
    holidays: [],
    voidedNumbersReusable: false,
    active: true,
    ...fields,
  };
}

/** China Post (range-fed, running low), DHL (range-fed, plenty left) and a pre-printed YunExpress service. */
export function cannedCarrierServices(): CatalogService[] {
  return [
    fakeService({
      id: 'CNPOST-REG-SP',
      carrierId: 'CHINA-POST',
      carrierName: 'China Post',
      nameEn: 'China Post Registered Small Packet',
      nameZh: '中国邮政挂号小包',
      trackingFormat: 'upu-s10',
      network: 'postal',
      pickupDays: [1, 2, 3, 4, 5, 6],
      workingDays: [1, 2, 3, 4, 5, 6],
    }),
    fakeService({
      id: 'DHL-EXP-WW',
      carrierId: 'DHL',
      carrierName: 'DHL Express',
      marketplaceCarrierCode: 'DHL',
      nameEn: 'DHL Express Worldwide',
      nameZh: 'DHL 全球快递',
      trackingFormat: 'dhl-express-10',
      network: 'express',
      limits: { maxWeightG: 70000 },
      fuelSurchargePercent: 26.5,
    }),
    fakeService({
      id: 'YUN-PRE',
      carrierId: 'YUNEXPRESS',
      carrierName: 'YunExpress',
      nameEn: 'YunExpress Global Direct',
      nameZh: '云途全球专线',
      trackingFormat: 'upu-s10',
      trackingSource: 'pre-printed',
      network: 'postal',
      cutoff: '15:30',
      active: false,
    }),
  ];
}

type FakeRange = CarrierCatalogView['ranges'][number]['ranges'][number] & { serviceId: string };

/** China Post has 150 numbers left with a warning at 200; DHL has 99 900 with a warning at 500. */
export function cannedRanges(): FakeRange[] {
  return [
    { id: 1, serviceId: 'CNPOST-REG-SP', prefix: 'RR', suffix: 'CN', firstSeq: 10_000_000, lastSeq: 10_000_999, nextSeq: 10_000_850, reference: 'CP-2026-031', lowWarningAt: 200 },
    { id: 2, serviceId: 'DHL-EXP-WW', prefix: '12', suffix: '', firstSeq: 0, lastSeq: 99_999, nextSeq: 100, reference: 'DHL-CN-7', lowWarningAt: 500 },
  ];
}

type CarrierChannel = 'carriers:list' | 'carriers:import' | 'carriers:export' | 'carriers:saveService' | 'carriers:addRange' | 'carriers:importRanges';

/**
 * The carrier catalogue and tracking ranges in memory. Catalogue files go through the real
 * importer (parseCarrierCatalogJson / parseCarrierCatalogCsv), so a test's bad file fails with
 * the real codes, lines and paths; range bounds are plain sequence numbers here (the real
 * station also reads whole tracking numbers, which is tested against it).
 */
/** The models the station would draw: the shared builders with a fixed parcel. */
function previewOf(orderId: string) {
  const shipTo = { name: 'Ada Lovelace', lines: ['12 St James Sq'], city: 'London', state: null, postalCode: 'SW1Y 4LB', countryCode: 'GB', phone: null };
  const label = buildShippingLabel({
    shipFrom: { name: '深圳市光明贸易有限公司', lines: ['南山区科技路18号'], city: '深圳市', state: '广东省', postalCode: '518057', countryCode: 'CN', phone: null },
    shipTo,
    carrierName: 'China Post',
    serviceName: 'Registered Small Packet',
    trackingNumber: 'RR100000005CN',
    orderId,
    weightG: 900,
    createdAt: '2026-11-26T08:00:00.000Z',
  });
  const [slip] = buildPackingSlip({ orderId, shipTo, packageIndex: 1, packageCount: 1, date: '2026-11-26', lines: [{ sku: 'PB-MUG-001', nameEn: 'Ceramic travel mug', nameZh: '陶瓷随行杯', inPackage: 2, ordered: 2 }], trackingNumber: 'RR100000005CN' });
  if (!slip) throw new Error('no slip page');
  return { label, slip };
}

type DocumentChannel = 'documents:get' | 'documents:preview' | 'manifest:day' | 'manifest:closeOut' | 'manifest:document' | 'printer:status';

/** End of day: DHL has two parcels waiting, China Post none; closing moves them onto a manifest. */
function createFakeDocuments(): Pick<PackbenchApi, DocumentChannel> {
  const days = [
    { carrierId: 'DHL', carrierName: 'DHL Express', waiting: 2, waitingWeightG: 1840, closed: [] as ManifestDay['closed'] },
    { carrierId: 'CHINA-POST', carrierName: 'China Post', waiting: 0, waitingWeightG: 0, closed: [] as ManifestDay['closed'] },
  ];
  const snapshot = () => days.map((day) => ({ ...day, closed: [...day.closed] }));
  const file = (fileName: string, mime: string) => ({ ok: true as const, value: { fileName, mime, base64: btoa('%PDF-1.7 fake') } });
  return {
    'documents:preview': async ({ orderId }) => ({ ok: true, value: previewOf(orderId) }),
    'documents:get': async ({ orderId, doc }) => file(`${orderId}-${doc}.pdf`, 'application/pdf'),
    'manifest:day': async () => ({ ok: true, value: snapshot() }),
    'manifest:closeOut': async ({ carrierId }) => {
      const day = days.find((candidate) => candidate.carrierId === carrierId);
      if (!day || day.waiting === 0) return fail('MANIFEST_NOTHING_TO_CLOSE', 'Nothing to close.');
      day.closed.push({ id: day.closed.length + 1, closedAt: '2026-11-26T17:00:00.000Z', closedBy: 'Zhang Min', packageCount: day.waiting, totalWeightG: day.waitingWeightG });
      day.waiting = 0;
      day.waitingWeightG = 0;
      return { ok: true, value: snapshot() };
    },
    // The fake printer has run out of labels.
    'printer:status': async () => ({ ok: true, value: { supported: true, reachable: true, ready: false, problems: ['paper-out'], detail: null } }),
    'manifest:document': async ({ carrierId, day, format }) => file(`manifest-${carrierId}-${day}.${format}`, format === 'pdf' ? 'application/pdf' : 'text/csv'),
  };
}

type AfterSalesChannel = 'aftersales:get' | 'aftersales:return' | 'aftersales:refund' | 'aftersales:replacement' | 'aftersales:defect' | 'aftersales:claimStatus';

/**
 * After-sales of the canned orders, kept in memory: returns held to the order lines, the
 * bench's RMA numbers, supervisor-only refunds, replacements and defects (as the station).
 * Item ids are the desk's (`<orderId>-<index>`); the goods are valued at 10.00 USD a unit.
 */
function createFakeAfterSales(orders: FakeOrder[], operator: () => FakeOperator | null): Pick<PackbenchApi, AfterSalesChannel> {
  type View = ChannelOutput<'aftersales:get'>;
  const records = new Map<string, Pick<View, 'returns' | 'refunds' | 'replacements' | 'defects'>>();
  let nextId = 1;
  let rmaCount = 0;
  const stored = (orderId: string) => {
    const found = records.get(orderId) ?? { returns: [], refunds: [], replacements: [], defects: [] };
    records.set(orderId, found);
    return found;
  };
  const view = (order: FakeOrder): View => {
    const record = stored(order.orderId);
    const returned = (orderItemId: string) => record.returns.flatMap((entry) => entry.items).filter((item) => item.orderItemId === orderItemId).reduce((sum, item) => sum + item.quantity, 0);
    return {
      orderId: order.orderId,
      status: order.status ?? 'new',
      source: 'amazon',
      replaces: null,
      items: order.lines.map((line, index) => {
        const orderItemId = `${order.orderId}-${index}`;
        return { orderItemId, sku: line.sku, productName: PRODUCTS.find((product) => product.sku === line.sku)?.nameEn ?? line.sku, quantity: line.quantity, returned: returned(orderItemId) };
      }),
      orderValue: { amountMinor: order.lines.reduce((sum, line) => sum + line.quantity * 1000, 0), currency: 'USD' },
      ...record,
    };
  };
  const withOrder = <C extends AfterSalesChannel>(orderId: string, then: (order: FakeOrder) => ChannelResult<C>): Promise<ChannelResult<C>> => {
    const order = orders.find((candidate) => candidate.orderId === orderId);
    if (!order) return Promise.resolve(fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId }));
    if (operator() === null) return Promise.resolve(fail('NOT_SIGNED_IN', 'Sign in first.'));
    return Promise.resolve(then(order));
  };
  const supervisor = () => (operator()?.role === 'supervisor' ? null : fail('SUPERVISOR_REQUIRED', 'Only a supervisor can do this.'));
  const now = () => new Date().toISOString();
  return {
    'aftersales:get': ({ orderId }) => withOrder<'aftersales:get'>(orderId, (order) => ({ ok: true, value: view(order) })),
    'aftersales:return': (input) =>
      withOrder<'aftersales:return'>(input.orderId, (order) => {
        const current = view(order);
        for (const item of current.items) {
          const quantity = input.items.filter((line) => line.orderItemId === item.orderItemId).reduce((sum, line) => sum + line.quantity, 0);
          if (quantity > item.quantity - item.returned) {
            return fail('RETURN_TOO_MANY', `${item.sku}: too many.`, { orderId: order.orderId, sku: item.sku, quantity, left: item.quantity - item.returned, ordered: item.quantity });
          }
        }
        rmaCount += 1;
        const dispositions = input.items.map((item) => item.disposition);
        stored(order.orderId).returns.push({
          id: nextId++,
          rma: input.rma ?? `RMA-20261126-${rmaCount}`,
          reason: input.reason,
          status: dispositions.every((d) => d === 'restock') ? 'restocked' : dispositions.every((d) => d === 'write-off') ? 'written-off' : 'partly-restocked',
          receivedAt: input.receivedAt ?? now(),
          operator: operator()?.name ?? '',
          note: input.note ?? null,
          items: input.items.map((item) => ({ ...item, sku: current.items.find((line) => line.orderItemId === item.orderItemId)?.sku ?? '' })),
        });
        return { ok: true, value: view(order) };
      }),
    'aftersales:refund': (input) =>
      withOrder<'aftersales:refund'>(input.orderId, (order) => {
        const refused = supervisor();
        if (refused) return refused;
        stored(order.orderId).refunds.push({ id: nextId++, amountMinor: input.amountMinor, currency: input.currency, reason: input.reason, refundedAt: input.refundedAt ?? now(), operator: operator()?.name ?? '', reference: input.reference ?? null });
        return { ok: true, value: view(order) };
      }),
    'aftersales:replacement': (input) =>
      withOrder<'aftersales:replacement'>(input.orderId, (order) => {
        const refused = supervisor();
        if (refused) return refused;
        const replacementOrderId = `${order.orderId}-R${stored(order.orderId).replacements.length + 1}`;
        stored(order.orderId).replacements.push({ replacementOrderId, reason: input.reason, createdAt: now(), operator: operator()?.name ?? '', status: 'new' });
        return { ok: true, value: { ...view(order), replacementOrderId } };
      }),
    'aftersales:defect': (input) =>
      withOrder<'aftersales:defect'>(input.orderId, (order) => {
        const refused = supervisor();
        if (refused) return refused;
        stored(order.orderId).defects.push({
          id: nextId++,
          kind: input.kind,
          rating: input.kind === 'feedback' ? input.rating : null,
          claimStatus: input.kind === 'a-to-z-claim' ? input.claimStatus : null,
          receivedAt: input.receivedAt,
          removedAt: null,
          reference: input.reference ?? null,
          note: input.note ?? null,
        });
        return { ok: true, value: view(order) };
      }),
    'aftersales:claimStatus': (input) =>
      withOrder<'aftersales:claimStatus'>(input.orderId, (order) => {
        const refused = supervisor();
        if (refused) return refused;
        const claim = stored(order.orderId).defects.find((defect) => defect.id === input.defectId && defect.kind === 'a-to-z-claim');
        if (!claim) return fail('CLAIM_NOT_FOUND', 'No such claim.', { orderId: order.orderId });
        claim.claimStatus = input.claimStatus;
        return { ok: true, value: view(order) };
      }),
  };
}

function createFakeCarriers(operator: () => FakeOperator | null): Pick<PackbenchApi, CarrierChannel> {
  let services = cannedCarrierServices();
  const ranges = cannedRanges();
  const orphaned: Record<string, number> = { 'CNPOST-REG-SP': 2 };
  let nextRangeId = ranges.length + 1;

  const refusal = (what: string) => {
    const current = operator();
    if (current === null) return fail('NOT_SIGNED_IN', 'Sign in first.');
    return current.role === 'supervisor' ? null : fail('SUPERVISOR_REQUIRED', `Only a supervisor can ${what}.`);
  };

  const view = (): CarrierCatalogView => ({
    services: services.map((service) => structuredClone(service)),
    ranges: services
      .filter((service) => service.trackingSource === 'range')
      .map((service) => {
        const own = ranges.filter((range) => range.serviceId === service.id);
        const open = own.filter((range) => range.nextSeq <= range.lastSeq);
        const remaining = open.reduce((sum, range) => sum + range.lastSeq - range.nextSeq + 1, 0);
        const lowWarningAt = Math.max(0, ...(open.length > 0 ? open : own).map((range) => range.lowWarningAt));
        return {
          serviceId: service.id,
          remaining,
          lowWarningAt,
          low: remaining <= lowWarningAt,
          orphaned: orphaned[service.id] ?? 0,
          ranges: own.map(({ serviceId: _serviceId, ...range }) => ({ ...range })),
        };
      }),
    numbers: { allocated: 3, labelled: 850, void: 4, orphaned: Object.values(orphaned).reduce((sum, count) => sum + count, 0) },
  });

  /** The station's check of one range, reduced to what a screen test needs. */
  const addRange = (input: ChannelInput<'carriers:addRange'>): { ok: true } | { ok: false; error: AppErrorShape } => {
    const service = services.find((candidate) => candidate.id === input.serviceId);
    if (!service) return fail('SERVICE_NOT_FOUND', `There is no service ${input.serviceId}.`, { serviceId: input.serviceId });
    if (service.trackingSource !== 'range') return fail('RANGE_NOT_USED', `${service.nameEn} does not take its numbers from a range.`, { serviceId: service.id });
    const [firstSeq, lastSeq] = [input.first.trim(), input.last.trim()].map((bound) => (/^[0-9]{1,15}$/.test(bound) ? Number(bound) : null));
    if (firstSeq === null || lastSeq === null || firstSeq === undefined || lastSeq === undefined) {
      return fail('RANGE_BAD_BOUNDS', "The first and last of the range must be sequence numbers or tracking numbers with the range's prefix and suffix.", { first: input.first, last: input.last });
    }
    if (firstSeq > lastSeq) return fail('RANGE_BAD_BOUNDS', 'The first number of the range comes after the last.', { first: input.first, last: input.last });
    const prefix = input.prefix.trim().toUpperCase();
    const suffix = input.suffix.trim().toUpperCase();
    const clash = ranges.find(
      (range) => range.serviceId === service.id && range.prefix === prefix && range.suffix === suffix && range.firstSeq <= lastSeq && firstSeq <= range.lastSeq,
    );
    if (clash) {
      return fail('RANGE_OVERLAPS', `This range shares numbers with range ${clash.id} (${clash.prefix}…${clash.suffix} ${clash.firstSeq}–${clash.lastSeq}): numbers would be issued twice.`, {
        rangeId: clash.id,
      });
    }
    ranges.push({ id: nextRangeId, serviceId: service.id, prefix, suffix, firstSeq, lastSeq, nextSeq: firstSeq, reference: input.reference.trim(), lowWarningAt: input.lowWarningAt });
    nextRangeId += 1;
    return { ok: true };
  };

  return {
    'carriers:list': async () => ({ ok: true, value: view() }),
    'carriers:import': async (input) => {
      const refused = refusal('import the carrier catalogue');
      if (refused) return refused;
      const parsed = input.format === 'json' ? parseCarrierCatalogJson(input.json) : parseCarrierCatalogCsv(input.servicesCsv, input.ratesCsv);
      if (!parsed.ok) return { ok: true, value: { ok: false, errors: parsed.errors, warnings: parsed.warnings, saved: 0, deactivated: 0 } };
      const imported = new Set(parsed.services.map((service) => service.id));
      const deactivated = services.filter((service) => !imported.has(service.id) && service.active);
      services = [...parsed.services, ...services.filter((service) => !imported.has(service.id)).map((service) => ({ ...service, active: false }))];
      return { ok: true, value: { ok: true, errors: [], warnings: parsed.warnings, saved: parsed.services.length, deactivated: deactivated.length } };
    },
    'carriers:export': async () => ({ ok: true, value: { fileName: 'carriers-2026-03-02.json', json: serializeCarrierCatalogJson(services) } }),
    'carriers:saveService': async ({ service }) => {
      const refused = refusal('change a carrier service');
      if (refused) return refused;
      const parsed = parseCarrierCatalogJson(JSON.stringify({ format: 'packbench-carriers', version: 1, services: [service] }));
      if (!parsed.ok) {
        const [first] = parsed.errors;
        return fail('CATALOG_INVALID', first ? first.message : 'The service is not valid.', { errors: parsed.errors.length, code: first?.code ?? null });
      }
      const [valid] = parsed.services;
      if (!valid) return fail('CATALOG_INVALID', 'The service is not valid.');
      const at = services.findIndex((existing) => existing.id === valid.id);
      services = at < 0 ? [...services, valid] : services.map((existing, index) => (index === at ? valid : existing));
      return { ok: true, value: view() };
    },
    'carriers:addRange': async (input) => {
      const refused = refusal('add a tracking-number range');
      if (refused) return refused;
      const added = addRange(input);
      return added.ok ? { ok: true, value: view() } : added;
    },
    'carriers:importRanges': async ({ csv }) => {
      const refused = refusal('import tracking-number ranges');
      if (refused) return refused;
      const table = readCsvTable(csv);
      if (!table.ok) {
        return { ok: true, value: { ok: false, added: 0, errors: [{ line: table.openedAt, code: 'RANGE_FILE_UNCLOSED_QUOTE', message: `A quote opened on line ${table.openedAt} is never closed.` }] } };
      }
      const missing = ['service_id', 'prefix', 'suffix', 'first', 'last'].filter((column) => !table.header.includes(column));
      if (missing.length > 0) {
        return { ok: true, value: { ok: false, added: 0, errors: [{ line: 1, code: 'RANGE_FILE_COLUMNS', message: `The range file needs the columns ${missing.join(', ')}.` }] } };
      }
      // All or none, as the station's transaction: try every row on a copy, keep it only if all pass.
      const before = ranges.map((range) => ({ ...range }));
      const idBefore = nextRangeId;
      const errors: Array<{ line: number; code: string; message: string }> = [];
      for (const row of table.rows) {
        const value = (column: string) => row.values[column] ?? '';
        const lowWarning = value('low_warning_at').trim();
        const added = addRange({
          serviceId: value('service_id').trim(),
          prefix: value('prefix'),
          suffix: value('suffix'),
          first: value('first'),
          last: value('last'),
          reference: value('reference'),
          lowWarningAt: lowWarning === '' ? 200 : Number(lowWarning),
        });
        if (!added.ok) errors.push({ line: row.line, code: added.error.code, message: added.error.message });
      }
      if (errors.length > 0) {
        ranges.splice(0, ranges.length, ...before);
        nextRangeId = idBefore;
        return { ok: true, value: { ok: false, added: 0, errors } };
      }
      return { ok: true, value: { ok: true, added: table.rows.length, errors: [] } };
    },
  };
}

/** What the three metrics:* channels answer. */
export type FakeMetrics = {
  report: MetricsReportView;
  trends: ChannelOutput<'metrics:trends'>;
  /** The rows behind each figure, newest first; a metric without rows answers an empty page. */
  drillDown: Partial<Record<MetricId, DrillDownRowView[]>>;
  /** metrics:report answers this refusal instead of the report. */
  reportError?: AppErrorShape;
};

/** Counts behind each canned figure: LSR (10 days) red, VTR (7 days) amber, on-time delivery without data, the rest green. */
const CANNED_COUNTS: Record<MetricId, { numerator: number; denominator: number }> = {
  'order-defect-rate': { numerator: 1, denominator: 400 },
  'cancel-rate': { numerator: 0, denominator: 90 },
  'late-shipment-rate-10d': { numerator: 30, denominator: 600 },
  'late-shipment-rate-30d': { numerator: 30, denominator: 1800 },
  'valid-tracking-rate-7d': { numerator: 113, denominator: 118 },
  'valid-tracking-rate-30d': { numerator: 395, denominator: 400 },
  'on-time-delivery-rate': { numerator: 0, denominator: 0 },
  'acknowledged-24h': { numerator: 90, denominator: 90 },
};

const DAY = 24 * HOUR;

/**
 * The canned seller metrics at `now`, built with the shared rules (metricResult judges each
 * status as the station does): one red, one amber, one without data, the others green; a
 * 30-day trend per metric; 30 late orders behind the late shipment rate (the first of them the
 * canned open order 111-0000001-0000001, not confirmed) and five packages behind the valid
 * tracking rate, one with a reason code the screen does not know.
 */
export function cannedMetrics(now: number): FakeMetrics {
  const at = new Date(now).toISOString();
  const report: MetricsReportView = {
    at,
    amberFraction: DEFAULT_METRICS_CONFIG.amberFraction,
    metrics: METRIC_IDS.map((id) => {
      const { days, lagDays } = METRIC_DEFINITIONS[id];
      const { numerator, denominator } = CANNED_COUNTS[id];
      return metricResult(id, windowEndingAt(at, days, lagDays), numerator, denominator, DEFAULT_METRICS_CONFIG);
    }),
    handlingTime: { id: 'handling-time', label: HANDLING_TIME_LABEL, window: windowEndingAt(at, HANDLING_TIME_DAYS), orders: 84, medianHours: 18.5, p90Hours: 40.25 },
  };
  const trends = report.metrics.map((metric) => ({
    metricId: metric.id,
    points: Array.from({ length: 30 }, (_, day) => {
      const pointAt = new Date(now - (29 - day) * DAY).toISOString();
      if (metric.rate === null) return { at: pointAt, rate: null, status: 'no-data' as const };
      // From half the figure a month ago (or 100 % for a "good" one) up to today's figure.
      const start = metric.counts === 'bad' ? metric.rate / 2 : 1;
      const rate = start + ((metric.rate - start) * day) / 29;
      return { at: pointAt, rate, status: metricStatus(Math.round(rate * 10_000), 10_000, metric.target, DEFAULT_METRICS_CONFIG.amberFraction) };
    }),
  }));
  const late: DrillDownRowView[] = Array.from({ length: 30 }, (_, index) => {
    const deadline = new Date(now - (index + 1) * 5 * HOUR).toISOString();
    if (index === 0) return { orderId: '111-0000001-0000001', packageId: null, reason: 'not-confirmed', times: { deadline, confirmed: null } };
    const serial = String(index + 10).padStart(7, '0');
    return { orderId: `114-${serial}-${serial}`, packageId: null, reason: 'late', times: { deadline, confirmed: new Date(Date.parse(deadline) + 2 * HOUR).toISOString() } };
  });
  const confirmed = (hoursAgo: number) => ({ confirmed: new Date(now - hoursAgo * HOUR).toISOString() });
  const tracking: DrillDownRowView[] = [
    { orderId: '115-0000001-0000001', packageId: 501, reason: 'bad-check-digit', times: confirmed(5) },
    { orderId: '115-0000002-0000002', packageId: 502, reason: 'wrong-carrier', times: confirmed(20) },
    { orderId: '115-0000003-0000003', packageId: 503, reason: 'no-carrier-scan', times: confirmed(50) },
    { orderId: '115-0000004-0000004', packageId: 504, reason: 'voided-after-confirmation', times: confirmed(70) },
    { orderId: '115-0000005-0000005', packageId: 505, reason: 'parcel-eaten-by-dog', times: confirmed(90) },
  ];
  return { report, trends, drillDown: { 'late-shipment-rate-10d': late, 'valid-tracking-rate-7d': tracking } };
}

export function cannedSettings(language: Language): Settings {
  return {
    language,
    stationName: 'Bench 1',
    printer: { mode: 'folder', host: '127.0.0.1', port: 9100, queue: '', folder: '/tmp/labels', share: '', timeoutMs: 5000 },
    documentPrinters: {
      slip: { mode: 'os', osPrinter: 'Office', page: 'a4', folder: '/tmp/documents', afterLabel: false },
      customs: { mode: 'label-printer', osPrinter: '', page: '4x6', folder: '/tmp/documents', afterLabel: false },
    },
    // The station's own defaults: Amazon US, sync off.
    marketplace: { ...defaultSettings('/tmp').marketplace },
    labelDpi: 203,
    autoPrint: false,
    shipFrom: {
      name: 'PackBench Demo Trading Co.',
      lines: ['Bldg 3, 18 Keji Road'],
      city: 'Shenzhen',
      state: 'Guangdong',
      postalCode: '518057',
      countryCode: 'CN',
      phone: null,
    },
    scanner: { maxInterKeyMs: 35, minLength: 4, prefix: '', suffix: '', commandPrefix: 'PB:' },
    sound: { enabled: true, volume: 0.7 },
    idleSignOutMinutes: 15,
    overrideReasons: [
      { code: 'DAMAGED_BARCODE', en: 'Barcode damaged or unreadable', zh: '条码损坏或无法读取' },
      { code: 'NO_BARCODE', en: 'Unit has no barcode', zh: '商品没有条码' },
    ],
    shortReasons: [{ code: 'OUT_OF_STOCK', en: 'Out of stock', zh: '缺货' }],
    // Typed weights only by default: a test turns the simulated scale on where it needs it.
    scale: { mode: 'none', serialProtocol: 'mt-sics', baudRate: 9600, stableForMs: 500 },
    boxObjective: 'smallest',
    weightCheck: { percent: 5, minimumG: 30, perPackageG: 0, perUnitG: 0 },
    insurance: { mode: 'required', thresholdMinor: { USD: 50_000, CNY: 300_000 }, rates: { USD: { ratePermille: 10, minimumMinor: 100 } } },
    choice: { rules: [{ id: 'over-2kg-express', when: { minWeightG: 2001 }, require: { network: 'express' } }], currency: 'CNY', exchangeRates: { USD: 7.1 }, holidays: [] },
    serviceOverrideReasons: [{ code: 'BUYER_REQUEST', en: 'Buyer asked for this carrier', zh: '买家指定承运商' }],
  };
}

/** An operator as the station stores it; the screen only ever sees name and role. */
export type FakeOperator = Operator & { pin: string | null; badge: string | null; active: boolean };

/** A packer and a supervisor, each with a PIN and a badge. */
export function cannedOperators(): FakeOperator[] {
  return [
    { name: 'Li Wei', role: 'packer', pin: '1234', badge: 'B-1001', active: true },
    { name: 'Zhang Min', role: 'supervisor', pin: '9999', badge: 'B-9001', active: true },
  ];
}

const MAX_FAILED_PINS = 5;

export type FakeStationOptions = {
  language?: Language;
  now?: number;
  orders?: FakeOrder[];
  /** The first print attempt fails (printer offline); a retry succeeds. */
  printFailsFirst?: boolean;
  /** The first print of each slip or customs form fails; printing it again succeeds. */
  documentPrintFailsFirst?: boolean;
  /** What sync:status answers (default: sync off, nothing waiting). */
  sync?: SyncStatus;
  /** What tracking:followUp answers (default: nothing to follow up). */
  followUp?: FollowUpRowView[];
  /** How many status polls an import takes before it is done. */
  importPolls?: number;
  /** Who is signed in at the start (default: Li Wei, a packer); null shows the sign-in screen. */
  signedIn?: string | null;
  operators?: FakeOperator[];
  /** Settings that differ from the canned ones (a short idle sign-out, another scanner gap). */
  settings?: Partial<Settings>;
  /** What the metrics:* channels answer, in place of the canned ones (cannedMetrics). */
  metrics?: Partial<FakeMetrics>;
} & FakeDeskOptions;

export type FakeStation = {
  api: PackbenchApi;
  calls: Array<{ channel: Channel; input: unknown }>;
  settings: () => Settings;
  /** The signed-in operator, as the station holds it. */
  operator: () => Operator | null;
  operators: () => FakeOperator[];
  /** The station forgets the operator (its own idle expiry, a restart): bench calls answer `code`. */
  dropSession: (code?: 'NOT_SIGNED_IN' | 'SIGNED_OUT_IDLE') => void;
  /** The marketplace cancels an order (as a sync would), whether or not it is being packed. */
  cancelOrder: (orderId: string) => void;
};

function fail(code: string, message: string, data?: AppErrorShape['data']): { ok: false; error: AppErrorShape } {
  return { ok: false, error: data === undefined ? { code, message } : { code, message, data } };
}

export function createFakeStation(options: FakeStationOptions = {}): FakeStation {
  const now = options.now ?? Date.now();
  const orders = options.orders ?? cannedOrders(now);
  let settings: Settings = { ...cannedSettings(options.language ?? 'en'), ...options.settings };
  const calls: FakeStation['calls'] = [];
  const jobs = new Map<string, { job: ImportJob; polls: number }>();
  const operators = options.operators ?? cannedOperators();
  const pinFailures = new Map<string, number>();
  const signedInAtStart = options.signedIn === undefined ? 'Li Wei' : options.signedIn;
  let current: FakeOperator | null = operators.find((operator) => operator.name === signedInAtStart) ?? null;
  let signedOutCode: 'NOT_SIGNED_IN' | 'SIGNED_OUT_IDLE' = 'NOT_SIGNED_IN';
  const publicOperator = (operator: FakeOperator): Operator => ({ name: operator.name, role: operator.role });

  // The pack channels, order history, cancellation, pull list and pick list: see fake-pack.ts.
  const desk = createFakePackDesk({
    orders,
    // Copies: a catalogue change in one test (catalog:applyWeight) must not reach the next.
    products: PRODUCTS.map((item) => ({ ...item })),
    boxes: BOXES,
    settings: () => settings,
    operator: () => current,
    operators: () => operators,
    options,
  });
  const summary = desk.summary;
  const find = (orderId: string) => orders.find((order) => order.orderId === orderId.trim().toUpperCase());

  let sync: SyncStatus = options.sync ?? {
    connection: 'off',
    lastContactAt: null,
    lastPullAt: null,
    lastPushAt: null,
    lastError: null,
    pendingCount: 0,
    needsAttentionCount: 0,
    atRiskCount: 0,
    oldestUnsentAt: null,
    offlineBudgetExceeded: false,
    confirmations: [],
    openExport: null,
  };
  // Counted again from the list, as the station does.
  const recount = (next: SyncStatus): SyncStatus => ({
    ...next,
    pendingCount: next.confirmations.filter((job) => job.state !== 'needs-attention').length,
    needsAttentionCount: next.confirmations.filter((job) => job.state === 'needs-attention').length,
    atRiskCount: next.confirmations.filter((job) => job.atRisk || job.late).length,
  });

  const metrics: FakeMetrics = { ...cannedMetrics(now), ...options.metrics };

  const api: PackbenchApi = {
    'metrics:report': async () => (metrics.reportError ? { ok: false, error: metrics.reportError } : { ok: true, value: metrics.report }),
    'metrics:trends': async () => ({ ok: true, value: metrics.trends }),
    'metrics:drillDown': async ({ metricId, offset = 0, limit = 100 }) => {
      const rows = metrics.drillDown[metricId] ?? [];
      return { ok: true, value: { rows: rows.slice(offset, offset + limit), total: rows.length } };
    },
    'sync:status': async () => ({ ok: true, value: sync }),
    'tracking:followUp': async () => ({ ok: true, value: options.followUp ?? [] }),
    // Two packers over an 8-hour shift (figures as the station would give them).
    'productivity:shift': async ({ from, to }) => {
      if (current?.role !== 'supervisor') return fail('SUPERVISOR_REQUIRED', 'Only a supervisor can see the shift report.');
      const packer = { orders: 12, packages: 13, units: 30, activeHours: 6, ordersPerHour: 2, unitsPerHour: 5, wrongItems: 1, overScans: 2, errorsPer100Units: 10, overridesByReason: { DAMAGED_BARCODE: 1 } };
      return {
        ok: true,
        value: {
          from,
          to,
          packers: [{ operator: 'Li Wei', ...packer, firstAt: from, lastAt: to }],
          totals: packer,
        },
      };
    },
    'productivity:shiftReport': async ({ format }) => ({ ok: true, value: { fileName: `shift.${format}`, mime: format === 'pdf' ? 'application/pdf' : 'text/csv', base64: btoa('operator\n') } }),
    // A cycle that reaches Amazon: everything waiting goes out, nothing needs attention.
    'sync:run': async () => {
      const sent = sync.confirmations.filter((job) => job.state !== 'needs-attention').length;
      sync = recount({ ...sync, connection: 'online', lastContactAt: new Date(now).toISOString(), confirmations: sync.confirmations.filter((job) => job.state === 'needs-attention'), offlineBudgetExceeded: false });
      return { ok: true, value: { cycle: { pulled: { added: 0, updated: 0, cancelled: 0, failed: 0, tracked: 0 }, pushed: { confirmed: sent, byFeed: 0, failed: 0, needsAttention: 0, waiting: 0 }, errors: [] }, status: sync } };
    },
    'sync:retry': async ({ jobId }) => {
      sync = recount({ ...sync, confirmations: sync.confirmations.map((job) => (job.jobId === jobId ? { ...job, state: 'pending', errorCode: null, lastError: null } : job)) });
      return { ok: true, value: sync };
    },
    'sync:exportFile': async () => {
      if (sync.confirmations.length === 0) return fail('NOTHING_TO_EXPORT', 'There is no confirmation waiting.');
      sync = { ...sync, openExport: { id: 1, at: new Date(now).toISOString(), jobCount: sync.confirmations.length }, confirmations: sync.confirmations.map((job) => ({ ...job, inFile: true })) };
      return { ok: true, value: { exportId: 1, jobCount: sync.confirmations.length, file: { fileName: 'confirmations.txt', mime: 'text/tab-separated-values', base64: btoa('order-id\n') } } };
    },
    'sync:markUploaded': async () => {
      sync = recount({ ...sync, openExport: null, confirmations: sync.confirmations.filter((job) => !job.inFile) });
      return { ok: true, value: sync };
    },
    'sync:setCredentials': async () => {
      sync = { ...sync, connection: 'offline' };
      return { ok: true, value: sync };
    },
    'app:info': async () => ({ ok: true, value: { version: '0.1.0', host: 'browser', dbPath: ':memory:', schemaVersion: 1 } }),
    'settings:get': async () => ({ ok: true, value: settings }),
    'settings:update': async (patch) => {
      // As the station: carrier choice and its reasons are a supervisor's. (The station also
      // holds idle sign-out and the other reason lists to that; screens tested here do not need it.)
      if ((patch.choice !== undefined || patch.serviceOverrideReasons !== undefined) && current?.role !== 'supervisor') {
        return fail('SUPERVISOR_REQUIRED', 'Only a supervisor can change idle sign-out and the reason lists.');
      }
      if (patch.stationName !== undefined && patch.stationName.trim() === '') {
        return fail('INPUT_INVALID', 'Invalid input for settings:update at stationName: Too small', { channel: 'settings:update', path: 'stationName' });
      }
      const gap = patch.scanner?.maxInterKeyMs;
      if (gap !== undefined && (gap < 5 || gap > 500)) {
        return fail('INPUT_INVALID', 'Invalid input for settings:update at scanner.maxInterKeyMs: out of range', { channel: 'settings:update', path: 'scanner.maxInterKeyMs' });
      }
      settings = {
        ...settings,
        ...(patch.language ? { language: patch.language } : {}),
        ...(patch.stationName ? { stationName: patch.stationName } : {}),
        scanner: { ...settings.scanner, ...patch.scanner },
        sound: { ...settings.sound, ...patch.sound },
        ...(patch.idleSignOutMinutes !== undefined ? { idleSignOutMinutes: patch.idleSignOutMinutes } : {}),
        ...(patch.overrideReasons ? { overrideReasons: patch.overrideReasons } : {}),
        ...(patch.shortReasons ? { shortReasons: patch.shortReasons } : {}),
        ...(patch.autoPrint !== undefined ? { autoPrint: patch.autoPrint } : {}),
        ...(patch.labelDpi ? { labelDpi: patch.labelDpi } : {}),
        printer: { ...settings.printer, ...patch.printer },
        documentPrinters: {
          slip: { ...settings.documentPrinters.slip, ...patch.documentPrinters?.slip },
          customs: { ...settings.documentPrinters.customs, ...patch.documentPrinters?.customs },
        },
        shipFrom: { ...settings.shipFrom, ...patch.shipFrom },
        scale: { ...settings.scale, ...patch.scale },
        ...(patch.boxObjective ? { boxObjective: patch.boxObjective } : {}),
        weightCheck: { ...settings.weightCheck, ...patch.weightCheck },
        ...(patch.insurance ? { insurance: patch.insurance } : {}),
        ...(patch.choice ? { choice: patch.choice } : {}),
        ...(patch.serviceOverrideReasons ? { serviceOverrideReasons: patch.serviceOverrideReasons } : {}),
      };
      return { ok: true, value: settings };
    },
    'orders:queue': async ({ search }) => {
      const needle = (search ?? '').trim().toLowerCase();
      const matching = orders.filter(
        (order) =>
          needle === '' ||
          order.orderId.toLowerCase().includes(needle) ||
          (order.buyerName ?? '').toLowerCase().includes(needle) ||
          order.lines.some((line) => line.sku.toLowerCase().includes(needle)),
      );
      return { ok: true, value: matching.map(summary) };
    },
    'orders:find': async ({ code }) => {
      const wanted = code.trim().replace(/\s+/g, '').toUpperCase();
      if (wanted === '') return fail('ORDER_CODE_EMPTY', 'Scan or type an order number.');
      const order = find(wanted);
      return order ? { ok: true, value: { orderId: order.orderId } } : fail('ORDER_NOT_FOUND', `Order ${wanted} is not in this station's database.`, { orderId: wanted });
    },
    'boxes:list': async () => ({ ok: true, value: BOXES }),
    'operators:list': async () => ({ ok: true, value: operators.filter((operator) => operator.active).map(publicOperator) }),
    'operators:current': async () => ({ ok: true, value: current ? publicOperator(current) : null }),
    'operators:signIn': async (credentials) => {
      if ('badge' in credentials) {
        const found = operators.find((operator) => operator.active && operator.badge === credentials.badge.trim());
        if (!found) return fail('OPERATOR_UNKNOWN_BADGE', 'This badge is not known at this station; ask a supervisor to register it.');
        current = found;
        return { ok: true, value: publicOperator(found) };
      }
      const found = operators.find((operator) => operator.active && operator.pin !== null && operator.name === credentials.name.trim());
      if (!found) return fail('OPERATOR_UNKNOWN', `There is no active operator called ${credentials.name} with a PIN.`, { name: credentials.name });
      const failures = pinFailures.get(found.name) ?? 0;
      if (failures >= MAX_FAILED_PINS) {
        return fail('OPERATOR_LOCKED', `Too many wrong PINs for ${found.name}; try again later or ask a supervisor.`, { name: found.name, until: '2099-01-01T00:00:00.000Z' });
      }
      if (credentials.pin !== found.pin) {
        pinFailures.set(found.name, failures + 1);
        return fail('OPERATOR_BAD_PIN', 'Wrong PIN. Try again.', { name: found.name, attemptsLeft: MAX_FAILED_PINS - failures - 1 });
      }
      pinFailures.delete(found.name);
      current = found;
      return { ok: true, value: publicOperator(found) };
    },
    'operators:signOut': async () => {
      current = null;
      signedOutCode = 'NOT_SIGNED_IN';
      return { ok: true, value: {} };
    },
    'operators:save': async (input) => {
      if (current === null) return fail(signedOutCode, 'Sign in first.');
      if (current.role !== 'supervisor') return fail('SUPERVISOR_REQUIRED', 'Only a supervisor can add or change operators.');
      const badge = input.badge === undefined ? undefined : input.badge === null ? null : input.badge.trim();
      const holder = badge ? operators.find((operator) => operator.badge === badge && operator.name !== input.name) : undefined;
      if (holder) return fail('BADGE_TAKEN', `Badge ${badge} already belongs to ${holder.name}.`, { badge: badge ?? '', name: holder.name });
      const existing = operators.find((operator) => operator.name === input.name.trim());
      const saved: FakeOperator = {
        name: input.name.trim(),
        role: input.role,
        pin: input.pin ?? existing?.pin ?? null,
        badge: badge === undefined ? (existing?.badge ?? null) : badge,
        active: input.active ?? existing?.active ?? true,
      };
      if (existing) Object.assign(existing, saved);
      else operators.push(saved);
      return { ok: true, value: publicOperator(saved) };
    },
    ...desk.api,
    ...createFakeCarriers(() => current),
    ...createFakeDocuments(),
    ...createFakeAfterSales(orders, () => current),
    'import:start': async ({ kind, fileName, content }) => {
      const total = content.split('\n').filter((line) => line.trim() !== '').length - 1;
      const job: ImportJob = {
        jobId: `job-${jobs.size + 1}`,
        kind,
        fileName,
        state: 'running',
        processed: 0,
        total: Math.max(total, 0),
        inserted: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        rowErrors: [],
        error: null,
      };
      jobs.set(job.jobId, { job, polls: 0 });
      return { ok: true, value: { ...job } };
    },
    'import:status': async ({ jobId }) => {
      const entry = jobs.get(jobId);
      if (!entry) return fail('IMPORT_JOB_NOT_FOUND', 'That import is not known (the app may have restarted).', { jobId });
      entry.polls += 1;
      const needed = options.importPolls ?? 2;
      const { job } = entry;
      if (entry.polls >= needed) {
        Object.assign(job, {
          state: 'done',
          processed: job.total,
          inserted: Math.max(job.total - 1, 0),
          skipped: 1,
          rowErrors: [{ line: 3, code: 'ROW_BAD_QUANTITY', message: "Line 3: quantity-purchased is 'two', not a whole number. The order was not imported.", column: 'quantity-purchased' }],
        });
      } else {
        job.processed = Math.floor((job.total * entry.polls) / needed);
      }
      return { ok: true, value: { ...job, rowErrors: [...job.rowErrors] } };
    },
  };

  // Bench actions are the signed-in operator's: without one the station refuses them, as the
  // real one does (NOT_SIGNED_IN, or SIGNED_OUT_IDLE after its own idle expiry).
  const needsOperator = (channel: string) => channel.startsWith('pack:') || channel === 'orders:history' || channel === 'orders:cancel';

  // Every call is recorded, so a test can check what the screen asked for.
  const recorded = Object.fromEntries(
    Object.entries(api).map(([channel, call]) => [
      channel,
      (input: unknown) => {
        calls.push({ channel: channel as Channel, input });
        if (current === null && needsOperator(channel)) {
          return Promise.resolve(fail(signedOutCode, signedOutCode === 'SIGNED_OUT_IDLE' ? 'You were signed out after a period without activity.' : 'Sign in first.'));
        }
        return (call as (input: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as unknown as PackbenchApi;

  return {
    api: recorded,
    calls,
    settings: () => settings,
    operator: () => (current ? publicOperator(current) : null),
    operators: () => operators,
    dropSession: (code = 'NOT_SIGNED_IN') => {
      current = null;
      signedOutCode = code;
    },
    cancelOrder: desk.cancel,
  };
}
