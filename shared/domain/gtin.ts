// GS1 identifiers as the bench meets them: scanned off a unit, typed by a packer, or read
// from a catalogue file. Every GTIN is compared as GTIN-14 because the same product can be
// printed as UPC-A on one unit and EAN-13 on the next (GS1 General Specifications: a GTIN
// is right-justified in a 14-digit field, leading zeros are not significant).

export type ProductCode =
  | { kind: 'gtin'; gtin14: string }
  | { kind: 'bad-check-digit'; code: string }
  | { kind: 'text'; value: string };

const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];
const DIGITS = /^[0-9]+$/;

/**
 * GS1 mod-10 over the digits that precede the check digit. Weights run 3, 1, 3, … from
 * the rightmost body digit, which is why one function serves every GTIN length.
 * Throws on non-digits: callers pass a body they have already shaped, so this is a bug.
 */
export function gtinCheckDigit(bodyDigits: string): number {
  if (!DIGITS.test(bodyDigits)) {
    throw new RangeError(`GTIN body must be digits only, got '${bodyDigits}'`);
  }
  let sum = 0;
  let weight = 3;
  for (let i = bodyDigits.length - 1; i >= 0; i -= 1) {
    sum += (bodyDigits.charCodeAt(i) - 48) * weight;
    weight = weight === 3 ? 1 : 3;
  }
  return (10 - (sum % 10)) % 10;
}

function hasGtinShape(code: string): boolean {
  return DIGITS.test(code) && GTIN_LENGTHS.includes(code.length);
}

function checkDigitMatches(code: string): boolean {
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Strict: no spaces, no hyphens. Use interpretProductCode for raw scanner input. */
export function isValidGtin(code: string): boolean {
  return hasGtinShape(code) && checkDigitMatches(code);
}

export function toGtin14(code: string): string | null {
  return isValidGtin(code) ? code.padStart(14, '0') : null;
}

/**
 * Sorts a scan (or a typed code) into what the caller should do with it. A digit string of
 * a GTIN length whose check digit fails is reported, not treated as a SKU: it is almost
 * always a misread or a typo, and letting it fall through to SKU matching would hide that.
 * Hazard: an 8-digit UPC-E is checked as a GTIN-8 here, and usually fails the check;
 * scanners should be set to expand UPC-E to UPC-A.
 */
export function interpretProductCode(raw: string): ProductCode {
  const trimmed = raw.trim();
  // A scanner or keyboard behind a Chinese IME in full-width mode types ０-９ (U+FF10-FF19);
  // only the digits are folded, so a SKU keeps whatever the catalogue spells.
  const code = trimmed.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (hasGtinShape(code)) {
    return checkDigitMatches(code) ? { kind: 'gtin', gtin14: code.padStart(14, '0') } : { kind: 'bad-check-digit', code };
  }
  return { kind: 'text', value: trimmed };
}

/** Appends the check digit to a 7, 11, 12 or 13-digit body. */
export function makeGtin(body: string): string {
  if (!DIGITS.test(body) || !GTIN_LENGTHS.includes(body.length + 1)) {
    throw new RangeError(`A GTIN body has 7, 11, 12 or 13 digits, got '${body}'`);
  }
  return body + String(gtinCheckDigit(body));
}
