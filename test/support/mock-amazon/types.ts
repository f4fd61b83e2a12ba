// The public shapes of the mock marketplace: what a test or a benchmark passes in, what it can
// change while the mock runs, and what the mock says it accepted.

/** The SP-API operations the mock serves, plus the calls around them that can fail too. */
export const MOCK_OPERATIONS = [
  'lwaToken',
  'searchOrders',
  'getOrder',
  'confirmShipment',
  'createFeedDocument',
  'uploadFeedDocument',
  'createFeed',
  'getFeed',
  'getFeeds',
  'cancelFeed',
  'getFeedDocument',
  'downloadFeedDocument',
] as const;

export type MockOperation = (typeof MOCK_OPERATIONS)[number];

/** The operations Amazon rate-limits (LWA and the presigned document URLs are not SP-API calls). */
export type RateLimitedOperation = Exclude<MockOperation, 'lwaToken' | 'uploadFeedDocument' | 'downloadFeedDocument'>;

export type RateLimit = { ratePerSecond: number; burst: number };

/** An error entry in Amazon's SP-API shape. */
export type AmazonError = { code: string; message: string; details?: string };

export type Money = { amount: string; currencyCode: string };

/** The address fields of Orders 2026-01-01's CustomerAddress. */
export type MockAddress = {
  name?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  municipality?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
  addressType?: string;
};

export type MockOrderItemSeed = {
  orderItemId: string;
  sellerSku: string;
  quantityOrdered: number;
  title?: string;
  asin?: string;
  unitPrice?: Money;
};

/** One order as a test seeds it; everything but the id and items has a default. */
export type MockOrderSeed = {
  orderId: string;
  items: MockOrderItemSeed[];
  /** Default ATVPDKIKX0DER (Amazon.com). */
  marketplaceId?: string;
  /** Default: the mock's clock when the order is added. */
  createdTime?: string;
  /** Default: createdTime. */
  lastUpdatedTime?: string;
  /** Default MERCHANT. */
  fulfilledBy?: 'MERCHANT' | 'AMAZON';
  /** The status before any package is confirmed. Default UNSHIPPED. */
  initialStatus?: 'PENDING_AVAILABILITY' | 'PENDING' | 'UNSHIPPED';
  /** Order programs from the model, e.g. FBM_SHIP_PLUS (confirmShipment refuses those: 400) or PRIME. */
  programs?: string[];
  fulfillmentServiceLevel?: string;
  shipByWindow?: { earliestDateTime?: string; latestDateTime?: string };
  deliverByWindow?: { earliestDateTime?: string; latestDateTime?: string };
  buyer?: { buyerName?: string; buyerEmail?: string; buyerCompanyName?: string };
  deliveryAddress?: MockAddress;
};

export type RecordedItem = { orderItemId: string; quantity: number };

/** One package Amazon now knows about, however many times it was sent. */
export type RecordedPackage = {
  orderId: string;
  /** The seller's packageReferenceId; null for a package formed from feed rows. */
  packageReferenceId: string | null;
  /** The id shown in the order's `packages`: the seller's reference, or one the mock assigned (`AMZN-…`). */
  packageId: string;
  carrierCode: string;
  carrierName: string | null;
  shippingMethod: string | null;
  trackingNumber: string | null;
  shipDate: string;
  items: RecordedItem[];
  via: 'api' | 'feed';
  feedId?: string;
  /** Re-sends of the same package that were accepted and replaced its details. */
  edits: number;
  /** The carrier's progress as getOrder reports it (default SHIPPED); set with control.setPackageStatus. */
  packageStatus?: { status: string; detailedStatus?: string };
  acceptedAt: string;
  lastEditedAt?: string;
};

export type RecordedRejection = {
  at: string;
  operation: MockOperation | 'unknown';
  method: string;
  path: string;
  status: number;
  errors: AmazonError[];
  orderId?: string;
  body?: unknown;
};

/** A flat-file row that the feed processing refused (also in the processing report). */
export type RecordedFeedRowError = {
  feedId: string;
  recordNumber: number;
  orderId: string;
  orderItemId: string;
  errorCode: number;
  message: string;
};

export type FaultKind = '429' | '500' | '503' | 'timeout' | 'reset-before' | 'reset-after' | 'slow';

export type FaultSpec = {
  kind: FaultKind;
  /** Which calls it hits; default 'all'. */
  operation?: MockOperation | 'all';
  /** Fire on the next N matching calls. Default 1 when no probability is given, else unlimited. */
  times?: number;
  /** Fire on each matching call with this probability (the mock's seeded random decides). */
  probability?: number;
  /** 'slow': how long the answer waits. Default 2000. */
  delayMs?: number;
  /** 'timeout': apply the request before going silent (default false: it is never applied). */
  apply?: boolean;
  /** '429': also send Retry-After (seconds). Amazon usually does not. */
  retryAfterSeconds?: number;
};

