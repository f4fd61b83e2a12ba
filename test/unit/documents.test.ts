import { describe, expect, it } from 'vitest';
import {
  buildCustomsDeclaration,
  buildManifest,
  buildPackingSlip,
  customsTotals,
  formatCustomsKg,
  manifestTotals,
  PAGE_A4_MM,
  paginateRows,
} from '../../shared/label/documents';
import type { CustomsDeclarationInput, ManifestInput, ManifestPackage, PackingSlipInput } from '../../shared/label/documents';
import { barcode2dSizeMm, textElementLines } from '../../shared/label/label-model';
import type { LabelModel } from '../../shared/label/label-model';
import { manifestCsv } from '../../shared/label/manifest-csv';

const shipTo = { name: 'Jane Q. Doe', lines: ['1200 Market Street', 'Apt 4B'], city: 'San Francisco', state: 'CA', postalCode: '94103', countryCode: 'US', phone: '+1 415 555 0100' };
const shipFrom = { name: 'PackBench Demo Trading Co.', lines: ['Bldg 3, 18 Keji Road'], city: 'Shenzhen', state: 'Guangdong', postalCode: '518057', countryCode: 'CN', phone: null };

/** Every line of text as the renderers would print it, page by page. */
function printed(page: LabelModel): string[] {
  return page.elements.flatMap((el) => (el.kind === 'text' ? textElementLines(el) : []));
}

function barcodes(page: LabelModel): string[] {
  return page.elements.flatMap((el) => (el.kind === 'barcode128' ? [el.data] : []));
}

function expectInsidePage(page: LabelModel): void {
  for (const el of page.elements) {
    const [x, y, right, bottom] =
      el.kind === 'line'
        ? [Math.min(el.x1Mm, el.x2Mm), Math.min(el.y1Mm, el.y2Mm), Math.max(el.x1Mm, el.x2Mm), Math.max(el.y1Mm, el.y2Mm)]
        : el.kind === 'barcode128'
          ? [el.xMm, el.yMm, el.xMm, el.yMm + el.heightMm]
          : el.kind === 'barcode2d'
            ? [el.xMm, el.yMm, el.xMm + barcode2dSizeMm(el), el.yMm + barcode2dSizeMm(el)]
            : [el.xMm, el.yMm, el.xMm + el.widthMm, el.yMm + el.heightMm];
    expect({ el: el.kind, inside: x >= 0 && y >= 0 && right <= page.widthMm && bottom <= page.heightMm }).toEqual({ el: el.kind, inside: true });
  }
}

const slip: PackingSlipInput = {
  orderId: '113-1234567-1234567',
  shipTo,
  packageIndex: 2,
  packageCount: 3,
  date: '2026-11-26',
  trackingNumber: 'RR123456785CN',
  lines: [
    { sku: 'PB-SOCK-3P', nameEn: 'Merino socks, 3 pairs', nameZh: '美利奴羊毛袜 三双装', inPackage: 2, ordered: 3 },
    { sku: 'PB-CABLE-C2', nameEn: 'USB-C cable 2 m', nameZh: null, inPackage: 0, ordered: 1 },
  ],
};

