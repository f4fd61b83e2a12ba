// Data Matrix ECC 200 (ISO/IEC 16022), square symbols 10×10 to 104×104, ASCII encodation with
// digit pairs compacted into one codeword. C40/Text/EDIFACT/Base 256 would shrink some data a
// little; a label's code is short and mostly digits, which ASCII already packs two to a codeword.

import { galoisField, rsGenerator, rsRemainder } from './reed-solomon';
import type { ModuleMatrix } from './qr';

/** The quiet zone on every side, in modules; the standard asks for one, readers like two. */
export const DATAMATRIX_QUIET_ZONE_MODULES = 2;

type DataMatrixSize = {
  size: number;
  dataCodewords: number;
  ecCodewords: number;
  /** Data regions per side; each region is dataRegion modules square inside its finder border. */
  regionsPerSide: number;
  dataRegion: number;
  /** Interleaved Reed–Solomon blocks; data and error codewords split evenly between them. */
  blocks: number;
};

// ISO/IEC 16022 table 7, square sizes.
const S = (size: number, dataCodewords: number, ecCodewords: number, regionsPerSide: number, blocks = 1): DataMatrixSize => ({
  size,
  dataCodewords,
  ecCodewords,
  regionsPerSide,
  dataRegion: size / regionsPerSide - 2,
  blocks,
});

export const DATAMATRIX_SIZES: readonly DataMatrixSize[] = [
  S(10, 3, 5, 1),
  S(12, 5, 7, 1),
  S(14, 8, 10, 1),
  S(16, 12, 12, 1),
  S(18, 18, 14, 1),
  S(20, 22, 18, 1),
  S(22, 30, 20, 1),
  S(24, 36, 24, 1),
  S(26, 44, 28, 1),
  S(32, 62, 36, 2),
  S(36, 86, 42, 2),
  S(40, 114, 48, 2),
  S(44, 144, 56, 2),
  S(48, 174, 68, 2),
  S(52, 204, 84, 2, 2),
  S(64, 280, 112, 4, 2),
  S(72, 368, 144, 4, 4),
  S(80, 456, 192, 4, 4),
  S(88, 576, 224, 4, 4),
  S(96, 696, 272, 4, 4),
  S(104, 816, 336, 4, 6),
];

const DM_FIELD = galoisField(0x12d);
const PAD = 129;
const UPPER_SHIFT = 235;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** ASCII encodation: two digits in one codeword (130 + value), other Latin-1 characters alone. */
export function dataMatrixAsciiCodewords(data: string): number[] {
  if (data.length === 0) throw new RangeError('a Data Matrix symbol needs at least one character');
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    const next = data.charCodeAt(i + 1);
    if (isDigit(code) && i + 1 < data.length && isDigit(next)) {
      out.push(130 + (code - 48) * 10 + (next - 48));
      i++;
    } else if (code <= 127) {
      out.push(code + 1);
    } else if (code <= 255) {
      out.push(UPPER_SHIFT, code - 128 + 1);
    } else {
      throw new RangeError(`Data Matrix ASCII encodation takes Latin-1 text; ${JSON.stringify(data.charAt(i))} at position ${i} is not`);
    }
  }
  return out;
}

export function dataMatrixSizeFor(data: string): DataMatrixSize {
  const needed = dataMatrixAsciiCodewords(data).length;
  const size = DATAMATRIX_SIZES.find((s) => s.dataCodewords >= needed);
  const largest = DATAMATRIX_SIZES[DATAMATRIX_SIZES.length - 1];
  if (!size || !largest) throw new RangeError(`Data Matrix data of ${needed} codewords is more than ${largest?.size}×${largest?.size} holds (${largest?.dataCodewords})`);
  return size;
}

// The 253-state randomising of pad codewords after the first (ISO/IEC 16022 5.2.3).
function padCodeword(position: number): number {
  const pseudo = ((149 * position) % 253) + 1;
  const value = PAD + pseudo;
  return value <= 254 ? value : value - 254;
}

/** Data codewords padded to the symbol's capacity, then error correction, blocks interleaved. */
export function dataMatrixCodewords(data: string, size: DataMatrixSize = dataMatrixSizeFor(data)): number[] {
  const codewords = dataMatrixAsciiCodewords(data);
  if (codewords.length > size.dataCodewords) throw new RangeError(`${codewords.length} codewords do not fit a ${size.size}×${size.size} symbol`);
  if (codewords.length < size.dataCodewords) codewords.push(PAD);
  while (codewords.length < size.dataCodewords) codewords.push(padCodeword(codewords.length + 1));
  const ecPerBlock = size.ecCodewords / size.blocks;
  const generator = rsGenerator(DM_FIELD, ecPerBlock, 1);
  const all = [...codewords, ...new Array<number>(size.ecCodewords).fill(0)];
  for (let b = 0; b < size.blocks; b++) {
    const blockData = codewords.filter((_, i) => i % size.blocks === b);
    rsRemainder(DM_FIELD, blockData, generator).forEach((ec, k) => {
      all[size.dataCodewords + b + k * size.blocks] = ec;
    });
  }
  return all;
}

