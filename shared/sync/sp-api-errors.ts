// What one exchange with Amazon (the SP-API or Login with Amazon) came to, in the terms the
// outbox acts on: go on, wait and retry, stop and show a person, or sort out the credentials.
//
// Shapes, from amazon-sp-api/README.md §2 and the models:
// - SP-API errors: `{ errors: [{ code, message, details? }] }` (Orders v0 wraps successes in
//   `payload`, the newer APIs do not; both use this error list). 429 = "the frequency of
//   requests was greater than allowed"; 403 may be "Access Denied, Unauthorized, Expired Token,
//   or Invalid Signature" (ordersV0 confirmShipment responses).
// - Login with Amazon (the token endpoint, OAuth 2): `{ error, error_description }`.
//
// Amazon publishes no list of confirmShipment's 400 messages. The README records two facts:
// Ship+ orders "do not support confirmShipment and return 400", and a cancelled order cannot be
// confirmed. Those two are recognised from the message text, which is kept verbatim either way.

import { headerValue, parseRetryAfterMs } from './rate-limit-headers';
import type { HeaderBag } from './rate-limit-headers';

export type SpApiOutcome =
  | { kind: 'http'; status: number; body: unknown; headers?: HeaderBag }
  /** No answer: the system error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND…) or TIMEOUT for our own deadline. */
  | { kind: 'network'; code: string; message?: string };

export type SpApiClass = 'ok' | 'rate-limited' | 'transient' | 'permanent' | 'auth';

/**
 * Stable codes for the UI to translate. The network ones say how far the request got:
 * MARKETPLACE_OFFLINE only when it certainly never left (no route, no name, refused), so a
 * retry cannot be a second delivery; MARKETPLACE_TIMEOUT and MARKETPLACE_CONNECTION_LOST when
 * Amazon may have received it.
 */
export type SpApiErrorCode =
  | 'OK'
  | 'MARKETPLACE_THROTTLED'
  | 'MARKETPLACE_UNAVAILABLE'
  | 'MARKETPLACE_OFFLINE'
  | 'MARKETPLACE_TIMEOUT'
  | 'MARKETPLACE_CONNECTION_LOST'
  | 'MARKETPLACE_UNEXPECTED_ANSWER'
  | 'MARKETPLACE_INVALID_INPUT'
  | 'MARKETPLACE_REJECTED'
  | 'ORDER_CANCELLED_AT_MARKETPLACE'
  | 'SHIP_PLUS_ORDER'
  | 'ORDER_NOT_FOUND_AT_MARKETPLACE'
  /** The access token was refused as expired or invalid: get a new one once, then try again. */
  | 'ACCESS_TOKEN_EXPIRED'
  /** Login with Amazon refused the refresh token or the app's client id/secret: a person must re-enter them. */
  | 'CREDENTIALS_REJECTED'
  /** Signed in, but not allowed (missing role, app not authorised for the marketplace). */
  | 'ACCESS_DENIED';

export type SpApiClassification = {
  class: SpApiClass;
  code: SpApiErrorCode;
  /** Amazon's own message(s) verbatim where there are any, otherwise an English description. */
  message: string;
  /** From Retry-After; null when Amazon gave none (or gave a date and no `now` was passed). */
  retryAfterMs: number | null;
  /** Amazon's error code (`InvalidInput`, `Unauthorized`, `invalid_grant`…), for the log. */
  marketplaceCode?: string;
  /** x-amzn-RequestId, which Amazon's support asks for. */
  requestId?: string;
};

export type ClassifyOptions = {
  /** ms since the epoch; needed only to read a Retry-After given as an HTTP date. */
  now?: number;
};

type AmazonError = { code: string; message: string; details: string | null };

function amazonErrors(body: unknown): AmazonError[] {
  if (typeof body !== 'object' || body === null) return [];
  const list = (body as { errors?: unknown }).errors;
  if (!Array.isArray(list)) return [];
  const out: AmazonError[] = [];
  for (const e of list) {
    if (typeof e !== 'object' || e === null) continue;
    const { code, message, details } = e as Record<string, unknown>;
    out.push({
      code: typeof code === 'string' ? code : '',
      message: typeof message === 'string' ? message : '',
      details: typeof details === 'string' && details !== '' ? details : null,
    });
  }
  return out;
}

type LwaError = { error: string; description: string | null };

function lwaError(body: unknown): LwaError | null {
  if (typeof body !== 'object' || body === null) return null;
  const { error, error_description: description } = body as Record<string, unknown>;
  if (typeof error !== 'string' || error === '') return null;
  return { error, description: typeof description === 'string' && description !== '' ? description : null };
}

function amazonMessage(errors: readonly AmazonError[]): string {
  return errors
    .map((e) => {
      const text = e.message !== '' ? e.message : e.code;
      return e.details !== null && e.details !== text ? `${text} (${e.details})` : text;
    })
    .filter((t) => t !== '')
    .join('; ');
}

// A proxy's HTML error page can be large; the outbox keeps a line, not a page.
const MAX_TEXT = 300;

