import type { LabelBarcodeOptions } from '../domain/carrier-catalog';
import { code128TotalModules, encodeCode128 } from './code128';
import { DATAMATRIX_QUIET_ZONE_MODULES, encodeDataMatrix } from './datamatrix';
import { encodeGs1128, gs1HumanReadable, gs1ShipToPostalElement, gs1Transmitted } from './gs1-128';
import { isoNumericCountry } from './iso-country-numeric';
import { QR_QUIET_ZONE_MODULES, encodeQr } from './qr';
import type { ModuleMatrix } from './qr';

export type LabelAddress = {
  name: string;
  lines: string[];
  city: string;
  state: string | null;
  postalCode: string;
  countryCode: string;
  phone?: string | null;
};

export type ShippingLabelInput = {
  shipFrom: LabelAddress;
  shipTo: LabelAddress;
  carrierName: string;
  serviceName: string;
  trackingNumber: string;
  orderId: string;
  weightG: number;
  createdAt: string /* UTC ISO */;
  packageIndex?: number;
  /** The lithium battery mark, with the UN numbers it must carry, where the package needs one. */
  lithiumMark?: { unNumbers: string[] } | null;
  packageCount?: number;
  /** The carrier's extra barcodes (CatalogService.labelBarcodes); none when absent. */
  barcodes?: LabelBarcodeOptions | null;
};

export type LabelTextAlign = 'left' | 'center';

// yMm is the top of the first line's capitals; heightMm is the cap height.
export type LabelTextElement = {
  kind: 'text';
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number /* font cap height */;
  text: string;
  bold?: boolean;
  maxLines?: number;
  align?: LabelTextAlign;
};

export type LabelBarcode1dSymbology = 'code128' | 'gs1-128';

// xMm is the first bar; the quiet zones lie outside it and must be kept clear by the layout.
// For GS1-128, data is the element string with its AIs in parentheses, "(421)84094103": that
// is also the interpretation line, and the encoder inserts FNC1 where the AIs need it.
export type LabelBarcodeElement = {
  kind: 'barcode128';
  xMm: number;
  yMm: number;
  heightMm: number;
  moduleMm: number;
  data: string;
  humanReadable: boolean;
  /** Plain Code 128 when absent. */
  symbology?: LabelBarcode1dSymbology;
};

export type LabelBarcode2dSymbology = 'qr' | 'datamatrix';

// A square 2D symbol; (xMm, yMm) is its top-left module, the quiet zone lies outside it.
export type LabelBarcode2dElement = {
  kind: 'barcode2d';
  symbology: LabelBarcode2dSymbology;
  xMm: number;
  yMm: number;
  moduleMm: number;
  data: string;
};

// The stroke is centred on the line, as a pen would draw it.
export type LabelLineElement = {
  kind: 'line';
  x1Mm: number;
  y1Mm: number;
  x2Mm: number;
  y2Mm: number;
  thicknessMm: number;
};

// The border lies inside the box's outer edge.
export type LabelBoxElement = {
  kind: 'box';
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
  thicknessMm: number;
};

export type LabelElement = LabelTextElement | LabelBarcodeElement | LabelBarcode2dElement | LabelLineElement | LabelBoxElement;

export type LabelModel = { widthMm: number; heightMm: number; elements: LabelElement[] };

export type LabelSize = { widthMm: number; heightMm: number };

export type PrinterDpi = 203 | 300;

export const LABEL_4X6_MM: LabelSize = { widthMm: 101.6, heightMm: 152.4 };

// Zebra specifies 203 dpi heads as 8 dots/mm; 300 dpi is taken at its true pitch.
export const PRINTER_DOTS_PER_MM: Record<PrinterDpi, number> = { 203: 8, 300: 300 / 25.4 };

export function mmToDots(mm: number, dpi: PrinterDpi): number {
  return Math.round(mm * PRINTER_DOTS_PER_MM[dpi]);
}

// Baseline-to-baseline distance as a multiple of cap height: room for descenders and a gap.
export const TEXT_LINE_PITCH_PER_CAP = 1.45;

// Wrapping counts characters rather than measuring glyphs, so ZPL (printer font 0, condensed)
// and PDF (Helvetica, wider) break lines in the same places. The advance is Helvetica's average
// for mixed-case address text; the PDF renderer shrinks a line that still comes out too wide,
// and font 0 is narrower still, so the printer's own ^FB never has to re-wrap.
export const TEXT_CHAR_ADVANCE_PER_CAP = { regular: 0.85, bold: 0.92 } as const;

