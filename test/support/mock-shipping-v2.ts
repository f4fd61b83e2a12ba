import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { makeTrackingNumber, makeUps1Z } from '../../shared/domain/tracking';
import { formatErrors, loadSpApiModel, validateRequest, validateResponse } from './swagger-model';
import type { ResolvedOperation } from './swagger-model';

// Amazon Shipping API v2 on 127.0.0.1: getRates, purchaseShipment and cancelShipment. Every
// request is checked against Amazon's own shippingV2.json before anything else happens, and
// refused in Amazon's error shape when the model forbids it. Rules the model states only in
// prose are enforced too: the 10-minute request token (TOKEN_EXPIRED), the Amazon channel's
// order id, purchasing only a document specification that was offered, and idempotency keys.
// Where Amazon's behaviour is not documented the mock picks one and says so below.

export type MockFailure =
  /** Answered at once with that status, before the request is looked at. */
  | '429'
  | '500'
  | '503'
  /** Processed (a purchase is bought), but the answer never comes: the connection stays silent. */
  | 'timeout'
  /** The connection is destroyed after the request arrives and before it is processed. */
  | 'reset'
  /** Processed, and answered after `slowMs`. */
  | 'slow'
  /** Processed, and answered 200 with a body that breaks the model the way real answers have. */
  | 'malformed';

export type AcceptedRequest = { operation: string; body: unknown; headers: Record<string, string> };

export type MockShipment = { shipmentId: string; carrierId: string; trackingIds: string[]; cancelled: boolean };

export type MockShippingV2Options = {
  /** The mock's clock; the request token's 10 minutes are counted on it. */
  now?: () => number;
  slowMs?: number;
};

export type MockShippingV2 = {
  start(): Promise<{ url: string; close: () => Promise<void> }>;
  failNext(kind: MockFailure, count?: number, options?: { retryAfter?: string }): void;
  /** Every request must then carry this x-amz-access-token: missing → 401, different → 403. null turns the check off. */
  requireToken(token: string | null): void;
  /** Requests that passed the access check and the model, in arrival order (retries included). */
  readonly accepted: AcceptedRequest[];
  /** Labels actually bought; an idempotent replay does not count. */
  readonly purchases: number;
  readonly shipments: ReadonlyMap<string, MockShipment>;
  /** The mock's own answers that break the model: a bug in the mock, so tests expect none. */
  readonly modelViolations: string[];
};

const TOKEN_VALIDITY_MS = 10 * 60_000;

/** The model: "The default is AmazonShipping_UK." Currencies are the mock's assumption. */
const DEFAULT_BUSINESS = 'AmazonShipping_UK';
const BUSINESS_CURRENCY: Record<string, string> = {
  AmazonShipping_US: 'USD',
  AmazonShipping_UK: 'GBP',
  AmazonShipping_IN: 'INR',
  AmazonShipping_UAE: 'AED',
  AmazonShipping_SA: 'SAR',
  AmazonShipping_EG: 'EGP',
  AmazonShipping_IT: 'EUR',
  AmazonShipping_ES: 'EUR',
  AmazonShipping_FR: 'EUR',
  AmazonShipping_JP: 'JPY',
};

// Texts from the model's own response examples.
const INVALID = 'Request is missing or has invalid parameters';
const UNAUTHORIZED = "You don't have access to the requested response or the credentials are invalid.";
const CANNED: Record<'429' | '500' | '503', { code: string; message: string }> = {
  '429': { code: 'TooManyRequests', message: 'The total number of requests exceeded your allowed limit.' },
  '500': { code: 'InternalError', message: 'Something went wrong while processing the request.' },
  '503': { code: 'ServiceUnavailable', message: 'Service temporarily unavailable or down for maintenance. Please try again after sometime.' },
};

type DocumentSpec = {
  format: 'ZPL' | 'PDF' | 'PNG';
  size: { length: number; width: number; unit: 'INCH' | 'CENTIMETER' };
  printOptions: {
    supportedDPIs: number[];
    supportedPageLayouts: string[];
    supportedFileJoiningOptions: boolean[];
    supportedDocumentDetails: { name: string; isMandatory: boolean }[];
  }[];
};

