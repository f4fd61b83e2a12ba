import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { PrinterSettings } from '../../shared/contract';
import type { LabelModel } from '../../shared/label/label-model';

export type PrintOutcome = { ok: true } | { ok: false; error: string };

/** Where a print goes, said the way a packer would understand it on screen. */
export function describeTarget(printer: Pick<PrinterSettings, 'mode' | 'host' | 'port' | 'queue' | 'folder' | 'share'>): string {
  switch (printer.mode) {
    case 'tcp':
      return `tcp://${printer.host}:${printer.port}`;
    case 'cups':
      return `cups:${printer.queue}`;
    case 'windows-share':
      return `share:${printer.share}`;
    case 'folder':
      return `folder:${printer.folder}`;
  }
}

const WRITE_CHUNK = 64 * 1024;

/**
 * Sends raw bytes to a network label printer (port 9100). The job only counts as printed
 * when every byte was handed over, our side was closed, and the printer then closed its side
 * cleanly: a Zebra closes the connection once it has read the job to the end. Seeing that
 * close is the only proof TCP gives that the bytes were read and not left in a buffer of a
 * printer that has gone away, so a refusal, an early close, a reset or a silence past the
 * timeout leaves the job failed and retryable with the same tracking number.
 *
 * Each error starts with a code (`PRINTER_REFUSED:`, `PRINTER_TIMEOUT:`, …) that the bench
 * and the log can match on, followed by a sentence for the packer.
 */
export function sendRawTcp(host: string, port: number, data: Uint8Array, timeoutMs: number): Promise<PrintOutcome> {
  const where = `printer at ${host}:${port}`;
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    let allSent = false;
    let sent = 0;
    const finish = (outcome: PrintOutcome) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    // allowHalfOpen: the printer's close must not end our side before every byte is out;
    // we end it ourselves once the data is written.
    const socket = connect({ host, port, allowHalfOpen: true });
    // An idle timeout, not a deadline: a large graphic label over a slow link keeps moving.
    socket.setTimeout(timeoutMs, () => {
      if (!connected) finish({ ok: false, error: `PRINTER_TIMEOUT: ${where} did not accept a connection within ${timeoutMs} ms.` });
      else if (!allSent)
        finish({ ok: false, error: `PRINTER_TIMEOUT: ${where} stopped reading after ${sent} of ${data.byteLength} bytes (${timeoutMs} ms without progress).` });
      else
        finish({
          ok: false,
          // The printer may have the job in its buffer: the packer should look before retrying.
          error: `PRINTER_TIMEOUT: ${where} took the label but did not confirm it within ${timeoutMs} ms; check the printer before retrying.`,
        });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, error: socketError(error, where, connected, sent, data.byteLength) }));
    socket.on('connect', () => {
      connected = true;
      // In chunks, each counted when the kernel has it: `bytesWritten` also counts what is
      // still queued in Node, so it cannot say how far a dropped job got.
      for (let at = 0; at < data.byteLength; at += WRITE_CHUNK) {
        const chunk = data.subarray(at, at + WRITE_CHUNK);
        socket.write(chunk, (error) => {
          if (!error) sent += chunk.byteLength;
        });
      }
      socket.end(() => {
        allSent = true;
      });
    });
    socket.on('end', () => {
      // The printer's close before our last byte went out means it dropped the job part-way.
      if (!allSent) {
        finish({ ok: false, error: `PRINTER_CLOSED_EARLY: ${where} closed the connection after ${sent} of ${data.byteLength} bytes.` });
      }
    });
    socket.on('close', (hadError) => {
      if (hadError) return; // 'error' has already told the reason.
      if (allSent) finish({ ok: true });
      else finish({ ok: false, error: `PRINTER_CLOSED_EARLY: ${where} closed the connection after ${sent} of ${data.byteLength} bytes.` });
    });
  });
}