export const BARCODE_QUIET_ZONE_MODULES = 10;
export const BARCODE_TEXT_GAP_MM = 1.5;
export const BARCODE_TEXT_CAP_MM = 3.2;

const ELLIPSIS = '…';

// East Asian wide characters take about two Latin advances; counting them double keeps a
// Chinese address from overflowing its block when a CJK font arrives.
function charUnits(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000;
  return wide ? 2 : 1;
}

function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += charUnits(ch);
  return units;
}

// Cuts a word into pieces of at most maxUnits, never splitting a surrogate pair.
function chopWord(word: string, maxUnits: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let units = 0;
  for (const ch of word) {
    const u = charUnits(ch);
    if (units + u > maxUnits && piece !== '') {
      pieces.push(piece);
      piece = '';
      units = 0;
    }
    piece += ch;
    units += u;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

function truncateWithEllipsis(line: string, maxUnits: number): string {
  let out = '';
  let units = 0;
  for (const ch of line) {
    const u = charUnits(ch);
    if (units + u + 1 > maxUnits) break;
    out += ch;
    units += u;
  }
  return out.trimEnd() + ELLIPSIS;
}

/**
 * Word-wraps text into at most maxLines lines of at most maxCharsPerLine characters (wide East
 * Asian characters count two). '\n' forces a break; runs of whitespace collapse; a word longer
 * than a line is cut. Text beyond maxLines is dropped and the last line ends with '…', so a
 * block can never spill into the next one.
 */
export function wrapText(text: string, maxCharsPerLine: number, maxLines: number): string[] {
  if (!Number.isInteger(maxCharsPerLine) || maxCharsPerLine < 1) {
    throw new RangeError(`maxCharsPerLine must be a positive integer, got ${maxCharsPerLine}`);
  }
  if (!Number.isInteger(maxLines) || maxLines < 1) {
    throw new RangeError(`maxLines must be a positive integer, got ${maxLines}`);
  }
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      for (const piece of chopWord(word, maxCharsPerLine)) {
        const candidate = line === '' ? piece : `${line} ${piece}`;
        if (textUnits(candidate) <= maxCharsPerLine) {
          line = candidate;
        } else {
          lines.push(line);
          line = piece;
        }
      }
    }
    if (line !== '') lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] =
    textUnits(last) + 1 <= maxCharsPerLine ? last + ELLIPSIS : truncateWithEllipsis(last, maxCharsPerLine);
  return kept;
}

export function maxCharsForWidth(widthMm: number, capMm: number, bold = false): number {
  const advance = bold ? TEXT_CHAR_ADVANCE_PER_CAP.bold : TEXT_CHAR_ADVANCE_PER_CAP.regular;
  return Math.max(1, Math.floor(widthMm / (capMm * advance)));
}

/** The lines both renderers print for a text element. */
export function textElementLines(el: LabelTextElement): string[] {
  return wrapText(el.text, maxCharsForWidth(el.widthMm, el.heightMm, el.bold), el.maxLines ?? 1);
}

export function textLinePitchMm(el: Pick<LabelTextElement, 'heightMm'>): number {
  return el.heightMm * TEXT_LINE_PITCH_PER_CAP;
}

/** From the top of the first line's capitals to the baseline of the last. */
export function textBlockHeightMm(el: LabelTextElement): number {
  const lines = Math.max(1, textElementLines(el).length);
  return el.heightMm + (lines - 1) * textLinePitchMm(el);
}

/** Bar and space widths in modules, bar first, for either 1D symbology. */
export function barcodeWidths(el: Pick<LabelBarcodeElement, 'data' | 'symbology'>): number[] {
  return el.symbology === 'gs1-128' ? encodeGs1128(el.data) : encodeCode128(el.data);
}

export function barcodeModules(data: string, symbology: LabelBarcode1dSymbology = 'code128'): number {
  return code128TotalModules(barcodeWidths({ data, symbology }));
}

export function barcodeWidthMm(el: Pick<LabelBarcodeElement, 'data' | 'moduleMm' | 'symbology'>): number {
  return barcodeModules(el.data, el.symbology) * el.moduleMm;
}

/**
 * What a scanner reads from the symbol: the data itself, or for GS1-128 the AIs and data with
 * separator FNC1s sent as GS (0x1D) and no parentheses.
 */
