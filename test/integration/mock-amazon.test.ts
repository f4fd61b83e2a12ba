import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockAmazon } from '../support/mock-amazon';
import type { MockAmazon, MockAmazonOptions, MockOrderSeed } from '../support/mock-amazon';
import { findOperation, formatErrors, loadSpApiModel, sandboxExchanges, validateResponse } from '../support/swagger-model';

// The mock marketplace is what the sync tests and benchmarks trust to behave like Amazon, so
// it is held to Amazon's models here: what it accepts, what it refuses and how it answers.

const START = Date.parse('2026-03-02T10:00:00Z');
const US = 'ATVPDKIKX0DER';
const ORDERS_MODEL = loadSpApiModel('orders_2026-01-01.json');
const FEEDS_MODEL = loadSpApiModel('feeds_2021-06-30.json');
const V0_MODEL = loadSpApiModel('ordersV0.json');

const ORDER_A = '114-1234567-1234567';
const ORDER_B = '114-7654321-7654321';

function order(orderId: string, items: [orderItemId: string, quantity: number][], extra: Partial<MockOrderSeed> = {}): MockOrderSeed {
  return {
    orderId,
    items: items.map(([orderItemId, quantityOrdered], i) => ({ orderItemId, sellerSku: `PB-SKU-${i}`, title: `Item ${i}`, quantityOrdered, unitPrice: { amount: '9.99', currencyCode: 'USD' } })),
    createdTime: new Date(START - 3_600_000).toISOString(),
    deliveryAddress: { name: 'Emily Johnson', addressLine1: '1600 Amphitheatre Pkwy', city: 'Mountain View', stateOrRegion: 'CA', postalCode: '94043', countryCode: 'US' },
    buyer: { buyerName: 'Emily Johnson' },
    ...extra,
  };
}

const running: MockAmazon[] = [];

type Harness = {
  mock: MockAmazon;
  clock: { now: number };
  token: string;
  call(method: string, path: string, init?: { body?: unknown; token?: string | null; headers?: Record<string, string>; signal?: AbortSignal }): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
};

async function harness(options: MockAmazonOptions = {}): Promise<Harness> {
  const clock = { now: START };
  const mock = await startMockAmazon({ now: () => clock.now, ...options });
  running.push(mock);
  const { clientId, clientSecret, refreshToken } = mock.control.credentials;
  const lwa = await fetch(mock.lwaUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret }).toString(),
  });
  const token = ((await lwa.json()) as { access_token: string }).access_token;
  const h: Harness = {
    mock,
    clock,
    token,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const accessToken = init.token === undefined ? h.token : init.token;
      if (accessToken !== null) headers['x-amz-access-token'] = accessToken;
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${mock.url}${path}`, {
        method,
        headers,
        ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // Not JSON: an XML or text answer, kept as text.
      }
      return { status: response.status, headers: response.headers, body, text };
    },
  };
  return h;
}

afterEach(async () => {
  for (const mock of running.splice(0)) {
    // Whatever a test did, the mock's own answers must have matched Amazon's models.
    expect(mock.control.record().modelViolations).toEqual([]);
    await mock.close();
  }
});

function confirmation(packageReferenceId: string, items: [string, number][], extra: Record<string, unknown> = {}) {
  return {
    marketplaceId: US,
    packageDetail: {
      packageReferenceId,
      carrierCode: 'UPS',
      shippingMethod: 'UPS Ground',
      trackingNumber: `1Z999AA10000000${packageReferenceId}`,
      shipDate: '2026-03-02T09:00:00Z',
      orderItems: items.map(([orderItemId, quantity]) => ({ orderItemId, quantity })),
      ...extra,
    },
  };
}

const confirmPath = (orderId: string) => `/orders/v0/orders/${orderId}/shipmentConfirmation`;

function expectAmazonErrors(body: unknown): { code: string; message: string; details?: string }[] {
  expect(body).toMatchObject({ errors: expect.any(Array) });
  const errors = (body as { errors: { code: string; message: string; details?: string }[] }).errors;
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(typeof error.code).toBe('string');
    expect(typeof error.message).toBe('string');
  }
  return errors;
}

describe('Login with Amazon', () => {
  it('exchanges the refresh token for a bearer access token that SP-API calls then accept', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 1]])] });
    expect(h.token).toMatch(/^Atza\|/);
    expect((await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}`)).status).toBe(200);
  });

  it('answers expires_in as configured and refuses wrong credentials in the OAuth shape', async () => {
    const h = await harness({ accessTokenExpiresIn: 120 });
    const { clientId, clientSecret, refreshToken } = h.mock.control.credentials;
    const post = (form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') =>
      fetch(h.mock.lwaUrl, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(form).toString() }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const good = { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret };
    expect(await post(good)).toMatchObject({ status: 200, body: { token_type: 'bearer', expires_in: 120 } });
    expect(await post({ ...good, refresh_token: 'Atzr|someone-else' })).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: expect.any(String) } });
    expect(await post({ ...good, client_secret: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await post({ ...good, grant_type: 'client_credentials' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await post(good, 'application/json')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it.each([
    ['missing', null, /no x-amz-access-token/],
    ['unknown', 'Atza|made-up', /revoked, malformed or invalid/],
  ])('refuses a %s access token with 403 Unauthorized', async (_case, token, details) => {
    const h = await harness();
    const answer = await h.call('GET', '/orders/2026-01-01/orders?createdAfter=2026-03-01T00:00:00Z', { token });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: expect.stringMatching(details) }] });
  });

  it('refuses an access token once it has expired, and a fresh one works again', async () => {
    const h = await harness({ accessTokenExpiresIn: 3600 });
    const path = '/orders/2026-01-01/orders?createdAfter=2026-03-01T00:00:00Z';
    h.clock.now += 3_599_000;
    expect((await h.call('GET', path)).status).toBe(200);
    h.clock.now += 1_000;
    const expired = await h.call('GET', path);
    expect(expired.status).toBe(403);
    expect(expectAmazonErrors(expired.body)[0]?.details).toBe('The access token you provided has expired.');
    expect(expired.headers.get('x-amzn-requestid')).toBeTruthy();
  });
});

