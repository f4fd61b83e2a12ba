import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCjkFontFiles, loadCjkFonts, systemZplTextRasterizer } from '../../electron/label/cjk-font';
import type { CjkFonts } from '../../electron/label/cjk-font';
import { rasterizeTextLine, toZplGraphic, zplTextRasterizer } from '../../electron/label/text-raster';
import type { TextBitmap } from '../../electron/label/text-raster';
import { renderLabelPdf } from '../../electron/services/label-pdf';
import { buildShippingLabel, mmToDots } from '../../shared/label/label-model';
import type { LabelTextElement, PrinterDpi, ShippingLabelInput } from '../../shared/label/label-model';
import { renderZpl } from '../../shared/label/zpl';
import { requireTool } from '../support/tools';
import { renderZplPng, scanBarcode } from '../support/zpl-render';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/labels/', import.meta.url));

/**
 * The machine's CJK font, or null to skip with a note. In CI a missing font fails the run:
 * Chinese labels that silently go untested are Chinese labels that print as '?'.
 */
function cjkFontsOrSkip(): CjkFonts | null {
  const fonts = loadCjkFonts();
  if (fonts) return fonts;
  const missing = 'no CJK font on this machine (Debian: apt-get install fonts-noto-cjk, or set PACKBENCH_CJK_FONT)';
  if (process.env.CI === 'true') throw new Error(`${missing}; CI must have one, so these tests fail rather than skip`);
  console.warn(`${missing}; skipping the Chinese label tests`);
  return null;
}

const fonts = cjkFontsOrSkip();

const STREET = '深圳市南山区科技路18号';
const COMPANY = '深圳市光明贸易有限公司';
// A ship-from street as long as fits the label's width.
const LONG_STREET = '广东省深圳市南山区粤海街道科技园南区科技南十二路18号长虹科技大厦5栋1203室';

const chineseShipFrom: ShippingLabelInput = {
  shipFrom: {
    name: COMPANY,
    lines: [STREET],
    city: '深圳市',
    state: '广东省',
    postalCode: '518057',
    countryCode: 'CN',
    phone: '+86 755 1234 5678',
  },
  shipTo: {
    name: 'Jane Q. Doe',
    lines: ['1200 Market Street', 'Apartment 4B'],
    city: 'San Francisco',
    state: 'CA',
    postalCode: '94103-1234',
    countryCode: 'US',
  },
  carrierName: 'China Post',
  serviceName: 'ePacket registered',
  trackingNumber: 'RR000000015CN',
  orderId: '113-1234567-1234567',
  weightG: 1234,
  createdAt: '2025-03-04T05:06:07.000Z',
};

const latinOnly: ShippingLabelInput = {
  ...chineseShipFrom,
  shipFrom: { ...chineseShipFrom.shipFrom, name: 'Shenzhen Bright Goods Co.', lines: ['18 Keji Road, Nanshan'], city: 'Shenzhen', state: 'Guangdong' },
};

type Gray = { width: number; height: number; at(x: number, y: number): number };

// zebrash writes 8-bit greyscale PNGs and pdftoppm 8-bit RGB; this reads those (non-interlaced,
// 8 bits per channel), enough to look at pixels without an image library.
function readPng(file: string): Gray {
  const png = readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour ?? -1] ?? 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new Error(`${file}: PNG layout not handled (depth ${depth}, colour ${colour})`);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (pixels[y * stride + i - channels] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (pixels[(y - 1) * stride + i - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      pixels[y * stride + i] = ((line[i] ?? 0) + predictor) & 0xff;
    }
  }
  return { width, height, at: (x, y) => pixels[y * stride + x * channels] ?? 255 };
}

function darkShare(img: Gray, x: number, y: number, w: number, h: number): number {
  let dark = 0;
  for (let row = y; row < y + h; row++) for (let col = x; col < x + w; col++) if (img.at(col, row) < 128) dark++;
  return dark / (w * h);
}

/**
 * The image bytes and bytes per row of a "^GFA,…^FS" field in plain hex or Z64, read here apart
 * from the encoder. Its counts are checked against the bytes it carries.
 */
