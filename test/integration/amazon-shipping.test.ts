import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAmazonShippingV2 } from '../../electron/shipping/amazon-shipping-v2';
import type { AmazonShippingV2Options } from '../../electron/shipping/amazon-shipping-v2';
import type { BuyRequest, OnlineShipping, Outcome, RateQuote, RateRequest } from '../../electron/shipping/online-shipping';
import { recognizeTrackingNumber } from '../../shared/domain/tracking';
import { closedPort } from '../support/fake-printer';
import { createMockShippingV2 } from '../support/mock-shipping-v2';
import type { MockShippingV2 } from '../support/mock-shipping-v2';
import { tempDir } from '../support/temp';
import { requireTool } from '../support/tools';
import { renderZplPng, scanBarcode } from '../support/zpl-render';

// The Amazon Shipping v2 adapter against a loopback Amazon that checks every request against
// Amazon's published shippingV2.json. The mock's clock is separate from the bench's, so the
// 10-minute rate validity can pass without waiting.

const TOKEN = 'Atza|bench-token';
const BENCH_NOW = Date.parse('2025-03-04T09:00:00.000Z');

let mockNow = BENCH_NOW;
let mock: MockShippingV2;
let server: { url: string; close: () => Promise<void> };

beforeEach(async () => {
  mockNow = BENCH_NOW;
  mock = createMockShippingV2({ now: () => mockNow, slowMs: 1_000 });
  mock.requireToken(TOKEN);
  server = await mock.start();
});

afterEach(async () => {
  await server.close();
  // The mock checks its own answers against the model too; a violation is a bug in the mock.
  expect(mock.modelViolations).toEqual([]);
});

function amazon(overrides: Partial<AmazonShippingV2Options> = {}): OnlineShipping {
  return createAmazonShippingV2({
    endpoint: server.url,
    accessToken: async () => TOKEN,
    businessId: 'AmazonShipping_US',
    timeoutMs: 3_000,
    now: () => BENCH_NOW,
    ...overrides,
  });
}

const order: RateRequest = {
  orderId: '113-1234567-1234567',
  orderItems: [{ orderItemId: '40123456789012', quantity: 2 }],
  shipFrom: {
    name: 'PackBench Reno',
    lines: ['1200 Industrial Way', 'Dock 4'],
    city: 'Reno',
    state: 'NV',
    postalCode: '89502',
    countryCode: 'US',
    phone: '+1 775 555 0100',
  },
  shipTo: null,
  package: {
    lengthMm: 305,
    widthMm: 229,
    heightMm: 102,
    weightG: 1380,
    declaredValue: { valueMinor: 2499, currency: 'USD' },
    packageClientReferenceId: 'PKG-113-1234567-1234567-1',
  },
  shipDate: '2025-03-04T15:00:00Z',
};

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

async function rate(shipping = amazon(), request = order): Promise<{ ground: RateQuote; express: RateQuote }> {
  const quotes = value(await shipping.rates(request));
  const ground = quotes.find((q) => q.serviceId === 'UPS_GROUND');
  const express = quotes.find((q) => q.serviceId === 'DHL_EXPRESS_WORLDWIDE');
  if (!ground || !express) throw new Error(`expected a ground and an express rate, got ${quotes.map((q) => q.serviceId).join(', ')}`);
  return { ground, express };
}

function purchase(quote: RateQuote, overrides: Partial<BuyRequest> = {}): BuyRequest {
  return { quote, idempotencyKey: 'pb-buy-7f3c2a', labelFormat: 'ZPL', dpi: 203, packageClientReferenceId: order.package.packageClientReferenceId, ...overrides };
}

const purchasesAccepted = () => mock.accepted.filter((a) => a.operation === 'purchaseShipment');