describe('contract with the published models', () => {
  // The orders Amazon's sandbox examples name, so the examples can be replayed as they are.
  const sandboxOrders: MockOrderSeed[] = [
    order('902-1106328-1059050', [['79039765272157', 1]]),
    order('250-1234567-8901234', [['25012345678901', 1]], { marketplaceId: 'A1VC38T7YXB528' }),
    order('171-9876543-2109876', [['17198765432101', 1]], { marketplaceId: 'A2Q3Y263D00KWC' }),
    order('028-1234567-8901234', [['02812345678901', 1]], { marketplaceId: 'A2Q3Y263D00KWC' }),
    order('114-9876543-1234567', [['11498765432101', 1]]),
  ];

  it.each([
    ['confirmShipment', V0_MODEL, 'POST', '/orders/v0/orders/{id}/shipmentConfirmation'],
    ['searchOrders', ORDERS_MODEL, 'GET', '/orders/2026-01-01/orders'],
    ['getOrder', ORDERS_MODEL, 'GET', '/orders/2026-01-01/orders/{id}'],
    ['createFeedDocument', FEEDS_MODEL, 'POST', '/feeds/2021-06-30/documents'],
    ['getFeeds', FEEDS_MODEL, 'GET', '/feeds/2021-06-30/feeds'],
  ] as const)("answers Amazon's own %s sandbox examples with the sandbox's status", async (_name, model, method, path) => {
    const h = await harness({ orders: sandboxOrders });
    const lookup = findOperation(model, method, path.replace('{id}', '902-1106328-1059050'));
    if (!lookup.ok) throw new Error(lookup.message);
    const exchanges = sandboxExchanges(lookup.operation);
    expect(exchanges.length).toBeGreaterThan(0);
    // A paginationToken from Amazon's sandbox is not one this mock issued: refusing it is right.
    for (const exchange of exchanges.filter((e) => !e.request.url.includes('paginationToken='))) {
      const answer = await h.call(exchange.request.method.toUpperCase(), exchange.request.url, exchange.request.body === undefined ? {} : { body: exchange.request.body });
      expect({ url: exchange.request.url, status: answer.status }).toEqual({ url: exchange.request.url, status: exchange.status });
      if (answer.status >= 400) expectAmazonErrors(answer.body);
    }
  });

  it('refuses a request the model forbids, in the path, the query or the body, with InvalidInput', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 2]])] });
    const badQuery = await h.call('GET', '/orders/2026-01-01/orders?createdAfter=2026-03-01T00:00:00Z&fulfillmentStatuses=UNSHIPPED,LOST');
    expect(badQuery.status).toBe(400);
    expect(expectAmazonErrors(badQuery.body)[0]).toMatchObject({ code: 'InvalidInput', details: expect.stringContaining('query.fulfillmentStatuses') });

    const badDate = await h.call('GET', '/orders/2026-01-01/orders?createdAfter=yesterday');
    expect(badDate.status).toBe(400);

    const missingCarrier = confirmation('1', [['11111111111101', 1]]);
    delete (missingCarrier.packageDetail as Record<string, unknown>).carrierCode;
    const badBody = await h.call('POST', confirmPath(ORDER_A), { body: missingCarrier });
    expect(badBody.status).toBe(400);
    expect(expectAmazonErrors(badBody.body)[0]?.details).toBe('$.packageDetail.carrierCode is required');

    const stringQuantity = await h.call('POST', confirmPath(ORDER_A), { body: confirmation('1', [['11111111111101', '1' as unknown as number]]) });
    expect(stringQuantity.status).toBe(400);

    const badPath = await h.call('GET', '/orders/2026-01-01/order-list');
    expect(badPath.status).toBe(404);
    expectAmazonErrors(badPath.body);

    const badId = await h.call('GET', '/orders/2026-01-01/orders/not-an-order');
    expect(badId.status).toBe(400);

    const notJson = await h.call('POST', confirmPath(ORDER_A), { body: 'marketplaceId=ATVPDKIKX0DER', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(notJson.status).toBe(415);

    expect(h.mock.control.record().packages).toEqual([]);
    expect(h.mock.control.record().rejected.map((r) => r.status)).toEqual([400, 400, 400, 400, 404, 400, 415]);
  });

  it('answers searchOrders and getOrder with every dataset in the shape the model describes', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 2], ['11111111111102', 1]]), order(ORDER_B, [['22222222222201', 1]], { programs: ['PRIME'] })] });
    await h.call('POST', confirmPath(ORDER_A), { body: confirmation('1', [['11111111111101', 1]]) });
    h.mock.control.requestBuyerCancel(ORDER_B, { reason: 'Ordered by mistake' });
    const all = 'BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,PACKAGES,TAX,PAYMENT,FULFILLMENT_ORDERS';
    const search = await h.call('GET', `/orders/2026-01-01/orders?createdAfter=2026-03-01T00:00:00Z&includedData=${all}`);
    expect(search.status).toBe(200);
    const searchOp = findOperation(ORDERS_MODEL, 'GET', '/orders/2026-01-01/orders');
    const getOp = findOperation(ORDERS_MODEL, 'GET', `/orders/2026-01-01/orders/${ORDER_A}`);
    if (!searchOp.ok || !getOp.ok) throw new Error('the model lost an operation');
    expect(formatErrors(validateResponse(ORDERS_MODEL, searchOp.operation, 200, search.body))).toBe('');
    const got = await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}?includedData=${all}`);
    expect(formatErrors(validateResponse(ORDERS_MODEL, getOp.operation, 200, got.body))).toBe('');
    expect(got.body).toMatchObject({
      order: {
        orderId: ORDER_A,
        salesChannel: { channelName: 'AMAZON', marketplaceId: US, marketplaceName: 'Amazon.com' },
        fulfillment: { fulfillmentStatus: 'PARTIALLY_SHIPPED', fulfilledBy: 'MERCHANT' },
        recipient: { deliveryAddress: { postalCode: '94043' } },
        packages: [{ packageReferenceId: '1', carrier: 'UPS', trackingNumber: '1Z999AA100000001', shippingService: 'UPS Ground', packageStatus: { status: 'SHIPPED' }, packageItems: [{ orderItemId: '11111111111101', quantity: 1 }] }],
      },
    });
    expect(got.headers.get('x-amzn-ratelimit-limit')).toBe('0.5');
    expect(got.headers.get('x-amzn-requestid')).toBeTruthy();

    const bare = (await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}`)).body as { order: Record<string, unknown> };
    expect(Object.keys(bare.order).sort()).toEqual(['createdTime', 'lastUpdatedTime', 'orderId', 'orderItems', 'salesChannel']);
  });
});

