import { describe, expect, it } from 'vitest';
import { DATAMATRIX_SIZES, dataMatrixAsciiCodewords, dataMatrixCodewords, dataMatrixSizeFor, encodeDataMatrix } from '../../shared/label/datamatrix';

describe('Data Matrix ASCII encodation', () => {
  it.each<[string, number[]]>([
    ['1', [50]],
    ['12', [142]],
    ['123', [142, 52]],
    ['12345', [142, 164, 54]],
    ['A1', [66, 50]],
    ['A12', [66, 142]],
    ['é', [235, 106]],
    ['\x1d', [30]],
  ])('%j → %j', (data, codewords) => {
    expect(dataMatrixAsciiCodewords(data)).toEqual(codewords);
  });

  it('refuses an empty string and characters beyond Latin-1', () => {
    expect(() => dataMatrixAsciiCodewords('')).toThrow(RangeError);
    expect(() => dataMatrixAsciiCodewords('王')).toThrow(/Latin-1/);
  });
});

describe('Data Matrix codewords', () => {
  it('encodes "123456" in 10×10 as the ISO/IEC 16022 example: 142 164 186, then 114 25 5 88 102', () => {
    expect(dataMatrixCodewords('123456')).toEqual([142, 164, 186, 114, 25, 5, 88, 102]);
  });

  it('pads with 129, then with 253-state randomised pads', () => {
    // Position 3: 129 + (149 × 3 mod 253) + 1 = 324, less 254 = 70.
    expect(dataMatrixCodewords('A').slice(0, 3)).toEqual([66, 129, 70]);
  });

  it.each(DATAMATRIX_SIZES.map((s) => [s.size, s.dataCodewords] as const))('a %i×%i symbol holds %i codewords and no more', (size, capacity) => {
    expect(dataMatrixSizeFor('A'.repeat(capacity)).size).toBe(size);
    const next = DATAMATRIX_SIZES.find((s) => s.dataCodewords > capacity);
    if (next) expect(dataMatrixSizeFor('A'.repeat(capacity + 1)).size).toBe(next.size);
  });

  it('counts digit pairs as one codeword, so 6 digits fit where 4 letters do not', () => {
    expect(dataMatrixSizeFor('123456').size).toBe(10);
    expect(dataMatrixSizeFor('ABCD').size).toBe(12);
  });

  it('refuses more than 104×104 holds', () => {
    expect(() => dataMatrixSizeFor('A'.repeat(817))).toThrow(/more than 104×104 holds \(816\)/);
  });

  it('interleaves the error codewords of a 52×52 symbol over its two blocks', () => {
    const size = DATAMATRIX_SIZES.find((s) => s.size === 52);
    expect(size?.blocks).toBe(2);
    expect(dataMatrixCodewords('A'.repeat(204))).toHaveLength(204 + 84);
  });
});

describe('the Data Matrix module matrix', () => {
  it.each([10, 26, 32, 52, 104])('a %i×%i symbol has a solid L and alternating clock track on each data region', (size) => {
    const spec = DATAMATRIX_SIZES.find((s) => s.size === size);
    if (!spec) throw new Error(`no size ${size}`);
    const m = encodeDataMatrix('A'.repeat(spec.dataCodewords)).modules;
    expect(m).toHaveLength(size);
    const block = spec.dataRegion + 2;
    for (let start = 0; start < size; start += block) {
      for (let i = 0; i < size; i++) {
        expect(m[i]?.[start], `left column ${start}`).toBe(true);
        expect(m[start + block - 1]?.[i], `bottom row ${start + block - 1}`).toBe(true);
        expect(m[start]?.[i], `top row ${start}`).toBe(i % block === block - 1 ? false : (i % block) % 2 === 0);
      }
    }
  });

  it('differs for data that differs by one character', () => {
    expect(encodeDataMatrix('RR000000015CN').modules).not.toEqual(encodeDataMatrix('RR000000016CN').modules);
  });
});
