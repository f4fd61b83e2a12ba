import { makeGtin } from '../../shared/domain/gtin';
import { seededRandom } from '../../shared/random';
import type { CatalogService, RateCard, RateRow } from '../../shared/domain/carrier-catalog';
import type { Store } from '../db/store';
import { hashPin } from './operator-service';
import type { CatalogItem } from '../db/repositories/catalog';
import type { OrderItemRecord, OrderRecord } from '../db/repositories/orders';

// Demo data for the embedded default: a newcomer runs one command and sees a working bench.
// Deadlines are relative to the moment of seeding, so the queue always has overdue,
// due-today and later orders. Limits come from shared/carriers/LIMITS.md (defaults only).

const HOUR = 3_600_000;


type DemoProduct = Omit<
  CatalogItem,
  | 'gtin'
  | 'currency'
  | 'hsCode'
  | 'originCountry'
  | 'lithiumDoc'
  | 'lithiumDocExpires'
  | 'cells'
  | 'batteries'
  | 'fnsku'
  | 'asin'
  | 'binLocation'
  | 'serialRequired'
  | 'quantityEntryAllowed'
> & {
  lithiumDocExpires?: string;
  cells?: number;
  batteries?: number;
  gtinBody: string;
  hsCode: string;
  lithiumDoc?: string;
  fnsku?: string;
  asin?: string;
  serialRequired?: boolean;
  quantityEntryAllowed?: boolean;
};

export const DEMO_PRODUCTS: DemoProduct[] = [
  { sku: 'PB-MUG-001', gtinBody: '069321000001', fnsku: 'X00PBMUG01', asin: 'B0PBMUG001', nameEn: 'Ceramic travel mug 350 ml', nameZh: '陶瓷随行杯 350毫升', unitWeightG: 320, lengthMm: 120, widthMm: 90, heightMm: 90, valueMinor: 1599, hsCode: '6912.00', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-SOCK-3P', gtinBody: '069321000002', nameEn: 'Merino socks, 3 pairs', nameZh: '美利奴羊毛袜 三双装', unitWeightG: 180, lengthMm: 200, widthMm: 120, heightMm: 40, valueMinor: 2499, hsCode: '6115.94', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-CABLE-C2', gtinBody: '069321000003', nameEn: 'USB-C cable 2 m', nameZh: 'USB-C 数据线 2米', unitWeightG: 60, lengthMm: 110, widthMm: 80, heightMm: 20, valueMinor: 899, hsCode: '8544.42', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-LAMP-DESK', gtinBody: '069321000004', nameEn: 'LED desk lamp', nameZh: 'LED 台灯', unitWeightG: 1150, lengthMm: 420, widthMm: 160, heightMm: 120, valueMinor: 3999, hsCode: '9405.21', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-NOTE-A5', gtinBody: '069321000005', nameEn: 'A5 dotted notebook', nameZh: 'A5 点阵笔记本', unitWeightG: 240, lengthMm: 215, widthMm: 150, heightMm: 15, valueMinor: 1299, hsCode: '4820.10', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-TEA-OOL', gtinBody: '069321000006', nameEn: 'Oolong tea 250 g tin', nameZh: '乌龙茶 250克 罐装', unitWeightG: 380, lengthMm: 100, widthMm: 100, heightMm: 140, valueMinor: 2899, hsCode: '0902.30', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-BT-HP200', gtinBody: '069321000007', nameEn: 'Bluetooth headphones HP200 (Li-ion inside)', nameZh: '蓝牙耳机 HP200（内置锂电池）', unitWeightG: 290, lengthMm: 200, widthMm: 180, heightMm: 80, valueMinor: 5999, hsCode: '8518.30', hazmatClass: null, lithium: 'ion-in-equipment', lithiumDoc: 'UN38.3-HP200-2026.pdf', lithiumDocExpires: '2028-06-30', cells: 0, batteries: 1 },
  { sku: 'PB-NAIL-RED', gtinBody: '069321000008', nameEn: 'Nail polish, red 15 ml (flammable)', nameZh: '指甲油 红色 15毫升（易燃）', unitWeightG: 70, lengthMm: 60, widthMm: 40, heightMm: 40, valueMinor: 699, hsCode: '3304.30', hazmatClass: '3', lithium: 'none' },
  { sku: 'PB-WATCH-TI', gtinBody: '069321000009', serialRequired: true, nameEn: 'Titanium mechanical watch', nameZh: '钛金属机械手表', unitWeightG: 410, lengthMm: 150, widthMm: 120, heightMm: 90, valueMinor: 89900, hsCode: '9102.21', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-TOWEL-BT', gtinBody: '069321000010', nameEn: 'Cotton bath towel', nameZh: '纯棉浴巾', unitWeightG: 650, lengthMm: 350, widthMm: 250, heightMm: 80, valueMinor: 1999, hsCode: '6302.60', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-KNIFE-SET', gtinBody: '069321000011', nameEn: 'Kitchen knife set, 5 pieces', nameZh: '厨房刀具五件套', unitWeightG: 1800, lengthMm: 380, widthMm: 200, heightMm: 90, valueMinor: 7999, hsCode: '8211.91', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-PHONE-CASE', gtinBody: '069321000012', nameEn: 'Silicone phone case', nameZh: '硅胶手机壳', unitWeightG: 45, lengthMm: 170, widthMm: 90, heightMm: 15, valueMinor: 999, hsCode: '3926.90', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-KETTLE-17', gtinBody: '069321000013', nameEn: 'Electric kettle 1.7 l', nameZh: '电热水壶 1.7升', unitWeightG: 1400, lengthMm: 240, widthMm: 200, heightMm: 260, valueMinor: 4599, hsCode: '8516.71', hazmatClass: null, lithium: 'none' },
  { sku: 'PB-STICKER-PK', gtinBody: '069321000014', quantityEntryAllowed: true, nameEn: 'Sticker pack', nameZh: '贴纸包', unitWeightG: 20, lengthMm: 150, widthMm: 100, heightMm: 5, valueMinor: 499, hsCode: '4911.91', hazmatClass: null, lithium: 'none' },
];

