import { formatMinor } from '../domain/compliance';
import {
  BARCODE_TEXT_CAP_MM,
  BARCODE_TEXT_GAP_MM,
  LABEL_4X6_MM,
  TEXT_LINE_PITCH_PER_CAP,
  barcodeModules,
  chooseBarcodeModuleMm,
  formatLabelWeightKg,
} from './label-model';
import type { LabelAddress, LabelElement, LabelModel, LabelSize, LabelTextAlign } from './label-model';
import { shiftFigure } from '../productivity/productivity';
import type { PackerProductivity } from '../productivity/productivity';

// The bench's documents other than the shipping label: the packing slip that goes in the box,
// the UPU customs declarations CN22 / CN23, and the end-of-day manifest handed to the driver.
// Each builder returns pages (LabelModel[]): a long order, a long declaration or a busy day
// continues on further pages instead of being cut, and each page says which of how many it is.
// The renderers draw one model per page; nothing here knows about ZPL or PDF.

export const PAGE_A4_MM: LabelSize = { widthMm: 210, heightMm: 297 };
export const PAGE_A6_MM: LabelSize = { widthMm: 105, heightMm: 148 };

export type DocumentPage = '4x6' | 'a6' | 'a4';

export const DOCUMENT_PAGE_SIZES: Readonly<Record<DocumentPage, LabelSize>> = {
  '4x6': LABEL_4X6_MM,
  a6: PAGE_A6_MM,
  a4: PAGE_A4_MM,
};

// ---------------------------------------------------------------------------------------
// Drawing on a page
// ---------------------------------------------------------------------------------------

type TextOpts = { bold?: boolean; maxLines?: number; align?: LabelTextAlign };

/** Type sizes for a page: a label-sized page needs smaller type than A4 to hold the same table. */
type Scale = { body: number; small: number; heading: number; title: number; margin: number };

function scaleFor(size: LabelSize): Scale {
  return size.widthMm >= 180
    ? { body: 3, small: 2.4, heading: 3.4, title: 5.5, margin: 12 }
    : { body: 2.2, small: 1.8, heading: 2.4, title: 3.6, margin: 3 };
}

function pitch(cap: number): number {
  return cap * TEXT_LINE_PITCH_PER_CAP;
}

/** The height a block of `lines` lines of cap `cap` takes, with the gap to the next block. */
function blockMm(cap: number, lines: number): number {
  return lines * pitch(cap);
}

class Sheet {
  readonly elements: LabelElement[] = [];
  constructor(readonly size: LabelSize) {}

  text(x: number, y: number, w: number, cap: number, value: string, opts: TextOpts = {}): void {
    if (value.trim() === '' || w <= 0) return;
    this.elements.push({ kind: 'text', xMm: x, yMm: y, widthMm: w, heightMm: cap, text: value, maxLines: 1, ...opts });
  }

  rule(x1: number, y: number, x2: number, thickness = 0.3): void {
    this.elements.push({ kind: 'line', x1Mm: x1, y1Mm: y, x2Mm: x2, y2Mm: y, thicknessMm: thickness });
  }

  vrule(x: number, y1: number, y2: number, thickness = 0.3): void {
    this.elements.push({ kind: 'line', x1Mm: x, y1Mm: y1, x2Mm: x, y2Mm: y2, thicknessMm: thickness });
  }

  box(x: number, y: number, w: number, h: number, thickness = 0.3): void {
    this.elements.push({ kind: 'box', xMm: x, yMm: y, widthMm: w, heightMm: h, thicknessMm: thickness });
  }

  /**
   * A Code 128 symbol centred in [x, x + w] with its interpretation line below. Returns the
   * height used. The module is the widest whole-dot size that fits with its quiet zones, and
   * never wider than 0.5 mm, so a slip on A4 gets the same scannable symbol as on a label.
   */
  barcode(x: number, y: number, w: number, heightMm: number, data: string): number {
    const moduleMm = chooseBarcodeModuleMm(data, w);
    const barsW = barcodeModules(data) * moduleMm;
    this.elements.push({ kind: 'barcode128', xMm: x + (w - barsW) / 2, yMm: y, heightMm, moduleMm, data, humanReadable: true });
    return heightMm + BARCODE_TEXT_GAP_MM + BARCODE_TEXT_CAP_MM;
  }

  model(): LabelModel {
    return { widthMm: this.size.widthMm, heightMm: this.size.heightMm, elements: this.elements };
  }
}