function textMessage(body: unknown): string {
  if (typeof body !== 'string') return '';
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.startsWith('<')) return '';
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT)}…` : flat;
}

// Any 403 about the token itself is worth one fresh token. The caller refreshes once; a refusal
// after that is for a person, whatever its words.
const EXPIRED_TOKEN = /expired|access token|invalid signature/i;
const CANCELLED = /\bcancell?ed\b/i;
const SHIP_PLUS = /ship\s*\+|ship ?plus|FBM_SHIP_PLUS/i;

// Before the request left: nothing reached Amazon, so nothing can be applied twice.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMED_OUT = new Set(['TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR']);

function classifyNetwork(code: string, message: string | undefined): SpApiClassification {
  const upper = code.toUpperCase();
  const text = message !== undefined && message !== '' ? message : null;
  if (NEVER_SENT.has(upper)) {
    return { class: 'transient', code: 'MARKETPLACE_OFFLINE', message: text ?? `The marketplace could not be reached (${code}).`, retryAfterMs: null };
  }
  if (TIMED_OUT.has(upper)) {
    return { class: 'transient', code: 'MARKETPLACE_TIMEOUT', message: text ?? `The marketplace did not answer in time (${code}).`, retryAfterMs: null };
  }
  return { class: 'transient', code: 'MARKETPLACE_CONNECTION_LOST', message: text ?? `The connection to the marketplace was lost (${code}).`, retryAfterMs: null };
}

/** Classifies one outcome; never throws, whatever the body holds. */
export function classifySpApiOutcome(outcome: SpApiOutcome, options: ClassifyOptions = {}): SpApiClassification {
  if (outcome.kind === 'network') return classifyNetwork(outcome.code, outcome.message);

  const { status, body, headers } = outcome;
  const errors = amazonErrors(body);
  const lwa = lwaError(body);
  const amazonText = errors.length > 0 ? amazonMessage(errors) : lwa !== null ? (lwa.description ?? lwa.error) : textMessage(body);
  const retryAfterMs = parseRetryAfterMs(headerValue(headers, 'retry-after'), options.now);
  const requestId = headerValue(headers, 'x-amzn-requestid');
  const marketplaceCode = errors.find((e) => e.code !== '')?.code ?? lwa?.error;

  const result = (cls: SpApiClass, code: SpApiErrorCode, fallback: string, retry: number | null = null): SpApiClassification => {
    const c: SpApiClassification = { class: cls, code, message: amazonText !== '' ? amazonText : fallback, retryAfterMs: retry };
    if (marketplaceCode !== undefined) c.marketplaceCode = marketplaceCode;
    if (requestId !== null) c.requestId = requestId;
    return c;
  };

  if (status >= 200 && status < 300) return result('ok', 'OK', 'OK');
  if (status === 429) return result('rate-limited', 'MARKETPLACE_THROTTLED', 'The marketplace asked us to slow down (429).', retryAfterMs);
  if (status >= 500) return result('transient', 'MARKETPLACE_UNAVAILABLE', `The marketplace is unavailable (${status}).`, retryAfterMs);
  if (status === 408) return result('transient', 'MARKETPLACE_TIMEOUT', 'The marketplace timed out waiting for the request (408).', retryAfterMs);

  if (lwa !== null && (status === 400 || status === 401 || status === 403)) {
    // Login with Amazon's OAuth errors (invalid_grant, invalid_client, unauthorized_client…)
    // all mean the stored refresh token or client id/secret will not work again by retrying.
    return result('auth', 'CREDENTIALS_REJECTED', 'The marketplace refused the stored credentials.');
  }
  if (status === 401 || status === 403) {
    const text = [amazonText, ...errors.map((e) => e.code)].join(' ');
    if (status === 401 || EXPIRED_TOKEN.test(text)) {
      // 401 is documented as "does not contain a valid token": a fresh token is the remedy.
      return result('auth', 'ACCESS_TOKEN_EXPIRED', 'The marketplace refused the access token.');
    }
    return result('auth', 'ACCESS_DENIED', 'The marketplace denied access to this operation.');
  }

  const text = `${amazonText} ${errors.map((e) => e.code).join(' ')}`;
  if (status === 400 || status === 422) {
    if (SHIP_PLUS.test(text)) return result('permanent', 'SHIP_PLUS_ORDER', 'This is a Ship+ order, which cannot be confirmed this way.');
    if (CANCELLED.test(text)) return result('permanent', 'ORDER_CANCELLED_AT_MARKETPLACE', 'The order was cancelled in the marketplace.');
    return result('permanent', 'MARKETPLACE_INVALID_INPUT', `The marketplace refused the request as invalid (${status}).`);
  }
  // The resource named in the path: the order, for the confirmations this module mostly serves.
  if (status === 404) return result('permanent', 'ORDER_NOT_FOUND_AT_MARKETPLACE', 'The marketplace does not know this order (404).');
  if (status === 413 || status === 415) return result('permanent', 'MARKETPLACE_INVALID_INPUT', `The marketplace refused the request as invalid (${status}).`);
  if (status >= 400) return result('permanent', 'MARKETPLACE_REJECTED', `The marketplace refused the request (${status}).`);
  // 1xx/3xx: a captive portal or a misconfigured proxy answered instead of Amazon.
  return result('transient', 'MARKETPLACE_UNEXPECTED_ANSWER', `The marketplace gave an unexpected answer (${status}).`, retryAfterMs);
}