const BOXES = [
  { id: 'MAILER-S', nameEn: 'Poly mailer S', nameZh: '快递袋 小号', inner: [250, 180, 30], outer: [260, 190, 35], tareG: 15, maxLoadG: 1000, costMinor: 30, flexible: true },
  { id: 'BOX-S', nameEn: 'Box S', nameZh: '纸箱 小号', inner: [200, 150, 100], outer: [210, 160, 110], tareG: 90, maxLoadG: 3000, costMinor: 120, flexible: false },
  { id: 'BOX-M', nameEn: 'Box M', nameZh: '纸箱 中号', inner: [300, 200, 150], outer: [312, 212, 162], tareG: 180, maxLoadG: 8000, costMinor: 200, flexible: false },
  { id: 'BOX-L', nameEn: 'Box L', nameZh: '纸箱 大号', inner: [400, 300, 250], outer: [412, 312, 262], tareG: 320, maxLoadG: 15000, costMinor: 350, flexible: false },
  { id: 'BOX-XL', nameEn: 'Box XL', nameZh: '纸箱 特大号', inner: [600, 400, 400], outer: [615, 415, 415], tareG: 650, maxLoadG: 25000, costMinor: 600, flexible: false },
] as const;

type DemoService = CatalogService & { range: { prefix: string; suffix: string; firstSeq: number; lastSeq: number } | null };

const EQUIPMENT_LITHIUM: CatalogItem['lithium'][] = ['ion-in-equipment', 'ion-with-equipment', 'metal-in-equipment', 'metal-with-equipment'];

/** A zone's weight breaks: a fixed part and a price per kilogram, in fen, every `stepG` up to `maxG`. */
function breaks(zone: string, stepG: number, maxG: number, fixedMinor: number, perKgMinor: number): RateRow[] {
  const rows: RateRow[] = [];
  for (let upToG = stepG; upToG <= maxG; upToG += stepG) {
    rows.push({ zone, upToG, priceMinor: fixedMinor + Math.round((perKgMinor * upToG) / 1000) });
  }
  return rows;
}

/**
 * An express card: per zone [fixed part, price per kg, price per kg past 30 kg], in fen, with a
 * break every half kilogram up to 30 kg.
 */
