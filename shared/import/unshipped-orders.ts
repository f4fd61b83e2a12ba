// Amazon's Unshipped Orders report (GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING), the way a
// seller without API access gets orders onto the bench. Tab-separated, one row per order
// item. Amazon adds and reorders columns over time, so columns are found by header name and
// unknown ones are ignored (amazon-sp-api/README.md §5.1).
//
// Amazon's flat files do not quote fields: a product name like `12" ruler` arrives as is,
// so a line is split on tabs only, and a quote is just a character.

import type { Recipient } from '../domain/recipient';
import type { RowError } from './row-error';

export type { RowError } from './row-error';

export type ImportedOrderItem = {
  orderItemId: string;
  sku: string;
  productName: string;
  /** Units still to ship. */
  quantity: number;
  // Optional: given by the Orders API (shared/sync/pulled-orders.ts), not by the report.
  asin?: string | null;
  /** Units the buyer ordered, when more than `quantity` are (some already shipped). */
  quantityOrdered?: number;
  /** The buyer asked to cancel this item and the seller has not acted on it yet. */
  buyerCancelRequested?: boolean;
};

export type ImportedRecipient = Recipient;

export type ImportedOrder = {
  orderId: string;
  /** UTC ISO-8601. */
  purchaseDate: string;
  /** From promise-date, UTC ISO-8601; the earliest if the order's rows disagree. */
  latestShipDate: string | null;
  shipServiceLevel: string | null;
  isPrime: boolean;
  isBusiness: boolean;
  buyerEmail: string | null;
  buyerName: string | null;
  recipient: ImportedRecipient;
  /** From an optional order-status column (Order Report variants): the buyer or Amazon cancelled. */
  cancelled: boolean;
  /** From an optional is-buyer-requested-cancellation column: the buyer asked to cancel. */
  buyerCancelRequested: boolean;
  items: ImportedOrderItem[];
  // Optional: given by the Orders API (shared/sync/pulled-orders.ts), not by the report.
  /** End of the promised delivery window, UTC ISO-8601. */
  latestDeliveryDate?: string | null;
  /** The marketplace's fulfilment status (Orders 2026-01-01: UNSHIPPED, PARTIALLY_SHIPPED, CANCELLED…). */
  marketplaceStatus?: string;
  marketplaceId?: string | null;
  /** When the marketplace last changed the order, UTC ISO-8601. */
  lastUpdatedTime?: string;
};

export type UnshippedReportError = {
  code: 'REPORT_MISSING_COLUMNS' | 'REPORT_EMPTY';
  message: string;
  missing?: string[];
};

export type UnshippedReportResult =
  | { ok: true; orders: ImportedOrder[]; rowErrors: RowError[]; rowCount: number }
  | { ok: false; error: UnshippedReportError };

const REQUIRED_COLUMNS = [
  'order-id',
  'order-item-id',
  'purchase-date',
  'sku',
  'quantity-purchased',
  'recipient-name',
  'ship-address-1',
  'ship-city',
  'ship-postal-code',
  'ship-country',
] as const;

const ORDER_ID = /^[0-9]{3}-[0-9]{7}-[0-9]{7}$/;

const ISO_DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:(Z)|([+-])([0-9]{2}):?([0-9]{2}))$/i;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
// The EU Seller Central example (05-17-2011) puts the month first.
const US_DATE = /^([0-9]{2})-([0-9]{2})-([0-9]{4})$/;

const ACCEPTED_DATES = '2026-11-20T08:15:00+00:00, 2026-11-20T08:15:00Z, 2026-11-20 or 11-20-2026';

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function utcIso(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0, offsetMinutes = 0): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC never consults the machine's time zone, unlike new Date(string) for some forms.
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return new Date(t).toISOString();
}

/**
 * A report date as UTC ISO-8601 (`2026-11-20T08:15:00.000Z`), or null if it is not one of the
 * forms Amazon uses. A time without an offset is refused: its zone would be a guess, and a
 * guessed zone moves the ship-by deadline by hours.
 */
