// The life of an outbox job (DESIGN.md §4a), as one pure function: given a job's stored fields
// and what just happened, the fields to store next, or a refusal. The main process writes the
// answer in the same transaction that checks the job is still in the state it read.
//
//   pending ──claim──▶ sending ──succeeded──▶ done
//   retry-wait ─claim (when due)─▶ sending ──failed: rate limit / transient──▶ retry-wait
//                                  sending ──failed: permanent / credentials──▶ needs-attention
//                                  sending ──recovered-after-crash──▶ retry-wait (due at once)
//   pending | retry-wait | needs-attention ──cancel──▶ cancelled
//   pending | retry-wait | needs-attention ──mark-sent-by-file──▶ sent-by-file
//   retry-wait | needs-attention ──retry-now──▶ retry-wait (due at once, attempts from 0)
//   pending | retry-wait ──give-up──▶ needs-attention

import type { AppError } from '../result';
import { retryDelayMs } from './backoff';
import type { BackoffPolicy } from './backoff';
import type { SpApiClassification } from './sp-api-errors';

export type OutboxState = 'pending' | 'sending' | 'retry-wait' | 'done' | 'needs-attention' | 'cancelled' | 'sent-by-file';

export type OutboxJobFields = {
  state: OutboxState;
  /**
   * Sends that may have reached Amazon. Counted when a job is claimed; given back when the
   * send certainly never happened (the bench was offline, or Amazon throttled it unread).
   */
  attempts: number;
  /** UTC ISO-8601; when a retry-wait job is due. null = due now. */
  nextTryAt: string | null;
  lastError: string | null;
  errorCode: string | null;
};

export type OutboxEvent =
  /** The worker takes the job to send it. */
  | { type: 'claim' }
  | { type: 'succeeded' }
  | { type: 'failed'; classification: SpApiClassification }
  /** Found in 'sending' at start-up: the send may or may not have reached Amazon. */
  | { type: 'recovered-after-crash' }
  /** The order was cancelled before the confirmation went. */
  | { type: 'cancel'; reason?: string }
  /** The packer uploaded the flat file holding this confirmation in Seller Central. */
  | { type: 'mark-sent-by-file' }
  /** A supervisor asks for another go now. */
  | { type: 'retry-now' }
  /** The worker stops trying (a deadline passed, say) and hands the job to a person. */
  | { type: 'give-up'; reason: string };

export type OutboxContext = {
  /** ms since the epoch. */
  now: number;
  random: () => number;
  backoff?: BackoffPolicy;
  /** Sends that may have reached Amazon before a job still failing transiently goes to a person. */
  maxAttempts?: number;
};

export type TransitionResult = { ok: true; job: OutboxJobFields } | { ok: false; error: AppError };

/**
 * First retry within 10 s, doubling to at most 15 minutes: a confirmation has a confirm-by
 * deadline measured in hours, so even the longest wait leaves room for many more tries.
 */
export const DEFAULT_OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 15 * 60_000 };

/**
 * Twelve sends that reached Amazon and failed with a 5xx or a lost connection: something about
 * this job keeps failing, and a person should look before its deadline passes.
 */
export const DEFAULT_MAX_ATTEMPTS = 12;

const iso = (ms: number) => new Date(ms).toISOString();

function refuse(job: OutboxJobFields, event: OutboxEvent, why: string, code = 'OUTBOX_ILLEGAL_TRANSITION'): TransitionResult {
  return {
    ok: false,
    error: { code, message: `An outbox job that is ${job.state} cannot take '${event.type}': ${why}.`, data: { state: job.state, event: event.type } },
  };
}

function move(job: OutboxJobFields, next: Partial<OutboxJobFields> & { state: OutboxState }): TransitionResult {
  return { ok: true, job: { ...job, ...next } };
}

// A send refused before it could be read or acted on does not count against the job.
function neverReachedAmazon(c: SpApiClassification): boolean {
  return c.class === 'rate-limited' || c.code === 'MARKETPLACE_OFFLINE';
}

