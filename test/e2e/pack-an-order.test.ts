import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSummary, PackView } from '../../shared/contract';
import { startFakePrinter } from '../support/fake-printer';
import type { FakePrinter } from '../support/fake-printer';
import { tempDir } from '../support/temp';
import { requireTool } from '../support/tools';
import { renderZplPng, scanBarcode } from '../support/zpl-render';

// The whole bench, as a packer uses it: browser mode started by its real command, the real
// renderer in Debian's Chromium, a raw TCP printer on loopback, and the printed ZPL read
// back by rendering it and decoding the barcode.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const CHROMIUM = '/usr/bin/chromium';

function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing (Debian: apt-get install chromium); CI must run the end-to-end tests`);
  console.warn(`skipping end-to-end tests: ${CHROMIUM} is not installed (Debian: apt-get install chromium)`);
  return false;
}

const ready = chromiumAvailable() && requireTool('zbarimg', 'zbar-tools');

type Served = { process: ChildProcess; url: string; origin: string; token: string };

async function startBrowserMode(dbPath: string): Promise<Served> {
  const child = spawn(process.execPath, ['bin/packbench.mjs', 'serve', '--port', '0', '--db', dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its address:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return { process: child, url, origin: parsed.origin, token: parsed.hash.replace('#token=', '') };
}

describe.skipIf(!ready)('packing one demo order end to end in Chromium', () => {
  let dir: ReturnType<typeof tempDir>;
  let served: Served;
  let printer: FakePrinter;
  let browser: Browser;
  let page: Page;

  async function api<T>(channel: string, input: unknown): Promise<T> {
    const res = await fetch(`${served.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
      body: JSON.stringify(input),
    });
    const result = (await res.json()) as { ok: boolean; value?: T; error?: { code: string } };
    if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
    return result.value as T;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = tempDir();
    printer = await startFakePrinter();
    served = await startBrowserMode(dir.file('bench.db'));
    await api('settings:update', { language: 'en', printer: { mode: 'tcp', host: '127.0.0.1', port: printer.port } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGTERM');
    await printer?.close();
    dir?.remove();
  });

  it('shows the demo orders, opens one by its scanned id, verifies every unit, and prints a label that scans', async () => {
    await page.goto(served.url);
    await page.getByTestId('queue-row').first().waitFor();
    expect(await page.getByTestId('queue-row').count()).toBe(40);
    // The token left the address bar once the page had it.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(ARTIFACTS, 'queue.png'), fullPage: false });

    const queue = await api<OrderSummary[]>('orders:queue', {});
    const order = queue.find((candidate) => candidate.flags.length === 0 && candidate.unitCount >= 2) as OrderSummary;
    const firstRowId = await page.getByTestId('queue-row').first().getAttribute('data-order-id');
    expect(firstRowId).toBe(queue[0]?.orderId);

    // A keyboard-wedge scanner types the order id fast and ends with Enter.
    await page.getByTestId('order-scan-input').focus();
    await page.keyboard.type(order.orderId, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByTestId('pack-scan-input').waitFor();

    const view = await api<PackView>('pack:open', { orderId: order.orderId });
    const scanInput = page.getByTestId('pack-scan-input');
    // A wrong barcode first: the error stays on screen until acknowledged.
    await scanInput.focus();
    await page.keyboard.type('NOT-IN-ANY-ORDER', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByTestId('scan-error').waitFor();
    await page.waitForTimeout(2500);
    expect(await page.getByTestId('scan-error').isVisible()).toBe(true);
    await page.getByTestId('scan-error-ack').click();
    await page.getByTestId('scan-error').waitFor({ state: 'detached' });

    for (const line of view.lines) {
      for (let unit = 0; unit < line.quantity; unit += 1) {
        await scanInput.focus();
        await page.keyboard.type(line.gtin ?? line.sku, { delay: 5 });
        await page.keyboard.press('Enter');
        await page.locator(`[data-testid="pack-line"][data-sku="${line.sku}"]`).getByText(`${unit + 1} / ${line.quantity}`).waitFor();
      }
    }

    await page.getByTestId('box-BOX-M').click();
    await page.getByTestId('weight-input').fill('0.85 kg');
    await page.getByTestId('weight-input').press('Enter');
    await page.getByTestId('service-CNPOST-REG-SP').click();
    await page.screenshot({ path: join(ARTIFACTS, 'pack-before-print.png'), fullPage: true });
    await page.getByTestId('print-label').click();

    const trackingText = (await page.getByTestId('tracking-number').textContent({ timeout: 30_000 })) ?? '';
    const tracking = trackingText.replace(/\s+/g, '');
    expect(tracking).toMatch(/^RR\d{9}CN$/);
    await page.locator('[data-testid="print-state"][data-state="printed"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'pack.png'), fullPage: true });

    // The printer received the label; render it as a 203 dpi printer would and scan it.
    const [zpl] = await printer.waitForJobs(1);
    const pngPath = join(ARTIFACTS, 'printed-label.png');
    writeFileSync(pngPath, await renderZplPng(zpl ?? '', 101.6, 152.4, 203));
    const decoded = scanBarcode(pngPath);
    expect(decoded).toBe(tracking);

    const stored = await api<PackView>('pack:open', { orderId: order.orderId });
    expect(stored.package.trackingNumber).toBe(tracking);
    expect(stored.order.status).toBe('packed');
  });

  it('switches the whole screen to Chinese', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-row').first().waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(ARTIFACTS, 'queue-zh.png') });
  });
});