function socketError(error: NodeJS.ErrnoException, where: string, connected: boolean, sent: number, total: number): string {
  const code = error.code ?? error.message;
  if (!connected) {
    if (code === 'ECONNREFUSED') return `PRINTER_REFUSED: ${where} refused the connection (ECONNREFUSED): is it switched on, and is the port right?`;
    if (code === 'ETIMEDOUT') return `PRINTER_TIMEOUT: ${where} did not accept a connection (ETIMEDOUT).`;
    return `PRINTER_UNREACHABLE: ${where} cannot be reached (${code}).`;
  }
  // A reset or a broken pipe after connecting: the printer let go of the job before the end.
  if (sent < total) return `PRINTER_CLOSED_EARLY: ${where} dropped the connection after ${sent} of ${total} bytes (${code}).`;
  // Every byte left this machine, but the printer reset instead of closing: it did not read them all.
  return `PRINTER_CLOSED_EARLY: ${where} dropped the connection before taking the whole label (${total} bytes sent, ${code}).`;
}

// --- Printer status (ZPL ~HS) ----------------------------------------------------------------

export type PrinterStatus =
  | {
      reachable: true;
      paperOut: boolean;
      paused: boolean;
      headOpen: boolean;
      ribbonOut: boolean;
      bufferFull: boolean;
      partialFormat: boolean;
      underTemperature: boolean;
      overTemperature: boolean;
      corruptRam: boolean;
      labelLengthDots: number;
      formatsInBuffer: number;
      labelsRemaining: number;
      /** True when none of the conditions above stops a label from printing. */
      ready: boolean;
      raw: string[];
    }
  | { reachable: false; error: string };

const STX = '\u0002';
const ETX = '\u0003';

/**
 * Parses the three lines a ZPL printer sends back for `~HS` (Host Status Return). Field
 * positions, from the ZPL II Programming Guide, "~HS Host Status Return":
 *
 *   String 1: <STX>aaa,b,c,dddd,eee,f,g,h,iii,j,k,l<ETX><CR><LF>
 *     [1] b paper out, [2] c pause, [3] dddd label length in dots, [4] eee formats in the
 *     receive buffer, [5] f receive buffer full, [7] h partial format in progress,
 *     [9] j corrupt RAM, [10] k under temperature, [11] l over temperature.
 *   String 2: <STX>mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www<ETX><CR><LF>
 *     [2] o head up (open), [3] p ribbon out, [7] t label waiting (peel-off),
 *     [8] uuuuuuuu labels remaining in batch.
 *   String 3: <STX>xxxx,y<ETX><CR><LF> (password and static RAM; not used here).
 *
 * Returns null when the reply is not three complete strings of the expected shape.
 */
export function parseHostStatus(reply: string): Extract<PrinterStatus, { reachable: true }> | null {
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const start = reply.indexOf(STX, at);
    if (start < 0) break;
    const end = reply.indexOf(ETX, start + 1);
    if (end < 0) break;
    lines.push(reply.slice(start + 1, end));
    at = end + 1;
  }
  if (lines.length < 3) return null;
  const one = (lines[0] ?? '').split(',').map((field) => field.trim());
  const two = (lines[1] ?? '').split(',').map((field) => field.trim());
  if (one.length < 12 || two.length < 9) return null;
  const flag = (fields: string[], index: number) => fields[index] === '1';
  const count = (fields: string[], index: number) => {
    const value = Number.parseInt(fields[index] ?? '', 10);
    return Number.isFinite(value) ? value : 0;
  };
  const status = {
    reachable: true as const,
    paperOut: flag(one, 1),
    paused: flag(one, 2),
    labelLengthDots: count(one, 3),
    formatsInBuffer: count(one, 4),
    bufferFull: flag(one, 5),
    partialFormat: flag(one, 7),
    corruptRam: flag(one, 9),
    underTemperature: flag(one, 10),
    overTemperature: flag(one, 11),
    headOpen: flag(two, 2),
    ribbonOut: flag(two, 3),
    labelsRemaining: count(two, 8),
    raw: lines.slice(0, 3),
  };
  const ready = !status.paperOut && !status.paused && !status.headOpen && !status.ribbonOut && !status.bufferFull && !status.overTemperature;
  return { ...status, ready };
}

