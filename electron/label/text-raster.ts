import type { Font, PathCommand } from 'fontkit';
import type { ZplTextGraphic, ZplTextRasterizer } from '../../shared/label/zpl';
import { compressZplHex, encodeZ64, plainZplHex } from './zpl-graphic-data';

/**
 * A 1-bit image, row-major, each row padded to whole bytes, most significant bit leftmost,
 * 1 = black: the layout ZPL's ^GF expects, so it goes to the printer without repacking.
 */
export type TextBitmap = {
  widthDots: number;
  heightDots: number;
  rowBytes: number;
  /** Rows from the bitmap's top edge down to the text's baseline (may exceed heightDots). */
  baselineDots: number;
  bits: Uint8Array;
};

type Edge = { x0: number; y0: number; x1: number; y1: number; winding: 1 | -1 };

const EMPTY: TextBitmap = { widthDots: 0, heightDots: 0, rowBytes: 0, baselineDots: 0, bits: new Uint8Array(0) };

// Curves are cut into chords about half a dot long (measured along the control polygon, which
// is never shorter than the curve): a chord that short cannot stray from the curve by a dot,
// so the flattening never shows on the label.
const FLATTEN_STEP_DOTS = 0.5;
const MAX_CURVE_SEGMENTS = 32;

function curveSegments(controlPolygonDots: number): number {
  return Math.min(MAX_CURVE_SEGMENTS, Math.max(1, Math.ceil(controlPolygonDots / FLATTEN_STEP_DOTS)));
}

/**
 * Turns one glyph outline into straight edges in dot space (y grows downwards), with the
 * outline's own direction kept so that the fill can use the nonzero rule both TrueType and CFF
 * outlines are drawn for.
 */
function outlineEdges(commands: readonly PathCommand[], originX: number, baselineY: number, scale: number, out: Edge[]): void {
  const tx = (x: number): number => originX + x * scale;
  const ty = (y: number): number => baselineY - y * scale;
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  let open = false;
  const lineTo = (nx: number, ny: number): void => {
    // Horizontal edges never cross a scanline's sampling row; leaving them out saves the work.
    if (ny !== y) out.push(ny > y ? { x0: x, y0: y, x1: nx, y1: ny, winding: 1 } : { x0: nx, y0: ny, x1: x, y1: y, winding: -1 });
    x = nx;
    y = ny;
  };
  const close = (): void => {
    if (open && (x !== startX || y !== startY)) lineTo(startX, startY);
    open = false;
  };
  for (const { command, args } of commands) {
    switch (command) {
      case 'moveTo':
        // An outline that is not closed explicitly is still closed: fonts rely on that.
        close();
        startX = x = tx(args[0] ?? 0);
        startY = y = ty(args[1] ?? 0);
        open = true;
        break;
      case 'lineTo':
        lineTo(tx(args[0] ?? 0), ty(args[1] ?? 0));
        break;
      case 'quadraticCurveTo': {
        const [cx, cy, ex, ey] = [tx(args[0] ?? 0), ty(args[1] ?? 0), tx(args[2] ?? 0), ty(args[3] ?? 0)];
        const sx = x;
        const sy = y;
        const n = curveSegments(Math.hypot(cx - sx, cy - sy) + Math.hypot(ex - cx, ey - cy));
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          lineTo(u * u * sx + 2 * u * t * cx + t * t * ex, u * u * sy + 2 * u * t * cy + t * t * ey);
        }
        break;
      }
      case 'bezierCurveTo': {
        const [c1x, c1y, c2x, c2y, ex, ey] = [
          tx(args[0] ?? 0),
          ty(args[1] ?? 0),
          tx(args[2] ?? 0),
          ty(args[3] ?? 0),
          tx(args[4] ?? 0),
          ty(args[5] ?? 0),
        ];
        const sx = x;
        const sy = y;
        const n = curveSegments(Math.hypot(c1x - sx, c1y - sy) + Math.hypot(c2x - c1x, c2y - c1y) + Math.hypot(ex - c2x, ey - c2y));
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          lineTo(
            u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * ex,
            u * u * u * sy + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ey,
          );
        }
        break;
      }
      case 'closePath':
        close();
        break;
    }
  }
  close();
}

/**
 * Fills the edges into a bitmap by the nonzero winding rule, sampling each dot at its centre, as
 * a print head either burns a dot or does not. Returns the rows [top, bottom) it was asked for.
 */
function fillNonzero(edges: readonly Edge[], widthDots: number, top: number, rows: number): Uint8Array {
  const rowBytes = Math.ceil(widthDots / 8);
  const bits = new Uint8Array(rowBytes * rows);
  const crossings: { x: number; winding: number }[] = [];
  for (let row = 0; row < rows; row++) {
    const sampleY = top + row + 0.5;
    crossings.length = 0;
    for (const e of edges) {
      // Half-open in y, so a vertex shared by two edges is counted once.
      if (sampleY < e.y0 || sampleY >= e.y1) continue;
      crossings.push({ x: e.x0 + ((sampleY - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), winding: e.winding });
    }
    if (crossings.length === 0) continue;
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      const c = crossings[i];
      const next = crossings[i + 1];
      if (!c || !next) continue;
      winding += c.winding;
      if (winding === 0) continue;
      // Dots whose centre lies inside [c.x, next.x).
      const from = Math.max(0, Math.ceil(c.x - 0.5));
      const to = Math.min(widthDots, Math.ceil(next.x - 0.5));
      const rowStart = row * rowBytes;
      for (let px = from; px < to; px++) {
        const at = rowStart + (px >> 3);
        bits[at] = (bits[at] ?? 0) | (0x80 >> (px & 7));
      }
    }
  }
  return bits;
}

