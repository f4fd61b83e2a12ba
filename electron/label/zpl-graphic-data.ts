import { deflateSync } from 'node:zlib';

/**
 * The data of a ^GFA graphic field in two compact forms a Zebra accepts in place of plain hex,
 * and that zebrash (which the tests render ZPL with) decodes too:
 *
 * - ZPL's ASCII hex compression: repeat counts G–Y (1–19) and g–z (20–400) before a hex digit,
 *   ',' for "the rest of this row is 0", ':' for "this row is the previous one". Every ZPL II
 *   printer and emulator reads it.
 * - Z64: the bytes zlib-deflated, base64-encoded, between ":Z64:" and a CRC. Firmware from the
 *   mid-2000s on reads it.
 *
 * Both keep ^GFA's byte counts those of the uncompressed image: the printer sizes the graphic
 * from them, not from the length of the data.
 */

const HEX = '0123456789ABCDEF';
const UPPER_COUNTS = 'GHIJKLMNOPQRSTUVWXY'; // 1–19
const LOWER_COUNTS = 'ghijklmnopqrstuvwxyz'; // 20, 40, … 400
const MAX_LOWER = 400;

/** The repeat prefix and digit for a run of `count` (≥ 1) copies of one hex digit. */
function repeatRun(digit: string, count: number): string {
  let out = '';
  let left = count;
  // One lower-case and one upper-case letter reach 419. Longer runs are cut into pieces rather
  // than stacking letters ("zz"): the guide shows letters summed ("vMB") but never a letter
  // used twice, and not every printer that reads the first may read the second.
  while (left > MAX_LOWER + UPPER_COUNTS.length) {
    out += `z${digit}`;
    left -= MAX_LOWER;
  }
  if (left === 1) return `${out}${digit}`;
  const twenties = Math.floor(left / 20);
  const units = left % 20;
  return `${out}${twenties > 0 ? (LOWER_COUNTS[twenties - 1] ?? '') : ''}${units > 0 ? (UPPER_COUNTS[units - 1] ?? '') : ''}${digit}`;
}

function rowHex(bits: Uint8Array, start: number, rowBytes: number): string {
  let hex = '';
  for (let i = start; i < start + rowBytes; i++) {
    const b = bits[i] ?? 0;
    hex += (HEX[b >> 4] ?? '0') + (HEX[b & 15] ?? '0');
  }
  return hex;
}

/** The bytes as plain ASCII hex, two digits a byte: the form the compressed ones are checked against. */
export function plainZplHex(bytes: Uint8Array): string {
  return rowHex(bytes, 0, bytes.length);
}

/**
 * The bitmap's rows in ZPL ASCII hex compression. '!' ("the rest of the row is 1") is never
 * written: the guide leaves open whether it means 1 bits or '1' digits, and zebrash reads the
 * latter; a black tail is written with repeat counts instead, which reads the same everywhere.
 */
export function compressZplHex(bits: Uint8Array, rowBytes: number, rows: number): string {
  let out = '';
  let previous: string | null = null;
  for (let row = 0; row < rows; row++) {
    const hex = rowHex(bits, row * rowBytes, rowBytes);
    // ':' on the first row would repeat nothing.
    if (hex === previous) {
      out += ':';
      continue;
    }
    previous = hex;
    // Trailing zeros (two or more digits, else ',' saves nothing) go as ','.
    let end = hex.length;
    while (end > 0 && hex[end - 1] === '0') end--;
    const zeroTail = hex.length - end >= 2;
    if (!zeroTail) end = hex.length;
    for (let i = 0; i < end; ) {
      const digit = hex[i] ?? '0';
      let j = i + 1;
      while (j < end && hex[j] === digit) j++;
      out += j - i >= 3 ? repeatRun(digit, j - i) : hex.slice(i, j);
      i = j;
    }
    if (zeroTail) out += ',';
  }
  return out;
}

/**
 * CRC-16/XMODEM (polynomial 0x1021, initial value 0, no reflection, no final XOR) over the
 * base64 text, as four upper-case hex digits. The ZPL II guide only says "a CRC calculated over
 * the encoded_data field"; this definition is the one that reproduces the CRC of Z64 fields
 * written by Zebra's own tools (e.g. ":Z64:eJztVT2O…WdlzV:D069"), where CRC-16/CCITT-FALSE
 * (initial value 0xFFFF) does not. A printer that finds a mismatch drops the graphic.
 */
export function z64Crc(base64: string): string {
  let crc = 0;
  for (let i = 0; i < base64.length; i++) {
    crc ^= base64.charCodeAt(i) << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** The bytes as Z64: ":Z64:" + base64(zlib(bytes)) + ":" + CRC. */
export function encodeZ64(bytes: Uint8Array): string {
  const base64 = deflateSync(bytes, { level: 9 }).toString('base64');
  return `:Z64:${base64}:${z64Crc(base64)}`;
}
