import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfUnsupportedChars, renderLabelPdf } from '../../electron/services/label-pdf';
import {
  BARCODE_QUIET_ZONE_MODULES,
  PRINTER_DOTS_PER_MM,
  barcodeHumanReadable,
  barcodeWidthMm,
  buildShippingLabel,
  textBlockHeightMm,
  textElementLines,
} from '../../shared/label/label-model';
import type { LabelModel, LabelTextElement, PrinterDpi, ShippingLabelInput } from '../../shared/label/label-model';
import { renderZpl } from '../../shared/label/zpl';
import { SHIP_FROM_SHENZHEN, SHIP_TO_SAN_FRANCISCO } from '../support/label-fixtures';
import { requireTool } from '../support/tools';
import { renderZplPng, scanBarcode } from '../support/zpl-render';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/labels/', import.meta.url));

const base: ShippingLabelInput = {
  shipFrom: SHIP_FROM_SHENZHEN,
  shipTo: SHIP_TO_SAN_FRANCISCO,
  carrierName: 'China Post',
  serviceName: 'ePacket registered',
  trackingNumber: 'RR000000015CN',
  orderId: '113-1234567-1234567',
  weightG: 1234,
  createdAt: '2025-03-04T05:06:07.000Z',
};

type Case = { name: string; input: ShippingLabelInput };

const cases: Case[] = [
  { name: 's10-china-post', input: base },
  {
    name: 's10-second-package',
    input: { ...base, trackingNumber: 'LZ987654326CN', packageIndex: 2, packageCount: 3, weightG: 22_500 },
  },
  {
    name: 'dhl-10-digit',
    input: { ...base, carrierName: 'DHL Express', serviceName: 'Express Worldwide', trackingNumber: '3392841070' },
  },
  {
    name: 'fedex-12-digit',
    input: { ...base, carrierName: 'FedEx', serviceName: 'International Priority', trackingNumber: '794612345678' },
  },
  { name: 'odd-9-digit', input: { ...base, trackingNumber: '123456789' } },
  {
    name: 'lithium-second-package',
    input: { ...base, trackingNumber: '4710000013', packageIndex: 2, packageCount: 3, lithiumMark: { unNumbers: ['UN3481', 'UN3091'] } },
  },
  { name: 'odd-23-digit', input: { ...base, carrierName: 'USPS', serviceName: 'Priority Mail', trackingNumber: '94001118992231974284901' } },
  { name: 'mixed-text', input: { ...base, trackingNumber: 'PB-2025/a x7 #0042' } },
  { name: 'zpl-specials', input: { ...base, trackingNumber: 'A>B^C~D_E\\F' } },
  {
    name: 'long-everything',
    input: {
      ...base,
      shipFrom: { ...base.shipFrom, name: 'Shenzhen Extraordinarily Long Trading Company Limited International Division', lines: ['Unit 2501-2503, 25th Floor, Tower A, Excellence Century Centre', 'No. 3 Fuhua Road, Futian District', 'Third line that cannot fit'] },
      shipTo: {
        name: 'Maximiliane Alexandra von Hohenzollern-Sigmaringen c/o Example Logistics Receiving Department',
        lines: ['Building 7, Gate 3, Receiving Dock 12, Industriestrasse 1234', 'Gewerbegebiet Nord-West, Halle 5, Eingang B', 'Zusatz: bitte beim Pförtner melden'],
        city: 'Villingen-Schwenningen',
        state: 'Baden-Württemberg',
        postalCode: '78048',
        countryCode: 'DE',
        phone: '+49 7721 123456789',
      },
      carrierName: 'Deutsche Post DHL Group Parcel',
      serviceName: 'Warenpost International Premium Tracked Signature',
      orderId: '113-1234567-1234567 / 114-7654321-7654321 / 115-0000000-0000000',
      trackingNumber: 'LX123456785DE',
      packageIndex: 10,
      packageCount: 12,
      weightG: 123456,
    },
  },
  {
    name: 'chinese-address',
    input: {
      ...base,
      shipTo: {
        name: '王小明',
        lines: ['南山区科技园科苑路15号', '科兴科学园B栋'],
        city: '深圳市',
        state: '广东省',
        postalCode: '518057',
        countryCode: 'CN',
      },
      trackingNumber: 'EA123456785CN',
    },
  },
];

let workDir = '';

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'packbench-labels-'));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});


function keep(pngPath: string, artifactName: string): void {
  copyFileSync(pngPath, join(ARTIFACTS, artifactName));
}

describe.skipIf(!requireTool('zbarimg', 'zbar-tools'))('scanning the ZPL label as a printer would print it', () => {
  const dpis: PrinterDpi[] = [203, 300];
  for (const dpi of dpis) {
    it.each(cases)(`$name at ${dpi} dpi scans back to its tracking number`, async ({ name, input }) => {
      const model = buildShippingLabel(input);
      const zpl = renderZpl(model, { dpi });
      const file = join(workDir, `${name}-zpl-${dpi}.png`);
      writeFileSync(file, await renderZplPng(zpl, model.widthMm, model.heightMm, dpi));
      keep(file, `${name}-zpl-${dpi}.png`);
      expect(scanBarcode(file)).toBe(input.trackingNumber);
    });
  }
});