export function parseReportDate(value: string): string | null {
  const v = value.trim();
  let m = ISO_DATE_TIME.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
    const offsetHours = Number(oh ?? '0');
    const offsetMins = Number(om ?? '0');
    if (offsetHours > 23 || offsetMins > 59) return null;
    const offset = z ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
    const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
    return utcIso(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? '0'), ms, offset);
  }
  m = ISO_DATE.exec(v);
  if (m) return utcIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = US_DATE.exec(v);
  if (m) return utcIso(Number(m[3]), Number(m[1]), Number(m[2]));
  return null;
}

type Problem = { code: string; column: string; text: string };

type GoodRow = {
  line: number;
  orderId: string;
  order: Omit<ImportedOrder, 'items' | 'orderId'>;
  /** null when the item is already fully shipped and only listed for context. */
  item: ImportedOrderItem | null;
};

type RowCells = { get(column: string): string | undefined };

function parseCount(raw: string, column: string, problems: Problem[]): number | null {
  if (!/^[+-]?[0-9]+$/.test(raw)) {
    problems.push({ code: 'ROW_BAD_QUANTITY', column, text: `${column} is '${raw}', not a whole number` });
    return null;
  }
  const n = Number(raw);
  if (n < 0) {
    problems.push({ code: 'ROW_BAD_QUANTITY', column, text: `${column} is ${n}, a negative quantity` });
    return null;
  }
  return n;
}

function parseBoolean(raw: string | undefined, column: string, problems: Problem[]): boolean {
  if (raw === undefined || raw === '') return false;
  const v = raw.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  problems.push({ code: 'ROW_BAD_BOOLEAN', column, text: `${column} is '${raw}', expected true or false` });
  return false;
}

function parseRow(cells: RowCells, hasQuantityToShip: boolean, problems: Problem[]): Omit<GoodRow, 'line' | 'orderId'> | null {
  const required = (column: string): string => {
    const v = cells.get(column) ?? '';
    if (v === '') problems.push({ code: 'ROW_MISSING_VALUE', column, text: `${column} is empty` });
    return v;
  };
  const optional = (column: string): string | null => {
    const v = cells.get(column);
    return v === undefined || v === '' ? null : v;
  };
  const date = (column: string, raw: string | null): string | null => {
    if (raw === null || raw === '') return null;
    const iso = parseReportDate(raw);
    if (iso === null) {
      problems.push({ code: 'ROW_BAD_DATE', column, text: `${column} is '${raw}', not a date like ${ACCEPTED_DATES}` });
    }
    return iso;
  };

  const orderItemId = required('order-item-id');
  const purchaseDate = date('purchase-date', required('purchase-date'));
  const latestShipDate = date('promise-date', optional('promise-date'));
  const sku = required('sku');

  const purchasedRaw = required('quantity-purchased');
  const purchased = purchasedRaw === '' ? null : parseCount(purchasedRaw, 'quantity-purchased', problems);
  let quantity = purchased;
  let quantityColumn = 'quantity-purchased';
  let alreadyShipped = false;
  const statusRaw = optional('order-status');
  const cancelled = statusRaw !== null && /^cancell?ed$/i.test(statusRaw.trim());
  if (hasQuantityToShip) {
    quantityColumn = 'quantity-to-ship';
    const toShipRaw = required('quantity-to-ship');
    quantity = toShipRaw === '' ? null : parseCount(toShipRaw, 'quantity-to-ship', problems);
    const shippedRaw = optional('quantity-shipped');
    const shipped = shippedRaw === null ? null : parseCount(shippedRaw, 'quantity-shipped', problems);
    // A line of a partly shipped order whose units have all gone already: nothing to pack,
    // and no reason to hold back the rest of the order.
    alreadyShipped = quantity === 0 && purchased !== null && purchased > 0 && (shipped === purchased || cancelled);
    if (quantity !== null && purchased !== null && quantity > purchased) {
      problems.push({
        code: 'ROW_BAD_QUANTITY',
        column: quantityColumn,
        text: `quantity-to-ship is ${quantity}, more than the ${purchased} purchased`,
      });
    }
  }
  if (quantity === 0 && !alreadyShipped) {
    problems.push({ code: 'ROW_BAD_QUANTITY', column: quantityColumn, text: `${quantityColumn} is 0` });
  }

  const countryRaw = required('ship-country');
  const countryCode = countryRaw.toUpperCase();
  if (countryRaw !== '' && !/^[A-Z]{2}$/.test(countryCode)) {
    problems.push({ code: 'ROW_BAD_COUNTRY', column: 'ship-country', text: `ship-country is '${countryRaw}', not a 2-letter country code` });
  }

  const recipient: ImportedRecipient = {
    name: required('recipient-name'),
    address1: required('ship-address-1'),
    address2: optional('ship-address-2'),
    address3: optional('ship-address-3'),
    city: required('ship-city'),
    state: optional('ship-state'),
    postalCode: required('ship-postal-code'),
    countryCode,
    // The carrier calls the recipient, so the ship-to phone wins when a variant of the
    // report carries one; otherwise the buyer's number is the best there is.
    phone: optional('ship-phone-number') ?? optional('buyer-phone-number'),
  };
  const isPrime = parseBoolean(cells.get('is-prime'), 'is-prime', problems);
  const isBusiness = parseBoolean(cells.get('is-business-order'), 'is-business-order', problems);
  const buyerCancelRequested = parseBoolean(cells.get('is-buyer-requested-cancellation'), 'is-buyer-requested-cancellation', problems);

  if (problems.length > 0 || purchaseDate === null || quantity === null) return null;
  return {
    order: {
      purchaseDate,
      latestShipDate,
      shipServiceLevel: optional('ship-service-level'),
      isPrime,
      isBusiness,
      buyerEmail: optional('buyer-email'),
      buyerName: optional('buyer-name'),
      recipient,
      cancelled,
      buyerCancelRequested,
    },
    item: alreadyShipped ? null : { orderItemId, sku, productName: cells.get('product-name') ?? '', quantity },
  };
}