function expressCard(zones: Record<string, [fixedMinor: number, perKgMinor: number, extraKgMinor: number]>): RateCard {
  return {
    currency: 'CNY',
    rows: Object.entries(zones).flatMap(([zone, [fixed, perKg]]) => breaks(zone, 500, 30_000, fixed, perKg)),
    perExtraKgMinor: Object.fromEntries(Object.entries(zones).map(([zone, [, , extra]]) => [zone, extra])),
  };
}

// Zones as a Shenzhen seller's consolidator quotes them: near Asia, North America, Europe,
// Oceania, everywhere else. Prices are demo figures in CNY; transit in the carrier's working days.
const DEMO_ZONES = { JP: 'Z1', KR: 'Z1', US: 'Z2', CA: 'Z2', GB: 'Z3', DE: 'Z3', FR: 'Z3', AU: 'Z4', '*': 'Z5' };
const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const DEMO_HOLIDAYS = ['2026-12-25', '2027-01-01'];

/** What China Post's registered services share, whichever way their numbers come. */
const CHINA_POST_REGISTERED = {
  carrierId: 'CHINA-POST',
  carrierName: 'China Post',
  marketplaceCarrierCode: 'China Post',
  shipMethod: 'Registered Small Packet',
  trackingFormat: 'upu-s10',
  network: 'postal',
  speed: 'standard',
  // LIMITS.md §2.1: 2 kg, longest side 60 cm, L+W+H 90 cm, face at least 14 × 9 cm, 2 mm tolerance.
  limits: { maxWeightG: 2000, maxLengthMm: 600, maxSumOfSidesMm: 900, minFaceMm: [140, 90], toleranceMm: 2 },
  volumetricRule: null,
  // China Post's own lithium acceptance is unconfirmed (LIMITS.md §4.3): refuse until it is.
  acceptsLithium: [],
  acceptsDangerousGoods: false,
  surcharges: [],
  fuelSurchargePercent: 0,
  cutoff: '16:00',
  pickupDays: MON_FRI,
  workingDays: MON_SAT,
  holidays: DEMO_HOLIDAYS,
  voidedNumbersReusable: false,
  active: true,
} satisfies Partial<CatalogService>;

