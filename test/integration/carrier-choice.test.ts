import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput, PackView } from '../../shared/contract';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { allocateTrackingNumber } from '../../electron/services/tracking-allocator';
import { recognizeTrackingNumber, validateTrackingNumber } from '../../shared/domain/tracking';
import { insertTestOrder } from '../support/orders';
import { stationCalls } from '../support/station-calls';
import { packAndWeigh } from '../support/pack-steps';
import { tempDir } from '../support/temp';

// Carrier and service choice through the station: what the bench proposes and why, what a
// packer's other choice costs and records, pre-printed labels, UPS numbers from the shipper
// account, the catalogue and range imports, and numbers orphaned by a crash.

// Thursday 26 November 2026, 08:00 in the station's zone (tests run in UTC): before every cut-off.
let NOW = new Date('2026-11-26T08:00:00.000Z');
let dir: ReturnType<typeof tempDir>;
let station: Station;
let sequence = 0;

const { call, callError } = stationCalls(() => station);

type OrderOptions = { countryCode?: string; shipServiceLevel?: string; latestDeliveryDate?: string | null };

/** An order packed, boxed and weighed as the scale would read it: ready for its service. */
async function measuredOrder(lines: Array<{ sku: string; quantity: number }>, boxId: string, options: OrderOptions = {}): Promise<{ orderId: string; view: PackView }> {
  sequence += 1;
  const orderId = insertTestOrder(station.store, `905-${String(sequence).padStart(7, '0')}-0000001`, lines, {
    countryCode: options.countryCode ?? 'US',
    shipServiceLevel: options.shipServiceLevel ?? 'Standard',
    latestShipDate: '2026-11-27T20:00:00.000Z',
    latestDeliveryDate: options.latestDeliveryDate === undefined ? '2026-12-22T20:00:00.000Z' : options.latestDeliveryDate,
    now: NOW.toISOString(),
  });
  const view = await packAndWeigh(call, orderId, boxId);
  return { orderId, view };
}

const HEAVY = [
  { sku: 'PB-KNIFE-SET', quantity: 1 },
  { sku: 'PB-KETTLE-17', quantity: 1 },
];
const LIGHT = [
  { sku: 'PB-SOCK-3P', quantity: 1 },
  { sku: 'PB-CABLE-C2', quantity: 1 },
];

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

