import { openSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeTarget, isWindowsSharePath, sendToWindowsShare } from '../../electron/services/printer';
import { tempDir } from '../support/temp';

// Raw printing to a printer shared by Windows is a write to \\HOST\PRINTER. Windows does not run
// here, so the platform is given and the share path is opened onto a local file: what is tested
// is the path check, the whole-buffer write and the mapping of errors to the bench's codes.

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('a Windows shared printer path', () => {
  it.each([
    ['\\\\BENCH-PC\\Zebra', true],
    ['\\\\192.168.1.20\\ZD421 Shipping', true],
    ['\\\\bench.local\\zebra-1', true],
    ['\\\\BENCH-PC', false],
    ['\\\\BENCH-PC\\', false],
    ['\\\\BENCH-PC\\Zebra\\extra', false],
    ['C:\\labels', false],
    ['//BENCH-PC/Zebra', false],
    ['\\\\ BENCH\\Zebra', false],
    ['', false],
  ])('%s → %s', (path, valid) => {
    expect(isWindowsSharePath(path)).toBe(valid);
  });
});

describe('sending to a Windows shared printer', () => {
  const label = new TextEncoder().encode('^XA^CI28\n^FO20,20^A0N,30,30^FDShip to Müller^FS\n^XZ\n'.repeat(500));

  it('writes every byte to the share and counts the job printed once the handle closes', () => {
    const file = dir.file('spooled.zpl');
    const outcome = sendToWindowsShare('\\\\BENCH-PC\\Zebra', label, { platform: 'win32', open: () => openSync(file, 'w') });
    expect(outcome).toEqual({ ok: true });
    expect(new Uint8Array(readFileSync(file))).toEqual(label);
  });

  it('is refused, with what to use instead, on a machine that is not Windows', () => {
    const outcome = sendToWindowsShare('\\\\BENCH-PC\\Zebra', label, { platform: 'linux' });
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^WINDOWS_SHARE_UNSUPPORTED: .*TCP or CUPS/) });
  });

  it('refuses a path that is not \\\\COMPUTER\\PRINTER before opening anything', () => {
    let opened = false;
    const outcome = sendToWindowsShare('C:\\Users\\bench\\label.zpl', label, {
      platform: 'win32',
      open: () => {
        opened = true;
        return -1;
      },
    });
    expect(opened).toBe(false);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^WINDOWS_SHARE_INVALID: /) });
  });

  it.each([
    ['ENOENT', /^PRINTER_UNREACHABLE: .*does not exist/],
    ['EACCES', /^PRINTER_REFUSED: .*permissions/],
    ['EPERM', /^PRINTER_REFUSED: /],
    ['EIO', /^PRINTER_CLOSED_EARLY: .*after 0 of/],
  ])('an open that fails with %s is reported as %s', (code, expected) => {
    const outcome = sendToWindowsShare('\\\\BENCH-PC\\Zebra', label, {
      platform: 'win32',
      open: () => {
        throw Object.assign(new Error(`${code}: failed`), { code });
      },
    });
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(expected) });
  });

  it('is described in the print job log by its share', () => {
    expect(describeTarget({ mode: 'windows-share', share: '\\\\BENCH-PC\\Zebra', queue: '', host: 'x', port: 9100, folder: '' })).toBe('share:\\\\BENCH-PC\\Zebra');
  });
});
