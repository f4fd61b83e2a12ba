import { CODE128_FNC1_CHAR } from './code128';
import { planGs1128 } from './gs1-128';
import {
  PRINTER_DOTS_PER_MM,
  barcode2dMatrix,
  barcodeHumanReadable,
  mmToDots,
  textElementLines,
  textLinePitchMm,
} from './label-model';
import type {
  LabelBarcode2dElement,
  LabelBarcodeElement,
  LabelBoxElement,
  LabelLineElement,
  LabelModel,
  LabelTextElement,
  PrinterDpi,
} from './label-model';

/** A line of text drawn as a ^GF graphic, for text the printer's own fonts cannot show. */
export type ZplTextGraphic = {
  widthDots: number;
  heightDots: number;
  /** Rows from the graphic's top edge down to the text's baseline. */
  baselineDots: number;
  /** "^GFA,…^FS", to follow a ^FO. */
  graphicField: string;
};

/**
 * Draws one line of text with its capitals capHeightDots tall; null when it cannot (no glyph in
 * its font), and the line is then left to the printer. Injected because glyph outlines come from
 * a font file, which shared/ cannot read.
 */
export type ZplTextRasterizer = (text: string, capHeightDots: number, bold: boolean) => ZplTextGraphic | null;

export type ZplOptions = { dpi: PrinterDpi; rasterize?: ZplTextRasterizer };

// Capital height of font 0 as a share of its ^A0 height, measured on zebrash's font (and close
// to the printers' CG Triumvirate Bold Condensed). Font 0 has no regular weight, so "bold"
// changes nothing on a thermal label.
const FONT0_CAP_PER_HEIGHT = 0.75;

// ^FH_ hex-escapes the three characters a printer would otherwise read as a command prefix
// (^, ~) or as the escape itself (_). Control characters are dropped: inside ^FD they would be
// printed or, worse, obeyed.
function escapeFieldData(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '_') out += '_5F';
    else if (ch === '^') out += '_5E';
    else if (ch === '~') out += '_7E';
    else if (ch < ' ' || ch === '\x7f') continue;
    else out += ch;
  }
  return out;
}

// Inside ^FB a backslash starts an escape ("\&" is a line break), so a literal one is doubled.
function escapeBlockText(text: string): string {
  return escapeFieldData(text).replace(/\\/g, '\\\\');
}

/**
 * Whether the printer's font 0 can show the text. Under ^CI28 a Zebra maps Unicode onto its
 * resident fonts, and font 0 (CG Triumvirate) reliably has printable ASCII and Latin-1 on every
 * model and firmware; beyond that (€, Ł, Cyrillic, CJK) coverage varies or is absent and the
 * printer prints a box or '?'. Such a line becomes a graphic, which prints alike everywhere.
 * Control characters count as showable: escapeFieldData drops them.
 */
export function zplResidentFontCanShow(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp <= 0x7e || (cp >= 0xa0 && cp <= 0xff)) continue;
    return false;
  }
  return true;
}

// The lines in one ^FB, as the printer wraps and spaces them.
function printerTextZpl(el: LabelTextElement, lines: readonly string[], yMm: number, dpi: PrinterDpi): string {
  const dpmm = PRINTER_DOTS_PER_MM[dpi];
  const fontDots = Math.max(10, Math.round((el.heightMm * dpmm) / FONT0_CAP_PER_HEIGHT));
  const spacingDots = Math.round(textLinePitchMm(el) * dpmm) - fontDots;
  const justify = el.align === 'center' ? 'C' : 'L';
  const x = mmToDots(el.xMm, dpi);
  const y = mmToDots(yMm, dpi);
  const width = mmToDots(el.widthMm, dpi);
  const data = lines.map(escapeBlockText).join('\\&');
  return `^FO${x},${y}^A0N,${fontDots},${fontDots}^FB${width},${lines.length},${spacingDots},${justify},0^FH_^FD${data}^FS`;
}

// Wrapping counts characters, so a rasterised line can come out wider than its block (wide
// Latin in a CJK font); like the PDF renderer, it is then drawn smaller rather than clipped.
function fittedGraphic(rasterize: ZplTextRasterizer, line: string, capDots: number, bold: boolean, widthDots: number): ZplTextGraphic | null {
  let cap = capDots;
  let graphic = rasterize(line, cap, bold);
  for (let attempt = 0; graphic && graphic.widthDots > widthDots && attempt < 3; attempt++) {
    cap = Math.max(1, Math.min(cap - 1, Math.floor((cap * widthDots) / graphic.widthDots)));
    graphic = rasterize(line, cap, bold);
  }
  return graphic;
}

