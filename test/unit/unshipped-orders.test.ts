import { afterEach, describe, it, expect } from 'vitest';
import { parseReportDate, parseUnshippedOrdersReport } from '../../shared/import/unshipped-orders';
import type { ImportedOrder, UnshippedReportResult } from '../../shared/import/unshipped-orders';

// Column order of GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING as Amazon documents it, with
// the buyer-name column real files carry (amazon-sp-api/README.md §5.1).
const DOCUMENTED_COLUMNS = [
  'order-id',
  'order-item-id',
  'purchase-date',
  'payments-date',
  'reporting-date',
  'promise-date',
  'days-past-promise',
  'buyer-email',
  'buyer-name',
  'buyer-phone-number',
  'sku',
  'product-name',
  'quantity-purchased',
  'quantity-shipped',
  'quantity-to-ship',
  'ship-service-level',
  'recipient-name',
  'ship-address-1',
  'ship-address-2',
  'ship-address-3',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
  'is-prime',
];

type Row = Record<string, string>;

const ORDER_A = '104-3563777-5518068'; // the example order id on Amazon's Unshipped Orders help page
const ORDER_B = '112-0000001-0000002';
const ORDER_C = '113-1234567-7654321';

function row(overrides: Row = {}): Row {
  return {
    'order-id': ORDER_A,
    'order-item-id': '61234567890123',
    'purchase-date': '2026-11-20T08:15:00+00:00',
    'payments-date': '2026-11-20T08:16:00+00:00',
    'reporting-date': '2026-11-20T08:30:00+00:00',
    'promise-date': '2026-11-22T07:59:59+00:00',
    'days-past-promise': '-2',
    'buyer-email': 'abc123@marketplace.amazon.com',
    'buyer-name': 'Jane Doe',
    'buyer-phone-number': '+1 206-555-0100',
    sku: 'MUG-RED-350',
    'product-name': 'Ceramic mug, red, 350 ml',
    'quantity-purchased': '2',
    'quantity-shipped': '0',
    'quantity-to-ship': '2',
    'ship-service-level': 'Standard',
    'recipient-name': 'Jane Doe',
    'ship-address-1': '410 Terry Ave N',
    'ship-address-2': '',
    'ship-address-3': '',
    'ship-city': 'Seattle',
    'ship-state': 'WA',
    'ship-postal-code': '98109-5210',
    'ship-country': 'US',
    'is-business-order': 'false',
    'purchase-order-number': '',
    'price-designation': '',
    'is-prime': 'false',
    ...overrides,
  };
}

function tsv(rows: Row[], columns: string[] = DOCUMENTED_COLUMNS, eol = '\n'): string {
  const lines = [columns.join('\t'), ...rows.map((r) => columns.map((c) => r[c] ?? '').join('\t'))];
  return lines.join(eol) + eol;
}

function parsed(text: string): Extract<UnshippedReportResult, { ok: true }> {
  const result = parseUnshippedOrdersReport(text);
  if (!result.ok) throw new Error(`expected the report to parse, got ${result.error.code}: ${result.error.message}`);
  return result;
}

const ORDER_A_AS_IMPORTED: ImportedOrder = {
  orderId: ORDER_A,
  purchaseDate: '2026-11-20T08:15:00.000Z',
  latestShipDate: '2026-11-22T07:59:59.000Z',
  shipServiceLevel: 'Standard',
  isPrime: false,
  isBusiness: false,
  buyerEmail: 'abc123@marketplace.amazon.com',
  buyerName: 'Jane Doe',
  recipient: {
    name: 'Jane Doe',
    address1: '410 Terry Ave N',
    address2: null,
    address3: null,
    city: 'Seattle',
    state: 'WA',
    postalCode: '98109-5210',
    countryCode: 'US',
    phone: '+1 206-555-0100',
  },
  cancelled: false,
  buyerCancelRequested: false,
  items: [{ orderItemId: '61234567890123', sku: 'MUG-RED-350', productName: 'Ceramic mug, red, 350 ml', quantity: 2 }],
};