export const DEMO_SERVICES: DemoService[] = [
  {
    ...CHINA_POST_REGISTERED,
    id: 'CNPOST-REG-SP',
    nameEn: 'China Post Registered Small Packet',
    nameZh: '中国邮政挂号小包',
    trackingSource: 'range',
    zones: DEMO_ZONES,
    transit: { Z1: { minDays: 5, maxDays: 9 }, Z2: { minDays: 8, maxDays: 14 }, Z3: { minDays: 9, maxDays: 15 }, Z4: { minDays: 9, maxDays: 16 }, Z5: { minDays: 12, maxDays: 22 } },
    rateCard: {
      currency: 'CNY',
      rows: [
        ...breaks('Z1', 50, 2000, 900, 5_500),
        ...breaks('Z2', 50, 2000, 1_700, 9_000),
        ...breaks('Z3', 50, 2000, 1_900, 8_000),
        ...breaks('Z4', 50, 2000, 1_900, 8_500),
        ...breaks('Z5', 50, 2000, 2_300, 11_000),
      ],
    },
    range: { prefix: 'RR', suffix: 'CN', firstSeq: 10_000_000, lastSeq: 10_009_999 },
  },
  {
    ...CHINA_POST_REGISTERED,
    id: 'CNPOST-REG-PP',
    nameEn: 'China Post Registered (pre-printed labels)',
    nameZh: '中国邮政挂号（预印面单）',
    // The post office hands out rolls of registered labels; the packer scans one per parcel.
    trackingSource: 'pre-printed',
    // A cheaper contract for Europe only.
    zones: { GB: 'Z3', DE: 'Z3', FR: 'Z3' },
    transit: { Z3: { minDays: 9, maxDays: 15 } },
    rateCard: { currency: 'CNY', rows: breaks('Z3', 50, 2000, 1_500, 7_200) },
    range: null,
  },
  {
    id: 'DHL-EXP-WW',
    carrierId: 'DHL',
    carrierName: 'DHL Express',
    marketplaceCarrierCode: 'DHL',
    nameEn: 'DHL Express Worldwide',
    nameZh: 'DHL 全球快递',
    shipMethod: 'DHL Express Worldwide',
    trackingFormat: 'dhl-express-10',
    trackingSource: 'range',
    network: 'express',
    speed: 'priority',
    // LIMITS.md §2.2: 70 kg / 120 cm are surcharge thresholds (warn); 300 kg / 300 cm block.
    limits: { maxWeightG: 300_000, maxLengthMm: 3000, warnWeightG: 70_000, warnLengthMm: 1200 },
    // LIMITS.md §2.2: cm³/5000 per piece; some agents round up to the next 0.5 kg.
    volumetricRule: { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'none', resultRounding: 'up-half' },
    acceptsLithium: EQUIPMENT_LITHIUM,
    acceptsDangerousGoods: false,
    zones: DEMO_ZONES,
    transit: { Z1: { minDays: 2, maxDays: 3 }, Z2: { minDays: 3, maxDays: 5 }, Z3: { minDays: 3, maxDays: 5 }, Z4: { minDays: 3, maxDays: 6 }, Z5: { minDays: 4, maxDays: 8 } },
    rateCard: expressCard({
      Z1: [8_000, 3_600, 3_400],
      Z2: [12_000, 7_800, 7_200],
      Z3: [11_500, 7_000, 6_600],
      Z4: [11_000, 7_400, 7_000],
      Z5: [15_000, 9_800, 9_200],
    }),
    surcharges: [{ code: 'OVERWEIGHT_PIECE', kind: 'per-package', amountMinor: 50_000, fromBillableG: 70_001 }],
    fuelSurchargePercent: 22.5,
    cutoff: '18:00',
    pickupDays: MON_FRI,
    workingDays: MON_FRI,
    holidays: DEMO_HOLIDAYS,
    voidedNumbersReusable: false,
    active: true,
    // A routing barcode (GS1-128, AI 421: destination country and postcode) and a Data Matrix,
    // as express carriers print them, so the demo exercises both.
    labelBarcodes: { routing: 'gs1-128-421', twoD: 'datamatrix' },
    range: { prefix: '47', suffix: '', firstSeq: 1_000_000, lastSeq: 1_009_999 },
  },
  {
    id: 'FEDEX-IP',
    carrierId: 'FEDEX',
    carrierName: 'FedEx',
    marketplaceCarrierCode: 'FedEx',
    nameEn: 'FedEx International Priority',
    nameZh: 'FedEx 国际优先快递',
    shipMethod: 'FedEx International Priority',
    trackingFormat: 'fedex-express-12',
    trackingSource: 'range',
    network: 'express',
    speed: 'priority',
    // LIMITS.md §2.3: 68 kg, 274 cm, length + girth 330 cm.
    limits: { maxWeightG: 68_000, maxLengthMm: 2740, maxLengthPlusGirthMm: 3300 },
    // LIMITS.md §2.3: internationally any fraction of a kilogram counts as the next whole one.
    volumetricRule: { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'none', resultRounding: 'up-whole' },
    acceptsLithium: EQUIPMENT_LITHIUM,
    acceptsDangerousGoods: false,
    zones: DEMO_ZONES,
    transit: { Z1: { minDays: 2, maxDays: 3 }, Z2: { minDays: 2, maxDays: 4 }, Z3: { minDays: 3, maxDays: 5 }, Z4: { minDays: 3, maxDays: 5 }, Z5: { minDays: 4, maxDays: 7 } },
    rateCard: expressCard({
      Z1: [8_500, 3_800, 3_600],
      Z2: [13_000, 7_600, 7_000],
      Z3: [12_500, 7_400, 7_000],
      Z4: [12_000, 7_600, 7_200],
      Z5: [16_000, 10_000, 9_400],
    }),
    surcharges: [],
    fuelSurchargePercent: 24,
    cutoff: '17:30',
    pickupDays: MON_FRI,
    workingDays: MON_FRI,
    holidays: DEMO_HOLIDAYS,
    voidedNumbersReusable: false,
    active: true,
    range: { prefix: '7946', suffix: '', firstSeq: 100_000, lastSeq: 109_999 },
  },
  {
    id: 'UPS-WW-SAVER',
    carrierId: 'UPS',
    carrierName: 'UPS',
    marketplaceCarrierCode: 'UPS',
    nameEn: 'UPS Worldwide Saver',
    nameZh: 'UPS 全球速快',
    shipMethod: 'UPS Worldwide Saver',
    trackingFormat: 'ups-1z',
    trackingSource: 'range',
    network: 'express',
    speed: 'priority',
    // LIMITS.md §2.4: 70 kg, 274 cm, length + girth 400 cm; sides to the nearest cm, 5000 cm³/kg,
    // the result up to the next half kilogram.
    limits: { maxWeightG: 70_000, maxLengthMm: 2740, maxLengthPlusGirthMm: 4000 },
    volumetricRule: { divisor: 5000, unitSystem: 'metric', dimensionRounding: 'nearest', resultRounding: 'up-half' },
    acceptsLithium: EQUIPMENT_LITHIUM,
    acceptsDangerousGoods: false,
    zones: DEMO_ZONES,
    transit: { Z1: { minDays: 2, maxDays: 3 }, Z2: { minDays: 3, maxDays: 4 }, Z3: { minDays: 3, maxDays: 5 }, Z4: { minDays: 3, maxDays: 5 }, Z5: { minDays: 4, maxDays: 7 } },
    rateCard: expressCard({
      Z1: [9_000, 3_900, 3_700],
      Z2: [13_500, 7_900, 7_300],
      Z3: [12_800, 7_500, 7_100],
      Z4: [12_500, 7_700, 7_300],
      Z5: [16_500, 10_200, 9_600],
    }),
    surcharges: [],
    fuelSurchargePercent: 23,
    cutoff: '17:00',
    pickupDays: MON_FRI,
    workingDays: MON_FRI,
    holidays: DEMO_HOLIDAYS,
    voidedNumbersReusable: false,
    active: true,
    // A QR code with the tracking number and destination (UPS prints MaxiCode, which the bench
    // does not draw; QR stands in for a carrier's 2D code).
    labelBarcodes: { twoD: 'qr' },
    // Shipper account A1B2C3, service code 65 (Saver): the package counter is the sequence.
    range: { prefix: 'A1B2C365', suffix: '', firstSeq: 1_000, lastSeq: 10_999 },
  },
];

