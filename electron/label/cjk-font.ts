import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font, FontCollection } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import type { ZplTextRasterizer } from '../../shared/label/zpl';
import { CffSubsetUnsupported, flattenCharString, readCffSource, writeCidCffSubset } from './cff-subset';
import type { CffSource, FlatGlyph } from './cff-subset';
import { zplTextRasterizer } from './text-raster';

/** Path of a CJK font file (OTF, TTF or TTC) to use instead of the system's. */
export const CJK_FONT_ENV = 'PACKBENCH_CJK_FONT';

type CandidateFiles = { regular: string; bold: string | null };

// Debian's fonts-noto-cjk first: it covers Simplified Chinese and Latin, has a real bold, and is
// what .ci/run installs. The others are last resorts with no bold (bold CJK text uses the
// regular face); Droid Sans Fallback has no ASCII at all, so a line such as "科技路18号" is not
// covered by it and falls back to '?' in PDF and to printer text in ZPL.
const SYSTEM_CJK_FONTS: readonly CandidateFiles[] = [
  { regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc' },
  { regular: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', bold: null },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', bold: null },
];

export type CjkFontFiles = CandidateFiles & { source: 'env' | 'system' };

export class CjkFontError extends Error {
  readonly code = 'CJK_FONT_UNUSABLE';
}

/**
 * Which CJK font files to use: the file named by PACKBENCH_CJK_FONT if set (its bold is used
 * only when the env names one file, i.e. there is none), else the first system font present.
 * Null when there is none; the label renderers then fall back to '?' in PDF and printer text
 * in ZPL.
 */
export function findCjkFontFiles(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): CjkFontFiles | null {
  const override = env[CJK_FONT_ENV]?.trim();
  if (override) {
    // Set but wrong is a misconfiguration: falling back to another font would hide it.
    if (!exists(override)) throw new CjkFontError(`${CJK_FONT_ENV}=${override}: no such file`);
    return { regular: override, bold: null, source: 'env' };
  }
  for (const candidate of SYSTEM_CJK_FONTS) {
    if (!exists(candidate.regular)) continue;
    return { regular: candidate.regular, bold: candidate.bold && exists(candidate.bold) ? candidate.bold : null, source: 'system' };
  }
  return null;
}

// Ship-from addresses are mainland Chinese, so a collection's Simplified Chinese face comes
// first: the same code point is drawn differently in the JP, KR and TC faces (e.g. 骨, 直).
// Monospaced faces are passed over: their Latin is typewriter-like on an address.
const FACE_PREFERENCE: readonly RegExp[] = [/CJKsc-/, /(^|[^a-z])SC([^a-z]|$)/, /GB/];

function pickFace(collection: FontCollection, file: string): Font {
  const faces = collection.fonts.filter((f) => !/Mono/i.test(f.postscriptName));
  for (const wanted of FACE_PREFERENCE) {
    const face = faces.find((f) => wanted.test(f.postscriptName));
    if (face) return face;
  }
  const first = faces[0] ?? collection.fonts[0];
  if (!first) throw new CjkFontError(`${file}: the collection holds no fonts`);
  return first;
}

export type CjkFace = { font: Font; file: string; postscriptName: string };

// Opening a 19 MB collection costs ~30 ms; it is done once per file for the life of the process.
const facesByFile = new Map<string, CjkFace>();

export function openCjkFace(file: string): CjkFace {
  const known = facesByFile.get(file);
  if (known) return known;
  let opened: Font | FontCollection;
  try {
    opened = fontkit.openSync(file);
  } catch (error) {
    throw new CjkFontError(`${file}: not a font fontkit can read`, { cause: error });
  }
  const font = 'fonts' in opened ? pickFace(opened, file) : opened;
  if (!font.hasGlyphForCodePoint(0x4e2d /* 中 */)) throw new CjkFontError(`${file} (${font.postscriptName}) has no Chinese glyphs`);
  const face: CjkFace = { font: withPdfLibSubsetStream(font), file, postscriptName: font.postscriptName };
  facesByFile.set(file, face);
  return face;
}

// pdf-lib does not export its Fontkit type; this is what registerFontkit takes.
type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

export type CjkFonts = { regular: CjkFace; bold: CjkFace };

/** The CJK faces to draw labels with, or null when the machine has none. */
export function loadCjkFonts(env: NodeJS.ProcessEnv = process.env): CjkFonts | null {
  const files = findCjkFontFiles(env);
  if (!files) return null;
  const regular = openCjkFace(files.regular);
  return { regular, bold: files.bold ? openCjkFace(files.bold) : regular };
}

let systemRasterizer: ZplTextRasterizer | null = null;

/**
 * The rasteriser for renderZpl's opts.rasterize, drawing with the machine's CJK font. The font
 * is opened on the first line that needs it, so Latin-only labels never touch it and a bad
 * PACKBENCH_CJK_FONT fails only labels with Chinese on them. With no CJK font on the machine
 * every line is declined and goes to the printer as text.
 */
export function systemZplTextRasterizer(): ZplTextRasterizer {
  if (systemRasterizer) return systemRasterizer;
  let inner: ZplTextRasterizer | null | undefined;
  systemRasterizer = (text, capHeightDots, bold) => {
    if (inner === undefined) {
      const fonts = loadCjkFonts();
      inner = fonts ? zplTextRasterizer({ regular: fonts.regular.font, bold: fonts.bold.font }) : null;
    }
    return inner ? inner(text, capHeightDots, bold) : null;
  };
  return systemRasterizer;
}

/** Whether the face has a glyph for every visible character of the text. */
export function cjkFaceCovers(face: CjkFace, text: string): boolean {
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    if (!face.font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) return false;
  }
  return true;
}