// Order-level values every row of one order must agree on; a disagreement means the file
// was edited or merged badly, and guessing which row is right could ship to the wrong door.
const ORDER_FIELDS: Array<[column: string, read: (o: GoodRow['order']) => unknown]> = [
  ['purchase-date', (o) => o.purchaseDate],
  ['ship-service-level', (o) => o.shipServiceLevel],
  ['is-prime', (o) => o.isPrime],
  ['is-business-order', (o) => o.isBusiness],
  ['buyer-email', (o) => o.buyerEmail],
  ['buyer-name', (o) => o.buyerName],
  ['recipient-name', (o) => o.recipient.name],
  ['ship-address-1', (o) => o.recipient.address1],
  ['ship-address-2', (o) => o.recipient.address2],
  ['ship-address-3', (o) => o.recipient.address3],
  ['ship-city', (o) => o.recipient.city],
  ['ship-state', (o) => o.recipient.state],
  ['ship-postal-code', (o) => o.recipient.postalCode],
  ['ship-country', (o) => o.recipient.countryCode],
  ['order-status', (o) => o.cancelled],
  ['is-buyer-requested-cancellation', (o) => o.buyerCancelRequested],
];

function notImported(orderId: string | undefined): string {
  return orderId === undefined
    ? 'This row was not imported.'
    : `Order ${orderId} was not imported, so that it is not packed short; fix the file and import it again.`;
}

function missingColumnsMessage(missing: string[], header: string[]): string {
  const base = `The report is missing ${missing.length === 1 ? 'the column' : 'these columns'}: ${missing.join(', ')}.`;
  if (header.length === 1 && (header[0] ?? '').includes(',')) {
    return `${base} The file looks comma-separated; the Unshipped Orders report is tab-separated, so download it again rather than saving it from a spreadsheet.`;
  }
  return base;
}

