import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { encodeCode128 } from '../../shared/label/code128';
import { barcodeHumanReadable, textElementLines, textLinePitchMm } from '../../shared/label/label-model';
import type {
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
 * Characters of the text that the PDF label cannot show and prints as '?', each once, in order
 * of first appearance. Whitespace is not reported: wrapping turns it into plain spaces.
 */
export function pdfUnsupportedChars(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch) || winAnsiEncodable(ch)) continue;
    seen.add(ch);
  }
  return [...seen];
}

// Until a CJK font is bundled (it comes with the labels issue, together with CJK rendered as a
// graphic for ZPL), a Chinese address would make pdf-lib throw and no label would print at all;
// a '?' plus the caller's warning lets the packer see what is missing and keep going.
function pdfSafeText(text: string): string {
  let out = '';
  for (const ch of text) out += winAnsiEncodable(ch) ? ch : '?';
  return out;
}

type Fonts = { regular: PDFFont; bold: PDFFont };

function drawText(page: PDFPage, fonts: Fonts, el: LabelTextElement, pageHeightPt: number): void {
  const font = el.bold ? fonts.bold : fonts.regular;
  const size = (el.heightMm * PT_PER_MM) / HELVETICA_CAP_PER_EM;
  const boxX = el.xMm * PT_PER_MM;
  const boxW = el.widthMm * PT_PER_MM;
  const pitchMm = textLinePitchMm(el);
  textElementLines(el).forEach((rawLine, i) => {
    const line = pdfSafeText(rawLine);
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
  encodeCode128(el.data).forEach((modules, i) => {
    const w = modules * moduleW;
    if (i % 2 === 0) page.drawRectangle({ x, y: bottom, width: w, height: heightPt, color: BLACK });
    x += w;
  });
  const caption = barcodeHumanReadable(el);
  if (caption) drawText(page, fonts, caption, pageHeightPt);
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

/** One PDF page the size of the label, for printing through the OS dialog or archiving. */
export async function renderLabelPdf(model: LabelModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Shipping label');
  doc.setProducer('PackBench');
  const widthPt = model.widthMm * PT_PER_MM;
  const heightPt = model.heightMm * PT_PER_MM;
  const page = doc.addPage([widthPt, heightPt]);
  // An unpainted page is transparent, not white, to tools that rasterise with alpha; paint it.
  page.drawRectangle({ x: 0, y: 0, width: widthPt, height: heightPt, color: WHITE });
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  for (const el of model.elements) {
    switch (el.kind) {
      case 'text':
        drawText(page, fonts, el, heightPt);
        break;
      case 'barcode128':
        drawBarcode(page, fonts, el, heightPt);
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
