import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressZplHex, encodeZ64, plainZplHex, z64Crc } from '../../electron/label/zpl-graphic-data';

const UPPER = 'GHIJKLMNOPQRSTUVWXY';
const LOWER = 'ghijklmnopqrstuvwxyz';

/**
 * ZPL ASCII hex compression read back as the ZPL II guide describes it, written apart from the
 * encoder so that the two cannot share a mistake: G–Y count 1–19 and g–z 20–400, summed, for
 * the hex digit that follows; ',' fills the row with 0; ':' repeats the previous row. Stricter
 * than a printer: a row must come out exactly rowBytes long, and ':' needs a row before it.
 */
function decodeZplHex(data: string, rowBytes: number): Uint8Array {
  const rows: string[] = [];
  let row = '';
  let count = 0;
  const endRowIfFull = (): void => {
    if (row.length > 2 * rowBytes) throw new Error(`row ${rows.length} overruns: ${row.length} digits`);
    if (row.length === 2 * rowBytes) {
      rows.push(row);
      row = '';
    }
  };
  for (const ch of data) {
    if (UPPER.includes(ch)) count += UPPER.indexOf(ch) + 1;
    else if (LOWER.includes(ch)) count += 20 * (LOWER.indexOf(ch) + 1);
    else if (ch === ',') row = row.padEnd(2 * rowBytes, '0');
    else if (ch === ':') {
      const previous = rows.at(-1);
      if (previous === undefined || row !== '') throw new Error("':' with no whole row before it");
      row = previous;
    } else if (/[0-9A-F]/.test(ch)) {
      row += ch.repeat(Math.max(1, count));
      count = 0;
    } else throw new Error(`unexpected ${JSON.stringify(ch)}`);
    endRowIfFull();
  }
  if (row !== '' || count !== 0) throw new Error('data ends inside a row');
  return Uint8Array.from(Buffer.from(rows.join(''), 'hex'));
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const filled = (length: number, value: number): number[] => Array.from({ length }, () => value);

describe('ZPL ASCII hex compression of a graphic', () => {
  it.each([
    { name: 'an all-white row is one comma', rowBytes: 10, rows: 1, bits: filled(10, 0), expected: ',' },
    { name: 'an all-black row is a repeat count, never "!"', rowBytes: 10, rows: 1, bits: filled(10, 0xff), expected: 'gF' },
    { name: 'an odd width of one byte', rowBytes: 1, rows: 3, bits: [0x80, 0x01, 0xff], expected: '8001FF' },
    { name: 'an odd width of three bytes, ink at the right edge', rowBytes: 3, rows: 1, bits: [0x00, 0x00, 0x07], expected: 'K07' },
    { name: 'identical consecutive rows repeat with ":"', rowBytes: 2, rows: 4, bits: [0x3c, 0x3c, 0x3c, 0x3c, 0x3c, 0x3c, 0x18, 0x18], expected: '3C3C::1818' },
    { name: 'the first row, even white, is written out, not ":"', rowBytes: 4, rows: 2, bits: filled(8, 0), expected: ',:' },
    { name: 'a row equal to the one two above is written out again', rowBytes: 1, rows: 3, bits: [0xf0, 0x0f, 0xf0], expected: 'F00FF0' },
    { name: 'a white tail of one digit stays a digit', rowBytes: 1, rows: 1, bits: [0x10], expected: '10' },
    { name: 'a run of 419, the longest one count reaches', rowBytes: 211, rows: 1, bits: [...filled(209, 0xff), 0xf0, 0x00], expected: 'zYF,' },
    { name: 'a run of 420 splits into 400 + 20', rowBytes: 210, rows: 1, bits: filled(210, 0xff), expected: 'zFgF' },
    { name: 'a run of 600 splits into 400 + 200', rowBytes: 300, rows: 1, bits: filled(300, 0xff), expected: 'zFpF' },
    { name: 'a white run of 599 before one inked digit', rowBytes: 300, rows: 1, bits: [...filled(299, 0), 0x01], expected: 'z0oY01' },
    { name: 'alternating digits do not compress', rowBytes: 2, rows: 1, bits: [0x5a, 0x5a], expected: '5A5A' },
  ])('$name', ({ rowBytes, rows, bits, expected }) => {
    const data = compressZplHex(Uint8Array.from(bits), rowBytes, rows);
    expect(data).toBe(expected);
    expect(decodeZplHex(data, rowBytes)).toEqual(Uint8Array.from(bits));
  });

  it('reads back byte for byte for any bitmap, and is never longer than plain hex', () => {
    const bitmap = fc
      .record({ rowBytes: fc.integer({ min: 1, max: 40 }), rows: fc.integer({ min: 1, max: 12 }) })
      .chain(({ rowBytes, rows }) =>
        fc.record({
          rowBytes: fc.constant(rowBytes),
          rows: fc.constant(rows),
          // Mostly white and black bytes, as text is, so that runs and repeated rows occur.
          bits: fc.uint8Array({ minLength: rowBytes * rows, maxLength: rowBytes * rows }).map((raw) => raw.map((b) => (b < 100 ? 0 : b < 160 ? 0xff : b))),
        }),
      );
    fc.assert(
      fc.property(bitmap, ({ rowBytes, rows, bits }) => {
        const data = compressZplHex(bits, rowBytes, rows);
        expect(decodeZplHex(data, rowBytes)).toEqual(bits);
        expect(data.length).toBeLessThanOrEqual(plainZplHex(bits).length);
      }),
    );
  });
});

describe('Z64 graphic data', () => {
  it('uses CRC-16/XMODEM: the standard check string gives 31C3', () => {
    // CRC-16/CCITT-FALSE (initial value FFFF) would give 29B1.
    expect(z64Crc('123456789')).toBe('31C3');
    expect(z64Crc('')).toBe('0000');
  });

  it('is ":Z64:", base64 of the zlib-deflated bytes, ":" and the CRC of the base64 text', () => {
    const bits = bytes(...filled(64, 0), 0x3c, 0x7e, 0xff, 0x7e, 0x3c, ...filled(64, 0));
    const field = encodeZ64(bits);
    const m = /^:Z64:([A-Za-z0-9+/=]+):([0-9A-F]{4})$/.exec(field);
    expect(m).not.toBeNull();
    const [, base64 = '', crc] = m ?? [];
    expect(crc).toBe(z64Crc(base64));
    expect(Uint8Array.from(inflateSync(Buffer.from(base64, 'base64')))).toEqual(bits);
  });
});