/** Whether a Code 128 of this data, quiet zones included, fits the width at two printer dots per module or more. */
export function barcodeFits(data: string, widthMm: number): boolean {
  try {
    chooseBarcodeModuleMm(data, widthMm);
    return true;
  } catch {
    return false;
  }
}

function cityLine(address: LabelAddress): string {
  const place = address.state ? `${address.city}, ${address.state}` : address.city;
  return `${place} ${address.postalCode}`.trim();
}

/** An address as the lines it prints in, name first and country last. */
export function addressLines(address: LabelAddress): string[] {
  return [address.name, ...address.lines, cityLine(address), address.countryCode, ...(address.phone ? [`Tel ${address.phone}`] : [])].filter(
    (line) => line.trim() !== '',
  );
}

function drawAddress(sheet: Sheet, x: number, y: number, w: number, cap: number, address: LabelAddress): number {
  const lines = addressLines(address);
  lines.forEach((line, i) => sheet.text(x, y + i * pitch(cap), w, cap, line, { bold: i === 0 }));
  return blockMm(cap, lines.length);
}

// ---------------------------------------------------------------------------------------
// Tables that continue over pages
// ---------------------------------------------------------------------------------------

export type Column = { title: string; widthMm: number; align?: LabelTextAlign };

/**
 * Splits `count` rows over pages: `first` rows fit on the first page, `next` on each further
 * one, and the last page must keep `footerRows` row heights free for totals and signatures
 * (a page of footer only is added when they would not fit). Returns [start, end) per page.
 */
export function paginateRows(count: number, first: number, next: number, footerRows: number): Array<[number, number]> {
  if (first < 1 || next < 1) throw new RangeError(`a page must hold at least one row (first ${first}, next ${next})`);
  const pages: Array<[number, number]> = [];
  let start = 0;
  let capacity = first;
  for (;;) {
    const end = Math.min(count, start + capacity);
    pages.push([start, end]);
    if (end === count) {
      if (capacity - (end - start) < footerRows) pages.push([count, count]);
      return pages;
    }
    start = end;
    capacity = next;
  }
}

/** Column x positions from left, each column's width as given; the last absorbs the rounding. */
function columnXs(left: number, columns: readonly Column[]): number[] {
  const xs: number[] = [];
  let x = left;
  for (const column of columns) {
    xs.push(x);
    x += column.widthMm;
  }
  return xs;
}

function drawTableHeader(sheet: Sheet, left: number, right: number, y: number, cap: number, columns: readonly Column[]): number {
  const xs = columnXs(left, columns);
  columns.forEach((column, i) => sheet.text((xs[i] ?? left) + 0.8, y, column.widthMm - 1.6, cap, column.title, { bold: true, ...(column.align ? { align: column.align } : {}) }));
  const height = pitch(cap) + 0.6;
  sheet.rule(left, y + height, right, 0.4);
  return height + 1;
}

/** One table row of single-line cells (a cell may hold '\n' for a second line when lines = 2). */
function drawRow(sheet: Sheet, left: number, y: number, cap: number, columns: readonly Column[], cells: readonly string[], lines = 1): void {
  const xs = columnXs(left, columns);
  columns.forEach((column, i) => {
    sheet.text((xs[i] ?? left) + 0.8, y, column.widthMm - 1.6, cap, cells[i] ?? '', { maxLines: lines, ...(column.align ? { align: column.align } : {}) });
  });
}

function pageMark(sheet: Sheet, right: number, y: number, cap: number, index: number, count: number): void {
  if (count > 1) sheet.text(right - 30, y, 30, cap, `Page ${index + 1} of ${count}`, { align: 'center' });
}

// ---------------------------------------------------------------------------------------
// Packing slip
// ---------------------------------------------------------------------------------------

export type SlipLine = {
  sku: string;
  nameEn: string;
  /** The Chinese name from the catalogue, for the packer; null when the catalogue has none. */
  nameZh: string | null;
  inPackage: number;
  ordered: number;
};

export type PackingSlipInput = {
  orderId: string;
  shipTo: LabelAddress;
  /** Package n of m; both 1 for a single-package order. */
  packageIndex: number;
  packageCount: number;
  /** The ship date, YYYY-MM-DD in the station's zone. */
  date: string;
  lines: readonly SlipLine[];
  trackingNumber?: string | null;
};