export function barcodeScannedValue(el: Pick<LabelBarcodeElement, 'data' | 'symbology'>): string {
  return el.symbology === 'gs1-128' ? gs1Transmitted(el.data) : el.data;
}

export function barcode2dMatrix(el: Pick<LabelBarcode2dElement, 'symbology' | 'data'>): ModuleMatrix {
  return el.symbology === 'qr' ? encodeQr(el.data).modules : encodeDataMatrix(el.data).modules;
}

export function barcode2dQuietZoneModules(symbology: LabelBarcode2dSymbology): number {
  return symbology === 'qr' ? QR_QUIET_ZONE_MODULES : DATAMATRIX_QUIET_ZONE_MODULES;
}

/** The side of the symbol without its quiet zone. */
export function barcode2dSizeMm(el: Pick<LabelBarcode2dElement, 'symbology' | 'data' | 'moduleMm'>): number {
  return barcode2dMatrix(el).length * el.moduleMm;
}

/** The interpretation line under a barcode, centred on it and never narrower than its text. */
export function barcodeHumanReadable(el: LabelBarcodeElement): LabelTextElement | null {
  if (!el.humanReadable) return null;
  const barsMm = barcodeWidthMm(el);
  const text = el.symbology === 'gs1-128' ? gs1HumanReadable(el.data) : el.data;
  const textMm = (textUnits(text) + 1) * BARCODE_TEXT_CAP_MM * TEXT_CHAR_ADVANCE_PER_CAP.regular;
  const widthMm = Math.max(barsMm, textMm);
  return {
    kind: 'text',
    xMm: el.xMm + barsMm / 2 - widthMm / 2,
    yMm: el.yMm + el.heightMm + BARCODE_TEXT_GAP_MM,
    widthMm,
    heightMm: BARCODE_TEXT_CAP_MM,
    text,
    maxLines: 1,
    align: 'center',
  };
}

// A module must be a whole number of printer dots or bar widths drift and the symbol fails to
// scan. At 203 dpi (8 dots/mm) the candidates are 4, 3 or 2 dots = 0.5, 0.375 or 0.25 mm; two
// dots is the floor, since a one-dot module loses bars to print-head wear. The same millimetres
// round to 6, 4 or 3 dots at 300 dpi (11.81 dots/mm), so the widest rounding (0.5 mm → 6 dots =
// 0.508 mm) is checked too. E.g. an S10 number (RR000000015CN) is 156 modules + 2 × 10 quiet =
// 176 modules; × 0.508 mm = 89.4 mm, inside the 95.6 mm between a 4 × 6 label's 3 mm margins.
const MODULE_DOTS_AT_203 = [4, 3, 2] as const;
const RENDER_DPIS: readonly PrinterDpi[] = [203, 300];

export function chooseBarcodeModuleMm(data: string, availableWidthMm: number, symbology: LabelBarcode1dSymbology = 'code128'): number {
  const modules = barcodeModules(data, symbology) + 2 * BARCODE_QUIET_ZONE_MODULES;
  for (const dots of MODULE_DOTS_AT_203) {
    const moduleMm = dots / PRINTER_DOTS_PER_MM[203];
    const widest = Math.max(...RENDER_DPIS.map((dpi) => mmToDots(moduleMm, dpi) / PRINTER_DOTS_PER_MM[dpi]));
    if (modules * widest <= availableWidthMm) return moduleMm;
  }
  throw new RangeError(
    `barcode data ${JSON.stringify(data)} needs ${modules} modules; at 2 dots per module it does not fit ${availableWidthMm} mm`,
  );
}

// 2D modules are whole printer dots too, and at least 3 at 203 dpi: a 2-dot (0.25 mm) module
// is below what a hand scanner reads reliably off a thermal label.
const MODULE_2D_DOTS_AT_203 = [4, 3] as const;

/** The largest module at which the symbol and its quiet zones fit a square of maxSideMm. */
export function chooseBarcode2dModuleMm(symbology: LabelBarcode2dSymbology, data: string, maxSideMm: number): number {
  const modules = barcode2dMatrix({ symbology, data }).length + 2 * barcode2dQuietZoneModules(symbology);
  for (const dots of MODULE_2D_DOTS_AT_203) {
    const moduleMm = dots / PRINTER_DOTS_PER_MM[203];
    const widest = Math.max(...RENDER_DPIS.map((dpi) => mmToDots(moduleMm, dpi) / PRINTER_DOTS_PER_MM[dpi]));
    if (modules * widest <= maxSideMm) return moduleMm;
  }
  throw new RangeError(`a ${symbology} code of ${JSON.stringify(data)} needs ${modules} modules a side; at 3 dots per module it does not fit ${maxSideMm} mm`);
}

