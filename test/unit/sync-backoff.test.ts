import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_CAP_MS, backoffDelayMs, retryDelayMs } from '../../shared/sync/backoff';
import { seededRandom } from '../../shared/random';

const policy = { baseMs: 1000, maxMs: 60_000 };
const always = (r: number) => () => r;
const JUST_BELOW_ONE = 1 - 2 ** -53;

describe('exponential backoff with full jitter', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [6, 32_000],
    [7, 60_000],
    [8, 60_000],
  ])('retry %i waits at most %i ms', (attempt, cap) => {
    expect(backoffDelayMs(attempt, policy, always(JUST_BELOW_ONE))).toBe(cap - 1);
    expect(backoffDelayMs(attempt, policy, always(1))).toBe(cap);
    expect(backoffDelayMs(attempt, policy, always(0))).toBe(0);
    expect(backoffDelayMs(attempt, policy, always(0.5))).toBe(cap / 2);
  });

  it('stays within its bounds for any draw of a real generator', () => {
    const random = seededRandom(7);
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const cap = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 200; i += 1) {
        const d = backoffDelayMs(attempt, policy, random);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(cap);
      }
    }
  });

  it.each([
    ['a thousand', 1000],
    ['past the double range (2^1024 overflows)', 5000],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER],
    ['infinity', Number.POSITIVE_INFINITY],
  ])('an attempt number of %s neither overflows nor turns NaN', (_what, attempt) => {
    expect(backoffDelayMs(attempt, policy, always(0.5))).toBe(30_000);
    expect(backoffDelayMs(attempt, policy, always(1))).toBe(60_000);
  });

  it('a huge attempt number with a zero base is 0, not NaN (0 × Infinity)', () => {
    expect(backoffDelayMs(5000, { baseMs: 0, maxMs: 60_000 }, always(0.5))).toBe(0);
  });

  it.each([
    ['0', 0],
    ['-3', -3],
    ['NaN', Number.NaN],
    ['1.9 (rounded down)', 1.9],
  ])('an attempt of %s counts as the first retry', (_what, attempt) => {
    expect(backoffDelayMs(attempt, policy, always(0.5))).toBe(500);
  });

  it.each([
    ['NaN', Number.NaN, 1000],
    ['above 1', 7, 1000],
    ['below 0', -1, 0],
  ])('a random source giving %s is clamped (a broken one waits longest)', (_what, r, expected) => {
    expect(backoffDelayMs(1, policy, always(r))).toBe(expected);
  });

  it('a negative or missing policy value means no wait rather than a negative one', () => {
    expect(backoffDelayMs(3, { baseMs: -1000, maxMs: 60_000 }, always(0.9))).toBe(0);
    expect(backoffDelayMs(3, { baseMs: 1000, maxMs: Number.NaN }, always(0.9))).toBe(0);
  });
});

describe("the wait before the next try prefers the server's Retry-After", () => {
  it.each([
    ['a Retry-After of 30 s is honoured as is, without jitter', 30_000, 30_000],
    ['even when it is longer than our own cap', 600_000, 600_000],
    ['a Retry-After of 0 means now', 0, 0],
    ['a fractional one is rounded up to a whole ms', 1500.2, 1501],
    ['an absurd one (a year) is held to the 24 h cap', 365 * 24 * 3600_000, RETRY_AFTER_CAP_MS],
  ])('%s', (_what, retryAfterMs, expected) => {
    expect(retryDelayMs(5, retryAfterMs, policy, always(0.5))).toBe(expected);
  });

  it.each([
    ['none', null],
    ['a negative one', -1],
    ['NaN', Number.NaN],
  ])('with %s, the backoff for the attempt', (_what, retryAfterMs) => {
    expect(retryDelayMs(3, retryAfterMs, policy, always(0.5))).toBe(2000);
  });
});