function checkDay(day: string, what: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`);
}

function checkPosition(index: number, count: number): void {
  if (!Number.isInteger(index) || !Number.isInteger(count) || index < 1 || index > count) {
    throw new RangeError(`package ${index} of ${count} is not a valid package position`);
  }
}

/**
 * The slip that goes inside the parcel. Its barcode is the order id alone (Code 128), so a
 * scan at the queue reads as plain text and opens the order, as typing the id would. Lines
 * not in this package are still listed with 0, so the buyer sees what comes separately.
 */
export function buildPackingSlip(input: PackingSlipInput, size: LabelSize = LABEL_4X6_MM): LabelModel[] {
  checkDay(input.date, 'date');
  checkPosition(input.packageIndex, input.packageCount);
  const s = scaleFor(size);
  const left = s.margin;
  const right = size.widthMm - s.margin;
  const contentW = right - left;
  const bottom = size.heightMm - s.margin;
  const wide = size.widthMm >= 180;
  const qtyW = wide ? 40 : 20;
  const skuW = wide ? 42 : 24;
  const columns: Column[] = [
    { title: 'SKU', widthMm: skuW },
    { title: 'Item / 品名', widthMm: contentW - skuW - qtyW },
    { title: wide ? 'In box / ordered' : 'Box / Ord', widthMm: qtyW, align: 'center' },
  ];
  // Two text lines per item: the English name, then the Chinese one (or the rest of the English).
  const rowH = blockMm(s.body, 2) + 1;

  const header = (sheet: Sheet, first: boolean): number => {
    let y = left;
    const dateW = wide ? 40 : 24;
    sheet.text(left, y, contentW - dateW, s.title, 'PACKING SLIP 装箱单', { bold: true });
    sheet.text(right - dateW, y, dateW, s.body, input.date, { align: 'center' });
    y += pitch(s.title) + 1;
    if (!first) {
      sheet.text(left, y, contentW, s.heading, `Order ${input.orderId} (continued)`, { bold: true });
      return y + pitch(s.heading) + 1;
    }
    const barcodeW = wide ? Math.min(contentW, 110) : contentW;
    y += sheet.barcode(left + (contentW - barcodeW) / 2, y, barcodeW, wide ? 15 : 12, input.orderId) + 2;
    sheet.text(left, y, contentW * 0.6, s.heading, `Order ${input.orderId}`, { bold: true });
    sheet.text(right - contentW * 0.4, y, contentW * 0.4, s.heading, `Package ${input.packageIndex} of ${input.packageCount}`, { bold: true, align: 'center' });
    y += pitch(s.heading) + 1;
    if (input.trackingNumber) {
      sheet.text(left, y, contentW, s.small, `Tracking ${input.trackingNumber}`);
      y += pitch(s.small);
    }
    sheet.rule(left, y, right);
    y += 1.5;
    sheet.text(left, y, contentW, s.small, 'SHIP TO', { bold: true });
    y += pitch(s.small);
    y += drawAddress(sheet, left, y, contentW, s.body, input.shipTo) + 1;
    return y;
  };

  // Header heights are measured on scratch sheets so the row capacity is exact for each page.
  const firstTop = header(new Sheet(size), true);
  const nextTop = header(new Sheet(size), false);
  const headerRowMm = pitch(s.small) + 1.6;
  const footerRows = Math.ceil((pitch(s.body) * 2 + 2) / rowH);
  const capacity = (top: number) => Math.max(1, Math.floor((bottom - pitch(s.small) - top - headerRowMm) / rowH));
  const pages = paginateRows(input.lines.length, capacity(firstTop), capacity(nextTop), footerRows);

  return pages.map(([start, end], pageIndex) => {
    const sheet = new Sheet(size);
    let y = header(sheet, pageIndex === 0);
    y += drawTableHeader(sheet, left, right, y, s.small, columns);
    for (const line of input.lines.slice(start, end)) {
      // The Chinese name has its own line, so a long English name cannot push it off the row.
      const zh = line.nameZh?.trim() ?? '';
      drawRow(sheet, left, y, s.body, columns, [line.sku, line.nameEn, `${line.inPackage} / ${line.ordered}`], zh === '' ? 2 : 1);
      const nameCol = columns[1];
      if (zh !== '' && nameCol) sheet.text(left + skuW + 0.8, y + pitch(s.body), nameCol.widthMm - 1.6, s.body, zh);
      y += rowH;
      sheet.rule(left, y - 0.6, right, 0.15);
    }
    if (pageIndex === pages.length - 1) {
      const units = input.lines.reduce((sum, line) => sum + line.inPackage, 0);
      const ordered = input.lines.reduce((sum, line) => sum + line.ordered, 0);
      y += 1;
      sheet.text(left, y, contentW, s.body, `Units in this package: ${units} of ${ordered} ordered`, { bold: true });
      y += pitch(s.body);
      sheet.text(left, y, contentW, s.body, `Package ${input.packageIndex} of ${input.packageCount} 第${input.packageIndex}/${input.packageCount}箱`);
    }
    pageMark(sheet, right, bottom - s.small, s.small, pageIndex, pages.length);
    return sheet.model();
  });
}

// ---------------------------------------------------------------------------------------
// Customs declarations CN22 / CN23
// ---------------------------------------------------------------------------------------

/** UPU categories of item, as the forms list them. */
export type CustomsCategory = 'gift' | 'commercial-sample' | 'documents' | 'returned-goods' | 'merchandise' | 'other';

const CATEGORY_BOXES: ReadonlyArray<{ category: CustomsCategory; text: string }> = [
  { category: 'gift', text: 'Gift' },
  { category: 'commercial-sample', text: 'Commercial sample' },
  { category: 'documents', text: 'Documents' },
  { category: 'returned-goods', text: 'Returned goods' },
  { category: 'merchandise', text: 'Sale of goods' },
  { category: 'other', text: 'Other' },
];

export type CustomsLine = {
  descriptionEn: string;
  quantity: number;
  /** Net weight of all units of the line, grams; null when the catalogue does not know it. */
  netWeightG: number | null;
  /** Value of all units of the line, minor units of the declaration's currency. */
  valueMinor: number;
  hsCode: string | null;
  originCountry: string | null;
};

export type CustomsDeclarationInput = {
  form: 'CN22' | 'CN23';
  /** The designated operator (the post) whose form this is. */
  operatorName: string;
  category: CustomsCategory;
  currency: string;
  lines: readonly CustomsLine[];
  /** The parcel's gross weight as weighed; the sum of net weights when not given. */
  grossWeightG?: number | null;
  sender: LabelAddress;
  addressee: LabelAddress;
  /** YYYY-MM-DD, printed beside the sender's signature. */
  date: string;
  trackingNumber?: string | null;
  /** CN23 only: the invoice number, usually the order id. */
  invoiceNumber?: string | null;
};

export type CustomsTotals = { quantity: number; netWeightG: number; totalWeightG: number; valueMinor: number };

export function customsTotals(input: Pick<CustomsDeclarationInput, 'lines' | 'grossWeightG'>): CustomsTotals {
  let quantity = 0;
  let netWeightG = 0;
  let valueMinor = 0;
  for (const line of input.lines) {
    quantity += line.quantity;
    netWeightG += line.netWeightG ?? 0;
    valueMinor += line.valueMinor;
  }
  const gross = input.grossWeightG ?? null;
  return { quantity, netWeightG, totalWeightG: gross !== null && gross > 0 ? gross : netWeightG, valueMinor };
}

/** Kilograms as customs forms print them: three decimals, never rounded below what was weighed. */
export function formatCustomsKg(weightG: number): string {
  if (!Number.isFinite(weightG) || weightG < 0) throw new RangeError(`weight must be ≥ 0 g, got ${weightG}`);
  const grams = Math.ceil(weightG);
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
}

const CUSTOMS_DECLARATION_TEXT =
  'I, the undersigned, whose name and address are given on the item, certify that the particulars given in this declaration are correct ' +
  'and that this item does not contain any dangerous article or articles prohibited by legislation or by postal or customs regulations.';

/**
 * The UPU customs declaration. CN22 is the small form stuck on a postal item (a 4 × 6 label
 * here); CN23 the full one with sender and addressee blocks, on A4 or A6. Which of the two a
 * parcel needs is customsFormFor's decision in shared/domain/customs.ts, not this function's.
 * Items that do not fit continue on further pages; the totals are on the last.
 */
export function buildCustomsDeclaration(input: CustomsDeclarationInput, size: LabelSize = input.form === 'CN22' ? LABEL_4X6_MM : PAGE_A4_MM): LabelModel[] {
  checkDay(input.date, 'date');
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new RangeError(`quantity of "${line.descriptionEn}" must be a whole number of one or more`);
    if (!Number.isSafeInteger(line.valueMinor) || line.valueMinor < 0) throw new RangeError(`value of "${line.descriptionEn}" must be whole minor units ≥ 0`);
  }
  const s = scaleFor(size);
  const left = s.margin;
  const right = size.widthMm - s.margin;
  const contentW = right - left;
  const bottom = size.heightMm - s.margin;
  const wide = size.widthMm >= 180;
  const totals = customsTotals(input);
  const weightW = wide ? 26 : 12;
  const valueW = wide ? 32 : 17;
  const hsW = wide ? 28 : 15;
  const originW = wide ? 18 : 11.5;
  const columns: Column[] = [
    { title: wide ? 'Quantity and detailed description of contents' : 'Description of contents', widthMm: contentW - weightW - valueW - hsW - originW },
    { title: 'Net kg', widthMm: weightW, align: 'center' },
    { title: `Value ${input.currency}`, widthMm: valueW, align: 'center' },
    { title: 'HS code', widthMm: hsW, align: 'center' },
    { title: wide ? 'Origin' : 'Orig.', widthMm: originW, align: 'center' },
  ];
  const rowH = blockMm(s.body, 2) + 0.8;

  const header = (sheet: Sheet, first: boolean): number => {
    let y = left;
    const titleCap = wide ? s.title : 3.2;
    sheet.text(left, y, contentW * 0.7, titleCap, 'CUSTOMS DECLARATION', { bold: true });
    sheet.text(right - contentW * 0.28, y, contentW * 0.28, titleCap, input.form === 'CN22' ? 'CN 22' : 'CN 23', { bold: true, align: 'center' });
    y += pitch(titleCap);
    sheet.text(left, y, contentW * 0.58, s.small, `Designated operator: ${input.operatorName}`);
    sheet.text(right - contentW * 0.4, y, contentW * 0.4, s.small, 'May be opened officially', { align: 'center' });
    y += pitch(s.small) + 0.5;
    if (input.trackingNumber) {
      sheet.text(left, y, contentW, s.small, `Item no. ${input.trackingNumber}`, { bold: true });
      y += pitch(s.small);
    }
    sheet.rule(left, y, right, 0.4);
    y += 1.2;
    if (!first) {
      sheet.text(left, y, contentW, s.heading, 'Contents (continued)', { bold: true });
      return y + pitch(s.heading) + 1;
    }
    if (input.form === 'CN23') {
      const half = (contentW - 2) / 2;
      sheet.text(left, y, half, s.small, 'FROM (sender)', { bold: true });
      sheet.text(left + half + 2, y, half, s.small, 'TO (addressee)', { bold: true });
      y += pitch(s.small);
      const used = Math.max(drawAddress(sheet, left, y, half, s.body, input.sender), drawAddress(sheet, left + half + 2, y, half, s.body, input.addressee));
      y += used + 0.5;
      if (input.invoiceNumber) {
        sheet.text(left, y, contentW, s.small, `Invoice no. ${input.invoiceNumber}`);
        y += pitch(s.small);
      }
      sheet.rule(left, y, right);
      y += 1.2;
    }
    // Category tick boxes, three to a row, as on the UPU forms.
    const perRow = 3;
    const cellW = contentW / perRow;
    const tick = s.body + 0.6;
    CATEGORY_BOXES.forEach((entry, i) => {
      const x = left + (i % perRow) * cellW;
      const rowY = y + Math.floor(i / perRow) * (tick + 1.2);
      sheet.box(x, rowY, tick, tick, 0.25);
      if (entry.category === input.category) sheet.text(x, rowY + 0.3, tick, tick - 0.6, 'X', { bold: true, align: 'center' });
      sheet.text(x + tick + 1, rowY + 0.3, cellW - tick - 2, s.small, entry.text);
    });
    y += Math.ceil(CATEGORY_BOXES.length / perRow) * (tick + 1.2) + 0.8;
    return y;
  };

  const firstTop = header(new Sheet(size), true);
  const nextTop = header(new Sheet(size), false);
  const headerRowMm = pitch(s.small) + 1.6;
  // Totals (1 row), the declaration text (up to 5 lines) and the signature line.
  const footerMm = rowH + blockMm(s.small, wide ? 3 : 6) + blockMm(s.body, 2) + 6;
  const footerRows = Math.ceil(footerMm / rowH);
  const capacity = (top: number) => Math.max(1, Math.floor((bottom - pitch(s.small) - top - headerRowMm) / rowH));
  const pages = paginateRows(input.lines.length, capacity(firstTop), capacity(nextTop), footerRows);

  return pages.map(([start, end], pageIndex) => {
    const sheet = new Sheet(size);
    let y = header(sheet, pageIndex === 0);
    y += drawTableHeader(sheet, left, right, y, s.small, columns);
    for (const line of input.lines.slice(start, end)) {
      drawRow(sheet, left, y, s.body, columns, [
        `${line.quantity} × ${line.descriptionEn}`,
        line.netWeightG === null ? '' : formatCustomsKg(line.netWeightG),
        formatMinor(line.valueMinor, input.currency).replace(` ${input.currency}`, ''),
        line.hsCode ?? '',
        line.originCountry ?? '',
      ], 2);
      y += rowH;
      sheet.rule(left, y - 0.5, right, 0.15);
    }
    if (pageIndex === pages.length - 1) {
      sheet.rule(left, y, right, 0.4);
      y += 1;
      const half = contentW / 2;
      sheet.text(left + 0.8, y, half - 1.6, s.body, `Total weight ${formatCustomsKg(totals.totalWeightG)} kg`, { bold: true });
      sheet.text(left + half + 0.8, y, half - 1.6, s.body, `Total value ${formatMinor(totals.valueMinor, input.currency)}`, { bold: true });
      y += rowH;
      sheet.text(left, y, contentW, s.small, CUSTOMS_DECLARATION_TEXT, { maxLines: wide ? 3 : 6 });
      y += blockMm(s.small, wide ? 3 : 6) + 1;
      sheet.text(left, y, contentW * 0.35, s.body, `Date ${input.date}`);
      sheet.text(left + contentW * 0.38, y, contentW * 0.62, s.body, "Sender's signature:");
      y += blockMm(s.body, 2) + 1;
      sheet.rule(left + contentW * 0.38, y, right, 0.3);
    }
    pageMark(sheet, right, bottom - s.small, s.small, pageIndex, pages.length);
    return sheet.model();
  });
}

// ---------------------------------------------------------------------------------------
// End-of-day manifest
// ---------------------------------------------------------------------------------------

export type ManifestPackage = {
  orderId: string;
  packageSeq: number;
  trackingNumber: string;
  serviceName: string;
  weightG: number;
};

export type ManifestInput = {
  carrierId: string;
  carrierName: string;
  /** The one service the manifest covers, or null for every service of the carrier. */
  serviceName: string | null;
  /** The local day, YYYY-MM-DD. */
  day: string;
  /** When and by whom the day was closed; both null on a draft printed before close-out. */
  closedAt: string | null;
  closedBy: string | null;
  shipFrom: LabelAddress;
  packages: readonly ManifestPackage[];
  /**
   * Each tracking number as a Code 128 beside its row. Off by default: the driver scans the
   * parcels themselves, and a barcode per row triples the page count; a carrier that asks for
   * a scannable manifest turns it on.
   */
  trackingBarcodes?: boolean;
};

export type ManifestTotals = { count: number; totalWeightG: number };

export function manifestTotals(packages: readonly Pick<ManifestPackage, 'weightG'>[]): ManifestTotals {
  return { count: packages.length, totalWeightG: packages.reduce((sum, pkg) => sum + pkg.weightG, 0) };
}

/** A4 pages listing every package handed to the carrier, totals and signatures on the last. */
export function buildManifest(input: ManifestInput, size: LabelSize = PAGE_A4_MM): LabelModel[] {
  checkDay(input.day, 'day');
  const s = scaleFor(size);
  const left = s.margin;
  const right = size.widthMm - s.margin;
  const contentW = right - left;
  const bottom = size.heightMm - s.margin;
  const barcodes = input.trackingBarcodes ?? false;
  // Rows in a size smaller than body text: an Amazon order id (19 characters) and a 23-digit
  // tracking number must each fit their column whole on A4.
  const cap = Math.min(s.body, 2.6);
  const numberW = Math.min(10, contentW * 0.06);
  const weightW = Math.min(22, contentW * 0.14);
  const orderW = Math.min(46, contentW * 0.27);
  const trackW = barcodes ? Math.min(80, contentW * 0.42) : Math.min(54, contentW * 0.3);
  // With barcodes the service goes under the order id, leaving the width to the symbol.
  const columns: Column[] = barcodes
    ? [
        { title: '#', widthMm: numberW, align: 'center' },
        { title: 'Order / service', widthMm: contentW - numberW - trackW - weightW },
        { title: 'Tracking number', widthMm: trackW },
        { title: 'Weight', widthMm: weightW, align: 'center' },
      ]
    : [
        { title: '#', widthMm: numberW, align: 'center' },
        { title: 'Order', widthMm: orderW },
        { title: 'Tracking number', widthMm: trackW },
        { title: 'Service', widthMm: contentW - numberW - orderW - trackW - weightW },
        { title: 'Weight', widthMm: weightW, align: 'center' },
      ];
  const barcodeH = 9;
  const rowH = barcodes ? barcodeH + BARCODE_TEXT_GAP_MM + BARCODE_TEXT_CAP_MM + 2.5 : pitch(cap) + 1.2;
  const totals = manifestTotals(input.packages);
  const draft = input.closedAt === null;

  const header = (sheet: Sheet, pageIndex: number, pageCount: number): number => {
    let y = left;
    sheet.text(left, y, contentW * 0.65, s.title, draft ? 'DRAFT MANIFEST' : 'END-OF-DAY MANIFEST', { bold: true });
    sheet.text(right - contentW * 0.33, y, contentW * 0.33, s.heading, input.day, { bold: true, align: 'center' });
    y += pitch(s.title) + 1;
    sheet.text(left, y, contentW * 0.65, s.heading, `${input.carrierName} (${input.carrierId})`, { bold: true });
    if (pageCount > 1) sheet.text(right - contentW * 0.33, y, contentW * 0.33, s.body, `Page ${pageIndex + 1} of ${pageCount}`, { align: 'center' });
    y += pitch(s.heading);
    sheet.text(left, y, contentW * 0.65, s.body, `Service: ${input.serviceName ?? 'all services'}`);
    y += pitch(s.body);
    if (draft) {
      sheet.text(left, y, contentW, s.body, 'NOT CLOSED: not for hand-over', { bold: true });
      y += pitch(s.body);
    }
    if (pageIndex === 0) {
      sheet.text(left, y, contentW, s.body, `Shipper: ${input.shipFrom.name}, ${cityLine(input.shipFrom)} ${input.shipFrom.countryCode}`);
      y += pitch(s.body);
      if (!draft) {
        sheet.text(left, y, contentW, s.body, `Closed ${input.closedAt ?? ''} by ${input.closedBy ?? ''}`);
        y += pitch(s.body);
      }
    }
    return y + 1.5;
  };

  const firstTop = header(new Sheet(size), 0, 2);
  const nextTop = header(new Sheet(size), 1, 2);
  const headerRowMm = pitch(s.small) + 1.6;
  const footerMm = blockMm(s.heading, 2) + blockMm(s.body, 3) + 14;
  const footerRows = Math.ceil(footerMm / rowH);
  const capacity = (top: number) => Math.max(1, Math.floor((bottom - top - headerRowMm) / rowH));
  const pages = paginateRows(input.packages.length, capacity(firstTop), capacity(nextTop), footerRows);

  return pages.map(([start, end], pageIndex) => {
    const sheet = new Sheet(size);
    let y = header(sheet, pageIndex, pages.length);
    y += drawTableHeader(sheet, left, right, y, s.small, columns);
    const trackX = left + (columns[0]?.widthMm ?? 0) + (columns[1]?.widthMm ?? 0);
    input.packages.slice(start, end).forEach((pkg, i) => {
      const orderCell = pkg.packageSeq > 1 ? `${pkg.orderId} /${pkg.packageSeq}` : pkg.orderId;
      const weight = formatLabelWeightKg(pkg.weightG);
      if (barcodes) {
        drawRow(sheet, left, y + rowH / 2 - pitch(cap), cap, columns, [String(start + i + 1), `${orderCell}\n${pkg.serviceName}`, '', weight], 2);
      } else {
        drawRow(sheet, left, y, cap, columns, [String(start + i + 1), orderCell, pkg.trackingNumber, pkg.serviceName, weight]);
      }
      if (barcodes) {
        // A tracking number too long for the column at 2 dots per module is printed as text.
        if (barcodeFits(pkg.trackingNumber, trackW - 2)) sheet.barcode(trackX + 1, y + 0.5, trackW - 2, barcodeH, pkg.trackingNumber);
        else sheet.text(trackX + 0.8, y + 1, trackW - 1.6, cap, pkg.trackingNumber);
      }
      y += rowH;
      sheet.rule(left, y - 0.6, right, 0.15);
    });
    if (pageIndex === pages.length - 1) {
      y += 2;
      sheet.text(left, y, contentW, s.heading, `Packages: ${totals.count} — total weight ${formatLabelWeightKg(totals.totalWeightG)}`, { bold: true });
      y += blockMm(s.heading, 2);
      const half = (contentW - 6) / 2;
      sheet.text(left, y, half, s.body, 'Handed over by (shipper):');
      sheet.text(left + half + 6, y, half, s.body, 'Received by (driver), date, time:');
      y += blockMm(s.body, 3) + 6;
      sheet.rule(left, y, left + half);
      sheet.rule(left + half + 6, y, right);
    }
    return sheet.model();
  });
}

// ---------------------------------------------------------------------------------------
// Shift report
// ---------------------------------------------------------------------------------------

/** A packer's row: the figures of shared/productivity (without the first and last act times). */
export type ShiftReportRow = Omit<PackerProductivity, 'firstAt' | 'lastAt'>;

export type ShiftReportInput = {
  stationName: string;
  /** The shift, as the bench's local times to print ("2026-11-26 06:00"). */
  fromText: string;
  toText: string;
  /** When and by whom the report was made. */
  madeText: string;
  packers: readonly ShiftReportRow[];
  totals: Omit<ShiftReportRow, 'operator'>;
};

function overridesText(byReason: Record<string, number>): string {
  const entries = Object.entries(byReason).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '—' : entries.map(([reason, count]) => `${reason} ×${count}`).join(', ');
}

/** A4 pages: per packer the orders and units per hour, mistakes per 100 units and overrides, then the totals. */
export function buildShiftReport(input: ShiftReportInput, size: LabelSize = PAGE_A4_MM): LabelModel[] {
  const s = scaleFor(size);
  const left = s.margin;
  const right = size.widthMm - s.margin;
  const contentW = right - left;
  const bottom = size.heightMm - s.margin;
  const cap = Math.min(s.body, 2.4);
  const narrow = contentW * 0.07;
  const columns: Column[] = [
    { title: 'Packer', widthMm: contentW * 0.16 },
    { title: 'Orders', widthMm: narrow, align: 'center' },
    { title: 'Parcels', widthMm: narrow, align: 'center' },
    { title: 'Units', widthMm: narrow, align: 'center' },
    { title: 'Hours', widthMm: narrow, align: 'center' },
    { title: 'Orders/h', widthMm: narrow + 1, align: 'center' },
    { title: 'Units/h', widthMm: narrow, align: 'center' },
    { title: 'Wrong', widthMm: narrow, align: 'center' },
    { title: 'Over', widthMm: narrow - 1, align: 'center' },
    { title: 'Err/100', widthMm: narrow, align: 'center' },
  ];
  const used = columns.reduce((sum, column) => sum + column.widthMm, 0);
  columns.push({ title: 'Overrides', widthMm: contentW - used });
  const rowH = blockMm(cap, 2) + 1.2;
  const cells = (name: string, row: Omit<ShiftReportRow, 'operator'>): string[] => [
    name,
    String(row.orders),
    String(row.packages),
    String(row.units),
    shiftFigure(row.activeHours),
    shiftFigure(row.ordersPerHour),
    shiftFigure(row.unitsPerHour),
    String(row.wrongItems),
    String(row.overScans),
    shiftFigure(row.errorsPer100Units),
    overridesText(row.overridesByReason),
  ];
  const header = (sheet: Sheet, pageIndex: number, pageCount: number): number => {
    let y = left;
    sheet.text(left, y, contentW * 0.65, s.title, 'SHIFT REPORT 班次报告', { bold: true });
    if (pageCount > 1) sheet.text(right - contentW * 0.3, y, contentW * 0.3, s.body, `Page ${pageIndex + 1} of ${pageCount}`, { align: 'center' });
    y += pitch(s.title) + 1;
    sheet.text(left, y, contentW, s.heading, `${input.stationName}: ${input.fromText} – ${input.toText}`, { bold: true });
    y += pitch(s.heading);
    sheet.text(left, y, contentW, s.small, `Made ${input.madeText}. Hours: first to last act at the bench. Err/100: wrong items and over-scans per 100 units.`);
    return y + pitch(s.small) + 2;
  };
  const top = header(new Sheet(size), 0, 2);
  const headerRowMm = pitch(cap) + 1.6;
  const capacity = Math.max(1, Math.floor((bottom - top - headerRowMm) / rowH));
  const pages = paginateRows(input.packers.length, capacity, capacity, 2);
  return pages.map(([start, end], pageIndex) => {
    const sheet = new Sheet(size);
    let y = header(sheet, pageIndex, pages.length);
    y += drawTableHeader(sheet, left, right, y, cap, columns);
    for (const row of input.packers.slice(start, end)) {
      drawRow(sheet, left, y, cap, columns, cells(row.operator, row), 2);
      y += rowH;
      sheet.rule(left, y - 0.6, right, 0.15);
    }
    if (input.packers.length === 0 && pageIndex === 0) {
      sheet.text(left, y, contentW, cap, 'Nothing was packed in this shift.');
      y += rowH;
    }
    if (pageIndex === pages.length - 1) {
      drawRow(sheet, left, y + 1, cap, columns, cells('Total', input.totals), 2);
      sheet.rule(left, y + 0.4, right, 0.4);
    }
    return sheet.model();
  });
}