describe.skipIf(!requireTool('zbarimg', 'zbar-tools') || !requireTool('pdftoppm', 'poppler-utils'))(
  'scanning the PDF label as the OS print dialog would print it',
  () => {
    it.each(cases)('$name rasterised at 203 dpi scans back to its tracking number', async ({ name, input }) => {
      const pdf = await renderLabelPdf(buildShippingLabel(input));
      const pdfFile = join(workDir, `${name}.pdf`);
      writeFileSync(pdfFile, pdf);
      const prefix = join(workDir, `${name}-pdf-203`);
      execFileSync('pdftoppm', ['-png', '-r', '203', '-singlefile', pdfFile, prefix]);
      keep(`${prefix}.png`, `${name}-pdf-203.png`);
      expect(scanBarcode(`${prefix}.png`)).toBe(input.trackingNumber);
    });

    it('is one page the size of a 4×6 label', async () => {
      const doc = await PDFDocument.load(await renderLabelPdf(buildShippingLabel(base)));
      expect(doc.getPageCount()).toBe(1);
      const { width, height } = doc.getPage(0).getSize();
      expect(width).toBeCloseTo(288, 1);
      expect(height).toBeCloseTo(432, 1);
    });
  },
);

describe('text the PDF fonts cannot show', () => {
  it('names each Chinese character once, in order, and nothing the fonts can show', () => {
    expect(pdfUnsupportedChars('王小明 Straße “quoted” €5 王')).toEqual(['王', '小', '明']);
  });

  it('agrees with the character set pdf-lib’s Helvetica actually encodes', async () => {
    const doc = await PDFDocument.create();
    const supported = new Set((await doc.embedFont(StandardFonts.Helvetica)).getCharacterSet());
    const disagreements: string[] = [];
    for (let cp = 0x21; cp <= 0x2fff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (/\s/.test(ch)) continue;
      if ((pdfUnsupportedChars(ch).length === 0) !== supported.has(cp)) disagreements.push(cp.toString(16));
    }
    expect(disagreements).toEqual([]);
  });
});

// The layout is checked on the model, for every label above, so a long address or a wide
// barcode shows up here as a named overlap rather than as a smudge on a PNG.
describe('the label layout', () => {
  type Rect = { what: string; x: number; y: number; w: number; h: number };

  function textRect(el: LabelTextElement): Rect {
    // Down to the descenders of the last line.
    return { what: `text "${el.text}"`, x: el.xMm, y: el.yMm, w: el.widthMm, h: textBlockHeightMm(el) + el.heightMm * 0.3 };
  }

  function rects(model: LabelModel): Rect[] {
    const out: Rect[] = [];
    for (const el of model.elements) {
      if (el.kind === 'text' && textElementLines(el).length > 0) out.push(textRect(el));
      if (el.kind === 'line') {
        const t = el.thicknessMm / 2;
        const x = Math.min(el.x1Mm, el.x2Mm) - t;
        const y = Math.min(el.y1Mm, el.y2Mm) - t;
        out.push({ what: `rule at ${el.x1Mm},${el.y1Mm}`, x, y, w: Math.abs(el.x2Mm - el.x1Mm) + 2 * t, h: Math.abs(el.y2Mm - el.y1Mm) + 2 * t });
      }
      if (el.kind === 'barcode128') {
        const quiet = BARCODE_QUIET_ZONE_MODULES * el.moduleMm;
        out.push({ what: 'barcode with quiet zones', x: el.xMm - quiet, y: el.yMm, w: barcodeWidthMm(el) + 2 * quiet, h: el.heightMm });
        const caption = barcodeHumanReadable(el);
        if (caption) out.push(textRect(caption));
      }
    }
    return out;
  }

  const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it.each(cases)('$name keeps every block on the label, clear of the rules and of each other', ({ input }) => {
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
    all.forEach((a, i) =>
      all.slice(i + 1).forEach((b) => !bothRules(a, b) && overlaps(a, b) && clashes.push(`${a.what} / ${b.what}`)),
    );
    expect(clashes).toEqual([]);
  });

  it('gives the barcode at least 2 dots per module at 203 dpi and a usable height', () => {
    for (const { input } of cases) {
      const barcode = buildShippingLabel(input).elements.find((el) => el.kind === 'barcode128');
      expect(barcode?.kind).toBe('barcode128');
      if (barcode?.kind !== 'barcode128') continue;
      expect(barcode.moduleMm * PRINTER_DOTS_PER_MM[203]).toBeGreaterThanOrEqual(2);
      expect(barcode.heightMm).toBeGreaterThanOrEqual(20);
    }
  });
});
