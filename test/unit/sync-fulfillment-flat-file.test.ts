import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/result';
import { FLAT_FILE_COLUMNS, FlatFileError, buildFulfillmentFlatFile, flatFileCell, flatFileProblem } from '../../shared/sync/fulfillment-flat-file';
import type { FlatFileConfirmation } from '../../shared/sync/fulfillment-flat-file';

const HEADER = 'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method';

const confirmation = (over: Partial<FlatFileConfirmation> = {}): FlatFileConfirmation => ({
  key: '17',
  orderId: '114-1234567-1234567',
  shipDate: '2026-11-20T08:15:00.000Z',
  carrierCode: 'FedEx',
  carrierName: 'FedEx',
  shippingMethod: 'FedEx Ground',
  trackingNumber: '112345678',
  items: [{ orderItemId: '12345678901234', quantity: 1 }],
  ...over,
});

/** The data rows as cells. */
function rows(text: string): string[][] {
  const lines = text.split('\n');
  expect(lines[0]).toBe(HEADER);
  expect(lines.at(-1)).toBe('');
  return lines.slice(1, -1).map((l) => l.split('\t'));
}

describe('the shipping-confirmation flat file (POST_FLAT_FILE_FULFILLMENT_DATA)', () => {
  it("has the template's columns in the template's order", () => {
    expect(FLAT_FILE_COLUMNS.join('\t')).toBe(HEADER);
  });

  it('one confirmation, one item: one row; carrier-name left empty for a listed carrier', () => {
    const file = buildFulfillmentFlatFile([confirmation()]);
    expect(file.text).toBe(`${HEADER}\n114-1234567-1234567\t12345678901234\t1\t2026-11-20\tFedEx\t\t112345678\tFedEx Ground\n`);
    expect(file.records).toEqual([{ recordNumber: 1, key: '17', orderId: '114-1234567-1234567', orderItemId: '12345678901234' }]);
  });

  it('no confirmations: the header alone, no records', () => {
    expect(buildFulfillmentFlatFile([])).toEqual({ text: `${HEADER}\n`, records: [] });
  });

  it('a multi-item package: one row per item, same tracking number, records numbered from 1', () => {
    const file = buildFulfillmentFlatFile([
      confirmation({ items: [{ orderItemId: '11111111111111', quantity: 2 }, { orderItemId: '22222222222222', quantity: 1 }] }),
    ]);
    expect(rows(file.text).map((r) => [r[1], r[2], r[6]])).toEqual([
      ['11111111111111', '2', '112345678'],
      ['22222222222222', '1', '112345678'],
    ]);
    expect(file.records.map((r) => [r.recordNumber, r.key, r.orderItemId])).toEqual([
      [1, '17', '11111111111111'],
      [2, '17', '22222222222222'],
    ]);
  });

  it('an order split over two packages: the same item on two rows, each with its own quantity and tracking number', () => {
    const file = buildFulfillmentFlatFile([
      confirmation({ key: '1', trackingNumber: 'LX123456785CN', carrierCode: 'China Post', items: [{ orderItemId: '11111111111111', quantity: 2 }] }),
      confirmation({ key: '2', trackingNumber: 'LX123456799CN', carrierCode: 'China Post', items: [{ orderItemId: '11111111111111', quantity: 1 }] }),
    ]);
    expect(rows(file.text).map((r) => [r[1], r[2], r[6]])).toEqual([
      ['11111111111111', '2', 'LX123456785CN'],
      ['11111111111111', '1', 'LX123456799CN'],
    ]);
    expect(file.records.map((r) => [r.recordNumber, r.key])).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
  });

  it('"Other" carries the carrier name, in Chinese if that is its name', () => {
    const file = buildFulfillmentFlatFile([confirmation({ carrierCode: 'Other', carrierName: '云途物流', shippingMethod: '云途全球专线挂号' })]);
    const [row] = rows(file.text);
    expect(row?.slice(4, 8)).toEqual(['Other', '云途物流', '112345678', '云途全球专线挂号']);
  });

  it('"other" in another case is written as the template spells it', () => {
    const [row] = rows(buildFulfillmentFlatFile([confirmation({ carrierCode: 'other', carrierName: 'Yun Express' })]).text);
    expect(row?.[4]).toBe('Other');
  });

  it('a listed carrier with a Chinese name: the code is written, the name is not', () => {
    const [row] = rows(buildFulfillmentFlatFile([confirmation({ carrierCode: 'China Post', carrierName: '中国邮政', shippingMethod: '国际小包挂号' })]).text);
    expect(row?.slice(4, 8)).toEqual(['China Post', '', '112345678', '国际小包挂号']);
  });

  it.each([
    ['a tab', 'FedEx\tGround', 'FedEx Ground'],
    ['CR LF', 'FedEx\r\nGround', 'FedEx Ground'],
    ['several breaks in a row', 'FedEx \n\n\t Ground', 'FedEx   Ground'],
    ['a lone CR', 'FedEx\rGround', 'FedEx Ground'],
    ['a NUL', 'FedEx\u0000Ground', 'FedEx Ground'],
    ['a Unicode line separator', 'FedEx\u2028Ground', 'FedEx Ground'],
    ['spaces around', '  FedEx Ground  ', 'FedEx Ground'],
    ['a trailing newline', 'FedEx Ground\n', 'FedEx Ground'],
    ['Chinese with a newline', '顺丰\n特快', '顺丰 特快'],
  ])('%s inside a value cannot break the row: %j → %j', (_case, raw, cell) => {
    expect(flatFileCell(raw)).toBe(cell);
    const file = buildFulfillmentFlatFile([confirmation({ shippingMethod: raw })]);
    const [row] = rows(file.text);
    expect(row).toHaveLength(8);
    expect(row?.[7]).toBe(cell);
  });

  it('every value is cleaned, not only the ship method', () => {
    const [row] = rows(
      buildFulfillmentFlatFile([
        confirmation({ orderId: ' 114-1234567-1234567 ', carrierCode: 'Other', carrierName: 'Yun\tExpress', trackingNumber: ' YT123\n', items: [{ orderItemId: '\t12345678901234 ', quantity: 1 }] }),
      ]).text,
    );
    expect(row).toEqual(['114-1234567-1234567', '12345678901234', '1', '2026-11-20', 'Other', 'Yun Express', 'YT123', 'FedEx Ground']);
  });

  it.each([
    ['a UTC time', '2026-11-20T23:59:59Z', 0, '2026-11-20'],
    ['Beijing morning is the previous UTC day', '2026-11-21T07:00:00+08:00', 0, '2026-11-20'],
    ['…unless the date is asked for in UTC+8', '2026-11-21T07:00:00+08:00', 480, '2026-11-21'],
    ['US Pacific evening is the next UTC day', '2026-11-20T18:00:00-08:00', 0, '2026-11-21'],
    ['milliseconds', '2026-02-28T12:00:00.123Z', 0, '2026-02-28'],
  ])('ship-date from %s', (_case, shipDate, offset, column) => {
    const [row] = rows(buildFulfillmentFlatFile([confirmation({ shipDate })], { shipDateOffsetMinutes: offset }).text);
    expect(row?.[3]).toBe(column);
  });

  describe('refusals', () => {
    it.each([
      ['no tracking number', { trackingNumber: '' }, 'CONFIRMATION_NO_TRACKING_NUMBER'],
      ['a blank tracking number', { trackingNumber: ' \t ' }, 'CONFIRMATION_NO_TRACKING_NUMBER'],
      ["the tracking number 'NULL' (deletes at Amazon)", { trackingNumber: 'null' }, 'CONFIRMATION_NO_TRACKING_NUMBER'],
      ['no items', { items: [] }, 'CONFIRMATION_NO_ITEMS'],
      ['an item without id', { items: [{ orderItemId: ' ', quantity: 1 }] }, 'CONFIRMATION_BAD_ITEM'],
      ['quantity 0', { items: [{ orderItemId: '1', quantity: 0 }] }, 'CONFIRMATION_BAD_ITEM'],
      ['quantity 1.5', { items: [{ orderItemId: '1', quantity: 1.5 }] }, 'CONFIRMATION_BAD_ITEM'],
      ['Transparency codes', { items: [{ orderItemId: '1', quantity: 1, transparencyCodes: ['AZ:12345'] }] }, 'CONFIRMATION_TRANSPARENCY_UNSUPPORTED'],
      ['a ship date without a zone', { shipDate: '2026-11-20T08:15:00' }, 'CONFIRMATION_BAD_SHIP_DATE'],
      ['the US date the confirmShipment sandbox refuses', { shipDate: '02/21/2022' }, 'CONFIRMATION_BAD_SHIP_DATE'],
      ['an impossible date', { shipDate: '2026-02-30T08:00:00Z' }, 'CONFIRMATION_BAD_SHIP_DATE'],
      ['no carrier code', { carrierCode: ' ' }, 'CONFIRMATION_NO_CARRIER'],
      ['"Other" without a name', { carrierCode: 'Other', carrierName: null }, 'CONFIRMATION_CARRIER_NAME_NEEDED'],
      ['"Other" with a name of 51 characters', { carrierCode: 'Other', carrierName: 'x'.repeat(51) }, 'CONFIRMATION_CARRIER_NAME_NEEDED'],
      ['an order id that is not 3-7-7', { orderId: '114-123456-1234567' }, 'CONFIRMATION_BAD_ORDER_ID'],
    ])('%s', (_case, over, code) => {
      const bad = confirmation({ key: '99', ...over });
      expect(() => buildFulfillmentFlatFile([confirmation(), bad])).toThrow(FlatFileError);
      const problem = flatFileProblem(bad);
      expect(problem).toBeInstanceOf(DomainError);
      expect(problem?.code).toBe(code);
      expect(problem?.data).toEqual({ key: '99' });
    });

    it('a Chinese carrier name of exactly 50 characters is accepted (characters, not bytes)', () => {
      expect(flatFileProblem(confirmation({ carrierCode: 'Other', carrierName: '邮'.repeat(50) }))).toBeNull();
    });

    it('a good confirmation has no problem', () => {
      expect(flatFileProblem(confirmation())).toBeNull();
    });
  });
});