/**
 * Asks a ZPL printer for its status with `~HS` over raw TCP. Hazard: many Zebra models send
 * no answer at all while the media is out, the ribbon is out or the head is open, so silence
 * from a printer that accepted the connection is reported as such, not as "switched off".
 */
export function printerStatus(host: string, port: number, timeoutMs: number): Promise<PrinterStatus> {
  const where = `printer at ${host}:${port}`;
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    let reply = '';
    const finish = (status: PrinterStatus) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve(status);
    };
    const socket = connect({ host, port });
    // A deadline for the whole exchange: a printer that trickles bytes must not hold the bench.
    const deadline = setTimeout(() => {
      finish({
        reachable: false,
        error: connected
          ? `PRINTER_NO_STATUS: ${where} accepted the connection but sent no status within ${timeoutMs} ms (a Zebra stays silent when out of labels or ribbon, or with the head open).`
          : `PRINTER_TIMEOUT: ${where} did not accept a connection within ${timeoutMs} ms.`,
      });
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ reachable: false, error: socketError(error, where, connected, 0, 0) }));
    socket.on('connect', () => {
      connected = true;
      socket.write('~HS');
    });
    socket.on('data', (chunk: string) => {
      reply += chunk;
      const status = parseHostStatus(reply);
      if (status) finish(status);
    });
    socket.on('close', () =>
      finish({ reachable: false, error: `PRINTER_NO_STATUS: ${where} closed the connection without a complete status reply (${JSON.stringify(reply.slice(0, 80))}).` }),
    );
  });
}

// --- CUPS raw queue -------------------------------------------------------------------------

export type CupsOutcome = { ok: true; requestId: string | null } | { ok: false; error: string };

/**
 * Prints raw bytes through a CUPS queue with `lp -d QUEUE -o raw`, the data on stdin so no
 * temporary file holds a label. With `raw: false` CUPS converts the data (a PDF) for the
 * printer, as for any office document; an empty queue name is the system's default printer. Hazard: exit 0 means CUPS has queued the job, not that the
 * printer has taken it; CUPS keeps and retries it from then on, which is why the job is
 * counted as sent and never sent a second time by the bench.
 */
export function sendToCups(
  queue: string,
  data: Uint8Array,
  options: { lpPath?: string; timeoutMs?: number; raw?: boolean; title?: string } = {},
): Promise<CupsOutcome> {
  const lpPath = options.lpPath ?? 'lp';
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: CupsOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    // An argument list, never a shell: the queue name comes from settings.
    const child = spawn(lpPath, [...(queue === '' ? [] : ['-d', queue]), ...(options.title ? ['-t', options.title] : []), ...(options.raw === false ? [] : ['-o', 'raw'])], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ ok: false, error: `CUPS_TIMEOUT: ${lpPath} did not finish within ${timeoutMs} ms for queue ${queue}.` });
    }, timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        error: error.code === 'ENOENT' ? `CUPS_UNAVAILABLE: ${lpPath} is not installed (install cups-client).` : `CUPS_FAILED: ${lpPath}: ${error.message}`,
      }),
    );
    // EPIPE when lp exits before reading stdin (unknown queue): its exit code says why.
    child.stdin.on('error', () => undefined);
    child.on('close', (code, signal) => {
      if (code === 0) {
        // "request id is QUEUE-42 (1 file(s))"
        const requestId = /request id is (\S+)/.exec(stdout)?.[1] ?? null;
        finish({ ok: true, requestId });
      } else {
        const reason = stderr.trim() || `exit ${code ?? signal ?? 'unknown'}`;
        finish({ ok: false, error: `CUPS_FAILED: ${lpPath} -d ${queue}: ${reason}` });
      }
    });
    child.stdin.end(data);
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

// --- Windows shared printer ---------------------------------------------------------------

