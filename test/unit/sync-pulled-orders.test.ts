import { describe, expect, it } from 'vitest';
import type { ImportedOrder } from '../../shared/import/unshipped-orders';
import { mapPulledOrder } from '../../shared/sync/pulled-orders';

// Orders from the getOrder and searchOrders examples and sandbox blocks of Amazon's model
// amazon-sp-api/orders_2026-01-01.json (Apache-2.0, see test/fixtures/amazon-sp-api/NOTICE),
// with the money, tax and promotion blocks left out: the bench does not read them.

/** getOrder sandbox: an unshipped Prime order in Brazil. */
const BR_UNSHIPPED = {
  orderId: '171-9876543-2109876',
  orderAliases: [{ aliasId: 'BR-CONSUMER-ORDER-2024-003', aliasType: 'SELLER_ORDER_ID' }],
  createdTime: '2024-12-24T20:30:00Z',
  lastUpdatedTime: '2024-12-25T08:15:00Z',
  programs: ['PRIME'],
  salesChannel: { channelName: 'AMAZON', marketplaceId: 'A2Q3Y263D00KWC', marketplaceName: 'Amazon.com.br' },
  buyer: { buyerName: 'Maria Silva Santos', buyerEmail: 'buyer-email@marketplace.amazon.com.br' },
  recipient: {
    deliveryAddress: {
      name: 'Maria Silva Santos',
      addressLine1: 'Rua das Flores, 123',
      addressLine2: 'Apartamento 45',
      addressLine3: '',
      city: 'São Paulo',
      districtOrCounty: '',
      stateOrRegion: 'SP',
      municipality: '',
      postalCode: '01234-567',
      countryCode: 'BR',
      phone: '+55 11 98765-4321',
      extendedFields: { streetName: 'Rua das Flores', streetNumber: '123', complement: 'Apartamento 45', neighborhood: 'Vila Madalena' },
      addressType: 'RESIDENTIAL',
    },
  },
  fulfillment: {
    fulfillmentStatus: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    fulfillmentServiceLevel: 'STANDARD',
    shipByWindow: { earliestDateTime: '2024-12-26T00:00:00Z', latestDateTime: '2024-12-27T23:59:59Z' },
    deliverByWindow: { earliestDateTime: '2024-12-28T00:00:00Z', latestDateTime: '2024-12-31T23:59:59Z' },
    labelPrintingWindow: { earliestDateTime: '2024-12-26T17:00:00Z' },
  },
  orderItems: [
    {
      orderItemId: '17198765432109',
      quantityOrdered: 1,
      product: {
        asin: 'B08N5WRWNW',
        title: 'Echo Dot (4ª Geração) | Smart Speaker com Alexa | Cor Preta',
        sellerSku: 'ECHO-DOT-4-BR-PRETO',
        condition: { conditionType: 'NEW', conditionSubtype: 'NEW', conditionNote: '' },
        price: { unitPrice: { amount: '299.90', currencyCode: 'BRL' } },
      },
      fulfillment: {
        quantityFulfilled: 0,
        quantityUnfulfilled: 1,
        packing: { giftOption: { giftMessage: 'Feliz Natal! Espero que goste do seu novo alto-falante inteligente!', giftWrapLevel: 'STANDARD' } },
      },
    },
  ],
};

const BR_AS_IMPORTED: ImportedOrder = {
  orderId: '171-9876543-2109876',
  purchaseDate: '2024-12-24T20:30:00.000Z',
  latestShipDate: '2024-12-27T23:59:59.000Z',
  shipServiceLevel: 'STANDARD',
  isPrime: true,
  isBusiness: false,
  buyerEmail: 'buyer-email@marketplace.amazon.com.br',
  buyerName: 'Maria Silva Santos',
  recipient: {
    name: 'Maria Silva Santos',
    address1: 'Rua das Flores, 123',
    address2: 'Apartamento 45',
    address3: null,
    city: 'São Paulo',
    state: 'SP',
    postalCode: '01234-567',
    countryCode: 'BR',
    phone: '+55 11 98765-4321',
  },
  cancelled: false,
  buyerCancelRequested: false,
  items: [
    {
      orderItemId: '17198765432109',
      sku: 'ECHO-DOT-4-BR-PRETO',
      productName: 'Echo Dot (4ª Geração) | Smart Speaker com Alexa | Cor Preta',
      quantity: 1,
      asin: 'B08N5WRWNW',
      buyerCancelRequested: false,
    },
  ],
  latestDeliveryDate: '2024-12-31T23:59:59.000Z',
  marketplaceStatus: 'UNSHIPPED',
  marketplaceId: 'A2Q3Y263D00KWC',
  lastUpdatedTime: '2024-12-25T08:15:00.000Z',
};

