import type { Address } from '../../shared/contract';
import type {
  BuyRequest,
  LabelFormat,
  LabelSpec,
  OnlineShipping,
  OnlineShippingError,
  OnlineShippingErrorCode,
  Outcome,
  PurchasedLabel,
  RateQuote,
  TimeWindow,
} from './online-shipping';

// Amazon Shipping API v2 (Buy Shipping) behind OnlineShipping: getRates, purchaseShipment and
// cancelShipment from shippingV2.json. Requests are built to that model; answers are read
// strictly for the fields the bench relies on, and anything else is UNEXPECTED_RESPONSE.
//
// Hazard: this adapter never retries anything by itself, least of all a purchase. A purchase
// whose answer is lost (timeout, reset, 5xx) may still have bought a label; only the caller
// can make a retry safe, by storing the idempotency key before the first attempt and sending
// the same key again, which makes Amazon answer with the shipment it already bought.

export type AmazonShippingV2Options = {
  /** e.g. https://sellingpartnerapi-na.amazon.com; tests use http://127.0.0.1:PORT. */
  endpoint: string;
  /** An LWA access token; called before every request so the provider can refresh it. */
  accessToken: () => Promise<string>;
  /** AmazonShipping_US, AmazonShipping_UK, … (the model's enum); Amazon assumes UK without it. */
  businessId: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** The bench's clock, for a quote's expiresAt. */
  now?: () => number;
};

/** purchaseShipment's description: the purchase must happen within 10 minutes of rating. */
export const REQUEST_TOKEN_VALIDITY_MS = 10 * 60_000;

const DEFAULT_TIMEOUT_MS = 15_000;

const LABEL_FORMATS: readonly LabelFormat[] = ['ZPL', 'PDF', 'PNG'];

