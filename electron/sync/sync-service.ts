import { gunzipSync } from 'node:zlib';
import type { MarketplaceSettings, PendingConfirmation, SyncCycle, SyncStatus } from '../../shared/contract';
import type { ImportedOrder } from '../../shared/import/unshipped-orders';
import { DomainError } from '../../shared/result';
import { FLAT_FILE_CONTENT_TYPE, FLAT_FILE_FEED_TYPE, buildFulfillmentFlatFile, flatFileProblem } from '../../shared/sync/fulfillment-flat-file';
import type { FlatFileConfirmation } from '../../shared/sync/fulfillment-flat-file';
import { transition } from '../../shared/sync/outbox-machine';
import type { OutboxEvent } from '../../shared/sync/outbox-machine';
import { feedOutcomes, parseProcessingReport } from '../../shared/sync/processing-report';
import { mapPulledOrder } from '../../shared/sync/pulled-orders';
import { deadlineStanding } from '../../shared/sync/confirm-deadline';
import { pulledPackageStatuses, trackingFacts } from '../../shared/sync/package-status';
import { classifySpApiOutcome } from '../../shared/sync/sp-api-errors';
import type { SpApiClassification } from '../../shared/sync/sp-api-errors';
import type { Store } from '../db/store';
import type { OutboxJob } from '../db/repositories/outbox';
import type { SettingsService } from '../services/settings-service';
import type { CredentialStore, MarketplaceCredentials } from './credentials';
import { createSpApiClient } from './sp-api-client';
import type { SpApiClient, SpApiOutcome } from './sp-api-client';

export const CONFIRM_KIND = 'confirm-shipment';
const FEED_TYPE = FLAT_FILE_FEED_TYPE;
const FEED_CONTENT_TYPE = FLAT_FILE_CONTENT_TYPE;

/** What pack-service stores in the outbox when a label is made (the confirmShipment package). */
export type ConfirmationPayload = {
  packageReferenceId: string | null;
  carrierCode: string;
  carrierName: string;
  shippingMethod: string | null;
  trackingNumber: string;
  shipDate: string;
  orderItems: Array<{ orderItemId: string; quantity: number }>;
  /** The label was bought through Amazon's Buy Shipping: Amazon already knows the shipment. */
  purchasedOnline?: boolean;
  /** A confirmShipment call was made for it once: from then on it goes by call only (see push). */
  sentByCall?: boolean;
};

