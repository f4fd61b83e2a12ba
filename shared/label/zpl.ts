import {
  PRINTER_DOTS_PER_MM,
  barcodeHumanReadable,
  mmToDots,
  textElementLines,
  textLinePitchMm,
} from './label-model';
import type {
  LabelBarcodeElement,
  LabelBoxElement,
  LabelLineElement,
  LabelModel,
  LabelTextElement,
  PrinterDpi,
} from './label-model';

export type ZplOptions = { dpi: PrinterDpi };

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

function textZpl(el: LabelTextElement, dpi: PrinterDpi): string {
  const lines = textElementLines(el);
  if (lines.length === 0) return '';
  const dpmm = PRINTER_DOTS_PER_MM[dpi];
  const fontDots = Math.max(10, Math.round((el.heightMm * dpmm) / FONT0_CAP_PER_HEIGHT));
  const spacingDots = Math.round(textLinePitchMm(el) * dpmm) - fontDots;
  const justify = el.align === 'center' ? 'C' : 'L';
  const x = mmToDots(el.xMm, dpi);
  const y = mmToDots(el.yMm, dpi);
  const width = mmToDots(el.widthMm, dpi);
  const data = lines.map(escapeBlockText).join('\\&');
  return `^FO${x},${y}^A0N,${fontDots},${fontDots}^FB${width},${lines.length},${spacingDots},${justify},0^FH_^FD${data}^FS`;
}

function barcodeZpl(el: LabelBarcodeElement, dpi: PrinterDpi): string[] {
  const moduleDots = Math.max(1, mmToDots(el.moduleMm, dpi));
  // Mode A lets the printer choose code sets B and C, by the same length-minimising rules as our
  // encoder, so the printed symbol is as wide as the layout measured. Spelling the sets out with
  // invocation codes (>: >; >5 >6) was tried and dropped: zebrash, which the tests read labels
  // back with, ignores ">5" (switch to C) and prints an S10 number 44 modules too wide.
  // ^FH_ keeps '^' and '~' from being read as commands; in mode A '>' is plain data.
  const out = [
    `^FO${mmToDots(el.xMm, dpi)},${mmToDots(el.yMm, dpi)}^BY${moduleDots}^BCN,${mmToDots(el.heightMm, dpi)},N,N,N,A^FH_^FD${escapeFieldData(el.data)}^FS`,
  ];
  const caption = barcodeHumanReadable(el);
  if (caption) out.push(textZpl(caption, dpi));
  return out;
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
 * Text is UTF-8 (^CI28); the caller sends the string UTF-8 encoded.
 */
export function renderZpl(model: LabelModel, opts: ZplOptions): string {
  const { dpi } = opts;
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
        const zpl = textZpl(el, dpi);
        if (zpl !== '') commands.push(zpl);
        break;
      }
      case 'barcode128':
        commands.push(...barcodeZpl(el, dpi));
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
