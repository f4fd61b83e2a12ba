// QR code (ISO/IEC 18004) model 2, byte mode, error-correction level M, versions 1–10 (21×21 to
// 57×57 modules): up to 213 bytes, far more than a carrier's label code holds. Level M restores
// about 15 % of the symbol, enough for a scuffed thermal label; the bench never needs Kanji or
// the numeric/alphanumeric modes, whose saving on a short string is a version at most.

import { galoisField, rsGenerator, rsRemainder } from './reed-solomon';

/** Rows of modules, true = dark, without the quiet zone. */
export type ModuleMatrix = boolean[][];

/** The quiet zone a reader needs on every side, in modules. */
export const QR_QUIET_ZONE_MODULES = 4;

export const QR_MAX_VERSION = 10;

type BlockLayout = { ecPerBlock: number; groups: { blocks: number; dataPerBlock: number }[] };

// Level M, ISO/IEC 18004 table 9.
const LEVEL_M: readonly BlockLayout[] = [
  { ecPerBlock: 10, groups: [{ blocks: 1, dataPerBlock: 16 }] },
  { ecPerBlock: 16, groups: [{ blocks: 1, dataPerBlock: 28 }] },
  { ecPerBlock: 26, groups: [{ blocks: 1, dataPerBlock: 44 }] },
  { ecPerBlock: 18, groups: [{ blocks: 2, dataPerBlock: 32 }] },
  { ecPerBlock: 24, groups: [{ blocks: 2, dataPerBlock: 43 }] },
  { ecPerBlock: 16, groups: [{ blocks: 4, dataPerBlock: 27 }] },
  { ecPerBlock: 18, groups: [{ blocks: 4, dataPerBlock: 31 }] },
  { ecPerBlock: 22, groups: [{ blocks: 2, dataPerBlock: 38 }, { blocks: 2, dataPerBlock: 39 }] },
  { ecPerBlock: 22, groups: [{ blocks: 3, dataPerBlock: 36 }, { blocks: 2, dataPerBlock: 37 }] },
  { ecPerBlock: 26, groups: [{ blocks: 4, dataPerBlock: 43 }, { blocks: 1, dataPerBlock: 44 }] },
];

// Centre coordinates of the alignment patterns, per version (annex E).
const ALIGNMENT_CENTRES: readonly (readonly number[])[] = [
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
];

const LEVEL_M_BITS = 0b00;
const FORMAT_MASK = 0b101010000010010;
const FORMAT_GENERATOR = 0b10100110111;
const VERSION_GENERATOR = 0b1111100100101;
const QR_FIELD = galoisField(0x11d);

function layoutOf(version: number): BlockLayout {
  const layout = LEVEL_M[version - 1];
  if (!layout) throw new RangeError(`QR version ${version} is outside 1–${QR_MAX_VERSION}`);
  return layout;
}

function dataCodewords(version: number): number {
  return layoutOf(version).groups.reduce((sum, g) => sum + g.blocks * g.dataPerBlock, 0);
}

function countBits(version: number): number {
  return version <= 9 ? 8 : 16;
}

/** Bytes of byte-mode data a version holds at level M. */
export function qrByteCapacity(version: number): number {
  return Math.floor((dataCodewords(version) * 8 - 4 - countBits(version)) / 8);
}

export function qrSizeOfVersion(version: number): number {
  return 17 + 4 * version;
}

// Latin-1 as bytes: the label's data is ASCII, and a reader shows Latin-1 bytes as themselves.
function bytesOf(data: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`QR byte mode here takes Latin-1 text; ${JSON.stringify(data.charAt(i))} at position ${i} is not`);
    bytes.push(code);
  }
  return bytes;
}

/** The smallest version (1–10) whose level-M byte capacity holds the data. */
export function qrVersionFor(data: string): number {
  const length = bytesOf(data).length;
  for (let version = 1; version <= QR_MAX_VERSION; version++) if (length <= qrByteCapacity(version)) return version;
  throw new RangeError(`QR code data of ${length} bytes is more than version ${QR_MAX_VERSION} holds at level M (${qrByteCapacity(QR_MAX_VERSION)} bytes)`);
}

function dataStream(bytes: readonly number[], version: number): number[] {
  const bits: number[] = [];
  const put = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, countBits(version));
  for (const b of bytes) put(b, 8);
  const capacityBits = dataCodewords(version) * 8;
  put(0, Math.min(4, capacityBits - bits.length));
  while (bits.length % 8 !== 0) bits.push(0);
  const codewords: number[] = [];
  for (let i = 0; i < bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((acc, bit) => (acc << 1) | (bit ?? 0), 0));
  for (let pad = 0; codewords.length < dataCodewords(version); pad++) codewords.push(pad % 2 === 0 ? 0xec : 0x11);
  return codewords;
}