function graphicFieldImage(graphicField: string): { rowBytes: number; rows: number; bytes: Buffer } {
  const [, total, again, rowBytesText, data = ''] = /^\^GFA,(\d+),(\d+),(\d+),([^^]*)\^FS$/.exec(graphicField) ?? [];
  const z64 = /^:Z64:([A-Za-z0-9+/=]+):[0-9A-F]{4}$/.exec(data);
  const bytes = z64 ? inflateSync(Buffer.from(z64[1] ?? '', 'base64')) : /^[0-9A-F]*$/.test(data) ? Buffer.from(data, 'hex') : null;
  if (!bytes) throw new Error(`graphic data neither plain hex nor Z64: ${data.slice(0, 40)}…`);
  expect(again).toBe(total);
  expect(bytes.length).toBe(Number(total));
  const rowBytes = Number(rowBytesText);
  return { rowBytes, rows: Number(total) / rowBytes, bytes };
}

// Share of the graphic's dots (black and white alike) that the render shows the same way.
function agreement(img: Gray, x: number, y: number, graphicField: string): number {
  const { rowBytes, rows, bytes } = graphicFieldImage(graphicField);
  let same = 0;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < rowBytes * 8; col++) {
      const black = ((bytes[row * rowBytes + (col >> 3)] ?? 0) & (0x80 >> (col & 7))) !== 0;
      if (black === img.at(x + col, y + row) < 128) same++;
    }
  }
  return same / (rows * rowBytes * 8);
}

/** Dots where two renders differ (dark in one, light in the other); -1 if their sizes differ. */
function differingDots(a: Gray, b: Gray): number {
  if (a.width !== b.width || a.height !== b.height) return -1;
  let differ = 0;
  for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) if (a.at(x, y) < 128 !== b.at(x, y) < 128) differ++;
  return differ;
}

/** How zebrash prints the graphic field alone at (8, 8) on a label just big enough for it. */
async function renderGraphicAlone(graphicField: string, widthDots: number, heightDots: number, dpi: PrinterDpi, name: string): Promise<Gray> {
  const dotsPerMm = Math.ceil(dpi / 25.4);
  const file = join(workDir, `${name}.png`);
  writeFileSync(file, await renderZplPng(`^XA^PW${widthDots + 16}^LH0,0^FO8,8${graphicField}^XZ`, (widthDots + 16) / dotsPerMm + 1, (heightDots + 16) / dotsPerMm + 1, dpi));
  return readPng(file);
}

