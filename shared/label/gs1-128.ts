// GS1-128: Code 128 whose first data symbol is FNC1, carrying GS1 element strings (an
// Application Identifier, then its data). After an element of variable length another FNC1
// separates it from the next; after one whose AI the GS1 General Specifications list as of
// predefined length (figure 7.8.5-2), none is needed. A scanner sends the separators as GS
// (0x1D) and signals the leading FNC1 with the symbology identifier ]C1.
//
// Only the AIs a parcel label uses are known here; any other is refused rather than guessed at,
// because a wrong length or character set gives a symbol that scans but that the carrier's
// sorter rejects.

import { CODE128_FNC1_CHAR, code128SymbolsOfSegments, code128WidthsOfSymbols, planFnc1Code128 } from './code128';
import type { Code128Segment } from './code128';

export type Gs1Element = { ai: string; value: string };

export type Gs1ErrorCode =
  | 'GS1_SYNTAX'
  | 'GS1_UNKNOWN_AI'
  | 'GS1_BAD_LENGTH'
  | 'GS1_BAD_CHARACTER'
  | 'GS1_BAD_CHECK_DIGIT'
  | 'GS1_BAD_DATE'
  | 'GS1_TOO_LONG';

export class Gs1Error extends RangeError {
  readonly code: Gs1ErrorCode;
  readonly data: Record<string, string | number>;
  constructor(code: Gs1ErrorCode, message: string, data: Record<string, string | number> = {}) {
    super(message);
    this.name = 'Gs1Error';
    this.code = code;
    this.data = data;
  }
}

type Gs1AiSpec = {
  title: string;
  /** N: digits only; X: GS1's 82-character set (GS1 General Specifications figure 7.11-1). */
  charset: 'N' | 'X';
  minLength: number;
  maxLength: number;
  /** The last digit is a GS1 mod-10 check digit over the others. */
  checkDigit?: boolean;
  date?: boolean;
  /** For AI 421: the first three characters are an ISO 3166 numeric country code. */
  countryPrefix?: boolean;
};

const N = (title: string, length: number, extra: Partial<Gs1AiSpec> = {}): Gs1AiSpec => ({ title, charset: 'N', minLength: length, maxLength: length, ...extra });
const X = (title: string, maxLength: number): Gs1AiSpec => ({ title, charset: 'X', minLength: 1, maxLength });

const COMPANY_INTERNAL = X('company internal information', 90);

const AI_SPECS: Record<string, Gs1AiSpec> = {
  '00': N('SSCC', 18, { checkDigit: true }),
  '01': N('GTIN', 14, { checkDigit: true }),
  '02': N('GTIN of contained trade items', 14, { checkDigit: true }),
  '10': X('batch or lot number', 20),
  '11': N('production date', 6, { date: true }),
  '13': N('packaging date', 6, { date: true }),
  '15': N('best before date', 6, { date: true }),
  '17': N('expiration date', 6, { date: true }),
  '20': N('internal product variant', 2),
  '21': X('serial number', 20),
  '37': { title: 'count of trade items', charset: 'N', minLength: 1, maxLength: 8 },
  '400': X("customer's purchase order number", 30),
  '401': X('global identification number for consignment (GINC)', 30),
  '402': N('global shipment identification number (GSIN)', 17, { checkDigit: true }),
  '403': X('routing code', 30),
  '410': N('ship to / deliver to global location number', 13, { checkDigit: true }),
  '411': N('bill to / invoice to global location number', 13, { checkDigit: true }),
  '412': N('purchased from global location number', 13, { checkDigit: true }),
  '413': N('ship for / deliver for / forward to global location number', 13, { checkDigit: true }),
  '414': N('identification of a physical location (GLN)', 13, { checkDigit: true }),
  '420': X('ship to / deliver to postal code within a single postal authority', 20),
  '421': { title: 'ship to / deliver to postal code with ISO country code', charset: 'X', minLength: 4, maxLength: 12, countryPrefix: true },
  '422': N('country of origin of a trade item', 3),
  '90': X('information mutually agreed between trading partners', 30),
  '91': COMPANY_INTERNAL,
  '92': COMPANY_INTERNAL,
  '93': COMPANY_INTERNAL,
  '94': COMPANY_INTERNAL,
  '95': COMPANY_INTERNAL,
  '96': COMPANY_INTERNAL,
  '97': COMPANY_INTERNAL,
  '98': COMPANY_INTERNAL,
  '99': COMPANY_INTERNAL,
};

/** AIs starting with these two digits have a length fixed by the standard: no FNC1 after them. */
const PREDEFINED_LENGTH_PREFIXES = new Set(['00', '01', '02', '03', '04', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '31', '32', '33', '34', '35', '36', '41']);

/** GS1-128 carries at most 48 data characters, counting AIs and separators (GS1 GenSpecs 5.4.1). */
export const GS1_128_MAX_DATA_CHARACTERS = 48;

export function gs1KnownAis(): string[] {
  return Object.keys(AI_SPECS);
}

/** The GS1 mod-10 check digit of the digits before it (weights 3, 1, 3, … from the right). */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  if (!/^[0-9]+$/.test(digitsWithoutCheck)) throw new Gs1Error('GS1_BAD_CHARACTER', `a GS1 check digit is computed over digits only, not ${JSON.stringify(digitsWithoutCheck)}`);
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = Number(digitsWithoutCheck.charAt(digitsWithoutCheck.length - 1 - i));
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

