// Amazon's Shipping Confirmation flat file, feed type POST_FLAT_FILE_FULFILLMENT_DATA
// (amazon-sp-api/README.md §5.2). The same text goes to Amazon in a feed (§4.3) and to the
// packer as the manual fallback, uploaded by hand in Seller Central.
//
// Decisions, with their reasons:
// - One row per order item, always with order-item-id and quantity: a package may carry part of
//   an order, and quantity "is required on each row when an order is split".
// - ship-date is the yyyy-mm-dd the template asks for, taken as the UTC date of the ship time
//   (the bench stores UTC). `shipDateOffsetMinutes` shifts it to another zone when a
//   marketplace is found to read the date in its own zone.
// - carrier-name is written only when carrier-code is "Other": the template requires it only
//   then, and for a listed carrier the code alone names it; a free-text name beside a listed code
//   could only disagree with it. An "Other" without a name (1–50 characters) is refused.
// - The file cannot quote (Amazon's flat files split on tabs), so a tab, CR, LF or other control
//   character inside a value becomes a single space; values are trimmed; UTF-8 text (Chinese
//   carrier names) is kept as is. Lines end in LF; no byte-order mark, which would glue itself to
//   "order-id".
// - A blank tracking-number means "keep the previous one" to Amazon and the word NULL deletes
//   it, so both are refused: a confirmation must carry a real number.
// - Transparency codes have a column of their own whose multi-code format the README does not
//   give; a confirmation carrying them is refused here (send it by confirmShipment instead).

import { parseReportDate } from '../import/unshipped-orders';
import { DomainError } from '../result';

export type FlatFileConfirmation = {
  /** The caller's id for this confirmation (the outbox job id), to map results back. */
  key: string;
  orderId: string;
  /** ISO-8601 date-time. */
  shipDate: string;
  carrierCode: string;
  /** Needed when carrierCode is "Other"; otherwise not written. */
  carrierName?: string | null;
  shippingMethod?: string | null;
  trackingNumber: string;
  items: ReadonlyArray<{ orderItemId: string; quantity: number; transparencyCodes?: readonly string[] | null }>;
};

export type FlatFileRecord = {
  /** 1-based number of the data row (the header is not counted), as Amazon's report cites it. */
  recordNumber: number;
  key: string;
  orderId: string;
  orderItemId: string;
};

export type FlatFile = { text: string; records: FlatFileRecord[] };

export type FlatFileOptions = {
  /** Minutes east of UTC for the ship-date column; 0 (UTC) unless a marketplace needs otherwise. */
  shipDateOffsetMinutes?: number;
};

export type FlatFileErrorCode =
  | 'CONFIRMATION_NO_TRACKING_NUMBER'
  | 'CONFIRMATION_NO_ITEMS'
  | 'CONFIRMATION_BAD_ORDER_ID'
  | 'CONFIRMATION_BAD_ITEM'
  | 'CONFIRMATION_BAD_SHIP_DATE'
  | 'CONFIRMATION_NO_CARRIER'
  | 'CONFIRMATION_CARRIER_NAME_NEEDED'
  | 'CONFIRMATION_TRANSPARENCY_UNSUPPORTED';

/** A confirmation the file cannot carry; `data.key` says which. */
export class FlatFileError extends DomainError {
  override readonly code: FlatFileErrorCode;

  constructor(code: FlatFileErrorCode, message: string, key: string) {
    super(code, message, { key });
    this.name = 'FlatFileError';
    this.code = code;
  }
}

export const FLAT_FILE_COLUMNS = ['order-id', 'order-item-id', 'quantity', 'ship-date', 'carrier-code', 'carrier-name', 'tracking-number', 'ship-method'] as const;

export const FLAT_FILE_FEED_TYPE = 'POST_FLAT_FILE_FULFILLMENT_DATA';
/** The content type of the feed document, as in the Feeds model's sandbox. */
export const FLAT_FILE_CONTENT_TYPE = 'text/tab-separated-values; charset=UTF-8';

const ORDER_ID = /^[0-9A-Za-z]{3}-[0-9A-Za-z]{7}-[0-9A-Za-z]{7}$/;
const ISO_DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** A value as one TSV cell: control-character runs become one space, ends trimmed. */
export function flatFileCell(value: string | null | undefined): string {
  return (value ?? '').replace(BREAKS, ' ').trim();
}