function spec(format: DocumentSpec['format'], dpis: number[]): DocumentSpec {
  return {
    format,
    size: { length: 6, width: 4, unit: 'INCH' },
    printOptions: [
      { supportedDPIs: dpis, supportedPageLayouts: ['LEFT'], supportedFileJoiningOptions: [false], supportedDocumentDetails: [{ name: 'LABEL', isMandatory: true }] },
    ],
  };
}

type Service = {
  carrierId: string;
  carrierName: string;
  serviceId: string;
  serviceName: string;
  baseCents: number;
  centsPerKg: number;
  deliveryDays: [number, number];
  maxWeightG: number;
  maxSideCm: number;
  specs: DocumentSpec[];
  trackingNumber: (serial: number) => string;
};

/** A cheap ground service and an express one, with different label options to choose between. */
const SERVICES: readonly Service[] = [
  {
    carrierId: 'UPS',
    carrierName: 'UPS',
    serviceId: 'UPS_GROUND',
    serviceName: 'UPS Ground',
    baseCents: 650,
    centsPerKg: 120,
    deliveryDays: [3, 5],
    maxWeightG: 30_000,
    maxSideCm: 270,
    specs: [spec('ZPL', [203, 300]), spec('PDF', [300]), spec('PNG', [300])],
    trackingNumber: (serial) => makeUps1Z('PBMOCK', '03', serial),
  },
  {
    carrierId: 'DHL',
    carrierName: 'DHL Express',
    serviceId: 'DHL_EXPRESS_WORLDWIDE',
    serviceName: 'Express Worldwide',
    baseCents: 1890,
    centsPerKg: 450,
    deliveryDays: [1, 2],
    maxWeightG: 25_000,
    maxSideCm: 120,
    specs: [spec('ZPL', [203]), spec('PDF', [300])],
    trackingNumber: (serial) => makeTrackingNumber('dhl-express-10', { prefix: '47', suffix: '' }, serial),
  },
];

type Json = Record<string, unknown>;

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

type IssuedRate = { service: Service; packageRefs: string[]; orderId: string | null; promise: Json };

type IssuedToken = { createdAt: number; rates: Map<string, IssuedRate> };

function errorList(status: number, entries: { code: string; message: string; details?: string }[]): Answer {
  return { status, body: { errors: entries } };
}

function invalid(details: string): Answer {
  return errorList(400, [{ code: 'InvalidRequest', message: INVALID, details }]);
}

/** Key order does not matter to JSON, so it must not matter to "the same request". */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Json)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function grams(weight: Json): number {
  const value = weight.value as number;
  switch (weight.unit) {
    case 'KILOGRAM':
      return value * 1000;
    case 'OUNCE':
      return value * 28.349523125;
    case 'POUND':
      return value * 453.59237;
    default:
      return value;
  }
}

function centimetres(dimensions: Json): number[] {
  const factor = dimensions.unit === 'INCH' ? 2.54 : 1;
  return [dimensions.length, dimensions.width, dimensions.height].map((side) => (side as number) * factor);
}

function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

function zplLabel(service: Service, trackingId: string, dpi: number, orderId: string | null): string {
  const dotsPerInch = dpi === 300 ? 300 : 203;
  const module = dpi === 300 ? 4 : 3;
  return [
    '^XA',
    '^CI28',
    `^PW${Math.round(4 * dotsPerInch)}`,
    `^LL${Math.round(6 * dotsPerInch)}`,
    `^FO40,40^A0N,48,48^FD${service.carrierName} ${service.serviceName}^FS`,
    `^FO40,110^A0N,32,32^FDOrder ${orderId ?? '-'}^FS`,
    `^FO40,200^BY${module}^BCN,${Math.round(dotsPerInch)},Y,N,N^FD${trackingId}^FS`,
    '^XZ',
    '',
  ].join('\n');
}