/**
 * What the label's 2D code holds, '|'-separated: tracking number, destination country,
 * postcode, weight in grams, order id. A stand-in for a carrier's own layout (each publishes
 * one); printable ASCII without '~' (a ^BX escape character), so every reader shows it alike.
 */
export function shippingLabel2dData(input: ShippingLabelInput): string {
  const ascii = (text: string): string => text.replace(/[^\x20-\x7d]/g, '').replace(/\|/g, '/');
  return [input.trackingNumber, input.shipTo.countryCode, input.shipTo.postalCode, String(Math.round(input.weightG)), input.orderId].map(ascii).join('|');
}

/**
 * The GS1-128 routing element string for AI 421, "(421)" + ISO numeric country + postcode
 * without spaces or hyphens; null when the destination has no postcode (Hong Kong, Ireland's
 * rural addresses…), where carriers route on the country alone.
 */
export function shippingLabelRoutingData(shipTo: Pick<LabelAddress, 'countryCode' | 'postalCode'>): string | null {
  const numeric = isoNumericCountry(shipTo.countryCode);
  if (numeric === null) throw new RangeError(`${JSON.stringify(shipTo.countryCode)} is not an ISO 3166 country code, so the routing barcode (AI 421) cannot be made`);
  const element = gs1ShipToPostalElement(numeric, shipTo.postalCode);
  if (element.value.length === numeric.length) return null;
  return `(${element.ai})${element.value}`;
}

/**
 * Weight as printed: kilograms with two decimals, rounded up to the next 10 g. A label must never
 * show less than the parcel weighs (carriers re-weigh and bill the difference), and a 5 g
 * envelope must not read "0.00 kg". Integer arithmetic keeps 0.1 + 0.2 artefacts off the label.
 */
export function formatLabelWeightKg(weightG: number): string {
  if (!Number.isFinite(weightG) || weightG < 0) throw new RangeError(`weight must be ≥ 0 g, got ${weightG}`);
  const hundredths = Math.ceil(Math.round(weightG) / 10);
  const kg = Math.floor(hundredths / 100);
  const frac = String(hundredths % 100).padStart(2, '0');
  return `${kg}.${frac} kg`;
}

function cityLine(address: LabelAddress): string {
  const place = address.state ? `${address.city}, ${address.state}` : address.city;
  return `${place} ${address.postalCode}`.trim();
}

const MARGIN_MM = 3;
const RULE_MM = 0.4;
const CAPTION_CAP_MM = 1.8;
const MIN_SIZE: LabelSize = { widthMm: 95, heightMm: 140 };

type TextOpts = { bold?: boolean; maxLines?: number; align?: LabelTextAlign };

/**
 * A 4 × 6 in carrier-style label: bands top to bottom are ship-from, service mark (with the
 * package count), ship-to, weight / order, and the tracking barcode anchored to the bottom so
 * that it takes whatever height is left. Bands have fixed tops and bottoms, so a long address
 * gets smaller type, then fewer lines ending in '…', but never pushes into the next band.
 */
