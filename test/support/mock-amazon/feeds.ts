import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { iso, ORDER_ID } from './order-store';
import type { OrderStore, StoredOrder } from './order-store';
import { carrierCodesFor, orderProblem, packageProblems } from './shipment-rules';
import type { ShipmentRule } from './shipment-rules';
import type { AmazonError, FeedTiming, RecordedFeed, RecordedFeedRowError, RecordedItem, RecordedPackage } from './types';

// Feeds 2021-06-30 for the one feed a packing bench sends, POST_FLAT_FILE_FULFILLMENT_DATA:
// documents with presigned upload and download URLs that expire, feeds that move IN_QUEUE →
// IN_PROGRESS → DONE as they are polled or as time passes, and the flat file applied row by
// row with the same rules as confirmShipment. The processing report is the tab-delimited text
// shape that shared/sync/processing-report.ts parses.

export const FULFILLMENT_FEED_TYPE = 'POST_FLAT_FILE_FULFILLMENT_DATA';

/** Feed type values a seller may send; the mock processes only the fulfillment flat file. */
const KNOWN_FEED_TYPES = new Set([FULFILLMENT_FEED_TYPE, 'POST_ORDER_FULFILLMENT_DATA', 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA', 'POST_PRODUCT_DATA', 'JSON_LISTINGS_FEED']);

const REQUIRED_COLUMNS = ['order-id', 'ship-date', 'carrier-code'] as const;

/**
 * Error codes of the processing report. 18028 and its message are the ones the bench's parser
 * is written against; Amazon publishes no table of flat-file codes, so the others are the
 * mock's own numbering (distinct per rule, so tests can tell them apart).
 */
export const FEED_ERRORS: Record<ShipmentRule | 'ORDER_ID_INVALID' | 'ORDER_NOT_FOUND' | 'SHIP_DATE_INVALID' | 'FIELD_MISSING' | 'HEADER_INVALID', { code: number; message: string }> = {
  CARRIER_CODE_INVALID: { code: 18028, message: 'The carrier-code field contains an invalid value.' },
  CARRIER_NAME_MISSING: { code: 18029, message: 'The carrier-name field is required when carrier-code is Other.' },
  SHIP_DATE_INVALID: { code: 18030, message: 'The ship-date field contains an invalid value.' },
  ORDER_ID_INVALID: { code: 18031, message: 'The order-id field contains an invalid value.' },
  ORDER_NOT_FOUND: { code: 18032, message: 'The order-id was not found for this seller.' },
  ORDER_CANCELLED: { code: 18033, message: 'The order has been cancelled and cannot be confirmed as shipped.' },
  ORDER_NOT_SHIPPABLE: { code: 18034, message: 'The order cannot be confirmed as shipped in its current state.' },
  SHIP_PLUS: { code: 18035, message: 'Shipment confirmation is not supported for Ship+ orders.' },
  ITEM_UNKNOWN: { code: 18036, message: 'The order-item-id is not part of this order.' },
  ITEM_REPEATED: { code: 18036, message: 'The order-item-id is repeated.' },
  NO_ITEMS: { code: 18037, message: 'There is nothing left to ship on this order.' },
  QUANTITY_INVALID: { code: 18038, message: 'The quantity field contains an invalid value.' },
  QUANTITY_EXCEEDS_UNSHIPPED: { code: 18039, message: 'The quantity exceeds the quantity not yet shipped.' },
  MARKETPLACE_MISMATCH: { code: 18040, message: 'The order does not belong to a marketplace of this feed.' },
  PACKAGE_REFERENCE_INVALID: { code: 18041, message: 'The package reference is invalid.' },
  FIELD_MISSING: { code: 18042, message: 'A required field is missing.' },
  HEADER_INVALID: { code: 90001, message: 'The file header is missing required columns (order-id, ship-date, carrier-code) or the file is not tab-delimited UTF-8 text.' },
};

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

type StoredDocument = {
  feedDocumentId: string;
  contentType: string;
  content: Buffer | null;
  /** Result documents are stored gzipped when `compressed`. */
  compressed: boolean;
};

type IssuedUrl = { feedDocumentId: string; purpose: 'upload' | 'download'; expiresMs: number; contentEncodingGzip: boolean };

type StoredFeed = {
  feedId: string;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  createdMs: number;
  polls: number;
  processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';
  startMs?: number;
  endMs?: number;
  resultFeedDocumentId?: string;
  processed?: number;
  successful?: number;
};

export type FeedsOptions = {
  now: () => number;
  store: OrderStore;
  random: () => number;
  documentUrlTtlMs: number;
  timing: FeedTiming;
  gzipReports: boolean;
  carrierCodes: () => { perMarketplace: Record<string, readonly string[]>; fallback: readonly string[] };
  rowErrors: () => RecordedFeedRowError[];
};

const invalid = (details: string): Answer => ({ status: 400, body: { errors: [{ code: 'InvalidInput', message: 'Invalid input', details }] satisfies AmazonError[] } });
const notFound = (details: string): Answer => ({ status: 404, body: { errors: [{ code: 'NotFound', message: 'The requested resource was not found.', details }] satisfies AmazonError[] } });

/** S3's answer to a presigned URL it will not honour. */
function s3Denied(code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'NoSuchKey', message: string): Answer {
  return {
    status: code === 'NoSuchKey' ? 404 : 403,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomUUID()}</RequestId></Error>`,
    headers: { 'content-type': 'application/xml' },
  };
}

/** The media type without parameters, lower-cased: how S3 compares the signed content type. */
function mediaType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

function sameContentType(a: string, b: string): boolean {
  const normal = (value: string) =>
    value
      .split(';')
      .map((part) => part.trim().toLowerCase().replace(/\s+/g, ''))
      .filter((part) => part !== '')
      .join(';');
  return normal(a) === normal(b);
}

const SHIP_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHIP_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ship-date as yyyy-mm-dd or an ISO 8601 date-time, normalised to a date-time; null when neither. */
function shipDateOf(text: string): string | null {
  if (SHIP_DATE.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(ms) || iso(ms).slice(0, 10) !== text ? null : iso(ms);
  }
  if (SHIP_DATE_TIME.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : iso(ms);
  }
  return null;
}

export function createFeeds(options: FeedsOptions) {
  const { now, store } = options;
  const documents = new Map<string, StoredDocument>();
  const urls = new Map<string, IssuedUrl>();
  const feeds = new Map<string, StoredFeed>();
  const listTokens = new Map<string, { ids: string[]; offset: number; pageSize: number }>();
  let feedSerial = 0;
  let packageSerial = 0;

  function token(): string {
    return `${Math.floor(options.random() * 2 ** 32).toString(36)}${randomUUID().replace(/-/g, '')}`;
  }

  function issueUrl(baseUrl: string, feedDocumentId: string, purpose: IssuedUrl['purpose'], contentEncodingGzip = false): string {
    const signature = token();
    urls.set(signature, { feedDocumentId, purpose, expiresMs: now() + options.documentUrlTtlMs, contentEncodingGzip });
    return `${baseUrl}/__documents/${encodeURIComponent(feedDocumentId)}?X-Amz-Expires=${Math.round(options.documentUrlTtlMs / 1000)}&X-Amz-Signature=${signature}`;
  }

  function checkUrl(feedDocumentId: string, signature: string | null, purpose: IssuedUrl['purpose']): IssuedUrl | Answer {
    const issued = signature === null ? undefined : urls.get(signature);
    if (issued === undefined || issued.feedDocumentId !== feedDocumentId || issued.purpose !== purpose) return s3Denied('AccessDenied', 'Access Denied');
    if (now() > issued.expiresMs) return s3Denied('AccessDenied', 'Request has expired');
    return issued;
  }

  function createFeedDocument(body: { contentType: string }, baseUrl: string): Answer {
    if (body.contentType.trim() === '') return invalid('contentType must not be empty');
    const feedDocumentId = `amzn1.tortuga.4.na.${randomUUID()}`;
    documents.set(feedDocumentId, { feedDocumentId, contentType: body.contentType, content: null, compressed: false });
    return { status: 201, body: { feedDocumentId, url: issueUrl(baseUrl, feedDocumentId, 'upload') } };
  }

  function upload(feedDocumentId: string, signature: string | null, contentType: string | undefined, content: Buffer): Answer {
    const checked = checkUrl(feedDocumentId, signature, 'upload');
    if ('status' in checked) return checked;
    const document = documents.get(feedDocumentId);
    if (document === undefined) return s3Denied('NoSuchKey', 'The specified key does not exist.');
    // The content type is part of the signature: another one is a different request to S3.
    if (contentType === undefined || !sameContentType(contentType, document.contentType)) {
      return s3Denied('SignatureDoesNotMatch', `The request signature we calculated does not match the signature you provided. The document was declared as ${document.contentType}, the upload says ${contentType ?? 'nothing'}.`);
    }
    document.content = content;
    return { status: 200, headers: { etag: `"${randomUUID().replace(/-/g, '')}"` } };
  }

  function createFeed(body: { feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string }): Answer {
    if (!KNOWN_FEED_TYPES.has(body.feedType)) return invalid(`Invalid feedType ${body.feedType}`);
    if (body.feedType !== FULFILLMENT_FEED_TYPE) return invalid(`The mock processes only ${FULFILLMENT_FEED_TYPE}, not ${body.feedType}`);
    const document = documents.get(body.inputFeedDocumentId);
    if (document === undefined || document.compressed) return invalid(`Invalid inputFeedDocumentId ${body.inputFeedDocumentId}`);
    feedSerial += 1;
    const feedId = String(50_000_000_000 + feedSerial);
    feeds.set(feedId, {
      feedId,
      feedType: body.feedType,
      marketplaceIds: [...body.marketplaceIds],
      inputFeedDocumentId: body.inputFeedDocumentId,
      createdMs: now(),
      polls: 0,
      processingStatus: 'IN_QUEUE',
    });
    return { status: 202, body: { feedId } };
  }

  /** Moves a feed along its timing; `poll` counts a getFeed of it. */
  function advance(feed: StoredFeed, poll: boolean): void {
    if (feed.processingStatus !== 'IN_QUEUE' && feed.processingStatus !== 'IN_PROGRESS') return;
    if (poll) feed.polls += 1;
    const { ms } = options.timing;
    const polls = options.timing.polls ?? (ms === undefined ? 3 : undefined);
    const elapsed = now() - feed.createdMs;
    const done = (polls !== undefined && feed.polls >= polls) || (ms !== undefined && elapsed >= ms);
    if (done) {
      finish(feed);
      return;
    }
    const started = (polls !== undefined && feed.polls >= 2) || (ms !== undefined && elapsed >= ms / 2);
    if (started && feed.processingStatus === 'IN_QUEUE') {
      feed.processingStatus = 'IN_PROGRESS';
      feed.startMs = now();
    }
  }

  function storeReport(feed: StoredFeed, text: string): void {
    const feedDocumentId = `amzn1.tortuga.4.na.${randomUUID()}`;
    const raw = Buffer.from(text, 'utf8');
    documents.set(feedDocumentId, {
      feedDocumentId,
      contentType: 'text/plain; charset=UTF-8',
      content: options.gzipReports ? gzipSync(raw) : raw,
      compressed: options.gzipReports,
    });
    feed.resultFeedDocumentId = feedDocumentId;
  }

  function finish(feed: StoredFeed): void {
    feed.startMs ??= now();
    feed.endMs = now();
    const document = documents.get(feed.inputFeedDocumentId);
    if (document?.content == null) {
      // Never uploaded: Amazon aborts the feed and has nothing to report on.
      feed.processingStatus = 'FATAL';
      return;
    }
    const outcome = processFlatFile(feed, document);
    feed.processed = outcome.processed;
    feed.successful = outcome.successful;
    feed.processingStatus = outcome.fatal ? 'FATAL' : 'DONE';
    storeReport(feed, report(outcome.processed, outcome.successful, outcome.errors));
  }

  type RowError = { recordNumber: number; orderId: string; orderItemId: string; code: number; message: string };

  function report(processed: number, successful: number, errors: RowError[]): string {
    const lines = [
      'Feed Processing Summary:',
      `\tNumber of records processed\t\t${processed}`,
      `\tNumber of records successful\t\t${successful}`,
      '',
      'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message',
      ...errors.map((e) => `${e.recordNumber}\t${e.orderId}\t${e.orderItemId}\t${e.code}\tError\t${e.message}`),
    ];
    return `${lines.join('\n')}\n`;
  }

  function processFlatFile(feed: StoredFeed, document: StoredDocument): { processed: number; successful: number; errors: RowError[]; fatal: boolean } {
    const fatal = (message = FEED_ERRORS.HEADER_INVALID.message) => ({ processed: 0, successful: 0, errors: [{ recordNumber: 0, orderId: '', orderItemId: '', code: FEED_ERRORS.HEADER_INVALID.code, message }], fatal: true });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(document.content as Buffer);
    } catch {
      return fatal('The file is not valid UTF-8 text.');
    }
    if (mediaType(document.contentType) !== 'text/tab-separated-values' && mediaType(document.contentType) !== 'text/plain') return fatal(`The content type ${document.contentType} is not a flat file.`);
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = (lines.shift() ?? '').split('\t').map((name) => name.trim().toLowerCase());
    if (!REQUIRED_COLUMNS.every((column) => header.includes(column))) return fatal();
    const column = (cells: string[], name: string): string => {
      const index = header.indexOf(name);
      return index < 0 ? '' : (cells[index] ?? '').trim();
    };

    const { perMarketplace, fallback } = options.carrierCodes();
    const errors: RowError[] = [];
    /** Packages this feed built, by order and tracking number: later rows add to them. */
    const built = new Map<string, RecordedPackage>();
    let processed = 0;
    let recordNumber = 0;
    for (const line of lines) {
      if (line.trim() === '') continue;
      recordNumber += 1;
      processed += 1;
      const cells = line.split('\t');
      const orderId = column(cells, 'order-id');
      const orderItemId = column(cells, 'order-item-id');
      const fail = (rule: keyof typeof FEED_ERRORS, detail?: string): void => {
        const { code, message } = FEED_ERRORS[rule];
        errors.push({ recordNumber, orderId, orderItemId, code, message: detail === undefined ? message : `${message} ${detail}` });
      };
      if (orderId === '') {
        fail('FIELD_MISSING', 'order-id');
        continue;
      }
      if (!ORDER_ID.test(orderId)) {
        fail('ORDER_ID_INVALID');
        continue;
      }
      const order = store.get(orderId);
      if (order === undefined) {
        fail('ORDER_NOT_FOUND');
        continue;
      }
      const blocked = orderProblem(order, store);
      if (blocked !== null) {
        fail(blocked.rule);
        continue;
      }
      if (!feed.marketplaceIds.includes(order.marketplaceId)) {
        fail('MARKETPLACE_MISMATCH');
        continue;
      }
      const shipDateText = column(cells, 'ship-date');
      const shipDate = shipDateOf(shipDateText);
      if (shipDate === null) {
        fail(shipDateText === '' ? 'FIELD_MISSING' : 'SHIP_DATE_INVALID', shipDateText === '' ? 'ship-date' : undefined);
        continue;
      }
      const carrierCode = column(cells, 'carrier-code');
      if (carrierCode === '') {
        fail('FIELD_MISSING', 'carrier-code');
        continue;
      }
      const carrierName = column(cells, 'carrier-name') || null;
      const trackingNumber = column(cells, 'tracking-number') || null;
      const shippingMethod = column(cells, 'ship-method') || null;
      const quantityText = column(cells, 'quantity');
      if (quantityText !== '' && !/^\d+$/.test(quantityText)) {
        fail('QUANTITY_INVALID');
        continue;
      }

      const key = `${orderId}\t${trackingNumber ?? ''}`;
      const inThisFeed = built.get(key);
      // A package an earlier feed formed with this tracking number: new data overwrites it.
      const earlier = inThisFeed ?? order.packages.find((pkg) => pkg.via === 'feed' && pkg.feedId !== feed.feedId && (pkg.trackingNumber ?? '') === (trackingNumber ?? ''));
      const mode = inThisFeed === undefined ? 'overwrite' : 'add';
      const rowItems = itemsOfRow(order, orderItemId, quantityText, earlier, mode);
      if ('rule' in rowItems) {
        fail(rowItems.rule);
        continue;
      }
      const merged = earlier === undefined ? rowItems : mergeItems(earlier.items, rowItems, mode);
      const problems = packageProblems(order, store, { carrierCode, carrierName, items: merged }, carrierCodesFor(order.marketplaceId, perMarketplace, fallback), earlier);
      const first = problems[0];
      if (first !== undefined) {
        fail(first.rule);
        continue;
      }
      let packageId = earlier?.packageId;
      if (packageId === undefined) {
        packageSerial += 1;
        packageId = `AMZN-${feed.feedId}-${packageSerial}`;
      }
      const saved = store.savePackage(
        order,
        { orderId, packageReferenceId: null, packageId, carrierCode, carrierName, shippingMethod, trackingNumber, shipDate, items: merged, via: 'feed', feedId: feed.feedId },
        earlier,
        { countAsEdit: inThisFeed === undefined },
      );
      built.set(key, saved);
    }
    const rowErrors = options.rowErrors();
    for (const e of errors) rowErrors.push({ feedId: feed.feedId, recordNumber: e.recordNumber, orderId: e.orderId, orderItemId: e.orderItemId, errorCode: e.code, message: e.message });
    return { processed, successful: processed - new Set(errors.map((e) => e.recordNumber)).size, errors, fatal: false };
  }

  /**
   * The items one row ships: one item, or every unshipped item when order-item-id is blank. A
   * blank quantity means every unit not yet shipped; `mode` says whether the row adds to the
   * package (`add`, a later row of the same feed) or overwrites it (an earlier feed's package).
   */
  function itemsOfRow(order: StoredOrder, orderItemId: string, quantityText: string, pkg: RecordedPackage | undefined, mode: 'add' | 'overwrite'): RecordedItem[] | { rule: ShipmentRule } {
    const remaining = (id: string) => {
      const ordered = order.items.find((item) => item.orderItemId === id)?.quantityOrdered ?? 0;
      const inPackage = mode === 'add' ? (pkg?.items.find((item) => item.orderItemId === id)?.quantity ?? 0) : 0;
      return ordered - store.shipped(order, id, pkg) - inPackage;
    };
    if (orderItemId === '') {
      if (quantityText !== '') return { rule: 'QUANTITY_INVALID' };
      const items = order.items.map((item) => ({ orderItemId: item.orderItemId, quantity: remaining(item.orderItemId) })).filter((item) => item.quantity > 0);
      return items.length === 0 ? { rule: 'NO_ITEMS' } : items;
    }
    if (!order.items.some((item) => item.orderItemId === orderItemId)) return { rule: 'ITEM_UNKNOWN' };
    const quantity = quantityText === '' ? remaining(orderItemId) : Number(quantityText);
    if (quantityText === '' && quantity <= 0) return { rule: 'QUANTITY_EXCEEDS_UNSHIPPED' };
    return [{ orderItemId, quantity }];
  }

  /** Rows of one feed add up; a row overwriting an earlier feed's package replaces that item's quantity. */
  function mergeItems(base: RecordedItem[], row: RecordedItem[], mode: 'add' | 'overwrite'): RecordedItem[] {
    const byId = new Map(base.map((item) => [item.orderItemId, item.quantity]));
    for (const item of row) byId.set(item.orderItemId, (mode === 'add' ? (byId.get(item.orderItemId) ?? 0) : 0) + item.quantity);
    return [...byId].map(([orderItemId, quantity]) => ({ orderItemId, quantity }));
  }

  function feedBody(feed: StoredFeed): Record<string, unknown> {
    return {
      feedId: feed.feedId,
      feedType: feed.feedType,
      marketplaceIds: [...feed.marketplaceIds],
      createdTime: iso(feed.createdMs),
      processingStatus: feed.processingStatus,
      ...(feed.startMs === undefined ? {} : { processingStartTime: iso(feed.startMs) }),
      ...(feed.endMs === undefined ? {} : { processingEndTime: iso(feed.endMs) }),
      ...(feed.resultFeedDocumentId === undefined ? {} : { resultFeedDocumentId: feed.resultFeedDocumentId }),
    };
  }

  function getFeed(feedId: string): Answer {
    const feed = feeds.get(feedId);
    if (feed === undefined) return notFound(`No feed ${feedId}`);
    advance(feed, true);
    return { status: 200, body: feedBody(feed) };
  }

  function cancelFeed(feedId: string): Answer {
    const feed = feeds.get(feedId);
    if (feed === undefined) return notFound(`No feed ${feedId}`);
    advance(feed, false);
    if (feed.processingStatus !== 'IN_QUEUE') return invalid(`Only IN_QUEUE feeds can be cancelled; feed ${feedId} is ${feed.processingStatus}`);
    feed.processingStatus = 'CANCELLED';
    return { status: 200 };
  }

  function getFeeds(query: URLSearchParams): Answer {
    const nextToken = query.get('nextToken');
    if (nextToken !== null) {
      // The model: "Specifying nextToken with any other parameters will cause the request to fail."
      if ([...query.keys()].some((key) => key !== 'nextToken')) return invalid('nextToken must be the only parameter');
      const page = listTokens.get(nextToken);
      if (page === undefined) return invalid('Invalid nextToken');
      listTokens.delete(nextToken);
      return feedsPage(page.ids, page.offset, page.pageSize);
    }
    const feedTypes = query.get('feedTypes');
    if (feedTypes === null) return invalid('Either feedTypes or nextToken is required');
    const types = new Set(feedTypes.split(','));
    const statuses = query.get('processingStatuses')?.split(',');
    const marketplaces = query.get('marketplaceIds')?.split(',');
    const since = query.get('createdSince') === null ? now() - 90 * 24 * 3_600_000 : Date.parse(query.get('createdSince') as string);
    const until = query.get('createdUntil') === null ? now() : Date.parse(query.get('createdUntil') as string);
    if (since > until) return invalid('createdSince must not be after createdUntil');
    for (const feed of feeds.values()) advance(feed, false);
    const ids = [...feeds.values()]
      .filter((feed) => types.has(feed.feedType))
      .filter((feed) => statuses === undefined || statuses.includes(feed.processingStatus))
      .filter((feed) => marketplaces === undefined || feed.marketplaceIds.some((id) => marketplaces.includes(id)))
      .filter((feed) => feed.createdMs >= since && feed.createdMs <= until)
      .sort((a, b) => b.createdMs - a.createdMs || Number(b.feedId) - Number(a.feedId))
      .map((feed) => feed.feedId);
    return feedsPage(ids, 0, Number(query.get('pageSize') ?? 10));
  }

  function feedsPage(ids: string[], offset: number, pageSize: number): Answer {
    const page = ids.slice(offset, offset + pageSize).flatMap((id) => {
      const feed = feeds.get(id);
      return feed === undefined ? [] : [feedBody(feed)];
    });
    const body: Record<string, unknown> = { feeds: page };
    if (offset + pageSize < ids.length) {
      const next = token();
      listTokens.set(next, { ids, offset: offset + pageSize, pageSize });
      body.nextToken = next;
    }
    return { status: 200, body };
  }

  function getFeedDocument(feedDocumentId: string, baseUrl: string, contentEncodingHeader: boolean): Answer {
    const document = documents.get(feedDocumentId);
    if (document === undefined) return notFound(`No feed document ${feedDocumentId}`);
    return {
      status: 200,
      body: {
        feedDocumentId,
        url: issueUrl(baseUrl, feedDocumentId, 'download', contentEncodingHeader && document.compressed),
        ...(document.compressed ? { compressionAlgorithm: 'GZIP' } : {}),
      },
    };
  }

  function download(feedDocumentId: string, signature: string | null): Answer & { bytes?: Buffer } {
    const checked = checkUrl(feedDocumentId, signature, 'download');
    if ('status' in checked) return checked;
    const document = documents.get(feedDocumentId);
    if (document?.content == null) return s3Denied('NoSuchKey', 'The specified key does not exist.');
    return {
      status: 200,
      bytes: document.content,
      headers: {
        'content-type': document.contentType,
        ...(checked.contentEncodingGzip ? { 'content-encoding': 'gzip' } : {}),
      },
    };
  }

  return {
    createFeedDocument,
    upload,
    createFeed,
    getFeed,
    getFeeds,
    cancelFeed,
    getFeedDocument,
    download,
    finishAll(): void {
      for (const feed of feeds.values()) if (feed.processingStatus === 'IN_QUEUE' || feed.processingStatus === 'IN_PROGRESS') finish(feed);
    },
    record(): RecordedFeed[] {
      return [...feeds.values()].map((feed) => ({
        feedId: feed.feedId,
        feedType: feed.feedType,
        processingStatus: feed.processingStatus,
        recordsProcessed: feed.processed ?? null,
        recordsSuccessful: feed.successful ?? null,
      }));
    },
  };
}

export type Feeds = ReturnType<typeof createFeeds>;