describe('buying a label online', () => {
  it('rates, buys and voids: a ZPL label whose tracking number is a real UPS number', async () => {
    const shipping = amazon();
    const { ground, express } = await rate(shipping);
    expect(ground).toMatchObject({
      carrierId: 'UPS',
      carrierName: 'UPS',
      serviceName: 'UPS Ground',
      totalMinor: 890,
      currency: 'USD',
      expiresAt: '2025-03-04T09:10:00.000Z',
      promise: { pickup: { start: '2025-03-04T15:00:00.000Z' }, delivery: { start: '2025-03-07T15:00:00.000Z', end: '2025-03-09T15:00:00.000Z' } },
    });
    expect(express.totalMinor).toBe(2790);

    // What went to Amazon, in Amazon's units: centimetres, grams, money as a decimal.
    const [rating] = mock.accepted;
    expect(rating?.operation).toBe('getRates');
    expect(rating?.body).toEqual({
      shipFrom: {
        name: 'PackBench Reno',
        addressLine1: '1200 Industrial Way',
        addressLine2: 'Dock 4',
        city: 'Reno',
        stateOrRegion: 'NV',
        postalCode: '89502',
        countryCode: 'US',
        phoneNumber: '+1 775 555 0100',
      },
      shipDate: '2025-03-04T15:00:00Z',
      packages: [
        {
          dimensions: { length: 30.5, width: 22.9, height: 10.2, unit: 'CENTIMETER' },
          weight: { value: 1380, unit: 'GRAM' },
          insuredValue: { value: 24.99, unit: 'USD' },
          packageClientReferenceId: 'PKG-113-1234567-1234567-1',
          items: [{ itemIdentifier: '40123456789012', quantity: 2 }],
        },
      ],
      channelDetails: { channelType: 'AMAZON', amazonOrderDetails: { orderId: '113-1234567-1234567' } },
    });
    expect(rating?.headers).toMatchObject({ 'x-amz-access-token': TOKEN, 'x-amzn-shipping-business-id': 'AmazonShipping_US', 'content-type': 'application/json' });

    const label = value(await shipping.buy(purchase(ground)));
    expect(label).toMatchObject({ carrierId: 'UPS', labelFormat: 'ZPL' });
    const zpl = Buffer.from(label.content).toString('utf8');
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl).toContain(`^FD${label.trackingNumber}^FS`);
    expect(recognizeTrackingNumber(label.trackingNumber)).toMatchObject({ ok: true, carrier: 'UPS', format: 'ups-1z' });
    expect(purchasesAccepted()[0]?.headers['x-amzn-idempotencykey']).toBe('pb-buy-7f3c2a');
    expect(mock.purchases).toBe(1);

    expect(await shipping.void(label.shipmentId)).toEqual({ ok: true, value: undefined });
    expect(mock.shipments.get(label.shipmentId)?.cancelled).toBe(true);
  });

  describe.skipIf(!requireTool('zbarimg', 'zbar-tools'))('reading the label back', () => {
    const dir = tempDir('packbench-amazon-label-');
    afterAll(() => dir.remove());

    it('prints the bought ZPL at 203 dpi and scans back to the tracking number', async () => {
      const { ground } = await rate();
      const label = value(await amazon().buy(purchase(ground)));
      const png = dir.file('amazon-ups.png');
      writeFileSync(png, await renderZplPng(Buffer.from(label.content).toString('utf8'), 101.6, 152.4, 203));
      expect(scanBarcode(png)).toBe(label.trackingNumber);
    });
  });

  it('buys a PDF from the express service, whose DHL number carries its check digit', async () => {
    const { express } = await rate();
    const label = value(await amazon().buy(purchase(express, { labelFormat: 'PDF', dpi: 300 })));
    expect(Buffer.from(label.content.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(recognizeTrackingNumber(label.trackingNumber)).toMatchObject({ ok: true, carrier: 'DHL', format: 'dhl-express-10' });
  });

  it('refuses a resolution the service does not print without sending anything', async () => {
    const { express } = await rate();
    const outcome = await amazon().buy(purchase(express, { dpi: 300 }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'LABEL_SPEC_UNSUPPORTED', retryable: false } });
    expect(purchasesAccepted()).toEqual([]);
  });

  it('explains NO_RATES with the reasons Amazon gave', async () => {
    const outcome = await amazon().rates({ ...order, package: { ...order.package, weightG: 31_000 } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_RATES', retryable: false } });
    if (outcome.ok) return;
    expect(outcome.error.message).toContain('WEIGHT_RESTRICTIONS');
    expect(outcome.error.data?.ineligible).toHaveLength(2);
  });

  it('voiding a shipment Amazon does not know is NOT_FOUND', async () => {
    expect(await amazon().void('99999999')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', retryable: false } });
  });
});

describe("the mock holds requests to Amazon's model", () => {
  it('refuses a rate request without channelDetails in Amazon’s error shape', async () => {
    const { channelDetails: _omitted, ...body } = { shipFrom: { name: 'A', addressLine1: 'B', city: 'C', stateOrRegion: 'NV', postalCode: '89502', countryCode: 'US' }, packages: [], channelDetails: { channelType: 'AMAZON' } };
    const response = await fetch(`${server.url}/shipping/v2/shipments/rates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-access-token': TOKEN },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ code: 'InvalidRequest', message: 'Request is missing or has invalid parameters', details: '$.channelDetails is required' }] });
    expect(mock.accepted).toEqual([]);
  });

  it('refuses a ship-from name longer than Amazon allows, and the adapter passes Amazon’s words on', async () => {
    const outcome = await amazon().rates({ ...order, shipFrom: { ...order.shipFrom, name: 'PackBench Reno Fulfilment Centre, Building Four, Dock' } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', retryable: false, data: { status: 400 } } });
    if (outcome.ok) return;
    expect(outcome.error.message).toContain('$.shipFrom.name must be at most 50 characters, got 53');
  });

  it('refuses a shipping business that is not in the model’s list', async () => {
    const outcome = await amazon({ businessId: 'AmazonShipping_DE' }).rates(order);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    if (outcome.ok) return;
    expect(outcome.error.message).toContain('header.x-amzn-shipping-business-id must be one of');
  });
});

describe('when the answer to a purchase is lost', () => {
  it('a retry with the same idempotency key gets the same label, bought once', async () => {
    const { ground } = await rate();
    mock.failNext('timeout');
    const lost = await amazon({ timeoutMs: 300 }).buy(purchase(ground));
    expect(lost).toMatchObject({ ok: false, error: { code: 'OFFLINE', retryable: true, data: { reason: 'timeout', reachedAmazon: true } } });
    if (lost.ok) return;
    expect(lost.error.message).toContain('same idempotency key');
    expect(mock.purchases).toBe(1);

    const retried = value(await amazon().buy(purchase(ground)));
    expect(mock.purchases).toBe(1);
    const [bought] = [...mock.shipments.values()];
    expect(retried).toMatchObject({ shipmentId: bought?.shipmentId, trackingNumber: bought?.trackingIds[0] });
    expect(purchasesAccepted().map((a) => a.headers['x-amzn-idempotencykey'])).toEqual(['pb-buy-7f3c2a', 'pb-buy-7f3c2a']);
  });

  it('the same key with a different purchase is refused and buys nothing more', async () => {
    const { ground, express } = await rate();
    value(await amazon().buy(purchase(ground)));
    const outcome = await amazon().buy(purchase(express));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(mock.purchases).toBe(1);
  });
});

describe('when Amazon cannot be reached', () => {
  it('a closed port is OFFLINE, and nothing reached Amazon', async () => {
    const { ground } = await rate();
    const shipping = amazon({ endpoint: `http://127.0.0.1:${await closedPort()}` });
    expect(await shipping.rates(order)).toMatchObject({ ok: false, error: { code: 'OFFLINE', retryable: true, data: { reason: 'refused', cause: 'ECONNREFUSED', reachedAmazon: false } } });
    const bought = await shipping.buy(purchase(ground));
    expect(bought).toMatchObject({ ok: false, error: { code: 'OFFLINE', data: { reachedAmazon: false } } });
    if (bought.ok) return;
    expect(bought.error.message).not.toContain('idempotency');
  });

  it('an answer slower than the timeout is OFFLINE', async () => {
    mock.failNext('slow');
    expect(await amazon({ timeoutMs: 200 }).rates(order)).toMatchObject({ ok: false, error: { code: 'OFFLINE', data: { reason: 'timeout' } } });
  });

  it('an answer slower than usual but within the timeout is still an answer', async () => {
    mock.failNext('slow');
    expect((await amazon({ timeoutMs: 3_000 }).rates(order)).ok).toBe(true);
  });

  it('a connection reset is OFFLINE', async () => {
    mock.failNext('reset');
    expect(await amazon().rates(order)).toMatchObject({ ok: false, error: { code: 'OFFLINE', retryable: true, data: { reason: 'reset' } } });
    expect(mock.accepted).toEqual([]);
  });

  it('a name that does not resolve is OFFLINE', async () => {
    const dnsFailure: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }));
    expect(await amazon({ fetchImpl: dnsFailure }).rates(order)).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', data: { reason: 'dns', cause: 'ENOTFOUND', reachedAmazon: false } },
    });
  });
});

