import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Station } from '../../electron/services/station';
import { fixedCredentialStore } from '../../electron/sync/credentials';
import { createSpApiClient } from '../../electron/sync/sp-api-client';
import { DEFAULT_LWA_CREDENTIALS, startMockAmazon } from '../support/mock-amazon';
import type { MockAmazon } from '../support/mock-amazon';
import { auditConfirmations, backlogOrders, openBacklogStation, runSyncSoak, seedBacklog } from '../support/sync-driver';
import { tempDir } from '../support/temp';

// Shipment confirmations survive a faulty marketplace and a sync process killed at random: the
// short version of `npm run bench -- sync` (test/support/sync-driver.ts). The mock fails 30 % of
// calls with every kind of fault; `packbench sync --once` is SIGKILLed mid-run five times, then
// runs clean until nothing is pending. Amazon must then know every package exactly once, with
// the label's tracking number, carrier and items, and every outbox job must be done.

let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
  dir = tempDir('packbench-sync-crash-');
});

afterEach(() => {
  dir.remove();
});

describe('a sync process killed at random against a faulty marketplace', () => {
  it('every confirmation reaches Amazon exactly once with its tracking number, carrier and items; none is lost', { timeout: 120_000 }, async () => {
    const result = await runSyncSoak({
      // More than the kills can drain at Amazon's 2 confirmations/s, so each lands mid-work.
      confirmations: 40,
      kills: 5,
      seed: 20_260_707,
      workDir: dir.path,
      faultProbability: 0.3,
      // Spawned, started (~1 s) and killed somewhere in its sending.
      killAfterMs: [800, 3_000],
    });
    const detail = JSON.stringify({ ...result, lastOutput: undefined }, null, 1) + `\n${result.lastOutput}`;
    expect(result.kills, detail).toBe(5);
    expect(result.pendingAfterFaults, detail).toBeGreaterThan(0);
    expect(result.exactlyOnce, detail).toBe(40);
    expect(result.faultsInjected, detail).toBeGreaterThan(0);
    expect(result.lost, detail).toEqual([]);
    expect(result.duplicated, detail).toEqual([]);
    expect(result.wrong, detail).toEqual([]);
    expect(result.left, detail).toEqual({});
    expect(result.modelViolations, detail).toEqual([]);
  });
});