type DemoAddress = Omit<OrderRecord['recipient'], 'name'> & { names: string[] };

const ADDRESSES: DemoAddress[] = [
  { address1: '1600 Amphitheatre Pkwy', address2: null, address3: null, city: 'Mountain View', state: 'CA', postalCode: '94043', countryCode: 'US', phone: '+1 650 555 0101', names: ['Emily Johnson', 'Michael Smith', 'Ava Martinez'] },
  { address1: '350 Fifth Avenue', address2: 'Apt 21B', address3: null, city: 'New York', state: 'NY', postalCode: '10118', countryCode: 'US', phone: '+1 212 555 0144', names: ['Daniel Brown', 'Sofia Garcia', 'James Wilson'] },
  { address1: '233 S Wacker Dr', address2: null, address3: null, city: 'Chicago', state: 'IL', postalCode: '60606', countryCode: 'US', phone: '+1 312 555 0188', names: ['Olivia Davis', 'Noah Miller'] },
  { address1: '400 Broad St', address2: null, address3: null, city: 'Seattle', state: 'WA', postalCode: '98109', countryCode: 'US', phone: null, names: ['Liam Anderson', 'Mia Thomas'] },
  { address1: '10 Downing Street', address2: null, address3: null, city: 'London', state: null, postalCode: 'SW1A 2AA', countryCode: 'GB', phone: '+44 20 7946 0000', names: ['Oliver Taylor', 'Amelia Evans'] },
  { address1: 'Unter den Linden 77', address2: null, address3: null, city: 'Berlin', state: null, postalCode: '10117', countryCode: 'DE', phone: '+49 30 555 0100', names: ['Lukas Müller', 'Anna Schmidt'] },
  { address1: '290 Bremner Blvd', address2: null, address3: null, city: 'Toronto', state: 'ON', postalCode: 'M5V 3L9', countryCode: 'CA', phone: '+1 416 555 0133', names: ['William Tremblay', 'Charlotte Roy'] },
  { address1: 'Bennelong Point', address2: null, address3: null, city: 'Sydney', state: 'NSW', postalCode: '2000', countryCode: 'AU', phone: '+61 2 5550 1234', names: ['Jack Wilson', 'Isla Smith'] },
  { address1: '5 Avenue Anatole France', address2: null, address3: null, city: 'Paris', state: null, postalCode: '75007', countryCode: 'FR', phone: '+33 1 55 50 01 02', names: ['Léa Dubois', 'Hugo Lefèvre'] },
  { address1: '1-1 Chiyoda', address2: null, address3: null, city: 'Chiyoda-ku, Tokyo', state: 'Tokyo', postalCode: '100-0001', countryCode: 'JP', phone: '+81 3 5550 0000', names: ['Haruto Sato', 'Yui Tanaka'] },
];