export type InjectedFault = {
  faultId: number;
  kind: FaultKind;
  operation: MockOperation;
  method: string;
  path: string;
  at: string;
  /** Whether the request was applied (reset-after, slow, timeout with apply). */
  applied: boolean;
};

export type RecordedFeed = {
  feedId: string;
  feedType: string;
  processingStatus: string;
  recordsProcessed: number | null;
  recordsSuccessful: number | null;
};

export type MockRecord = {
  packages: RecordedPackage[];
  rejected: RecordedRejection[];
  feedRowErrors: RecordedFeedRowError[];
  feeds: RecordedFeed[];
  /** Requests that reached each operation, whatever their fate. */
  requests: Partial<Record<MockOperation, number>>;
  faults: InjectedFault[];
  /** The mock's own answers that break Amazon's model: a bug in the mock, so tests expect none. */
  modelViolations: string[];
};

export type LwaCredentials = { clientId: string; clientSecret: string; refreshToken: string };

/** When a feed moves from IN_QUEUE through IN_PROGRESS to DONE (whichever comes first). */
export type FeedTiming = {
  /** DONE on this getFeed poll of the feed (the earlier polls show IN_QUEUE, then IN_PROGRESS). Default 3. */
  polls?: number;
  /** DONE this long after createFeed (IN_PROGRESS from half of it). */
  ms?: number;
};

export type MockAmazonOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Orders in the store at start. */
  orders?: MockOrderSeed[];
  /** The LWA client and refresh token the mock accepts; defaults are printed by the CLI. */
  credentials?: Partial<LwaCredentials>;
  /** Lifetime of an access token, seconds. Default 3600. */
  accessTokenExpiresIn?: number;
  /** Rate and burst per operation where they differ from Amazon's documented defaults. */
  rateLimits?: Partial<Record<RateLimitedOperation, RateLimit>>;
  /** false turns throttling off (headers still sent). Default true. */
  rateLimiting?: boolean;
  /** Accepted carrier codes per marketplace id; marketplaces not listed use `defaultCarrierCodes`. */
  carrierCodes?: Record<string, readonly string[]>;
  defaultCarrierCodes?: readonly string[];
  /** How long a presigned document URL lives. Default 5 minutes, as Amazon documents. */
  documentUrlTtlMs?: number;
  feedTiming?: FeedTiming;
  /** Processing reports compressed with GZIP (compressionAlgorithm in getFeedDocument). Default true. */
  gzipReports?: boolean;
  /** Seed of the random that decides probabilistic faults and ids. Default 1. */
  seed?: number;
  /** The mock's clock (token expiry, rate limits, timestamps, feed timing). Default Date.now. */
  now?: () => number;
};

export type FaultHandle = { faultId: number };

export type MockAmazonControl = {
  record(): MockRecord;
  /** Clears the request log (rejections, counts, faults, model violations); orders and packages stay. */
  clearLog(): void;
  addOrders(orders: MockOrderSeed[]): void;
  /** Demo orders with the demo catalogue's SKUs; returns their ids. */
  addDemoOrders(count: number): string[];
  /** `at` (ISO) dates the cancellation in the past, as if the pull had simply not run since. */
  cancelOrder(orderId: string, options?: { cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON'; reason?: string; at?: string }): void;
  /** The buyer asks to cancel (one item, or every item when orderItemId is omitted). */
  requestBuyerCancel(orderId: string, options?: { orderItemId?: string; reason?: string }): void;
  changeAddress(orderId: string, address: MockAddress): void;
  /** The carrier's progress for a confirmed package (its reference or tracking number), e.g. IN_TRANSIT / PICKED_UP. */
  setPackageStatus(orderId: string, packageKey: string, status: string, detailedStatus?: string): void;
  /** The order as getOrder would return it with every dataset included. */
  order(orderId: string): Record<string, unknown> | undefined;
  fault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  setRateLimit(operation: RateLimitedOperation, limit: RateLimit | null): void;
  setRateLimiting(enabled: boolean): void;
  /** Finishes every feed that is still IN_QUEUE or IN_PROGRESS. */
  finishFeeds(): void;
  /** Refuse connections: the listening socket closes and open connections are dropped. */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  readonly isDown: boolean;
  readonly credentials: LwaCredentials;
};

export type MockAmazon = {
  /** http://127.0.0.1:PORT, the SP-API endpoint; LWA is at `${url}/auth/o2/token`. */
  url: string;
  lwaUrl: string;
  port: number;
  close(): Promise<void>;
  control: MockAmazonControl;
};