describe('feeds after an answer that never came', () => {
  let mock: MockAmazon;
  let station: Station | undefined;

  beforeEach(async () => {
    mock = await startMockAmazon({ seed: 3, feedTiming: { polls: 1 } });
  });

  afterEach(async () => {
    station?.close();
    station = undefined;
    await mock.close();
  });

  // BUG (electron/sync/sync-service.ts, findSubmittedFeed): after a createFeed that got no answer,
  // the next cycle lists the feeds created since five minutes before the submission and adopts
  // the oldest one the station does not hold *open*. A feed the station finished minutes ago is
  // not open, so it is taken for the lost one; storing its feedId on the new feed breaks the
  // UNIQUE constraint on feeds.feed_id and the cycle throws (SYNC_FAILED). It throws the same way
  // in every later cycle, before push() reaches any other job: the new feed's confirmations stay
  // in 'sending' for good and nothing else is confirmed either. (The same happens when the lost
  // createFeed did reach Amazon: the oldest unknown feed is still the finished one.) The look-up
  // has to skip every feed this station knows, whatever its state, and prefer the newest.
  it('a feed the station finished minutes ago is not mistaken for the one whose answer was lost', { timeout: 60_000 }, async () => {
    const first = backlogOrders(3, { nowMs: Date.now(), seed: 11, series: 1 });
    const second = backlogOrders(3, { nowMs: Date.now(), seed: 11, series: 2 });
    mock.control.addOrders([...first, ...second]);
    const opened = openBacklogStation({
      dbPath: dir.file('bench.db'),
      mock,
      orders: first,
      feedThreshold: 2,
      credentials: fixedCredentialStore(DEFAULT_LWA_CREDENTIALS, 'the test'),
      syncClient: (marketplace, credentials) => createSpApiClient({ spApiEndpoint: marketplace.spApiEndpoint, lwaEndpoint: marketplace.lwaEndpoint, credentials, timeoutMs: 2_000 }),
      syncTiming: { feedPollBudgetMs: 5_000 },
    });
    station = opened.station;
    await station.sync.runOnce();
    expect(station.store.sync.openFeeds()).toEqual([]);
    expect(mock.control.record().feeds).toHaveLength(1);

    // Three more labels go as a second feed, whose createFeed never reaches Amazon.
    const more = seedBacklog(station, second, Date.now());
    mock.control.fault({ kind: 'reset-before', operation: 'createFeed', times: 1 });
    await station.sync.runOnce();
    expect(station.store.sync.openFeeds().map((feed) => feed.state)).toEqual(['submitting']);
    const after = [await station.sync.runOnce()];
    if (station.store.sync.openFeeds().length > 0) after.push(await station.sync.runOnce());
    expect(after.flatMap((cycle) => cycle.errors)).toEqual([]);

    const audit = auditConfirmations([...opened.expected, ...more], mock.control.record(), (jobId) => station?.store.outbox.get(jobId)?.state ?? null);
    expect(audit.lost).toEqual([]);
    expect(mock.control.record().feeds).toHaveLength(2);
  });

  // BUG (electron/sync/sync-service.ts, push/openFeed): a confirmation whose confirmShipment may
  // have reached Amazon (no answer: reset after Amazon applied it, a timeout) waits in retry-wait,
  // and when the backlog then outgrows the feed threshold it is put in the flat-file feed. A feed
  // row has no packageReferenceId, so Amazon reads it as a second shipment of the same items, not
  // as the same package again: here it refuses the row ("The quantity exceeds the quantity not yet
  // shipped") and the job goes to needs-attention although Amazon has the confirmation; on an
  // order with units left to ship it would add a second package. A job that may have reached
  // Amazon by call has to be re-sent by call (the same packageReferenceId edits, never adds).
  it('a confirmation that may already be at Amazon by call is not sent again by feed', { timeout: 60_000 }, async () => {
    const orders = backlogOrders(3, { nowMs: Date.now(), seed: 12, series: 3 });
    mock.control.addOrders(orders);
    const opened = openBacklogStation({
      dbPath: dir.file('bench.db'),
      mock,
      orders: orders.slice(0, 1),
      feedThreshold: 2,
      credentials: fixedCredentialStore(DEFAULT_LWA_CREDENTIALS, 'the test'),
      syncClient: (marketplace, credentials) => createSpApiClient({ spApiEndpoint: marketplace.spApiEndpoint, lwaEndpoint: marketplace.lwaEndpoint, credentials, timeoutMs: 2_000 }),
      syncTiming: { feedPollBudgetMs: 5_000 },
    });
    station = opened.station;
    mock.control.fault({ kind: 'reset-after', operation: 'confirmShipment', times: 1 });
    await station.sync.runOnce();
    const [first] = opened.expected;
    expect(station.store.outbox.get(first?.jobId ?? 0)).toMatchObject({ state: 'retry-wait', errorCode: 'MARKETPLACE_CONNECTION_LOST' });
    expect(mock.control.record().packages).toHaveLength(1);

    // Two more labels: three due, more than the threshold, so they go as a feed.
    const more = seedBacklog(station, orders.slice(1), Date.now());
    station.sync.retry(first?.jobId ?? 0);
    await station.sync.runOnce();
    if (station.store.sync.openFeeds().length > 0) await station.sync.runOnce();

    const audit = auditConfirmations([...opened.expected, ...more], mock.control.record(), (jobId) => station?.store.outbox.get(jobId)?.state ?? null);
    expect(audit).toMatchObject({ exactlyOnce: 3, lost: [], duplicated: [], wrong: [] });
  });
});