const SERVICE_LEVELS = ['Std US D2D Dom', 'Standard', 'Expedited', 'SecondDay', 'NextDay'];

/** Days from the latest ship date to the latest delivery date, as a cross-border listing promises them. */
function promiseDays(level: string | undefined): number {
  switch (level) {
    case 'NextDay':
      return 4;
    case 'SecondDay':
      return 6;
    case 'Expedited':
      return 10;
    default:
      return 28;
  }
}

function orderIdFrom(random: () => number, index: number): string {
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  return `${111 + (index % 8)}-${digits(7)}-${digits(7)}`;
}

/** Hours from now to each demo order's LatestShipDate: overdue, due today, and later. */
function deadlineOffsetHours(index: number): number {
  if (index < 5) return -(2 + index * 5); // overdue
  if (index < 14) return 1 + (index - 5) * 1.5; // due within the day
  return 26 + (index - 14) * 7; // tomorrow and later
}

/** Shelf locations: aisle letter, bay, level — so a pick list walks the shelves in order. */
function demoBin(index: number): string {
  return `${String.fromCharCode(65 + (index % 4))}-${String(1 + Math.floor(index / 4)).padStart(2, '0')}-${1 + (index % 3)}`;
}

export function catalogFromDemo(product: DemoProduct, index = DEMO_PRODUCTS.indexOf(product)): CatalogItem {
  return {
    sku: product.sku,
    gtin: `0${makeGtin(product.gtinBody)}`,
    nameEn: product.nameEn,
    nameZh: product.nameZh,
    unitWeightG: product.unitWeightG,
    lengthMm: product.lengthMm,
    widthMm: product.widthMm,
    heightMm: product.heightMm,
    valueMinor: product.valueMinor,
    currency: 'USD',
    hsCode: product.hsCode,
    originCountry: 'CN',
    hazmatClass: product.hazmatClass,
    lithium: product.lithium,
    lithiumDoc: product.lithiumDoc ?? null,
    lithiumDocExpires: product.lithiumDocExpires ?? null,
    cells: product.cells ?? null,
    batteries: product.batteries ?? null,
    fnsku: product.fnsku ?? null,
    asin: product.asin ?? null,
    binLocation: demoBin(Math.max(0, index)),
    serialRequired: product.serialRequired ?? false,
    quantityEntryAllowed: product.quantityEntryAllowed ?? false,
  };
}

/** Demo operators and how they sign in (badge or PIN); the README lists them. */
export const DEMO_OPERATORS = [
  { name: 'packer', role: 'packer', pin: '1234', badge: 'OP-1001' },
  { name: '李娜', role: 'packer', pin: '2468', badge: 'OP-1002' },
  { name: 'supervisor', role: 'supervisor', pin: '9999', badge: 'OP-9001' },
] as const;

