import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { cjkFaceCovers, loadCjkFonts, pdfLibFontkitFor } from '../label/cjk-font';
import type { CjkFace, CjkFonts } from '../label/cjk-font';
import { barcode2dMatrix, barcodeHumanReadable, barcodeWidths, textElementLines, textLinePitchMm } from '../../shared/label/label-model';
import type {
  LabelBarcode2dElement,
  LabelBarcodeElement,
  LabelBoxElement,
  LabelLineElement,
  LabelModel,
  LabelTextElement,
} from '../../shared/label/label-model';

const PT_PER_MM = 72 / 25.4;

// Helvetica and Helvetica-Bold both have CapHeight 718/1000 in their AFM metrics.
const HELVETICA_CAP_PER_EM = 0.718;

const BLACK = rgb(0, 0, 0);
const WHITE = rgb(1, 1, 1);

// WinAnsiEncoding, the only encoding pdf-lib's standard 14 fonts can write: printable ASCII,
// Latin-1 and the 27 extras Windows-1252 puts in 0x80–0x9F.
// prettier-ignore
const WIN_ANSI_EXTRAS = [
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
];
const WIN_ANSI_EXTRA_SET = new Set(WIN_ANSI_EXTRAS);

function winAnsiEncodable(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA_SET.has(cp);
}

/**
 * Characters of the text that the PDF's standard fonts cannot show, each once, in order of first
 * appearance. A line holding any of them is drawn in the CJK font when the machine has one that
 * covers it, else with '?' in their place. Whitespace is not reported: wrapping turns it into
 * plain spaces.
 */
export function pdfUnsupportedChars(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch) || winAnsiEncodable(ch)) continue;
    seen.add(ch);
  }
  return [...seen];
}

// Without a CJK font that covers the line, a Chinese address would make pdf-lib throw and no
// label would print at all; a '?' plus the caller's warning lets the packer see what is missing
// and keep going.
function pdfSafeText(text: string): string {
  let out = '';
  for (const ch of text) out += winAnsiEncodable(ch) ? ch : '?';
  return out;
}

type CjkPdfFont = { pdf: PDFFont; face: CjkFace; capPerEm: number };
type Fonts = { regular: PDFFont; bold: PDFFont; cjk: { regular: CjkPdfFont | null; bold: CjkPdfFont | null } | null };

// The CJK font is used only for lines Helvetica cannot show. Latin lines stay in Helvetica:
// wrapping is tuned to its widths, a Latin-only label needs no 50 kB font subset, and its PDF
// comes out as before. A mixed line ("深圳市 518057") is drawn wholly in the CJK font, which
// has Latin glyphs, so a line never switches font half-way.
function lineFont(fonts: Fonts, line: string, bold: boolean): { font: PDFFont; capPerEm: number; text: string } {
  const cjk = (bold ? fonts.cjk?.bold : fonts.cjk?.regular) ?? null;
  if (cjk && pdfUnsupportedChars(line).length > 0 && cjkFaceCovers(cjk.face, line)) {
    return { font: cjk.pdf, capPerEm: cjk.capPerEm, text: line };
  }
  return { font: bold ? fonts.bold : fonts.regular, capPerEm: HELVETICA_CAP_PER_EM, text: pdfSafeText(line) };
}

function drawText(page: PDFPage, fonts: Fonts, el: LabelTextElement, pageHeightPt: number): void {
  const capPt = el.heightMm * PT_PER_MM;
  const boxX = el.xMm * PT_PER_MM;
  const boxW = el.widthMm * PT_PER_MM;
  const pitchMm = textLinePitchMm(el);
  textElementLines(el).forEach((rawLine, i) => {
    const { font, capPerEm, text: line } = lineFont(fonts, rawLine, el.bold ?? false);
    const size = capPt / capPerEm;
    const naturalW = font.widthOfTextAtSize(line, size);
    // Wrapping counts characters; a line of wide capitals can still overrun, so it shrinks.
    const lineSize = naturalW > boxW ? (size * boxW) / naturalW : size;
    const lineW = Math.min(naturalW, boxW);
    const x = el.align === 'center' ? boxX + (boxW - lineW) / 2 : boxX;
    const baselineMm = el.yMm + el.heightMm + i * pitchMm;
    page.drawText(line, { x, y: pageHeightPt - baselineMm * PT_PER_MM, size: lineSize, font, color: BLACK });
  });
}

function drawBarcode(page: PDFPage, fonts: Fonts, el: LabelBarcodeElement, pageHeightPt: number): void {
  const moduleW = el.moduleMm * PT_PER_MM;
  const heightPt = el.heightMm * PT_PER_MM;
  const bottom = pageHeightPt - (el.yMm + el.heightMm) * PT_PER_MM;
  let x = el.xMm * PT_PER_MM;
  barcodeWidths(el).forEach((modules, i) => {
    const w = modules * moduleW;
    if (i % 2 === 0) page.drawRectangle({ x, y: bottom, width: w, height: heightPt, color: BLACK });
    x += w;
  });
  const caption = barcodeHumanReadable(el);
  if (caption) drawText(page, fonts, caption, pageHeightPt);
}