// ISO/IEC 16022 annex F: where each bit of each codeword goes in the mapping matrix (the data
// regions joined, without their finder borders). Cells hold codeword·8 + bit (bit 0 = MSB), or
// -1 for the fixed corner pattern's dark modules, -2 for its light ones.
const UNFILLED = -3;
function mappingMatrix(nrow: number, ncol: number): Int32Array {
  const cells = new Int32Array(nrow * ncol).fill(UNFILLED);
  const filled = (r: number, c: number): boolean => cells[r * ncol + c] !== UNFILLED;
  const module = (row: number, col: number, codeword: number, bit: number): void => {
    let r = row;
    let c = col;
    if (r < 0) {
      r += nrow;
      c += 4 - ((nrow + 4) % 8);
    }
    if (c < 0) {
      c += ncol;
      r += 4 - ((ncol + 4) % 8);
    }
    cells[r * ncol + c] = codeword * 8 + bit;
  };
  // The standard "utah" shape of one codeword, bit 0 (MSB) first.
  const utah = (row: number, col: number, cw: number): void => {
    module(row - 2, col - 2, cw, 0);
    module(row - 2, col - 1, cw, 1);
    module(row - 1, col - 2, cw, 2);
    module(row - 1, col - 1, cw, 3);
    module(row - 1, col, cw, 4);
    module(row, col - 2, cw, 5);
    module(row, col - 1, cw, 6);
    module(row, col, cw, 7);
  };
  const corner = (cw: number, spots: readonly (readonly [number, number])[]): void => spots.forEach(([r, c], bit) => module(r, c, cw, bit));
  const corner1 = (cw: number): void => corner(cw, [[nrow - 1, 0], [nrow - 1, 1], [nrow - 1, 2], [0, ncol - 2], [0, ncol - 1], [1, ncol - 1], [2, ncol - 1], [3, ncol - 1]]);
  const corner2 = (cw: number): void => corner(cw, [[nrow - 3, 0], [nrow - 2, 0], [nrow - 1, 0], [0, ncol - 4], [0, ncol - 3], [0, ncol - 2], [0, ncol - 1], [1, ncol - 1]]);
  const corner3 = (cw: number): void => corner(cw, [[nrow - 3, 0], [nrow - 2, 0], [nrow - 1, 0], [0, ncol - 2], [0, ncol - 1], [1, ncol - 1], [2, ncol - 1], [3, ncol - 1]]);
  const corner4 = (cw: number): void => corner(cw, [[nrow - 1, 0], [nrow - 1, ncol - 1], [0, ncol - 3], [0, ncol - 2], [0, ncol - 1], [1, ncol - 3], [1, ncol - 2], [1, ncol - 1]]);

  let cw = 0;
  let row = 4;
  let col = 0;
  do {
    if (row === nrow && col === 0) corner1(cw++);
    if (row === nrow - 2 && col === 0 && ncol % 4 !== 0) corner2(cw++);
    if (row === nrow - 2 && col === 0 && ncol % 8 === 4) corner3(cw++);
    if (row === nrow + 4 && col === 2 && ncol % 8 === 0) corner4(cw++);
    // Up and to the right…
    do {
      if (row < nrow && col >= 0 && !filled(row, col)) utah(row, col, cw++);
      row -= 2;
      col += 2;
    } while (row >= 0 && col < ncol);
    row += 1;
    col += 3;
    // …then down and to the left.
    do {
      if (row >= 0 && col < ncol && !filled(row, col)) utah(row, col, cw++);
      row += 2;
      col -= 2;
    } while (row < nrow && col >= 0);
    row += 3;
    col += 1;
  } while (row < nrow || col < ncol);
  // Sizes whose codewords leave the lower-right 2×2 unfilled get a fixed checker there.
  if (!filled(nrow - 1, ncol - 1)) {
    cells[(nrow - 1) * ncol + ncol - 1] = -1;
    cells[(nrow - 2) * ncol + ncol - 2] = -1;
    cells[(nrow - 1) * ncol + ncol - 2] = -2;
    cells[(nrow - 2) * ncol + ncol - 1] = -2;
  }
  return cells;
}

export type DataMatrixSymbol = { size: number; modules: ModuleMatrix };

/** An ECC 200 symbol of the data, in the smallest square size that holds it. */
export function encodeDataMatrix(data: string): DataMatrixSymbol {
  const size = dataMatrixSizeFor(data);
  const codewords = dataMatrixCodewords(data, size);
  const side = size.regionsPerSide * size.dataRegion;
  const cells = mappingMatrix(side, side);
  const bitAt = (r: number, c: number): boolean => {
    const cell = cells[r * side + c] ?? -2;
    if (cell === -1) return true;
    if (cell < 0) return false;
    return (((codewords[cell >>> 3] ?? 0) >>> (7 - (cell & 7))) & 1) === 1;
  };
  const block = size.dataRegion + 2;
  const modules: ModuleMatrix = Array.from({ length: size.size }, (_, y) =>
    Array.from({ length: size.size }, (_, x) => {
      const ry = y % block;
      const rx = x % block;
      // Each region: solid left column and bottom row, alternating top row and right column.
      if (rx === 0 || ry === block - 1) return true;
      if (ry === 0) return rx % 2 === 0;
      if (rx === block - 1) return ry % 2 === 1;
      const regionRow = Math.floor(y / block);
      const regionCol = Math.floor(x / block);
      return bitAt(regionRow * size.dataRegion + ry - 1, regionCol * size.dataRegion + rx - 1);
    }),
  );
  return { size: size.size, modules };
}