/** Seeds the demo bench once, on the first start with an empty database. */
export function seedDemoIfEmpty(store: Store, now: Date): boolean {
  if (store.orders.count() > 0 || store.catalog.count() > 0 || store.boxes.list().length > 0) return false;
  if ('demoSeededAt' in store.settings.readAll()) return false;
  const at = now.toISOString();
  store.transaction(() => {
    const products = DEMO_PRODUCTS.map((product, index) => catalogFromDemo(product, index));
    for (const product of products) store.catalog.upsert(product, at);
    BOXES.forEach((box, index) =>
      store.boxes.insert(
        {
          id: box.id,
          nameEn: box.nameEn,
          nameZh: box.nameZh,
          innerLengthMm: box.inner[0],
          innerWidthMm: box.inner[1],
          innerHeightMm: box.inner[2],
          outerLengthMm: box.outer[0],
          outerWidthMm: box.outer[1],
          outerHeightMm: box.outer[2],
          tareG: box.tareG,
          maxLoadG: box.maxLoadG,
          hotkey: index + 1,
          costMinor: box.costMinor,
          currency: 'CNY',
          stock: 200,
          flexible: box.flexible,
        },
        index,
      ),
    );
    DEMO_SERVICES.forEach((demo, index) => {
      const { range, ...service } = demo;
      store.carriers.saveService(service, index);
      if (range) store.carriers.insertRange({ serviceId: service.id, ...range, reference: 'demo', importedAt: at });
    });
    for (const operator of DEMO_OPERATORS) {
      store.operators.save({ name: operator.name, role: operator.role, active: true, pinHash: hashPin(operator.pin), badge: operator.badge }, at);
    }

    // Seeded, so every fresh demo database is the same.
    const random = seededRandom(20261126);
    const bySku = new Map(products.map((product) => [product.sku, product]));
    const everyday = products.filter((product) => !product.hazmatClass && product.lithium === 'none' && (product.valueMinor ?? 0) < 50_000);
    for (let index = 0; index < 40; index += 1) {
      const orderId = orderIdFrom(random, index);
      const address = ADDRESSES[index % ADDRESSES.length] as DemoAddress;
      const name = address.names[Math.floor(random() * address.names.length)] ?? 'Alex Doe';
      const latestShip = new Date(now.getTime() + deadlineOffsetHours(index) * HOUR);
      const { names: _names, ...recipient } = address;
      const order: OrderRecord = {
        orderId,
        marketplace: 'amazon',
        status: 'new',
        purchaseDate: new Date(latestShip.getTime() - 48 * HOUR).toISOString(),
        latestShipDate: latestShip.toISOString(),
        latestDeliveryDate: new Date(latestShip.getTime() + promiseDays(SERVICE_LEVELS[index % SERVICE_LEVELS.length]) * 24 * HOUR).toISOString(),
        shipServiceLevel: SERVICE_LEVELS[index % SERVICE_LEVELS.length] ?? 'Standard',
        isPrime: index % 4 === 0,
        isBusiness: index % 9 === 0,
        buyerName: name,
        buyerEmail: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@marketplace.example`,
        recipient: { ...recipient, name },
        source: 'demo',
        onHold: false,
        buyerCancelRequested: false,
        cancelledAt: null,
        cancelReason: null,
      };
      const lines: Array<{ sku: string; quantity: number }> = [];
      if (index === 3) lines.push({ sku: 'PB-BT-HP200', quantity: 1 });
      else if (index === 7) lines.push({ sku: 'PB-NAIL-RED', quantity: 2 }, { sku: 'PB-STICKER-PK', quantity: 1 });
      else if (index === 11) lines.push({ sku: 'PB-WATCH-TI', quantity: 1 });
      else {
        const lineCount = index % 3 === 0 ? 2 + (index % 2) : 1;
        const pool = [...everyday];
        for (let line = 0; line < lineCount && pool.length > 0; line += 1) {
          const pick = pool.splice(Math.floor(random() * pool.length), 1)[0];
          if (pick) lines.push({ sku: pick.sku, quantity: index % 5 === 0 && line === 0 ? 2 : 1 });
        }
      }
      const items: OrderItemRecord[] = lines.map((line, lineIndex) => ({
        orderItemId: `${orderId.replace(/-/g, '').slice(3, 15)}${String(lineIndex + 1).padStart(2, '0')}`,
        orderId,
        sku: line.sku,
        productName: bySku.get(line.sku)?.nameEn ?? line.sku,
        quantity: line.quantity,
      }));
      store.orders.insert(order, items, at);
    }
    store.settings.write('demoSeededAt', at);
  });
  return true;
}