export type SyncServiceDeps = {
  store: Store;
  settings: Pick<SettingsService, 'get'>;
  clock: () => Date;
  credentials: CredentialStore;
  /** Stores pulled orders through the same rules as an imported report (import-service). */
  applyOrders: (orders: readonly ImportedOrder[]) => { counts: { inserted: number; updated: number; unchanged: number; skipped: number } };
  /** An order Amazon says is cancelled (pulled, or refused at confirmation): intercepted at the bench. */
  onCancelled: (orderId: string, reason: string) => void;
  /** Tests and benchmarks pass their own (a fake clock, higher rates). */
  makeClient?: (marketplace: MarketplaceSettings, credentials: () => MarketplaceCredentials | null) => SpApiClient;
  random?: () => number;
  /** A pull that would wait longer than this for Amazon's searchOrders rate stops and resumes next cycle. */
  pullWaitBudgetMs?: number;
  /** How long a submitted feed is polled within one cycle before the cycle ends (it resumes next cycle). */
  feedPollBudgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

type Connection = { state: 'online' | 'offline' | 'auth-failed'; at: string; error: { code: string; message: string } | null };

/** The first pull looks back this far: orders still unshipped from the week before the bench. */
const FIRST_PULL_LOOKBACK_MS = 7 * 24 * 3600_000;
/** Amazon refuses a lastUpdatedBefore closer to now than two minutes. */
const PULL_SAFETY_MS = 2 * 60_000;

/**
 * Marketplace sync: pulls orders (Orders API 2026-01-01, incremental from the last complete
 * pull) and pushes the outbox's shipment confirmations, most urgent (confirm-by) first, one
 * confirmShipment call each or, when the backlog is larger than the threshold, as one flat-file
 * feed. Every step is stored before it is taken and every answer after, so a crash at any
 * moment is followed by a resend that Amazon reads as the same package (the same
 * packageReferenceId edits, never adds), or by a look-up of a feed, never a blind resubmission.
 */
export function createSyncService(deps: SyncServiceDeps) {
  const { store, settings, clock, credentials } = deps;
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pullWaitBudgetMs = deps.pullWaitBudgetMs ?? 5_000;
  const feedPollBudgetMs = deps.feedPollBudgetMs ?? 60_000;
  const nowIso = () => clock().toISOString();
  let client: SpApiClient | null = null;
  let clientKey = '';
  let running: Promise<SyncCycle> | null = null;

  function readCredentials(): MarketplaceCredentials | null {
    try {
      return credentials.read();
    } catch {
      return null;
    }
  }

  function clientFor(marketplace: MarketplaceSettings): SpApiClient {
    const key = `${marketplace.spApiEndpoint} ${marketplace.lwaEndpoint}`;
    if (!client || key !== clientKey) {
      client = deps.makeClient
        ? deps.makeClient(marketplace, readCredentials)
        : createSpApiClient({ spApiEndpoint: marketplace.spApiEndpoint, lwaEndpoint: marketplace.lwaEndpoint, credentials: readCredentials });
      clientKey = key;
    }
    return client;
  }

  function connection(): Connection | null {
    return store.sync.state<Connection>('connection');
  }

  function noteContact(outcome: SpApiOutcome, classification: SpApiClassification): void {
    const at = nowIso();
    if (classification.class === 'auth') {
      store.sync.setState('connection', { state: 'auth-failed', at, error: { code: classification.code, message: classification.message } } satisfies Connection, at);
    } else if (outcome.kind === 'network') {
      const before = connection();
      store.sync.setState(
        'connection',
        { state: 'offline', at: before?.state === 'online' ? before.at : (before?.at ?? at), error: { code: classification.code, message: classification.message } } satisfies Connection,
        at,
      );
    } else {
      store.sync.setState('connection', { state: 'online', at, error: classification.class === 'ok' ? null : { code: classification.code, message: classification.message } } satisfies Connection, at);
    }
  }

  // ---- status ------------------------------------------------------------------------------

  function payloadOf(job: OutboxJob): ConfirmationPayload {
    return job.payload as ConfirmationPayload;
  }

  function status(): SyncStatus {
    const marketplace = settings.get().marketplace;
    const now = clock().getTime();
    const riskMs = marketplace.atRiskMinutes * 60_000;
    const unsent = store.outbox.unsent(CONFIRM_KIND);
    const openExport = store.sync.state<{ id: number; at: string; jobCount: number }>('openExport');
    const confirmations: PendingConfirmation[] = unsent.map((job) => {
      const payload = payloadOf(job);
      const standing = deadlineStanding(job.confirmBy, now, riskMs);
      return {
        jobId: job.id,
        orderId: job.orderId,
        trackingNumber: payload.trackingNumber ?? null,
        carrierCode: payload.carrierCode ?? null,
        confirmBy: job.confirmBy,
        state: job.state as PendingConfirmation['state'],
        attempts: job.attempts,
        nextTryAt: job.nextTryAt,
        errorCode: job.errorCode,
        lastError: job.lastError,
        inFile: openExport !== null && job.exportRef === openExport.id,
        atRisk: standing === 'late' || standing === 'within',
        late: standing === 'late',
        labelledAt: job.createdAt,
      };
    });
    const oldest = unsent.reduce<string | null>((min, job) => (min === null || job.createdAt < min ? job.createdAt : min), null);
    const credentialsPresent = readCredentials() !== null;
    const seen = connection();
    const state: SyncStatus['connection'] = !marketplace.enabled ? 'off' : !credentialsPresent ? 'no-credentials' : (seen?.state ?? 'offline');
    return {
      connection: state,
      lastContactAt: store.sync.state<string>('lastContactAt'),
      lastPullAt: store.sync.state<string>('lastPullAt'),
      lastPushAt: store.sync.state<string>('lastPushAt'),
      lastError: seen?.error ?? null,
      pendingCount: confirmations.filter((entry) => entry.state !== 'needs-attention').length,
      needsAttentionCount: confirmations.filter((entry) => entry.state === 'needs-attention').length,
      atRiskCount: confirmations.filter((entry) => entry.atRisk).length,
      oldestUnsentAt: oldest,
      offlineBudgetExceeded: oldest !== null && now - Date.parse(oldest) > marketplace.offlineBudgetHours * 3600_000,
      confirmations,
      openExport: openExport && store.sync.export(openExport.id)?.uploadedAt === null ? openExport : null,
    };
  }

  // ---- the outbox state machine, applied ------------------------------------------------------

  function apply(job: OutboxJob, event: OutboxEvent, extra: { sentVia?: 'api' | 'feed' | 'file' | 'label-purchase'; feedRef?: number | null } = {}): boolean {
    const next = transition(
      { state: job.state, attempts: job.attempts, nextTryAt: job.nextTryAt, lastError: job.lastError, errorCode: job.errorCode },
      event,
      { now: clock().getTime(), random },
    );
    if (!next.ok) return false;
    const at = nowIso();
    // The database keeps one finished state; how a confirmation left is in sent_via.
    const byFile = next.job.state === 'sent-by-file';
    const state = next.job.state === 'sent-by-file' ? 'done' : next.job.state;
    return store.outbox.move(
      job.id,
      job.state,
      {
        state,
        attempts: next.job.attempts,
        nextTryAt: next.job.nextTryAt,
        lastError: next.job.lastError,
        errorCode: next.job.errorCode,
        ...(state === 'done' ? { sentVia: byFile ? 'file' : (extra.sentVia ?? 'api'), sentAt: at } : {}),
        ...(extra.feedRef !== undefined ? { feedRef: extra.feedRef } : {}),
      },
      at,
    );
  }

  /** Jobs a crash left in 'sending': they may or may not have reached Amazon, so they go again. */
  function recoverInterrupted(): number {
    let recovered = 0;
    for (const job of store.outbox.inState(CONFIRM_KIND, 'sending')) {
      // A job inside an open feed belongs to that feed: its result decides it.
      if (job.feedRef !== null && store.sync.feed(job.feedRef)?.state !== 'failed' && store.sync.feed(job.feedRef)?.state !== 'done') continue;
      if (apply(job, { type: 'recovered-after-crash' })) recovered += 1;
    }
    return recovered;
  }

  // ---- pull ---------------------------------------------------------------------------------

  type PullCheckpoint = { after: string; before: string; token: string | null };

  async function pull(api: SpApiClient, marketplace: MarketplaceSettings): Promise<NonNullable<SyncCycle['pulled']>> {
    const result = { added: 0, updated: 0, cancelled: 0, failed: 0, tracked: 0 };
    const now = clock().getTime();
    // A pull cut short (offline, the rate limit) resumes from its page token with the same window.
    const resume = store.sync.state<PullCheckpoint>('pullPage');
    const after = resume?.after ?? store.sync.state<string>('pullCheckpoint') ?? new Date(now - FIRST_PULL_LOOKBACK_MS).toISOString();
    const before = resume?.before ?? new Date(now - PULL_SAFETY_MS).toISOString();
    let token = resume?.token ?? null;
    for (;;) {
      const wait = api.waitTime('searchOrders');
      if (wait > pullWaitBudgetMs) {
        // Amazon allows one page every ~3 minutes after the burst: the rest waits for the next cycle.
        store.sync.setState('pullPage', { after, before, token } satisfies PullCheckpoint, nowIso());
        return result;
      }
      const outcome = await api.call('searchOrders', {
        method: 'GET',
        path: '/orders/2026-01-01/orders',
        // A later page repeats every parameter of the first, with the token (the model says so).
        query: {
          marketplaceIds: marketplace.marketplaceId,
          lastUpdatedAfter: after,
          lastUpdatedBefore: before,
          fulfilledBy: 'MERCHANT',
          maxResultsPerPage: '100',
          includedData: ['RECIPIENT', 'FULFILLMENT', 'CANCELLATION', 'BUYER', 'PACKAGES'],
          ...(token ? { paginationToken: token } : {}),
        },
      });
      const classification = classifySpApiOutcome(outcome);
      noteContact(outcome, classification);
      if (classification.class !== 'ok' || outcome.kind !== 'http') {
        store.sync.setState('pullPage', { after, before, token } satisfies PullCheckpoint, nowIso());
        throw new DomainError(classification.code, classification.message);
      }
      store.sync.setState('lastContactAt', nowIso(), nowIso());
      const body = outcome.body as { orders?: unknown[]; pagination?: { nextToken?: string } } | null;
      const mapped: ImportedOrder[] = [];
      for (const raw of body?.orders ?? []) {
        // Shipped orders come back when Amazon learns more of their parcels (scanned, delivered…).
        result.tracked += recordPackageStatuses(raw);
        const one = mapPulledOrder(raw);
        if (one.ok) mapped.push(one.order);
        // Amazon-fulfilled, pending or already shipped: not the bench's; only bad data counts as failed.
        else if (!one.error.skipped) result.failed += 1;
      }
      const cancelledBefore = mapped.filter((order) => order.cancelled && store.orders.get(order.orderId)?.status !== 'cancelled').length;
      const applied = deps.applyOrders(mapped);
      result.added += applied.counts.inserted;
      result.updated += applied.counts.updated;
      result.cancelled += cancelledBefore;
      token = body?.pagination?.nextToken ?? null;
      if (!token) break;
      store.sync.setState('pullPage', { after, before, token } satisfies PullCheckpoint, nowIso());
    }
    const at = nowIso();
    store.transaction(() => {
      store.sync.setState('pullCheckpoint', before, at);
      store.sync.setState('pullPage', null, at);
      store.sync.setState('lastPullAt', at, at);
    });
    return result;
  }

  /**
   * The carrier's progress Amazon reports for the order's packages, kept per package: the first
   * time the bench saw each fact (a first scan, delivery, an exception, a return), never moved
   * later. Returns how many packages learnt something new.
   */
  function recordPackageStatuses(raw: unknown): number {
    let changed = 0;
    const at = nowIso();
    for (const entry of pulledPackageStatuses(raw)) {
      const seq = /^[1-9][0-9]{0,5}$/.test(entry.packageReferenceId) ? Number(entry.packageReferenceId) : null;
      const pkg = (entry.trackingNumber ? store.shipments.findByTracking(entry.trackingNumber) : null) ?? (seq === null ? null : store.shipments.bySeq(entry.orderId, seq));
      if (!pkg || pkg.orderId !== entry.orderId) continue;
      const before = store.metrics.trackingOf(pkg.id) as (ReturnType<typeof store.metrics.trackingOf> & { exception_at?: string | null; returned_at?: string | null }) | null;
      if (!before) continue;
      const facts = trackingFacts(entry.status, entry.detailedStatus);
      const next = {
        checkedAt: at,
        firstScanAt: before.first_scan_at ?? (facts.scanned ? at : null),
        deliveredAt: before.delivered_at ?? (facts.delivered ? at : null),
        exceptionAt: before.exception_at ?? (facts.exception ? at : null),
        returnedAt: before.returned_at ?? (facts.returned ? at : null),
      };
      const learnt = next.firstScanAt !== before.first_scan_at || next.deliveredAt !== before.delivered_at || next.exceptionAt !== (before.exception_at ?? null) || next.returnedAt !== (before.returned_at ?? null);
      store.metrics.recordCarrierTracking(pkg.id, next, at);
      if (learnt) changed += 1;
    }
    return changed;
  }

  // ---- push ---------------------------------------------------------------------------------

  // Amazon wants a positive number, unique among the order's packages; the package's number
  // within its order is both, and stays the same on every retry.
  function referenceIdOf(job: OutboxJob, payload: ConfirmationPayload): string {
    if (payload.packageReferenceId && /^[1-9][0-9]{0,15}$/.test(payload.packageReferenceId)) return payload.packageReferenceId;
    const seq = job.packageId === null ? null : (store.shipments.get(job.packageId)?.seq ?? null);
    const fixed = String(seq ?? job.id);
    store.outbox.setPayload(job.id, { ...payload, packageReferenceId: fixed }, nowIso());
    return fixed;
  }

  async function confirmOne(api: SpApiClient, marketplace: MarketplaceSettings, job: OutboxJob): Promise<'done' | 'retry' | 'attention' | 'stop' | 'skipped'> {
    const payload = payloadOf(job);
    if (payload.purchasedOnline) {
      // Bought through Amazon's Buy Shipping: Amazon knows the shipment; a confirmation is not needed.
      const claimed = store.outbox.get(job.id);
      if (claimed && apply(claimed, { type: 'claim' })) {
        const sending = store.outbox.get(job.id);
        if (sending) apply(sending, { type: 'succeeded' }, { sentVia: 'label-purchase' });
      }
      return 'done';
    }
    const referenceId = referenceIdOf(job, payload);
    const fresh = store.outbox.get(job.id);
    const claimed = store.transaction(() => {
      if (!fresh || !apply(fresh, { type: 'claim' })) return false;
      // Marked before the call leaves: whatever becomes of it, Amazon may have it from now on.
      if (!payload.sentByCall) store.outbox.setPayload(job.id, { ...payload, packageReferenceId: referenceId, sentByCall: true }, nowIso());
      return true;
    });
    if (!claimed) return 'skipped';
    const sending = store.outbox.get(job.id);
    if (!sending) return 'skipped';
    const outcome = await api.call('confirmShipment', {
      method: 'POST',
      path: `/orders/v0/orders/${encodeURIComponent(job.orderId)}/shipmentConfirmation`,
      body: {
        marketplaceId: marketplace.marketplaceId,
        packageDetail: {
          packageReferenceId: referenceId,
          carrierCode: payload.carrierCode,
          ...(payload.carrierCode === 'Other' || payload.carrierName ? { carrierName: payload.carrierName } : {}),
          ...(payload.shippingMethod ? { shippingMethod: payload.shippingMethod } : {}),
          trackingNumber: payload.trackingNumber,
          shipDate: payload.shipDate,
          orderItems: payload.orderItems,
        },
      },
    });
    const classification = classifySpApiOutcome(outcome);
    noteContact(outcome, classification);
    if (outcome.kind === 'http') store.sync.setState('lastContactAt', nowIso(), nowIso());
    // Certainly never left this machine (refused, no route): it has not reached Amazon after all.
    if (classification.code === 'MARKETPLACE_OFFLINE' && !payload.sentByCall) store.outbox.setPayload(job.id, { ...payload, packageReferenceId: referenceId }, nowIso());
    const event: OutboxEvent = classification.class === 'ok' ? { type: 'succeeded' } : { type: 'failed', classification };
    apply(sending, event, { sentVia: 'api' });
    if (classification.class === 'ok') return 'done';
    if (classification.code === 'ORDER_CANCELLED_AT_MARKETPLACE') deps.onCancelled(job.orderId, 'cancelled in the marketplace');
    if (classification.class === 'permanent') return 'attention';
    // Offline or signed out: every other job would fail the same way; stop for this cycle.
    if (classification.class === 'auth' || outcome.kind === 'network') return 'stop';
    return 'retry';
  }

  function confirmationOf(job: OutboxJob): FlatFileConfirmation {
    const payload = payloadOf(job);
    return {
      key: String(job.id),
      orderId: job.orderId,
      shipDate: payload.shipDate,
      carrierCode: payload.carrierCode,
      carrierName: payload.carrierName,
      shippingMethod: payload.shippingMethod ?? '',
      trackingNumber: payload.trackingNumber,
      items: payload.orderItems,
    };
  }

  /** Starts a feed for the jobs: stored with its file before anything is sent. */
  function openFeed(jobs: readonly OutboxJob[]): number | null {
    if (jobs.length === 0) return null;
    const file = buildFulfillmentFlatFile(jobs.map(confirmationOf));
    const at = nowIso();
    return store.transaction(() => {
      const feedRef = store.sync.addFeed({ feedType: FEED_TYPE, content: file.text, records: file.records.map((record) => ({ recordNumber: record.recordNumber, jobId: Number(record.key) })) }, at);
      let claimed = 0;
      for (const job of jobs) {
        const fresh = store.outbox.get(job.id);
        if (fresh && apply(fresh, { type: 'claim' }, { feedRef })) claimed += 1;
      }
      return claimed > 0 ? feedRef : null;
    });
  }

  function failFeedJobs(feedRef: number, classification: SpApiClassification | null, feedError: string): void {
    store.transaction(() => {
      for (const job of store.outbox.ofFeed(feedRef)) {
        if (job.state !== 'sending') continue;
        apply(job, classification ? { type: 'failed', classification } : { type: 'recovered-after-crash' }, { feedRef: null });
      }
      store.sync.updateFeed(feedRef, { state: 'failed', lastError: feedError }, nowIso());
    });
  }

  /** Takes an open feed one step further; true when it reached an end (done or failed). */
  async function advanceFeed(api: SpApiClient, marketplace: MarketplaceSettings, feedRef: number): Promise<'ended' | 'waiting' | 'offline'> {
    const feed = store.sync.feed(feedRef);
    if (!feed) return 'ended';
    const step = async (outcome: SpApiOutcome): Promise<SpApiClassification> => {
      const classification = classifySpApiOutcome(outcome);
      noteContact(outcome, classification);
      return classification;
    };
    if (feed.state === 'new' || (feed.state === 'uploaded' && feed.feedDocumentId === null)) {
      const created = await api.call('createFeedDocument', { method: 'POST', path: '/feeds/2021-06-30/documents', body: { contentType: FEED_CONTENT_TYPE } });
      const classification = await step(created);
      if (classification.class !== 'ok' || created.kind !== 'http') return classification.class === 'permanent' ? (failFeedJobs(feedRef, classification, classification.message), 'ended') : 'offline';
      const document = created.body as { feedDocumentId: string; url: string };
      const uploaded = await api.upload(document.url, FEED_CONTENT_TYPE, new TextEncoder().encode(feed.content));
      const uploadClass = await step(uploaded);
      if (uploadClass.class !== 'ok') return 'offline';
      store.sync.updateFeed(feedRef, { state: 'uploaded', feedDocumentId: document.feedDocumentId }, nowIso());
      return advanceFeed(api, marketplace, feedRef);
    }
    if (feed.state === 'uploaded' || feed.state === 'submitting') {
      if (feed.state === 'submitting') {
        // The last createFeed got no answer: it may have been created. Look before sending again.
        const found = await findSubmittedFeed(api, feed.submittedAt);
        if (found === 'offline') return 'offline';
        if (found !== null) {
          store.sync.updateFeed(feedRef, { state: 'submitted', feedId: found }, nowIso());
          return advanceFeed(api, marketplace, feedRef);
        }
      }
      const at = nowIso();
      store.sync.updateFeed(feedRef, { state: 'submitting', submittedAt: at }, at);
      const created = await api.call('createFeed', {
        method: 'POST',
        path: '/feeds/2021-06-30/feeds',
        body: { feedType: FEED_TYPE, marketplaceIds: [marketplace.marketplaceId], inputFeedDocumentId: feed.feedDocumentId },
      });
      const classification = await step(created);
      if (classification.class === 'ok' && created.kind === 'http') {
        store.sync.updateFeed(feedRef, { state: 'submitted', feedId: (created.body as { feedId: string }).feedId }, nowIso());
        return advanceFeed(api, marketplace, feedRef);
      }
      // An answer that refused it means no feed was made: it may be submitted again.
      if (created.kind === 'http') store.sync.updateFeed(feedRef, { state: 'uploaded', lastError: classification.message }, nowIso());
      if (classification.class === 'permanent') {
        failFeedJobs(feedRef, classification, classification.message);
        return 'ended';
      }
      return 'offline';
    }
    if (feed.state === 'submitted' && feed.feedId) {
      const started = clock().getTime();
      for (;;) {
        const polled = await api.call('getFeed', { method: 'GET', path: `/feeds/2021-06-30/feeds/${encodeURIComponent(feed.feedId)}` });
        const classification = await step(polled);
        if (classification.class !== 'ok' || polled.kind !== 'http') return classification.class === 'permanent' ? 'waiting' : 'offline';
        const state = polled.body as { processingStatus: string; resultFeedDocumentId?: string };
        store.sync.updateFeed(feedRef, { state: 'submitted', processingStatus: state.processingStatus }, nowIso());
        if (state.processingStatus === 'DONE' && state.resultFeedDocumentId) return readFeedResult(api, feedRef, state.resultFeedDocumentId);
        if (state.processingStatus === 'FATAL' || state.processingStatus === 'CANCELLED') {
          // Not processed at all: the confirmations go again (by feed or by call).
          failFeedJobs(feedRef, null, `Amazon did not process feed ${feed.feedId} (${state.processingStatus}).`);
          return 'ended';
        }
        if (clock().getTime() - started > feedPollBudgetMs) return 'waiting';
        await sleep(Math.min(30_000, Math.max(500, feedPollBudgetMs / 20)));
      }
    }
    return 'ended';
  }

  async function findSubmittedFeed(api: SpApiClient, submittedAt: string | null): Promise<string | null | 'offline'> {
    const since = new Date(Date.parse(submittedAt ?? nowIso()) - 5 * 60_000).toISOString();
    const listed = await api.call('getFeeds', { method: 'GET', path: '/feeds/2021-06-30/feeds', query: { feedTypes: FEED_TYPE, createdSince: since } });
    const classification = classifySpApiOutcome(listed);
    noteContact(listed, classification);
    if (classification.class !== 'ok' || listed.kind !== 'http') return 'offline';
    const feeds = ((listed.body as { feeds?: Array<{ feedId: string; createdTime: string }> } | null)?.feeds ?? []).filter((entry) => entry.createdTime >= since);
    // Any feed this station already knows, finished or not, is not the one whose answer was lost;
    // of the others, the one made closest to our submission (the newest) is ours.
    const unknown = feeds.filter((entry) => store.sync.feedByAmazonId(entry.feedId) === null).sort((a, b) => b.createdTime.localeCompare(a.createdTime));
    return unknown[0]?.feedId ?? null;
  }

  async function readFeedResult(api: SpApiClient, feedRef: number, resultDocumentId: string): Promise<'ended' | 'offline'> {
    const documentOutcome = await api.call('getFeedDocument', { method: 'GET', path: `/feeds/2021-06-30/documents/${encodeURIComponent(resultDocumentId)}` });
    const classification = classifySpApiOutcome(documentOutcome);
    noteContact(documentOutcome, classification);
    if (classification.class !== 'ok' || documentOutcome.kind !== 'http') return 'offline';
    const document = documentOutcome.body as { url: string; compressionAlgorithm?: string };
    const downloaded = await api.download(document.url);
    if (!downloaded.ok) return 'offline';
    const text = new TextDecoder().decode(document.compressionAlgorithm === 'GZIP' ? gunzipSync(downloaded.bytes) : downloaded.bytes);
    const feed = store.sync.feed(feedRef);
    if (!feed) return 'ended';
    const report = parseProcessingReport(text);
    const outcomes = feedOutcomes(
      feed.records.map((record) => ({ recordNumber: record.recordNumber, key: String(record.jobId) })),
      report,
    );
    const at = nowIso();
    store.transaction(() => {
      for (const outcome of outcomes.results) {
        const job = store.outbox.get(Number(outcome.key));
        if (!job || job.state !== 'sending') continue;
        if (outcome.outcome === 'rejected') {
          const message = outcome.messages.join(' ');
          apply(job, { type: 'failed', classification: { class: 'permanent', code: 'MARKETPLACE_INVALID_INPUT', message, retryAfterMs: null } });
        } else if (outcome.outcome === 'unknown') {
          // Sending it again could make a second package at Amazon: a person checks the order first.
          apply(job, {
            type: 'failed',
            classification: {
              class: 'permanent',
              code: 'MARKETPLACE_UNEXPECTED_ANSWER',
              message: `Amazon's report for feed ${feed.feedId ?? ''} does not say whether this confirmation was accepted: check the order in Seller Central.`,
              retryAfterMs: null,
            },
          });
        } else {
          apply(job, { type: 'succeeded' }, { sentVia: 'feed' });
        }
      }
      store.sync.updateFeed(feedRef, { state: 'done', report: text, processingStatus: 'DONE', lastError: outcomes.consistent ? null : 'the processing report does not add up' }, at);
    });
    return 'ended';
  }

  async function push(api: SpApiClient, marketplace: MarketplaceSettings): Promise<NonNullable<SyncCycle['pushed']>> {
    const result = { confirmed: 0, byFeed: 0, failed: 0, needsAttention: 0, waiting: 0 };
    recoverInterrupted();
    // Feeds already under way are finished first: their jobs are not sent a second way.
    for (const feed of store.sync.openFeeds()) {
      const before = store.outbox.ofFeed(feed.id).filter((job) => job.state === 'sending').length;
      const step = await advanceFeed(api, marketplace, feed.id);
      if (step === 'offline') return { ...result, waiting: store.outbox.unsent(CONFIRM_KIND).length };
      if (step === 'ended') result.byFeed += before;
    }
    // Amazon answered this cycle: what waited only because it could not be reached goes now,
    // most urgent first, instead of sitting out its backoff after the outage is over.
    if (connection()?.state === 'online') store.outbox.makeDue(CONFIRM_KIND, 'MARKETPLACE_OFFLINE', nowIso());
    const due = store.outbox.dueAt(CONFIRM_KIND, nowIso(), 100_000);
    // A confirmation that may already be at Amazon (a call that got no answer) goes again by
    // call only: the same packageReferenceId edits that package, where a feed row (which has
    // no such id) would read as a second shipment of the same items.
    const feedable = due.filter((job) => !payloadOf(job).sentByCall && !payloadOf(job).purchasedOnline && flatFileProblem(confirmationOf(job)) === null);
    let byCall = due;
    if (due.length > marketplace.feedThreshold && feedable.length > 0) {
      const feedRef = openFeed(feedable);
      if (feedRef !== null) {
        const inFeed = new Set(store.outbox.ofFeed(feedRef).map((job) => job.id));
        byCall = due.filter((job) => !inFeed.has(job.id));
        const step = await advanceFeed(api, marketplace, feedRef);
        if (step === 'ended') result.byFeed += store.outbox.ofFeed(feedRef).filter((job) => job.state === 'done').length;
        if (step === 'offline') byCall = [];
      }
    }
    for (const job of byCall) {
      const outcome = await confirmOne(api, marketplace, job);
      if (outcome === 'done') result.confirmed += 1;
      else if (outcome === 'attention') result.needsAttention += 1;
      else if (outcome === 'retry') result.failed += 1;
      else if (outcome === 'stop') {
        result.failed += 1;
        break;
      }
    }
    const at = nowIso();
    store.sync.setState('lastPushAt', at, at);
    result.waiting = store.outbox.unsent(CONFIRM_KIND).length;
    return result;
  }

  /** One full cycle: pull, then push. A failure of one part is reported and does not stop the other. */
  async function runOnce(): Promise<SyncCycle> {
    if (running) return running;
    running = (async () => {
      const marketplace = settings.get().marketplace;
      const cycle: SyncCycle = { pulled: null, pushed: null, errors: [] };
      if (!marketplace.enabled) {
        cycle.errors.push({ code: 'SYNC_OFF', message: 'Marketplace sync is off: turn it on in Settings, or use the confirmations file.' });
        return cycle;
      }
      if (readCredentials() === null) {
        cycle.errors.push({ code: 'CREDENTIALS_MISSING', message: 'No marketplace credentials are stored: a supervisor enters them in Settings.' });
        return cycle;
      }
      const api = clientFor(marketplace);
      try {
        cycle.pulled = await pull(api, marketplace);
      } catch (error) {
        cycle.errors.push({ code: error instanceof DomainError ? error.code : 'SYNC_FAILED', message: (error as Error).message });
      }
      try {
        cycle.pushed = await push(api, marketplace);
      } catch (error) {
        cycle.errors.push({ code: error instanceof DomainError ? error.code : 'SYNC_FAILED', message: (error as Error).message });
      }
      return cycle;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  // ---- people -------------------------------------------------------------------------------

  function retry(jobId: number): SyncStatus {
    const job = store.outbox.get(jobId);
    if (!job || job.kind !== CONFIRM_KIND) throw new DomainError('CONFIRMATION_NOT_FOUND', `There is no confirmation ${jobId}.`, { jobId });
    if (!apply(job, { type: 'retry-now' })) {
      throw new DomainError('CONFIRMATION_NOT_RETRYABLE', `Confirmation ${jobId} is ${job.state} and cannot be tried again now.`, { jobId, state: job.state });
    }
    return status();
  }

  /** The waiting confirmations as Amazon's flat file; kept, and marked as in this file. */
  function exportFile(operator: string): { exportId: number; fileName: string; content: string; jobCount: number } {
    const jobs = store.outbox.unsent(CONFIRM_KIND).filter((job) => job.state !== 'sending' && !payloadOf(job).purchasedOnline);
    if (jobs.length === 0) throw new DomainError('NOTHING_TO_EXPORT', 'There is no confirmation waiting.');
    const file = buildFulfillmentFlatFile(jobs.map(confirmationOf));
    const at = nowIso();
    const exportId = store.transaction(() => {
      const id = store.sync.addExport({ at, operator, content: file.text, jobCount: jobs.length });
      for (const job of jobs) store.outbox.setExport(job.id, id, at);
      store.sync.setState('openExport', { id, at, jobCount: jobs.length }, at);
      return id;
    });
    return { exportId, fileName: `shipping-confirmations-${at.slice(0, 16).replace(/[:T]/g, '-')}.txt`, content: file.text, jobCount: jobs.length };
  }

  /** The file was uploaded in Seller Central: its confirmations count as sent (by file). */
  function markUploaded(exportId: number, operator: string): SyncStatus {
    const record = store.sync.export(exportId);
    if (!record) throw new DomainError('EXPORT_NOT_FOUND', `There is no confirmations file ${exportId}.`, { exportId });
    const at = nowIso();
    store.transaction(() => {
      store.sync.markExportUploaded(exportId, operator, at);
      for (const job of store.outbox.unsent(CONFIRM_KIND)) {
        if (job.exportRef !== exportId || job.state === 'sending') continue;
        apply(job, { type: 'mark-sent-by-file' });
      }
      if (store.sync.state<{ id: number }>('openExport')?.id === exportId) store.sync.setState('openExport', null, at);
    });
    return status();
  }

  function setCredentials(next: MarketplaceCredentials): SyncStatus {
    credentials.write(next);
    client = null;
    store.sync.setState('connection', null, nowIso());
    return status();
  }

  // ---- in the background ---------------------------------------------------------------------

  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;

  /** Runs cycles while the station is open: confirmations as soon as they are due, orders at the pull interval. */
  function start(tickMs = 30_000): void {
    if (!stopped) return;
    stopped = false;
    const tick = async () => {
      if (stopped) return;
      try {
        const marketplace = settings.get().marketplace;
        const lastPull = store.sync.state<string>('lastPullAt');
        const pullDue = lastPull === null || clock().getTime() - Date.parse(lastPull) >= marketplace.pullIntervalMinutes * 60_000;
        const pushDue = store.outbox.dueAt(CONFIRM_KIND, nowIso(), 1).length > 0 || store.sync.openFeeds().length > 0;
        if (marketplace.enabled && (pullDue || pushDue)) await runOnce();
      } catch (error) {
        console.error('marketplace sync cycle failed', error);
      } finally {
        if (!stopped) timer = setTimeout(() => void tick(), tickMs);
      }
    };
    timer = setTimeout(() => void tick(), 1_000);
  }

  function stop(): void {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return { status, runOnce, retry, exportFile, markUploaded, setCredentials, start, stop, recoverInterrupted };
}

export type SyncService = ReturnType<typeof createSyncService>;