describe('searchOrders', () => {
  it.each([
    ['neither createdAfter nor lastUpdatedAfter', ''],
    ['both createdAfter and lastUpdatedAfter', 'createdAfter=2026-03-01T00:00:00Z&lastUpdatedAfter=2026-03-01T00:00:00Z'],
    ['createdAfter with lastUpdatedBefore', 'createdAfter=2026-03-01T00:00:00Z&lastUpdatedBefore=2026-03-01T12:00:00Z'],
    ['lastUpdatedAfter with createdBefore', 'lastUpdatedAfter=2026-03-01T00:00:00Z&createdBefore=2026-03-01T12:00:00Z'],
    ['a before earlier than its after', 'createdAfter=2026-03-01T12:00:00Z&createdBefore=2026-03-01T00:00:00Z'],
    ['a before less than two minutes ago', 'lastUpdatedAfter=2026-03-01T00:00:00Z&lastUpdatedBefore=2026-03-02T09:59:00Z'],
    ['maxResultsPerPage 0', 'createdAfter=2026-03-01T00:00:00Z&maxResultsPerPage=0'],
    ['maxResultsPerPage 101', 'createdAfter=2026-03-01T00:00:00Z&maxResultsPerPage=101'],
    ['an unknown paginationToken', 'createdAfter=2026-03-01T00:00:00Z&paginationToken=bm90LWEtdG9rZW4'],
  ])('refuses %s', async (_case, query) => {
    const h = await harness();
    const answer = await h.call('GET', `/orders/2026-01-01/orders${query === '' ? '' : `?${query}`}`);
    expect(answer.status).toBe(400);
    expect(expectAmazonErrors(answer.body)[0]?.code).toBe('InvalidInput');
  });

  it('pages through 250 orders by lastUpdatedTime, each exactly once, with a moved order not repeated', async () => {
    const h = await harness({ rateLimiting: false });
    const ids = h.mock.control.addDemoOrders(250);
    expect(new Set(ids).size).toBe(250);
    const seen: string[] = [];
    let times: number[] = [];
    let path = '/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-01T00:00:00Z&marketplaceIds=ATVPDKIKX0DER&fulfillmentStatuses=UNSHIPPED&maxResultsPerPage=100';
    const pageSizes: number[] = [];
    for (let page = 0; page < 10; page += 1) {
      const answer = await h.call('GET', path);
      expect(answer.status).toBe(200);
      const body = answer.body as { orders: { orderId: string; lastUpdatedTime: string }[]; pagination?: { nextToken: string }; lastUpdatedBefore: string };
      pageSizes.push(body.orders.length);
      seen.push(...body.orders.map((o) => o.orderId));
      times = [...times, ...body.orders.map((o) => Date.parse(o.lastUpdatedTime))];
      if (page === 0) {
        // An order updated after the first page leaves this window: the next sync picks it up.
        h.clock.now += 1000;
        h.mock.control.changeAddress(ids[249] as string, { name: 'Moved', city: 'Boston', countryCode: 'US' });
      }
      if (body.pagination === undefined) break;
      // includedData may change between pages; the filters may not.
      path = `/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-01T00:00:00Z&marketplaceIds=ATVPDKIKX0DER&fulfillmentStatuses=UNSHIPPED&includedData=BUYER&paginationToken=${body.pagination.nextToken}`;
    }
    expect(pageSizes).toEqual([100, 100, 49]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(ids[249]);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const first = (await h.call('GET', '/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-01T00:00:00Z&maxResultsPerPage=10')).body as { pagination: { nextToken: string } };
    const changedFilter = await h.call('GET', `/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-02T00:00:00Z&paginationToken=${first.pagination.nextToken}`);
    expect(changedFilter.status).toBe(400);
  });

  it('shows a cancellation, a buyer cancel request and an address change to a lastUpdatedAfter search', async () => {
    const orderC = '114-5555555-5555555';
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 1]]), order(ORDER_B, [['22222222222201', 1], ['22222222222202', 1]]), order(orderC, [['33333333333301', 1]]), order('114-6666666-6666666', [['44444444444401', 1]])] });
    const since = new Date(h.clock.now).toISOString();
    const search = async () =>
      ((await h.call('GET', `/orders/2026-01-01/orders?lastUpdatedAfter=${since}&includedData=CANCELLATION,FULFILLMENT,RECIPIENT`)).body as { orders: Record<string, unknown>[] }).orders;
    expect(await search()).toEqual([]);

    h.clock.now += 60_000;
    h.mock.control.cancelOrder(ORDER_A, { cancelledBy: 'BUYER', reason: 'Buyer cancelled' });
    h.mock.control.requestBuyerCancel(ORDER_B, { orderItemId: '22222222222202', reason: 'Changed mind' });
    h.mock.control.changeAddress(orderC, { name: 'Daniel Brown', addressLine1: '350 Fifth Avenue', city: 'New York', stateOrRegion: 'NY', postalCode: '10118', countryCode: 'US' });
    const changed = await search();
    expect(changed.map((o) => o.orderId)).toEqual([ORDER_A, ORDER_B, orderC]);
    expect(changed[0]).toMatchObject({ fulfillment: { fulfillmentStatus: 'CANCELLED' }, orderItems: [{ cancellation: { cancellationExecution: { cancelledBy: 'BUYER', cancelReason: 'Buyer cancelled' } } }] });
    expect(changed[1]).toMatchObject({ fulfillment: { fulfillmentStatus: 'UNSHIPPED' }, orderItems: [{ orderItemId: '22222222222201' }, { cancellation: { cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed mind' } } }] });
    expect((changed[1]?.orderItems as Record<string, unknown>[])[0]).not.toHaveProperty('cancellation');
    expect(changed[2]).toMatchObject({ recipient: { deliveryAddress: { city: 'New York', postalCode: '10118' } } });
    const stamps = changed.map((o) => Date.parse(o.lastUpdatedTime as string));
    expect(new Set(stamps).size).toBe(3);

    const cancelled = await h.call('GET', `/orders/2026-01-01/orders?createdAfter=2026-03-01T00:00:00Z&fulfillmentStatuses=CANCELLED`);
    expect((cancelled.body as { orders: { orderId: string }[] }).orders.map((o) => o.orderId)).toEqual([ORDER_A]);
  });
});

describe('confirmShipment', () => {
  const SHIP_PLUS = '114-9999999-9999999';
  const PENDING = '114-8888888-8888888';
  const UK = '202-1111111-1111111';
  const seeds = () => [
    order(ORDER_A, [['11111111111101', 2], ['11111111111102', 1]]),
    order(SHIP_PLUS, [['99999999999901', 1]], { programs: ['FBM_SHIP_PLUS'] }),
    order(PENDING, [['88888888888801', 1]], { initialStatus: 'PENDING' }),
    order(UK, [['20211111111101', 1]], { marketplaceId: 'A1F83G8C2ARO7P' }),
  ];

  it.each([
    ['a packageReferenceId that is not numeric', ORDER_A, confirmation('PKG-1', [['11111111111101', 1]]), 400, /packageReferenceId must be a positive number/],
    ['packageReferenceId 0', ORDER_A, confirmation('0', [['11111111111101', 1]]), 400, /packageReferenceId/],
    ['carrier code Other without a carrier name', ORDER_A, confirmation('1', [['11111111111101', 1]], { carrierCode: 'Other' }), 400, /carrierName is required/],
    ['a carrier code not on the list (codes are case-sensitive)', ORDER_A, confirmation('1', [['11111111111101', 1]], { carrierCode: 'Fedex' }), 400, /carrier-code field contains an invalid value/],
    ['an item of another order', ORDER_A, confirmation('1', [['22222222222201', 1]]), 400, /not part of order/],
    ['more units than were ordered', ORDER_A, confirmation('1', [['11111111111101', 3]]), 400, /exceeds the 2 unit/],
    ['a package with no items', ORDER_A, confirmation('1', []), 400, /at least one order item/],
    ['a ship date that is not ISO 8601 (the sandbox example)', ORDER_A, confirmation('1', [['11111111111101', 1]], { shipDate: '02/21/2022' }), 400, /Invalid Input/],
    ['a ship date without a time', ORDER_A, confirmation('1', [['11111111111101', 1]], { shipDate: '2026-03-02' }), 400, /Invalid Input/],
    ['another marketplace', ORDER_A, { ...confirmation('1', [['11111111111101', 1]]), marketplaceId: 'A1F83G8C2ARO7P' }, 400, /does not belong to marketplace/],
    ['a Ship+ order', SHIP_PLUS, confirmation('1', [['99999999999901', 1]]), 400, /Ship\+/],
    ['a pending order', PENDING, confirmation('1', [['88888888888801', 1]]), 400, /PENDING/],
    ['an order Amazon does not know', '114-0000000-0000001', confirmation('1', [['11111111111101', 1]]), 404, /not found/],
    ["a carrier code the UK marketplace's list lacks", UK, { ...confirmation('1', [['20211111111101', 1]]), marketplaceId: 'A1F83G8C2ARO7P' }, 400, /invalid value/],
  ])('refuses %s', async (_case, orderId, body, status, message) => {
    const h = await harness({ orders: seeds(), carrierCodes: { A1F83G8C2ARO7P: ['Royal Mail', 'Parcelforce', 'Other'] } });
    const answer = await h.call('POST', confirmPath(orderId), { body });
    expect(answer.status).toBe(status);
    const errors = expectAmazonErrors(answer.body);
    expect(errors.map((e) => `${e.message} ${e.details ?? ''}`).join(' ')).toMatch(message);
    expect(h.mock.control.record()).toMatchObject({ packages: [], rejected: [{ operation: 'confirmShipment', status, orderId }] });
  });

  it('refuses a cancelled order with a clear error', async () => {
    const h = await harness({ orders: seeds() });
    h.mock.control.cancelOrder(ORDER_A);
    const answer = await h.call('POST', confirmPath(ORDER_A), { body: confirmation('1', [['11111111111101', 1]]) });
    expect(answer.status).toBe(400);
    expect(expectAmazonErrors(answer.body)[0]?.message).toBe(`Order ${ORDER_A} has been cancelled and cannot be confirmed as shipped.`);
  });

  it('accepts a package with 204 and no body, and shows it on the order', async () => {
    const h = await harness({ orders: seeds() });
    const answer = await h.call('POST', confirmPath(ORDER_A), { body: confirmation('7', [['11111111111101', 2]], { carrierCode: 'Other', carrierName: 'Yun Express' }) });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect(answer.headers.get('x-amzn-ratelimit-limit')).toBe('2');
    const record = h.mock.control.record();
    expect(record.packages).toEqual([
      {
        orderId: ORDER_A,
        packageReferenceId: '7',
        packageId: '7',
        carrierCode: 'Other',
        carrierName: 'Yun Express',
        shippingMethod: 'UPS Ground',
        trackingNumber: '1Z999AA100000007',
        shipDate: '2026-03-02T09:00:00Z',
        items: [{ orderItemId: '11111111111101', quantity: 2 }],
        via: 'api',
        edits: 0,
        acceptedAt: expect.any(String),
      },
    ]);
    expect(record.requests.confirmShipment).toBe(1);
    const got = (await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}?includedData=PACKAGES,FULFILLMENT`)).body as { order: Record<string, unknown> };
    expect(got.order).toMatchObject({ fulfillment: { fulfillmentStatus: 'PARTIALLY_SHIPPED' }, packages: [{ packageReferenceId: '7', carrier: 'Yun Express' }] });
  });

  it('treats a re-sent packageReferenceId as an edit of that package, not a second one', async () => {
    const h = await harness({ orders: seeds() });
    const first = confirmation('1', [['11111111111101', 2]]);
    expect((await h.call('POST', confirmPath(ORDER_A), { body: first })).status).toBe(204);
    // The same full quantity again is not "more than unshipped": it replaces the package.
    expect((await h.call('POST', confirmPath(ORDER_A), { body: first })).status).toBe(204);
    const corrected = confirmation('1', [['11111111111101', 2]], { trackingNumber: '1Z999AA1CORRECTED' });
    expect((await h.call('POST', confirmPath(ORDER_A), { body: corrected })).status).toBe(204);
    expect((await h.call('POST', confirmPath(ORDER_A), { body: confirmation('2', [['11111111111102', 1]]) })).status).toBe(204);
    // Everything is shipped now: a third package has nothing left to carry.
    expect((await h.call('POST', confirmPath(ORDER_A), { body: confirmation('3', [['11111111111101', 1]]) })).status).toBe(400);

    const { packages } = h.mock.control.record();
    expect(packages.map((p) => [p.packageReferenceId, p.edits, p.trackingNumber])).toEqual([
      ['1', 2, '1Z999AA1CORRECTED'],
      ['2', 0, '1Z999AA100000002'],
    ]);
    expect(packages[0]?.lastEditedAt).toEqual(expect.any(String));
    const got = (await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}?includedData=PACKAGES,FULFILLMENT`)).body as { order: { packages: unknown[]; fulfillment: unknown } };
    expect(got.order.packages).toHaveLength(2);
    expect(got.order.fulfillment).toMatchObject({ fulfillmentStatus: 'SHIPPED' });
  });
});

