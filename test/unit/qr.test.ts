import { describe, expect, it } from 'vitest';
import { QR_MAX_VERSION, encodeQr, qrByteCapacity, qrCodewords, qrPenalty, qrSizeOfVersion, qrVersionFor } from '../../shared/label/qr';
import { galoisField, rsGenerator, rsRemainder } from '../../shared/label/reed-solomon';

const FORMAT_MASK = 0b101010000010010;

/** The 15 format bits as placed around the top-left finder, bit 0 first. */
function formatBits(m: boolean[][]): number {
  const spots: [number, number][] = [
    [0, 8], [1, 8], [2, 8], [3, 8], [4, 8], [5, 8], [7, 8], [8, 8], [8, 7], [8, 5], [8, 4], [8, 3], [8, 2], [8, 1], [8, 0],
  ];
  return spots.reduce((bits, [r, c], i) => bits | ((m[r]?.[c] ? 1 : 0) << i), 0);
}

describe('Reed–Solomon over GF(256)', () => {
  it('gives the published error codewords of "HELLO WORLD" as a 1-M symbol', () => {
    // The 16 data codewords of the well-known worked example (alphanumeric mode, 1-M).
    const field = galoisField(0x11d);
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(rsRemainder(field, data, rsGenerator(field, 10, 0))).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });
});

describe('QR capacity at level M, byte mode', () => {
  it('holds the bytes ISO/IEC 18004 table 7 lists for versions 1 to 10', () => {
    expect(Array.from({ length: QR_MAX_VERSION }, (_, i) => qrByteCapacity(i + 1))).toEqual([14, 26, 42, 62, 84, 106, 122, 152, 180, 213]);
  });

  it.each([
    [1, 1],
    [14, 1],
    [15, 2],
    [106, 6],
    [107, 7],
    [180, 9],
    [181, 10],
    [213, 10],
  ])('%i bytes take version %i', (length, version) => {
    expect(qrVersionFor('x'.repeat(length))).toBe(version);
    expect(encodeQr('x'.repeat(length)).modules).toHaveLength(qrSizeOfVersion(version));
  });

  it('refuses more than version 10 holds, saying how much fits', () => {
    expect(() => encodeQr('x'.repeat(214))).toThrow('QR code data of 214 bytes is more than version 10 holds at level M (213 bytes)');
  });

  it('refuses characters outside Latin-1', () => {
    expect(() => encodeQr('王')).toThrow(RangeError);
  });

  it.each([1, 7, 10])('version %i has every codeword the standard counts', (version) => {
    const total = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346][version - 1];
    expect(qrCodewords('A', version)).toHaveLength(total ?? 0);
  });
});

describe('the QR module matrix', () => {
  const symbol = encodeQr('RR000000015CN|US|94103|1234|113-1234567-1234567');
  const m = symbol.modules;
  const n = m.length;

  it('has the three finder patterns with their light separators', () => {
    for (const [top, left] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      const ring = (r: number, c: number): number => Math.max(Math.abs(r - 3), Math.abs(c - 3));
      for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) expect(m[top + r]?.[left + c]).toBe(ring(r, c) !== 2);
    }
    expect(m[7]?.slice(0, 8).every((v) => !v)).toBe(true);
  });

  it('has timing patterns on row and column 6 and the dark module beside the lower finder', () => {
    for (let i = 8; i < n - 8; i++) {
      expect(m[6]?.[i]).toBe(i % 2 === 0);
      expect(m[i]?.[6]).toBe(i % 2 === 0);
    }
    expect(m[n - 8]?.[8]).toBe(true);
  });

  it('writes level M and the chosen mask in its format information', () => {
    const bits = formatBits(m) ^ FORMAT_MASK;
    expect(bits >>> 13).toBe(0b00); // level M
    expect((bits >>> 10) & 0b111).toBe(symbol.mask);
  });

  it('uses the mask with the lowest penalty score', () => {
    const data = 'RR000000015CN|US|94103|1234|113-1234567-1234567';
    const penalties = Array.from({ length: 8 }, (_, mask) => qrPenalty(encodeQr(data, { mask }).modules));
    expect(penalties[symbol.mask]).toBe(Math.min(...penalties));
  });

  it('carries the version information block from version 7 on', () => {
    const v7 = encodeQr('x'.repeat(122)).modules;
    expect(v7).toHaveLength(45);
    // Version 7's 18-bit word is 0x07C94, bit 0 at the top-right block's (0, n-11).
    const word = Array.from({ length: 18 }, (_, i) => (v7[Math.floor(i / 3)]?.[45 - 11 + (i % 3)] ? 1 : 0) << i).reduce((a, b) => a | b, 0);
    expect(word).toBe(0x07c94);
  });
});
