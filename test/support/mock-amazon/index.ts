import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../../shared/random';
import { findOperation, formatErrors, loadSpApiModel, validateRequest, validateResponse, validateResponseHeaders } from '../swagger-model';
import type { ResolvedOperation, SwaggerModel } from '../swagger-model';
import { demoOrderSeeds } from './demo-orders';
import { createFaultPlan } from './faults';
import type { FiredFault } from './faults';
import { createFeeds } from './feeds';
import { createOrderStore } from './order-store';
import { createOrdersApi, invalidInput, notFound } from './orders-api';
import type { Answer } from './orders-api';
import { createRateLimiter } from './rate-limits';
import { DEFAULT_CARRIER_CODES } from './shipment-rules';
import { MOCK_OPERATIONS } from './types';
import type {
  AmazonError,
  FaultSpec,
  InjectedFault,
  LwaCredentials,
  MockAddress,
  MockAmazon,
  MockAmazonControl,
  MockAmazonOptions,
  MockOperation,
  MockOrderSeed,
  MockRecord,
  RateLimit,
  RateLimitedOperation,
  RecordedFeedRowError,
  RecordedRejection,
} from './types';

// A loopback stand-in for Amazon's marketplace, for tests, benchmarks and demos: Login with
// Amazon, Orders 2026-01-01 (searchOrders, getOrder), Orders v0 confirmShipment and Feeds
// 2021-06-30 with presigned document URLs. Every SP-API request is checked against Amazon's
// own JSON models before anything else happens and refused in Amazon's error shape; every
// answer is checked against the models too (a mismatch lands in record().modelViolations).
// Rate limits are token buckets with the documented rates; faults are injected per operation.
// A separate process drives it through the HTTP control API under /__mock/.

export * from './types';
export { DEFAULT_CARRIER_CODES, SHIP_PLUS_PROGRAM } from './shipment-rules';
export { DEFAULT_RATE_LIMITS } from './rate-limits';
export { FEED_ERRORS, FULFILLMENT_FEED_TYPE } from './feeds';

export const DEFAULT_LWA_CREDENTIALS: LwaCredentials = {
  clientId: 'amzn1.application-oa2-client.packbenchmock0000000000000000',
  clientSecret: 'amzn1.oa2-cs.v1.packbench-mock-client-secret',
  refreshToken: 'Atzr|packbench-mock-refresh-token',
};

