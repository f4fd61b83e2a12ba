import type { Address } from '../../shared/contract';

// Buying a carrier label online, in the bench's words. The bench works without it: every
// failure comes back as a value whose code says whether to wait and retry, fall back to the
// offline services, re-rate, or show the marketplace's message to a person. Implementations
// (Amazon Shipping API v2 first) translate to and from their own wire format and never throw.

export type OnlineShippingErrorCode =
  /** DNS failure, connection refused or reset, timeout: fall back to offline services and say so. */
  | 'OFFLINE'
  /** 401/403 or no access token: the seller's authorisation needs attention. */
  | 'UNAUTHORIZED'
  /** 429: wait (`data.retryAfterMs` when the service said how long) and try again. */
  | 'RATE_LIMITED'
  /** The rate's request token is no longer valid: rate again before buying. */
  | 'TOKEN_EXPIRED'
  /** The service refused the request; `message` carries its own explanation. */
  | 'INVALID_REQUEST'
  /** The shipment (or other resource) does not exist on the service. */
  | 'NOT_FOUND'
  /** 5xx: the service failed; retrying later may work. */
  | 'SERVER_ERROR'
  /** Rating worked but no service can carry this package; `data.ineligible` says why. */
  | 'NO_RATES'
  /** The chosen rate cannot print the requested label format and resolution; nothing was sent. */
  | 'LABEL_SPEC_UNSUPPORTED'
  /** The answer did not match the service's published model. */
  | 'UNEXPECTED_RESPONSE';

export type OnlineShippingError = {
  code: OnlineShippingErrorCode;
  /** English text for the log and a supervisor; the UI translates by `code`. */
  message: string;
  /** Whether sending the same request again may succeed (for a purchase: with the same idempotency key). */
  retryable: boolean;
  data?: Record<string, unknown>;
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: OnlineShippingError };

export type Money = { valueMinor: number; currency: string };

export type RateRequest = {
  orderId: string;
  orderItems: { orderItemId: string; quantity: number }[];
  shipFrom: Address;
  /** null when the order channel (an Amazon order) supplies the buyer's address itself. */
  shipTo: Address | null;
  package: {
    lengthMm: number;
    widthMm: number;
    heightMm: number;
    weightG: number;
    declaredValue: Money;
    /** The bench's own id for the parcel; the service echoes it on the label documents. */
    packageClientReferenceId: string;
  };
  /** ISO 8601 date-time of the planned hand-over; the service assumes "now" without it. */
  shipDate?: string;
};

export type LabelFormat = 'ZPL' | 'PDF' | 'PNG';

export type LabelDpi = 203 | 300;

export type TimeWindow = { start: string | null; end: string | null };

/**
 * A label the rate can print. `size` is kept exactly as the service gave it, because a
 * purchase must repeat one of the offered sizes and a round trip through millimetres would
 * not compare equal.
 */
export type LabelSpec = {
  format: LabelFormat;
  size: { width: number; length: number; unit: 'INCH' | 'CENTIMETER' };
  /** Empty when the service did not restrict the resolution. */
  dpis: number[];
};

export type RateQuote = {
  rateId: string;
  requestToken: string;
  carrierId: string;
  carrierName: string;
  serviceId: string;
  serviceName: string;
  totalMinor: number;
  currency: string;
  promise: { pickup: TimeWindow | null; delivery: TimeWindow | null };
  /**
   * ISO time after which the service will refuse to sell this rate (10 minutes from when the
   * rates were requested, by the bench's clock). The service decides; this is for the screen.
   */
  expiresAt: string;
  labelSpecs: LabelSpec[];
};

export type BuyRequest = {
  quote: RateQuote;
  /**
   * Stored by the caller before the first attempt and sent again, unchanged, on every retry
   * of this purchase: it is what stops a retry after a lost answer from buying a second label.
   */
  idempotencyKey: string;
  labelFormat: LabelFormat;
  dpi: LabelDpi;
  packageClientReferenceId: string;
};

export type PurchasedLabel = {
  shipmentId: string;
  trackingNumber: string;
  carrierId: string;
  labelFormat: LabelFormat;
  /** The printable document: ZPL text, PDF or PNG bytes. */
  content: Uint8Array;
};

export type OnlineShipping = {
  rates(request: RateRequest): Promise<Outcome<RateQuote[]>>;
  buy(request: BuyRequest): Promise<Outcome<PurchasedLabel>>;
  void(shipmentId: string): Promise<Outcome<void>>;
};
