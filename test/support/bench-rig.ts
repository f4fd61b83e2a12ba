import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, callApi, launchChromium, startBrowserMode } from './browser-mode';
import type { Served } from './browser-mode';
import { startFakePrinter } from './fake-printer';
import type { FakePrinter } from './fake-printer';
import { tempDir } from './temp';

export const E2E_ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');

export type BenchRig = {
  dir: ReturnType<typeof tempDir>;
  served: Served;
  printer: FakePrinter;
  browser: Browser;
  page: Page;
  api: <T>(channel: string, input: unknown) => Promise<T>;
  stop: () => Promise<void>;
};

/**
 * A whole bench for an end-to-end test: browser mode on a fresh demo database, a raw TCP
 * printer on loopback, English on screen, and Chromium on the sign-in screen. `prepare` runs
 * as a supervisor before the packer signs in at the screen.
 */
export async function startBenchRig(options: { viewport: { width: number; height: number }; prepare?: (api: BenchRig['api']) => Promise<void> }): Promise<BenchRig> {
  mkdirSync(E2E_ARTIFACTS, { recursive: true });
  const dir = tempDir();
  const printer = await startFakePrinter();
  const served = await startBrowserMode(dir.file('bench.db'));
  const api = <T>(channel: string, input: unknown) => callApi<T>(served, channel, input);
  await api('operators:signIn', { badge: 'OP-9001' });
  // Playwright's synthetic keys come 4 ms apart, but a loaded 2-core machine delivers them
  // spaced far wider than any scanner would; the bench's own scanner setting allows for that.
  await api('settings:update', { language: 'en', printer: { mode: 'tcp', host: '127.0.0.1', port: printer.port }, scanner: { maxInterKeyMs: 150 } });
  await options.prepare?.(api);
  // The packer signs in at the screen, with a badge.
  await api('operators:signOut', {});
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport });
  return {
    dir,
    served,
    printer,
    browser,
    page,
    api,
    stop: async () => {
      await browser.close();
      await served.stop();
      await printer.close();
      dir.remove();
    },
  };
}