describe('when Amazon says no', () => {
  it('429 is RATE_LIMITED and passes on how long to wait', async () => {
    mock.failNext('429', 1, { retryAfter: '2' });
    expect(await amazon().rates(order)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true, data: { status: 429, retryAfterMs: 2_000 } } });
    mock.failNext('429');
    const unsaid = await amazon().rates(order);
    expect(unsaid).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    if (!unsaid.ok) expect(unsaid.error.data).not.toHaveProperty('retryAfterMs');
  });

  it.each(['500', '503'] as const)('%s is SERVER_ERROR, and a purchase is not known to have failed', async (status) => {
    const { ground } = await rate();
    mock.failNext(status, 2);
    expect(await amazon().rates(order)).toMatchObject({ ok: false, error: { code: 'SERVER_ERROR', retryable: true, data: { status: Number(status) } } });
    const bought = await amazon().buy(purchase(ground));
    expect(bought).toMatchObject({ ok: false, error: { code: 'SERVER_ERROR' } });
    if (bought.ok) return;
    expect(bought.error.message).toContain('same idempotency key');
  });

  it('a rate bought 10 minutes after rating is TOKEN_EXPIRED, and nothing is bought', async () => {
    const { ground } = await rate();
    mockNow += 10 * 60_000;
    expect(await amazon().buy(purchase(ground))).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED', retryable: false } });
    expect(mock.purchases).toBe(0);
  });

  it('a rate bought 9 minutes 59 seconds after rating is still sold', async () => {
    const { ground } = await rate();
    mockNow += 10 * 60_000 - 1_000;
    expect((await amazon().buy(purchase(ground))).ok).toBe(true);
  });

  it.each([
    ['no access token', '', 401],
    ['a stale access token', 'Atza|stale', 403],
  ])('%s is UNAUTHORIZED', async (_name, token, status) => {
    expect(await amazon({ accessToken: async () => token }).rates(order)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', retryable: false, data: { status } } });
    expect(mock.accepted).toEqual([]);
  });

  it('a token provider that fails is UNAUTHORIZED and sends nothing', async () => {
    const shipping = amazon({ accessToken: () => Promise.reject(new Error('LWA refresh token revoked')) });
    expect(await shipping.rates(order)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', data: { stage: 'access-token' } } });
    expect(mock.accepted).toEqual([]);
  });
});

