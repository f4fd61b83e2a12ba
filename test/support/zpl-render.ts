import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import type * as ZplRenderer from 'zpl-renderer-js';
import { PRINTER_DOTS_PER_MM } from '../../shared/label/label-model';
import type { PrinterDpi } from '../../shared/label/label-model';

type ZplRendererModule = typeof ZplRenderer;

let api: Promise<ZplRendererModule['ready'] extends Promise<infer R> ? R : never> | null = null;

/**
 * Renders ZPL to a PNG the way a printer of that resolution would print it. The package
 * inlines ~9 MB of WASM: it is loaded once, on first use, and through Node's own loader, so
 * vitest neither transforms it nor looks for the source map it does not ship.
 */
export async function renderZplPng(zpl: string, widthMm: number, heightMm: number, dpi: PrinterDpi): Promise<Buffer> {
  api ??= (createRequire(import.meta.url)('zpl-renderer-js') as ZplRendererModule).ready;
  const { api: renderer } = await api;
  // zebrash sizes its canvas with whole dots per mm; 11.81 would become 11 and crop the
  // right-hand 7 % of a 300 dpi label, so round up and let the canvas have a white rim.
  const png = await renderer.zplToBase64Async(zpl, widthMm, heightMm, Math.ceil(PRINTER_DOTS_PER_MM[dpi]));
  return Buffer.from(png, 'base64');
}

/** The barcode text zbarimg reads from an image, as a hand scanner would. */
export function scanBarcode(pngPath: string): string {
  try {
    return execFileSync('zbarimg', ['--raw', '-q', '--nodbus', pngPath], { encoding: 'utf8' }).replace(/\n$/, '');
  } catch (error) {
    throw new Error(`zbarimg found no barcode in ${pngPath}`, { cause: error });
  }
}

export type ScannedSymbol = { type: string; data: string };

/**
 * Every symbol zbarimg finds, with its type (CODE-128, QR-Code…) and exact bytes: a GS1-128
 * separator comes back as GS (0x1D), which the plain scanBarcode output would hide among
 * several symbols. zbarimg reports a leading FNC1 as modifiers='GS1' rather than in the data.
 */
export function scanBarcodes(pngPath: string): (ScannedSymbol & { gs1: boolean })[] {
  let xml: string;
  try {
    xml = execFileSync('zbarimg', ['--xml', '-q', '--nodbus', pngPath], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`zbarimg found no barcode in ${pngPath}`, { cause: error });
  }
  const symbols: (ScannedSymbol & { gs1: boolean })[] = [];
  for (const match of xml.matchAll(/<symbol type='([^']+)'([^>]*)><data( format='base64')?[^>]*><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)) {
    const [, type = '', attrs = '', base64, text = ''] = match;
    const data = base64 ? Buffer.from(text, 'base64').toString('latin1') : text;
    symbols.push({ type, data, gs1: /modifiers='[^']*GS1/.test(attrs) });
  }
  return symbols;
}

/** The Data Matrix text dmtxread (Debian dmtx-utils) reads from an image; zbar reads none. */
export function readDataMatrix(pngPath: string): string {
  try {
    return execFileSync('dmtxread', ['-N1', '-m', '60000', pngPath], { encoding: 'latin1' });
  } catch (error) {
    throw new Error(`dmtxread found no Data Matrix in ${pngPath}`, { cause: error });
  }
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A module matrix as a greyscale PNG, scale pixels a module, with a light quiet zone around it. */
export function matrixPng(modules: readonly (readonly boolean[])[], scale: number, quietModules: number): Buffer {
  const width = ((modules[0]?.length ?? 0) + 2 * quietModules) * scale;
  const height = (modules.length + 2 * quietModules) * scale;
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const row = Math.floor(y / scale) - quietModules;
      const col = Math.floor(x / scale) - quietModules;
      if (modules[row]?.[col]) raw[y * (width + 1) + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Bar widths (bar first) as one row of modules repeated to the given height. */
export function barsToMatrix(widths: readonly number[], heightModules: number): boolean[][] {
  const row: boolean[] = [];
  widths.forEach((w, i) => {
    for (let k = 0; k < w; k++) row.push(i % 2 === 0);
  });
  return Array.from({ length: heightModules }, () => row);
}
