import { parseRateLimitLimit, parseRetryAfterMs } from '../../shared/sync/rate-limit-headers';
import type { SpApiOutcome } from '../../shared/sync/sp-api-errors';
import { createTokenBucket } from '../../shared/sync/token-bucket';
import type { MarketplaceCredentials } from './credentials';

// What one exchange came to, before any interpretation (an answer of any status, or none):
// shared/sync/sp-api-errors.ts classifies it.
export type { SpApiOutcome } from '../../shared/sync/sp-api-errors';

/** The operations the bench calls, with Amazon's documented default rate and burst (README §3). */
export const SP_API_OPERATIONS = {
  searchOrders: { ratePerSecond: 0.0056, burst: 20 },
  getOrder: { ratePerSecond: 0.5, burst: 30 },
  confirmShipment: { ratePerSecond: 2, burst: 10 },
  createFeedDocument: { ratePerSecond: 0.5, burst: 15 },
  createFeed: { ratePerSecond: 0.0083, burst: 15 },
  getFeed: { ratePerSecond: 2, burst: 15 },
  getFeeds: { ratePerSecond: 0.0222, burst: 10 },
  getFeedDocument: { ratePerSecond: 0.0222, burst: 10 },
} as const;
export type SpApiOperation = keyof typeof SP_API_OPERATIONS;

export type SpApiClientOptions = {
  spApiEndpoint: string;
  lwaEndpoint: string;
  credentials: () => MarketplaceCredentials | null;
  /** Per-request deadline; a marketplace that does not answer in time is "no answer". */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Rate and burst per operation where they differ from Amazon's documented defaults. */
  rates?: Partial<Record<SpApiOperation, { ratePerSecond: number; burst: number }>>;
  fetch?: typeof fetch;
};

type Token = { value: string; expiresAt: number };

/** Refresh a little before Amazon would refuse the token, so no call goes out with a dying one. */
const TOKEN_MARGIN_MS = 60_000;

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// fetch reports a refused or reset connection as "fetch failed" with the system error as cause.
function networkOutcome(error: unknown, timedOut: boolean): SpApiOutcome {
  if (timedOut) return { kind: 'network', code: 'TIMEOUT', message: 'the marketplace did not answer in time' };
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : 'NETWORK';
  const message = typeof cause?.message === 'string' ? cause.message : (error as Error).message;
  return { kind: 'network', code, message };
}

/**
 * The Selling Partner API as the bench uses it: a Login with Amazon access token obtained from
 * the refresh token and cached until shortly before it expires, one token bucket per
 * operation (the documented default, lowered to what Amazon reports in x-amzn-RateLimit-Limit,
 * emptied on a 429), and a deadline per call. It never retries by itself: whether a failed call
 * may be sent again is the outbox's decision.
 */
export function createSpApiClient(options: SpApiClientOptions) {
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const base = options.spApiEndpoint.replace(/\/+$/, '');
  let token: Token | null = null;

  const buckets = new Map<SpApiOperation, ReturnType<typeof createTokenBucket>>();
  function bucket(operation: SpApiOperation) {
    let found = buckets.get(operation);
    if (!found) {
      const limits = options.rates?.[operation] ?? SP_API_OPERATIONS[operation];
      found = createTokenBucket({ ratePerSecond: limits.ratePerSecond, burst: limits.burst, now });
      buckets.set(operation, found);
    }
    return found;
  }

  async function exchange(url: string, init: RequestInit): Promise<SpApiOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await doFetch(url, { ...init, signal: controller.signal });
      const body = await bodyOf(response);
      return { kind: 'http', status: response.status, headers: headersOf(response), body };
    } catch (error) {
      return networkOutcome(error, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A live access token, or the outcome that stopped us getting one. */
  async function accessToken(): Promise<{ ok: true; token: string } | { ok: false; outcome: SpApiOutcome }> {
    if (token && token.expiresAt - TOKEN_MARGIN_MS > now()) return { ok: true, token: token.value };
    const credentials = options.credentials();
    if (!credentials) return { ok: false, outcome: { kind: 'http', status: 401, headers: {}, body: { error: 'invalid_client', error_description: 'No marketplace credentials are stored.' } } };
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    const outcome = await exchange(options.lwaEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: form.toString(),
    });
    if (outcome.kind === 'http' && outcome.status === 200) {
      const body = outcome.body as { access_token?: unknown; expires_in?: unknown } | null;
      if (typeof body?.access_token === 'string') {
        const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
        token = { value: body.access_token, expiresAt: now() + seconds * 1000 };
        return { ok: true, token: token.value };
      }
    }
    return { ok: false, outcome };
  }

  /**
   * One call: waits for the operation's rate limit, sends, and returns what came back. A 403
   * for an expired token drops the cached token and asks for a new one once.
   */
  async function call(
    operation: SpApiOperation,
    request: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; query?: Record<string, string | string[] | undefined>; body?: unknown },
  ): Promise<SpApiOutcome> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const limiter = bucket(operation);
      for (;;) {
        const taken = limiter.tryTake();
        if (taken.ok) break;
        await sleep(taken.waitMs);
      }
      const auth = await accessToken();
      if (!auth.ok) return auth.outcome;
      const url = new URL(base + request.path);
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value === undefined) continue;
        url.searchParams.set(key, Array.isArray(value) ? value.join(',') : value);
      }
      const outcome = await exchange(url.toString(), {
        method: request.method,
        headers: {
          'x-amz-access-token': auth.token,
          accept: 'application/json',
          'user-agent': 'PackBench/0.1 (Language=TypeScript; Platform=Node)',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      if (outcome.kind === 'http') {
        const headers = outcome.headers ?? {};
        const limit = parseRateLimitLimit(typeof headers['x-amzn-ratelimit-limit'] === 'string' ? headers['x-amzn-ratelimit-limit'] : null);
        if (limit !== null) limiter.setRate(limit);
        if (outcome.status === 429) limiter.throttled(parseRetryAfterMs(typeof headers['retry-after'] === 'string' ? headers['retry-after'] : null, now()));
        if (outcome.status === 403 && attempt === 0 && token !== null && /expired/i.test(JSON.stringify(outcome.body))) {
          token = null;
          continue;
        }
      }
      return outcome;
    }
    throw new Error('unreachable: the second attempt always returns');
  }

  /** Uploads a feed document to the pre-signed URL Amazon gave (no token: the URL is the credential). */
  async function upload(url: string, contentType: string, content: Uint8Array): Promise<SpApiOutcome> {
    return exchange(url, { method: 'PUT', headers: { 'content-type': contentType }, body: new Uint8Array(content) });
  }

  /** Downloads a document from its pre-signed URL, gunzipped by the caller when Amazon says so. */
  async function download(url: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; outcome: SpApiOutcome }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await doFetch(url, { signal: controller.signal });
      if (!response.ok) return { ok: false, outcome: { kind: 'http', status: response.status, headers: headersOf(response), body: await bodyOf(response) } };
      return { ok: true, bytes: new Uint8Array(await response.arrayBuffer()) };
    } catch (error) {
      return { ok: false, outcome: networkOutcome(error, timedOut) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** How long the next call of the operation would wait for its rate limit, in ms. */
  function waitTime(operation: SpApiOperation): number {
    return bucket(operation).waitTime();
  }

  return { call, upload, download, accessToken, waitTime };
}

export type SpApiClient = ReturnType<typeof createSpApiClient>;