/** createFeedDocument → upload → createFeed; returns the feed id. */
async function submitFeed(h: Harness, tsv: string, contentType = 'text/tab-separated-values; charset=UTF-8'): Promise<string> {
  const document = await h.call('POST', '/feeds/2021-06-30/documents', { body: { contentType } });
  expect(document.status).toBe(201);
  const { feedDocumentId, url } = document.body as { feedDocumentId: string; url: string };
  const upload = await fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body: tsv });
  expect(upload.status).toBe(200);
  const feed = await h.call('POST', '/feeds/2021-06-30/feeds', { body: { feedType: 'POST_FLAT_FILE_FULFILLMENT_DATA', marketplaceIds: [US], inputFeedDocumentId: feedDocumentId } });
  expect(feed.status).toBe(202);
  return (feed.body as { feedId: string }).feedId;
}

const HEADER = 'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method';

describe('feeds', () => {
  it('processes a flat file end to end and reports the rows it refused, gzipped', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 2], ['11111111111102', 1]]), order(ORDER_B, [['22222222222201', 1]])] });
    const tsv = [
      HEADER,
      `${ORDER_A}\t11111111111101\t2\t2026-03-02\tUPS\t\t1Z999AA10000000001\tUPS Ground`,
      `${ORDER_B}\t22222222222201\t1\t2026-03-02\tUPSS\t\t1Z999AA10000000002\tUPS Ground`,
      `${ORDER_A}\t11111111111102\t1\t2026-03-02T08:30:00Z\tUPS\t\t1Z999AA10000000001\tUPS Ground`,
      '',
    ].join('\n');
    const feedId = await submitFeed(h, tsv);

    const statuses: string[] = [];
    let feed: Record<string, unknown> = {};
    for (let poll = 0; poll < 3; poll += 1) {
      const answer = await h.call('GET', `/feeds/2021-06-30/feeds/${feedId}`);
      expect(answer.status).toBe(200);
      feed = answer.body as Record<string, unknown>;
      statuses.push(feed.processingStatus as string);
    }
    expect(statuses).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'DONE']);
    const getFeed = findOperation(FEEDS_MODEL, 'GET', `/feeds/2021-06-30/feeds/${feedId}`);
    if (!getFeed.ok) throw new Error('the model lost getFeed');
    expect(formatErrors(validateResponse(FEEDS_MODEL, getFeed.operation, 200, feed))).toBe('');
    expect(feed).toMatchObject({ feedId, feedType: 'POST_FLAT_FILE_FULFILLMENT_DATA', resultFeedDocumentId: expect.any(String), processingEndTime: expect.any(String) });

    const document = await h.call('GET', `/feeds/2021-06-30/documents/${feed.resultFeedDocumentId as string}`);
    expect(document.body).toMatchObject({ feedDocumentId: feed.resultFeedDocumentId, compressionAlgorithm: 'GZIP' });
    const download = await fetch((document.body as { url: string }).url);
    expect(download.status).toBe(200);
    const report = gunzipSync(Buffer.from(await download.arrayBuffer())).toString('utf8');
    expect(report).toBe(
      [
        'Feed Processing Summary:',
        '\tNumber of records processed\t\t3',
        '\tNumber of records successful\t\t2',
        '',
        'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message',
        `2\t${ORDER_B}\t22222222222201\t18028\tError\tThe carrier-code field contains an invalid value.`,
        '',
      ].join('\n'),
    );

    // Rows of one order with one tracking number are one package.
    const record = h.mock.control.record();
    expect(record.packages).toEqual([
      expect.objectContaining({
        orderId: ORDER_A,
        packageReferenceId: null,
        carrierCode: 'UPS',
        trackingNumber: '1Z999AA10000000001',
        // A later row of the same package overwrites its details, as a re-upload would.
        shipDate: '2026-03-02T08:30:00.000Z',
        items: [
          { orderItemId: '11111111111101', quantity: 2 },
          { orderItemId: '11111111111102', quantity: 1 },
        ],
        via: 'feed',
        feedId,
        edits: 0,
      }),
    ]);
    expect(record.feedRowErrors).toEqual([{ feedId, recordNumber: 2, orderId: ORDER_B, orderItemId: '22222222222201', errorCode: 18028, message: 'The carrier-code field contains an invalid value.' }]);
    expect(record.feeds).toEqual([{ feedId, feedType: 'POST_FLAT_FILE_FULFILLMENT_DATA', processingStatus: 'DONE', recordsProcessed: 3, recordsSuccessful: 2 }]);
    const got = (await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}?includedData=PACKAGES,FULFILLMENT`)).body as { order: { packages: { packageReferenceId: string }[]; fulfillment: unknown } };
    expect(got.order.fulfillment).toMatchObject({ fulfillmentStatus: 'SHIPPED' });
    expect(got.order.packages[0]?.packageReferenceId).toMatch(/^AMZN-/);

    // The download honours enableContentEncodingUrlHeader: fetch then gunzips by itself.
    const encoded = await h.call('GET', `/feeds/2021-06-30/documents/${feed.resultFeedDocumentId as string}?enableContentEncodingUrlHeader=true`);
    expect(await (await fetch((encoded.body as { url: string }).url)).text()).toBe(report);
  });

  it('applies the confirmShipment rules to each row, with whole-order rows and an edit by a later feed', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 2], ['11111111111102', 1]]), order(ORDER_B, [['22222222222201', 1]])], gzipReports: false, feedTiming: { polls: 1 } });
    h.mock.control.cancelOrder(ORDER_B);
    const tsv = [
      HEADER,
      `${ORDER_A}\t\t\t2026-03-02\tChina Post\t\tRR123456785CN\tRegistered`,
      `${ORDER_B}\t22222222222201\t1\t2026-03-02\tUPS\t\t1Z1\t`,
      `114-0000000-0000009\t\t\t2026-03-02\tUPS\t\t1Z2\t`,
      `${ORDER_A}\t11111111111101\t1\t03/02/2026\tUPS\t\t1Z3\t`,
      `${ORDER_A}\t11111111111101\t1\t2026-03-02\tOther\t\t1Z4\t`,
    ].join('\r\n');
    const feedId = await submitFeed(h, tsv);
    const feed = (await h.call('GET', `/feeds/2021-06-30/feeds/${feedId}`)).body as { processingStatus: string; resultFeedDocumentId: string };
    expect(feed.processingStatus).toBe('DONE');
    const document = (await h.call('GET', `/feeds/2021-06-30/documents/${feed.resultFeedDocumentId}`)).body as Record<string, unknown>;
    expect(document).not.toHaveProperty('compressionAlgorithm');
    const report = await (await fetch(document.url as string)).text();
    expect(report).toContain('\tNumber of records processed\t\t5\n\tNumber of records successful\t\t1\n');
    expect(report.split('\n').filter((line) => /^\d+\t/.test(line)).map((line) => line.split('\t').slice(0, 4))).toEqual([
      ['2', ORDER_B, '22222222222201', '18033'],
      ['3', '114-0000000-0000009', '', '18032'],
      ['4', ORDER_A, '11111111111101', '18030'],
      ['5', ORDER_A, '11111111111101', '18029'],
    ]);
    expect(h.mock.control.record().packages).toEqual([
      expect.objectContaining({ orderId: ORDER_A, carrierCode: 'China Post', trackingNumber: 'RR123456785CN', items: [{ orderItemId: '11111111111101', quantity: 2 }, { orderItemId: '11111111111102', quantity: 1 }], edits: 0 }),
    ]);

    // A later feed with the same order and tracking number overwrites that package.
    const second = await submitFeed(h, [HEADER, `${ORDER_A}\t11111111111101\t1\t2026-03-03\tChina Post\t\tRR123456785CN\tEMS`].join('\n'));
    await h.call('GET', `/feeds/2021-06-30/feeds/${second}`);
    expect(h.mock.control.record().packages).toEqual([
      expect.objectContaining({ feedId: second, shippingMethod: 'EMS', items: [{ orderItemId: '11111111111101', quantity: 1 }, { orderItemId: '11111111111102', quantity: 1 }], edits: 1 }),
    ]);
  });

  it('ends a feed whose document was never uploaded as FATAL', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 1]])], feedTiming: { ms: 10_000 } });
    const document = (await h.call('POST', '/feeds/2021-06-30/documents', { body: { contentType: 'text/tab-separated-values; charset=UTF-8' } })).body as { feedDocumentId: string };
    const feedId = ((await h.call('POST', '/feeds/2021-06-30/feeds', { body: { feedType: 'POST_FLAT_FILE_FULFILLMENT_DATA', marketplaceIds: [US], inputFeedDocumentId: document.feedDocumentId } })).body as { feedId: string }).feedId;
    expect((await h.call('GET', `/feeds/2021-06-30/feeds/${feedId}`)).body).toMatchObject({ processingStatus: 'IN_QUEUE' });
    h.clock.now += 5_000;
    expect((await h.call('GET', `/feeds/2021-06-30/feeds/${feedId}`)).body).toMatchObject({ processingStatus: 'IN_PROGRESS' });
    h.clock.now += 5_000;
    const done = (await h.call('GET', `/feeds/2021-06-30/feeds/${feedId}`)).body as Record<string, unknown>;
    expect(done).toMatchObject({ processingStatus: 'FATAL' });
    expect(done).not.toHaveProperty('resultFeedDocumentId');
  });

  it('ends a feed that is not a fulfillment flat file as FATAL, with a report saying why', async () => {
    const h = await harness({ gzipReports: false, feedTiming: { polls: 1 } });
    const feedId = await submitFeed(h, 'sku\tprice\nPB-MUG-001\t15.99\n');
    const feed = (await h.call('GET', `/feeds/2021-06-30/feeds/${feedId}`)).body as { processingStatus: string; resultFeedDocumentId: string };
    expect(feed.processingStatus).toBe('FATAL');
    const document = (await h.call('GET', `/feeds/2021-06-30/documents/${feed.resultFeedDocumentId}`)).body as { url: string };
    const report = await (await fetch(document.url)).text();
    expect(report).toContain('\tNumber of records processed\t\t0\n');
    expect(report).toMatch(/\n0\t\t\t90001\tError\tThe file header is missing required columns/);
  });

  it('refuses an upload with another content type or after the URL expired, as S3 does', async () => {
    const h = await harness({ documentUrlTtlMs: 60_000 });
    const document = (await h.call('POST', '/feeds/2021-06-30/documents', { body: { contentType: 'text/tab-separated-values; charset=UTF-8' } })).body as { url: string };
    const wrongType = await fetch(document.url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: HEADER });
    expect(wrongType.status).toBe(403);
    expect(await wrongType.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    h.clock.now += 60_001;
    const late = await fetch(document.url, { method: 'PUT', headers: { 'content-type': 'text/tab-separated-values; charset=UTF-8' }, body: HEADER });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
  });

  it('lists feeds by the filters of getFeeds, with nextToken alone for the next page', async () => {
    const h = await harness({ rateLimiting: false, orders: [order(ORDER_A, [['11111111111101', 1]])] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(await submitFeed(h, HEADER));
      h.clock.now += 1000;
    }
    h.mock.control.finishFeeds();
    expect((await h.call('GET', '/feeds/2021-06-30/feeds')).status).toBe(400);
    expect((await h.call('GET', '/feeds/2021-06-30/feeds?feedTypes=POST_FLAT_FILE_FULFILLMENT_DATA&processingStatuses=FINISHED')).status).toBe(400);
    const first = (await h.call('GET', '/feeds/2021-06-30/feeds?feedTypes=POST_FLAT_FILE_FULFILLMENT_DATA&processingStatuses=DONE&pageSize=2')).body as { feeds: { feedId: string }[]; nextToken: string };
    expect(first.feeds.map((f) => f.feedId)).toEqual([ids[2], ids[1]]);
    expect((await h.call('GET', `/feeds/2021-06-30/feeds?nextToken=${first.nextToken}&pageSize=2`)).status).toBe(400);
    const second = (await h.call('GET', `/feeds/2021-06-30/feeds?nextToken=${encodeURIComponent(first.nextToken)}`)).body as { feeds: { feedId: string }[]; nextToken?: string };
    expect(second).toEqual({ feeds: [expect.objectContaining({ feedId: ids[0] })] });
    const none = (await h.call('GET', `/feeds/2021-06-30/feeds?feedTypes=POST_PRODUCT_DATA`)).body;
    expect(none).toEqual({ feeds: [] });
  });
});

describe('faults', () => {
  const body = confirmation('1', [['11111111111101', 1]]);
  const seeds = [order(ORDER_A, [['11111111111101', 2]])];

  it.each([
    ['429', 429, 'QuotaExceeded'],
    ['500', 500, 'InternalFailure'],
    ['503', 503, 'ServiceUnavailable'],
  ] as const)('answers %s in Amazon error shape without applying the call, then recovers', async (kind, status, code) => {
    const h = await harness({ orders: seeds });
    h.mock.control.fault({ kind, operation: 'confirmShipment' });
    const answer = await h.call('POST', confirmPath(ORDER_A), { body });
    expect(answer.status).toBe(status);
    expect(expectAmazonErrors(answer.body)[0]?.code).toBe(code);
    expect(answer.headers.get('x-amzn-ratelimit-limit')).toBe('2');
    expect(answer.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(h.mock.control.record().packages).toEqual([]);
    expect((await h.call('POST', confirmPath(ORDER_A), { body })).status).toBe(204);
    expect(h.mock.control.record().faults).toEqual([expect.objectContaining({ kind, operation: 'confirmShipment', applied: false })]);
  });

  it('holds a timeout until the client gives up, without applying the call', async () => {
    const h = await harness({ orders: seeds });
    h.mock.control.fault({ kind: 'timeout' });
    await expect(h.call('POST', confirmPath(ORDER_A), { body, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(h.mock.control.record().packages).toEqual([]);
    expect((await h.call('POST', confirmPath(ORDER_A), { body })).status).toBe(204);
  });

  it('resets the connection before applying the call (reset-before)', async () => {
    const h = await harness({ orders: seeds });
    h.mock.control.fault({ kind: 'reset-before', operation: 'confirmShipment' });
    await expect(h.call('POST', confirmPath(ORDER_A), { body })).rejects.toThrow();
    expect(h.mock.control.record().packages).toEqual([]);
  });

  it('applies the call and then resets (reset-after): the retry edits the same package, once', async () => {
    const h = await harness({ orders: seeds });
    h.mock.control.fault({ kind: 'reset-after', operation: 'confirmShipment' });
    await expect(h.call('POST', confirmPath(ORDER_A), { body })).rejects.toThrow();
    expect(h.mock.control.record().packages).toEqual([expect.objectContaining({ packageReferenceId: '1', edits: 0 })]);
    expect((await h.call('POST', confirmPath(ORDER_A), { body })).status).toBe(204);
    const record = h.mock.control.record();
    expect(record.packages).toEqual([expect.objectContaining({ packageReferenceId: '1', edits: 1 })]);
    expect(record.faults).toEqual([expect.objectContaining({ kind: 'reset-after', applied: true })]);
  });

  it('answers after delayMs when slow', async () => {
    const h = await harness({ orders: seeds });
    h.mock.control.fault({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await h.call('POST', confirmPath(ORDER_A), { body })).status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('hits only the operation named, for the next N calls', async () => {
    const h = await harness({ orders: seeds });
    h.mock.control.fault({ kind: '503', operation: 'getOrder', times: 2 });
    expect((await h.call('GET', '/orders/2026-01-01/orders?createdAfter=2026-03-01T00:00:00Z')).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}`)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('fires probabilistic faults reproducibly for a given seed', async () => {
    const run = async () => {
      const h = await harness({ orders: seeds, seed: 42, rateLimiting: false });
      h.mock.control.fault({ kind: '500', operation: 'getOrder', probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}`)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('can be driven over HTTP by another process, and reports what it accepted there', async () => {
    const h = await harness({ orders: seeds });
    const added = await fetch(`${h.mock.url}/__mock/faults`, { method: 'POST', body: JSON.stringify({ kind: '429', operation: 'confirmShipment', retryAfterSeconds: 2 }) });
    expect(added.status).toBe(201);
    const throttled = await h.call('POST', confirmPath(ORDER_A), { body });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    await h.call('POST', confirmPath(ORDER_A), { body });
    await fetch(`${h.mock.url}/__mock/orders/${ORDER_A}/address`, { method: 'POST', body: JSON.stringify({ address: { city: 'Boston', countryCode: 'US' } }) });
    const record = (await (await fetch(`${h.mock.url}/__mock/record`)).json()) as ReturnType<MockAmazon['control']['record']>;
    expect(record).toEqual(h.mock.control.record());
    expect(record.packages).toHaveLength(1);
    expect(record.requests).toMatchObject({ lwaToken: 1, confirmShipment: 2 });
    expect(h.mock.control.order(ORDER_A)).toMatchObject({ recipient: { deliveryAddress: { city: 'Boston' } } });
    expect((await fetch(`${h.mock.url}/__mock/orders/114-0000000-0000000/cancel`, { method: 'POST' })).status).toBe(400);
  });
});

describe('rate limits', () => {
  it('answers 429 QuotaExceeded once the burst is spent, and refills at the documented rate', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 20]])] });
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i += 1) statuses.push((await h.call('POST', confirmPath(ORDER_A), { body: confirmation(String(i), [['11111111111101', 1]]) })).status);
    expect(statuses).toEqual([...Array(10).fill(204), 429]);
    const throttled = await h.call('POST', confirmPath(ORDER_A), { body: confirmation('12', [['11111111111101', 1]]) });
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] });
    expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBe('2');
    h.clock.now += 500; // 2 per second: one token back
    expect((await h.call('POST', confirmPath(ORDER_A), { body: confirmation('12', [['11111111111101', 1]]) })).status).toBe(204);
    expect((await h.call('POST', confirmPath(ORDER_A), { body: confirmation('13', [['11111111111101', 1]]) })).status).toBe(429);
    expect(h.mock.control.record().packages).toHaveLength(11);
  });

  it('takes a higher rate from options or control, and says so in x-amzn-RateLimit-Limit', async () => {
    const h = await harness({ rateLimits: { searchOrders: { ratePerSecond: 50, burst: 2 } } });
    const path = '/orders/2026-01-01/orders?createdAfter=2026-03-01T00:00:00Z';
    const first = await h.call('GET', path);
    expect(first.headers.get('x-amzn-ratelimit-limit')).toBe('50');
    await h.call('GET', path);
    expect((await h.call('GET', path)).status).toBe(429);
    h.mock.control.setRateLimit('searchOrders', { ratePerSecond: 100, burst: 100 });
    const raised = await h.call('GET', path);
    expect(raised.status).toBe(200);
    expect(raised.headers.get('x-amzn-ratelimit-limit')).toBe('100');
    h.mock.control.setRateLimit('searchOrders', null);
    // Back to what the options said.
    expect((await h.call('GET', path)).headers.get('x-amzn-ratelimit-limit')).toBe('50');
  });
});

describe('down and up', () => {
  it('refuses connections while down and answers on the same port when up again', async () => {
    const h = await harness({ orders: [order(ORDER_A, [['11111111111101', 1]])] });
    const port = h.mock.port;
    await h.mock.control.down();
    await expect(h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}`)).rejects.toThrow();
    await h.mock.control.up();
    expect(h.mock.port).toBe(port);
    expect((await h.call('GET', `/orders/2026-01-01/orders/${ORDER_A}`)).status).toBe(200);
  });

  it('goes down for a while when asked over HTTP', async () => {
    const h = await harness();
    expect((await fetch(`${h.mock.url}/__mock/down`, { method: 'POST', body: JSON.stringify({ forMs: 300 }) })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${h.mock.url}/__mock/record`)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await fetch(`${h.mock.url}/__mock/record`)).status).toBe(200);
  });
});

describe('npm run mock:amazon', () => {
  it('serves demo orders of the demo catalogue, prints what a client needs, and stops on SIGTERM', async () => {
    const script = fileURLToPath(new URL('../../scripts/mock-amazon.mjs', import.meta.url));
    const child = spawn(process.execPath, [script, '--port', '0', '--orders', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /POST\s+(http:\/\/127\.0\.0\.1:\d+)\/__mock\/down/.exec(output);
        if (found) resolve(found[1] as string);
      });
      child.on('exit', () => reject(new Error(`the mock exited early:\n${output}`)));
    });
    try {
      const credentials = (await (await fetch(`${url}/__mock/credentials`)).json()) as { clientId: string; clientSecret: string; refreshToken: string };
      expect(output).toContain(credentials.clientSecret);
      expect(output).toContain(credentials.refreshToken);
      const lwa = (await (
        await fetch(`${url}/auth/o2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken, client_id: credentials.clientId, client_secret: credentials.clientSecret }).toString(),
        })
      ).json()) as { access_token: string };
      const search = (await (await fetch(`${url}/orders/2026-01-01/orders?createdAfter=2020-01-01T00:00:00Z`, { headers: { 'x-amz-access-token': lwa.access_token } })).json()) as {
        orders: { orderItems: { product: { sellerSku: string } }[] }[];
      };
      expect(search.orders).toHaveLength(5);
      for (const found of search.orders) for (const item of found.orderItems) expect(item.product.sellerSku).toMatch(/^PB-/);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
