import { barcode2dMatrix, barcodeHumanReadable, barcodeWidths, textElementLines, textLinePitchMm } from './label-model';
import type { LabelModel, LabelTextElement } from './label-model';

/**
 * A label or document page as plain shapes in millimetres, for the renderers that draw with a
 * browser engine: the on-screen preview (React) and the page the desktop app hands to the
 * operating system's printer (SVG in HTML). Both take their geometry from here, so the slip on
 * screen and the slip on paper are the same drawing. ZPL and PDF place the same model with
 * their own units and fonts.
 */
export type LabelShape =
  /** A filled black rectangle: a bar, a module. */
  | { kind: 'bar'; x: number; y: number; width: number; height: number }
  /** A rectangle's border, the stroke centred on the path (already inset by half). */
  | { kind: 'frame'; x: number; y: number; width: number; height: number; stroke: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: number }
  /** One line of text, placed by its baseline; size is the font size (em) in mm. */
  | { kind: 'text'; x: number; y: number; size: number; bold: boolean; anchor: 'start' | 'middle'; text: string };

// Cap height of the screen and print fonts (Noto Sans, Arial) as a share of their em.
const CAP_PER_EM = 0.72;

export const DRAWING_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans', Arial, sans-serif";

function textShapes(el: LabelTextElement, out: LabelShape[]): void {
  const pitch = textLinePitchMm(el);
  // The model's y is the top of the capitals; a browser places text by its baseline.
  textElementLines(el).forEach((line, index) => {
    out.push({
      kind: 'text',
      x: el.align === 'center' ? el.xMm + el.widthMm / 2 : el.xMm,
      y: el.yMm + el.heightMm + index * pitch,
      size: el.heightMm / CAP_PER_EM,
      bold: el.bold ?? false,
      anchor: el.align === 'center' ? 'middle' : 'start',
      text: line,
    });
  });
}

/** Every element of the model as shapes, in drawing order. */
export function labelShapes(model: LabelModel): LabelShape[] {
  const out: LabelShape[] = [];
  for (const el of model.elements) {
    switch (el.kind) {
      case 'text':
        textShapes(el, out);
        break;
      case 'line':
        out.push({ kind: 'line', x1: el.x1Mm, y1: el.y1Mm, x2: el.x2Mm, y2: el.y2Mm, stroke: el.thicknessMm });
        break;
      case 'box': {
        const half = el.thicknessMm / 2;
        out.push({ kind: 'frame', x: el.xMm + half, y: el.yMm + half, width: el.widthMm - el.thicknessMm, height: el.heightMm - el.thicknessMm, stroke: el.thicknessMm });
        break;
      }
      case 'barcode128': {
        let x = el.xMm;
        // GS1-128 has its FNC1s and code sets in the widths: the same bars the ZPL and PDF draw.
        barcodeWidths(el).forEach((modules, bar) => {
          const width = modules * el.moduleMm;
          if (bar % 2 === 0) out.push({ kind: 'bar', x, y: el.yMm, width, height: el.heightMm });
          x += width;
        });
        const readable = barcodeHumanReadable(el);
        if (readable) textShapes(readable, out);
        break;
      }
      case 'barcode2d':
        // A run of dark modules in a row is one bar: far fewer shapes than one per module.
        barcode2dMatrix(el).forEach((row, r) => {
          let start = -1;
          for (let c = 0; c <= row.length; c += 1) {
            const dark = c < row.length && row[c] === true;
            if (dark && start < 0) start = c;
            if (!dark && start >= 0) {
              out.push({ kind: 'bar', x: el.xMm + start * el.moduleMm, y: el.yMm + r * el.moduleMm, width: (c - start) * el.moduleMm, height: el.moduleMm });
              start = -1;
            }
          }
        });
        break;
      default:
        return assertNever(el);
    }
  }
  return out;
}

function assertNever(value: never): never {
  throw new Error(`a label element this drawing does not know: ${JSON.stringify(value)}`);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Millimetres with at most three decimals: a micrometre is finer than any printer.
function n(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function shapeSvg(shape: LabelShape): string {
  switch (shape.kind) {
    case 'bar':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" fill="#000"/>`;
    case 'frame':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" fill="none" stroke="#000" stroke-width="${n(shape.stroke)}"/>`;
    case 'line':
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}" stroke="#000" stroke-width="${n(shape.stroke)}"/>`;
    case 'text':
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.size)}" font-weight="${shape.bold ? 700 : 400}" text-anchor="${shape.anchor}">${escapeXml(shape.text)}</text>`;
  }
}

/** One page as an SVG element exactly its paper size, in millimetres. */
export function labelSvg(model: LabelModel): string {
  const w = n(model.widthMm);
  const h = n(model.heightMm);
  // crispEdges: bars snap to device pixels instead of being smeared across two.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}" shape-rendering="crispEdges" font-family="${escapeXml(DRAWING_FONT_FAMILY)}">` +
    `<rect x="0" y="0" width="${w}" height="${h}" fill="#fff"/>` +
    labelShapes(model).map(shapeSvg).join('') +
    '</svg>'
  );
}

/**
 * A print-ready HTML document of the pages: one page each, no margins, the paper size set by
 * CSS @page from the first page. No script and no external resource, so it can be loaded in
 * a locked-down window and printed as it is.
 */
export function printHtml(pages: readonly LabelModel[], title: string): string {
  const first = pages[0];
  if (!first) throw new Error('a document without a page cannot be printed');
  const size = `${n(first.widthMm)}mm ${n(first.heightMm)}mm`;
  const body = pages.map((page) => `<div class="page">${labelSvg(page)}</div>`).join('');
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${escapeXml(title)}</title>` +
    `<style>@page{size:${size};margin:0}html,body{margin:0;padding:0;background:#fff}.page{width:${n(first.widthMm)}mm;height:${n(first.heightMm)}mm;overflow:hidden;break-after:page}.page:last-child{break-after:auto}svg{display:block}</style>` +
    `</head><body>${body}</body></html>`
  );
}