function checkElement(element: Gs1Element): void {
  const { ai, value } = element;
  const spec = AI_SPECS[ai];
  if (!spec) {
    throw new Gs1Error('GS1_UNKNOWN_AI', `AI (${ai}) is not one this station encodes; known AIs are ${gs1KnownAis().join(', ')}`, { ai });
  }
  const where = `AI (${ai}) ${spec.title}`;
  if (value.length < spec.minLength || value.length > spec.maxLength) {
    const wanted = spec.minLength === spec.maxLength ? `exactly ${spec.minLength}` : `${spec.minLength} to ${spec.maxLength}`;
    throw new Gs1Error('GS1_BAD_LENGTH', `${where} takes ${wanted} characters; ${JSON.stringify(value)} has ${value.length}`, { ai, length: value.length });
  }
  const bad = spec.charset === 'N' ? /[^0-9]/.exec(value) : /[^!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]/.exec(value);
  if (bad) {
    const allowed = spec.charset === 'N' ? 'digits only' : "GS1's character set (letters, digits and !\"%&'()*+,-./:;<=>?_; no spaces)";
    throw new Gs1Error('GS1_BAD_CHARACTER', `${where} allows ${allowed}; ${JSON.stringify(bad[0])} at position ${bad.index + 1} of ${JSON.stringify(value)} is not`, { ai, character: bad[0] });
  }
  if (spec.countryPrefix && !/^[0-9]{3}/.test(value)) {
    throw new Gs1Error('GS1_BAD_CHARACTER', `${where} starts with a 3-digit ISO country code (e.g. 840 for the US); ${JSON.stringify(value)} does not`, { ai });
  }
  if (spec.checkDigit) {
    const expected = gs1CheckDigit(value.slice(0, -1));
    if (Number(value.slice(-1)) !== expected) {
      throw new Gs1Error('GS1_BAD_CHECK_DIGIT', `${where} ${value} ends in check digit ${value.slice(-1)}, but its digits give ${expected}`, { ai, expected });
    }
  }
  if (spec.date) {
    const month = Number(value.slice(2, 4));
    const day = Number(value.slice(4, 6));
    // Day 00 means "end of the month" in GS1 dates.
    if (month < 1 || month > 12 || day > 31) throw new Gs1Error('GS1_BAD_DATE', `${where} is a date YYMMDD; ${value} is not one`, { ai });
  }
}

/**
 * Reads "(420)10115(92)12345" into elements. The value runs to the next "(": a value that itself
 * holds a parenthesis must be given as an element list instead.
 */
export function parseGs1ElementString(text: string): Gs1Element[] {
  const elements: Gs1Element[] = [];
  const pattern = /\(([0-9]{2,4})\)([^()]*)/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) {
      throw new Gs1Error('GS1_SYNTAX', `a GS1 element string reads like (420)10115(92)12345; ${JSON.stringify(text)} does not, from position ${at + 1}`, { position: at + 1 });
    }
    elements.push({ ai: match[1] ?? '', value: match[2] ?? '' });
    at = pattern.lastIndex;
  }
  if (elements.length === 0) throw new Gs1Error('GS1_SYNTAX', 'a GS1 element string needs at least one (AI)value');
  return elements;
}

/** Checks each element against its AI and the whole against GS1-128's data capacity. */
export function validateGs1Elements(input: string | readonly Gs1Element[]): Gs1Element[] {
  const elements = typeof input === 'string' ? parseGs1ElementString(input) : input.map((e) => ({ ai: e.ai, value: e.value }));
  if (elements.length === 0) throw new Gs1Error('GS1_SYNTAX', 'a GS1 barcode needs at least one element');
  elements.forEach(checkElement);
  const length = gs1DataCharacters(elements).length;
  if (length > GS1_128_MAX_DATA_CHARACTERS) {
    throw new Gs1Error('GS1_TOO_LONG', `GS1-128 carries at most ${GS1_128_MAX_DATA_CHARACTERS} data characters; these elements need ${length}`, { length });
  }
  return elements;
}

function needsSeparatorAfter(ai: string): boolean {
  return !PREDEFINED_LENGTH_PREFIXES.has(ai.slice(0, 2));
}

// The data after the leading FNC1, with separator FNC1s as GS.
function gs1DataCharacters(elements: readonly Gs1Element[]): string {
  return elements.map((e, i) => `${e.ai}${e.value}${i < elements.length - 1 && needsSeparatorAfter(e.ai) ? CODE128_FNC1_CHAR : ''}`).join('');
}

/** The interpretation line: each AI in parentheses, then its data. */
export function gs1HumanReadable(input: string | readonly Gs1Element[]): string {
  return validateGs1Elements(input)
    .map((e) => `(${e.ai})${e.value}`)
    .join('');
}

/**
 * What a scanner transmits (without its ]C1 prefix): AIs and data, separator FNC1s as GS
 * (0x1D), the leading FNC1 not at all. The decode tests compare against this.
 */
export function gs1Transmitted(input: string | readonly Gs1Element[]): string {
  return gs1DataCharacters(validateGs1Elements(input));
}

/** Code-set plan of the symbol; its first segment starts with FNC1 (as GS). */
export function planGs1128(input: string | readonly Gs1Element[]): Code128Segment[] {
  return planFnc1Code128(CODE128_FNC1_CHAR + gs1Transmitted(input));
}

export function gs1128Symbols(input: string | readonly Gs1Element[]): number[] {
  return code128SymbolsOfSegments(planGs1128(input));
}

/** Module widths, bar first, without quiet zones (as encodeCode128). */
export function encodeGs1128(input: string | readonly Gs1Element[]): number[] {
  return code128WidthsOfSymbols(gs1128Symbols(input));
}

/** AI 421: ship-to postal code with its country's ISO 3166 numeric code, e.g. (421)84094103. */
export function gs1ShipToPostalElement(isoNumericCountry: string, postalCode: string): Gs1Element {
  const postcode = postalCode.toUpperCase().replace(/[\s-]/g, '');
  return { ai: '421', value: `${isoNumericCountry}${postcode}` };
}