/** Connection errors that happen before a request leaves the machine: nothing reached Amazon. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

type AmazonError = { code: string; message: string; details?: string };

type Answer = { status: number; headers: Headers; text: string };

type Sent = { ok: true; answer: Answer } | { ok: false; error: OnlineShippingError };

function failure<T>(code: OnlineShippingErrorCode, message: string, retryable: boolean, data?: Record<string, unknown>): Outcome<T> {
  return { ok: false, error: data === undefined ? { code, message, retryable } : { code, message, retryable, data } };
}

/** Raised while reading an answer; becomes UNEXPECTED_RESPONSE with the JSON path that failed. */
class ResponseShapeError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path} ${message}`);
    this.path = path;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ResponseShapeError(path, 'is not an object');
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new ResponseShapeError(path, 'is not a non-empty string');
  return value;
}

function optionalText(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  return text(value, path);
}

function finiteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ResponseShapeError(path, 'is not a number');
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ResponseShapeError(path, 'is not an array');
  return value;
}

function flag(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ResponseShapeError(path, 'is not true or false');
  return value;
}

/**
 * The schema wraps every result in `payload` (GetRatesResponse, PurchaseShipmentResponse), but
 * the same model's response examples show the result unwrapped; both forms are read so that
 * whichever one Amazon actually sends, the fields themselves are still checked.
 */
function resultOf(body: unknown): { result: unknown; path: string } {
  if (isRecord(body) && isRecord(body.payload)) return { result: body.payload, path: '$.payload' };
  return { result: body, path: '$' };
}

/** ISO 4217 minor-unit digits (JPY 0, USD 2, BHD 3), from the runtime's own currency data. */
function currencyDigits(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`'${currency}' is not an ISO 4217 currency code`);
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

function toMinor(value: number, currency: string, path: string): number {
  try {
    return Math.round(value * 10 ** currencyDigits(currency));
  } catch (error) {
    throw new ResponseShapeError(path, (error as Error).message);
  }
}

function amazonAddress(address: Address): Record<string, unknown> {
  const lines = address.lines.map((line) => line.trim()).filter((line) => line !== '');
  // Amazon takes three lines; a fourth is joined onto the third rather than dropped, so an
  // address that is too long is refused with Amazon's message instead of shipped incomplete.
  const third = lines.slice(2).join(', ');
  return {
    name: address.name,
    addressLine1: lines[0] ?? '',
    ...(lines[1] === undefined ? {} : { addressLine2: lines[1] }),
    ...(third === '' ? {} : { addressLine3: third }),
    city: address.city,
    // Required by the model even where addresses have no state (GB); Amazon decides if empty will do.
    stateOrRegion: address.state ?? '',
    postalCode: address.postalCode,
    countryCode: address.countryCode,
    ...(address.phone ? { phoneNumber: address.phone } : {}),
  };
}

function timeWindow(value: unknown, path: string): TimeWindow | null {
  if (value === undefined || value === null) return null;
  const window = record(value, path);
  return { start: optionalText(window.start, `${path}.start`), end: optionalText(window.end, `${path}.end`) };
}

function labelSpec(value: unknown, path: string): LabelSpec {
  const spec = record(value, path);
  const format = spec.format;
  if (typeof format !== 'string' || !(LABEL_FORMATS as readonly string[]).includes(format)) {
    throw new ResponseShapeError(`${path}.format`, `is not one of ${LABEL_FORMATS.join(', ')}`);
  }
  const size = record(spec.size, `${path}.size`);
  const unit = size.unit;
  if (unit !== 'INCH' && unit !== 'CENTIMETER') throw new ResponseShapeError(`${path}.size.unit`, 'is not INCH or CENTIMETER');
  const dpis = new Set<number>();
  list(spec.printOptions, `${path}.printOptions`).forEach((option, i) => {
    const optionPath = `${path}.printOptions[${i}]`;
    const supported = record(option, optionPath).supportedDPIs;
    if (supported === undefined) return;
    list(supported, `${optionPath}.supportedDPIs`).forEach((dpi, j) => {
      if (!Number.isInteger(dpi)) throw new ResponseShapeError(`${optionPath}.supportedDPIs[${j}]`, 'is not a whole number');
      dpis.add(dpi as number);
    });
  });
  return {
    format: format as LabelFormat,
    size: { width: finiteNumber(size.width, `${path}.size.width`), length: finiteNumber(size.length, `${path}.size.length`), unit },
    dpis: [...dpis],
  };
}

type IneligibleService = { carrierName: string; serviceName: string; reasons: string[] };

/** Only for explaining NO_RATES, so read leniently: a malformed entry still says something. */
function ineligibleServices(value: unknown): IneligibleService[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((entry) => ({
    carrierName: String(entry.carrierName ?? entry.carrierId ?? '?'),
    serviceName: String(entry.serviceName ?? entry.serviceId ?? '?'),
    reasons: Array.isArray(entry.ineligibilityReasons)
      ? entry.ineligibilityReasons.filter(isRecord).map((reason) => `${String(reason.code)}: ${String(reason.message)}`)
      : [],
  }));
}

function parseErrorList(body: string): AmazonError[] | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isRecord(parsed) || !Array.isArray(parsed.errors)) return null;
    return parsed.errors.filter(isRecord).map((error) => ({
      code: String(error.code ?? ''),
      message: String(error.message ?? ''),
      ...(typeof error.details === 'string' ? { details: error.details } : {}),
    }));
  } catch {
    return null;
  }
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^[0-9]+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The errno-style code a failed fetch carries somewhere in its chain of causes. */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}

const PURCHASE_UNCERTAIN =
  'The label may have been bought: retry this purchase with the same idempotency key before rating or buying again.';

export function createAmazonShippingV2(options: AmazonShippingV2Options): OnlineShipping {
  const endpoint = new URL(options.endpoint).toString().replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;

  function offline(error: unknown, timedOut: boolean, purchase: boolean): OnlineShippingError {
    const cause = networkErrorCode(error);
    const reason = timedOut
      ? 'timeout'
      : cause === 'ECONNREFUSED'
        ? 'refused'
        : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
          ? 'dns'
          : cause === 'ECONNRESET' || cause === 'UND_ERR_SOCKET' || cause === 'EPIPE'
            ? 'reset'
            : 'network';
    const reachedAmazon = timedOut || cause === undefined || !NEVER_SENT.has(cause);
    const what = timedOut ? `no answer within ${timeoutMs} ms` : `${reason}${cause === undefined ? '' : ` (${cause})`}`;
    const message = `Amazon Shipping at ${endpoint} is not reachable: ${what}.`;
    return {
      code: 'OFFLINE',
      message: purchase && reachedAmazon ? `${message} ${PURCHASE_UNCERTAIN}` : message,
      retryable: true,
      data: { reason, ...(cause === undefined ? {} : { cause }), reachedAmazon },
    };
  }

  function refusal(answer: Answer, purchase: boolean): OnlineShippingError {
    const errors = parseErrorList(answer.text);
    const requestId = answer.headers.get('x-amzn-requestid');
    const data: Record<string, unknown> = { status: answer.status, ...(requestId === null ? {} : { requestId }), ...(errors ? { amazonErrors: errors } : {}) };
    const amazonText = errors?.map((e) => (e.details ? `${e.message} (${e.details})` : e.message)).join('; ') || `HTTP ${answer.status}`;
    // purchaseShipment's description names the code, not the status, so the code decides.
    if (errors?.some((e) => e.code === 'TOKEN_EXPIRED')) {
      return { code: 'TOKEN_EXPIRED', message: `The rate has expired; rate the package again before buying. Amazon: ${amazonText}`, retryable: false, data };
    }
    const { status } = answer;
    if (status === 401 || status === 403) {
      return { code: 'UNAUTHORIZED', message: `Amazon refused the seller's authorisation: ${amazonText}`, retryable: false, data };
    }
    if (status === 404) return { code: 'NOT_FOUND', message: `Amazon does not know it: ${amazonText}`, retryable: false, data };
    if (status === 429) {
      const wait = retryAfterMs(answer.headers.get('retry-after'), now());
      const limit = answer.headers.get('x-amzn-ratelimit-limit');
      return {
        code: 'RATE_LIMITED',
        message: `Amazon is throttling requests: ${amazonText}`,
        retryable: true,
        data: { ...data, ...(wait === undefined ? {} : { retryAfterMs: wait }), ...(limit === null ? {} : { rateLimit: limit }) },
      };
    }
    if (status >= 400 && status < 500) return { code: 'INVALID_REQUEST', message: `Amazon refused the request: ${amazonText}`, retryable: false, data };
    if (status >= 500 && status < 600) {
      const message = `Amazon Shipping failed: ${amazonText}`;
      return { code: 'SERVER_ERROR', message: purchase ? `${message} ${PURCHASE_UNCERTAIN}` : message, retryable: true, data };
    }
    return { code: 'UNEXPECTED_RESPONSE', message: `Amazon answered with HTTP ${status}`, retryable: false, data };
  }

  async function send(method: 'POST' | 'PUT', path: string, body: unknown, extraHeaders: Record<string, string>, purchase: boolean): Promise<Sent> {
    let token: string;
    try {
      token = await options.accessToken();
    } catch (error) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: `No access token for Amazon: ${(error as Error).message}`, retryable: false, data: { stage: 'access-token' } } };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(`${endpoint}${path}`, {
        method,
        headers: {
          'x-amz-access-token': token,
          'x-amzn-shipping-business-id': options.businessId,
          'content-type': 'application/json',
          accept: 'application/json',
          ...extraHeaders,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: controller.signal,
        // A redirect is not part of the API; following one could re-send a purchase elsewhere.
        redirect: 'manual',
      });
      // Read inside the timer too: an answer that stalls halfway is as lost as one never sent.
      const answerText = await response.text();
      return { ok: true, answer: { status: response.status, headers: response.headers, text: answerText } };
    } catch (error) {
      return { ok: false, error: offline(error, controller.signal.aborted, purchase) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The 2xx body as JSON, or the failure that explains why there is none. */
  async function call(method: 'POST' | 'PUT', path: string, body: unknown, extraHeaders: Record<string, string>, purchase: boolean): Promise<Outcome<unknown>> {
    const sent = await send(method, path, body, extraHeaders, purchase);
    if (!sent.ok) return sent;
    const { answer } = sent;
    if (answer.status < 200 || answer.status >= 300) return { ok: false, error: refusal(answer, purchase) };
    if (answer.text.trim() === '') return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(answer.text) as unknown };
    } catch {
      return failure('UNEXPECTED_RESPONSE', `Amazon answered HTTP ${answer.status} with a body that is not JSON`, false, {
        status: answer.status,
        ...(purchase ? { purchased: true } : {}),
      });
    }
  }

  function readRates(body: unknown, sentAt: number): Outcome<RateQuote[]> {
    const { result: raw, path: root } = resultOf(body);
    const result = record(raw, root);
    const requestToken = text(result.requestToken, `${root}.requestToken`);
    const expiresAt = new Date(sentAt + REQUEST_TOKEN_VALIDITY_MS).toISOString();
    const quotes: RateQuote[] = [];
    let needInputs = 0;
    list(result.rates, `${root}.rates`).forEach((value, i) => {
      const path = `${root}.rates[${i}]`;
      const rate = record(value, path);
      const charge = record(rate.totalCharge, `${path}.totalCharge`);
      const currency = text(charge.unit, `${path}.totalCharge.unit`);
      const promise = record(rate.promise, `${path}.promise`);
      const quote: RateQuote = {
        rateId: text(rate.rateId, `${path}.rateId`),
        requestToken,
        carrierId: text(rate.carrierId, `${path}.carrierId`),
        carrierName: text(rate.carrierName, `${path}.carrierName`),
        serviceId: text(rate.serviceId, `${path}.serviceId`),
        serviceName: text(rate.serviceName, `${path}.serviceName`),
        totalMinor: toMinor(finiteNumber(charge.value, `${path}.totalCharge.value`), currency, `${path}.totalCharge.unit`),
        currency,
        promise: { pickup: timeWindow(promise.pickupWindow, `${path}.promise.pickupWindow`), delivery: timeWindow(promise.deliveryWindow, `${path}.promise.deliveryWindow`) },
        expiresAt,
        labelSpecs: list(rate.supportedDocumentSpecifications, `${path}.supportedDocumentSpecifications`).map((spec, j) =>
          labelSpec(spec, `${path}.supportedDocumentSpecifications[${j}]`),
        ),
      };
      // Such a rate can only be bought with the answers getAdditionalInputs asks for, which
      // the bench does not collect; offering it would end in a refused purchase.
      if (flag(rate.requiresAdditionalInputs, `${path}.requiresAdditionalInputs`)) needInputs += 1;
      else quotes.push(quote);
    });
    if (quotes.length > 0) return { ok: true, value: quotes };
    const ineligible = ineligibleServices(result.ineligibleRates);
    const why = ineligible.map((s) => `${s.carrierName} ${s.serviceName}: ${s.reasons.join(', ') || 'no reason given'}`);
    if (needInputs > 0) why.push(`${needInputs} service(s) need additional inputs the bench does not collect`);
    return failure('NO_RATES', `Amazon offers no service for this package${why.length > 0 ? `: ${why.join('; ')}` : ''}.`, false, {
      ineligible,
      needAdditionalInputs: needInputs,
    });
  }

  function readPurchase(body: unknown, request: BuyRequest): Outcome<PurchasedLabel> {
    const { result: raw, path: root } = resultOf(body);
    let shipmentId: string | undefined;
    try {
      const result = record(raw, root);
      shipmentId = text(result.shipmentId, `${root}.shipmentId`);
      const details = list(result.packageDocumentDetails, `${root}.packageDocumentDetails`).map((d, i) => record(d, `${root}.packageDocumentDetails[${i}]`));
      const index = details.findIndex((d) => d.packageClientReferenceId === request.packageClientReferenceId);
      const detail = details[index];
      if (detail === undefined) {
        throw new ResponseShapeError(`${root}.packageDocumentDetails`, `has no entry for package '${request.packageClientReferenceId}'`);
      }
      const path = `${root}.packageDocumentDetails[${index}]`;
      // A number here would already be damaged: JSON numbers lose digits past 2^53 (a 22-digit
      // USPS number) and leading zeros, and a wrong number must never reach a label.
      if (typeof detail.trackingId === 'number') throw new ResponseShapeError(`${path}.trackingId`, 'is a JSON number, not the tracking number as text');
      const trackingNumber = text(detail.trackingId, `${path}.trackingId`);
      const documents = list(detail.packageDocuments, `${path}.packageDocuments`).map((d, i) => record(d, `${path}.packageDocuments[${i}]`));
      const labelIndex = documents.findIndex((d) => d.type === 'LABEL' && d.format === request.labelFormat);
      const label = documents[labelIndex];
      if (label === undefined) throw new ResponseShapeError(`${path}.packageDocuments`, `has no ${request.labelFormat} LABEL`);
      const contentsPath = `${path}.packageDocuments[${labelIndex}].contents`;
      // The model says Base64; Buffer.from would skip stray characters silently, so check first.
      const base64 = text(label.contents, contentsPath).replace(/\s+/g, '');
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) {
        throw new ResponseShapeError(contentsPath, 'is not Base64');
      }
      return {
        ok: true,
        value: {
          shipmentId,
          trackingNumber,
          carrierId: request.quote.carrierId,
          labelFormat: request.labelFormat,
          // A copy: small Buffers share one pooled ArrayBuffer, and `.buffer` must be the label alone.
          content: Uint8Array.from(Buffer.from(base64, 'base64')),
        },
      };
    } catch (error) {
      if (!(error instanceof ResponseShapeError)) throw error;
      // Amazon answered 200, so the label is bought even though it cannot be used: keep the
      // shipment id so that someone can void it, and do not suggest buying again.
      return failure(
        'UNEXPECTED_RESPONSE',
        `Amazon bought the label but its answer cannot be used (${error.message}).${shipmentId === undefined ? '' : ` Void shipment ${shipmentId}.`}`,
        false,
        { path: error.path, purchased: true, ...(shipmentId === undefined ? {} : { shipmentId }) },
      );
    }
  }

  return {
    async rates(request) {
      let insured: number;
      try {
        insured = request.package.declaredValue.valueMinor / 10 ** currencyDigits(request.package.declaredValue.currency);
      } catch (error) {
        return failure('INVALID_REQUEST', `Declared value: ${(error as Error).message}`, false);
      }
      const { package: parcel } = request;
      const body = {
        // Amazon ignores shipTo on the AMAZON channel and takes the buyer's address from the order.
        ...(request.shipTo === null ? {} : { shipTo: amazonAddress(request.shipTo) }),
        shipFrom: amazonAddress(request.shipFrom),
        ...(request.shipDate === undefined ? {} : { shipDate: request.shipDate }),
        packages: [
          {
            dimensions: { length: parcel.lengthMm / 10, width: parcel.widthMm / 10, height: parcel.heightMm / 10, unit: 'CENTIMETER' },
            weight: { value: parcel.weightG, unit: 'GRAM' },
            insuredValue: { value: insured, unit: request.package.declaredValue.currency },
            packageClientReferenceId: parcel.packageClientReferenceId,
            items: request.orderItems.map((item) => ({ itemIdentifier: item.orderItemId, quantity: item.quantity })),
          },
        ],
        channelDetails: { channelType: 'AMAZON', amazonOrderDetails: { orderId: request.orderId } },
      };
      const sentAt = now();
      const answer = await call('POST', '/shipping/v2/shipments/rates', body, {}, false);
      if (!answer.ok) return answer;
      try {
        return readRates(answer.value, sentAt);
      } catch (error) {
        if (!(error instanceof ResponseShapeError)) throw error;
        return failure('UNEXPECTED_RESPONSE', `Amazon's rates cannot be read: ${error.message}`, false, { path: error.path });
      }
    },

    async buy(request) {
      if (request.idempotencyKey.trim() === '') {
        return failure('INVALID_REQUEST', 'A purchase needs an idempotency key, stored before the first attempt, so that a retry cannot buy twice.', false);
      }
      const { quote } = request;
      // No local check of quote.expiresAt: a retry after a lost answer may come after the
      // 10 minutes, and only Amazon can answer it with the label it already sold; refusing
      // here would push the bench to re-rate and buy a second label.
      // Amazon refuses a specification that getRates did not offer, so check before sending.
      const spec = quote.labelSpecs.find((s) => s.format === request.labelFormat && (s.dpis.length === 0 || s.dpis.includes(request.dpi)));
      if (spec === undefined) {
        return failure(
          'LABEL_SPEC_UNSUPPORTED',
          `${quote.carrierName} ${quote.serviceName} does not print ${request.labelFormat} labels at ${request.dpi} dpi.`,
          false,
          { offered: quote.labelSpecs.map((s) => ({ format: s.format, dpis: s.dpis })) },
        );
      }
      const body = {
        requestToken: quote.requestToken,
        rateId: quote.rateId,
        requestedDocumentSpecification: {
          format: spec.format,
          size: spec.size,
          ...(spec.dpis.length === 0 ? {} : { dpi: request.dpi }),
          needFileJoining: false,
          requestedDocumentTypes: ['LABEL'],
        },
      };
      const answer = await call('POST', '/shipping/v2/shipments', body, { 'x-amzn-IdempotencyKey': request.idempotencyKey }, true);
      if (!answer.ok) return answer;
      return readPurchase(answer.value, request);
    },

    async void(shipmentId) {
      if (shipmentId.trim() === '') return failure('INVALID_REQUEST', 'No shipment id to void.', false);
      const answer = await call('PUT', `/shipping/v2/shipments/${encodeURIComponent(shipmentId)}/cancel`, undefined, {}, false);
      if (!answer.ok) return answer;
      // The model's answer is an empty object (CancelShipmentResponse); no body is as good.
      if (answer.value !== undefined && !isRecord(answer.value)) {
        return failure('UNEXPECTED_RESPONSE', 'Amazon answered the cancellation with something other than an object.', false);
      }
      return { ok: true, value: undefined };
    },
  };
}
