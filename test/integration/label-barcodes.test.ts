import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLabelPdf } from '../../electron/services/label-pdf';
import { DEMO_SERVICES } from '../../electron/services/demo-seed';
import { DATAMATRIX_SIZES, encodeDataMatrix } from '../../shared/label/datamatrix';
import { encodeGs1128, gs1Transmitted } from '../../shared/label/gs1-128';
import {
  BARCODE_QUIET_ZONE_MODULES,
  barcode2dQuietZoneModules,
  barcode2dSizeMm,
  barcodeHumanReadable,
  barcodeScannedValue,
  barcodeWidthMm,
  buildShippingLabel,
  textBlockHeightMm,
  textElementLines,
} from '../../shared/label/label-model';
import type { LabelModel, LabelTextElement, PrinterDpi, ShippingLabelInput } from '../../shared/label/label-model';
import { QR_QUIET_ZONE_MODULES, encodeQr, qrByteCapacity } from '../../shared/label/qr';
import { renderZpl } from '../../shared/label/zpl';
import { SHIP_FROM_SHENZHEN, SHIP_TO_SAN_FRANCISCO } from '../support/label-fixtures';
import { requireTool } from '../support/tools';
import { barsToMatrix, matrixPng, readDataMatrix, renderZplPng, scanBarcodes } from '../support/zpl-render';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/labels/', import.meta.url));

const base: ShippingLabelInput = {
  shipFrom: SHIP_FROM_SHENZHEN,
  shipTo: SHIP_TO_SAN_FRANCISCO,
  carrierName: 'DHL Express',
  serviceName: 'Express Worldwide',
  trackingNumber: '4710000013',
  orderId: '113-1234567-1234567',
  weightG: 1234,
  createdAt: '2025-03-04T05:06:07.000Z',
};

const TRACKING_BY_SERVICE: Record<string, string> = {
  'CNPOST-REG-SP': 'RR000000015CN',
  'CNPOST-REG-PP': 'RR000000029CN',
  'DHL-EXP-WW': '4710000013',
  'FEDEX-IP': '794610000018',
  'UPS-WW-SAVER': '1ZA1B2C36510000013',
};

type Case = { name: string; input: ShippingLabelInput };

// A label for each demo service, as the bench would print it for that service…
const demoCases: Case[] = DEMO_SERVICES.map((service) => ({
  name: `demo-${service.id.toLowerCase()}`,
  input: {
    ...base,
    carrierName: service.carrierName,
    serviceName: service.nameEn,
    trackingNumber: TRACKING_BY_SERVICE[service.id] ?? 'PB0000000001',
    barcodes: service.labelBarcodes ?? null,
  },
}));

// …and the awkward ones: letters in the postcode (GS1-128 switching sets), a long address
// beside the 2D code, several packages with the lithium mark, a Chinese address.
const cases: Case[] = [
  ...demoCases,
  {
    name: 'gs1-uk-postcode-qr',
    input: {
      ...base,
      shipTo: { ...base.shipTo, city: 'London', state: null, postalCode: 'SW1A 1AA', countryCode: 'GB' },
      barcodes: { routing: 'gs1-128-421', twoD: 'qr' },
    },
  },
  {
    name: 'gs1-canada-datamatrix-long-address',
    input: {
      ...base,
      shipTo: {
        name: 'Maximiliane Alexandra von Hohenzollern-Sigmaringen c/o Example Logistics Receiving Department',
        lines: ['Building 7, Gate 3, Receiving Dock 12, 1234 Industrial Parkway', 'Unit 5, Entrance B', 'Attention: front desk'],
        city: 'Ottawa',
        state: 'ON',
        postalCode: 'K1A 0B1',
        countryCode: 'CA',
        phone: '+1 613 555 0199',
      },
      trackingNumber: 'LX123456785DE',
      packageIndex: 2,
      packageCount: 3,
      lithiumMark: { unNumbers: ['UN3481'] },
      barcodes: { routing: 'gs1-128-421', twoD: 'datamatrix' },
    },
  },
  {
    name: 'gs1-germany-odd-digits',
    input: {
      ...base,
      shipTo: { ...base.shipTo, city: 'Berlin', state: null, postalCode: '10115', countryCode: 'DE', phone: null },
      trackingNumber: '123456789',
      barcodes: { routing: 'gs1-128-421' },
    },
  },
  {
    name: 'qr-chinese-address',
    input: {
      ...base,
      shipTo: { name: '王小明', lines: ['南山区科技园科苑路15号', '科兴科学园B栋'], city: '深圳市', state: '广东省', postalCode: '518057', countryCode: 'CN' },
      trackingNumber: 'EA123456785CN',
      barcodes: { twoD: 'qr' },
    },
  },
];

/** Every value the label's symbols must read back as, by how they are read. */
function expected(model: LabelModel): { linear: { value: string; gs1: boolean }[]; qr: string[]; dataMatrix: string[] } {
  const out = { linear: [] as { value: string; gs1: boolean }[], qr: [] as string[], dataMatrix: [] as string[] };
  for (const el of model.elements) {
    if (el.kind === 'barcode128') out.linear.push({ value: barcodeScannedValue(el), gs1: el.symbology === 'gs1-128' });
    if (el.kind === 'barcode2d') (el.symbology === 'qr' ? out.qr : out.dataMatrix).push(el.data);
  }
  return out;
}