function textZpl(el: LabelTextElement, dpi: PrinterDpi, rasterize?: ZplTextRasterizer): string {
  const lines = textElementLines(el);
  if (lines.length === 0) return '';
  if (!rasterize || lines.every(zplResidentFontCanShow)) return printerTextZpl(el, lines, el.yMm, dpi);
  // Line by line, each in its own field, so Latin lines of a mixed block stay printer text
  // (sharper, and small) while the others become graphics at the same pitch.
  const capDots = mmToDots(el.heightMm, dpi);
  const boxX = mmToDots(el.xMm, dpi);
  const boxW = mmToDots(el.widthMm, dpi);
  const pitchMm = textLinePitchMm(el);
  return lines
    .map((line, i) => {
      const lineYMm = el.yMm + i * pitchMm;
      const graphic = zplResidentFontCanShow(line) ? null : fittedGraphic(rasterize, line, capDots, el.bold ?? false, boxW);
      if (!graphic) return printerTextZpl(el, [line], lineYMm, dpi);
      if (graphic.heightDots === 0) return '';
      const x = el.align === 'center' ? boxX + Math.max(0, Math.floor((boxW - graphic.widthDots) / 2)) : boxX;
      // The model places the top of the capitals; the graphic is placed by its baseline.
      const y = Math.max(0, mmToDots(lineYMm, dpi) + capDots - graphic.baselineDots);
      return `^FO${x},${y}${graphic.graphicField}`;
    })
    .filter((field) => field !== '')
    .join('\n');
}

// GS1-128 is sent in mode N with every code set and FNC1 spelled out as invocation codes (>;
// start C, >: start B, >5 CODE C, >6 CODE B, >8 FNC1; '>' itself is >0), from the same plan
// the layout measured, so the printer prints exactly the symbol the model is. Mode D (UCC/EAN)
// was tried: zebrash renders it, but the printer picks the code sets itself and, the manual
// says, may compute and add a check digit; that is a symbol the bench did not measure. zebrash
// has one flaw here: after >5 it keeps encoding digits in code set B, so a symbol that switches
// from B to C comes out wider in its render (it still scans to the same value); on a printer
// it is as planned.
function gs1FieldData(data: string): string {
  return planGs1128(data)
    .map((segment, index) => {
      const invoke = index === 0 ? (segment.set === 'C' ? '>;' : '>:') : segment.set === 'C' ? '>5' : '>6';
      let text = '';
      for (const ch of segment.text) text += ch === CODE128_FNC1_CHAR ? '>8' : ch === '>' ? '>0' : ch;
      return invoke + text;
    })
    .join('');
}

function barcodeZpl(el: LabelBarcodeElement, dpi: PrinterDpi, rasterize?: ZplTextRasterizer): string[] {
  const moduleDots = Math.max(1, mmToDots(el.moduleMm, dpi));
  if (el.symbology === 'gs1-128') {
    const out = [
      `^FO${mmToDots(el.xMm, dpi)},${mmToDots(el.yMm, dpi)}^BY${moduleDots}^BCN,${mmToDots(el.heightMm, dpi)},N,N,N,N^FH_^FD${escapeFieldData(gs1FieldData(el.data))}^FS`,
    ];
    const caption = barcodeHumanReadable(el);
    if (caption) out.push(textZpl(caption, dpi, rasterize));
    return out;
  }
  // Mode A lets the printer choose code sets B and C, by the same length-minimising rules as our
  // encoder, so the printed symbol is as wide as the layout measured. Spelling the sets out with
  // invocation codes (>: >; >5 >6) was tried and dropped: zebrash, which the tests read labels
  // back with, ignores ">5" (switch to C) and prints an S10 number 44 modules too wide.
  // ^FH_ keeps '^' and '~' from being read as commands; in mode A '>' is plain data.
  const out = [
    `^FO${mmToDots(el.xMm, dpi)},${mmToDots(el.yMm, dpi)}^BY${moduleDots}^BCN,${mmToDots(el.heightMm, dpi)},N,N,N,A^FH_^FD${escapeFieldData(el.data)}^FS`,
  ];
  const caption = barcodeHumanReadable(el);
  if (caption) out.push(textZpl(caption, dpi, rasterize));
  return out;
}

// zebrash draws ^BQ 10 dots below its ^FO, as Zebra printers do (the "^BQ offset" their
// support notes describe); the field origin is raised to match, so the model's y holds.
const BQ_OFFSET_DOTS = 10;