/** Data and error-correction codewords, interleaved block by block as they are placed. */
export function qrCodewords(data: string, version = qrVersionFor(data)): number[] {
  const bytes = bytesOf(data);
  if (bytes.length > qrByteCapacity(version)) throw new RangeError(`${bytes.length} bytes do not fit QR version ${version}-M`);
  const layout = layoutOf(version);
  const stream = dataStream(bytes, version);
  const generator = rsGenerator(QR_FIELD, layout.ecPerBlock, 0);
  const blocks: { data: number[]; ec: number[] }[] = [];
  let at = 0;
  for (const group of layout.groups) {
    for (let b = 0; b < group.blocks; b++) {
      const blockData = stream.slice(at, at + group.dataPerBlock);
      at += group.dataPerBlock;
      blocks.push({ data: blockData, ec: rsRemainder(QR_FIELD, blockData, generator) });
    }
  }
  const out: number[] = [];
  const longest = Math.max(...blocks.map((b) => b.data.length));
  for (let i = 0; i < longest; i++) for (const block of blocks) if (i < block.data.length) out.push(block.data[i] ?? 0);
  for (let i = 0; i < layout.ecPerBlock; i++) for (const block of blocks) out.push(block.ec[i] ?? 0);
  return out;
}

type Grid = { size: number; dark: boolean[][]; reserved: boolean[][] };

function newGrid(size: number): Grid {
  const rows = (): boolean[][] => Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  return { size, dark: rows(), reserved: rows() };
}

function setFunction(grid: Grid, row: number, col: number, dark: boolean): void {
  if (row < 0 || col < 0 || row >= grid.size || col >= grid.size) return;
  (grid.dark[row] as boolean[])[col] = dark;
  (grid.reserved[row] as boolean[])[col] = true;
}

function drawFinder(grid: Grid, top: number, left: number): void {
  // 7×7 finder plus its one-module light separator.
  for (let r = -1; r <= 7; r++) {
    for (let c = -1; c <= 7; c++) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
      setFunction(grid, top + r, left + c, ring !== 2 && ring !== 4);
    }
  }
}

function bch(value: number, generator: number, generatorDegree: number, dataBits: number): number {
  let rem = value << generatorDegree;
  for (let bit = dataBits + generatorDegree - 1; bit >= generatorDegree; bit--) {
    if ((rem >>> bit) & 1) rem ^= generator << (bit - generatorDegree);
  }
  return (value << generatorDegree) | rem;
}

function drawFormat(grid: Grid, mask: number): void {
  const bits = bch((LEVEL_M_BITS << 3) | mask, FORMAT_GENERATOR, 10, 5) ^ FORMAT_MASK;
  const bit = (i: number): boolean => ((bits >>> i) & 1) === 1;
  const n = grid.size;
  // Around the top-left finder: down column 8 (skipping the timing row), then left along row 8.
  for (let i = 0; i <= 5; i++) setFunction(grid, i, 8, bit(i));
  setFunction(grid, 7, 8, bit(6));
  setFunction(grid, 8, 8, bit(7));
  setFunction(grid, 8, 7, bit(8));
  for (let i = 9; i < 15; i++) setFunction(grid, 8, 14 - i, bit(i));
  // The copy: along row 8 under the top-right finder, and up column 8 beside the bottom-left one.
  for (let i = 0; i < 8; i++) setFunction(grid, 8, n - 1 - i, bit(i));
  for (let i = 8; i < 15; i++) setFunction(grid, n - 15 + i, 8, bit(i));
  setFunction(grid, n - 8, 8, true); // the dark module
}

function drawVersion(grid: Grid, version: number): void {
  if (version < 7) return;
  const bits = bch(version, VERSION_GENERATOR, 12, 6);
  const n = grid.size;
  for (let i = 0; i < 18; i++) {
    const dark = ((bits >>> i) & 1) === 1;
    const a = n - 11 + (i % 3);
    const b = Math.floor(i / 3);
    setFunction(grid, b, a, dark);
    setFunction(grid, a, b, dark);
  }
}

