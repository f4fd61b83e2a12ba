import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_OUTBOX_BACKOFF, transition } from '../../shared/sync/outbox-machine';
import type { OutboxEvent, OutboxJobFields, OutboxState } from '../../shared/sync/outbox-machine';
import type { SpApiClassification } from '../../shared/sync/sp-api-errors';

const NOW = Date.parse('2026-11-20T08:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const ctx = { now: NOW, random: () => 0.5, backoff: { baseMs: 1000, maxMs: 60_000 }, maxAttempts: 5 };

const job = (state: OutboxState, over: Partial<OutboxJobFields> = {}): OutboxJobFields => ({
  state,
  attempts: 0,
  nextTryAt: null,
  lastError: null,
  errorCode: null,
  ...over,
});

const throttled: SpApiClassification = { class: 'rate-limited', code: 'MARKETPLACE_THROTTLED', message: 'The total number of requests exceeded your allowed limit.', retryAfterMs: null };
const unavailable: SpApiClassification = { class: 'transient', code: 'MARKETPLACE_UNAVAILABLE', message: 'Service temporarily unavailable', retryAfterMs: null };
const offline: SpApiClassification = { class: 'transient', code: 'MARKETPLACE_OFFLINE', message: 'connect ECONNREFUSED', retryAfterMs: null };
const timedOut: SpApiClassification = { class: 'transient', code: 'MARKETPLACE_TIMEOUT', message: 'the marketplace did not answer in time', retryAfterMs: null };
const invalid: SpApiClassification = { class: 'permanent', code: 'MARKETPLACE_INVALID_INPUT', message: 'Invalid Input', retryAfterMs: null };
const expired: SpApiClassification = { class: 'auth', code: 'ACCESS_TOKEN_EXPIRED', message: 'The access token you provided has expired.', retryAfterMs: null };
const badCredentials: SpApiClassification = { class: 'auth', code: 'CREDENTIALS_REJECTED', message: 'invalid_grant', retryAfterMs: null };

const EVENTS: Record<string, OutboxEvent> = {
  claim: { type: 'claim' },
  succeeded: { type: 'succeeded' },
  failed: { type: 'failed', classification: unavailable },
  'recovered-after-crash': { type: 'recovered-after-crash' },
  cancel: { type: 'cancel' },
  'mark-sent-by-file': { type: 'mark-sent-by-file' },
  'retry-now': { type: 'retry-now' },
  'give-up': { type: 'give-up', reason: 'Past its confirm-by time.' },
};

const STATES: OutboxState[] = ['pending', 'sending', 'retry-wait', 'done', 'needs-attention', 'cancelled', 'sent-by-file'];

// Every state × every event: the state it leads to, or '—' for a refusal.
const TABLE: Record<OutboxState, Record<keyof typeof EVENTS, OutboxState | '—'>> = {
  pending: { claim: 'sending', succeeded: '—', failed: '—', 'recovered-after-crash': '—', cancel: 'cancelled', 'mark-sent-by-file': 'sent-by-file', 'retry-now': '—', 'give-up': 'needs-attention' },
  sending: { claim: '—', succeeded: 'done', failed: 'retry-wait', 'recovered-after-crash': 'retry-wait', cancel: '—', 'mark-sent-by-file': '—', 'retry-now': '—', 'give-up': '—' },
  'retry-wait': { claim: 'sending', succeeded: '—', failed: '—', 'recovered-after-crash': '—', cancel: 'cancelled', 'mark-sent-by-file': 'sent-by-file', 'retry-now': 'retry-wait', 'give-up': 'needs-attention' },
  done: { claim: '—', succeeded: '—', failed: '—', 'recovered-after-crash': '—', cancel: '—', 'mark-sent-by-file': '—', 'retry-now': '—', 'give-up': '—' },
  'needs-attention': { claim: '—', succeeded: '—', failed: '—', 'recovered-after-crash': '—', cancel: 'cancelled', 'mark-sent-by-file': 'sent-by-file', 'retry-now': 'retry-wait', 'give-up': '—' },
  cancelled: { claim: '—', succeeded: '—', failed: '—', 'recovered-after-crash': '—', cancel: '—', 'mark-sent-by-file': '—', 'retry-now': '—', 'give-up': '—' },
  'sent-by-file': { claim: '—', succeeded: '—', failed: '—', 'recovered-after-crash': '—', cancel: '—', 'mark-sent-by-file': '—', 'retry-now': '—', 'give-up': '—' },
};

const cases = STATES.flatMap((state) => Object.keys(EVENTS).map((event) => [state, event, TABLE[state][event]] as const));

describe('the outbox job state machine', () => {
  it.each(cases)('%s + %s → %s', (state, eventName, expected) => {
    const event = EVENTS[eventName];
    if (event === undefined) throw new Error(eventName);
    const result = transition(job(state, { attempts: 1 }), event, ctx);
    if (expected === '—') {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('OUTBOX_ILLEGAL_TRANSITION');
        expect(result.error.data).toEqual({ state, event: eventName });
      }
    } else {
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.job.state).toBe(expected);
    }
  });

  describe('claiming', () => {
    it('counts an attempt and clears the due time', () => {
      expect(transition(job('pending'), { type: 'claim' }, ctx)).toEqual({ ok: true, job: job('sending', { attempts: 1 }) });
    });

    it.each([
      ['due a moment ago', at(-1), true],
      ['due exactly now', at(0), true],
      ['due in one ms', at(1), false],
      ['no due time', null, true],
      ['an unreadable due time (sent rather than stuck)', 'garbage', true],
    ])('a waiting job %s: claimable %s', (_case, nextTryAt, claimable) => {
      const result = transition(job('retry-wait', { attempts: 2, nextTryAt, lastError: 'x', errorCode: 'MARKETPLACE_UNAVAILABLE' }), { type: 'claim' }, ctx);
      expect(result.ok).toBe(claimable);
      if (!claimable && !result.ok) expect(result.error.code).toBe('OUTBOX_NOT_DUE');
      // The last error stays on show while the job is in flight.
      if (result.ok) expect(result.job).toEqual({ state: 'sending', attempts: 3, nextTryAt: null, lastError: 'x', errorCode: 'MARKETPLACE_UNAVAILABLE' });
    });
  });

  it('success clears the last error', () => {
    const sending = job('sending', { attempts: 3, lastError: 'Service temporarily unavailable', errorCode: 'MARKETPLACE_UNAVAILABLE' });
    expect(transition(sending, { type: 'succeeded' }, ctx)).toEqual({ ok: true, job: job('done', { attempts: 3 }) });
  });

  describe('a failed send', () => {
    it.each([
      // attempts after the claim, random 0.5, backoff base 1 s → wait 0.5 × 1 s × 2^(n−1)
      ['first send, 503', 1, unavailable, 1, 500],
      ['second send, 503', 2, unavailable, 2, 1000],
      ['fourth send, timed out', 4, timedOut, 4, 4000],
      ['offline: the send never left, so it is not counted', 3, offline, 2, 1000],
      ['offline on the very first try', 1, offline, 0, 500],
      ['throttled without Retry-After: not counted, backoff', 2, throttled, 1, 500],
      ['throttled with Retry-After 30 s: exactly that', 2, { ...throttled, retryAfterMs: 30_000 }, 1, 30_000],
      ['503 with Retry-After 120 s: exactly that', 1, { ...unavailable, retryAfterMs: 120_000 }, 1, 120_000],
      ['expired access token: waits like a transient failure', 1, expired, 1, 500],
    ])('%s', (_case, attempts, classification, expectedAttempts, waitMs) => {
      const result = transition(job('sending', { attempts }), { type: 'failed', classification }, ctx);
      expect(result).toEqual({
        ok: true,
        job: { state: 'retry-wait', attempts: expectedAttempts, nextTryAt: at(waitMs), lastError: classification.message, errorCode: classification.code },
      });
    });

    it.each([
      ['invalid input', invalid],
      ['cancelled at Amazon', { ...invalid, code: 'ORDER_CANCELLED_AT_MARKETPLACE', message: 'The order has been cancelled.' } satisfies SpApiClassification],
      ['a Ship+ order', { ...invalid, code: 'SHIP_PLUS_ORDER', message: 'Ship+ orders are not supported.' } satisfies SpApiClassification],
      ['credentials rejected', badCredentials],
      ['access denied', { ...badCredentials, code: 'ACCESS_DENIED', message: "You don't have access" } satisfies SpApiClassification],
    ])("%s goes to a person with the marketplace's message", (_case, classification) => {
      const result = transition(job('sending', { attempts: 1 }), { type: 'failed', classification }, ctx);
      expect(result).toEqual({ ok: true, job: { state: 'needs-attention', attempts: 1, nextTryAt: null, lastError: classification.message, errorCode: classification.code } });
    });

    it("an 'ok' outcome is refused as a failure", () => {
      const ok: SpApiClassification = { class: 'ok', code: 'OK', message: 'OK', retryAfterMs: null };
      const result = transition(job('sending', { attempts: 1 }), { type: 'failed', classification: ok }, ctx);
      expect(result.ok).toBe(false);
    });

    it('gives up after maxAttempts sends that reached Amazon, keeping the last error code', () => {
      let j = job('pending');
      const states: OutboxState[] = [];
      for (let i = 0; i < 10 && j.state !== 'needs-attention'; i += 1) {
        const claimed = transition(j, { type: 'claim' }, { ...ctx, now: NOW + 10 * 3600_000 });
        if (!claimed.ok) throw new Error(claimed.error.message);
        const next = transition(claimed.job, { type: 'failed', classification: unavailable }, ctx);
        if (!next.ok) throw new Error(next.error.message);
        j = next.job;
        states.push(j.state);
      }
      expect(states).toEqual(['retry-wait', 'retry-wait', 'retry-wait', 'retry-wait', 'needs-attention']);
      expect(j).toEqual({ state: 'needs-attention', attempts: 5, nextTryAt: null, lastError: 'Gave up after 5 attempts. The last: Service temporarily unavailable', errorCode: 'MARKETPLACE_UNAVAILABLE' });
    });

    it('never gives up for being offline or throttled: a whole shift offline is not the job’s fault', () => {
      let j = job('pending');
      for (let i = 0; i < 50; i += 1) {
        const claimed = transition(j, { type: 'claim' }, { ...ctx, now: NOW + 10 * 3600_000 });
        if (!claimed.ok) throw new Error(claimed.error.message);
        const next = transition(claimed.job, { type: 'failed', classification: i % 2 === 0 ? offline : throttled }, ctx);
        if (!next.ok) throw new Error(next.error.message);
        j = next.job;
      }
      expect(j.state).toBe('retry-wait');
      expect(j.attempts).toBe(0);
    });

    it('a throttled send of a job already at the give-up count waits rather than gives up', () => {
      const result = transition(job('sending', { attempts: 6 }), { type: 'failed', classification: throttled }, ctx);
      expect(result.ok && result.job).toMatchObject({ state: 'retry-wait', attempts: 5 });
    });

    it('uses the defaults when the context gives no policy', () => {
      const result = transition(job('sending', { attempts: DEFAULT_MAX_ATTEMPTS - 1 }), { type: 'failed', classification: unavailable }, { now: NOW, random: () => 1 });
      expect(result.ok && result.job.nextTryAt).toBe(at(DEFAULT_OUTBOX_BACKOFF.maxMs));
      const last = transition(job('sending', { attempts: DEFAULT_MAX_ATTEMPTS }), { type: 'failed', classification: unavailable }, { now: NOW, random: () => 1 });
      expect(last.ok && last.job.state).toBe('needs-attention');
    });
  });

  it('a job found in sending after a crash is due again at once, attempts kept', () => {
    expect(transition(job('sending', { attempts: 2 }), { type: 'recovered-after-crash' }, ctx)).toEqual({
      ok: true,
      job: {
        state: 'retry-wait',
        attempts: 2,
        nextTryAt: at(0),
        lastError: 'The app stopped while this was being sent; it may or may not have reached the marketplace, so it is sent again.',
        errorCode: 'SEND_INTERRUPTED',
      },
    });
  });

  it('cancelling keeps the reason', () => {
    expect(transition(job('retry-wait', { attempts: 1, nextTryAt: at(5000) }), { type: 'cancel', reason: 'cancelled in the marketplace' }, ctx)).toEqual({
      ok: true,
      job: { state: 'cancelled', attempts: 1, nextTryAt: null, lastError: 'cancelled in the marketplace', errorCode: 'ORDER_CANCELLED' },
    });
  });

  it('marked as sent by file: the last error stays as history, nothing is due', () => {
    const waiting = job('needs-attention', { attempts: 5, lastError: 'Gave up', errorCode: 'MARKETPLACE_UNAVAILABLE' });
    expect(transition(waiting, { type: 'mark-sent-by-file' }, ctx)).toEqual({ ok: true, job: { ...waiting, state: 'sent-by-file' } });
  });

  it('a supervisor’s retry-now is due at once and starts the give-up count again', () => {
    const gaveUp = job('needs-attention', { attempts: 5, lastError: 'Gave up after 5 attempts.', errorCode: 'MARKETPLACE_UNAVAILABLE' });
    expect(transition(gaveUp, { type: 'retry-now' }, ctx)).toEqual({ ok: true, job: { ...gaveUp, state: 'retry-wait', attempts: 0, nextTryAt: at(0) } });
    const result = transition(job('retry-wait', { attempts: 2, nextTryAt: at(60_000) }), { type: 'retry-now' }, ctx);
    expect(result.ok && transition(result.job, { type: 'claim' }, ctx).ok).toBe(true);
  });

  it('giving up hands the job to a person with the reason', () => {
    expect(transition(job('retry-wait', { attempts: 3, nextTryAt: at(1000) }), { type: 'give-up', reason: 'Past its confirm-by time.' }, ctx)).toEqual({
      ok: true,
      job: { state: 'needs-attention', attempts: 3, nextTryAt: null, lastError: 'Past its confirm-by time.', errorCode: 'SYNC_GAVE_UP' },
    });
  });
});