describe('the proposal', () => {
  it('a 3.4 kg parcel to the US goes express: the post cannot take it and the 2 kg rule says so; the cheapest express that keeps the promise is proposed', async () => {
    const { view } = await measuredOrder(HEAVY, 'BOX-M');
    expect(view.package.weightG).toBeGreaterThan(3000);
    const post = view.services.find((service) => service.serviceId === 'CNPOST-REG-SP');
    expect(post?.eligible).toBe(false);
    expect(post?.findings.map((finding) => finding.code)).toContain('SERVICE_TOO_HEAVY');
    expect(view.proposal?.serviceId).toBe('DHL-EXP-WW');
    expect(view.proposal?.explanation.map((reason) => reason.code)).toEqual(expect.arrayContaining(['CHOICE_RULE_APPLIED', 'CHOICE_CHEAPEST', 'CHOICE_PROMISE_KEPT']));
    expect(view.proposal?.text).toMatch(/^DHL Express Worldwide: .*arrives by 2026-12-03, promised 2026-12-22/);
    const express = view.services.filter((service) => service.network === 'express' && service.eligible);
    const dhl = express.find((service) => service.serviceId === 'DHL-EXP-WW');
    for (const other of express) expect(dhl?.cost?.comparableMinor ?? Infinity).toBeLessThanOrEqual(other.cost?.comparableMinor ?? Infinity);
    // Three working days at the earliest: picked up today before 18:00, Monday to Friday.
    expect(dhl?.shipDate).toBe('2026-11-26');
    expect(dhl?.deliveryLatest).toBe('2026-12-03');
  });

  it('a light standard order goes by registered small parcel, taken as proposed without a reason, and the decision is recorded', async () => {
    const { orderId, view } = await measuredOrder(LIGHT, 'MAILER-S');
    expect(view.package.weightG).toBeLessThan(400);
    expect(view.proposal?.serviceId).toBe('CNPOST-REG-SP');
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'CNPOST-REG-SP' });
    expect(printed.package.trackingNumber).toMatch(/^RR\d{9}CN$/);
    const [choice] = station.store.choices.forOrder(orderId);
    expect(choice).toMatchObject({ proposedServiceId: 'CNPOST-REG-SP', chosenServiceId: 'CNPOST-REG-SP', reasonCode: null, operator: 'packer' });
    expect(choice?.explanation).toMatch(/^China Post Registered Small Packet: /);
  });

  it('an Expedited order goes express even when light', async () => {
    const { view } = await measuredOrder(LIGHT, 'MAILER-S', { shipServiceLevel: 'Expedited', latestDeliveryDate: '2026-12-04T20:00:00.000Z' });
    expect(view.services.find((service) => service.serviceId === 'CNPOST-REG-SP')?.eligible).toBe(true);
    expect(view.services.find((service) => service.serviceId === view.proposal?.serviceId)?.network).toBe('express');
  });

  it('after the cut-off the parcel leaves on the next pickup day, and a promise it then misses is shown', async () => {
    // Friday 27 November, 19:00: every carrier has collected; the next pickup is Monday.
    NOW = new Date('2026-11-27T19:00:00.000Z');
    await call('operators:signIn', { badge: 'OP-1001' });
    const { view } = await measuredOrder(HEAVY, 'BOX-M', { latestDeliveryDate: '2026-12-02T20:00:00.000Z' });
    const dhl = view.services.find((service) => service.serviceId === 'DHL-EXP-WW');
    expect(dhl?.shipDate).toBe('2026-11-30');
    expect(dhl?.keepsPromise).toBe(false);
    expect(view.proposal?.explanation.map((reason) => reason.code)).toContain('CHOICE_NONE_IN_TIME');
  });

  it('another service than the proposal needs a reason from the list, and the overridden proposal is recorded with what it gave up', async () => {
    const { orderId, view } = await measuredOrder(LIGHT, 'MAILER-S');
    // The screen shows what the other service gives up, as the station worked it out.
    const fedex = view.services.find((service) => service.serviceId === 'FEDEX-IP');
    const post = view.services.find((service) => service.serviceId === 'CNPOST-REG-SP');
    expect(post?.ifChosen).toBeNull();
    expect(fedex?.ifChosen).toEqual({
      extraCostMinor: (fedex?.cost?.comparableMinor ?? 0) - (post?.cost?.comparableMinor ?? 0),
      daysLater: expect.any(Number),
      missesPromise: false,
    });
    expect(fedex?.ifChosen?.daysLater).toBeLessThan(0);
    expect((await callError('pack:printLabel', { orderId, serviceId: 'FEDEX-IP' })).code).toBe('SERVICE_REASON_REQUIRED');
    expect((await callError('pack:printLabel', { orderId, serviceId: 'FEDEX-IP', reasonCode: 'NOT_A_REASON' })).code).toBe('REASON_UNKNOWN');
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'FEDEX-IP', reasonCode: 'BUYER_REQUEST' });
    expect(validateTrackingNumber('fedex-express-12', printed.package.trackingNumber ?? '')).toEqual({ ok: true });
    const [choice] = station.store.choices.forOrder(orderId);
    expect(choice).toMatchObject({ proposedServiceId: 'CNPOST-REG-SP', chosenServiceId: 'FEDEX-IP', reasonCode: 'BUYER_REQUEST' });
    const override = choice?.detail['override'] as { extraCostMinor: number; text: string };
    expect(override.extraCostMinor).toBeGreaterThan(0);
    expect(override.text).toMatch(/more/);
  });
});

