import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput, PackView } from '../../shared/contract';
import { openStation } from '../../electron/services/station';
import { DEMO_SERVICES } from '../../electron/services/demo-seed';
import type { Station } from '../../electron/services/station';
import { insertTestOrder } from '../support/orders';
import { stationCalls } from '../support/station-calls';
import { tempDir } from '../support/temp';

// Box, weight and compliance through the station: what blocks a label, and what lets it go.

let NOW = new Date('2026-11-26T08:00:00.000Z');
let dir: ReturnType<typeof tempDir>;
let station: Station;
let sequence = 0;

const { call, callError } = stationCalls(() => station);

function addOrder(lines: Array<{ sku: string; quantity: number }>, countryCode = 'US'): string {
  sequence += 1;
  return insertTestOrder(station.store, `903-${String(sequence).padStart(7, '0')}-0000001`, lines, {
    countryCode,
    latestShipDate: '2026-11-27T20:00:00.000Z',
    now: NOW.toISOString(),
  });
}

async function closedPackage(lines: Array<{ sku: string; quantity: number }>, countryCode = 'US'): Promise<{ orderId: string; view: PackView }> {
  const orderId = addOrder(lines, countryCode);
  let view = await call<PackView>('pack:open', { orderId });
  for (const line of view.lines) {
    for (let unit = 0; unit < line.quantity; unit += 1) view = (await call<ChannelOutput<'pack:scan'>>('pack:scan', { orderId, code: line.gtin ?? line.sku })).view;
  }
  return { orderId, view };
}

async function boxAndWeigh(orderId: string, extraG = 0): Promise<PackView> {
  const boxed = await call<PackView>('pack:setBox', { orderId, boxId: 'BOX-M' });
  return call<PackView>('pack:setWeight', { orderId, weight: `${(boxed.expectedWeight?.expectedG ?? 0) + extraG} g`, source: 'scale' });
}

async function importCatalog(csv: string) {
  await call('operators:signIn', { badge: 'OP-9001' });
  const job = await station.imports.runToEnd('catalog', 'catalog.csv', csv);
  await call('operators:signIn', { badge: 'OP-1001' });
  return job;
}

const LITHIUM_HEADER = 'sku,gtin,name_en,unit_weight_g,length_mm,width_mm,height_mm,value_minor,currency,hs_code,origin_country,lithium,lithium_doc,lithium_doc_expires,cells,batteries';
const lithiumRow = (doc: string, expires: string) => `PB-SPEAKER,00693210000177,Bluetooth speaker,400,150,100,100,3999,USD,8518.22,CN,ion-in-equipment,${doc},${expires},0,1`;

beforeEach(async () => {
  NOW = new Date('2026-11-26T08:00:00.000Z');
  dir = tempDir();
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path });
  await call('operators:signIn', { badge: 'OP-1001' });
  await call('settings:update', { printer: { mode: 'folder', folder: dir.file('labels') } });
});

afterEach(() => {
  station.close();
  dir.remove();
});