let workDir = '';

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'packbench-cjk-'));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.skipIf(!fonts)('a label with a Chinese ship-from address', () => {
  const faces = fonts ?? ({} as CjkFonts);
  const rasterize = zplTextRasterizer({ regular: faces.regular?.font, bold: faces.bold?.font });
  const model = buildShippingLabel(chineseShipFrom);
  const streetEl = model.elements.find((el): el is LabelTextElement => el.kind === 'text' && el.text === STREET);

  describe.skipIf(!requireTool('zbarimg', 'zbar-tools'))('in ZPL', () => {
    it.each([203, 300] as PrinterDpi[])('at %i dpi prints the Chinese line as a graphic the printer draws, and the barcode still scans', async (dpi) => {
      expect(streetEl).toBeDefined();
      if (!streetEl) return;
      const zpl = renderZpl(model, { dpi, rasterize });
      expect(zpl).toContain('^CI28');
      expect(zpl).not.toMatch(/\^(MM|MN|JU|MD|PR|JZ)/);
      // Printer text carries no Chinese: every such line went to a graphic.
      expect(zpl).not.toMatch(/\^FD[^^]*[\u4e00-\u9fff]/);

      const graphic = rasterize(STREET, mmToDots(streetEl.heightMm, dpi), false);
      expect(graphic).not.toBeNull();
      if (!graphic) return;
      const at = zpl.indexOf(graphic.graphicField);
      expect(at).toBeGreaterThan(0);
      const origin = /\^FO(\d+),(\d+)$/.exec(zpl.slice(0, at));
      expect(origin).not.toBeNull();
      const [x, y] = [Number(origin?.[1]), Number(origin?.[2])];
      expect(x).toBe(mmToDots(streetEl.xMm, dpi));
      // Its baseline lies one cap height below the top of the capitals the model placed.
      expect(y + graphic.baselineDots).toBe(mmToDots(streetEl.yMm, dpi) + mmToDots(streetEl.heightMm, dpi));

      const file = join(workDir, `cjk-ship-from-zpl-${dpi}.png`);
      writeFileSync(file, await renderZplPng(zpl, model.widthMm, model.heightMm, dpi));
      copyFileSync(file, join(ARTIFACTS, `cjk-ship-from-zpl-${dpi}.png`));
      const img = readPng(file);
      // zebrash centres the ^PW-wide label on its whole-dots-per-mm canvas: at 300 dpi a 1200-dot
      // label sits 10 dots in from the left of a 1220-dot image.
      const left = x + Math.floor((img.width - mmToDots(model.widthMm, dpi)) / 2);
      // Ideographs at this size ink roughly a third of their line box; blank would be 0.
      expect(darkShare(img, left, y, graphic.widthDots, graphic.heightDots)).toBeGreaterThan(0.15);
      // And the printed dots are the graphic's, not a black slab: compare dot for dot.
      expect(agreement(img, left, y, graphic.graphicField)).toBeGreaterThan(0.98);
      expect(scanBarcode(file)).toBe(chineseShipFrom.trackingNumber);
    });
  });

  it('without a rasteriser, is sent as printer text as before', () => {
    const zpl = renderZpl(model, { dpi: 203 });
    expect(zpl).not.toContain('^GFA');
    expect(zpl).toContain(`^FD${STREET}^FS`);
  });

  describe.skipIf(!requireTool('pdftotext', 'poppler-utils') || !requireTool('zbarimg', 'zbar-tools'))('in PDF', () => {
    let pdfFile = '';

    beforeAll(async () => {
      pdfFile = join(workDir, 'cjk-ship-from.pdf');
      writeFileSync(pdfFile, await renderLabelPdf(model, { cjkFonts: fonts }));
    });

    it('carries the Chinese as text, exactly, in an embedded font', () => {
      const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
      expect(text).toContain(STREET);
      expect(text).toContain(COMPANY);
      expect(text).toContain('深圳市, 广东省 518057 CN');
      expect(text).not.toContain('?');
      const fontList = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
      const cjkRows = fontList.split('\n').filter((row) => row.includes(faces.regular.postscriptName) || row.includes(faces.bold.postscriptName));
      expect(cjkRows.length).toBeGreaterThan(0);
      // "emb" is the column after the encoding: every CJK font is embedded, none left to the viewer.
      for (const row of cjkRows) expect(row).toMatch(/Identity-H\s+yes/);
    });

    it.each([203, 300])('rasterised at %i dpi shows the ship-from and still scans', (dpi) => {
      const prefix = join(workDir, `cjk-ship-from-pdf-${dpi}`);
      execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', pdfFile, prefix]);
      copyFileSync(`${prefix}.png`, join(ARTIFACTS, `cjk-ship-from-pdf-${dpi}.png`));
      expect(scanBarcode(`${prefix}.png`)).toBe(chineseShipFrom.trackingNumber);
      if (!streetEl) throw new Error('no street element');
      const img = readPng(`${prefix}.png`);
      const px = (mm: number): number => Math.round((mm * dpi) / 25.4);
      // The glyphs are drawn, not just present as text: a font poppler rejects leaves this blank.
      expect(darkShare(img, px(streetEl.xMm), px(streetEl.yMm - 0.3), px(streetEl.heightMm * 11), px(streetEl.heightMm * 1.3))).toBeGreaterThan(0.1);
    });
  });
});

describe.skipIf(!fonts)('a label with no Chinese on it', () => {
  const rasterize = fonts ? zplTextRasterizer({ regular: fonts.regular.font, bold: fonts.bold.font }) : undefined;

  it.each([203, 300] as PrinterDpi[])('gives the same ZPL at %i dpi with or without the rasteriser', (dpi) => {
    const model = buildShippingLabel(latinOnly);
    expect(renderZpl(model, { dpi, rasterize })).toBe(renderZpl(model, { dpi }));
  });

  it('embeds no CJK font in its PDF', async () => {
    const pdf = Buffer.from(await renderLabelPdf(buildShippingLabel(latinOnly), { cjkFonts: fonts }));
    expect(pdf.includes(fonts?.regular.postscriptName ?? 'never')).toBe(false);
  });
});