describe('tracking numbers', () => {
  it('UPS numbers are built from the shipper account, the service code and the package counter', async () => {
    const { orderId } = await measuredOrder(HEAVY, 'BOX-M');
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'UPS-WW-SAVER', reasonCode: 'BUYER_REQUEST' });
    expect(printed.package.trackingNumber).toBe('1ZA1B2C365000100' + (printed.package.trackingNumber ?? '').slice(16));
    expect(recognizeTrackingNumber(printed.package.trackingNumber ?? '')).toMatchObject({ ok: true, carrier: 'UPS' });
    expect(station.store.carriers.number(printed.package.trackingNumber ?? '')).toMatchObject({ state: 'labelled', source: 'range', seq: 1000 });
  });

  it('a pre-printed label is scanned for its service: a bad check digit and a used number are refused, a good one is bound to the package', async () => {
    const { orderId, view } = await measuredOrder(LIGHT, 'MAILER-S', { countryCode: 'DE' });
    expect(view.proposal?.serviceId).toBe('CNPOST-REG-PP');
    expect(view.services.find((service) => service.serviceId === 'CNPOST-REG-PP')).toMatchObject({ trackingSource: 'pre-printed', rangeRemaining: null });
    expect((await callError('pack:printLabel', { orderId, serviceId: 'CNPOST-REG-PP' })).code).toBe('PREPRINTED_NUMBER_REQUIRED');
    const bad = await callError('pack:printLabel', { orderId, serviceId: 'CNPOST-REG-PP', preprintedNumber: 'RR123456784CN' });
    expect(bad.code).toBe('TRACKING_BAD_CHECK_DIGIT');
    expect(bad.message).toMatch(/check digit 4 .* needs 5/);
    expect((await callError('pack:printLabel', { orderId, serviceId: 'CNPOST-REG-PP', preprintedNumber: '3318810025' })).code).toBe('TRACKING_BAD_FORMAT');
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'CNPOST-REG-PP', preprintedNumber: ' rr 123456785 cn ' });
    expect(printed.package.trackingNumber).toBe('RR123456785CN');
    expect(station.store.carriers.number('RR123456785CN')).toMatchObject({ source: 'pre-printed', state: 'labelled' });

    const second = await measuredOrder(LIGHT, 'MAILER-S', { countryCode: 'DE' });
    const used = await callError('pack:printLabel', { orderId: second.orderId, serviceId: 'CNPOST-REG-PP', preprintedNumber: 'RR123456785CN' });
    expect(used.code).toBe('TRACKING_NUMBER_USED');
    expect(used.data).toMatchObject({ orderId });
  });

  it('a number issued but never labelled (the bench died in between) is recorded as orphaned at the next start and never issued again', async () => {
    const service = station.store.carriers.getService('DHL-EXP-WW');
    if (!service) throw new Error('no DHL service');
    const orphan = station.store.writeTransaction(() => allocateTrackingNumber(station.store, service, null, NOW.toISOString()));
    station.close();
    station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', clock: () => NOW, dataDir: dir.path, logger: { error: () => undefined } });
    expect(station.store.carriers.number(orphan)?.state).toBe('orphaned');
    await call('operators:signIn', { badge: 'OP-1001' });
    const { orderId } = await measuredOrder(HEAVY, 'BOX-M');
    const printed = await call<PackView>('pack:printLabel', { orderId, serviceId: 'DHL-EXP-WW' });
    expect(printed.package.trackingNumber).not.toBe(orphan);
    await call('operators:signIn', { badge: 'OP-9001' });
    const catalog = await call<ChannelOutput<'carriers:list'>>('carriers:list', {});
    expect(catalog.ranges.find((range) => range.serviceId === 'DHL-EXP-WW')?.orphaned).toBe(1);
    expect(catalog.numbers).toMatchObject({ orphaned: 1, labelled: 1 });
  });
});