describe('when the answer does not match the model', () => {
  it('rates with the money as text are UNEXPECTED_RESPONSE', async () => {
    mock.failNext('malformed');
    expect(await amazon().rates(order)).toMatchObject({
      ok: false,
      error: { code: 'UNEXPECTED_RESPONSE', retryable: false, data: { path: '$.payload.rates[0].totalCharge.value' } },
    });
  });

  it('a purchase answered with a numeric trackingId is UNEXPECTED_RESPONSE that keeps the shipment id to void', async () => {
    const { ground } = await rate();
    mock.failNext('malformed');
    const outcome = await amazon().buy(purchase(ground));
    const [bought] = [...mock.shipments.values()];
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'UNEXPECTED_RESPONSE', retryable: false, data: { purchased: true, shipmentId: bought?.shipmentId, path: '$.payload.packageDocumentDetails[0].trackingId' } },
    });
    expect(value(await amazon().void(bought?.shipmentId ?? ''))).toBeUndefined();
  });

  it('a cancellation answered with an HTML page is UNEXPECTED_RESPONSE', async () => {
    const { ground } = await rate();
    const label = value(await amazon().buy(purchase(ground)));
    mock.failNext('malformed');
    expect(await amazon().void(label.shipmentId)).toMatchObject({ ok: false, error: { code: 'UNEXPECTED_RESPONSE' } });
  });
});