describe('placing rasterised lines in ZPL', () => {
  // A rasteriser that makes every line 30 dots wide per character, baseline at its bottom row.
  const calls: { text: string; cap: number; bold: boolean }[] = [];
  const blocky = (text: string, cap: number, bold: boolean) => {
    calls.push({ text, cap, bold });
    const widthDots = [...text].length * 30;
    return { widthDots, heightDots: cap, baselineDots: cap, graphicField: `^GFA,1,1,1,00^FS<${text}@${cap}>` };
  };
  const block = (text: string, extra: Partial<LabelTextElement> = {}): LabelTextElement => ({
    kind: 'text', xMm: 5, yMm: 10, widthMm: 40, heightMm: 3, text, maxLines: 3, ...extra,
  });
  const zplOf = (el: LabelTextElement): string => renderZpl({ widthMm: 101.6, heightMm: 152.4, elements: [el] }, { dpi: 203, rasterize: blocky });

  it('keeps the Latin lines of a mixed block as printer text and draws the Chinese ones', () => {
    const zpl = zplOf(block('Room 1203\n科技路18号'));
    expect(zpl).toContain('^FDRoom 1203^FS');
    // Line 2 has its capitals' top one pitch (3 × 1.45 mm) below line 1's: 10 + 4.35 mm → 115 dots,
    // so with 24-dot capitals its baseline is at 139.
    expect(zpl).toContain(`^FO40,${139 - 24}^GFA,1,1,1,00^FS<科技路18号@24>`);
  });

  it('draws a line that comes out wider than its block smaller, so it stays inside', () => {
    calls.length = 0;
    // 40 mm = 320 dots; 13 characters × 30 dots would be 390, though wrapping let them on one line.
    const zpl = zplOf(block('中' + 'x'.repeat(12), { maxLines: 1 }));
    const cap = calls.at(-1)?.cap ?? 0;
    expect(cap).toBeLessThan(24);
    expect(zpl).toContain(`@${cap}>`);
    expect(zpl).not.toContain('@24>');
  });

  it('centres a centred line by its drawn width', () => {
    const zpl = zplOf(block('中文', { align: 'center', maxLines: 1 }));
    // Block 40..360 dots, line 60 dots: starts at 40 + (320 − 60) / 2 = 170.
    expect(zpl).toMatch(/\^FO170,\d+\^GFA/);
  });

  it('hands a bold line to the rasteriser as bold', () => {
    calls.length = 0;
    zplOf(block('中文', { bold: true, maxLines: 1 }));
    expect(calls[0]?.bold).toBe(true);
  });
});

