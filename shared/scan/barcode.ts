// What a string typed by the keyboard-wedge scanner (or by a packer) means at the bench: a
// product barcode in any of its spellings, an Amazon identifier, one of the bench's own
// command barcodes, a misread, or plain text for the caller to match (SKU, order id, badge).
//
// Every product is reported as GTIN-14 so that one item matches however it is printed
// (UPC-A, UPC-E, EAN-13, GS1-128 / GS1 DataMatrix with AI 01): see shared/domain/gtin.ts.

import { isValidGtin, toGtin14 } from '../domain/gtin';

export type ProductSource = 'upc-a' | 'upc-e' | 'ean-8' | 'ean-13' | 'gtin-14' | 'gs1';

/** 'ean-8/upc-e': an 8-digit code starting with 0 or 1 that fails both check digits. */
export type ScanFormat = ProductSource | 'ean-8/upc-e';

export type MalformedReason =
  | 'SCAN_TOO_LONG'
  | 'SCAN_CONTROL_CHARACTER'
  | 'SCAN_UNKNOWN_COMMAND'
  | 'GS1_UNKNOWN_AI'
  | 'GS1_TRUNCATED'
  | 'GS1_FIELD_TOO_LONG'
  | 'GS1_BAD_FIELD'
  | 'GS1_REPEATED_AI'
  | 'GS1_NO_GTIN';

export type ScanCommand =
  | { name: 'complete' }
  | { name: 'next-package' }
  | { name: 'acknowledge' }
  | { name: 'cancel' }
  | { name: 'reprint' }
  | { name: 'box'; boxId: string };

export type ScanMeaning =
  | {
      kind: 'product';
      gtin14: string;
      source: ProductSource;
      serial?: string;
      lot?: string;
      /** YYMMDD as printed; DD may be 00 (GS1: the last day of the month). */
      expiry?: string;
      /** AI 30, variable count of items. */
      count?: number;
    }
  | { kind: 'fnsku'; fnsku: string }
  | { kind: 'asin'; asin: string }
  | { kind: 'command'; command: ScanCommand }
  /** For GS1 strings `code` is the 14 digits of AI 01, not the whole scan. */
  | { kind: 'bad-check-digit'; code: string; format: ScanFormat }
  | { kind: 'malformed'; code: string; reason: MalformedReason }
  | { kind: 'text'; value: string };

export type InterpretScanOptions = { commandPrefix?: string };

export const DEFAULT_COMMAND_PREFIX = 'PB:';

/** Longer than any label barcode the bench meets; a longer burst is a stuck key or a paste. */
export const MAX_SCAN_LENGTH = 200;

const GS = '\u001d';
// Scanners that cannot send ASCII 29 through a keyboard layout can be set to type this instead.
const GS_SUBSTITUTE = '<GS>';
// AIM symbology identifiers (ISO/IEC 15424) of the symbols that carry GS1 element strings.
// Case matters in these identifiers (]d is Data Matrix), so they are matched exactly.
const GS1_SYMBOLOGY_IDS: readonly string[] = [']C1', ']d2', ']Q3'];

const DIGITS = /^[0-9]+$/;
const FNSKU = /^X00[A-Z0-9]{7}$/;
const ASIN = /^B0[A-Z0-9]{8}$/;

/**
 * Reads one scan. Order matters and is part of the contract:
 * 1. Whitespace (CR, LF, Tab, spaces) at the ends is trimmed: it is the scanner's suffix.
 * 2. Over 200 characters, or a control character other than GS inside → malformed.
 * 3. The command prefix (default `PB:`, any case) → a command, or malformed if unknown.
 * 4. A GS1 marker (symbology identifier ]C1/]d2/]Q3, a GS or `<GS>` separator, or the
 *    printed `(01)…` form) → a GS1 element string; anything wrong with it is malformed.
 *    Without a marker, a string starting with AI 01 and 14 digits is read as GS1 only if it
 *    parses completely, because a scanner set not to send symbology identifiers sends
 *    `0109501101020917…` bare, and a half-match is more likely a long SKU.
 * 5. Digits (full-width digits folded): 8 → EAN-8 or UPC-E (see interpretEightDigits),
 *    12/13/14 → UPC-A/EAN-13/GTIN-14; a failing check digit is reported, not sent to SKU
 *    matching. Any other number of digits is text: a UPC-E sent as 6 or 7 digits has no
 *    check digit and cannot be told from a short SKU, so set scanners to send UPC-E
 *    expanded to UPC-A (or at least with number system and check digit).
 * 6. `X00` + 7 alphanumerics → FNSKU; `B0` + 8 → ASIN. Either case is accepted because a
 *    wedge scanner under Caps Lock types lower case; both are reported upper case.
 * 7. Everything else is text, trimmed but otherwise as typed.
 */