describe('parseUnshippedOrdersReport: the file as a whole', () => {
  it('imports a one-line order with every documented column', () => {
    expect(parsed(tsv([row()]))).toEqual({ ok: true, orders: [ORDER_A_AS_IMPORTED], rowErrors: [], rowCount: 1 });
  });

  it.each([
    ['a UTF-8 byte-order mark', '\uFEFF' + tsv([row()])],
    ['Windows line endings (CRLF)', tsv([row()], DOCUMENTED_COLUMNS, '\r\n')],
    ['a BOM and CRLF together', '\uFEFF' + tsv([row()], DOCUMENTED_COLUMNS, '\r\n')],
    ['no newline after the last row', tsv([row()]).trimEnd()],
    ['blank lines between and after rows', tsv([row()]).replace('\n', '\n\n\n') + '\n\n'],
    [
      'extra columns Amazon added (sales-channel, verge-of-cancellation)',
      tsv([{ ...row(), 'sales-channel': 'Amazon.com', 'verge-of-cancellation': 'false' }], [...DOCUMENTED_COLUMNS, 'sales-channel', 'verge-of-cancellation']),
    ],
    ['columns in a different order', tsv([row()], [...DOCUMENTED_COLUMNS].reverse())],
    ['header names in another case, with stray spaces', tsv([row()]).replace('order-id\t', ' Order-ID \t').replace('\tsku\t', '\tSKU\t')],
  ])('reads the same order from a file with %s', (_name, text) => {
    expect(parsed(text).orders).toEqual([ORDER_A_AS_IMPORTED]);
  });

  it.each([
    ['an empty file', ''],
    ['a file with only a byte-order mark', '\uFEFF'],
    ['a file with only blank lines', '\r\n\r\n  \n'],
  ])('refuses %s as REPORT_EMPTY', (_name, text) => {
    expect(parseUnshippedOrdersReport(text)).toEqual({
      ok: false,
      error: { code: 'REPORT_EMPTY', message: expect.any(String) },
    });
  });

  it('accepts a header with no rows: a day with no unshipped orders', () => {
    expect(parsed(tsv([]))).toEqual({ ok: true, orders: [], rowErrors: [], rowCount: 0 });
  });

  it('names the missing required column', () => {
    const columns = DOCUMENTED_COLUMNS.filter((c) => c !== 'ship-postal-code');
    expect(parseUnshippedOrdersReport(tsv([row()], columns))).toEqual({
      ok: false,
      error: {
        code: 'REPORT_MISSING_COLUMNS',
        message: 'The report is missing the column: ship-postal-code.',
        missing: ['ship-postal-code'],
      },
    });
  });

  it('lists every missing required column at once', () => {
    const columns = DOCUMENTED_COLUMNS.filter((c) => !['sku', 'quantity-purchased', 'ship-country'].includes(c));
    const result = parseUnshippedOrdersReport(tsv([row()], columns));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.missing).toEqual(['sku', 'quantity-purchased', 'ship-country']);
      expect(result.error.message).toContain('sku, quantity-purchased, ship-country');
    }
  });

  it('tells the packer when the file was saved comma-separated by a spreadsheet', () => {
    const csv = DOCUMENTED_COLUMNS.join(',') + '\n' + DOCUMENTED_COLUMNS.map((c) => row()[c]).join(',') + '\n';
    const result = parseUnshippedOrdersReport(csv);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('REPORT_MISSING_COLUMNS');
      expect(result.error.message).toContain('comma-separated');
    }
  });
});

