import type { Font, PathCommand } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { rasterizeTextLine, toZplGraphic, zplTextRasterizer } from '../../electron/label/text-raster';
import type { TextBitmap } from '../../electron/label/text-raster';

// A stand-in font, 1000 units per em, capitals 500 units tall, whose glyphs are given as outlines
// in font units (y up, from the baseline). A real font would test fontkit, not the rasteriser.
function fakeFont(glyphs: Record<string, PathCommand[]>, advance = 700): Font {
  const glyphFor = (ch: string) => ({ path: { commands: glyphs[ch] ?? [] }, advanceWidth: advance });
  const font = {
    unitsPerEm: 1000,
    capHeight: 500,
    ascent: 800,
    layout: (text: string) => {
      const chars = [...text];
      return {
        glyphs: chars.map(glyphFor),
        positions: chars.map(() => ({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0 })),
      };
    },
    hasGlyphForCodePoint: (cp: number) => String.fromCodePoint(cp) in glyphs,
  };
  return font as unknown as Font;
}

const move = (x: number, y: number): PathCommand => ({ command: 'moveTo', args: [x, y] });
const line = (x: number, y: number): PathCommand => ({ command: 'lineTo', args: [x, y] });
const close: PathCommand = { command: 'closePath', args: [] };

// Counter-clockwise in font units (y up), as TrueType draws an outer contour's opposite.
function square(x0: number, y0: number, x1: number, y1: number, clockwise = false): PathCommand[] {
  return clockwise
    ? [move(x0, y0), line(x0, y1), line(x1, y1), line(x1, y0), close]
    : [move(x0, y0), line(x1, y0), line(x1, y1), line(x0, y1), close];
}

