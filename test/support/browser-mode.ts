import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

// Browser mode started by its real command, and Debian's Chromium driven by playwright-core:
// what the end-to-end tests and the screen benchmarks share.

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing (Debian: apt-get install chromium); CI must run the end-to-end tests`);
  console.warn(`skipping end-to-end tests: ${CHROMIUM} is not installed (Debian: apt-get install chromium)`);
  return false;
}

export type Served = { process: ChildProcess; url: string; origin: string; token: string; stop: () => Promise<void> };

export async function startBrowserMode(dbPath: string): Promise<Served> {
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
  return {
    process: child,
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Calls the station's API as the page does (with the launch token). */
export async function callApi<T>(served: Served, channel: string, input: unknown): Promise<T> {
  const res = await fetch(`${served.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
    body: JSON.stringify(input),
  });
  const result = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code} ${result.error?.message}`);
  return result.value as T;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Types a code the way a keyboard-wedge scanner does: a burst of keys a few milliseconds
 * apart, then Enter. Chromium delays the very first synthetic key after a load, so a
 * modifier goes first to get that out of the way.
 */
export async function scanWithWedge(page: Page, code: string): Promise<void> {
  await page.keyboard.press('Shift');
  await page.keyboard.type(code, { delay: 4 });
  await page.keyboard.press('Enter');
}

/** Signs in by scanning a badge on the sign-in screen. */
export async function signInWithBadge(page: Page, badge: string): Promise<void> {
  await page.getByTestId('sign-in-screen').waitFor();
  // On a loaded machine Chromium can space the synthetic keys wider than a scanner would, and
  // the burst is then read as typing; a packer would simply scan the badge again.
  for (let attempt = 1; ; attempt += 1) {
    await scanWithWedge(page, badge);
    try {
      await page.getByTestId('operator-name').waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