type SubsetWithStream = ReturnType<Font['createSubset']> & {
  /** Glyph ids in subset order; fontkit's own field, read to build the subset ourselves. */
  glyphs?: number[];
  encodeStream?: () => { on(event: string, listener: (bytes?: Uint8Array) => void): unknown };
};

/** What this module reads of fontkit's font object beyond its typed API. */
type FontInternals = { stream?: { buffer?: Uint8Array }; directory?: { tables?: Record<string, { offset: number; length: number } | undefined> } };

type CffSubsetter = { source: CffSource; glyphs: Map<number, FlatGlyph> };

// Desubroutinised charstrings are a few hundred bytes per ideograph; the bound keeps a long
// day of varied addresses to a couple of megabytes.
const FLAT_GLYPH_CACHE_LIMIT = 8192;
const cffSubsetters = new WeakMap<Font, CffSubsetter | null>();

/** The face's CFF table read for cff-subset.ts, or null for TrueType outlines or a CFF it cannot take. */
function cffSubsetterFor(font: Font): CffSubsetter | null {
  const known = cffSubsetters.get(font);
  if (known !== undefined) return known;
  let subsetter: CffSubsetter | null = null;
  const { stream, directory } = font as unknown as FontInternals;
  const table = directory?.tables?.['CFF '];
  if (stream?.buffer && table) {
    try {
      subsetter = { source: readCffSource(stream.buffer.subarray(table.offset, table.offset + table.length)), glyphs: new Map() };
    } catch {
      // Whatever this reader cannot make sense of, fontkit's subsetter still can, only slower.
      subsetter = null;
    }
  }
  cffSubsetters.set(font, subsetter);
  return subsetter;
}

function flatGlyph(subsetter: CffSubsetter, gid: number): FlatGlyph {
  const known = subsetter.glyphs.get(gid);
  if (known) return known;
  const glyph = { fd: subsetter.source.fdForGlyph(gid), charString: flattenCharString(subsetter.source, gid) };
  if (subsetter.glyphs.size >= FLAT_GLYPH_CACHE_LIMIT) subsetter.glyphs.delete(subsetter.glyphs.keys().next().value ?? -1);
  subsetter.glyphs.set(gid, glyph);
  return glyph;
}

// fontkit's own subsetter, for TrueType faces (the fallback fonts) and any CFF cff-subset.ts
// declines: it costs ~30 ms per Noto subset whatever its size (it keeps all 45 000 subroutine
// slots), so its output is kept by glyph set, ~100 kB each, bounded.
const SUBSET_CACHE_LIMIT = 32;
const encodedSubsets = new Map<string, Uint8Array>();

function encodeWithFontkit(font: Font, subset: SubsetWithStream): Uint8Array {
  const key = subset.glyphs ? `${font.postscriptName}|${subset.glyphs.join(',')}` : null;
  const known = key === null ? undefined : encodedSubsets.get(key);
  if (known) return known;
  const bytes = subset.encode();
  if (key !== null) {
    if (encodedSubsets.size >= SUBSET_CACHE_LIMIT) encodedSubsets.delete(encodedSubsets.keys().next().value ?? '');
    encodedSubsets.set(key, bytes);
  }
  return bytes;
}

function encodeSubset(font: Font, subset: SubsetWithStream): Uint8Array {
  const subsetter = cffSubsetterFor(font);
  if (subsetter && subset.glyphs) {
    try {
      return writeCidCffSubset(subsetter.source, subset.glyphs.map((gid) => flatGlyph(subsetter, gid)));
    } catch (error) {
      // A glyph this writer cannot flatten: fontkit's slower subset is still a correct one.
      if (!(error instanceof CffSubsetUnsupported)) throw error;
    }
  }
  return encodeWithFontkit(font, subset);
}

// pdf-lib 1.17 was written against its own fork of fontkit 1.x and reads a subset through
// encodeStream(); fontkit 2 has encode() only. The fork is not used because its subsetter
// corrupts CJK fonts (a CID-keyed CFF comes out with an invalid offSize that poppler rejects,
// TrueType glyphs shift), fixed upstream in fontkit 1.8/1.9 (pdf-lib issue #1232). The shim
// hands pdf-lib the subset's bytes as a one-chunk stream.
function withPdfLibSubsetStream(font: Font): Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset: SubsetWithStream = createSubset();
    subset.encodeStream = () => {
      const stream = {
        on(event: string, listener: (bytes?: Uint8Array) => void) {
          if (event === 'data') listener(encodeSubset(font, subset));
          else if (event === 'end') listener();
          return stream;
        },
      };
      return stream;
    };
    return subset;
  };
  return font;
}

/**
 * A fontkit for pdf-lib's registerFontkit that hands back this already-open face. pdf-lib's
 * own create(bytes) cannot pick a face out of a collection (it has no postscript name to pass),
 * and would re-parse the file for every label. Embed with { subset: true } only: the full-font
 * embedder would write the bytes given to embedFont, and those are a placeholder.
 */
export function pdfLibFontkitFor(face: CjkFace): PdfLibFontkit {
  // pdf-lib declares its own structural copy of the fontkit 1.x Font type; fontkit 2's Font has
  // every member pdf-lib reads (layout, createSubset, glyph metrics, tables) but TypeScript
  // cannot see the two declarations as the same type.
  return { create: () => face.font as unknown as ReturnType<PdfLibFontkit['create']> };
}