export function interpretScan(raw: string, options: InterpretScanOptions = {}): ScanMeaning {
  const prefix = options.commandPrefix ?? DEFAULT_COMMAND_PREFIX;
  assertCommandPrefix(prefix);
  const code = raw.trim();
  if (code.length > MAX_SCAN_LENGTH) return malformed(code, 'SCAN_TOO_LONG');
  if (hasControlCharacter(code)) return malformed(code, 'SCAN_CONTROL_CHARACTER');

  if (code.slice(0, prefix.length).toUpperCase() === prefix.toUpperCase()) {
    return interpretCommand(code, code.slice(prefix.length));
  }

  const marked = gs1Body(code);
  if (marked !== null) {
    const read = readGs1(marked);
    return read.ok ? read.meaning : malformed(code, read.reason);
  }
  if (/^01[0-9]{14}/.test(code)) {
    const read = readGs1(code);
    if (read.ok && read.meaning.kind === 'product') return read.meaning;
  }

  const folded = foldFullWidth(code);
  if (DIGITS.test(folded)) {
    switch (folded.length) {
      case 8:
        return interpretEightDigits(folded);
      case 12:
        return gtinOrBadCheckDigit(folded, 'upc-a');
      case 13:
        return gtinOrBadCheckDigit(folded, 'ean-13');
      case 14:
        return gtinOrBadCheckDigit(folded, 'gtin-14');
      default:
        return { kind: 'text', value: code };
    }
  }
  const upper = folded.toUpperCase();
  if (FNSKU.test(upper)) return { kind: 'fnsku', fnsku: upper };
  if (ASIN.test(upper)) return { kind: 'asin', asin: upper };
  return { kind: 'text', value: code };
}

function malformed(code: string, reason: MalformedReason): ScanMeaning {
  return { kind: 'malformed', code, reason };
}

