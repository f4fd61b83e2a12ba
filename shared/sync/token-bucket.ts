// A rate limiter for one SP-API operation. Amazon documents each operation's usage plan as a
// token bucket: a sustained rate in requests per second and a burst (amazon-sp-api/README.md §3),
// and reports the rate actually applied in the x-amzn-RateLimit-Limit response header (§2).
//
// The clock is injected. Two hazards of a real bench PC are handled here rather than in the
// caller: the clock can be set back (NTP, a packer fixing the date), which must not mint tokens,
// and a 429 must stop calls until Amazon's Retry-After, not let a refilled burst go straight back.

export type TokenBucketOptions = {
  /** Sustained rate, requests per second (may be fractional: 0.0056 is one call every ~3 minutes). */
  ratePerSecond: number;
  /** How many calls may go at once after a quiet period; the bucket starts full. */
  burst: number;
  /** Milliseconds, any epoch; only differences matter. */
  now: () => number;
};

export type TakeResult = { ok: true } | { ok: false; waitMs: number };

export type TokenBucket = {
  /** Takes one token if there is one; otherwise says how long until there will be. */
  tryTake(): TakeResult;
  /** Milliseconds until a token is available (0 if one is there now); takes nothing. */
  waitTime(): number;
  /**
   * Adopts the rate Amazon reports for the operation. It is kept at or below the rate the bucket
   * was created with (the caller's ceiling) unless `aboveCeiling` is given: a header from a
   * misbehaving proxy or a mock must not let the bench flood Amazon. Returns the rate in force;
   * a rate that is not a positive number is ignored.
   */
  setRate(ratePerSecond: number, options?: { aboveCeiling?: boolean }): number;
  /**
   * After a 429: the bucket is emptied and no token is given until `retryAfterMs` from now, or,
   * without a Retry-After, one token's time. Then one token is there and refilling goes on at the
   * rate, so the first call after a throttle is a single probe, never a burst.
   */
  throttled(retryAfterMs: number | null): void;
  /** The rate in force, requests per second. */
  rate(): number;
};

// Float arithmetic leaves 0.9999999999 where 1 was meant; a token that close is a token.
const EPSILON = 1e-9;

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { burst, now } = options;
  if (!(Number.isFinite(options.ratePerSecond) && options.ratePerSecond > 0)) {
    throw new RangeError(`ratePerSecond must be a positive number, not ${options.ratePerSecond}`);
  }
  if (!(Number.isFinite(burst) && burst >= 1)) throw new RangeError(`burst must be at least 1, not ${burst}`);

  const ceiling = options.ratePerSecond;
  let ratePerMs = ceiling / 1000;
  let tokens = burst;
  let refilledAt = now();
  let lastSeen = refilledAt;
  /** While set and in the future, no token is given (after a 429). */
  let holdUntil: number | null = null;

  function refill(): number {
    const t = now();
    if (!Number.isFinite(t)) return lastSeen;
    if (t < lastSeen) {
      // The clock went back. Every stored time moves back with it, so the time already waited
      // still counts and the jump itself neither mints tokens nor lengthens a hold.
      const shift = lastSeen - t;
      refilledAt -= shift;
      if (holdUntil !== null) holdUntil -= shift;
    }
    lastSeen = t;
    if (holdUntil !== null) {
      if (t < holdUntil) return t;
      tokens = 1;
      refilledAt = holdUntil;
      holdUntil = null;
    }
    tokens = Math.min(burst, tokens + (t - refilledAt) * ratePerMs);
    refilledAt = t;
    return t;
  }

  function waitFrom(t: number): number {
    if (holdUntil !== null && t < holdUntil) return Math.ceil(holdUntil - t);
    if (tokens >= 1 - EPSILON) return 0;
    // The small allowance keeps 1.0000000002 ms from rounding up to 2.
    return Math.max(1, Math.ceil((1 - tokens) / ratePerMs - 1e-6));
  }

  return {
    tryTake() {
      const t = refill();
      const waitMs = waitFrom(t);
      if (waitMs > 0) return { ok: false, waitMs };
      tokens = Math.max(0, tokens - 1);
      return { ok: true };
    },
    waitTime() {
      return waitFrom(refill());
    },
    setRate(ratePerSecond, setOptions) {
      if (Number.isFinite(ratePerSecond) && ratePerSecond > 0) {
        // Tokens earned so far were earned at the old rate.
        refill();
        const next = setOptions?.aboveCeiling === true ? ratePerSecond : Math.min(ratePerSecond, ceiling);
        ratePerMs = next / 1000;
      }
      return ratePerMs * 1000;
    },
    throttled(retryAfterMs) {
      const t = refill();
      const oneToken = 1 / ratePerMs;
      const hold = retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : oneToken;
      tokens = 0;
      refilledAt = t;
      // A second 429 never shortens a hold the first one set.
      holdUntil = Math.max(holdUntil ?? t, t + hold);
    },
    rate() {
      return ratePerMs * 1000;
    },
  };
}
