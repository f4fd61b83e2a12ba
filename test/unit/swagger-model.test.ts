import { describe, expect, it } from 'vitest';
import { asSwaggerModel, findOperation, loadSpApiModel, validateRequest, validateResponse, validateSchema } from '../support/swagger-model';
import type { HttpRequestToCheck, SwaggerSchema } from '../support/swagger-model';

// A tiny model with one of each thing the validator claims to check; the marketplace mocks
// depend on it refusing what a model forbids and nothing else.
const model = asSwaggerModel({
  swagger: '2.0',
  basePath: '/bench/v1',
  paths: {
    '/parcels': {
      post: {
        operationId: 'createParcel',
        parameters: [
          { in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/Parcel' } },
          { in: 'header', name: 'x-station', required: true, type: 'string', enum: ['A', 'B'] },
        ],
        responses: { '201': { schema: { $ref: '#/definitions/Parcel' } }, '204': { description: 'no body' } },
      },
    },
    '/parcels/{parcelId}': {
      parameters: [{ in: 'path', name: 'parcelId', required: true, type: 'integer', minimum: 1 }],
      get: {
        operationId: 'getParcel',
        parameters: [
          { in: 'query', name: 'fields', type: 'array', items: { type: 'string', enum: ['weight', 'label'] }, maxItems: 2 },
          { in: 'query', name: 'limit', type: 'integer', maximum: 50 },
          { in: 'query', name: 'since', type: 'string', format: 'date-time' },
          { $ref: '#/parameters/Marketplace' },
        ],
      },
    },
    '/parcels/latest': { get: { operationId: 'getLatestParcel' } },
    '/labels/{name}.zpl': { get: { operationId: 'getLabel', parameters: [{ in: 'path', name: 'name', required: true, type: 'string', maxLength: 8 }] } },
  },
  parameters: { Marketplace: { in: 'query', name: 'marketplaceId', required: true, type: 'string', maxLength: 14 } },
  definitions: {
    Parcel: {
      type: 'object',
      required: ['reference', 'weight', 'items'],
      additionalProperties: false,
      properties: {
        reference: { type: 'string', minLength: 1, maxLength: 10, pattern: '^[A-Z0-9-]+$' },
        weight: { $ref: '#/definitions/Weight' },
        items: { type: 'array', minItems: 1, maxItems: 3, items: { $ref: '#/definitions/Item' } },
        note: { type: 'string', 'x-nullable': true },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
        shippedAt: { type: 'string', format: 'date-time' },
      },
    },
    Weight: { type: 'object', required: ['value', 'unit'], properties: { value: { type: 'number', minimum: 0, exclusiveMinimum: true }, unit: { $ref: '#/definitions/WeightUnit' } } },
    WeightUnit: { type: 'string', enum: ['GRAM', 'KILOGRAM'] },
    Item: { allOf: [{ $ref: '#/definitions/Named' }, { type: 'object', required: ['quantity'], properties: { quantity: { type: 'integer', minimum: 1 } } }] },
    Named: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } },
  },
});

const parcel = { reference: 'PB-0001', weight: { value: 1250, unit: 'GRAM' }, items: [{ sku: 'MUG-01', quantity: 2 }] };

function post(body: unknown, headers: HttpRequestToCheck['headers'] = { 'x-station': 'A' }): HttpRequestToCheck {
  return { method: 'POST', url: '/bench/v1/parcels', headers, body };
}

function errorsOf(request: HttpRequestToCheck) {
  const checked = validateRequest(model, request);
  if (!checked.found) throw new Error(checked.message);
  return checked.errors;
}

describe('finding the operation a request addresses', () => {
  it.each([
    ['POST', '/bench/v1/parcels', 'createParcel', {}],
    ['GET', '/bench/v1/parcels/42?marketplaceId=X', 'getParcel', { parcelId: '42' }],
    ['get', '/bench/v1/parcels/latest', 'getLatestParcel', {}],
    ['GET', '/bench/v1/labels/box%201.zpl', 'getLabel', { name: 'box 1' }],
  ])('%s %s is %s', (method, url, operationId, pathParams) => {
    const found = findOperation(model, method, url);
    expect(found).toMatchObject({ ok: true, operation: { operationId, pathParams } });
  });

  it('merges path-level parameters with the operation’s own and resolves shared ones', () => {
    const found = findOperation(model, 'GET', '/bench/v1/parcels/7');
    if (!found.ok) throw new Error(found.message);
    expect(found.operation.parameters.map((p) => `${p.in}.${p.name}`).sort()).toEqual(['path.parcelId', 'query.fields', 'query.limit', 'query.marketplaceId', 'query.since']);
  });

  it.each([
    ['GET', '/bench/v1/boxes', 'NO_PATH'],
    ['GET', '/other/v1/parcels', 'NO_PATH'],
    ['GET', '/bench/v1/parcels//', 'NO_PATH'],
    ['DELETE', '/bench/v1/parcels', 'NO_METHOD'],
  ])('%s %s is missing (%s)', (method, url, reason) => {
    expect(findOperation(model, method, url)).toMatchObject({ ok: false, reason });
    expect(validateRequest(model, { method, url, headers: {} })).toMatchObject({ found: false, reason });
  });

  it('names the methods a path does allow', () => {
    expect(findOperation(model, 'PUT', '/bench/v1/parcels')).toMatchObject({ ok: false, allowed: ['post'] });
  });
});