// C0 controls except GS, DEL and the C1 controls. A control character inside a scan means a
// scanner suffix/prefix set up wrongly or a garbled read; it never belongs to an identifier.
function hasControlCharacter(code: string): boolean {
  for (let i = 0; i < code.length; i += 1) {
    const c = code.charCodeAt(i);
    if ((c < 0x20 && c !== 0x1d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

// A Chinese IME in full-width mode types ０-９, Ａ-Ｚ and ａ-ｚ (U+FF10…); folded only to
// recognise identifiers, so text keeps whatever the packer typed.
function foldFullWidth(code: string): string {
  return code.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function gtinOrBadCheckDigit(digits: string, source: ProductSource): ScanMeaning {
  const gtin14 = toGtin14(digits);
  return gtin14 === null ? { kind: 'bad-check-digit', code: digits, format: source } : { kind: 'product', gtin14, source };
}

// ----- UPC-E --------------------------------------------------------------------------

/**
 * UPC-E (number system 0 or 1, six data digits, check digit) to the UPC-A it stands for,
 * after the zero-suppression rules of the GS1 General Specifications (UPC-E section):
 * the last data digit says where the suppressed zeros go. The check digit is carried over
 * unchanged; it was computed on the UPC-A, so validate the result with isValidGtin.
 *
 *   last data digit 0–2: NS d1 d2 d6 0 0 0 0 d3 d4 d5 C
 *   last data digit 3:   NS d1 d2 d3 0 0 0 0 0 d4 d5 C
 *   last data digit 4:   NS d1 d2 d3 d4 0 0 0 0 0 d5 C
 *   last data digit 5–9: NS d1 d2 d3 d4 d5 0 0 0 0 d6 C
 */
export function expandUpcE(upcE: string): string {
  if (!/^[01][0-9]{7}$/.test(upcE)) {
    throw new RangeError(`A UPC-E has 8 digits starting with 0 or 1, got '${upcE}'`);
  }
  const ns = upcE.slice(0, 1);
  const d = upcE.slice(1, 7);
  const check = upcE.slice(7);
  const last = d.charCodeAt(5) - 48;
  let body: string;
  if (last <= 2) body = d.slice(0, 2) + d.slice(5) + '0000' + d.slice(2, 5);
  else if (last === 3) body = d.slice(0, 3) + '00000' + d.slice(3, 5);
  else if (last === 4) body = d.slice(0, 4) + '00000' + d.slice(4, 5);
  else body = d.slice(0, 5) + '0000' + d.slice(5);
  return ns + body + check;
}

/**
 * Eight digits are either an EAN-8 or a UPC-E, and the check digit alone cannot always
 * tell: every UPC-E whose last data digit is 5–9 has exactly the EAN-8 check digit of the
 * same eight digits (the suppressed zeros carry no weight), and so do a fifth of the
 * others — 58 % of all UPC-E codes pass both checks. So:
 * - starting with 0: UPC-E if its check holds, else EAN-8. GS1 reserves EAN-8 codes
 *   starting with 0 for RCN-8, numbers a company assigns for its own stores, which a
 *   marketplace item does not carry; trying EAN-8 first would misread most UPC-E codes.
 * - starting with 1: EAN-8 if its check holds, else UPC-E (number system 1 is rare).
 * - anything else: EAN-8.
 * Neither holds → bad-check-digit. Scanners set to expand UPC-E to UPC-A avoid the guess.
 */
function interpretEightDigits(digits: string): ScanMeaning {
  const couldBeUpcE = digits[0] === '0' || digits[0] === '1';
  const upcA = couldBeUpcE ? expandUpcE(digits) : null;
  const upcE: ScanMeaning | null = upcA !== null && isValidGtin(upcA) ? { kind: 'product', gtin14: upcA.padStart(14, '0'), source: 'upc-e' } : null;
  const ean8: ScanMeaning | null = isValidGtin(digits) ? { kind: 'product', gtin14: digits.padStart(14, '0'), source: 'ean-8' } : null;
  const chosen = digits[0] === '0' ? (upcE ?? ean8) : (ean8 ?? upcE);
  return chosen ?? { kind: 'bad-check-digit', code: digits, format: couldBeUpcE ? 'ean-8/upc-e' : 'ean-8' };
}

// ----- commands -----------------------------------------------------------------------

type SimpleCommandName = Exclude<ScanCommand['name'], 'box'>;

// Short words: the sheet is scanned across a bench, and a shorter Code 128 is easier to hit.
const COMMAND_WORD: Readonly<Record<SimpleCommandName, string>> = {
  complete: 'COMPLETE',
  'next-package': 'NEXT-PACKAGE',
  acknowledge: 'ACK',
  cancel: 'CANCEL',
  reprint: 'REPRINT',
};
const COMMAND_BY_WORD: ReadonlyMap<string, ScanCommand> = new Map(
  (Object.keys(COMMAND_WORD) as SimpleCommandName[]).map((name): [string, ScanCommand] => [COMMAND_WORD[name], { name }]),
);
const BOX_WORD = 'BOX:';

// The prefix must not capture a product barcode: GS1 strings start with a digit, `(` or
// `]`, and a prefix trimmed away by interpretScan would never match.
function assertCommandPrefix(prefix: string): void {
  if (prefix.length === 0 || !isCode128Text(prefix) || prefix.trim() !== prefix || /^[0-9(\]]/.test(prefix)) {
    throw new RangeError(`Command prefix must be printable ASCII, not start with a digit, '(' or ']', got '${prefix}'`);
  }
}

// Code 128 code set B: ASCII 32–126, what the label printer can put in a command sheet.
function isCode128Text(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

function interpretCommand(code: string, rest: string): ScanMeaning {
  const word = rest.toUpperCase();
  // The box id keeps its case: it is matched against box presets as stored.
  if (word.startsWith(BOX_WORD) && rest.length > BOX_WORD.length) {
    return { kind: 'command', command: { name: 'box', boxId: rest.slice(BOX_WORD.length) } };
  }
  const command = COMMAND_BY_WORD.get(word);
  return command === undefined ? malformed(code, 'SCAN_UNKNOWN_COMMAND') : { kind: 'command', command };
}

/**
 * The text to print as a Code 128 barcode on the command sheet; interpretScan reads it back
 * as the same command. Throws on a box id that cannot round-trip (empty, outside printable
 * ASCII, or with spaces at the ends, which the scan's trimming would drop).
 */
export function commandBarcodeText(command: ScanCommand, prefix: string = DEFAULT_COMMAND_PREFIX): string {
  assertCommandPrefix(prefix);
  let word: string;
  if (command.name === 'box') {
    const { boxId } = command;
    if (boxId.length === 0 || !isCode128Text(boxId) || boxId.trim() !== boxId) {
      throw new RangeError(`A box id on a command barcode must be printable ASCII without spaces at the ends, got '${boxId}'`);
    }
    word = BOX_WORD + boxId;
  } else {
    word = COMMAND_WORD[command.name];
  }
  const text = prefix + word;
  if (text.length > MAX_SCAN_LENGTH) {
    throw new RangeError(`A command barcode is at most ${MAX_SCAN_LENGTH} characters, got ${text.length}`);
  }
  return text;
}

// ----- GS1 element strings ------------------------------------------------------------

type AiSpec =
  | { aiLength: number; kind: 'fixed'; length: number }
  | { aiLength: number; kind: 'variable'; max: number; charset: 'digits' | 'cset82' };

// Keyed by the first two digits of the AI. The fixed entries are GS1's table of element
// strings with predefined length (GS1 General Specifications, "Element strings with
// predefined length using GS1 Application Identifiers"): only these may be followed by the
// next AI without a separator. Prefixes the table reserves but GS1 has not assigned (03,
// 04, 14, 18, 19) are left out, so they are reported as unknown instead of skipped.
// The variable entries are the AIs the bench reads; any other AI is unknown, because
// without its definition the end of its field cannot be found.
const AI_SPECS: ReadonlyMap<string, AiSpec> = new Map<string, AiSpec>([
  ['00', { aiLength: 2, kind: 'fixed', length: 18 }], // SSCC
  ['01', { aiLength: 2, kind: 'fixed', length: 14 }], // GTIN
  ['02', { aiLength: 2, kind: 'fixed', length: 14 }], // GTIN of contained items
  ['11', { aiLength: 2, kind: 'fixed', length: 6 }], // production date
  ['12', { aiLength: 2, kind: 'fixed', length: 6 }], // due date
  ['13', { aiLength: 2, kind: 'fixed', length: 6 }], // packaging date
  ['15', { aiLength: 2, kind: 'fixed', length: 6 }], // best before
  ['16', { aiLength: 2, kind: 'fixed', length: 6 }], // sell by
  ['17', { aiLength: 2, kind: 'fixed', length: 6 }], // expiry
  ['20', { aiLength: 2, kind: 'fixed', length: 2 }], // internal variant
  ['31', { aiLength: 4, kind: 'fixed', length: 6 }], // trade measures (310n net kg…)
  ['32', { aiLength: 4, kind: 'fixed', length: 6 }],
  ['33', { aiLength: 4, kind: 'fixed', length: 6 }],
  ['34', { aiLength: 4, kind: 'fixed', length: 6 }],
  ['35', { aiLength: 4, kind: 'fixed', length: 6 }],
  ['36', { aiLength: 4, kind: 'fixed', length: 6 }],
  ['41', { aiLength: 3, kind: 'fixed', length: 13 }], // GLNs (410 ship to…)
  ['10', { aiLength: 2, kind: 'variable', max: 20, charset: 'cset82' }], // batch/lot
  ['21', { aiLength: 2, kind: 'variable', max: 20, charset: 'cset82' }], // serial
  ['30', { aiLength: 2, kind: 'variable', max: 8, charset: 'digits' }], // variable count
]);

// GS1 AI encodable character set 82. Space is not in it, which is why spaces can be dropped
// from the printed (parenthesised) form.
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

type Gs1Field = { ai: string; value: string };
type Gs1Read = { ok: true; meaning: ScanMeaning } | { ok: false; reason: MalformedReason };
type Gs1Split = { ok: true; fields: Gs1Field[] } | { ok: false; reason: MalformedReason };

/** The element string if the scan carries a GS1 marker, else null. */
function gs1Body(code: string): string | null {
  const id = GS1_SYMBOLOGY_IDS.find((s) => code.startsWith(s));
  if (id !== undefined) return code.slice(id.length);
  if (code.includes(GS) || code.includes(GS_SUBSTITUTE) || /^\([0-9]{2,4}\)/.test(code)) return code;
  return null;
}

function readGs1(body: string): Gs1Read {
  const data = body.split(GS_SUBSTITUTE).join(GS);
  const split = data.startsWith('(') ? splitPrinted(data) : splitElementString(data);
  return split.ok ? gs1Meaning(split.fields) : split;
}

// As transmitted: AI, data, and a GS after a variable-length field unless it is the last.
function splitElementString(data: string): Gs1Split {
  const fields: Gs1Field[] = [];
  let pos = 0;
  while (pos < data.length) {
    // A GS at the start stands for the leading FNC1 when no symbology identifier is sent;
    // one after a predefined-length field is redundant but harmless.
    if (data[pos] === GS) {
      pos += 1;
      continue;
    }
    const spec = AI_SPECS.get(data.slice(pos, pos + 2));
    if (spec === undefined) return { ok: false, reason: pos + 2 > data.length ? 'GS1_TRUNCATED' : 'GS1_UNKNOWN_AI' };
    const ai = data.slice(pos, pos + spec.aiLength);
    if (ai.length < spec.aiLength) return { ok: false, reason: 'GS1_TRUNCATED' };
    if (!DIGITS.test(ai)) return { ok: false, reason: 'GS1_UNKNOWN_AI' };
    pos += spec.aiLength;
    let end: number;
    if (spec.kind === 'fixed') {
      end = pos + spec.length;
      const value = data.slice(pos, end);
      if (value.length < spec.length || value.includes(GS)) return { ok: false, reason: 'GS1_TRUNCATED' };
    } else {
      const separator = data.indexOf(GS, pos);
      end = separator === -1 ? data.length : separator;
    }
    fields.push({ ai, value: data.slice(pos, end) });
    pos = end;
  }
  return { ok: true, fields };
}

// The human-readable form printed under the bars: (01)09501101020917(17)251231(10)ABC123.
// Hazard: a lot or serial containing '(' cannot be read back from this form.
function splitPrinted(printed: string): Gs1Split {
  const data = printed.replace(/ /g, '');
  const fields: Gs1Field[] = [];
  let pos = 0;
  while (pos < data.length) {
    const close = data.indexOf(')', pos);
    if (data[pos] !== '(' || close === -1) return { ok: false, reason: 'GS1_TRUNCATED' };
    const ai = data.slice(pos + 1, close);
    const spec = AI_SPECS.get(ai.slice(0, 2));
    if (!DIGITS.test(ai) || spec === undefined || spec.aiLength !== ai.length) return { ok: false, reason: 'GS1_UNKNOWN_AI' };
    const next = data.indexOf('(', close + 1);
    const end = next === -1 ? data.length : next;
    fields.push({ ai, value: data.slice(close + 1, end) });
    pos = end;
  }
  return { ok: true, fields };
}

function fieldProblem(field: Gs1Field, isLast: boolean): MalformedReason | null {
  const spec = AI_SPECS.get(field.ai.slice(0, 2));
  if (spec === undefined) return 'GS1_UNKNOWN_AI';
  const { value } = field;
  if (spec.kind === 'fixed') {
    if (value.length < spec.length) return 'GS1_TRUNCATED';
    if (value.length > spec.length || !DIGITS.test(value)) return 'GS1_BAD_FIELD';
    if (field.ai === '17' && !isYymmdd(value)) return 'GS1_BAD_FIELD';
    return null;
  }
  if (value.length === 0) return isLast ? 'GS1_TRUNCATED' : 'GS1_BAD_FIELD';
  // Over-long usually means a missing separator swallowed the next field.
  if (value.length > spec.max) return 'GS1_FIELD_TOO_LONG';
  return (spec.charset === 'digits' ? DIGITS : CSET82).test(value) ? null : 'GS1_BAD_FIELD';
}

// GS1 dates: DD 00 means the last day of the month, so 00–31 is accepted.
function isYymmdd(value: string): boolean {
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  return month >= 1 && month <= 12 && day <= 31;
}

function gs1Meaning(fields: readonly Gs1Field[]): Gs1Read {
  const values = new Map<string, string>();
  for (const [i, field] of fields.entries()) {
    const problem = fieldProblem(field, i === fields.length - 1);
    if (problem !== null) return { ok: false, reason: problem };
    const seen = values.get(field.ai);
    if (seen !== undefined && seen !== field.value) return { ok: false, reason: 'GS1_REPEATED_AI' };
    values.set(field.ai, field.value);
  }
  const gtin = values.get('01');
  if (gtin === undefined) return { ok: false, reason: 'GS1_NO_GTIN' };
  if (!isValidGtin(gtin)) return { ok: true, meaning: { kind: 'bad-check-digit', code: gtin, format: 'gs1' } };
  const lot = values.get('10');
  const serial = values.get('21');
  const expiry = values.get('17');
  const count = values.get('30');
  return {
    ok: true,
    meaning: {
      kind: 'product',
      gtin14: gtin,
      source: 'gs1',
      ...(lot === undefined ? {} : { lot }),
      ...(serial === undefined ? {} : { serial }),
      ...(expiry === undefined ? {} : { expiry }),
      ...(count === undefined ? {} : { count: Number(count) }),
    },
  };
}