/** \\HOST\PRINTER: a server and a share name, nothing more. */
export function isWindowsSharePath(path: string): boolean {
  return /^\\\\[^\\/:*?"<>|\s][^\\/:*?"<>|]*\\[^\\/:*?"<>|]+$/.test(path);
}

export type WindowsShareOptions = {
  /** process.platform, injectable so the byte path can be tested on Linux. */
  platform?: NodeJS.Platform;
  /** Opens the path for writing (fs.openSync by default); a test may point it elsewhere. */
  open?: (path: string) => number;
};

/**
 * Sends raw bytes to a printer shared by Windows, by writing them to \\HOST\PRINTER: the
 * spooler takes a write to a printer share as a raw job, exactly like `copy /b label.zpl
 * \\HOST\PRINTER`. The job counts as printed once the spooler has accepted every byte and the
 * handle closed; from then on Windows keeps and retries it (as CUPS does after `lp`).
 */
export function sendToWindowsShare(share: string, data: Uint8Array, options: WindowsShareOptions = {}): PrintOutcome {
  const platform = options.platform ?? process.platform;
  if (platform !== 'win32') {
    return { ok: false, error: `WINDOWS_SHARE_UNSUPPORTED: a Windows shared printer (${share}) can only be printed to from Windows; on this machine use TCP or CUPS.` };
  }
  if (!isWindowsSharePath(share)) {
    return { ok: false, error: `WINDOWS_SHARE_INVALID: "${share}" is not a shared printer path; write it as \\\\COMPUTER\\PRINTER.` };
  }
  let fd: number | null = null;
  let written = 0;
  try {
    fd = (options.open ?? ((path) => openSync(path, 'w')))(share);
    while (written < data.byteLength) written += writeSync(fd, data, written, data.byteLength - written);
    closeSync(fd);
    fd = null;
    return { ok: true };
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // The write's error is the one worth reporting.
      }
    }
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    if (code === 'ENOENT') return { ok: false, error: `PRINTER_UNREACHABLE: the shared printer ${share} does not exist or its computer cannot be reached (${code}).` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, error: `PRINTER_REFUSED: Windows refused access to ${share} (${code}); check the share's permissions.` };
    return { ok: false, error: `PRINTER_CLOSED_EARLY: ${share} stopped after ${written} of ${data.byteLength} bytes (${code}).` };
  }
}

// --- One entry for the label printer --------------------------------------------------------

/**
 * Sends raw printer language (ZPL) to the label printer as configured. `fileName` names the
 * file in folder mode.
 */
export async function sendToLabelPrinter(printer: PrinterSettings, data: Uint8Array, fileName: string, title?: string): Promise<PrintOutcome> {
  switch (printer.mode) {
    case 'tcp':
      return sendRawTcp(printer.host, printer.port, data, printer.timeoutMs);
    case 'cups':
      return sendToCups(printer.queue, data, { timeoutMs: printer.timeoutMs, ...(title ? { title } : {}) });
    case 'windows-share':
      return sendToWindowsShare(printer.share, data);
    case 'folder':
      return writeToFolder(printer.folder, fileName, data);
  }
}

// --- Office printers -------------------------------------------------------------------------

/** A document for an office printer: its pages as drawn (mm) and the same pages as a PDF. */
export type OsPrintJob = { title: string; printer: string; pdf: Uint8Array; pages: readonly LabelModel[] };

/**
 * Prints a document on a printer of the operating system. The desktop app gives Electron's
 * print API (electron/os-print.ts); without it, browser mode and the CLI use `osPrintThroughCups`.
 */
export type OsPrinter = (job: OsPrintJob) => Promise<PrintOutcome>;

/**
 * The operating system's printer where the OS is CUPS (Linux, macOS): the PDF through `lp`,
 * which CUPS converts for whatever printer the queue drives. Windows has no `lp`: there the
 * desktop app prints through Electron.
 */
export const osPrintThroughCups: OsPrinter = async (job) => {
  if (process.platform === 'win32') {
    return { ok: false, error: 'OS_PRINT_UNAVAILABLE: printing to a Windows printer needs the desktop app (Electron); browser mode can save the document to a folder instead.' };
  }
  return sendToCups(job.printer, job.pdf, { raw: false, title: job.title });
};
