import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { PrinterSettings } from '../../shared/contract';

export type PrintOutcome = { ok: true } | { ok: false; error: string };

/** Where a print goes, said the way a packer would understand it on screen. */
export function describeTarget(printer: PrinterSettings): string {
  return printer.mode === 'tcp' ? `tcp://${printer.host}:${printer.port}` : `folder:${printer.folder}`;
}

/**
 * Sends raw bytes to a network label printer (port 9100). The job only counts as printed
 * when the socket has flushed every byte and closed cleanly; a refusal, a timeout or an
 * early close leaves it failed so it can be retried without a new tracking number.
 */
export function sendRawTcp(host: string, port: number, data: Uint8Array, timeoutMs: number): Promise<PrintOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PrintOutcome) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => finish({ ok: false, error: `printer at ${host}:${port} did not answer within ${timeoutMs} ms` }));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: `printer at ${host}:${port}: ${error.code ?? error.message}` }),
    );
    socket.on('connect', () => {
      socket.end(data, () => finish({ ok: true }));
    });
  });
}

/** Folder mode: written under a temporary name and renamed, so a half-written file never looks complete. */
export function writeToFolder(folder: string, fileName: string, data: Uint8Array): PrintOutcome {
  try {
    mkdirSync(folder, { recursive: true });
    const finalPath = join(folder, fileName);
    const partPath = `${finalPath}.part`;
    writeFileSync(partPath, data);
    renameSync(partPath, finalPath);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `cannot write label to ${folder}: ${(error as Error).message}` };
  }
}
