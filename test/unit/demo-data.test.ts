import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEMO_SERVICES, catalogFromDemo } from '../../electron/services/demo-seed';
import { isValidGtin, toGtin14 } from '../../shared/domain/gtin';
import { makeTrackingNumber, validateTrackingNumber } from '../../shared/domain/tracking';

const RANGED = DEMO_SERVICES.flatMap((service) => (service.range ? [{ ...service, range: service.range }] : []));

describe('the demo tracking-number ranges', () => {
  it('every service that allocates its own numbers has a range; pre-printed ones have none', () => {
    expect(DEMO_SERVICES.filter((service) => (service.trackingSource === 'range') !== (service.range !== null))).toEqual([]);
  });

  it.each(RANGED.map((service) => [service.id, service] as const))('%s gives valid numbers from its first to its last', (_id, service) => {
    for (const sequence of [service.range.firstSeq, service.range.firstSeq + 1, service.range.firstSeq + 4321, service.range.lastSeq]) {
      const number = makeTrackingNumber(service.trackingFormat, service.range, sequence);
      expect({ number, validity: validateTrackingNumber(service.trackingFormat, number) }).toEqual({ number, validity: { ok: true } });
    }
  });

  it('no two services share a number', () => {
    const first = RANGED.map((service) => makeTrackingNumber(service.trackingFormat, service.range, service.range.firstSeq));
    expect(new Set(first).size).toBe(first.length);
  });

  it('the China Post range gives S10 numbers ending in CN', () => {
    const china = RANGED.find((service) => service.trackingFormat === 'upu-s10');
    expect(china && makeTrackingNumber('upu-s10', china.range, china.range.firstSeq)).toMatch(/^RR\d{9}CN$/);
  });

  it('the UPS range builds 1Z numbers from the shipper account, the service code and the package counter', () => {
    const ups = RANGED.find((service) => service.trackingFormat === 'ups-1z');
    expect(ups && makeTrackingNumber('ups-1z', ups.range, ups.range.firstSeq)).toMatch(/^1ZA1B2C3650001000\d$/);
  });
});

describe('the demo catalogue', () => {
  it.each(DEMO_PRODUCTS.map((product) => [product.sku, product] as const))('%s has a GTIN with a valid check digit', (_sku, product) => {
    const item = catalogFromDemo(product);
    expect(item.gtin).not.toBeNull();
    expect(isValidGtin(item.gtin ?? '')).toBe(true);
    expect(toGtin14(item.gtin ?? '')).toBe(item.gtin);
    expect(item.nameZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('GTINs are unique', () => {
    const gtins = DEMO_PRODUCTS.map((product) => catalogFromDemo(product).gtin);
    expect(new Set(gtins).size).toBe(gtins.length);
  });

  it('has one lithium product with its battery document and one dangerous-goods product', () => {
    const items = DEMO_PRODUCTS.map(catalogFromDemo);
    expect(items.filter((item) => item.lithium !== 'none').every((item) => item.lithiumDoc)).toBe(true);
    expect(items.filter((item) => item.lithium !== 'none')).toHaveLength(1);
    expect(items.filter((item) => item.hazmatClass)).toHaveLength(1);
  });
});