describe('the packing slip', () => {
  it.each([
    ['4×6', undefined],
    ['A4', PAGE_A4_MM],
  ])('on %s lists every item with SKU, both names and units in this package of those ordered, and says package 2 of 3', (_name, size) => {
    const pages = buildPackingSlip(slip, size);
    expect(pages).toHaveLength(1);
    const [page] = pages as [LabelModel];
    const text = printed(page);
    for (const expected of ['PB-SOCK-3P', 'Merino socks, 3 pairs', '美利奴羊毛袜 三双装', '2 / 3', 'PB-CABLE-C2', 'USB-C cable 2 m', '0 / 1', 'Package 2 of 3', '2026-11-26']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Units in this package: 2 of 4 ordered');
    expect(text.some((line) => line.endsWith('…'))).toBe(false);
    expectInsidePage(page);
  });

  it('carries the order id alone as its barcode, so scanning it at the queue opens the order', () => {
    const [page] = buildPackingSlip(slip) as [LabelModel];
    expect(barcodes(page)).toEqual(['113-1234567-1234567']);
  });

  it('a long order continues on further pages: every line once, page n of m on each, totals on the last only', () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${String(i).padStart(2, '0')}`, nameEn: `Item ${i}`, nameZh: null, inPackage: 1, ordered: 1 }));
    const pages = buildPackingSlip({ ...slip, lines });
    expect(pages.length).toBeGreaterThan(1);
    const skus = pages.flatMap((page) => printed(page).filter((line) => line.startsWith('SKU-')));
    expect(skus).toEqual(lines.map((line) => line.sku));
    pages.forEach((page, i) => {
      expect(printed(page)).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(printed(page).some((line) => line.startsWith('Units in this package'))).toBe(i === pages.length - 1);
      expectInsidePage(page);
    });
    // The barcode is on the first page only: a second scan of the same order would mean nothing new.
    expect(pages.slice(1).flatMap(barcodes)).toEqual([]);
  });

  it('refuses package 4 of 3 and a date that is not a day', () => {
    expect(() => buildPackingSlip({ ...slip, packageIndex: 4 })).toThrow(RangeError);
    expect(() => buildPackingSlip({ ...slip, date: '26/11/2026' })).toThrow(RangeError);
  });
});

const customs: CustomsDeclarationInput = {
  form: 'CN22',
  operatorName: 'China Post',
  category: 'merchandise',
  currency: 'USD',
  lines: [
    { descriptionEn: 'Merino socks, 3 pairs', quantity: 2, netWeightG: 360, valueMinor: 4998, hsCode: '6115.94', originCountry: 'CN' },
    { descriptionEn: 'USB-C cable 2 m', quantity: 1, netWeightG: 60, valueMinor: 899, hsCode: '8544.42', originCountry: 'CN' },
  ],
  grossWeightG: 512,
  sender: shipFrom,
  addressee: shipTo,
  date: '2026-11-26',
  trackingNumber: 'RR123456785CN',
  invoiceNumber: '113-1234567-1234567',
};

describe('the customs declaration', () => {
  it('CN22 totals: quantity and value add up over the lines, the weight is the parcel as weighed', () => {
    expect(customsTotals(customs)).toEqual({ quantity: 3, netWeightG: 420, totalWeightG: 512, valueMinor: 5897 });
    const [page] = buildCustomsDeclaration(customs) as [LabelModel];
    const text = printed(page);
    // A description may wrap onto the row's second line.
    expect(text.join(' ')).toContain('2 × Merino socks, 3 pairs');
    expect(text).toEqual(expect.arrayContaining(['CN 22', '1 × USB-C cable 2 m', '0.360', '49.98', '6115.94', '8544.42', 'Total weight 0.512 kg', 'Total value 58.97 USD']));
    expect(text.filter((line) => line === 'CN')).toHaveLength(2);
    expect(page.widthMm).toBeCloseTo(101.6);
    expectInsidePage(page);
  });

  it('without a weighed parcel the total weight is the sum of the net weights', () => {
    expect(customsTotals({ ...customs, grossWeightG: null }).totalWeightG).toBe(420);
  });

  it.each([
    ['merchandise', 'Sale of goods'],
    ['gift', 'Gift'],
  ] as const)('ticks the %s category box and no other', (category, label) => {
    const [page] = buildCustomsDeclaration({ ...customs, category }) as [LabelModel];
    const ticks = page.elements.filter((el) => el.kind === 'text' && el.text === 'X');
    expect(ticks).toHaveLength(1);
    const tick = ticks[0] as { yMm: number; xMm: number };
    const beside = page.elements.find((el) => el.kind === 'text' && el.text === label) as { xMm: number; yMm: number } | undefined;
    expect(beside?.xMm).toBeGreaterThan(tick.xMm);
    expect(Math.abs((beside?.yMm ?? 0) - tick.yMm)).toBeLessThan(1);
  });

  it('CN23 is A4 with the sender and addressee blocks and the invoice number', () => {
    const [page] = buildCustomsDeclaration({ ...customs, form: 'CN23' }) as [LabelModel];
    expect(page.widthMm).toBe(210);
    expect(printed(page)).toEqual(expect.arrayContaining(['CN 23', 'FROM (sender)', 'TO (addressee)', 'PackBench Demo Trading Co.', 'Jane Q. Doe', 'Invoice no. 113-1234567-1234567']));
    expectInsidePage(page);
  });

  it.each([
    [0, '0.000'],
    [1, '0.001'],
    [999.2, '1.000'],
    [12_345, '12.345'],
  ])('%s g is printed as %s kg, never less than weighed', (grams, kg) => {
    expect(formatCustomsKg(grams)).toBe(kg);
  });
});

function manifestPackages(count: number): ManifestPackage[] {
  return Array.from({ length: count }, (_, i) => ({
    orderId: `905-${String(i).padStart(7, '0')}-0000001`,
    packageSeq: 1,
    trackingNumber: `47${String(2_000_000 + i).padStart(8, '0')}`,
    serviceName: 'DHL Express Worldwide',
    weightG: 1000 + i,
  }));
}

const manifest: ManifestInput = {
  carrierId: 'DHL',
  carrierName: 'DHL Express',
  serviceName: null,
  day: '2026-11-26',
  closedAt: '2026-11-26T10:00:00.000Z',
  closedBy: 'packer',
  shipFrom,
  packages: manifestPackages(70),
};

describe('the end-of-day manifest', () => {
  it('a long day runs over A4 pages: every tracking number once and whole, page n of m, totals and signatures on the last page', () => {
    const pages = buildManifest(manifest);
    expect(pages.length).toBe(2);
    const numbers = pages.flatMap((page) => printed(page).filter((line) => /^47\d{8}$/.test(line)));
    expect(numbers).toEqual(manifest.packages.map((pkg) => pkg.trackingNumber));
    expect(manifestTotals(manifest.packages)).toEqual({ count: 70, totalWeightG: 70 * 1000 + (69 * 70) / 2 });
    pages.forEach((page, i) => {
      expect(page.widthMm).toBe(210);
      expect(printed(page)).toContain(`Page ${i + 1} of 2`);
      expect(printed(page).some((line) => line.startsWith('Packages: 70'))).toBe(i === 1);
      expect(printed(page).some((line) => line.endsWith('…'))).toBe(false);
      expectInsidePage(page);
    });
    expect(printed(pages[1] as LabelModel)).toContain('Packages: 70 — total weight 72.42 kg');
  });

  it('a short day is one page, marked DRAFT before close-out', () => {
    const pages = buildManifest({ ...manifest, packages: manifestPackages(3), closedAt: null, closedBy: null });
    expect(pages).toHaveLength(1);
    expect(printed(pages[0] as LabelModel)).toEqual(expect.arrayContaining(['DRAFT MANIFEST', 'NOT CLOSED: not for hand-over', 'Packages: 3 — total weight 3.01 kg']));
  });

  it('with tracking barcodes on, each number is a Code 128 of exactly that number', () => {
    const pages = buildManifest({ ...manifest, packages: manifestPackages(20), trackingBarcodes: true });
    expect(pages.flatMap(barcodes)).toEqual(manifestPackages(20).map((pkg) => pkg.trackingNumber));
    for (const page of pages) expectInsidePage(page);
  });
});

describe('paginateRows', () => {
  it.each([
    [0, 10, 20, 2, [[0, 0]]],
    [8, 10, 20, 2, [[0, 8]]],
    [9, 10, 20, 2, [[0, 9], [9, 9]]],
    [10, 10, 20, 0, [[0, 10]]],
    [25, 10, 20, 2, [[0, 10], [10, 25]]],
    [29, 10, 20, 2, [[0, 10], [10, 29], [29, 29]]],
  ] as const)('%i rows, %i on the first page, %i on the next, %i kept for the footer', (count, first, next, footer, expected) => {
    expect(paginateRows(count, first, next, footer)).toEqual(expected);
  });
});

describe('the manifest as CSV', () => {
  it('has a header and one row per package, CRLF line ends, and quotes a field with a comma, a quote or a line break', () => {
    const csv = manifestCsv({
      carrierId: 'DHL',
      day: '2026-11-26',
      packages: [
        { orderId: '905-0000001-0000001', packageSeq: 1, trackingNumber: '4702000001', serviceName: 'Express, Worldwide', weightG: 1200 },
        { orderId: '905-0000002-0000001', packageSeq: 2, trackingNumber: '4702000002', serviceName: 'The "fast" one', weightG: 800 },
        { orderId: '905-0000003-0000001', packageSeq: 1, trackingNumber: '4702000003', serviceName: 'two\nlines', weightG: 5 },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'carrier_id,service,day,order_id,package_seq,tracking_number,weight_g',
      'DHL,"Express, Worldwide",2026-11-26,905-0000001-0000001,1,4702000001,1200',
      'DHL,"The ""fast"" one",2026-11-26,905-0000002-0000001,2,4702000002,800',
      'DHL,"two\nlines",2026-11-26,905-0000003-0000001,1,4702000003,5',
      '',
    ]);
  });
});