function dot(bmp: TextBitmap, x: number, y: number): boolean {
  return ((bmp.bits[y * bmp.rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

function inkCount(bmp: TextBitmap): number {
  let n = 0;
  for (let y = 0; y < bmp.heightDots; y++) for (let x = 0; x < bmp.widthDots; x++) if (dot(bmp, x, y)) n++;
  return n;
}

describe('rasterising a line of text for the printer', () => {
  const block = fakeFont({ B: square(100, 0, 600, 500) });

  it('fills a glyph box exactly where its outline is, sitting on the baseline', () => {
    // Capitals 50 dots tall: 0.1 dot per unit, so the box spans x 10–60 and the 50 rows above the baseline.
    const bmp = rasterizeTextLine(block, 'B', 50);
    expect(bmp.widthDots).toBe(70);
    expect(bmp.heightDots).toBe(50);
    expect(bmp.baselineDots).toBe(50);
    expect(dot(bmp, 10, 0)).toBe(true);
    expect(dot(bmp, 59, 49)).toBe(true);
    expect(dot(bmp, 9, 25)).toBe(false);
    expect(dot(bmp, 60, 25)).toBe(false);
    expect(inkCount(bmp)).toBe(50 * 50);
  });

  it('leaves the counter of a letter open when the inner contour runs the other way (nonzero rule)', () => {
    const ring = fakeFont({ O: [...square(100, 0, 600, 500), ...square(200, 100, 500, 400, true)] });
    const bmp = rasterizeTextLine(ring, 'O', 50);
    expect(dot(bmp, 35, 25)).toBe(false);
    expect(dot(bmp, 15, 25)).toBe(true);
    expect(inkCount(bmp)).toBe(50 * 50 - 30 * 30);
  });

  it('fills overlapping strokes of the same direction once, not as a hole (as CJK fonts overlap strokes)', () => {
    const cross = fakeFont({ X: [...square(100, 200, 600, 300), ...square(300, 0, 400, 500)] });
    const bmp = rasterizeTextLine(cross, 'X', 50);
    expect(dot(bmp, 35, 25)).toBe(true);
    expect(inkCount(bmp)).toBe(50 * 10 + 10 * 50 - 10 * 10);
  });

  it('follows curves: a round dot covers about πr² dots', () => {
    // A circle of radius 200 units from four cubic arcs (k = 0.5523 is the standard fit).
    const r = 200;
    const k = 0.5523 * r;
    const cx = 350;
    const cy = 250;
    const circle: PathCommand[] = [
      move(cx + r, cy),
      { command: 'bezierCurveTo', args: [cx + r, cy + k, cx + k, cy + r, cx, cy + r] },
      { command: 'bezierCurveTo', args: [cx - k, cy + r, cx - r, cy + k, cx - r, cy] },
      { command: 'bezierCurveTo', args: [cx - r, cy - k, cx - k, cy - r, cx, cy - r] },
      { command: 'bezierCurveTo', args: [cx + k, cy - r, cx + r, cy - k, cx + r, cy] },
      close,
    ];
    const bmp = rasterizeTextLine(fakeFont({ o: circle }), 'o', 100); // 0.2 dot per unit: r = 40 dots
    expect(inkCount(bmp) / (Math.PI * 40 * 40)).toBeCloseTo(1, 1);
  });

  it('lays glyphs side by side at their advance', () => {
    const bmp = rasterizeTextLine(block, 'BB', 50);
    expect(bmp.widthDots).toBe(140);
    expect(dot(bmp, 65, 25)).toBe(false);
    expect(dot(bmp, 80, 25)).toBe(true);
    expect(inkCount(bmp)).toBe(2 * 50 * 50);
  });

  it('draws nothing for an empty line', () => {
    const bmp = rasterizeTextLine(block, '', 50);
    expect(bmp).toMatchObject({ widthDots: 0, heightDots: 0, rowBytes: 0 });
    expect(toZplGraphic(bmp)).toBe('^GFA,0,0,0,^FS');
  });

  it.each([25, 50, 100])('scales with the cap height asked for (%i dots)', (cap) => {
    const bmp = rasterizeTextLine(block, 'B', cap);
    expect(bmp.heightDots).toBe(cap);
    expect(bmp.widthDots).toBe(Math.ceil(cap * 1.4));
    expect(inkCount(bmp)).toBe(cap * cap);
  });
});

describe('a rasterised line as a ZPL graphic field', () => {
  const bmp = rasterizeTextLine(fakeFont({ B: square(100, 0, 600, 500) }), 'B', 50);

  it('declares rows × bytes per row, and carries exactly that many bytes as plain hex', () => {
    const field = toZplGraphic(bmp, 'hex');
    const m = /^\^GFA,(\d+),(\d+),(\d+),([0-9A-F]*)\^FS$/.exec(field);
    expect(m).not.toBeNull();
    const [, total, again, rowBytes, hex] = m ?? [];
    expect(Number(rowBytes)).toBe(9); // 70 dots → 9 bytes
    expect(Number(total)).toBe(50 * 9);
    expect(again).toBe(total);
    expect(hex).toHaveLength(2 * 50 * 9);
  });

  it('puts the leftmost dot in the high bit, as the printer reads it', () => {
    // Row 0: dots 10–59 black → byte 1 is 0b0011_1111 (dots 10–15).
    expect(toZplGraphic(bmp, 'hex').split(',')[4]?.slice(0, 4)).toBe('003F');
  });

  it.each(['z64', 'ascii', 'hex'] as const)('keeps the uncompressed byte counts in %s, as the printer sizes the graphic by them', (encoding) => {
    expect(toZplGraphic(bmp, encoding)).toMatch(/^\^GFA,450,450,9,[^^]+\^FS$/);
  });

  it('is Z64 unless asked otherwise, and compressed either way', () => {
    const plain = toZplGraphic(bmp, 'hex').length;
    expect(toZplGraphic(bmp)).toMatch(/^\^GFA,450,450,9,:Z64:[A-Za-z0-9+/=]+:[0-9A-F]{4}\^FS$/);
    expect(toZplGraphic(bmp).length).toBeLessThan(plain / 4);
    // Row 0 is 00 3F FF FF FF FF FF F0 00: "003", twelve Fs ("RF"), white to the end (","); the
    // 49 identical rows below it are ':' each.
    expect(toZplGraphic(bmp, 'ascii')).toBe(`^GFA,450,450,9,003RF,${':'.repeat(49)}^FS`);
  });
});

describe('the rasteriser renderZpl is given', () => {
  const font = fakeFont({ B: square(100, 0, 600, 500) });

  it('draws a line it has every glyph for, with its baseline', () => {
    const graphic = zplTextRasterizer({ regular: font, bold: font })('B B', 50, false);
    expect(graphic).toMatchObject({ widthDots: 210, heightDots: 50, baselineDots: 50 });
    expect(graphic?.graphicField.startsWith('^GFA,')).toBe(true);
  });

  it('writes its graphics in the encoding it was given', () => {
    const graphic = zplTextRasterizer({ regular: font, bold: font }, { graphicEncoding: 'ascii' })('B', 50, false);
    expect(graphic?.graphicField).toMatch(/^\^GFA,450,450,9,[^:]+,:+\^FS$/);
  });

  it('declines a line with a character its font lacks, so the printer gets it as text', () => {
    expect(zplTextRasterizer({ regular: font, bold: font })('BZ', 50, false)).toBeNull();
  });

  it('draws a repeated ship-from line once', () => {
    const rasterize = zplTextRasterizer({ regular: font, bold: font });
    expect(rasterize('B', 50, true)).toBe(rasterize('B', 50, true));
  });
});
