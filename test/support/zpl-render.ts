import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
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