/**
 * Renders one line of text so that its capital letters are capHeightDots tall (the label model
 * sizes text by cap height, so Chinese and Latin lines line up with the printer's own font).
 * The bitmap is cropped to the rows that carry ink and starts at the pen's origin, so that
 * left-aligned text keeps the font's side bearing. Shaping uses the font's own layout (kerning,
 * and the ligatures or width variants CJK fonts define), not a character-by-character map.
 */
export function rasterizeTextLine(font: Font, text: string, capHeightDots: number): TextBitmap {
  if (text === '' || capHeightDots <= 0) return EMPTY;
  const capUnits = font.capHeight > 0 ? font.capHeight : font.unitsPerEm * 0.7;
  const scale = capHeightDots / capUnits;
  const run = font.layout(text);
  // The baseline sits on a whole dot so lines at the same y print on the same row.
  const baselineY = Math.ceil(font.ascent * scale);
  const edges: Edge[] = [];
  let penX = 0;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    const ox = penX + (pos?.xOffset ?? 0) * scale;
    const oy = baselineY - (pos?.yOffset ?? 0) * scale;
    outlineEdges(glyph.path.commands, ox, oy, scale, edges);
    penX += (pos?.xAdvance ?? glyph.advanceWidth) * scale;
  });
  const widthDots = Math.max(0, Math.ceil(penX));
  if (edges.length === 0 || widthDots === 0) return { ...EMPTY, widthDots, baselineDots: baselineY };
  let minY = Infinity;
  let maxY = -Infinity;
  for (const e of edges) {
    if (e.y0 < minY) minY = e.y0;
    if (e.y1 > maxY) maxY = e.y1;
  }
  const top = Math.max(0, Math.floor(minY));
  const rows = Math.max(0, Math.ceil(maxY) - top);
  const bits = fillNonzero(edges, widthDots, top, rows);
  return { widthDots, heightDots: rows, rowBytes: Math.ceil(widthDots / 8), baselineDots: baselineY - top, bits };
}

/**
 * How a graphic's dots are written in ^GFA: 'z64' (deflated, base64, CRC-checked; a line of
 * Chinese comes out at a third of plain hex or less), 'ascii' (ZPL's ASCII hex compression;
 * about three quarters of plain hex on CJK strokes, but read by every ZPL II printer and
 * emulator, old firmware included) or 'hex' (plain, two digits a byte). See zpl-graphic-data.ts.
 */
export type ZplGraphicEncoding = 'z64' | 'ascii' | 'hex';

function graphicData(bytes: Uint8Array, rowBytes: number, rows: number, encoding: ZplGraphicEncoding): string {
  switch (encoding) {
    case 'z64':
      return encodeZ64(bytes);
    case 'ascii':
      return compressZplHex(bytes, rowBytes, rows);
    case 'hex':
      return plainZplHex(bytes);
  }
}

/**
 * The bitmap as a ZPL graphic field, "^GFA,total,total,rowBytes,data^FS". Both counts are those
 * of the uncompressed image whatever the encoding: the printer sizes the graphic from them.
 */
export function toZplGraphic(bitmap: TextBitmap, encoding: ZplGraphicEncoding = 'z64'): string {
  const total = bitmap.rowBytes * bitmap.heightDots;
  if (total === 0) return '^GFA,0,0,0,^FS';
  const bytes = bitmap.bits.subarray(0, total);
  return `^GFA,${total},${total},${bitmap.rowBytes},${graphicData(bytes, bitmap.rowBytes, bitmap.heightDots, encoding)}^FS`;
}

export type ZplTextFaces = { regular: Font; bold: Font };

export type ZplTextRasterizerOptions = {
  /** 'z64' unless the printer is an emulation that does not read it; then 'ascii'. */
  graphicEncoding?: ZplGraphicEncoding;
};

// Ship-from lines repeat on every label a shop prints, so a rasterised line is kept by
// text, size and weight. The bound keeps a day of varied addresses from growing the heap.
const LINE_CACHE_LIMIT = 512;

/**
 * The rasteriser renderZpl takes for text the printer's own font cannot show. Returns null
 * when the font lacks a glyph for some character, so renderZpl falls back to printer text
 * rather than print an empty box.
 */
export function zplTextRasterizer(faces: ZplTextFaces, opts: ZplTextRasterizerOptions = {}): ZplTextRasterizer {
  const cache = new Map<string, ZplTextGraphic | null>();
  return (text, capHeightDots, bold) => {
    const key = `${bold ? 'b' : 'r'}${capHeightDots}|${text}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const font = bold ? faces.bold : faces.regular;
    let graphic: ZplTextGraphic | null = null;
    const covered = [...text].every((ch) => /\s/.test(ch) || font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
    if (covered) {
      const bitmap = rasterizeTextLine(font, text, capHeightDots);
      graphic = {
        widthDots: bitmap.widthDots,
        heightDots: bitmap.heightDots,
        baselineDots: bitmap.baselineDots,
        graphicField: toZplGraphic(bitmap, opts.graphicEncoding),
      };
    }
    // Oldest first out: Map keeps insertion order.
    if (cache.size >= LINE_CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, graphic);
    return graphic;
  };
}