describe('parseUnshippedOrdersReport: orders and items', () => {
  it('groups an order whose rows are not next to each other', () => {
    const result = parsed(
      tsv([
        row({ 'order-item-id': '10000000000001', sku: 'MUG-RED-350' }),
        row({ 'order-id': ORDER_B, 'order-item-id': '20000000000001', sku: 'TEAPOT-1L', 'quantity-purchased': '1', 'quantity-to-ship': '1' }),
        row({ 'order-item-id': '10000000000002', sku: 'SAUCER-WHITE', 'quantity-purchased': '4', 'quantity-to-ship': '4' }),
      ]),
    );
    expect(result.orders.map((o) => o.orderId)).toEqual([ORDER_A, ORDER_B]);
    expect(result.orders[0]?.items).toEqual([
      { orderItemId: '10000000000001', sku: 'MUG-RED-350', productName: 'Ceramic mug, red, 350 ml', quantity: 2 },
      { orderItemId: '10000000000002', sku: 'SAUCER-WHITE', productName: 'Ceramic mug, red, 350 ml', quantity: 4 },
    ]);
    expect(result.rowCount).toBe(3);
  });

  it('passes Chinese names and addresses through untouched', () => {
    const result = parsed(
      tsv([
        row({
          'buyer-name': '张伟',
          'recipient-name': '张伟',
          'product-name': '陶瓷马克杯 红色 350毫升',
          'ship-address-1': '朝阳区建国路88号',
          'ship-address-2': 'SOHO现代城 2号楼 1203室',
          'ship-city': '北京市',
          'ship-state': '北京',
          'ship-postal-code': '100022',
          'ship-country': 'CN',
        }),
      ]),
    );
    const [order] = result.orders;
    expect(order?.buyerName).toBe('张伟');
    expect(order?.items[0]?.productName).toBe('陶瓷马克杯 红色 350毫升');
    expect(order?.recipient).toEqual({
      name: '张伟',
      address1: '朝阳区建国路88号',
      address2: 'SOHO现代城 2号楼 1203室',
      address3: null,
      city: '北京市',
      state: '北京',
      postalCode: '100022',
      countryCode: 'CN',
      phone: '+1 206-555-0100',
    });
  });

  it('keeps a double quote in a product name as a character (Amazon does not quote fields)', () => {
    const result = parsed(tsv([row({ 'product-name': '12" steel ruler, "metric"' })]));
    expect(result.orders[0]?.items[0]?.productName).toBe('12" steel ruler, "metric"');
  });

  it.each([
    ['present', DOCUMENTED_COLUMNS, 'Jane Doe'],
    ['absent (the column list in Amazon’s attribute table)', DOCUMENTED_COLUMNS.filter((c) => c !== 'buyer-name'), null],
  ])('reads the optional buyer-name column when %s', (_name, columns, expected) => {
    expect(parsed(tsv([row()], columns)).orders[0]?.buyerName).toBe(expected);
  });

  it.each([
    ['to ship, when the report has quantity-to-ship', { 'quantity-purchased': '3', 'quantity-shipped': '1', 'quantity-to-ship': '2' }, DOCUMENTED_COLUMNS, 2],
    [
      'purchased, when the report has no quantity-to-ship column',
      { 'quantity-purchased': '3' },
      DOCUMENTED_COLUMNS.filter((c) => c !== 'quantity-to-ship' && c !== 'quantity-shipped'),
      3,
    ],
    ['written with a leading zero', { 'quantity-purchased': '05', 'quantity-to-ship': '05' }, DOCUMENTED_COLUMNS, 5],
  ])('packs the quantity %s', (_name, overrides, columns, expected) => {
    expect(parsed(tsv([row(overrides)], columns)).orders[0]?.items[0]?.quantity).toBe(expected);
  });

  it('leaves out a line whose units have all shipped, and imports the rest of the order', () => {
    const result = parsed(
      tsv([
        row({ 'order-item-id': '10000000000001', 'quantity-purchased': '1', 'quantity-shipped': '1', 'quantity-to-ship': '0' }),
        row({ 'order-item-id': '10000000000002', sku: 'SAUCER-WHITE', 'quantity-purchased': '2', 'quantity-shipped': '0', 'quantity-to-ship': '2' }),
      ]),
    );
    expect(result.rowErrors).toEqual([]);
    expect(result.orders[0]?.items.map((i) => i.sku)).toEqual(['SAUCER-WHITE']);
  });

  it('keeps a repeated identical row once', () => {
    const result = parsed(tsv([row(), row()]));
    expect(result.rowErrors).toEqual([]);
    expect(result.orders).toEqual([ORDER_A_AS_IMPORTED]);
  });

  it('takes the earliest promise date when the rows of one order disagree', () => {
    const result = parsed(
      tsv([
        row({ 'order-item-id': '10000000000001', 'promise-date': '2026-11-23T07:59:59+00:00' }),
        row({ 'order-item-id': '10000000000002', 'promise-date': '2026-11-22T07:59:59+00:00' }),
        row({ 'order-item-id': '10000000000003', 'promise-date': '' }),
      ]),
    );
    expect(result.orders[0]?.latestShipDate).toBe('2026-11-22T07:59:59.000Z');
  });

  it.each([
    ['true', 'false', true, false],
    ['TRUE', 'True', true, true],
    ['False', '', false, false],
  ])('reads is-prime %j and is-business-order %j', (prime, business, isPrime, isBusiness) => {
    const [order] = parsed(tsv([row({ 'is-prime': prime, 'is-business-order': business })])).orders;
    expect(order?.isPrime).toBe(isPrime);
    expect(order?.isBusiness).toBe(isBusiness);
  });

  it('reads a row whose trailing empty cells an editor dropped', () => {
    const columns = [...DOCUMENTED_COLUMNS.filter((c) => c !== 'ship-state' && c !== 'is-prime'), 'ship-state', 'is-prime'];
    const text = tsv([row({ 'ship-state': '', 'is-prime': '' })], columns).replace(/\t+\n/g, '\n');
    expect(text.split('\n')[1]?.endsWith('\t')).toBe(false);
    const [order] = parsed(text).orders;
    expect(order?.recipient.state).toBeNull();
    expect(order?.isPrime).toBe(false);
  });

  it('upper-cases a country code written in lower case', () => {
    expect(parsed(tsv([row({ 'ship-country': 'us' })])).orders[0]?.recipient.countryCode).toBe('US');
  });

  it('uses a ship-to phone number over the buyer’s when the report has one', () => {
    const text = tsv([{ ...row(), 'ship-phone-number': '+86 10 5555 0100' }], [...DOCUMENTED_COLUMNS, 'ship-phone-number']);
    expect(parsed(text).orders[0]?.recipient.phone).toBe('+86 10 5555 0100');
  });
});

