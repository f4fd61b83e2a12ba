import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTarget, osPrintThroughCups, sendToCups } from '../../electron/services/printer';
import { renderPagesPdf } from '../../electron/services/manifest-service';
import { buildPackingSlip } from '../../shared/label/documents';

// Printing through a CUPS raw queue with `lp -o raw`. `.ci/run` installs CUPS, starts cupsd
// and creates the queue `packbench-test` pointing at socket://127.0.0.1:9109, where this test
// listens as the printer. On a developer machine without them the CUPS cases are skipped;
// on CI they are required, so a broken setup cannot pass as a skip.

const QUEUE = 'packbench-test';
const PRINTER_PORT = 9109;

function cupsReady(): { ready: true } | { ready: false; why: string } {
  const lp = spawnSync('lp', ['-h'], { encoding: 'utf8' });
  if (lp.error) return { ready: false, why: 'lp is not installed' };
  const scheduler = spawnSync('lpstat', ['-r'], { encoding: 'utf8' });
  if (!/scheduler is running/.test(scheduler.stdout ?? '')) return { ready: false, why: 'cupsd is not running' };
  const queue = spawnSync('lpstat', ['-v', QUEUE], { encoding: 'utf8' });
  if (!(queue.stdout ?? '').includes(`socket://127.0.0.1:${PRINTER_PORT}`)) return { ready: false, why: `queue ${QUEUE} does not point at 127.0.0.1:${PRINTER_PORT}` };
  return { ready: true };
}

const cups = cupsReady();
const required = process.env['CI'] === 'true';
if (!cups.ready && !required) console.info(`cups.test: CUPS cases skipped (${cups.why}); .ci/run sets them up.`);

describe('the CUPS raw queue', () => {
  it('is set up on CI', () => {
    if (required) expect(cups).toEqual({ ready: true });
  });

  describe.skipIf(!cups.ready && !required)('printing through lp', () => {
    let server: Server;
    const jobs: Buffer[] = [];
    const waiters: Array<() => void> = [];

    beforeAll(async () => {
      server = createServer((socket) => {
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => {
          jobs.push(Buffer.concat(chunks));
          socket.end();
          for (const wake of waiters.splice(0)) wake();
        });
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => server.listen(PRINTER_PORT, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    async function nextJob(timeoutMs: number): Promise<Buffer> {
      if (jobs.length === 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no job reached the printer within ${timeoutMs} ms`)), timeoutMs);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return jobs.shift() as Buffer;
    }

    it('a label goes through lp -o raw and reaches the printer byte for byte', async () => {
      // UTF-8 text, CR LF and a hex-escaped field: anything a filter might touch.
      const label = Buffer.from('^XA^CI28\r\n^FO20,20^A@N,40,40^FD深圳市 Müller^FS\r\n^FO20,80^FH^FD_7E tilde^FS\r\n^XZ\r\n', 'utf8');
      const outcome = await sendToCups(QUEUE, label);
      expect(outcome).toMatchObject({ ok: true, requestId: expect.stringMatching(new RegExp(`^${QUEUE}-\\d+$`)) });
      const received = await nextJob(20_000);
      expect(received.equals(label)).toBe(true);
    });

    it('a slip for an office printer goes to CUPS as a document (not raw) and arrives whole', async () => {
      const pages = buildPackingSlip({
        orderId: '114-1234567-1234567',
        shipTo: { name: '王小明', lines: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701', countryCode: 'US' },
        packageIndex: 1,
        packageCount: 1,
        date: '2026-11-26',
        lines: [{ sku: 'PB-SOCK-3P', nameEn: 'Socks, 3 pairs', nameZh: '袜子 3 双', inPackage: 2, ordered: 2 }],
        trackingNumber: 'RR123456785CN',
      });
      const pdf = await renderPagesPdf(pages, 'Packing slip 114-1234567-1234567');
      const outcome = await osPrintThroughCups({ title: 'Packing slip 114-1234567-1234567', printer: QUEUE, pdf, pages });
      expect(outcome).toEqual({ ok: true, requestId: expect.stringMatching(new RegExp(`^${QUEUE}-\\d+$`)) });
      // A raw queue has no driver, so CUPS hands the PDF on as it is; a real office queue converts it.
      const received = await nextJob(20_000);
      expect(received.equals(Buffer.from(pdf))).toBe(true);
    });

    it('an unknown queue is refused with lp’s own reason', async () => {
      const outcome = await sendToCups('packbench-no-such-queue', Buffer.from('^XA^XZ'));
      expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/^CUPS_FAILED: .*packbench-no-such-queue/) });
    });
  });
});

describe('sending to CUPS without CUPS', () => {
  it('says that lp is missing instead of failing obscurely', async () => {
    const outcome = await sendToCups(QUEUE, Buffer.from('^XA^XZ'), { lpPath: '/nonexistent/lp' });
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^CUPS_UNAVAILABLE: /) });
  });

  it('a CUPS target is described for the print job log', () => {
    expect(describeTarget({ mode: 'cups', queue: QUEUE, host: '127.0.0.1', port: 9100, folder: '', share: '' })).toBe('cups:packbench-test');
  });
});
