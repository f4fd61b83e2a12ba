import { describe, expect, it } from 'vitest';
import { headerValue, parseRateLimitLimit, parseRetryAfterMs } from '../../shared/sync/rate-limit-headers';
import { classifySpApiOutcome } from '../../shared/sync/sp-api-errors';
import type { SpApiOutcome } from '../../shared/sync/sp-api-errors';

// Error bodies as Amazon's models give them (amazon-sp-api/: ordersV0.json confirmShipment
// sandbox, orders_2026-01-01.json searchOrders sandbox, shippingV2.json response examples).
const CONFIRM_SANDBOX_400 = { errors: [{ code: 'Invalid Input', message: 'Invalid Input' }] };
const SEARCH_ORDERS_SANDBOX_400 = { errors: [{ code: 'InvalidInput', message: 'Invalid Input', details: 'Invalid Input' }] };
const UNAUTHORIZED_403 = { errors: [{ code: 'Unauthorized', message: "You don't have access to the requested response or the credentials are invalid." }] };
const TOO_MANY_429 = { errors: [{ code: 'TooManyRequests', message: 'The total number of requests exceeded your allowed limit.' }] };
const UNAVAILABLE_503 = { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable or down for maintenance. Please try again after sometime.' }] };
const INTERNAL_500 = { errors: [{ code: 'InternalError', message: 'Something went wrong while processing the request.' }] };
const NOT_FOUND_404 = { errors: [{ code: 'NotFound', message: "The requested resource is invalid or doesn't exist" }] };

const http = (status: number, body: unknown, headers: Record<string, string> = {}): SpApiOutcome => ({ kind: 'http', status, body, headers });

describe('classifying what Amazon answered', () => {
  it.each([
    ['204 after confirmShipment (no body)', http(204, null), 'ok', 'OK'],
    ['200 with a body', http(200, { orders: [] }), 'ok', 'OK'],
    ['429', http(429, TOO_MANY_429), 'rate-limited', 'MARKETPLACE_THROTTLED'],
    ['500', http(500, INTERNAL_500), 'transient', 'MARKETPLACE_UNAVAILABLE'],
    ['502 from a gateway, HTML body', http(502, '<html><body>Bad Gateway</body></html>'), 'transient', 'MARKETPLACE_UNAVAILABLE'],
    ['503', http(503, UNAVAILABLE_503), 'transient', 'MARKETPLACE_UNAVAILABLE'],
    ['504', http(504, ''), 'transient', 'MARKETPLACE_UNAVAILABLE'],
    ['408', http(408, null), 'transient', 'MARKETPLACE_TIMEOUT'],
    ['400 from the confirmShipment sandbox (shipDate not ISO 8601)', http(400, CONFIRM_SANDBOX_400), 'permanent', 'MARKETPLACE_INVALID_INPUT'],
    ['400 from the searchOrders sandbox', http(400, SEARCH_ORDERS_SANDBOX_400), 'permanent', 'MARKETPLACE_INVALID_INPUT'],
    ['400 for a cancelled order', http(400, { errors: [{ code: 'InvalidInput', message: 'The order 902-1106328-1059050 has been cancelled.' }] }), 'permanent', 'ORDER_CANCELLED_AT_MARKETPLACE'],
    ['400 for a canceled order (US spelling)', http(400, { errors: [{ code: 'InvalidInput', message: 'Order is Canceled' }] }), 'permanent', 'ORDER_CANCELLED_AT_MARKETPLACE'],
    ['400 for a Ship+ order', http(400, { errors: [{ code: 'InvalidInput', message: 'Ship+ orders are not supported by confirmShipment.' }] }), 'permanent', 'SHIP_PLUS_ORDER'],
    ['400 naming the FBM_SHIP_PLUS program', http(400, { errors: [{ code: 'InvalidInput', message: 'Invalid Input', details: 'Order is in program FBM_SHIP_PLUS' }] }), 'permanent', 'SHIP_PLUS_ORDER'],
    ['404', http(404, NOT_FOUND_404), 'permanent', 'ORDER_NOT_FOUND_AT_MARKETPLACE'],
    ['413', http(413, { errors: [{ code: 'InvalidRequest', message: 'The request payload size is greater than maximum accepted size.' }] }), 'permanent', 'MARKETPLACE_INVALID_INPUT'],
    ['409, not documented for these calls', http(409, null), 'permanent', 'MARKETPLACE_REJECTED'],
    ['401 (no valid token)', http(401, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] }), 'auth', 'ACCESS_TOKEN_EXPIRED'],
    ['403 for an expired token', http(403, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }] }), 'auth', 'ACCESS_TOKEN_EXPIRED'],
    ['403 without a token problem (missing role)', http(403, UNAUTHORIZED_403), 'auth', 'ACCESS_DENIED'],
    ['LWA 400 invalid_grant (refresh token revoked)', http(400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' }), 'auth', 'CREDENTIALS_REJECTED'],
    ['LWA 401 invalid_client (wrong secret)', http(401, { error: 'invalid_client', error_description: 'Client authentication failed' }), 'auth', 'CREDENTIALS_REJECTED'],
    ['LWA 503 is still only unavailable', http(503, { error: 'server_error', error_description: 'try later' }), 'transient', 'MARKETPLACE_UNAVAILABLE'],
    ['302 from a captive portal', http(302, '<html>Sign in to the Wi-Fi</html>'), 'transient', 'MARKETPLACE_UNEXPECTED_ANSWER'],
  ])('%s → %s %s', (_case, outcome, cls, code) => {
    const c = classifySpApiOutcome(outcome);
    expect(c.class).toBe(cls);
    expect(c.code).toBe(code);
    expect(c.message).not.toBe('');
  });

  it.each([
    ['ECONNREFUSED', 'MARKETPLACE_OFFLINE'],
    ['ENOTFOUND', 'MARKETPLACE_OFFLINE'],
    ['EAI_AGAIN', 'MARKETPLACE_OFFLINE'],
    ['ENETUNREACH', 'MARKETPLACE_OFFLINE'],
    ['UND_ERR_CONNECT_TIMEOUT', 'MARKETPLACE_OFFLINE'],
    ['ETIMEDOUT', 'MARKETPLACE_TIMEOUT'],
    ['TIMEOUT', 'MARKETPLACE_TIMEOUT'],
    ['ECONNRESET', 'MARKETPLACE_CONNECTION_LOST'],
    ['EPIPE', 'MARKETPLACE_CONNECTION_LOST'],
    ['SOMETHING_NEW', 'MARKETPLACE_CONNECTION_LOST'],
  ])('no answer, %s → transient %s (offline only when the request certainly never left)', (code, expected) => {
    const c = classifySpApiOutcome({ kind: 'network', code });
    expect(c).toMatchObject({ class: 'transient', code: expected, retryAfterMs: null });
    expect(c.message).toContain(code);
  });

  it("keeps the system's message when there is one", () => {
    expect(classifySpApiOutcome({ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:443' }).message).toBe('connect ECONNREFUSED 127.0.0.1:443');
  });

  describe("Amazon's message is kept verbatim", () => {
    it.each([
      ['one error', CONFIRM_SANDBOX_400, 'Invalid Input'],
      ['details equal to the message are not repeated', SEARCH_ORDERS_SANDBOX_400, 'Invalid Input'],
      ['details that add something follow in brackets', { errors: [{ code: 'InvalidRequest', message: 'Request is missing or has invalid parameters', details: 'RateId cannot be null' }] }, 'Request is missing or has invalid parameters (RateId cannot be null)'],
      ['several errors, joined', { errors: [{ code: 'A', message: 'First.' }, { code: 'B', message: 'Second.' }] }, 'First.; Second.'],
      ['Chinese text untouched', { errors: [{ code: 'InvalidInput', message: '承运人代码无效' }] }, '承运人代码无效'],
      ['an error without a message falls back to its code', { errors: [{ code: 'InvalidInput' }] }, 'InvalidInput'],
      ['LWA: the description', { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' }, 'The request has an invalid grant parameter : refresh_token'],
      ['LWA without a description: the error', { error: 'invalid_client' }, 'invalid_client'],
      ['a plain-text body', 'Bad request: shipDate', 'Bad request: shipDate'],
    ])('%s', (_case, body, message) => {
      expect(classifySpApiOutcome(http(400, body)).message).toBe(message);
    });

    it('an HTML page is not shown as a message; a long text is cut to a line', () => {
      expect(classifySpApiOutcome(http(502, '<!doctype html><h1>502</h1>')).message).toBe('The marketplace is unavailable (502).');
      const long = classifySpApiOutcome(http(500, 'x'.repeat(5000))).message;
      expect(long.length).toBeLessThanOrEqual(301);
    });

    it.each([
      ['null', null],
      ['a number', 42],
      ['errors that is not a list', { errors: 'nope' }],
      ['a list of junk', { errors: [null, 3, 'x'] }],
    ])('a body that is %s does not throw and gives our own words', (_case, body) => {
      const c = classifySpApiOutcome(http(400, body));
      expect(c).toMatchObject({ class: 'permanent', code: 'MARKETPLACE_INVALID_INPUT' });
      expect(c.message).toBe('The marketplace refused the request as invalid (400).');
    });
  });

  it("keeps Amazon's error code and request id for the log", () => {
    const c = classifySpApiOutcome(http(400, CONFIRM_SANDBOX_400, { 'X-Amzn-RequestId': 'b4a1-22' }));
    expect(c.marketplaceCode).toBe('Invalid Input');
    expect(c.requestId).toBe('b4a1-22');
  });

  describe('Retry-After', () => {
    const now = Date.parse('2026-11-20T08:00:00Z');
    it.each([
      ['429 with seconds', http(429, TOO_MANY_429, { 'retry-after': '30' }), 30_000],
      ['429 with an HTTP date', http(429, TOO_MANY_429, { 'Retry-After': 'Fri, 20 Nov 2026 08:02:00 GMT' }), 120_000],
      ['503 with seconds', http(503, UNAVAILABLE_503, { 'retry-after': '5' }), 5000],
      ['429 without one', http(429, TOO_MANY_429), null],
      ['400 ignores it (retrying will not help)', http(400, CONFIRM_SANDBOX_400, { 'retry-after': '5' }), null],
    ])('%s', (_case, outcome, expected) => {
      expect(classifySpApiOutcome(outcome, { now }).retryAfterMs).toBe(expected);
    });

    it('an HTTP date without a clock gives null, not a guess', () => {
      expect(classifySpApiOutcome(http(429, TOO_MANY_429, { 'retry-after': 'Fri, 20 Nov 2026 08:02:00 GMT' })).retryAfterMs).toBeNull();
    });
  });
});

describe('rate-limit headers', () => {
  it.each([
    ['2.0', 2],
    ['0.0056', 0.0056],
    ['  0.5 ', 0.5],
    ['.5', 0.5],
    ['10', 10],
    ['0', null],
    ['-1', null],
    ['abc', null],
    ['1e3', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('x-amzn-RateLimit-Limit %j → %s', (value, expected) => {
    expect(parseRateLimitLimit(value)).toBe(expected);
  });

  const now = Date.parse('2015-10-21T07:28:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1500],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0], // already past: now
    ['Wed, 21 Oct 2015 07:27:00 GMT and more', null],
    ['Wednesday, 21-Oct-15 07:28:10 GMT', 10_000],
    ['-5', null],
    ['soon', null],
    ['', null],
  ])('Retry-After %j → %s ms', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });

  it('finds a header whatever its case, the first of repeated values', () => {
    expect(headerValue({ 'X-Amzn-RateLimit-Limit': '0.5' }, 'x-amzn-ratelimit-limit')).toBe('0.5');
    expect(headerValue({ 'retry-after': ['3', '9'] }, 'Retry-After')).toBe('3');
    expect(headerValue({}, 'retry-after')).toBeNull();
    expect(headerValue(undefined, 'retry-after')).toBeNull();
  });
});