export function buildShippingLabel(input: ShippingLabelInput, size: LabelSize = LABEL_4X6_MM): LabelModel {
  if (size.widthMm < MIN_SIZE.widthMm || size.heightMm < MIN_SIZE.heightMm) {
    throw new RangeError(
      `label ${size.widthMm} × ${size.heightMm} mm is smaller than this layout's ${MIN_SIZE.widthMm} × ${MIN_SIZE.heightMm} mm`,
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.createdAt)) {
    throw new RangeError(`createdAt must be an ISO-8601 UTC timestamp, got ${JSON.stringify(input.createdAt)}`);
  }
  const { widthMm, heightMm } = size;
  const left = MARGIN_MM;
  const right = widthMm - MARGIN_MM;
  const contentW = right - left;
  const elements: LabelElement[] = [];

  const caption = (x: number, y: number, w: number, value: string, align?: LabelTextAlign): void => {
    elements.push({ kind: 'text', xMm: x, yMm: y, widthMm: w, heightMm: CAPTION_CAP_MM, text: value, bold: true, ...(align ? { align } : {}) });
  };
  /**
   * Places a text block with its capitals' top at y, in the largest of the offered cap heights
   * at which it fits whole in its lines and above bottomMm; failing that, the smallest, cut
   * with '…'. Returns where the next block starts: one line pitch below this block's last line.
   */
  const place = (y: number, x: number, w: number, caps: readonly number[], value: string, opts: TextOpts, bottomMm: number): number => {
    if (value.trim() === '' || caps.length === 0) return y;
    const wanted = opts.maxLines ?? 1;
    const linesAt = (cap: number): number => Math.min(wanted, Math.floor((bottomMm - y - cap) / (cap * TEXT_LINE_PITCH_PER_CAP)) + 1);
    const bold = opts.bold ?? false;
    const cap =
      caps.find((c) => linesAt(c) >= 1 && wrapText(value, maxCharsForWidth(w, c, bold), Number.MAX_SAFE_INTEGER).length <= linesAt(c)) ??
      caps[caps.length - 1] ??
      0;
    const maxLines = linesAt(cap);
    if (maxLines < 1) return y;
    const el: LabelTextElement = { kind: 'text', xMm: x, yMm: y, widthMm: w, heightMm: cap, text: value, ...opts, maxLines };
    elements.push(el);
    return y + textBlockHeightMm(el) + cap * (TEXT_LINE_PITCH_PER_CAP - 1);
  };
  const rule = (yMm: number): void => {
    elements.push({ kind: 'line', x1Mm: left, y1Mm: yMm, x2Mm: right, y2Mm: yMm, thicknessMm: RULE_MM });
  };

  // Ship-from: small, top left; ship date top right.
  const dateW = 24;
  const fromW = contentW - dateW - 2;
  const fromBottom = 22.5;
  const from = input.shipFrom;
  caption(left, 3, fromW, 'FROM');
  let y = 6;
  y = place(y, left, fromW, [2.2], from.name, { bold: true }, fromBottom);
  y = place(y, left, fromW, [2.2], from.lines.join('\n'), { maxLines: 2 }, fromBottom);
  y = place(y, left, fromW, [2.2], `${cityLine(from)} ${from.countryCode}`, {}, fromBottom);
  place(y, left, fromW, [2.2], from.phone ? `Tel ${from.phone}` : '', {}, fromBottom);
  caption(right - dateW, 3, dateW, 'SHIP DATE');
  place(6, right - dateW, dateW, [2.4], input.createdAt.slice(0, 10), {}, fromBottom);
  rule(24);

  // Service mark, and beside it the package count and the lithium mark where the packer and
  // the carrier look first. The lithium box is a plain stand-in for the regulated mark (hatched
  // border, phone number): the labels issue draws that as a graphic.
  const count = input.packageCount ?? 1;
  const boxW = 24;
  const lithium = input.lithiumMark && input.lithiumMark.unNumbers.length > 0 ? input.lithiumMark : null;
  const markBoxes = (count > 1 ? 1 : 0) + (lithium ? 1 : 0);
  const serviceW = contentW - markBoxes * (boxW + 2);
  if (lithium) {
    const boxX = right - boxW - (count > 1 ? boxW + 2 : 0);
    elements.push({ kind: 'box', xMm: boxX, yMm: 25.5, widthMm: boxW, heightMm: 16.5, thicknessMm: RULE_MM * 2 });
    caption(boxX + 1, 27, boxW - 2, 'LITHIUM', 'center');
    place(31.5, boxX + 1, boxW - 2, [3, 2.4, 2], [...new Set(lithium.unNumbers)].join(' '), { bold: true, align: 'center', maxLines: 2 }, 40);
  }
  const serviceBottom = 42.5;
  y = place(26.5, left, serviceW, [6, 4.5, 3.5], input.carrierName, { bold: true }, 33);
  place(Math.max(y, 33.5), left, serviceW, [3.5, 2.8, 2.2], input.serviceName, { bold: true, maxLines: 2 }, serviceBottom);
  if (count > 1) {
    const index = input.packageIndex ?? 1;
    if (!Number.isInteger(index) || !Number.isInteger(count) || index < 1 || index > count) {
      throw new RangeError(`package ${index} of ${count} is not a valid package position`);
    }
    const boxX = right - boxW;
    elements.push({ kind: 'box', xMm: boxX, yMm: 25.5, widthMm: boxW, heightMm: 16.5, thicknessMm: RULE_MM });
    caption(boxX + 1, 27, boxW - 2, 'PACKAGE', 'center');
    place(31.5, boxX + 1, boxW - 2, [6, 4.5, 3.5], `${index}/${count}`, { bold: true, align: 'center' }, 40);
  }
  rule(44);

  // The carrier's 2D code sits in the ship-to band's top right corner, the address narrowing
  // beside it; its routing barcode takes a strip at the band's foot. Without either, the band
  // is as it always was.
  const to = input.shipTo;
  let toW = contentW;
  const twoD = input.barcodes?.twoD;
  if (twoD) {
    const data = shippingLabel2dData(input);
    const maxSideMm = 30;
    const moduleMm = chooseBarcode2dModuleMm(twoD, data, maxSideMm);
    const quietMm = barcode2dQuietZoneModules(twoD) * moduleMm;
    const sideMm = barcode2dSizeMm({ symbology: twoD, data, moduleMm });
    // Its quiet zone may overlap the rule's clear margin above, never the rule itself.
    const topMm = Math.max(45 + quietMm, 46);
    elements.push({ kind: 'barcode2d', symbology: twoD, xMm: right - quietMm - sideMm, yMm: topMm, moduleMm, data });
    toW = contentW - sideMm - 2 * quietMm;
  }
  const routing = input.barcodes?.routing === 'gs1-128-421' ? shippingLabelRoutingData(to) : null;
  const routingBandMm = 17;
  caption(left, 46, toW, 'SHIP TO');
  const toBottom = routing ? 100 - routingBandMm : 100;
  const routingMm = 2 * 4.2 * TEXT_LINE_PITCH_PER_CAP + (to.phone ? 3 * TEXT_LINE_PITCH_PER_CAP : 0);
  y = 49.5;
  y = place(y, left, toW, [4.2, 3.5], to.name, { bold: true, maxLines: 2 }, toBottom - routingMm);
  y = place(y, left, toW, [3.8, 3.2, 2.8], to.lines.join('\n'), { maxLines: 4 }, toBottom - routingMm);
  y = place(y, left, toW, [4.2, 3.5], cityLine(to), { bold: true, maxLines: 2 }, toBottom);
  y = place(y, left, toW, [4.2], to.countryCode, { bold: true }, toBottom);
  place(y, left, toW, [3], to.phone ? `Tel ${to.phone}` : '', {}, toBottom);
  if (routing) {
    // Bars from 2 mm under the address to leave its interpretation line clear of the rule.
    const moduleMm = chooseBarcodeModuleMm(routing, contentW, 'gs1-128');
    const barsW = barcodeModules(routing, 'gs1-128') * moduleMm;
    const top = toBottom + 2;
    elements.push({
      kind: 'barcode128',
      symbology: 'gs1-128',
      xMm: left + (contentW - barsW) / 2,
      yMm: top,
      heightMm: 102 - 1 - BARCODE_TEXT_GAP_MM - BARCODE_TEXT_CAP_MM * 1.3 - top,
      moduleMm,
      data: routing,
      humanReadable: true,
    });
  }
  rule(102);

  // Weight and order. The weight is never cut short: it shrinks instead.
  const weightW = 28;
  const infoBottom = 111.5;
  caption(left, 103.8, weightW, 'WEIGHT');
  place(106.5, left, weightW, [3.5, 3, 2.5, 2], formatLabelWeightKg(input.weightG), { bold: true }, infoBottom);
  elements.push({ kind: 'line', x1Mm: left + weightW + 1, y1Mm: 102, x2Mm: left + weightW + 1, y2Mm: 112.5, thicknessMm: RULE_MM });
  const orderX = left + weightW + 3;
  const orderW = right - orderX;
  caption(orderX, 103.8, orderW, 'ORDER');
  place(106.5, orderX, orderW, [3.2, 2.4, 2], input.orderId, { bold: true, maxLines: 2 }, infoBottom);
  rule(112.5);

  // Tracking barcode: centred, as tall as the space left allows.
  const moduleMm = chooseBarcodeModuleMm(input.trackingNumber, contentW);
  const barsW = barcodeModules(input.trackingNumber) * moduleMm;
  const barcodeTop = 115.5;
  const barcodeBottom = heightMm - MARGIN_MM - BARCODE_TEXT_CAP_MM - BARCODE_TEXT_GAP_MM;
  elements.push({
    kind: 'barcode128',
    xMm: left + (contentW - barsW) / 2,
    yMm: barcodeTop,
    heightMm: barcodeBottom - barcodeTop,
    moduleMm,
    data: input.trackingNumber,
    humanReadable: true,
  });

  return { widthMm, heightMm, elements };
}