function drawFunctionPatterns(grid: Grid, version: number): void {
  const n = grid.size;
  for (let i = 0; i < n; i++) {
    setFunction(grid, 6, i, i % 2 === 0);
    setFunction(grid, i, 6, i % 2 === 0);
  }
  drawFinder(grid, 0, 0);
  drawFinder(grid, 0, n - 7);
  drawFinder(grid, n - 7, 0);
  const centres = ALIGNMENT_CENTRES[version - 1] ?? [];
  for (const r of centres) {
    for (const c of centres) {
      // Not where a finder already sits.
      if ((r === 6 && c === 6) || (r === 6 && c === n - 7) || (r === n - 7 && c === 6)) continue;
      for (let dr = -2; dr <= 2; dr++) for (let dc = -2; dc <= 2; dc++) setFunction(grid, r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    }
  }
  // Reserve the format and version areas before data placement; drawn for real per mask.
  drawFormat(grid, 0);
  drawVersion(grid, version);
}

function placeData(grid: Grid, codewords: readonly number[]): void {
  const n = grid.size;
  let bitIndex = 0;
  const totalBits = codewords.length * 8;
  for (let right = n - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // the vertical timing column is skipped as a whole
    for (let step = 0; step < n; step++) {
      const upward = ((right + 1) & 2) === 0;
      const row = upward ? n - 1 - step : step;
      for (let j = 0; j < 2; j++) {
        const col = right - j;
        if (grid.reserved[row]?.[col]) continue;
        // Remainder bits past the last codeword stay light.
        const dark = bitIndex < totalBits && (((codewords[bitIndex >>> 3] ?? 0) >>> (7 - (bitIndex & 7))) & 1) === 1;
        (grid.dark[row] as boolean[])[col] = dark;
        bitIndex++;
      }
    }
  }
}

const MASKS: readonly ((row: number, col: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

function applyMask(grid: Grid, mask: number): boolean[][] {
  const fn = MASKS[mask] ?? MASKS[0];
  return grid.dark.map((row, r) => row.map((dark, c) => (grid.reserved[r]?.[c] || !fn?.(r, c) ? dark : !dark)));
}

// The four penalty rules of ISO/IEC 18004 7.8.3; the mask with the lowest total is used.
export function qrPenalty(m: ModuleMatrix): number {
  const n = m.length;
  const at = (r: number, c: number): boolean => m[r]?.[c] ?? false;
  let penalty = 0;
  const lines: boolean[][] = [];
  for (let i = 0; i < n; i++) {
    lines.push(m[i] ?? []);
    lines.push(Array.from({ length: n }, (_, r) => at(r, i)));
  }
  const finderLike = [true, false, true, true, true, false, true];
  for (const line of lines) {
    // Rule 1: runs of five or more of one colour.
    let run = 1;
    for (let i = 1; i <= line.length; i++) {
      if (i < line.length && line[i] === line[i - 1]) run++;
      else {
        if (run >= 5) penalty += 3 + (run - 5);
        run = 1;
      }
    }
    // Rule 3: 1:1:3:1:1 finder lookalikes with four light modules on one side.
    for (let i = 0; i + 7 <= line.length; i++) {
      if (!finderLike.every((v, k) => line[i + k] === v)) continue;
      const lightBefore = [1, 2, 3, 4].every((k) => i - k >= 0 && line[i - k] === false);
      const lightAfter = [0, 1, 2, 3].every((k) => i + 7 + k < line.length && line[i + 7 + k] === false);
      if (lightBefore) penalty += 40;
      if (lightAfter) penalty += 40;
    }
  }
  // Rule 2: 2×2 blocks of one colour.
  for (let r = 0; r + 1 < n; r++) {
    for (let c = 0; c + 1 < n; c++) {
      const v = at(r, c);
      if (at(r, c + 1) === v && at(r + 1, c) === v && at(r + 1, c + 1) === v) penalty += 3;
    }
  }
  // Rule 4: the share of dark modules away from 50 %.
  let dark = 0;
  for (const row of m) for (const v of row) if (v) dark++;
  penalty += Math.floor(Math.abs((dark * 100) / (n * n) - 50) / 5) * 10;
  return penalty;
}

export type QrSymbol = { version: number; mask: number; modules: ModuleMatrix };

/** A QR code of the data (byte mode, level M) in the smallest version that holds it. */
export function encodeQr(data: string, opts: { mask?: number } = {}): QrSymbol {
  const version = qrVersionFor(data);
  const grid = newGrid(qrSizeOfVersion(version));
  drawFunctionPatterns(grid, version);
  placeData(grid, qrCodewords(data, version));
  let best: QrSymbol | null = null;
  let bestPenalty = Infinity;
  const candidates = opts.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [opts.mask];
  for (const mask of candidates) {
    if (!Number.isInteger(mask) || mask < 0 || mask > 7) throw new RangeError(`QR mask ${mask} is not 0–7`);
    drawFormat(grid, mask);
    const modules = applyMask(grid, mask);
    const penalty = qrPenalty(modules);
    if (penalty < bestPenalty) {
      best = { version, mask, modules };
      bestPenalty = penalty;
    }
  }
  if (!best) throw new RangeError('no QR mask was tried');
  return best;
}