function failed(job: OutboxJobFields, c: SpApiClassification, ctx: OutboxContext, event: OutboxEvent): TransitionResult {
  if (c.class === 'ok') return refuse(job, event, "an 'ok' outcome is 'succeeded', not a failure");
  const attempts = neverReachedAmazon(c) ? Math.max(0, job.attempts - 1) : job.attempts;
  const toPerson = (message: string): TransitionResult => move(job, { state: 'needs-attention', attempts, nextTryAt: null, lastError: message, errorCode: c.code });

  // A refused refresh token or a missing role will not mend itself by waiting; an expired access
  // token will (the client gets a new one), so it waits like any transient failure.
  if (c.class === 'permanent' || (c.class === 'auth' && c.code !== 'ACCESS_TOKEN_EXPIRED')) return toPerson(c.message);

  const maxAttempts = ctx.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (c.class !== 'rate-limited' && attempts >= maxAttempts) {
    return toPerson(`Gave up after ${attempts} attempts. The last: ${c.message}`);
  }
  // Backoff grows with the sends so far; one that never left waits as the first retry would.
  const delay = retryDelayMs(Math.max(1, attempts), c.retryAfterMs, ctx.backoff ?? DEFAULT_OUTBOX_BACKOFF, ctx.random);
  return move(job, { state: 'retry-wait', attempts, nextTryAt: iso(ctx.now + delay), lastError: c.message, errorCode: c.code });
}

/** The next stored fields of a job after `event`, or why the event does not apply to it. */
export function transition(job: OutboxJobFields, event: OutboxEvent, ctx: OutboxContext): TransitionResult {
  const { state } = job;
  switch (event.type) {
    case 'claim': {
      if (state !== 'pending' && state !== 'retry-wait') return refuse(job, event, 'only a pending or waiting job can be sent');
      if (job.nextTryAt !== null) {
        const due = Date.parse(job.nextTryAt);
        if (Number.isFinite(due) && due > ctx.now) return refuse(job, event, `it is not due until ${job.nextTryAt}`, 'OUTBOX_NOT_DUE');
      }
      return move(job, { state: 'sending', attempts: job.attempts + 1, nextTryAt: null });
    }
    case 'succeeded':
      if (state !== 'sending') return refuse(job, event, 'only a job being sent can succeed');
      return move(job, { state: 'done', nextTryAt: null, lastError: null, errorCode: null });
    case 'failed':
      if (state !== 'sending') return refuse(job, event, 'only a job being sent can fail');
      return failed(job, event.classification, ctx, event);
    case 'recovered-after-crash':
      // Sending it again is safe: the same packageReferenceId edits the package at Amazon, it
      // never adds a second one (amazon-sp-api/README.md §4.2). So it goes again at once.
      if (state !== 'sending') return refuse(job, event, 'only a job left in sending is recovered');
      return move(job, {
        state: 'retry-wait',
        nextTryAt: iso(ctx.now),
        lastError: 'The app stopped while this was being sent; it may or may not have reached the marketplace, so it is sent again.',
        errorCode: 'SEND_INTERRUPTED',
      });
    case 'cancel':
      // A job being sent may already be at Amazon: the caller waits for its outcome first.
      if (state !== 'pending' && state !== 'retry-wait' && state !== 'needs-attention') return refuse(job, event, 'only a job not sent and not in flight can be cancelled');
      return move(job, { state: 'cancelled', nextTryAt: null, lastError: event.reason ?? 'The order was cancelled before its confirmation was sent.', errorCode: 'ORDER_CANCELLED' });
    case 'mark-sent-by-file':
      // From 'sending' it would race the call in flight; from 'done' there is nothing to mark.
      if (state !== 'pending' && state !== 'retry-wait' && state !== 'needs-attention') return refuse(job, event, 'only a job waiting to be sent can be marked as sent by file');
      return move(job, { state: 'sent-by-file', nextTryAt: null });
    case 'retry-now':
      // A new series: the give-up count starts again, the last error stays on show until then.
      if (state !== 'retry-wait' && state !== 'needs-attention') return refuse(job, event, 'only a waiting job or one that needs attention can be retried');
      return move(job, { state: 'retry-wait', attempts: 0, nextTryAt: iso(ctx.now) });
    case 'give-up':
      if (state !== 'pending' && state !== 'retry-wait') return refuse(job, event, 'only a job waiting to be sent can be given up');
      return move(job, { state: 'needs-attention', nextTryAt: null, lastError: event.reason, errorCode: 'SYNC_GAVE_UP' });
  }
}
