import type { RateLimit, RateLimitedOperation } from './types';

// Amazon's usage plans as token buckets: a bucket holds `burst` requests and refills at
// `ratePerSecond`. A throttled request takes nothing from the bucket.

/** The documented defaults (README §3, from each operation's "Usage Plan" table in the models). */
export const DEFAULT_RATE_LIMITS: Record<RateLimitedOperation, RateLimit> = {
  searchOrders: { ratePerSecond: 0.0056, burst: 20 },
  getOrder: { ratePerSecond: 0.5, burst: 30 },
  confirmShipment: { ratePerSecond: 2, burst: 10 },
  createFeedDocument: { ratePerSecond: 0.5, burst: 15 },
  createFeed: { ratePerSecond: 0.0083, burst: 15 },
  getFeed: { ratePerSecond: 2, burst: 15 },
  cancelFeed: { ratePerSecond: 2, burst: 15 },
  getFeeds: { ratePerSecond: 0.0222, burst: 10 },
  getFeedDocument: { ratePerSecond: 0.0222, burst: 10 },
};

type Bucket = { limit: RateLimit; tokens: number; at: number };

export function createRateLimiter(now: () => number, overrides: Partial<Record<RateLimitedOperation, RateLimit>>) {
  const limits = new Map<RateLimitedOperation, RateLimit>();
  const buckets = new Map<RateLimitedOperation, Bucket>();
  let enabled = true;

  function limitOf(operation: RateLimitedOperation): RateLimit {
    return limits.get(operation) ?? overrides[operation] ?? DEFAULT_RATE_LIMITS[operation];
  }

  function bucketOf(operation: RateLimitedOperation): Bucket {
    const limit = limitOf(operation);
    let bucket = buckets.get(operation);
    if (bucket === undefined || bucket.limit !== limit) {
      // A changed limit starts a full bucket: what a seller sees when Amazon raises a plan.
      bucket = { limit, tokens: limit.burst, at: now() };
      buckets.set(operation, bucket);
    }
    const elapsed = Math.max(0, now() - bucket.at) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.ratePerSecond);
    bucket.at = now();
    return bucket;
  }

  return {
    /** The rate as x-amzn-RateLimit-Limit reports it. */
    header(operation: RateLimitedOperation): string {
      return String(limitOf(operation).ratePerSecond);
    },
    /** Takes a token; false when the operation is over its limit. */
    take(operation: RateLimitedOperation): boolean {
      const bucket = bucketOf(operation);
      if (!enabled) return true;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    set(operation: RateLimitedOperation, limit: RateLimit | null): void {
      if (limit === null) limits.delete(operation);
      else limits.set(operation, { ...limit });
    },
    setEnabled(value: boolean): void {
      enabled = value;
    },
  };
}