const UNAUTHORIZED = 'Access to requested resource is denied.';
const QUOTA = { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' };
const CANNED: Record<'500' | '503', AmazonError> = {
  '500': { code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' },
  '503': { code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again.' },
};

type Route =
  | { kind: 'sp-api'; operation: RateLimitedOperation; model: SwaggerModel }
  | { kind: 'lwa' }
  | { kind: 'document'; operation: 'uploadFeedDocument' | 'downloadFeedDocument'; feedDocumentId: string }
  | { kind: 'control' }
  | { kind: 'unknown'; message: string };

/** What a handled request comes to: an answer to send, or bytes for a document download. */
type Outcome = Answer & { raw?: Buffer; operation?: ResolvedOperation };

function isRateLimited(operation: string): operation is RateLimitedOperation {
  return (MOCK_OPERATIONS as readonly string[]).includes(operation) && !['lwaToken', 'uploadFeedDocument', 'downloadFeedDocument'].includes(operation);
}

export async function startMockAmazon(options: MockAmazonOptions = {}): Promise<MockAmazon> {
  const now = options.now ?? (() => Date.now());
  const random = seededRandom(options.seed ?? 1);
  const credentials: LwaCredentials = { ...DEFAULT_LWA_CREDENTIALS, ...options.credentials };
  const expiresIn = options.accessTokenExpiresIn ?? 3600;
  const perMarketplace: Record<string, readonly string[]> = { ...options.carrierCodes };
  const fallbackCodes = options.defaultCarrierCodes ?? DEFAULT_CARRIER_CODES;
  const carrierCodes = () => ({ perMarketplace, fallback: fallbackCodes });

  const models = {
    orders: loadSpApiModel('orders_2026-01-01.json'),
    ordersV0: loadSpApiModel('ordersV0.json'),
    feeds: loadSpApiModel('feeds_2021-06-30.json'),
  };

  const store = createOrderStore(now);
  const ordersApi = createOrdersApi({ now, store, carrierCodes });
  const rowErrors: RecordedFeedRowError[] = [];
  const feeds = createFeeds({
    now,
    store,
    random,
    documentUrlTtlMs: options.documentUrlTtlMs ?? 5 * 60_000,
    timing: options.feedTiming ?? {},
    gzipReports: options.gzipReports ?? true,
    carrierCodes,
    rowErrors: () => rowErrors,
  });
  const limiter = createRateLimiter(now, options.rateLimits ?? {});
  limiter.setEnabled(options.rateLimiting ?? true);
  const faults = createFaultPlan(options.seed ?? 1);

  const accessTokens = new Map<string, number>();
  const rejected: RecordedRejection[] = [];
  const requests: Partial<Record<MockOperation, number>> = {};
  const injected: InjectedFault[] = [];
  const modelViolations: string[] = [];
  const timers = new Set<NodeJS.Timeout>();

  for (const seed of options.orders ?? []) store.add(seed);

  // ---- routing -------------------------------------------------------------------------------

  function route(method: string, path: string): Route {
    if (path === '/auth/o2/token') return method === 'POST' ? { kind: 'lwa' } : { kind: 'unknown', message: `${method} is not allowed on ${path}` };
    if (path.startsWith('/__mock/')) return { kind: 'control' };
    const document = /^\/__documents\/([^/]+)$/.exec(path);
    if (document) {
      const feedDocumentId = decodeURIComponent(document[1] as string);
      if (method === 'PUT') return { kind: 'document', operation: 'uploadFeedDocument', feedDocumentId };
      if (method === 'GET') return { kind: 'document', operation: 'downloadFeedDocument', feedDocumentId };
      return { kind: 'unknown', message: `${method} is not allowed on a document URL` };
    }
    const candidates: [SwaggerModel, Record<string, RateLimitedOperation>][] = [
      [models.orders, { searchOrders: 'searchOrders', getOrder: 'getOrder' }],
      [models.ordersV0, { confirmShipment: 'confirmShipment' }],
      [models.feeds, { createFeedDocument: 'createFeedDocument', createFeed: 'createFeed', getFeed: 'getFeed', getFeeds: 'getFeeds', cancelFeed: 'cancelFeed', getFeedDocument: 'getFeedDocument' }],
    ];
    for (const [model, served] of candidates) {
      const found = findOperation(model, method, path);
      if (!found.ok) continue;
      const operation = served[found.operation.operationId];
      if (operation === undefined) return { kind: 'unknown', message: `${found.operation.operationId} is not served by the mock` };
      return { kind: 'sp-api', operation, model };
    }
    return { kind: 'unknown', message: `No operation matches ${method} ${path}` };
  }

  // ---- the answers ---------------------------------------------------------------------------

  function errorAnswer(status: number, list: AmazonError[]): Outcome {
    return { status, body: { errors: list } };
  }

  function checkAccessToken(headers: IncomingMessage['headers']): Outcome | null {
    const token = headers['x-amz-access-token'];
    if (typeof token !== 'string' || token === '') {
      return errorAnswer(403, [{ code: 'Unauthorized', message: UNAUTHORIZED, details: 'The request has no x-amz-access-token header.' }]);
    }
    const expiresMs = accessTokens.get(token);
    if (expiresMs === undefined) return errorAnswer(403, [{ code: 'Unauthorized', message: UNAUTHORIZED, details: 'The access token you provided is revoked, malformed or invalid.' }]);
    if (now() >= expiresMs) return errorAnswer(403, [{ code: 'Unauthorized', message: UNAUTHORIZED, details: 'The access token you provided has expired.' }]);
    return null;
  }

  function lwaToken(headers: IncomingMessage['headers'], raw: Buffer): Outcome {
    const oauth = (status: number, error: string, description: string): Outcome => ({ status, body: { error_description: description, error } });
    if (!(headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauth(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(raw.toString('utf8'));
    const grantType = form.get('grant_type');
    if (grantType === null) return oauth(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
    if (grantType !== 'refresh_token') return oauth(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server: ${grantType}`);
    for (const name of ['refresh_token', 'client_id', 'client_secret']) {
      if (!form.get(name)) return oauth(400, 'invalid_request', `The request is missing a required parameter : ${name}`);
    }
    // OAuth 2 (RFC 6749 §5.2): a wrong client is invalid_client, a wrong refresh token invalid_grant.
    if (form.get('client_id') !== credentials.clientId || form.get('client_secret') !== credentials.clientSecret) {
      return oauth(401, 'invalid_client', 'Client authentication failed');
    }
    if (form.get('refresh_token') !== credentials.refreshToken) return oauth(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    const accessToken = `Atza|mock.${randomUUID()}`;
    accessTokens.set(accessToken, now() + expiresIn * 1000);
    return { status: 200, body: { access_token: accessToken, refresh_token: credentials.refreshToken, token_type: 'bearer', expires_in: expiresIn } };
  }

  function spApi(req: IncomingMessage, url: URL, baseUrl: string, route: Extract<Route, { kind: 'sp-api' }>, raw: Buffer): Outcome {
    const denied = checkAccessToken(req.headers);
    if (denied !== null) return denied;
    if (!limiter.take(route.operation)) return errorAnswer(429, [QUOTA]);

    let body: unknown;
    if (raw.length > 0) {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return errorAnswer(415, [{ code: 'UnsupportedMediaType', message: 'The request payload format is not supported.', details: `content-type ${req.headers['content-type'] ?? 'missing'}` }]);
      }
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return invalidInput('Invalid Input', 'The request body is not JSON.');
      }
    }
    const checked = validateRequest(route.model, { method: req.method ?? 'GET', url: `${url.pathname}${url.search}`, headers: req.headers, body });
    if (!checked.found) return notFound(checked.message);
    const operation = checked.operation;
    if (checked.errors.length > 0) {
      return { ...errorAnswer(400, checked.errors.map((e) => ({ code: 'InvalidInput', message: 'Invalid Input', details: `${e.path} ${e.message}` }))), operation };
    }
    const answer = ((): Answer => {
      const params = operation.pathParams;
      switch (route.operation) {
        case 'searchOrders':
          return ordersApi.searchOrders(url.searchParams);
        case 'getOrder':
          return ordersApi.getOrder(params.orderId ?? '', url.searchParams);
        case 'confirmShipment':
          return ordersApi.confirmShipment(params.orderId ?? '', body as Parameters<typeof ordersApi.confirmShipment>[1]);
        case 'createFeedDocument':
          return feeds.createFeedDocument(body as { contentType: string }, baseUrl);
        case 'createFeed':
          return feeds.createFeed(body as { feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string });
        case 'getFeed':
          return feeds.getFeed(params.feedId ?? '');
        case 'getFeeds':
          return feeds.getFeeds(url.searchParams);
        case 'cancelFeed':
          return feeds.cancelFeed(params.feedId ?? '');
        case 'getFeedDocument':
          return feeds.getFeedDocument(params.feedDocumentId ?? '', baseUrl, url.searchParams.get('enableContentEncodingUrlHeader') === 'true');
      }
    })();
    return { ...answer, operation };
  }

  function documentCall(req: IncomingMessage, url: URL, route: Extract<Route, { kind: 'document' }>, raw: Buffer): Outcome {
    const signature = url.searchParams.get('X-Amz-Signature');
    if (route.operation === 'uploadFeedDocument') {
      const contentType = req.headers['content-type'];
      return feeds.upload(route.feedDocumentId, signature, contentType, raw);
    }
    const answer = feeds.download(route.feedDocumentId, signature);
    return answer.bytes === undefined ? answer : { status: 200, raw: answer.bytes, ...(answer.headers === undefined ? {} : { headers: answer.headers }) };
  }

  // ---- sending -------------------------------------------------------------------------------

  function headersFor(operation: MockOperation | 'unknown'): Record<string, string> {
    const headers: Record<string, string> = { 'x-amzn-RequestId': randomUUID() };
    if (isRateLimited(operation)) headers['x-amzn-RateLimit-Limit'] = limiter.header(operation);
    return headers;
  }

  function send(res: ServerResponse, operation: MockOperation | 'unknown', outcome: Outcome): void {
    if (res.destroyed || res.writableEnded) return;
    const headers = { ...headersFor(operation), ...outcome.headers };
    if (outcome.raw !== undefined) {
      res.writeHead(outcome.status, { 'content-type': 'application/octet-stream', ...headers, 'content-length': String(outcome.raw.length) });
      res.end(outcome.raw);
      return;
    }
    if (outcome.body === undefined) {
      res.writeHead(outcome.status, headers);
      res.end();
      return;
    }
    if (typeof outcome.body === 'string') {
      res.writeHead(outcome.status, { 'content-type': 'text/plain', ...headers });
      res.end(outcome.body);
      return;
    }
    res.writeHead(outcome.status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(outcome.body));
  }

  /** Checks the mock's own answer against the model, so a drift in the mock cannot pass as Amazon. */
  function checkAnswer(operation: ResolvedOperation | undefined, outcome: Outcome, headers: Record<string, string>): void {
    if (operation === undefined) return;
    const problems = [...validateResponse(findModel(operation), operation, outcome.status, outcome.body), ...validateResponseHeaders(operation, outcome.status, headers)];
    if (problems.length > 0) modelViolations.push(`${operation.operationId} ${outcome.status}: ${formatErrors(problems)}`);
  }

  function findModel(operation: ResolvedOperation): SwaggerModel {
    if (operation.template.startsWith('/feeds/')) return models.feeds;
    if (operation.template.startsWith('/orders/v0/')) return models.ordersV0;
    return models.orders;
  }

  function errorsOf(body: unknown): AmazonError[] {
    if (typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors)) return (body as { errors: AmazonError[] }).errors;
    if (typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string') {
      const oauth = body as { error: string; error_description?: string };
      return [{ code: oauth.error, message: oauth.error_description ?? oauth.error }];
    }
    if (typeof body === 'string') return [{ code: /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? 'Error', message: /<Message>([^<]+)<\/Message>/.exec(body)?.[1] ?? body }];
    return [];
  }

  function reject(operation: MockOperation | 'unknown', req: IncomingMessage, url: URL, outcome: Outcome, raw: Buffer): void {
    let body: unknown;
    if (raw.length > 0 && operation !== 'lwaToken' && operation !== 'uploadFeedDocument') {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
      }
    }
    const orderId = /\/orders\/(?:v0|2026-01-01)\/orders\/([^/?]+)/.exec(url.pathname)?.[1];
    rejected.push({
      at: new Date(now()).toISOString(),
      operation,
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      status: outcome.status,
      errors: errorsOf(outcome.body),
      ...(orderId === undefined ? {} : { orderId: decodeURIComponent(orderId) }),
      ...(body === undefined ? {} : { body }),
    });
  }

  function destroy(req: IncomingMessage): void {
    // A reset (RST), not a clean close: what a dropped connection looks like to the client.
    const socket = req.socket as IncomingMessage['socket'] & { resetAndDestroy?: () => void };
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
  }

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  // ---- one request ---------------------------------------------------------------------------

  function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer, baseUrl: string): void {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', baseUrl);
    const target = route(method, url.pathname);
    if (target.kind === 'control') {
      handleControl(req, res, url, raw);
      return;
    }
    if (target.kind === 'unknown') {
      const outcome = errorAnswer(404, [{ code: 'NotFound', message: 'The requested resource was not found.', details: target.message }]);
      reject('unknown', req, url, outcome, raw);
      send(res, 'unknown', outcome);
      return;
    }
    const operation: MockOperation = target.kind === 'lwa' ? 'lwaToken' : target.operation;
    requests[operation] = (requests[operation] ?? 0) + 1;

    const fault = faults.draw(operation);
    const noteFault = (fired: FiredFault, applied: boolean) =>
      injected.push({ faultId: fired.faultId, kind: fired.kind, operation, method, path: `${url.pathname}${url.search}`, at: new Date(now()).toISOString(), applied });

    if (fault?.kind === 'reset-before') {
      noteFault(fault, false);
      destroy(req);
      return;
    }
    if (fault?.kind === '429' || fault?.kind === '500' || fault?.kind === '503') {
      noteFault(fault, false);
      const outcome = fault.kind === '429' ? errorAnswer(429, [QUOTA]) : errorAnswer(Number(fault.kind), [CANNED[fault.kind]]);
      send(res, operation, { ...outcome, headers: fault.retryAfterSeconds === null ? {} : { 'retry-after': String(fault.retryAfterSeconds) } });
      return;
    }
    if (fault?.kind === 'timeout' && !fault.apply) {
      // Accepted and never answered: the socket stays open until the client gives up or close().
      noteFault(fault, false);
      return;
    }

    const outcome: Outcome =
      target.kind === 'lwa' ? lwaToken(req.headers, raw) : target.kind === 'document' ? documentCall(req, url, target, raw) : spApi(req, url, baseUrl, target, raw);
    const headers = { ...headersFor(operation), ...outcome.headers };
    checkAnswer(outcome.operation, outcome, headers);
    if (outcome.status >= 400) reject(operation, req, url, outcome, raw);

    if (fault !== null) noteFault(fault, true);
    if (fault?.kind === 'timeout') return;
    if (fault?.kind === 'reset-after') {
      destroy(req);
      return;
    }
    if (fault?.kind === 'slow') {
      later(fault.delayMs, () => send(res, operation, { ...outcome, headers }));
      return;
    }
    send(res, operation, { ...outcome, headers });
  }

  // ---- control -------------------------------------------------------------------------------

  function record(): MockRecord {
    return structuredClone({
      packages: store.packages,
      rejected,
      feedRowErrors: rowErrors,
      feeds: feeds.record(),
      requests,
      faults: injected,
      modelViolations,
    });
  }

  function controlAnswer(res: ServerResponse, status: number, body?: unknown): void {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  /** The HTTP face of `control`, for a benchmark or the CLI in another process. */
  function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): void {
    const method = req.method ?? 'GET';
    const path = url.pathname.slice('/__mock'.length);
    let body: Record<string, unknown> = {};
    try {
      if (raw.length > 0) body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      controlAnswer(res, 400, { error: 'The body is not JSON' });
      return;
    }
    try {
      const orderRoute = /^\/orders\/([^/]+)(?:\/(cancel|buyer-cancel|address))?$/.exec(path);
      const rateRoute = /^\/rate-limits\/([^/]+)$/.exec(path);
      if (method === 'GET' && path === '/record') return controlAnswer(res, 200, record());
      if (method === 'POST' && path === '/record/clear') {
        control.clearLog();
        return controlAnswer(res, 204);
      }
      if (method === 'GET' && path === '/credentials') return controlAnswer(res, 200, { ...credentials, lwaUrl: `${baseUrlOf()}/auth/o2/token`, spApiUrl: baseUrlOf() });
      if (method === 'POST' && path === '/faults') return controlAnswer(res, 201, control.fault(body as FaultSpec));
      if (method === 'DELETE' && path === '/faults') {
        control.clearFaults();
        return controlAnswer(res, 204);
      }
      if (method === 'POST' && path === '/orders') {
        const seeds = (body.orders ?? []) as MockOrderSeed[];
        control.addOrders(seeds);
        const demo = typeof body.demo === 'number' ? control.addDemoOrders(body.demo) : [];
        return controlAnswer(res, 201, { orderIds: [...seeds.map((seed) => seed.orderId), ...demo] });
      }
      if (orderRoute) {
        const orderId = decodeURIComponent(orderRoute[1] as string);
        const action = orderRoute[2];
        if (method === 'GET' && action === undefined) {
          const order = control.order(orderId);
          return order === undefined ? controlAnswer(res, 404, { error: `No order ${orderId}` }) : controlAnswer(res, 200, order);
        }
        if (method === 'POST' && action === 'cancel') control.cancelOrder(orderId, body as { cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON'; reason?: string; at?: string });
        else if (method === 'POST' && action === 'buyer-cancel') control.requestBuyerCancel(orderId, body as { orderItemId?: string; reason?: string });
        else if (method === 'POST' && action === 'address') control.changeAddress(orderId, (body.address ?? body) as MockAddress);
        else return controlAnswer(res, 404, { error: `No control route ${method} ${url.pathname}` });
        return controlAnswer(res, 200, control.order(orderId));
      }
      if (rateRoute && isRateLimited(rateRoute[1] as string)) {
        const operation = rateRoute[1] as RateLimitedOperation;
        if (method === 'PUT') control.setRateLimit(operation, body as RateLimit);
        else if (method === 'DELETE') control.setRateLimit(operation, null);
        else return controlAnswer(res, 404, { error: `No control route ${method} ${url.pathname}` });
        return controlAnswer(res, 204);
      }
      if (method === 'POST' && path === '/rate-limiting') {
        control.setRateLimiting(body.enabled !== false);
        return controlAnswer(res, 204);
      }
      if (method === 'POST' && path === '/feeds/finish') {
        control.finishFeeds();
        return controlAnswer(res, 204);
      }
      if (method === 'POST' && path === '/down') {
        // The control API goes down with the rest, so it must come back by itself.
        const forMs = typeof body.forMs === 'number' ? body.forMs : 5000;
        res.on('finish', () => {
          void control.down().then(() => later(forMs, () => void control.up()));
        });
        return controlAnswer(res, 202, { downForMs: forMs });
      }
      return controlAnswer(res, 404, { error: `No control route ${method} ${url.pathname}` });
    } catch (error) {
      return controlAnswer(res, 400, { error: (error as Error).message });
    }
  }

  // ---- the server ----------------------------------------------------------------------------

  let port = options.port ?? 0;
  let down = false;
  const baseUrlOf = () => `http://127.0.0.1:${port}`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks), baseUrlOf());
      } catch (error) {
        modelViolations.push(`mock crashed: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) send(res, 'unknown', errorAnswer(500, [CANNED['500']]));
      }
    });
  });
  // Keep-alive sockets would outlive down(); the mock drops them itself.
  server.keepAliveTimeout = 5_000;

  function listen(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  function stopListening(): Promise<void> {
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Held ('timeout') answers and idle keep-alive sockets: end them rather than wait.
      server.closeAllConnections();
    });
  }

  await listen();

  const control: MockAmazonControl = {
    record,
    clearLog() {
      rejected.length = 0;
      rowErrors.length = 0;
      injected.length = 0;
      modelViolations.length = 0;
      for (const key of Object.keys(requests)) delete requests[key as MockOperation];
    },
    addOrders(seeds) {
      for (const seed of seeds) store.add(seed);
    },
    addDemoOrders(count) {
      const seeds = demoOrderSeeds(count, { random, nowMs: now(), taken: (orderId) => store.orders.has(orderId) });
      for (const seed of seeds) store.add(seed);
      return seeds.map((seed) => seed.orderId);
    },
    cancelOrder(orderId, cancel = {}) {
      store.cancel(orderId, cancel.cancelledBy ?? 'MERCHANT', cancel.reason ?? 'Cancelled by the seller', cancel.at === undefined ? undefined : Date.parse(cancel.at));
    },
    requestBuyerCancel(orderId, request = {}) {
      store.requestBuyerCancel(orderId, request.orderItemId, request.reason ?? 'Buyer requested cancellation');
    },
    changeAddress(orderId, address) {
      store.changeAddress(orderId, address);
    },
    setPackageStatus(orderId, packageKey, status, detailedStatus) {
      store.setPackageStatus(orderId, packageKey, status, detailedStatus);
    },
    order(orderId) {
      const order = store.get(orderId);
      return order === undefined ? undefined : ordersApi.renderFull(order);
    },
    fault(spec) {
      return { faultId: faults.add(spec) };
    },
    clearFaults() {
      faults.clear();
    },
    setRateLimit(operation, limit) {
      limiter.set(operation, limit);
    },
    setRateLimiting(enabled) {
      limiter.setEnabled(enabled);
    },
    finishFeeds() {
      feeds.finishAll();
    },
    async down() {
      if (down) return;
      down = true;
      await stopListening();
    },
    async up() {
      if (!down) return;
      await listen();
      down = false;
    },
    get isDown() {
      return down;
    },
    get credentials() {
      return { ...credentials };
    },
  };

  return {
    get url() {
      return baseUrlOf();
    },
    get lwaUrl() {
      return `${baseUrlOf()}/auth/o2/token`;
    },
    get port() {
      return port;
    },
    control,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (!down) await stopListening();
      down = true;
    },
  };
}