describe('parseUnshippedOrdersReport: bad rows', () => {
  // Line 1 is the header, so the rows below sit on lines 2, 3 and 4.
  function threeOrders(bad: Row): string {
    return tsv([row({ 'order-id': ORDER_B, 'order-item-id': '20000000000001' }), bad, row({ 'order-id': ORDER_C, 'order-item-id': '30000000000001' })]);
  }

  it.each<[string, Row, string, string]>([
    ['a purchase date that is not a date', { 'purchase-date': '2026-13-01T08:15:00+00:00' }, 'ROW_BAD_DATE', 'purchase-date'],
    ['a purchase date with no time zone', { 'purchase-date': '2026-11-20T08:15:00' }, 'ROW_BAD_DATE', 'purchase-date'],
    ['a promise date that is not a date', { 'promise-date': 'soon' }, 'ROW_BAD_DATE', 'promise-date'],
    ['a quantity to ship of zero', { 'quantity-to-ship': '0' }, 'ROW_BAD_QUANTITY', 'quantity-to-ship'],
    ['a negative quantity to ship', { 'quantity-to-ship': '-1' }, 'ROW_BAD_QUANTITY', 'quantity-to-ship'],
    ['a quantity of one and a half', { 'quantity-to-ship': '1.5' }, 'ROW_BAD_QUANTITY', 'quantity-to-ship'],
    ['a quantity in words', { 'quantity-to-ship': 'two' }, 'ROW_BAD_QUANTITY', 'quantity-to-ship'],
    ['more to ship than was bought', { 'quantity-purchased': '2', 'quantity-to-ship': '3' }, 'ROW_BAD_QUANTITY', 'quantity-to-ship'],
    ['a negative quantity purchased', { 'quantity-purchased': '-2' }, 'ROW_BAD_QUANTITY', 'quantity-purchased'],
    ['no SKU', { sku: '' }, 'ROW_MISSING_VALUE', 'sku'],
    ['no order item id', { 'order-item-id': '' }, 'ROW_MISSING_VALUE', 'order-item-id'],
    ['no recipient', { 'recipient-name': '   ' }, 'ROW_MISSING_VALUE', 'recipient-name'],
    ['a country that is not a 2-letter code', { 'ship-country': 'USA' }, 'ROW_BAD_COUNTRY', 'ship-country'],
    ['is-prime neither true nor false', { 'is-prime': 'yes' }, 'ROW_BAD_BOOLEAN', 'is-prime'],
  ])('reports %s on its line and imports the other orders', (_name, overrides, code, column) => {
    const result = parsed(threeOrders(row(overrides)));
    expect(result.rowErrors).toEqual([
      { line: 3, code, column, orderId: ORDER_A, message: expect.stringContaining(`Order ${ORDER_A} was not imported`) },
    ]);
    expect(result.orders.map((o) => o.orderId)).toEqual([ORDER_B, ORDER_C]);
    expect(result.rowCount).toBe(3);
  });

  it.each([
    ['missing its first dash', '1043563777-5518068'],
    ['one digit short', '104-3563777-551806'],
    ['with letters', '104-356377A-5518068'],
    ['an eBay-style number', '12-34567-89012'],
  ])('refuses an order id %s', (_name, orderId) => {
    const result = parsed(threeOrders(row({ 'order-id': orderId })));
    expect(result.rowErrors).toEqual([
      { line: 3, code: 'ROW_BAD_ORDER_ID', column: 'order-id', message: expect.stringContaining('This row was not imported') },
    ]);
    expect(result.orders.map((o) => o.orderId)).toEqual([ORDER_B, ORDER_C]);
  });

  it('reports a row with no order id as a missing value', () => {
    const result = parsed(threeOrders(row({ 'order-id': '' })));
    expect(result.rowErrors).toEqual([{ line: 3, code: 'ROW_MISSING_VALUE', column: 'order-id', message: expect.any(String) }]);
  });

  it('holds back a whole order when one of its item rows is bad, so it is not packed short', () => {
    const result = parsed(
      tsv([
        row({ 'order-item-id': '10000000000001' }),
        row({ 'order-id': ORDER_B, 'order-item-id': '20000000000001' }),
        row({ 'order-item-id': '10000000000002', sku: 'SAUCER-WHITE', 'quantity-to-ship': '0' }),
      ]),
    );
    expect(result.orders.map((o) => o.orderId)).toEqual([ORDER_B]);
    expect(result.rowErrors).toEqual([
      {
        line: 4,
        code: 'ROW_BAD_QUANTITY',
        column: 'quantity-to-ship',
        orderId: ORDER_A,
        message: expect.stringMatching(/^Line 4: .*Order 104-3563777-5518068 was not imported, so that it is not packed short/),
      },
    ]);
  });

  it('reports each bad line of an order, and every problem on a line', () => {
    const result = parsed(
      tsv([
        row({ 'order-item-id': '10000000000001', 'purchase-date': 'yesterday', 'quantity-to-ship': '0' }),
        row({ 'order-item-id': '10000000000002', sku: '' }),
      ]),
    );
    expect(result.orders).toEqual([]);
    expect(result.rowErrors.map((e) => [e.line, e.code, e.column])).toEqual([
      [2, 'ROW_BAD_DATE', 'purchase-date'],
      [2, 'ROW_BAD_QUANTITY', 'quantity-to-ship'],
      [3, 'ROW_MISSING_VALUE', 'sku'],
    ]);
  });

  it('counts physical lines, blank ones included, when it names the bad line', () => {
    const text = tsv([row({ 'order-id': ORDER_B }), row({ 'purchase-date': 'never' })]).replace(/\n/, '\n\n\n');
    expect(parsed(text).rowErrors.map((e) => e.line)).toEqual([5]);
  });

  it('refuses an order whose item id appears twice with different quantities', () => {
    const result = parsed(tsv([row({ 'quantity-purchased': '2', 'quantity-to-ship': '2' }), row({ 'order-id': ORDER_B }), row({ 'quantity-purchased': '3', 'quantity-to-ship': '3' })]));
    expect(result.orders.map((o) => o.orderId)).toEqual([ORDER_B]);
    expect(result.rowErrors).toEqual([
      {
        line: 4,
        code: 'ROW_CONFLICT',
        column: 'order-item-id',
        orderId: ORDER_A,
        message: expect.stringContaining('different data than on line 2'),
      },
    ]);
  });

  it('refuses an order whose rows disagree on where it goes', () => {
    const result = parsed(
      tsv([row({ 'order-item-id': '10000000000001' }), row({ 'order-item-id': '10000000000002', 'ship-postal-code': '98101' })]),
    );
    expect(result.orders).toEqual([]);
    expect(result.rowErrors).toEqual([
      { line: 3, code: 'ROW_CONFLICT', column: 'ship-postal-code', orderId: ORDER_A, message: expect.stringContaining('line 2') },
    ]);
  });
});