describe('checking a body against its definition', () => {
  it('accepts a parcel the model allows, including a nullable note and free-form counts', () => {
    expect(errorsOf(post({ ...parcel, note: null, counts: { mugs: 2 }, shippedAt: '2025-03-04T05:06:07.123+01:00' }))).toEqual([]);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['a missing required field', { ...parcel, weight: undefined }, '$.weight', /is required/],
    ['a wrong enum value behind two $refs', { ...parcel, weight: { value: 5, unit: 'GRAMS' } }, '$.weight.unit', /one of "GRAM", "KILOGRAM"; got "GRAMS"/],
    ['a weight of zero under an exclusive minimum', { ...parcel, weight: { value: 0, unit: 'GRAM' } }, '$.weight.value', /more than 0/],
    ['a number sent as text', { ...parcel, weight: { value: '5', unit: 'GRAM' } }, '$.weight.value', /must be a number/],
    ['an empty item list', { ...parcel, items: [] }, '$.items', /at least 1 item/],
    ['too many items', { ...parcel, items: Array.from({ length: 4 }, () => ({ sku: 'A', quantity: 1 })) }, '$.items', /at most 3 item/],
    ['an item missing a field from allOf', { ...parcel, items: [{ quantity: 1 }] }, '$.items[0].sku', /is required/],
    ['a fractional quantity', { ...parcel, items: [{ sku: 'A', quantity: 1.5 }] }, '$.items[0].quantity', /integer/],
    ['a property the model does not allow', { ...parcel, colour: 'red' }, '$.colour', /not a property/],
    ['an extra property of the wrong type', { ...parcel, counts: { 'mugs-large': 'two' } }, '$.counts["mugs-large"]', /must be an integer/],
    ['a reference that is too long', { ...parcel, reference: 'PB-000000001' }, '$.reference', /at most 10 characters/],
    ['a reference outside the pattern', { ...parcel, reference: 'pb 1' }, '$.reference', /must match/],
    ['null where the model has no x-nullable', { ...parcel, reference: null }, '$.reference', /must be a string, got null/],
    ['a date that is not RFC 3339', { ...parcel, shippedAt: '02/21/2022' }, '$.shippedAt', /date-time/],
    ['an array where an object belongs', [parcel], '$', /must be an object/],
  ])('refuses %s', (_name, body, path, message) => {
    const errors = errorsOf(post(body));
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('refuses a request without the body the operation requires', () => {
    expect(errorsOf(post(undefined))).toEqual([{ path: '$', message: 'a request body is required' }]);
  });

  it('reports every fault, not just the first', () => {
    expect(errorsOf(post({ reference: '', items: [{}] }))).toEqual([
      { path: '$.weight', message: 'is required' },
      { path: '$.reference', message: 'must be at least 1 character, got 0' },
      { path: '$.reference', message: 'must match ^[A-Z0-9-]+$, got ""' },
      { path: '$.items[0].sku', message: 'is required' },
      { path: '$.items[0].quantity', message: 'is required' },
    ]);
  });
});

describe('checking parameters', () => {
  const get = (url: string) => errorsOf({ method: 'GET', url, headers: {} });

  it('accepts parameters of the right types', () => {
    expect(get('/bench/v1/parcels/7?marketplaceId=ATVPDKIKX0DER&fields=weight,label&limit=50&since=2025-01-01T00:00:00Z')).toEqual([]);
  });

  it.each([
    ['/bench/v1/parcels/abc?marketplaceId=X', 'path.parcelId', /must be an integer, got "abc"/],
    ['/bench/v1/parcels/0?marketplaceId=X', 'path.parcelId', /at least 1/],
    ['/bench/v1/parcels/7', 'query.marketplaceId', /is required/],
    ['/bench/v1/parcels/7?marketplaceId=ATVPDKIKX0DER00', 'query.marketplaceId', /at most 14 characters/],
    ['/bench/v1/parcels/7?marketplaceId=X&fields=weight,size', 'query.fields[1]', /one of "weight", "label"/],
    ['/bench/v1/parcels/7?marketplaceId=X&fields=weight,label,weight', 'query.fields', /at most 2 item/],
    ['/bench/v1/parcels/7?marketplaceId=X&limit=51', 'query.limit', /at most 50/],
    ['/bench/v1/parcels/7?marketplaceId=X&since=yesterday', 'query.since', /date-time/],
    ['/bench/v1/parcels/7?marketplaceId=X&marketplaceId=Y', 'query.marketplaceId', /given 2 times/],
    ['/bench/v1/labels/much-too-long.zpl', 'path.name', /at most 8 characters/],
  ])('%s: %s', (url, path, message) => {
    expect(get(url)).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('finds headers whatever their case, and checks them', () => {
    expect(errorsOf(post(parcel, { 'X-Station': 'B' }))).toEqual([]);
    expect(errorsOf(post(parcel, {}))).toEqual([{ path: 'header.x-station', message: 'is required' }]);
    expect(errorsOf(post(parcel, { 'x-station': 'C' }))).toEqual([{ path: 'header.x-station', message: expect.stringMatching(/one of "A", "B"/) }]);
  });
});

describe('checking answers', () => {
  const found = findOperation(model, 'POST', '/bench/v1/parcels');
  if (!found.ok) throw new Error(found.message);
  const { operation } = found;

  it('checks a body against the status’s schema, and knows undocumented statuses', () => {
    expect(validateResponse(model, operation, 201, parcel)).toEqual([]);
    expect(validateResponse(model, operation, 201, { reference: 'X' })).toHaveLength(2);
    expect(validateResponse(model, operation, 204, undefined)).toEqual([]);
    expect(validateResponse(model, operation, 418, {})).toEqual([{ path: '$', message: 'createParcel documents no 418 response' }]);
  });
});

describe("Amazon's shippingV2.json read with the validator", () => {
  const shipping = loadSpApiModel('shippingV2.json');
  const definition = (name: string): SwaggerSchema => ({ $ref: `#/definitions/${name}` });
  const example = (operationId: string, status: string): unknown => {
    for (const item of Object.values(shipping.paths)) {
      for (const operation of Object.values(item)) {
        if (typeof operation === 'object' && operation !== null && 'operationId' in operation && operation.operationId === operationId) {
          return (operation.responses?.[status] as { examples?: Record<string, unknown> } | undefined)?.examples?.['application/json'];
        }
      }
    }
    throw new Error(`no ${operationId}`);
  };

  it('routes the three label operations', () => {
    expect(findOperation(shipping, 'POST', '/shipping/v2/shipments/rates')).toMatchObject({ ok: true, operation: { operationId: 'getRates' } });
    expect(findOperation(shipping, 'POST', '/shipping/v2/shipments')).toMatchObject({ ok: true, operation: { operationId: 'purchaseShipment' } });
    expect(findOperation(shipping, 'PUT', '/shipping/v2/shipments/87852211788104/cancel')).toMatchObject({
      ok: true,
      operation: { operationId: 'cancelShipment', pathParams: { shipmentId: '87852211788104' } },
    });
  });

  it("agrees with the model's error example", () => {
    expect(validateSchema(shipping, definition('ErrorList'), example('getRates', '400'))).toEqual([]);
  });

  // Recorded because the adapter's strictness rests on it: the model's own success examples
  // break its schema, so real answers may too.
  it("finds the model's own purchase example breaking its schema: trackingId is a number", () => {
    expect(validateSchema(shipping, definition('PurchaseShipmentResult'), example('purchaseShipment', '200'))).toEqual([
      { path: '$.packageDocumentDetails[0].trackingId', message: 'must be a string, got 1578648261977' },
    ]);
  });

  it("finds the model's own rates example breaking its schema: GRAMS and money as text", () => {
    const paths = validateSchema(shipping, definition('GetRatesResult'), example('getRates', '200')).map((e) => e.path);
    expect(paths).toEqual(['$.rates[0].billedWeight.unit', '$.rates[0].rateItemList[0].rateItemCharge.value', '$.rates[0].rateItemList[1].rateItemCharge.value', '$.rates[0].rateItemList[2].rateItemCharge.value']);
  });
});