function checkImage(png: string, model: LabelModel): void {
  const want = expected(model);
  const symbols = scanBarcodes(png);
  const linear = symbols.filter((s) => s.type === 'CODE-128').map((s) => ({ value: s.data, gs1: s.gs1 }));
  expect(linear.sort((a, b) => a.value.localeCompare(b.value))).toEqual([...want.linear].sort((a, b) => a.value.localeCompare(b.value)));
  expect(symbols.filter((s) => s.type === 'QR-Code').map((s) => s.data)).toEqual(want.qr);
  for (const value of want.dataMatrix) expect(readDataMatrix(png)).toBe(value);
}

let workDir = '';

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'packbench-barcodes-'));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const hasReaders = (): boolean => requireTool('zbarimg', 'zbar-tools') && requireTool('dmtxread', 'dmtx-utils');
const dpis: PrinterDpi[] = [203, 300];

describe('the demo services', () => {
  it('ask for a GS1-128 routing barcode, a Data Matrix and a QR code between them', () => {
    const wanted = DEMO_SERVICES.map((s) => s.labelBarcodes ?? {});
    expect(wanted.some((b) => b.routing === 'gs1-128-421')).toBe(true);
    expect(wanted.some((b) => b.twoD === 'datamatrix')).toBe(true);
    expect(wanted.some((b) => b.twoD === 'qr')).toBe(true);
  });
});

describe.skipIf(!hasReaders())('every barcode on the ZPL label reads back as its exact value', () => {
  for (const dpi of dpis) {
    it.each(cases)(`$name at ${dpi} dpi`, async ({ name, input }) => {
      const model = buildShippingLabel(input);
      const file = join(workDir, `${name}-zpl-${dpi}.png`);
      writeFileSync(file, await renderZplPng(renderZpl(model, { dpi }), model.widthMm, model.heightMm, dpi));
      copyFileSync(file, join(ARTIFACTS, `barcodes-${name}-zpl-${dpi}.png`));
      checkImage(file, model);
    });
  }
});

describe.skipIf(!hasReaders() || !requireTool('pdftoppm', 'poppler-utils'))('every barcode on the PDF label reads back as its exact value', () => {
  for (const dpi of dpis) {
    it.each(cases)(`$name rasterised at ${dpi} dpi`, async ({ name, input }) => {
      const model = buildShippingLabel(input);
      const pdfFile = join(workDir, `${name}.pdf`);
      writeFileSync(pdfFile, await renderLabelPdf(model));
      const prefix = join(workDir, `${name}-pdf-${dpi}`);
      execFileSync('pdftoppm', ['-png', '-gray', '-r', String(dpi), '-singlefile', pdfFile, prefix]);
      copyFileSync(`${prefix}.png`, join(ARTIFACTS, `barcodes-${name}-pdf-${dpi}.png`));
      checkImage(`${prefix}.png`, model);
    });
  }
});