describe('parseReportDate', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each([
    ['2026-11-20T08:15:00+00:00', '2026-11-20T08:15:00.000Z', 'the form in the US report'],
    ['2007-07-14T18:54:21+00:00', '2007-07-14T18:54:21.000Z', 'the JP Order Report help page example'],
    ['2026-11-20T08:15:00Z', '2026-11-20T08:15:00.000Z', 'Z for UTC'],
    ['2026-11-20T08:15:00.123Z', '2026-11-20T08:15:00.123Z', 'milliseconds'],
    ['2026-11-20T16:15:00+08:00', '2026-11-20T08:15:00.000Z', 'Beijing time'],
    ['2026-11-20T00:15:00-08:00', '2026-11-20T08:15:00.000Z', 'Pacific time'],
    ['2026-11-21T01:30:00+09:00', '2026-11-20T16:30:00.000Z', 'Tokyo time the next calendar day'],
    ['2026-11-20T08:15:00+0000', '2026-11-20T08:15:00.000Z', 'an offset without a colon'],
    ['2026-11-20T08:15+00:00', '2026-11-20T08:15:00.000Z', 'no seconds'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z', 'a date alone, read as UTC midnight'],
    ['11-20-2026', '2026-11-20T00:00:00.000Z', 'month-day-year'],
    ['05-17-2011', '2011-05-17T00:00:00.000Z', 'the EU Order Report help page example'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z', 'a leap day'],
    [' 2026-11-20 ', '2026-11-20T00:00:00.000Z', 'spaces around it'],
  ])('reads %s as %s (%s)', (raw, expected) => {
    expect(parseReportDate(raw)).toBe(expected);
  });

  it.each([
    ['2026-11-20T08:15:00', 'a time with no zone'],
    ['2026-02-29', 'a leap day in a common year'],
    ['2026-04-31', 'the 31st of April'],
    ['17-05-2011', 'day-month-year'],
    ['2026-11-20T24:00:00Z', 'hour 24'],
    ['2026-11-20T08:60:00Z', 'minute 60'],
    ['2026/11/20', 'slashes'],
    ['20261120', 'no separators'],
    ['Nov 20, 2026', 'words'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (raw) => {
    expect(parseReportDate(raw)).toBeNull();
  });

  it('gives the same answer whatever time zone the bench PC is set to', () => {
    const answers = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'].map((tz) => {
      process.env.TZ = tz;
      return ['2026-11-20', '11-20-2026', '2026-03-08T10:30:00-08:00'].map(parseReportDate);
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-20T00:00:00.000Z', '2026-03-08T18:30:00.000Z']);
  });
});

describe('cancellations in the report', () => {
  const header = 'order-id\torder-item-id\tpurchase-date\tsku\tquantity-purchased\tquantity-to-ship\trecipient-name\tship-address-1\tship-city\tship-postal-code\tship-country\torder-status\tis-buyer-requested-cancellation';
  const row = (status: string, toShip: string, buyerCancel = 'false') =>
    ['111-2222222-3333333', '12345678901234', '2026-11-20', 'SKU-1', '1', toShip, 'Jo', '1 Road', 'Town', '12345', 'US', status, buyerCancel].join('\t');

  it('an order-status of Canceled marks the order cancelled, even with nothing left to ship', () => {
    const result = parseUnshippedOrdersReport(`${header}\n${row('Canceled', '0')}\n`);
    expect(result.ok && result.orders.map((order) => [order.orderId, order.cancelled, order.items.length])).toEqual([['111-2222222-3333333', true, 0]]);
    expect(result.ok && result.rowErrors).toEqual([]);
  });

  it('a buyer cancel request is carried as a flag on an order still to pack', () => {
    const result = parseUnshippedOrdersReport(`${header}\n${row('Unshipped', '1', 'true')}\n`);
    expect(result.ok && result.orders[0]).toMatchObject({ cancelled: false, buyerCancelRequested: true });
  });
});
