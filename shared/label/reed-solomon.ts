// Reed–Solomon error correction over GF(256), as QR code (field polynomial 0x11D, generator
// roots α^0…α^(n-1)) and Data Matrix ECC 200 (0x12D, roots α^1…α^n) use it. Only encoding:
// the label prints symbols, it never reads them.

export type GaloisField = { exp: Uint8Array; log: Uint8Array; primitive: number };

export function galoisField(primitive: number): GaloisField {
  const exp = new Uint8Array(512);
  const log = new Uint8Array(256);
  let x = 1;
  for (let i = 0; i < 255; i++) {
    exp[i] = x;
    log[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= primitive;
  }
  // Doubling the table lets a product index exp[log a + log b] without a modulo.
  for (let i = 255; i < 512; i++) exp[i] = exp[i - 255] ?? 0;
  return { exp, log, primitive };
}

export function gfMultiply(field: GaloisField, a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return field.exp[(field.log[a] ?? 0) + (field.log[b] ?? 0)] ?? 0;
}

/**
 * Coefficients of ∏ (x − α^(firstRoot+i)) for i < degree, highest power first, without the
 * leading 1.
 */
export function rsGenerator(field: GaloisField, degree: number, firstRoot: number): number[] {
  let poly = [1];
  for (let i = 0; i < degree; i++) {
    const root = field.exp[(firstRoot + i) % 255] ?? 0;
    const next = new Array<number>(poly.length + 1).fill(0);
    poly.forEach((c, j) => {
      next[j] = (next[j] ?? 0) ^ c;
      next[j + 1] = (next[j + 1] ?? 0) ^ gfMultiply(field, c, root);
    });
    poly = next;
  }
  return poly.slice(1);
}

/** The error-correction codewords of one block: the remainder of data·x^n divided by the generator. */
export function rsRemainder(field: GaloisField, data: readonly number[], generator: readonly number[]): number[] {
  const remainder = new Array<number>(generator.length).fill(0);
  for (const byte of data) {
    const factor = byte ^ (remainder.shift() ?? 0);
    remainder.push(0);
    generator.forEach((g, i) => {
      remainder[i] = (remainder[i] ?? 0) ^ gfMultiply(field, g, factor);
    });
  }
  return remainder;
}