describe('the label with carrier barcodes', () => {
  type Rect = { what: string; x: number; y: number; w: number; h: number };

  function textRect(el: LabelTextElement): Rect {
    return { what: `text "${el.text}"`, x: el.xMm, y: el.yMm, w: el.widthMm, h: textBlockHeightMm(el) + el.heightMm * 0.3 };
  }

  function rects(model: LabelModel): Rect[] {
    const out: Rect[] = [];
    for (const el of model.elements) {
      if (el.kind === 'text' && textElementLines(el).length > 0) out.push(textRect(el));
      if (el.kind === 'line') {
        const t = el.thicknessMm / 2;
        out.push({ what: `rule at ${el.x1Mm},${el.y1Mm}`, x: Math.min(el.x1Mm, el.x2Mm) - t, y: Math.min(el.y1Mm, el.y2Mm) - t, w: Math.abs(el.x2Mm - el.x1Mm) + 2 * t, h: Math.abs(el.y2Mm - el.y1Mm) + 2 * t });
      }
      if (el.kind === 'barcode128') {
        const quiet = BARCODE_QUIET_ZONE_MODULES * el.moduleMm;
        out.push({ what: `${el.symbology ?? 'code128'} with quiet zones`, x: el.xMm - quiet, y: el.yMm, w: barcodeWidthMm(el) + 2 * quiet, h: el.heightMm });
        const caption = barcodeHumanReadable(el);
        if (caption) out.push(textRect(caption));
      }
      if (el.kind === 'barcode2d') {
        const quiet = barcode2dQuietZoneModules(el.symbology) * el.moduleMm;
        const side = barcode2dSizeMm(el) + 2 * quiet;
        out.push({ what: `${el.symbology} with quiet zone`, x: el.xMm - quiet, y: el.yMm - quiet, w: side, h: side });
      }
    }
    return out;
  }

  const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it.each(cases)('$name keeps every block and quiet zone on the label and clear of each other', ({ input }) => {
    const model = buildShippingLabel(input);
    const all = rects(model);
    for (const r of all) {
      expect(r.x, r.what).toBeGreaterThanOrEqual(0);
      expect(r.y, r.what).toBeGreaterThanOrEqual(0);
      expect(r.x + r.w, r.what).toBeLessThanOrEqual(model.widthMm);
      expect(r.y + r.h, r.what).toBeLessThanOrEqual(model.heightMm);
    }
    const clashes: string[] = [];
    const bothRules = (a: Rect, b: Rect): boolean => a.what.startsWith('rule') && b.what.startsWith('rule');
    all.forEach((a, i) => all.slice(i + 1).forEach((b) => !bothRules(a, b) && overlaps(a, b) && clashes.push(`${a.what} / ${b.what}`)));
    expect(clashes).toEqual([]);
  });

  it('keeps the layout of a service without extra barcodes exactly as it was', () => {
    expect(buildShippingLabel({ ...base, barcodes: {} })).toEqual(buildShippingLabel(base));
    expect(buildShippingLabel({ ...base, barcodes: null })).toEqual(buildShippingLabel(base));
  });

  it('puts the routing barcode and the 2D code on the label only when asked', () => {
    const kinds = (input: ShippingLabelInput): string[] =>
      buildShippingLabel(input).elements.flatMap((el) => (el.kind === 'barcode128' ? [el.symbology ?? 'code128'] : el.kind === 'barcode2d' ? [el.symbology] : []));
    expect(kinds(base)).toEqual(['code128']);
    expect(kinds({ ...base, barcodes: { routing: 'gs1-128-421' } }).sort()).toEqual(['code128', 'gs1-128']);
    expect(kinds({ ...base, barcodes: { twoD: 'datamatrix' } }).sort()).toEqual(['code128', 'datamatrix']);
  });

  it('leaves the routing barcode off for a destination without a postcode', () => {
    const model = buildShippingLabel({ ...base, shipTo: { ...base.shipTo, city: 'Hong Kong', state: null, postalCode: '', countryCode: 'HK' }, barcodes: { routing: 'gs1-128-421' } });
    expect(model.elements.filter((el) => el.kind === 'barcode128')).toHaveLength(1);
  });
});

// The encoders read back directly, symbol by symbol, across their capacity boundaries.
describe.skipIf(!hasReaders())('the encoders read back by independent decoders', () => {
  const text = (length: number, offset = 0): string => Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7 + offset) % 90))).join('');

  it.each([1, qrByteCapacity(1), qrByteCapacity(1) + 1, qrByteCapacity(6), qrByteCapacity(6) + 1, qrByteCapacity(10)])(
    'a QR code of %i bytes',
    (length) => {
      const data = text(length);
      const file = join(workDir, `qr-${length}.png`);
      writeFileSync(file, matrixPng(encodeQr(data).modules, 4, QR_QUIET_ZONE_MODULES));
      expect(scanBarcodes(file).map((s) => s.data)).toEqual([data]);
    },
  );

  it('a QR code in every version from 1 to 10', () => {
    for (let version = 1; version <= 10; version++) {
      const data = text(qrByteCapacity(version), version);
      expect(encodeQr(data).version).toBe(version);
      const file = join(workDir, `qr-v${version}.png`);
      writeFileSync(file, matrixPng(encodeQr(data).modules, 3, QR_QUIET_ZONE_MODULES));
      expect(scanBarcodes(file).map((s) => s.data)).toEqual([data]);
    }
  });

  it('a Data Matrix filled to capacity in each square size up to 104×104', () => {
    for (const size of DATAMATRIX_SIZES) {
      // Letters take one codeword each, so this fills the symbol exactly.
      const data = text(size.dataCodewords).replace(/[0-9]/g, 'D');
      expect(encodeDataMatrix(data).size).toBe(size.size);
      const file = join(workDir, `dm-${size.size}.png`);
      writeFileSync(file, matrixPng(encodeDataMatrix(data).modules, 3, 2));
      expect(readDataMatrix(file)).toBe(data);
    }
  }, 120_000);

  it.each(['1', '12', '123', '2025-03-04 12345678901', 'RR000000015CN|US|94103-1234|1234|113-1234567-1234567'])('a Data Matrix of %j', (data) => {
    const file = join(workDir, `dm-${data.length}.png`);
    writeFileSync(file, matrixPng(encodeDataMatrix(data).modules, 4, 2));
    expect(readDataMatrix(file)).toBe(data);
  });

  it.each(['(421)84094103', '(421)826SW1A1AA', '(420)10115(92)12345', '(00)340123450000000000', '(01)09501101530003(10)AB-123(21)XYZ', '(403)ABC123(421)2761011', '(92)A1(93)12345'])(
    'a GS1-128 symbol of %s',
    (elements) => {
      const file = join(workDir, `gs1-${elements.replace(/[^0-9A-Z]/g, '')}.png`);
      writeFileSync(file, matrixPng(barsToMatrix(encodeGs1128(elements), 30), 3, 10));
      expect(scanBarcodes(file)).toEqual([{ type: 'CODE-128', data: gs1Transmitted(elements), gs1: true }]);
    },
  );
});
