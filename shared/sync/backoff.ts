// How long a failed marketplace call waits before it goes again: exponential backoff with
// "full jitter" (a uniformly random wait between 0 and the exponential cap), so that a bench
// coming back online, or several benches of one seller, do not retry in lock-step.

export type BackoffPolicy = {
  /** The cap for the first retry, ms. */
  baseMs: number;
  /** No retry waits longer than this on our own account, ms. */
  maxMs: number;
};

/**
 * A Retry-After longer than this is taken as a broken clock or header, not an instruction to
 * park a confirmation for days: its confirm-by deadline would pass unseen.
 */
export const RETRY_AFTER_CAP_MS = 24 * 3600_000;

// 2^64 × any sane base is far above any sane maxMs, and stays finite (no Infinity × 0 = NaN).
const MAX_DOUBLINGS = 64;

function unitRandom(random: () => number): number {
  const r = random();
  // A broken generator errs towards the longer wait, never towards hammering.
  if (!Number.isFinite(r)) return 1;
  return Math.min(1, Math.max(0, r));
}

function nonNegative(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * The wait before retry number `attempt` (1 = the first retry): a whole number of ms in
 * [0, min(maxMs, baseMs × 2^(attempt−1))]. An attempt below 1 or not a number counts as 1;
 * an infinite one as very large.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const n = attempt >= 1 ? Math.floor(attempt) : 1; // NaN fails the test too
  const baseMs = nonNegative(policy.baseMs);
  const maxMs = nonNegative(policy.maxMs);
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, MAX_DOUBLINGS));
  return Math.floor(unitRandom(random) * cap);
}

/**
 * The wait before the next try: the server's Retry-After when it gave one (it knows when it
 * will take the call again; no jitter is added, and it may exceed maxMs up to
 * RETRY_AFTER_CAP_MS), otherwise the jittered backoff for the attempt.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, policy: BackoffPolicy, random: () => number): number {
  if (retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(Math.ceil(retryAfterMs), RETRY_AFTER_CAP_MS);
  }
  return backoffDelayMs(attempt, policy, random);
}