/**
 * QR as ^BQ (model 2, level M, manual byte mode: "MM,B" + 4-digit byte count) and Data Matrix
 * as ^BX (ECC 200) with its rows and columns given, so the printer's symbol is the size the
 * layout made room for: for byte mode at level M the smallest version is the same on every
 * encoder, and forcing the Data Matrix size covers a printer that encodes differently. Both
 * render in zebrash and decode to the data (the integration tests read them back). The data
 * is printable ASCII (shippingLabel2dData) so the byte count is the character count.
 */
function barcode2dZpl(el: LabelBarcode2dElement, dpi: PrinterDpi): string {
  const moduleDots = Math.max(1, mmToDots(el.moduleMm, dpi));
  const x = mmToDots(el.xMm, dpi);
  const y = mmToDots(el.yMm, dpi);
  if (!/^[\x20-\x7d]*$/.test(el.data)) {
    throw new RangeError(`a ${el.symbology} field's data must be printable ASCII without '~' (the byte count and ^BX escapes rely on it); ${JSON.stringify(el.data)} is not`);
  }
  const data = escapeFieldData(el.data);
  if (el.symbology === 'qr') {
    // ^BQ takes magnification 1–10.
    const magnification = Math.min(10, moduleDots);
    const count = String(el.data.length).padStart(4, '0');
    return `^FO${x},${Math.max(0, y - BQ_OFFSET_DOTS)}^BQN,2,${magnification}^FH_^FDMM,B${count}${data}^FS`;
  }
  const side = barcode2dMatrix(el).length;
  return `^FO${x},${y}^BXN,${moduleDots},200,${side},${side}^FH_^FD${data}^FS`;
}

function lineZpl(el: LabelLineElement, dpi: PrinterDpi): string {
  const t = Math.max(1, mmToDots(el.thicknessMm, dpi));
  const x1 = mmToDots(el.x1Mm, dpi);
  const y1 = mmToDots(el.y1Mm, dpi);
  const x2 = mmToDots(el.x2Mm, dpi);
  const y2 = mmToDots(el.y2Mm, dpi);
  const half = Math.floor(t / 2);
  if (y1 === y2) return `^FO${Math.min(x1, x2)},${y1 - half}^GB${Math.max(t, Math.abs(x2 - x1))},${t},${t}^FS`;
  if (x1 === x2) return `^FO${x1 - half},${Math.min(y1, y2)}^GB${t},${Math.max(t, Math.abs(y2 - y1))},${t}^FS`;
  // ^GD leans right ('/') when the line rises to the right, left ('\') when it falls.
  const lean = (x2 - x1) * (y2 - y1) < 0 ? 'R' : 'L';
  return `^FO${Math.min(x1, x2)},${Math.min(y1, y2)}^GD${Math.abs(x2 - x1)},${Math.abs(y2 - y1)},${t},B,${lean}^FS`;
}

function boxZpl(el: LabelBoxElement, dpi: PrinterDpi): string {
  const t = Math.max(1, mmToDots(el.thicknessMm, dpi));
  return `^FO${mmToDots(el.xMm, dpi)},${mmToDots(el.yMm, dpi)}^GB${mmToDots(el.widthMm, dpi)},${mmToDots(el.heightMm, dpi)},${t}^FS`;
}

/**
 * ZPL II for one label. Only format commands: nothing that is stored in the printer (media type,
 * darkness, speed, calibration), because the bench shares printers whose setup the operator owns.
 * Text is UTF-8 (^CI28); the caller sends the string UTF-8 encoded. With opts.rasterize, text
 * the printer's font cannot show (see zplResidentFontCanShow) is drawn as ^GF graphics; without
 * it, such text is sent as printer text and prints as the printer's replacement glyph.
 */
export function renderZpl(model: LabelModel, opts: ZplOptions): string {
  const { dpi, rasterize } = opts;
  const commands: string[] = [
    '^XA',
    '^CI28',
    `^PW${mmToDots(model.widthMm, dpi)}`,
    `^LL${mmToDots(model.heightMm, dpi)}`,
    '^LH0,0',
  ];
  for (const el of model.elements) {
    switch (el.kind) {
      case 'text': {
        const zpl = textZpl(el, dpi, rasterize);
        if (zpl !== '') commands.push(zpl);
        break;
      }
      case 'barcode128':
        commands.push(...barcodeZpl(el, dpi, rasterize));
        break;
      case 'barcode2d':
        commands.push(barcode2dZpl(el, dpi));
        break;
      case 'line':
        commands.push(lineZpl(el, dpi));
        break;
      case 'box':
        commands.push(boxZpl(el, dpi));
        break;
    }
  }
  commands.push('^XZ');
  return commands.join('\n') + '\n';
}