function shipDateColumn(shipDate: string, offsetMinutes: number): string | null {
  if (!ISO_DATE_TIME.test(shipDate.trim())) return null;
  // parseReportDate checks the calendar (Date.parse turns 30 February into 2 March).
  const utc = parseReportDate(shipDate);
  if (utc === null) return null;
  const t = Date.parse(utc);
  return new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

type Row = Record<(typeof FLAT_FILE_COLUMNS)[number], string>;

function rowsOf(c: FlatFileConfirmation, offsetMinutes: number): Row[] {
  const fail = (code: FlatFileErrorCode, message: string): never => {
    throw new FlatFileError(code, `Confirmation ${c.key} (order ${c.orderId}): ${message}`, c.key);
  };
  const orderId = flatFileCell(c.orderId);
  if (!ORDER_ID.test(orderId)) fail('CONFIRMATION_BAD_ORDER_ID', `'${orderId}' is not an Amazon order id like 058-3563777-5518068.`);
  const trackingNumber = flatFileCell(c.trackingNumber);
  if (trackingNumber === '') fail('CONFIRMATION_NO_TRACKING_NUMBER', 'it has no tracking number (a blank one would keep the old number at Amazon).');
  if (trackingNumber.toUpperCase() === 'NULL') fail('CONFIRMATION_NO_TRACKING_NUMBER', "the tracking number 'NULL' would delete the number at Amazon.");
  if (c.items.length === 0) fail('CONFIRMATION_NO_ITEMS', 'it lists no items.');
  const shipDate = shipDateColumn(c.shipDate, offsetMinutes);
  if (shipDate === null) fail('CONFIRMATION_BAD_SHIP_DATE', `'${c.shipDate}' is not an ISO-8601 date and time with its zone.`);

  let carrierCode = flatFileCell(c.carrierCode);
  if (carrierCode === '') fail('CONFIRMATION_NO_CARRIER', 'it has no carrier code.');
  let carrierName = '';
  if (carrierCode.toLowerCase() === 'other') {
    carrierCode = 'Other';
    carrierName = flatFileCell(c.carrierName);
    const length = [...carrierName].length;
    if (length === 0 || length > 50) fail('CONFIRMATION_CARRIER_NAME_NEEDED', `carrier code Other needs a carrier name of 1 to 50 characters, not ${length}.`);
  }
  const shipMethod = flatFileCell(c.shippingMethod);

  return c.items.map((item) => {
    const orderItemId = flatFileCell(item.orderItemId);
    if (orderItemId === '') fail('CONFIRMATION_BAD_ITEM', 'an item has no order-item-id.');
    if (!Number.isInteger(item.quantity) || item.quantity < 1) fail('CONFIRMATION_BAD_ITEM', `item ${orderItemId} has quantity ${item.quantity}, not a positive whole number.`);
    if ((item.transparencyCodes ?? []).length > 0) fail('CONFIRMATION_TRANSPARENCY_UNSUPPORTED', `item ${orderItemId} carries Transparency codes, which this file does not; send it by the API.`);
    return {
      'order-id': orderId,
      'order-item-id': orderItemId,
      quantity: String(item.quantity),
      'ship-date': shipDate ?? '',
      'carrier-code': carrierCode,
      'carrier-name': carrierName,
      'tracking-number': trackingNumber,
      'ship-method': shipMethod,
    };
  });
}

/**
 * Checks one confirmation the way the file builder would; null if it can go in a file. For
 * callers that set refused confirmations aside before building a file of the rest.
 */
export function flatFileProblem(c: FlatFileConfirmation, options: FlatFileOptions = {}): FlatFileError | null {
  try {
    rowsOf(c, options.shipDateOffsetMinutes ?? 0);
    return null;
  } catch (error) {
    if (error instanceof FlatFileError) return error;
    throw error;
  }
}

/**
 * The file for these confirmations, in their order, and which data row belongs to which. Throws
 * FlatFileError for the first confirmation it cannot carry: a file silently missing one would
 * still let the caller mark that one as sent.
 */
export function buildFulfillmentFlatFile(confirmations: readonly FlatFileConfirmation[], options: FlatFileOptions = {}): FlatFile {
  const offset = options.shipDateOffsetMinutes ?? 0;
  const lines: string[] = [FLAT_FILE_COLUMNS.join('\t')];
  const records: FlatFileRecord[] = [];
  for (const c of confirmations) {
    for (const row of rowsOf(c, offset)) {
      lines.push(FLAT_FILE_COLUMNS.map((column) => row[column]).join('\t'));
      records.push({ recordNumber: records.length + 1, key: c.key, orderId: row['order-id'], orderItemId: row['order-item-id'] });
    }
  }
  return { text: `${lines.join('\n')}\n`, records };
}