/** getOrder sandbox: shipped already (Turkey). */
const TR_SHIPPED = {
  orderId: '028-1234567-8901234',
  createdTime: '2025-03-15T10:30:00Z',
  lastUpdatedTime: '2025-03-15T14:20:00Z',
  salesChannel: { channelName: 'AMAZON', marketplaceId: 'A33AVAJ2PDY3EV', marketplaceName: 'Amazon.com.tr' },
  recipient: { deliveryAddress: { name: 'Mehmet Yilmaz', addressLine1: 'Istiklal Caddesi No:42', city: 'Istanbul', postalCode: '34430', countryCode: 'TR' } },
  fulfillment: { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'MERCHANT', fulfillmentServiceLevel: 'STANDARD' },
  orderItems: [{ orderItemId: '02812345678901', quantityOrdered: 2, product: { asin: 'B09V3KXJPB', sellerSku: 'FIRE-HD10-TR-BLK' }, fulfillment: { quantityFulfilled: 2, quantityUnfulfilled: 0 } }],
};

/** searchOrders sandbox: fulfilled by Amazon (Japan). */
const JP_AMAZON_FULFILLED = {
  orderId: '250-1234567-8901234',
  createdTime: '2024-12-25T02:30:00Z',
  lastUpdatedTime: '2024-12-25T06:45:00Z',
  programs: ['PRIME'],
  salesChannel: { channelName: 'AMAZON', marketplaceId: 'A1VC38T7YXB528', marketplaceName: 'Amazon.co.jp' },
  recipient: { deliveryAddress: { name: 'John Smith', addressLine1: '123 Business Park', addressLine2: 'Suite 456', city: 'Tokyo', postalCode: '150-0002', countryCode: 'JP', addressType: 'RESIDENTIAL' } },
  fulfillment: { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'AMAZON', fulfillmentServiceLevel: 'STANDARD' },
  orderItems: [{ orderItemId: '25012345678901', quantityOrdered: 1, product: { asin: 'B08C1W5N87', title: 'Echo Dot (第4世代) スマートスピーカー with Alexa チャコール', sellerSku: 'ECHO-DOT-4-JP-CHARCOAL' } }],
};

type Raw = typeof BR_UNSHIPPED;

/** The Brazilian order with changes, for the hand-made cases. */
function br(change: (o: Raw & Record<string, unknown>) => void): unknown {
  const copy = structuredClone(BR_UNSHIPPED) as Raw & Record<string, unknown>;
  change(copy);
  return copy;
}

function mapped(raw: unknown): ImportedOrder {
  const r = mapPulledOrder(raw);
  if (!r.ok) throw new Error(r.error.message);
  return r.order;
}

const item = (over: Record<string, unknown>) => ({
  orderItemId: '17198765432110',
  quantityOrdered: 1,
  product: { asin: 'B000000001', title: 'USB-C 数据线 1m', sellerSku: 'CABLE-1M' },
  fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 1 },
  ...over,
});