// One rectangle per horizontal run of dark modules in a row: far fewer than one per module,
// and with no hairline seams between neighbours when a viewer anti-aliases.
function drawBarcode2d(page: PDFPage, el: LabelBarcode2dElement, pageHeightPt: number): void {
  const m = el.moduleMm * PT_PER_MM;
  barcode2dMatrix(el).forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c++;
      page.drawRectangle({
        x: el.xMm * PT_PER_MM + start * m,
        y: pageHeightPt - el.yMm * PT_PER_MM - (r + 1) * m,
        width: (c - start) * m,
        height: m,
        color: BLACK,
      });
    }
  });
}

function drawLine(page: PDFPage, el: LabelLineElement, pageHeightPt: number): void {
  page.drawLine({
    start: { x: el.x1Mm * PT_PER_MM, y: pageHeightPt - el.y1Mm * PT_PER_MM },
    end: { x: el.x2Mm * PT_PER_MM, y: pageHeightPt - el.y2Mm * PT_PER_MM },
    thickness: el.thicknessMm * PT_PER_MM,
    color: BLACK,
  });
}

function drawBox(page: PDFPage, el: LabelBoxElement, pageHeightPt: number): void {
  // pdf-lib centres the border on the path; inset by half so it lies inside, as ^GB draws it.
  const t = el.thicknessMm;
  page.drawRectangle({
    x: (el.xMm + t / 2) * PT_PER_MM,
    y: pageHeightPt - (el.yMm + el.heightMm - t / 2) * PT_PER_MM,
    width: (el.widthMm - t) * PT_PER_MM,
    height: (el.heightMm - t) * PT_PER_MM,
    borderWidth: t * PT_PER_MM,
    borderColor: BLACK,
  });
}

function textElements(model: LabelModel): LabelTextElement[] {
  const out: LabelTextElement[] = [];
  for (const el of model.elements) {
    if (el.kind === 'text') out.push(el);
    if (el.kind === 'barcode128') {
      const caption = barcodeHumanReadable(el);
      if (caption) out.push(caption);
    }
  }
  return out;
}

async function embedCjk(doc: PDFDocument, face: CjkFace): Promise<CjkPdfFont> {
  // registerFontkit sets the fontkit for the next embedFont calls; each face brings its own.
  doc.registerFontkit(pdfLibFontkitFor(face));
  const pdf = await doc.embedFont(new Uint8Array(0), { subset: true });
  const { capHeight, unitsPerEm } = face.font;
  return { pdf, face, capPerEm: capHeight > 0 ? capHeight / unitsPerEm : 0.73 };
}

export type LabelPdfOptions = {
  /** The CJK faces to use; by default the machine's (see cjk-font.ts), looked up only when needed. */
  cjkFonts?: CjkFonts | null;
};

/**
 * One PDF page the size of the label, for printing through the OS dialog or archiving. Text the
 * standard fonts cannot show is embedded as a subset of the CJK font, so it prints and can be
 * searched and copied.
 */
export async function renderLabelPdf(model: LabelModel, opts: LabelPdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Shipping label');
  doc.setProducer('PackBench');
  const widthPt = model.widthMm * PT_PER_MM;
  const heightPt = model.heightMm * PT_PER_MM;
  const page = doc.addPage([widthPt, heightPt]);
  // An unpainted page is transparent, not white, to tools that rasterise with alpha; paint it.
  page.drawRectangle({ x: 0, y: 0, width: widthPt, height: heightPt, color: WHITE });
  // Only a label with such text loads the font, so a bad PACKBENCH_CJK_FONT stops Chinese
  // labels with its error and leaves Latin ones alone; and only the weights in use are embedded.
  const cjkWeights = new Set<'regular' | 'bold'>();
  for (const el of textElements(model)) {
    if (textElementLines(el).some((line) => pdfUnsupportedChars(line).length > 0)) cjkWeights.add(el.bold ? 'bold' : 'regular');
  }
  const cjkFonts = cjkWeights.size === 0 ? null : opts.cjkFonts === undefined ? loadCjkFonts() : opts.cjkFonts;
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    cjk: null,
  };
  if (cjkFonts) {
    // A face without a bold sibling serves both weights from one embedded subset.
    const embedded = new Map<CjkFace, CjkPdfFont>();
    const embedOnce = async (face: CjkFace): Promise<CjkPdfFont> => {
      const known = embedded.get(face);
      if (known) return known;
      const font = await embedCjk(doc, face);
      embedded.set(face, font);
      return font;
    };
    const regular = cjkWeights.has('regular') ? await embedOnce(cjkFonts.regular) : null;
    const bold = cjkWeights.has('bold') ? await embedOnce(cjkFonts.bold) : null;
    fonts.cjk = { regular: regular ?? bold, bold: bold ?? regular };
  }
  for (const el of model.elements) {
    switch (el.kind) {
      case 'text':
        drawText(page, fonts, el, heightPt);
        break;
      case 'barcode128':
        drawBarcode(page, fonts, el, heightPt);
        break;
      case 'barcode2d':
        drawBarcode2d(page, el, heightPt);
        break;
      case 'line':
        drawLine(page, el, heightPt);
        break;
      case 'box':
        drawBox(page, el, heightPt);
        break;
    }
  }
  return doc.save();
}
