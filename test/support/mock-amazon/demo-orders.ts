import { DEMO_PRODUCTS } from '../../../electron/services/demo-seed';
import type { MockAddress, MockOrderSeed } from './types';

// Orders for demos and benchmarks, made of the demo catalogue's SKUs so that a bench seeded
// with the demo data can pack them. Ids have the demo seed's shapes: a 3-7-7 order id and a
// 14-digit order item id derived from it. Everything comes from the random passed in, so a
// seed gives the same orders every run.

const ADDRESSES: MockAddress[] = [
  { name: 'Emily Johnson', addressLine1: '1600 Amphitheatre Pkwy', city: 'Mountain View', stateOrRegion: 'CA', postalCode: '94043', countryCode: 'US', phone: '+1 650 555 0101', addressType: 'RESIDENTIAL' },
  { name: 'Daniel Brown', addressLine1: '350 Fifth Avenue', addressLine2: 'Apt 21B', city: 'New York', stateOrRegion: 'NY', postalCode: '10118', countryCode: 'US', addressType: 'RESIDENTIAL' },
  { name: 'Olivia Davis', addressLine1: '233 S Wacker Dr', city: 'Chicago', stateOrRegion: 'IL', postalCode: '60606', countryCode: 'US', addressType: 'COMMERCIAL' },
  { name: 'Liam Anderson', addressLine1: '400 Broad St', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98109', countryCode: 'US', addressType: 'RESIDENTIAL' },
  { name: 'Mia Thomas', addressLine1: '1 Dr Carlton B Goodlett Pl', city: 'San Francisco', stateOrRegion: 'CA', postalCode: '94102', countryCode: 'US', addressType: 'RESIDENTIAL' },
];

const SERVICE_LEVELS = ['STANDARD', 'STANDARD', 'EXPEDITED', 'SECOND_DAY', 'NEXT_DAY'];

const HOUR = 3_600_000;

/** Products a demo order may hold: the everyday ones (no dangerous goods, lithium or high value). */
function everyday() {
  return DEMO_PRODUCTS.filter((product) => !product.hazmatClass && product.lithium === 'none' && (product.valueMinor ?? 0) < 50_000);
}

export function demoOrderSeeds(count: number, options: { random: () => number; nowMs: number; taken: (orderId: string) => boolean; marketplaceId?: string }): MockOrderSeed[] {
  const { random, nowMs } = options;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const pool = everyday();
  const seeds: MockOrderSeed[] = [];
  const used = new Set<string>();
  for (let index = 0; seeds.length < count; index += 1) {
    const orderId = `${111 + (index % 8)}-${digits(7)}-${digits(7)}`;
    if (options.taken(orderId) || used.has(orderId)) continue;
    used.add(orderId);
    const lineCount = index % 3 === 0 ? 2 + (index % 2) : 1;
    const choices = [...pool];
    const items: MockOrderSeed['items'] = [];
    for (let line = 0; line < lineCount && choices.length > 0; line += 1) {
      const product = choices.splice(Math.floor(random() * choices.length), 1)[0];
      if (product === undefined) break;
      items.push({
        orderItemId: `${orderId.replace(/-/g, '').slice(3, 15)}${String(line + 1).padStart(2, '0')}`,
        sellerSku: product.sku,
        title: product.nameEn,
        ...(product.asin === undefined ? {} : { asin: product.asin }),
        quantityOrdered: index % 5 === 0 && line === 0 ? 2 : 1,
        ...(product.valueMinor == null ? {} : { unitPrice: { amount: (product.valueMinor / 100).toFixed(2), currencyCode: 'USD' } }),
      });
    }
    // Placed over the last hours, oldest first, so created order and id order differ.
    const createdMs = nowMs - (count - seeds.length) * 60_000;
    const address = ADDRESSES[index % ADDRESSES.length] as MockAddress;
    seeds.push({
      orderId,
      items,
      ...(options.marketplaceId === undefined ? {} : { marketplaceId: options.marketplaceId }),
      createdTime: new Date(createdMs).toISOString(),
      programs: index % 4 === 0 ? ['PRIME'] : [],
      fulfillmentServiceLevel: SERVICE_LEVELS[index % SERVICE_LEVELS.length] ?? 'STANDARD',
      shipByWindow: { earliestDateTime: new Date(createdMs).toISOString(), latestDateTime: new Date(createdMs + 48 * HOUR).toISOString() },
      deliverByWindow: { earliestDateTime: new Date(createdMs + 72 * HOUR).toISOString(), latestDateTime: new Date(createdMs + 10 * 24 * HOUR).toISOString() },
      buyer: { buyerName: address.name ?? 'Alex Doe', buyerEmail: `${String(address.name).toLowerCase().replace(/[^a-z]+/g, '.')}@marketplace.amazon.com` },
      deliveryAddress: address,
    });
  }
  return seeds;
}
