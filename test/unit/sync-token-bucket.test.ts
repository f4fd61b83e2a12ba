import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../shared/sync/token-bucket';

function fakeClock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}

/** How many calls go through right now, taking until the bucket refuses. */
function drain(bucket: ReturnType<typeof createTokenBucket>, max = 1000): number {
  let n = 0;
  while (n < max && bucket.tryTake().ok) n += 1;
  return n;
}

describe('a token bucket per SP-API operation', () => {
  it('confirmShipment (2/s, burst 10): ten at once, then one every 500 ms', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
    expect(drain(bucket)).toBe(10);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 500 });
    clock.advance(499);
    expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 1 });
    clock.advance(1);
    expect(bucket.tryTake()).toEqual({ ok: true });
    expect(bucket.tryTake().ok).toBe(false);
    clock.advance(1500);
    expect(drain(bucket)).toBe(3);
  });

  it.each([
    ['searchOrders', 0.0056, 20, Math.ceil(1000 / 0.0056)],
    ['createFeed', 0.0083, 15, Math.ceil(1000 / 0.0083)],
    ['getFeeds', 0.0222, 10, Math.ceil(1000 / 0.0222)],
  ])('%s at a fractional rate (%s/s, burst %s): the burst, then one per %s ms', (_operation, rate, burst, gapMs) => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: rate, burst, now: clock.now });
    expect(drain(bucket)).toBe(burst);
    const refused = bucket.tryTake();
    expect(refused).toEqual({ ok: false, waitMs: gapMs });
    // Waiting exactly what it said is enough: no call is refused after the promised wait.
    clock.advance(gapMs - 1);
    expect(bucket.tryTake().ok).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toEqual({ ok: true });
  });

  it('a long quiet period refills to the burst and no further', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
    drain(bucket);
    clock.advance(24 * 3600_000);
    expect(drain(bucket)).toBe(10);
  });

  it('waitTime says what tryTake would, and takes nothing', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 1, burst: 1, now: clock.now });
    expect(bucket.waitTime()).toBe(0);
    expect(bucket.waitTime()).toBe(0);
    expect(bucket.tryTake().ok).toBe(true);
    expect(bucket.waitTime()).toBe(1000);
    clock.advance(400);
    expect(bucket.waitTime()).toBe(600);
  });

  describe('after a 429', () => {
    it('with Retry-After: nothing until then, then a single probe, not a burst', () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      expect(bucket.tryTake().ok).toBe(true);
      bucket.throttled(30_000);
      expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 30_000 });
      clock.advance(29_999);
      expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 1 });
      clock.advance(1);
      expect(drain(bucket)).toBe(1);
      clock.advance(500);
      expect(drain(bucket)).toBe(1);
    });

    it("without Retry-After: one token's time", () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 0.5, burst: 30, now: clock.now });
      bucket.throttled(null);
      expect(bucket.waitTime()).toBe(2000);
      clock.advance(2000);
      expect(drain(bucket)).toBe(1);
    });

    it.each([
      ['negative', -5],
      ['not a number', Number.NaN],
      ['infinite', Number.POSITIVE_INFINITY],
    ])("a Retry-After that is %s counts as none (one token's time)", (_what, retryAfterMs) => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      bucket.throttled(retryAfterMs);
      expect(bucket.waitTime()).toBe(500);
    });

    it('a Retry-After of 0 allows one probe at once', () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      bucket.throttled(0);
      expect(drain(bucket)).toBe(1);
    });

    it('a second, shorter 429 does not cut short the first hold', () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      bucket.throttled(60_000);
      clock.advance(1000);
      bucket.throttled(1000);
      expect(bucket.waitTime()).toBe(59_000);
    });
  });

  describe('the rate Amazon reports (x-amzn-RateLimit-Limit)', () => {
    it('a lower rate is adopted mid-stream; tokens already earned are kept', () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      drain(bucket);
      clock.advance(1000); // two tokens earned at 2/s
      expect(bucket.setRate(0.5)).toBe(0.5);
      expect(drain(bucket)).toBe(2);
      expect(bucket.tryTake()).toEqual({ ok: false, waitMs: 2000 });
    });

    it('a higher rate than configured is capped at the configured ceiling', () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      expect(bucket.setRate(50)).toBe(2);
      drain(bucket);
      expect(bucket.waitTime()).toBe(500);
    });

    it('…unless the caller says the header may raise it', () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      expect(bucket.setRate(5, { aboveCeiling: true })).toBe(5);
      drain(bucket);
      expect(bucket.waitTime()).toBe(200);
    });

    it('after a lowered rate, the ceiling still allows going back up to it', () => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      bucket.setRate(0.5);
      expect(bucket.setRate(2)).toBe(2);
    });

    it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('a reported rate of %s is ignored', (rate) => {
      const clock = fakeClock();
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      expect(bucket.setRate(rate)).toBe(2);
    });
  });

  // The bucket sees time only when it is asked, so time that passed unobserved before a jump
  // back is lost: waiting a little longer than needed, never sending early.
  describe('a clock that is set back', () => {
    it('unobserved time before the jump is not counted (the safe side)', () => {
      const clock = fakeClock(10_000_000);
      const bucket = createTokenBucket({ ratePerSecond: 1, burst: 5, now: clock.now });
      drain(bucket);
      clock.advance(400);
      clock.set(9_000_000);
      expect(bucket.waitTime()).toBe(1000);
    });

    it('does not mint tokens: the time already waited still counts, the jump does not', () => {
      const clock = fakeClock(10_000_000);
      const bucket = createTokenBucket({ ratePerSecond: 1, burst: 5, now: clock.now });
      drain(bucket);
      clock.advance(400);
      expect(bucket.waitTime()).toBe(600);
      clock.set(10_000_000 - 3600_000); // an hour back
      expect(bucket.waitTime()).toBe(600);
      clock.advance(3600_000); // back where it was: only the real 600 ms more is owed
      expect(bucket.waitTime()).toBe(0);
      expect(drain(bucket)).toBe(5);
    });

    it('and then forward again by the same amount mints nothing extra', () => {
      const clock = fakeClock(10_000_000);
      const bucket = createTokenBucket({ ratePerSecond: 1, burst: 5, now: clock.now });
      drain(bucket);
      clock.set(5_000_000);
      bucket.tryTake();
      clock.set(5_000_500);
      expect(drain(bucket)).toBe(0);
      expect(bucket.waitTime()).toBe(500);
    });

    it('does not lengthen a 429 hold by the size of the jump', () => {
      const clock = fakeClock(10_000_000);
      const bucket = createTokenBucket({ ratePerSecond: 2, burst: 10, now: clock.now });
      bucket.throttled(10_000);
      clock.advance(4000);
      expect(bucket.waitTime()).toBe(6000);
      clock.set(1_000_000);
      expect(bucket.waitTime()).toBe(6000);
    });
  });

  it.each([
    ['a rate of 0', { ratePerSecond: 0, burst: 10 }],
    ['a negative rate', { ratePerSecond: -2, burst: 10 }],
    ['a burst below one call', { ratePerSecond: 2, burst: 0.5 }],
    ['a burst that is not a number', { ratePerSecond: 2, burst: Number.NaN }],
  ])('refuses to be built with %s', (_what, options) => {
    expect(() => createTokenBucket({ ...options, now: () => 0 })).toThrow(RangeError);
  });
});
