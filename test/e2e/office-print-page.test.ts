import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomsDeclaration, buildPackingSlip, DOCUMENT_PAGE_SIZES } from '../../shared/label/documents';
import { printHtml } from '../../shared/label/drawing';
import { launchChromium } from '../support/browser-mode';
import { tempDir } from '../support/temp';
import { scanBarcode } from '../support/zpl-render';

// The desktop app prints slips on an office printer by handing Chromium (Electron's engine) a
// page drawn from the document's models (electron/os-print.ts). Electron cannot run here, but
// Chromium's own print path can: the same HTML printed to PDF must have the paper size of the
// document, one sheet per page, the Chinese as text and a barcode that scans.

let browser: Browser;
const dir = tempDir();

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  dir.remove();
});

const SHIP_TO = { name: '王小明 Wang Xiaoming', lines: ['88 Example Ave', 'Apt 5'], city: 'Springfield', state: 'IL', postalCode: '62701', countryCode: 'US' };

async function printToPdf(html: string, widthMm: number, heightMm: number, name: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    // preferCSSPageSize: the page's own @page size is what Electron's print uses too.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, width: `${widthMm}mm`, height: `${heightMm}mm` });
    const file = dir.file(`${name}.pdf`);
    writeFileSync(file, pdf);
    return file;
  } finally {
    await page.close();
  }
}

function pageSizesMm(file: string): Array<[number, number]> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round((Number(m[1]) * 25.4) / 72), Math.round((Number(m[2]) * 25.4) / 72)]);
}

describe('the office-printer page of a document', () => {
  it('an A4 packing slip: one A4 sheet, the Chinese as text, the order id barcode scans at 150 and 300 dpi', async () => {
    const pages = buildPackingSlip(
      {
        orderId: '114-7654321-7654321',
        shipTo: SHIP_TO,
        packageIndex: 1,
        packageCount: 1,
        date: '2026-11-26',
        lines: [{ sku: 'PB-SOCK-3P', nameEn: 'Socks, 3 pairs', nameZh: '棉袜 3 双装', inPackage: 2, ordered: 2 }],
        trackingNumber: 'RR123456785CN',
      },
      DOCUMENT_PAGE_SIZES.a4,
    );
    const file = await printToPdf(printHtml(pages, 'Packing slip 114-7654321-7654321'), 210, 297, 'slip-a4');
    expect(pageSizesMm(file)).toEqual([[210, 297]]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('棉袜 3 双装');
    expect(text).toContain('王小明');
    for (const dpi of [150, 300]) {
      const prefix = dir.file(`slip-a4-${dpi}`);
      execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', file, prefix]);
      expect(scanBarcode(`${prefix}.png`)).toBe('114-7654321-7654321');
    }
  });

  it('a CN23 of two A4 pages prints as two sheets of A4', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({ descriptionEn: `Cotton socks model ${i + 1}`, quantity: 1, netWeightG: 80, valueMinor: 500, hsCode: '611595', originCountry: 'CN' }));
    const pages = buildCustomsDeclaration(
      {
        form: 'CN23',
        operatorName: 'China Post',
        category: 'merchandise',
        currency: 'USD',
        lines,
        grossWeightG: 2600,
        sender: { name: '深圳演示贸易有限公司', lines: ['科技路 18 号'], city: 'Shenzhen', state: 'Guangdong', postalCode: '518057', countryCode: 'CN' },
        addressee: SHIP_TO,
        date: '2026-11-26',
        trackingNumber: 'RR123456785CN',
        invoiceNumber: '114-7654321-7654321',
      },
      DOCUMENT_PAGE_SIZES.a4,
    );
    expect(pages.length).toBeGreaterThan(1);
    const file = await printToPdf(printHtml(pages, 'Customs declaration'), 210, 297, 'cn23');
    expect(pageSizesMm(file)).toEqual(pages.map(() => [210, 297]));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('深圳演示贸易有限公司');
  });
});