async function pdfLabel(service: Service, trackingId: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([288, 432]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(`${service.carrierName} ${service.serviceName}`, { x: 20, y: 400, size: 14, font });
  page.drawText(trackingId, { x: 20, y: 370, size: 18, font });
  return pdf.save();
}

/** A 1×1 white PNG: the mock does not draw PNG labels, it only returns well-formed bytes. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAsTj2FAAAAABJRU5ErkJggg==';

export function createMockShippingV2(options: MockShippingV2Options = {}): MockShippingV2 {
  const model = loadSpApiModel('shippingV2.json');
  const now = options.now ?? Date.now;
  const slowMs = options.slowMs ?? 1_500;
  const failures: { kind: MockFailure; retryAfter?: string }[] = [];
  let requiredToken: string | null = null;
  const accepted: AcceptedRequest[] = [];
  const modelViolations: string[] = [];
  const tokens = new Map<string, IssuedToken>();
  const shipments = new Map<string, MockShipment>();
  /** Idempotency key → the request it was first used with and the answer it got. */
  const idempotent = new Map<string, { request: string; answer: Answer }>();
  let purchases = 0;
  let serial = 0;
  const timers = new Set<NodeJS.Timeout>();

  function getRates(body: Json, business: string): Answer {
    const channel = body.channelDetails as Json;
    // The model says this in prose only ("required if the shipment source channel is Amazon").
    if (channel.channelType === 'AMAZON' && channel.amazonOrderDetails === undefined) {
      return invalid('AmazonOrderDetails cannot be null when channelType is AMAZON');
    }
    if (channel.channelType === 'EXTERNAL' && body.shipTo === undefined) return invalid('ShipTo cannot be null when channelType is EXTERNAL');
    const packages = body.packages as Json[];
    if (packages.length === 0) return invalid('Packages cannot be empty');
    const orderId = channel.channelType === 'AMAZON' ? ((channel.amazonOrderDetails as Json).orderId as string) : null;

    const currency = BUSINESS_CURRENCY[business] ?? 'GBP';
    const digits = currencyDigits(currency);
    const requestToken = randomUUID().replace(/-/g, '').toUpperCase();
    const issued: IssuedToken = { createdAt: now(), rates: new Map() };
    const pickupStart = typeof body.shipDate === 'string' ? Date.parse(body.shipDate) : now();
    const rates: Json[] = [];
    const ineligibleRates: Json[] = [];
    for (const service of SERVICES) {
      const heaviest = Math.max(...packages.map((p) => grams(p.weight as Json)));
      const longest = Math.max(...packages.flatMap((p) => centimetres(p.dimensions as Json)));
      const reasons: Json[] = [];
      if (heaviest > service.maxWeightG) reasons.push({ code: 'WEIGHT_RESTRICTIONS', message: `Packages over ${service.maxWeightG / 1000} kg are not accepted` });
      if (longest > service.maxSideCm) reasons.push({ code: 'SIZE_RESTRICTIONS', message: `Packages longer than ${service.maxSideCm} cm are not accepted` });
      const names = { carrierId: service.carrierId, carrierName: service.carrierName, serviceId: service.serviceId, serviceName: service.serviceName };
      if (reasons.length > 0) {
        ineligibleRates.push({ ...names, ineligibilityReasons: reasons });
        continue;
      }
      const cents = packages.reduce((sum, p) => sum + service.baseCents + service.centsPerKg * Math.ceil(grams(p.weight as Json) / 1000), 0);
      const day = 86_400_000;
      const promise = {
        pickupWindow: { start: new Date(pickupStart).toISOString(), end: new Date(pickupStart + 8 * 3_600_000).toISOString() },
        deliveryWindow: { start: new Date(pickupStart + service.deliveryDays[0] * day).toISOString(), end: new Date(pickupStart + service.deliveryDays[1] * day).toISOString() },
      };
      const rateId = randomUUID().replace(/-/g, '').toUpperCase();
      issued.rates.set(rateId, { service, packageRefs: packages.map((p) => p.packageClientReferenceId as string), orderId, promise });
      rates.push({
        rateId,
        ...names,
        billedWeight: { value: packages.reduce((sum, p) => sum + grams(p.weight as Json), 0), unit: 'GRAM' },
        totalCharge: { value: digits === 0 ? cents : cents / 100, unit: currency },
        promise,
        supportedDocumentSpecifications: service.specs,
        requiresAdditionalInputs: false,
        paymentType: 'PAY_THROUGH_AMAZON',
      });
    }
    tokens.set(requestToken, issued);
    return { status: 200, body: { payload: { requestToken, rates, ineligibleRates } } };
  }

  async function purchaseShipment(body: Json, idempotencyKey: string | undefined): Promise<Answer> {
    if (idempotencyKey !== undefined) {
      const earlier = idempotent.get(idempotencyKey);
      // Amazon documents only "recognize subsequent retries"; answering a replay with the
      // first answer, and refusing the key for a different request, is the mock's reading.
      if (earlier !== undefined) {
        return earlier.request === canonical(body) ? earlier.answer : invalid(`x-amzn-IdempotencyKey ${idempotencyKey} was already used with a different request`);
      }
    }
    const issued = tokens.get(body.requestToken as string);
    if (issued === undefined) return invalid('RequestToken is not valid');
    if (now() - issued.createdAt >= TOKEN_VALIDITY_MS) {
      // The status is not documented, only the code; 400 is the mock's choice.
      return errorList(400, [{ code: 'TOKEN_EXPIRED', message: 'The requestToken has expired. Call getRates again.' }]);
    }
    const rate = issued.rates.get(body.rateId as string);
    if (rate === undefined) return invalid('RateId does not belong to this requestToken');
    const wanted = body.requestedDocumentSpecification as Json;
    const size = wanted.size as Json;
    const offered = rate.service.specs.find(
      (s) =>
        s.format === wanted.format &&
        s.size.width === size.width &&
        s.size.length === size.length &&
        s.size.unit === size.unit &&
        s.printOptions.some(
          (o) =>
            (wanted.dpi === undefined || o.supportedDPIs.includes(wanted.dpi as number)) &&
            o.supportedFileJoiningOptions.includes(wanted.needFileJoining as boolean) &&
            (wanted.requestedDocumentTypes as string[]).every((t) => o.supportedDocumentDetails.some((d) => d.name === t)),
        ),
    );
    if (offered === undefined) return invalid('RequestedDocumentSpecification is not among those returned by getRates');

    purchases += 1;
    const shipmentId = String(87_852_211_788_100 + purchases);
    const dpi = (wanted.dpi as number | undefined) ?? offered.printOptions[0]?.supportedDPIs[0] ?? 203;
    const packageDocumentDetails: Json[] = [];
    const trackingIds: string[] = [];
    for (const packageClientReferenceId of rate.packageRefs) {
      serial += 1;
      const trackingId = rate.service.trackingNumber(serial);
      trackingIds.push(trackingId);
      const contents =
        offered.format === 'ZPL'
          ? Buffer.from(zplLabel(rate.service, trackingId, dpi, rate.orderId), 'utf8').toString('base64')
          : offered.format === 'PDF'
            ? Buffer.from(await pdfLabel(rate.service, trackingId)).toString('base64')
            : PNG_1X1;
      packageDocumentDetails.push({ packageClientReferenceId, packageDocuments: [{ type: 'LABEL', format: offered.format, contents }], trackingId });
    }
    shipments.set(shipmentId, { shipmentId, carrierId: rate.service.carrierId, trackingIds, cancelled: false });
    const answer: Answer = { status: 200, body: { payload: { shipmentId, packageDocumentDetails, promise: rate.promise } } };
    if (idempotencyKey !== undefined) idempotent.set(idempotencyKey, { request: canonical(body), answer });
    return answer;
  }

  function cancelShipment(shipmentId: string): Answer {
    const shipment = shipments.get(shipmentId);
    if (shipment === undefined) return errorList(404, [{ code: 'NotFound', message: "The requested resource is invalid or doesn't exist" }]);
    // Cancelling twice answers like the first time, so a retried void after a lost answer
    // succeeds; Amazon does not document this case.
    shipment.cancelled = true;
    return { status: 200, body: { payload: {} } };
  }

  /** The ways real answers have broken their model: the model's own examples show each. */
  function malformed(operation: string, answer: Answer): { status: number; text: string; contentType: string } {
    const payload = (answer.body as { payload?: Json }).payload;
    if (answer.status === 200 && operation === 'getRates' && payload) {
      // getRates' example sends rateItemCharge values as strings ("2.00000").
      const rates = (payload.rates as Json[]).map((rate) => ({ ...rate, totalCharge: { ...(rate.totalCharge as Json), value: String((rate.totalCharge as Json).value) } }));
      return { status: 200, text: JSON.stringify({ payload: { ...payload, rates } }), contentType: 'application/json' };
    }
    if (answer.status === 200 && operation === 'purchaseShipment' && payload) {
      // purchaseShipment's example sends trackingId as a JSON number.
      const details = (payload.packageDocumentDetails as Json[]).map((d) => ({ ...d, trackingId: 1578648261977 }));
      return { status: 200, text: JSON.stringify({ payload: { ...payload, packageDocumentDetails: details } }), contentType: 'application/json' };
    }
    // What a proxy in between says when it, not Amazon, answers.
    return { status: 200, text: '<html><body>Service Unavailable</body></html>', contentType: 'text/html' };
  }

  function send(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': contentType, 'x-amzn-RequestId': randomUUID(), 'x-amzn-RateLimit-Limit': '80.0', ...headers });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
    const failure = failures.shift();
    if (failure?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (failure?.kind === '429' || failure?.kind === '500' || failure?.kind === '503') {
      const canned = CANNED[failure.kind];
      send(res, Number(failure.kind), JSON.stringify({ errors: [canned] }), 'application/json', failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter });
      return;
    }

    const answerWith = (operation: ResolvedOperation | null, answer: Answer): void => {
      if (operation !== null) {
        const problems = validateResponse(model, operation, answer.status, answer.body);
        if (problems.length > 0) modelViolations.push(`${operation.operationId} ${answer.status}: ${formatErrors(problems)}`);
      }
      const reply = () => {
        if (failure?.kind === 'malformed') {
          const broken = malformed(operation?.operationId ?? '', answer);
          send(res, broken.status, broken.text, broken.contentType);
        } else {
          send(res, answer.status, JSON.stringify(answer.body), 'application/json', answer.headers);
        }
      };
      if (failure?.kind === 'timeout') return; // processed; the answer is lost
      if (failure?.kind === 'slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          reply();
        }, slowMs);
        timers.add(timer);
        return;
      }
      reply();
    };

    const url = req.url ?? '/';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;

    if (requiredToken !== null) {
      const token = headers['x-amz-access-token'];
      if (token === undefined || token === '') return answerWith(null, errorList(401, [{ code: 'Unauthorized', message: UNAUTHORIZED }]));
      if (token !== requiredToken) return answerWith(null, errorList(403, [{ code: 'Unauthorized', message: UNAUTHORIZED, details: 'The access token is invalid or has expired' }]));
    }

    let body: unknown;
    if (rawBody !== '') {
      if (!(headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return answerWith(null, errorList(415, [{ code: 'InvalidRequest', message: 'The request payload format is not supported.' }]));
      }
      try {
        body = JSON.parse(rawBody);
      } catch {
        return answerWith(null, invalid('The request body is not JSON'));
      }
    }

    const checked = validateRequest(model, { method: req.method ?? 'GET', url, headers, body });
    if (!checked.found) return answerWith(null, errorList(404, [{ code: 'NotFound', message: "The requested resource is invalid or doesn't exist", details: checked.message }]));
    const { operation } = checked;
    if (checked.errors.length > 0) {
      return answerWith(operation, errorList(400, checked.errors.map((e) => ({ code: 'InvalidRequest', message: INVALID, details: `${e.path} ${e.message}` }))));
    }
    accepted.push({ operation: operation.operationId, body, headers });
    const business = headers['x-amzn-shipping-business-id'] ?? DEFAULT_BUSINESS;
    switch (operation.operationId) {
      case 'getRates':
        return answerWith(operation, getRates(body as Json, business));
      case 'purchaseShipment':
        return answerWith(operation, await purchaseShipment(body as Json, headers['x-amzn-idempotencykey']));
      case 'cancelShipment':
        return answerWith(operation, cancelShipment(operation.pathParams.shipmentId ?? ''));
      default:
        return answerWith(operation, errorList(404, [{ code: 'NotFound', message: "The requested resource is invalid or doesn't exist", details: `${operation.operationId} is not implemented by the mock` }]));
    }
  }

  return {
    accepted,
    modelViolations,
    shipments,
    get purchases() {
      return purchases;
    },
    failNext(kind, count = 1, extra = {}) {
      for (let i = 0; i < count; i += 1) failures.push({ kind, ...extra });
    },
    requireToken(token) {
      requiredToken = token;
    },
    async start() {
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
            modelViolations.push(`mock crashed: ${(error as Error).stack ?? String(error)}`);
            if (!res.headersSent) send(res, 500, JSON.stringify({ errors: [CANNED['500']] }), 'application/json');
          });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            for (const timer of timers) clearTimeout(timer);
            timers.clear();
            // Held ('timeout') answers keep their connections open; end them rather than wait.
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}
