import { BrowserWindow } from 'electron';
import { printHtml } from '../shared/label/drawing';
import type { OsPrinter, PrintOutcome } from './services/printer';

/**
 * Office printing in the desktop app: the document's pages, drawn as SVG in a print-ready page
 * (shared/label/drawing.ts), are loaded into a hidden window with no script, no preload and no
 * node, and printed silently with Electron's print API on the chosen printer ('' = the
 * system's default), at the paper size of the document and without margins. Electron only
 * reports success or its failure reason; the bench stores either on the job.
 *
 * Hazard: Chromium validates custom page sizes against the printer; a printer that cannot take
 * the size fails with "Invalid printer settings", which is shown to the packer as such.
 */
export function createElectronOsPrinter(): OsPrinter {
  return async (job) => {
    const first = job.pages[0];
    if (!first) return { ok: false, error: 'OS_PRINT_FAILED: the document has no page.' };
    const window = new BrowserWindow({
      show: false,
      width: 800,
      height: 1000,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
    });
    try {
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(printHtml(job.pages, job.title))}`);
      return await new Promise<PrintOutcome>((resolve) => {
        window.webContents.print(
          {
            silent: true,
            printBackground: true,
            ...(job.printer === '' ? {} : { deviceName: job.printer }),
            margins: { marginType: 'none' },
            // Microns, as Electron wants them.
            pageSize: { width: Math.round(first.widthMm * 1000), height: Math.round(first.heightMm * 1000) },
          },
          (success, failureReason) =>
            resolve(success ? { ok: true } : { ok: false, error: `OS_PRINT_FAILED: ${job.printer === '' ? 'the default printer' : job.printer}: ${failureReason || 'print job failed'}` }),
        );
      });
    } catch (error) {
      return { ok: false, error: `OS_PRINT_FAILED: ${(error as Error).message}` };
    } finally {
      window.destroy();
    }
  };
}