describe('an order pulled from the Orders API 2026-01-01, as the bench imports it', () => {
  it("the model's unshipped Brazilian order: every field where the report import puts it", () => {
    expect(mapPulledOrder(BR_UNSHIPPED)).toEqual({ ok: true, order: BR_AS_IMPORTED });
  });

  it.each([
    ["the model's shipped Turkish order", TR_SHIPPED, 'PULLED_ORDER_NOTHING_TO_SHIP'],
    ["the model's Amazon-fulfilled Japanese order", JP_AMAZON_FULFILLED, 'PULLED_ORDER_NOT_MERCHANT_FULFILLED'],
    ['a PENDING order (payment not through)', br((o) => (o.fulfillment.fulfillmentStatus = 'PENDING')), 'PULLED_ORDER_NOT_READY'],
    ['a pre-order awaiting availability', br((o) => (o.fulfillment.fulfillmentStatus = 'PENDING_AVAILABILITY')), 'PULLED_ORDER_NOT_READY'],
    ['UNFULFILLABLE (Amazon-only status)', br((o) => (o.fulfillment.fulfillmentStatus = 'UNFULFILLABLE')), 'PULLED_ORDER_NOT_MERCHANT_FULFILLED'],
  ])('%s is skipped as not for the bench', (_case, raw, code) => {
    const r = mapPulledOrder(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code, skipped: true });
  });

  it('Prime and Business come from programs', () => {
    expect(mapped(br((o) => (o.programs = ['AMAZON_BUSINESS', 'DELIVERY_BY_AMAZON'])))).toMatchObject({ isPrime: false, isBusiness: true });
    expect(mapped(br((o) => delete (o as Record<string, unknown>).programs))).toMatchObject({ isPrime: false, isBusiness: false });
  });

  it('a cancelled order comes through as cancelled, so the bench can pull its parcel', () => {
    expect(mapped(br((o) => (o.fulfillment.fulfillmentStatus = 'CANCELLED')))).toMatchObject({ cancelled: true, marketplaceStatus: 'CANCELLED' });
  });

  it('a cancelled order without its address (withheld) still comes through, with a blank recipient', () => {
    const order = mapped(
      br((o) => {
        o.fulfillment.fulfillmentStatus = 'CANCELLED';
        delete (o as Record<string, unknown>).recipient;
      }),
    );
    expect(order.cancelled).toBe(true);
    expect(order.recipient.name).toBe('');
  });

  it('every item cancelled while the order still says UNSHIPPED: cancelled', () => {
    const order = mapped(
      br((o) => {
        o.orderItems = [item({ orderItemId: '17198765432109', cancellation: { cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'Buyer requested cancellation' } } })] as Raw['orderItems'];
      }),
    );
    expect(order).toMatchObject({ cancelled: true, items: [] });
  });

  it('a buyer-requested cancellation not yet acted on: flagged on the item and the order', () => {
    const order = mapped(
      br((o) => {
        o.orderItems.push(item({ cancellation: { cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed mind about purchase' } } }) as Raw['orderItems'][number]);
      }),
    );
    expect(order.cancelled).toBe(false);
    expect(order.buyerCancelRequested).toBe(true);
    expect(order.items.map((i) => [i.orderItemId, i.buyerCancelRequested])).toEqual([
      ['17198765432109', false],
      ['17198765432110', true],
    ]);
  });

  it('one item cancelled, the other still to ship: only that one is packed', () => {
    const order = mapped(
      br((o) => {
        o.orderItems.push(item({ cancellation: { cancellationRequest: { requester: 'BUYER' }, cancellationExecution: { cancelledBy: 'MERCHANT' } } }) as Raw['orderItems'][number]);
      }),
    );
    expect(order.cancelled).toBe(false);
    expect(order.buyerCancelRequested).toBe(false);
    expect(order.items.map((i) => i.orderItemId)).toEqual(['17198765432109']);
  });

  it('a multi-item order keeps its items in order, with Chinese titles intact', () => {
    const order = mapped(
      br((o) => {
        o.orderItems.push(item({}) as Raw['orderItems'][number], item({ orderItemId: '17198765432111', quantityOrdered: 3, product: { sellerSku: 'MUG-RED', title: '红色马克杯' }, fulfillment: { quantityUnfulfilled: 3 } }) as Raw['orderItems'][number]);
      }),
    );
    expect(order.items.map((i) => [i.sku, i.productName, i.quantity])).toEqual([
      ['ECHO-DOT-4-BR-PRETO', 'Echo Dot (4ª Geração) | Smart Speaker com Alexa | Cor Preta', 1],
      ['CABLE-1M', 'USB-C 数据线 1m', 1],
      ['MUG-RED', '红色马克杯', 3],
    ]);
  });

  it('a partly shipped order: only the units still to ship, and the shipped line left out', () => {
    const order = mapped(
      br((o) => {
        o.fulfillment.fulfillmentStatus = 'PARTIALLY_SHIPPED';
        o.orderItems = [
          item({ orderItemId: '17198765432109', quantityOrdered: 3, fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 2 } }),
          item({ orderItemId: '17198765432110', quantityOrdered: 1, fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 0 } }),
        ] as Raw['orderItems'];
      }),
    );
    expect(order.items.map((i) => [i.orderItemId, i.quantity, i.quantityOrdered])).toEqual([['17198765432109', 2, 3]]);
  });

  it('without item fulfillment data (FULFILLMENT not asked per item): the quantity ordered', () => {
    const order = mapped(br((o) => (o.orderItems = [item({ orderItemId: '17198765432109', quantityOrdered: 2, fulfillment: undefined })] as Raw['orderItems'])));
    expect(order.items[0]?.quantity).toBe(2);
    expect(order.items[0]?.quantityOrdered).toBeUndefined();
  });

  it.each([
    ['no address at all (RECIPIENT not included)', (o: Raw) => delete (o as Record<string, unknown>).recipient, 'name, addressLine1, city, countryCode'],
    ['an address without name and street (restricted data withheld)', (o: Raw) => (o.recipient.deliveryAddress = { city: 'São Paulo', stateOrRegion: 'SP', postalCode: '01234-567', countryCode: 'BR' } as Raw['recipient']['deliveryAddress']), 'name, addressLine1'],
    ['blank name', (o: Raw) => (o.recipient.deliveryAddress.name = '  '), 'name'],
  ])('%s: refused for a person to look at, naming what is missing', (_case, change, missing) => {
    const r = mapPulledOrder(br(change));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'PULLED_ORDER_NO_RECIPIENT', orderId: '171-9876543-2109876', skipped: false });
      expect(r.error.message).toContain(`lacks ${missing} `);
    }
  });

  it('a country without postcodes: an empty postcode, not a refusal', () => {
    expect(mapped(br((o) => (o.recipient.deliveryAddress.postalCode = ''))).recipient.postalCode).toBe('');
  });

  it('a lower-case country code is upper-cased; a state left blank is null', () => {
    const order = mapped(
      br((o) => {
        o.recipient.deliveryAddress.countryCode = 'br';
        o.recipient.deliveryAddress.stateOrRegion = '';
      }),
    );
    expect(order.recipient).toMatchObject({ countryCode: 'BR', state: null });
  });

  it('no ship-by or deliver-by window: null deadlines, not invented ones', () => {
    const order = mapped(
      br((o) => {
        delete (o.fulfillment as Record<string, unknown>).shipByWindow;
        delete (o.fulfillment as Record<string, unknown>).deliverByWindow;
      }),
    );
    expect(order).toMatchObject({ latestShipDate: null, latestDeliveryDate: null });
  });

  it('a ship-by time with an offset is stored in UTC', () => {
    expect(mapped(br((o) => (o.fulfillment.shipByWindow.latestDateTime = '2024-12-28T07:59:59+08:00'))).latestShipDate).toBe('2024-12-27T23:59:59.000Z');
  });

  it.each([
    ['not an object', 'order', null],
    ['null', null, null],
    ['no orderItems', br((o) => delete (o as Record<string, unknown>).orderItems), '171-9876543-2109876'],
    ['a negative quantity', br((o) => (o.orderItems[0]!.quantityOrdered = -1)), '171-9876543-2109876'],
    ['a fractional quantity', br((o) => (o.orderItems[0]!.quantityOrdered = 1.5)), '171-9876543-2109876'],
    ['an order id that is not 3-7-7', br((o) => (o.orderId = '171-98765-2109876')), '171-98765-2109876'],
    ['a createdTime that is not a time', br((o) => (o.createdTime = 'yesterday')), '171-9876543-2109876'],
    ['a ship-by time without a zone', br((o) => (o.fulfillment.shipByWindow.latestDateTime = '2024-12-27T23:59:59')), '171-9876543-2109876'],
    ['no fulfillment block (FULFILLMENT not asked)', br((o) => delete (o as Record<string, unknown>).fulfillment), '171-9876543-2109876'],
    ['an unknown status', br((o) => (o.fulfillment.fulfillmentStatus = 'LOST_IN_SPACE')), '171-9876543-2109876'],
    ['an item without a seller SKU', br((o) => (o.orderItems[0]!.product.sellerSku = '')), '171-9876543-2109876'],
    ['an item listed twice', br((o) => o.orderItems.push(structuredClone(o.orderItems[0]!))), '171-9876543-2109876'],
    ['more to ship than ordered', br((o) => (o.orderItems[0]!.fulfillment.quantityUnfulfilled = 2)), '171-9876543-2109876'],
    ['a country code that is not two letters', br((o) => (o.recipient.deliveryAddress.countryCode = 'BRA')), '171-9876543-2109876'],
  ])('%s: refused as invalid, without throwing', (_case, raw, orderId) => {
    const r = mapPulledOrder(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'PULLED_ORDER_INVALID', orderId, skipped: false });
      expect(r.error.message).not.toBe('');
    }
  });

  it('one bad order in a page does not stop the others', () => {
    const page = [BR_UNSHIPPED, null, TR_SHIPPED, br((o) => (o.orderId = '171-9876543-2109877'))];
    const results = page.map(mapPulledOrder);
    expect(results.map((r) => (r.ok ? r.order.orderId : r.error.code))).toEqual(['171-9876543-2109876', 'PULLED_ORDER_INVALID', 'PULLED_ORDER_NOTHING_TO_SHIP', '171-9876543-2109877']);
  });

  it('a cancelled order with a broken item still comes through: the cancellation matters more', () => {
    const order = mapped(
      br((o) => {
        o.fulfillment.fulfillmentStatus = 'CANCELLED';
        o.orderItems[0]!.product.sellerSku = '';
      }),
    );
    expect(order.cancelled).toBe(true);
  });
});