describe('the catalogue and the ranges in settings', () => {
  it('only a supervisor imports the catalogue; a file with an error changes nothing; a good one replaces the catalogue', async () => {
    const json = readFileSync(new URL('../fixtures/carriers.json', import.meta.url), 'utf8');
    expect((await callError('carriers:import', { format: 'json', json })).code).toBe('SUPERVISOR_REQUIRED');
    await call('operators:signIn', { badge: 'OP-9001' });
    const broken = await call<ChannelOutput<'carriers:import'>>('carriers:import', { format: 'json', json: json.replace('"cutoff": "17:00"', '"cutoff": "17:60"') });
    expect(broken.ok).toBe(false);
    expect(broken.errors.map((error) => error.code)).toContain('CATALOG_BAD_CUTOFF');
    expect(station.store.carriers.listActiveServices()).toHaveLength(5);
    const imported = await call<ChannelOutput<'carriers:import'>>('carriers:import', { format: 'json', json });
    expect(imported).toMatchObject({ ok: true, errors: [] });
    const active = station.store.carriers.listActiveServices().map((service) => service.id);
    expect(imported.saved).toBe(active.length);
    expect(imported.deactivated).toBe(5 - active.filter((id) => ['CNPOST-REG-SP', 'CNPOST-REG-PP', 'DHL-EXP-WW', 'FEDEX-IP', 'UPS-WW-SAVER'].includes(id)).length);
    const exported = await call<ChannelOutput<'carriers:export'>>('carriers:export', {});
    expect(JSON.parse(exported.json)).toMatchObject({ format: 'packbench-carriers', version: 1 });
  });

  it('a range that overlaps one already stored is refused; a new one given by whole numbers is added; a low range warns', async () => {
    await call('operators:signIn', { badge: 'OP-9001' });
    const overlap = await callError('carriers:addRange', { serviceId: 'DHL-EXP-WW', prefix: '47', suffix: '', first: '1009000', last: '1019999', reference: 'DHL 2027', lowWarningAt: 100 });
    expect(overlap.code).toBe('RANGE_OVERLAPS');
    const bad = await callError('carriers:addRange', { serviceId: 'DHL-EXP-WW', prefix: '47', suffix: '', first: '4701100001', last: '4701100999', reference: 'typo', lowWarningAt: 100 });
    expect(bad.code).toBe('RANGE_BAD_BOUNDS');
    const added = await call<ChannelOutput<'carriers:addRange'>>('carriers:addRange', {
      serviceId: 'CNPOST-REG-SP',
      prefix: 'RR',
      suffix: 'CN',
      first: 'RR200000006CN',
      last: 'RR200000995CN',
      reference: 'China Post Shenzhen 2027-01',
      lowWarningAt: 50_000,
    });
    const post = added.ranges.find((range) => range.serviceId === 'CNPOST-REG-SP');
    expect(post?.ranges.at(-1)).toMatchObject({ firstSeq: 20_000_000, lastSeq: 20_000_099, reference: 'China Post Shenzhen 2027-01' });
    expect(post?.remaining).toBe(10_000 + 100);
    expect(post?.low).toBe(true);
    await call('operators:signIn', { badge: 'OP-1001' });
    const { view } = await measuredOrder(LIGHT, 'MAILER-S');
    expect(view.services.find((service) => service.serviceId === 'CNPOST-REG-SP')).toMatchObject({ rangeLow: true, rangeRemaining: 10_100 });
  });

  it('a ranges file with one bad line adds none of its ranges', async () => {
    await call('operators:signIn', { badge: 'OP-9001' });
    const csv = ['service_id,prefix,suffix,first,last,reference', 'FEDEX-IP,7946,,200000,200999,FedEx block 2', 'FEDEX-IP,7946,,100500,100600,overlaps the demo range', ''].join('\n');
    const result = await call<ChannelOutput<'carriers:importRanges'>>('carriers:importRanges', { csv });
    expect(result).toMatchObject({ ok: false, added: 0 });
    expect(result.errors).toEqual([expect.objectContaining({ line: 3, code: 'RANGE_OVERLAPS' })]);
    expect(station.store.carriers.ranges('FEDEX-IP')).toHaveLength(1);
    const good = await call<ChannelOutput<'carriers:importRanges'>>('carriers:importRanges', { csv: csv.split('\n').slice(0, 2).join('\n') });
    expect(good).toMatchObject({ ok: true, added: 1 });
    expect(station.store.carriers.remaining('FEDEX-IP')).toBe(10_000 + 1000);
  });
});

describe('the carrier rules in settings', () => {
  it('a packer saving the whole settings form unchanged is fine; changing the rules takes a supervisor, who may', async () => {
    const current = await call<ChannelOutput<'settings:get'>>('settings:get', {});
    await call('settings:update', { stationName: 'Bench 7', choice: current.choice, overrideReasons: current.overrideReasons, idleSignOutMinutes: current.idleSignOutMinutes });
    const rules = [{ id: 'over-1kg-express', when: { minWeightG: 1001 }, require: { network: 'express' } }];
    expect((await callError('settings:update', { choice: { ...current.choice, rules } })).code).toBe('SUPERVISOR_REQUIRED');
    await call('operators:signIn', { badge: 'OP-9001' });
    expect((await callError('settings:update', { choice: { ...current.choice, rules: [{ id: 'x', when: {}, require: {} }] } })).code).toBe('CHOICE_RULES_INVALID');
    await call('settings:update', { choice: { ...current.choice, rules } });
    await call('operators:signIn', { badge: 'OP-1001' });
    // 1.1 kg now goes express by the new rule.
    const { view } = await measuredOrder([{ sku: 'PB-LAMP-DESK', quantity: 1 }], 'BOX-L');
    expect(view.services.find((service) => service.serviceId === view.proposal?.serviceId)?.network).toBe('express');
    expect(view.proposal?.explanation[0]).toMatchObject({ code: 'CHOICE_RULE_APPLIED', data: { ruleId: 'over-1kg-express' } });
  });
});