describe('lithium batteries', () => {
  it('a lithium product is blocked until its battery document is on file, and again once it has expired', async () => {
    await importCatalog(`${LITHIUM_HEADER}\n${lithiumRow('', '')}\n`);
    const { orderId, view } = await closedPackage([{ sku: 'PB-SPEAKER', quantity: 1 }]);
    expect(view.findings).toContainEqual(expect.objectContaining({ code: 'LITHIUM_DOC_MISSING', severity: 'block' }));
    await boxAndWeigh(orderId);
    expect((await callError('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).code).toBe('LITHIUM_DOC_MISSING');

    await importCatalog(`${LITHIUM_HEADER}\n${lithiumRow('UN38.3-SPK.pdf', '2026-11-25')}\n`);
    const expired = await call<PackView>('pack:open', { orderId });
    expect(expired.findings).toContainEqual(expect.objectContaining({ code: 'LITHIUM_DOC_EXPIRED', data: expect.objectContaining({ expiresOn: '2026-11-25' }) }));

    await importCatalog(`${LITHIUM_HEADER}\n${lithiumRow('UN38.3-SPK.pdf', '2028-01-31')}\n`);
    const ready = await call<PackView>('pack:open', { orderId });
    expect(ready.findings.filter((finding) => finding.severity === 'block')).toEqual([]);
    expect(ready.services.find((service) => service.serviceId === 'CNPOST-REG-SP')?.eligible).toBe(false);
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' });
    expect(printed.package.trackingNumber).not.toBeNull();
  });
});

describe('limits with an effective date', () => {
  it('a service\'s new weight limit applies from the day it takes effect', async () => {
    const [post] = DEMO_SERVICES;
    if (!post) throw new Error('demo services missing');
    station.store.carriers.saveService(
      {
        ...post,
        id: 'DATED-POST',
        nameEn: 'Dated post',
        nameZh: '测试邮政',
        shipMethod: 'Dated post',
        trackingFormat: 'upu-s10',
        limits: [
          { effectiveFrom: '2026-01-01', limits: { maxWeightG: 2000 } },
          { effectiveFrom: '2026-12-01', limits: { maxWeightG: 500 } },
        ],
      },
      9,
    );
    station.store.carriers.insertRange({ serviceId: 'DATED-POST', prefix: 'RR', suffix: 'CN', firstSeq: 20_000_000, lastSeq: 20_000_099 });
    const { orderId } = await closedPackage([{ sku: 'PB-MUG-001', quantity: 1 }]);
    const today = await boxAndWeigh(orderId);
    expect(today.services.find((service) => service.serviceId === 'DATED-POST')?.eligible).toBe(true);
    NOW = new Date('2026-12-02T08:00:00.000Z');
    await call('operators:signIn', { badge: 'OP-1001' });
    const later = await call<PackView>('pack:open', { orderId });
    const dated = later.services.find((service) => service.serviceId === 'DATED-POST');
    expect(dated?.eligible).toBe(false);
    expect(dated?.findings).toContainEqual(expect.objectContaining({ code: 'SERVICE_TOO_HEAVY', data: expect.objectContaining({ limit: 500 }) }));
  });
});

describe('the lithium mark', () => {
  it('batteries packed with equipment put the lithium mark with its UN number on the label', async () => {
    await importCatalog(`${LITHIUM_HEADER}\nPB-CHARGER,00693210000184,Camera with spare battery,300,150,100,80,4999,USD,8525.89,CN,ion-with-equipment,UN38.3-CAM.pdf,2028-01-31,0,2\n`);
    const { orderId, view } = await closedPackage([{ sku: 'PB-CHARGER', quantity: 1 }]);
    expect(view.lithiumMark).toBe(true);
    await boxAndWeigh(orderId);
    await call('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' });
    const zpl = Buffer.from((await call<ChannelOutput<'labels:get'>>('labels:get', { orderId, format: 'zpl' })).base64, 'base64').toString('utf8');
    expect(zpl).toContain('LITHIUM');
    expect(zpl).toContain('UN3481');
  });
});

describe('insurance for high value', () => {
  it('a package worth more than the threshold needs insurance before its label', async () => {
    const { orderId } = await closedPackage([{ sku: 'PB-WATCH-TI', quantity: 1 }]);
    // The watch needs its serial first.
    await call('pack:scan', { orderId, code: 'WT-INS-1' });
    const weighed = await boxAndWeigh(orderId);
    expect(weighed.insurance).toEqual({ status: 'required', insured: false });
    expect(weighed.findings).toContainEqual(expect.objectContaining({ code: 'INSURANCE_REQUIRED', data: expect.objectContaining({ currency: 'USD' }) }));
    expect((await callError('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).code).toBe('INSURANCE_REQUIRED');
    const insured = await call<PackView>('pack:setInsurance', { orderId, insured: true });
    expect(insured.insurance.insured).toBe(true);
    expect(insured.findings.some((finding) => finding.code === 'INSURANCE_REQUIRED')).toBe(false);
    expect((await call<PackView>('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).package.trackingNumber).not.toBeNull();
  });
});

describe('customs data', () => {
  it('an international parcel with an item missing its HS code is blocked, naming the SKU and the field', async () => {
    await importCatalog('sku,gtin,name_en,unit_weight_g,length_mm,width_mm,height_mm,value_minor,currency,origin_country\nPB-NOHS,00693210000184,Plain cup,200,100,80,80,999,USD,CN\n');
    const { orderId, view } = await closedPackage([{ sku: 'PB-NOHS', quantity: 1 }]);
    expect(view.findings).toContainEqual(expect.objectContaining({ code: 'CUSTOMS_FIELD_MISSING', data: expect.objectContaining({ sku: 'PB-NOHS', field: 'hsCode' }) }));
    await boxAndWeigh(orderId);
    expect((await callError('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' })).code).toBe('CUSTOMS_FIELD_MISSING');
  });

  it('postal services declare low values on a CN22, express on an invoice', async () => {
    const { orderId } = await closedPackage([{ sku: 'PB-MUG-001', quantity: 1 }]);
    const view = await boxAndWeigh(orderId);
    expect(view.services.find((service) => service.serviceId === 'CNPOST-REG-SP')?.eligible).toBe(true);
    expect(view.customsForm).toBe('CN22');
  });
});

describe('catalogue weight corrections', () => {
  it('accepted packages that keep weighing more than the catalogue says suggest a correction to a supervisor, never applied by itself', async () => {
    for (let i = 0; i < 5; i += 1) {
      const { orderId } = await closedPackage([{ sku: 'PB-MUG-001', quantity: 1 }]);
      await boxAndWeigh(orderId, 100);
      await call('pack:weightOverride', { orderId, reasonCode: 'SCANNER_FAULT', supervisor: { badge: 'OP-9001' } });
      await call('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' });
    }
    const suggestions = await call<ChannelOutput<'catalog:weightSuggestions'>>('catalog:weightSuggestions', {});
    expect(suggestions).toEqual([expect.objectContaining({ sku: 'PB-MUG-001', catalogueG: 320, suggestedG: 420, samples: 5 })]);
    expect(station.store.catalog.get('PB-MUG-001')?.unitWeightG).toBe(320);
    expect((await callError('catalog:applyWeight', { sku: 'PB-MUG-001', unitWeightG: 420 })).code).toBe('SUPERVISOR_REQUIRED');
    await call('operators:signIn', { badge: 'OP-9001' });
    await call('catalog:applyWeight', { sku: 'PB-MUG-001', unitWeightG: 420 });
    expect(station.store.catalog.get('PB-MUG-001')?.unitWeightG).toBe(420);
  });
});
