// The two response headers that pace calls to Amazon: x-amzn-RateLimit-Limit, "your rate limit
// (requests per second) for this operation" (every operation in the models documents it), and
// the standard Retry-After, in delta-seconds or as an HTTP date.

/** Header names are case-insensitive; fetch lower-cases them, hand-made objects may not. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A header's value by case-insensitive name; the first of repeated values. */
export function headerValue(headers: HeaderBag | undefined, name: string): string | null {
  if (headers === undefined) return null;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = typeof value === 'string' ? value : value[0];
    if (first !== undefined) return first;
  }
  return null;
}

const DECIMAL = /^\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** x-amzn-RateLimit-Limit as requests per second, or null when absent or not a positive number. */
export function parseRateLimitLimit(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (!DECIMAL.test(v)) return null;
  const rate = Number(v);
  return Number.isFinite(rate) && rate > 0 ? rate : null;
}

// An HTTP date names a weekday and a month; a bare number must never be read as one
// (Date.parse('120') is the year 120).
const LOOKS_LIKE_HTTP_DATE = /^[A-Za-z]{3,9},? .*[0-9]{2}:[0-9]{2}:[0-9]{2} *(GMT|UTC|[+-][0-9]{4})$/;

/**
 * Retry-After as milliseconds from `nowMs`, or null when absent or unreadable. Delta-seconds
 * need no clock. An HTTP date does, so without `nowMs` it gives null (shared code never reads
 * the clock); a date already past means 0.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs?: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  if (DECIMAL.test(v)) {
    const seconds = Number(v);
    return Number.isFinite(seconds) ? Math.ceil(seconds * 1000) : null;
  }
  if (!LOOKS_LIKE_HTTP_DATE.test(v) || nowMs === undefined || !Number.isFinite(nowMs)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