function bitmapOf(widthDots: number, rows: number, ink: (x: number, y: number) => boolean): TextBitmap {
  const rowBytes = Math.ceil(widthDots / 8);
  const bits = new Uint8Array(rowBytes * rows);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < widthDots; x++) {
      const at = y * rowBytes + (x >> 3);
      if (ink(x, y)) bits[at] = (bits[at] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { widthDots, heightDots: rows, rowBytes, baselineDots: rows, bits };
}

function inkedDots(bitmap: TextBitmap): number {
  let n = 0;
  for (const byte of bitmap.bits) for (let bit = 0; bit < 8; bit++) n += (byte >> bit) & 1;
  return n;
}

function darkDots(img: Gray): number {
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (img.at(x, y) < 128) n++;
  return n;
}

describe('a compressed graphic field as zebrash prints it', () => {
  // Rows a compressor can get wrong: white and black rows, edges, runs past 400 digits, repeats.
  const awkward: { name: string; bitmap: TextBitmap }[] = [
    { name: 'white rows first, then ink', bitmap: bitmapOf(37, 9, (x, y) => y >= 4 && x % 5 < 2) },
    { name: 'all black, odd width', bitmap: bitmapOf(45, 7, () => true) },
    { name: 'one byte wide', bitmap: bitmapOf(3, 6, (x, y) => (x + y) % 2 === 0) },
    { name: 'ink in the last dot of each row', bitmap: bitmapOf(61, 5, (x) => x === 60) },
    { name: 'runs longer than 400 digits', bitmap: bitmapOf(2100, 4, (x, y) => (y === 1 ? x < 2050 : y === 2 ? x > 30 : false)) },
    { name: 'repeated rows between different ones', bitmap: bitmapOf(50, 12, (x, y) => (y < 5 ? x < 20 : y < 8 ? x > 10 && x < 40 : y === 8 ? x % 2 === 0 : x > 45)) },
  ];

  it.each(awkward.flatMap(({ name, bitmap }) => (['ascii', 'z64'] as const).map((encoding) => ({ name, bitmap, encoding }))))(
    '$name: $encoding prints the same dots as plain hex',
    async ({ name, bitmap, encoding }) => {
      const slug = `${name.replace(/\W+/g, '-')}-${encoding}`;
      const plain = await renderGraphicAlone(toZplGraphic(bitmap, 'hex'), bitmap.widthDots, bitmap.heightDots, 203, `${slug}-hex`);
      const packed = await renderGraphicAlone(toZplGraphic(bitmap, encoding), bitmap.widthDots, bitmap.heightDots, 203, slug);
      // Plain hex prints every inked dot and nothing else, so a like-for-like render is not two blanks.
      expect(darkDots(plain)).toBe(inkedDots(bitmap));
      expect(differingDots(packed, plain)).toBe(0);
    },
  );

  describe.skipIf(!fonts)('for a Chinese address line', () => {
    const faces = fonts ?? ({} as CjkFonts);

    it.each([203, 300] as PrinterDpi[])('at %i dpi, Z64 and ASCII compression both print dot for dot as plain hex, in far fewer bytes', async (dpi) => {
      const bitmap = rasterizeTextLine(faces.regular.font, LONG_STREET, mmToDots(2.2, dpi));
      const plainField = toZplGraphic(bitmap, 'hex');
      const plain = await renderGraphicAlone(plainField, bitmap.widthDots, bitmap.heightDots, dpi, `street-${dpi}-hex`);
      expect(darkDots(plain)).toBe(inkedDots(bitmap));
      for (const encoding of ['ascii', 'z64'] as const) {
        const field = toZplGraphic(bitmap, encoding);
        const packed = await renderGraphicAlone(field, bitmap.widthDots, bitmap.heightDots, dpi, `street-${dpi}-${encoding}`);
        expect(differingDots(packed, plain)).toBe(0);
        expect(field.length).toBeLessThan(plainField.length * (encoding === 'z64' ? 0.4 : 0.85));
      }
    });
  });
});

describe.skipIf(!requireTool('pdftotext', 'poppler-utils'))('a Chinese label on a machine with no CJK font', () => {
  it('still makes its PDF, with "?" where the Chinese would be', async () => {
    const file = join(workDir, 'no-cjk-font.pdf');
    writeFileSync(file, await renderLabelPdf(buildShippingLabel(chineseShipFrom), { cjkFonts: null }));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('?????????18?');
  });
});

describe.skipIf(!fonts)('the rasteriser the bench passes to renderZpl', () => {
  it('draws Chinese with the machine’s CJK font, and is one shared rasteriser with one line cache', () => {
    const rasterize = systemZplTextRasterizer();
    expect(rasterize).toBe(systemZplTextRasterizer());
    expect(rasterize(STREET, 18, false)?.graphicField).toMatch(/^\^GFA,\d+,\d+,\d+,:Z64:[A-Za-z0-9+/=]+:[0-9A-F]{4}\^FS$/);
  });
});

describe('finding the CJK font', () => {
  const noto = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
  const notoBold = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
  const droid = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';

  it('takes the file PACKBENCH_CJK_FONT names over the system’s', () => {
    const files = findCjkFontFiles({ PACKBENCH_CJK_FONT: '/opt/fonts/brand.otf' }, () => true);
    expect(files).toEqual({ regular: '/opt/fonts/brand.otf', bold: null, source: 'env' });
  });

  it('refuses a PACKBENCH_CJK_FONT that names no file, rather than quietly using another font', () => {
    expect(() => findCjkFontFiles({ PACKBENCH_CJK_FONT: '/nowhere.ttc' }, (path) => path === noto)).toThrow(/nowhere\.ttc/);
  });

  it('prefers Noto Sans CJK with its bold, then the fallbacks', () => {
    expect(findCjkFontFiles({}, (path) => [noto, notoBold, droid].includes(path))).toEqual({ regular: noto, bold: notoBold, source: 'system' });
    expect(findCjkFontFiles({}, (path) => path === droid)).toEqual({ regular: droid, bold: null, source: 'system' });
    expect(findCjkFontFiles({}, () => false)).toBeNull();
  });

  it.skipIf(!fonts)('opens the Simplified Chinese face of a collection', () => {
    if (fonts?.regular.file.endsWith('NotoSansCJK-Regular.ttc')) expect(fonts.regular.postscriptName).toBe('NotoSansCJKsc-Regular');
    expect(fonts?.regular.font.hasGlyphForCodePoint(0x6df1 /* 深 */)).toBe(true);
  });
});