export function parseUnshippedOrdersReport(text: string): UnshippedReportResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex === -1) {
    return { ok: false, error: { code: 'REPORT_EMPTY', message: 'The report is empty: it has no header line and no orders.' } };
  }

  const header = (lines[headerIndex] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const columnIndex = new Map<string, number>();
  header.forEach((name, i) => {
    if (name !== '' && !columnIndex.has(name)) columnIndex.set(name, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    return { ok: false, error: { code: 'REPORT_MISSING_COLUMNS', message: missingColumnsMessage(missing, header), missing } };
  }
  const hasQuantityToShip = columnIndex.has('quantity-to-ship');

  const rowErrors: RowError[] = [];
  const rowsByOrder = new Map<string, GoodRow[]>();
  const rejected = new Set<string>();
  let rowCount = 0;

  const report = (line: number, code: string, text: string, column: string | undefined, orderId: string | undefined): void => {
    const error: RowError = { line, code, message: `Line ${line}: ${text}. ${notImported(orderId)}` };
    if (column !== undefined) error.column = column;
    if (orderId !== undefined) error.orderId = orderId;
    rowErrors.push(error);
  };

  for (let i = headerIndex + 1; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    rowCount += 1;
    const line = i + 1;
    const cellValues = raw.split('\t');
    const cells: RowCells = {
      get(column) {
        const idx = columnIndex.get(column);
        return idx === undefined ? undefined : (cellValues[idx] ?? '').trim();
      },
    };

    const orderIdRaw = cells.get('order-id') ?? '';
    const problems: Problem[] = [];
    let orderId: string | undefined;
    if (orderIdRaw === '') {
      problems.push({ code: 'ROW_MISSING_VALUE', column: 'order-id', text: 'order-id is empty' });
    } else if (!ORDER_ID.test(orderIdRaw)) {
      problems.push({
        code: 'ROW_BAD_ORDER_ID',
        column: 'order-id',
        text: `order-id is '${orderIdRaw}', not an Amazon order id like 104-3563777-5518068`,
      });
    } else {
      orderId = orderIdRaw;
    }
    const parsed = parseRow(cells, hasQuantityToShip, problems);
    if (orderId !== undefined) {
      if (!rowsByOrder.has(orderId)) rowsByOrder.set(orderId, []);
      if (problems.length > 0) rejected.add(orderId);
    }
    for (const p of problems) report(line, p.code, p.text, p.column, orderId);
    if (parsed !== null && orderId !== undefined) {
      rowsByOrder.get(orderId)?.push({ line, orderId, ...parsed });
    }
  }

  const orders: ImportedOrder[] = [];
  for (const [orderId, rows] of rowsByOrder) {
    const [first] = rows;
    if (first === undefined) continue;
    const items = new Map<string, { item: ImportedOrderItem; line: number }>();
    let latestShipDate = first.order.latestShipDate;
    let conflict = false;
    for (const row of rows) {
      if (row !== first) {
        const differing = ORDER_FIELDS.find(([, read]) => read(row.order) !== read(first.order));
        if (differing !== undefined) {
          conflict = true;
          report(row.line, 'ROW_CONFLICT', `${differing[0]} differs from line ${first.line} of the same order`, differing[0], orderId);
        }
      }
      // Items may carry different promise dates; the earliest is the one that can be missed.
      const promised = row.order.latestShipDate;
      if (promised !== null && (latestShipDate === null || promised < latestShipDate)) latestShipDate = promised;
      if (row.item === null) continue;
      const seen = items.get(row.item.orderItemId);
      if (seen === undefined) {
        items.set(row.item.orderItemId, { item: row.item, line: row.line });
      } else if (seen.item.sku !== row.item.sku || seen.item.quantity !== row.item.quantity || seen.item.productName !== row.item.productName) {
        // The same item twice with the same data is a repeated row and is kept once; with
        // different data there is no telling which quantity the buyer is owed.
        conflict = true;
        report(
          row.line,
          'ROW_CONFLICT',
          `order-item-id ${row.item.orderItemId} appears again with different data than on line ${seen.line}`,
          'order-item-id',
          orderId,
        );
      }
    }
    // A cancelled order is passed on even with nothing left to ship: the bench must hear of it.
    if (conflict || rejected.has(orderId) || (items.size === 0 && !first.order.cancelled)) continue;
    orders.push({ orderId, ...first.order, latestShipDate, items: [...items.values()].map((v) => v.item) });
  }

  rowErrors.sort((a, b) => a.line - b.line);
  return { ok: true, orders, rowErrors, rowCount };
}
