import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../../shared/domain/gtin';
import { planCode128 } from '../../shared/label/code128';
import type { ScanCommand } from '../../shared/scan/barcode';
import { commandBarcodeText, expandUpcE, interpretScan, MAX_SCAN_LENGTH } from '../../shared/scan/barcode';

// Where the cases come from:
// - UPC-A 036000291452, EAN-8 96385074, EAN-13 4006381333931, ISBN 978-0-306-40615-7 and
//   ISBN-10 0-306-40615-2: the Wikipedia UPC, EAN-8, EAN-13 and ISBN articles (as in gtin.test.ts).
// - UPC-E 04252614 = UPC-A 042100005264: the biip library's UPC documentation, checked by
//   hand: 0·3+4+2·3+1+0·3+0+0·3+0+5·3+2+6·3 = 46, so the UPC-A check digit is 4.
// - UPC-E 0123654(7) = EAN-13 0012360000057: the Mindeo MS3590 scanner manual's UPC-E example.
// - The other UPC-E data digits (124560, 275831, 412022, 876543, 753774, 213756, 517019) and
//   their UPC-A manufacturer/item split: the Printronix "six-digit zero expansion" table; the
//   check digits were computed here (the table gives none).
// - (01)09501101020917(17)190508(10)ABCD1234(21)10: example 2 of the GS1 DataMatrix Guideline.
// - (01)09521234543213(3103)000123 and (01)09521234543213(17)100101(10)123ABC(21)1234567890:
//   the GS1-128 examples of the BWIPP (Barcode Writer in Pure PostScript) documentation.
// - (01)03453120000011(17)120508(10)ABCD1234(410)9501101020917: Morovia's GS1 DataMatrix notes.
// - (01)09501101020917(17)251231(10)ABC123: the bench's own example; SSCC 095011010000000018
//   and the UPC-E codes with number system 1 were made up here, with computed check digits.

const GS = '\u001d';

describe('interpretScan: UPC-A, EAN-13, EAN-8 and GTIN-14', () => {
  it.each([
    ['a UPC-A', '036000291452', '00036000291452', 'upc-a'],
    ['an EAN-13', '4006381333931', '04006381333931', 'ean-13'],
    ['a book’s ISBN-13 (Bookland EAN)', '9780306406157', '09780306406157', 'ean-13'],
    ['a GTIN-14 case code (indicator 1)', '10036000291459', '10036000291459', 'gtin-14'],
    ['an EAN-8', '96385074', '00000096385074', 'ean-8'],
    ['a UPC-A with the scanner’s CR/LF suffix', '036000291452\r\n', '00036000291452', 'upc-a'],
    ['a UPC-A with a Tab suffix', '\t036000291452\t', '00036000291452', 'upc-a'],
    ['an EAN-13 in full-width digits from a Chinese IME', '４００６３８１３３３９３１', '04006381333931', 'ean-13'],
  ])('%s is that product', (_name, raw, gtin14, source) => {
    expect(interpretScan(raw)).toEqual({ kind: 'product', gtin14, source });
  });

  it.each([
    ['a UPC-A with its last digit misread', '036000291453', 'upc-a'],
    ['a UPC-A with two digits swapped', '036000294152', 'upc-a'],
    ['an EAN-13 with a wrong check digit', '4006381333932', 'ean-13'],
    ['a GTIN-14 with a wrong check digit', '10036000291458', 'gtin-14'],
    ['an EAN-8 with a wrong check digit (cannot be UPC-E: starts with 9)', '96385075', 'ean-8'],
    ['eight digits starting with 0 that fail both the EAN-8 and the UPC-E check', '04252615', 'ean-8/upc-e'],
  ])('%s is a bad check digit, not a SKU', (_name, raw, format) => {
    expect(interpretScan(raw)).toEqual({ kind: 'bad-check-digit', code: raw, format });
  });

  it('reports the folded digits of a full-width misread', () => {
    expect(interpretScan('０３６０００２９１４５３')).toEqual({ kind: 'bad-check-digit', code: '036000291453', format: 'upc-a' });
  });
});

describe('expandUpcE: zero suppression undone', () => {
  it.each([
    ['04252614', '042100005264', 'last data digit 1: manufacturer 42100, item 00526'],
    ['01245608', '012000004568', 'last data digit 0: manufacturer 12000, item 00456'],
    ['02758314', '027100005834', 'last data digit 1: manufacturer 27100, item 00583'],
    ['04120229', '041200002029', 'last data digit 2: manufacturer 41200, item 00202'],
    ['08765438', '087600000548', 'last data digit 3: manufacturer 87600, item 00054'],
    ['07537743', '075370000073', 'last data digit 4: manufacturer 75370, item 00007'],
    ['01236547', '012360000057', 'last data digit 4 (the Mindeo manual’s example)'],
    ['02137568', '021375000068', 'last data digit 6: manufacturer 21375, item 00006'],
    ['05170197', '051701000097', 'last data digit 9: manufacturer 51701, item 00009'],
    ['14252611', '142100005261', 'number system 1'],
  ])('UPC-E %s expands to UPC-A %s (%s)', (upcE, upcA) => {
    expect(expandUpcE(upcE)).toBe(upcA);
    expect(isValidGtin(upcA)).toBe(true);
  });

  it.each(['4252614', '24252614', '042526140', '0425261X'])('refuses %j, which is not an 8-digit UPC-E', (code) => {
    expect(() => expandUpcE(code)).toThrow(RangeError);
  });
});

describe('interpretScan: eight digits, EAN-8 or UPC-E', () => {
  it.each([
    ['UPC-E 04252614 is UPC-A 042100005264', '04252614', '00042100005264', 'upc-e'],
    ['the Mindeo manual’s UPC-E', '01236547', '00012360000057', 'upc-e'],
    ['a UPC-E that also passes the EAN-8 check is UPC-E when it starts with 0', '01245608', '00012000004568', 'upc-e'],
    ['every UPC-E ending in 5–9 passes the EAN-8 check too, and is still UPC-E', '02137568', '00021375000068', 'upc-e'],
    ['eight digits starting with 0 that pass only the EAN-8 check are an EAN-8 (an RCN-8)', '04252610', '00000004252610', 'ean-8'],
    ['a UPC-E with number system 1 that fails the EAN-8 check', '14252611', '00142100005261', 'upc-e'],
    ['eight digits starting with 1 that pass both checks are an EAN-8', '12345656', '00000012345656', 'ean-8'],
    ['a UPC-E in full-width digits', '０４２５２６１４', '00042100005264', 'upc-e'],
  ])('%s', (_name, raw, gtin14, source) => {
    expect(interpretScan(raw)).toEqual({ kind: 'product', gtin14, source });
  });

  it('the UPC-E ambiguity is real: these UPC-E codes are valid EAN-8 check-digit-wise', () => {
    for (const code of ['01245608', '02137568', '05170197']) expect(isValidGtin(code)).toBe(true);
  });

  it.each([
    ['six digits (UPC-E sent without number system and check digit)', '425261'],
    ['seven digits (UPC-E sent without check digit)', '0425261'],
  ])('%s cannot be checked, so it is text', (_name, raw) => {
    expect(interpretScan(raw)).toEqual({ kind: 'text', value: raw });
  });
});

describe('interpretScan: one product however it is printed', () => {
  it.each([
    ['UPC-E, UPC-A, EAN-13, GTIN-14 and GS1 spellings of one item', ['04252614', '042100005264', '0042100005264', '00042100005264', '(01)00042100005264', `]d20100042100005264`]],
    ['EAN-8, GTIN-14 and GS1 spellings of one item', ['96385074', '00000096385074', '(01)00000096385074', '0100000096385074']],
    ['UPC-A and EAN-13 spellings of one item', ['036000291452', '0036000291452', '00036000291452', `]C10100036000291452`]],
  ])('%s share a GTIN-14', (_name, spellings) => {
    const gtins = spellings.map((raw) => {
      const meaning = interpretScan(raw);
      return meaning.kind === 'product' ? meaning.gtin14 : meaning.kind;
    });
    expect(new Set(gtins).size).toBe(1);
    expect(gtins[0]).toMatch(/^[0-9]{14}$/);
  });

  it('a case of the item (indicator 1) is not the item', () => {
    expect(interpretScan('10036000291459')).not.toEqual(interpretScan('036000291452'));
  });
});

describe('interpretScan: GS1 element strings', () => {
  const guideline = { kind: 'product', gtin14: '09501101020917', source: 'gs1', expiry: '190508', lot: 'ABCD1234', serial: '10' };

  it.each([
    ['GS1 DataMatrix with its symbology identifier', `]d201095011010209171719050810ABCD1234${GS}2110`, guideline],
    ['the same without symbology identifier, leading FNC1 sent as GS', `${GS}01095011010209171719050810ABCD1234${GS}2110`, guideline],
    ['the same with the scanner’s visible <GS> substitute', '01095011010209171719050810ABCD1234<GS>2110', guideline],
    ['the same with <GS> and symbology identifier', ']d201095011010209171719050810ABCD1234<GS>2110', guideline],
    ['the same printed form, from the label', '(01)09501101020917(17)190508(10)ABCD1234(21)10', guideline],
    ['the printed form typed with spaces', '(01) 09501101020917 (17) 190508 (10) ABCD1234 (21) 10', guideline],
    ['a GS after the last field too', `]d201095011010209171719050810ABCD1234${GS}2110${GS}`, guideline],
    ['a redundant GS after a predefined-length field', `]d2010950110102091717190508${GS}10ABCD1234${GS}2110`, guideline],
    [
      'the bench’s example in printed form',
      '(01)09501101020917(17)251231(10)ABC123',
      { kind: 'product', gtin14: '09501101020917', source: 'gs1', expiry: '251231', lot: 'ABC123' },
    ],
    [
      'GS1-128 with lot and serial',
      `]C101095212345432131710010110123ABC${GS}211234567890`,
      { kind: 'product', gtin14: '09521234543213', source: 'gs1', expiry: '100101', lot: '123ABC', serial: '1234567890' },
    ],
    ['GS1-128 with a net weight (AI 3103) skipped', ']C10109521234543213' + '3103000123', { kind: 'product', gtin14: '09521234543213', source: 'gs1' }],
    [
      'GS1 DataMatrix with a ship-to GLN (AI 410) skipped',
      `]d2010345312000001117120508` + `10ABCD1234${GS}` + '4109501101020917',
      { kind: 'product', gtin14: '03453120000011', source: 'gs1', expiry: '120508', lot: 'ABCD1234' },
    ],
    [
      'an SSCC (AI 00) and a production date (AI 11) before the GTIN are skipped',
      ']C100095011010000000018112501150109501101020917',
      { kind: 'product', gtin14: '09501101020917', source: 'gs1' },
    ],
    ['GS1 QR Code with a count (AI 30)', `]Q30109501101020917` + `3012${GS}` + '10L1', { kind: 'product', gtin14: '09501101020917', source: 'gs1', count: 12, lot: 'L1' }],
    ['a count as the last field', '(01)09501101020917(30)00000500', { kind: 'product', gtin14: '09501101020917', source: 'gs1', count: 500 }],
    ['expiry day 00 (end of the month)', '(01)09501101020917(17)251200', { kind: 'product', gtin14: '09501101020917', source: 'gs1', expiry: '251200' }],
    ['a lot with the punctuation GS1 allows', '(01)09501101020917(10)AB-1/2.x_%', { kind: 'product', gtin14: '09501101020917', source: 'gs1', lot: 'AB-1/2.x_%' }],
    ['a lot of exactly 20 characters', `(01)09501101020917(10)${'L'.repeat(20)}`, { kind: 'product', gtin14: '09501101020917', source: 'gs1', lot: 'L'.repeat(20) }],
    ['the same AI twice with the same value', '(01)09501101020917(01)09501101020917', { kind: 'product', gtin14: '09501101020917', source: 'gs1' }],
    ['no symbology identifier, no separators: only fixed-length fields', '0109501101020917', { kind: 'product', gtin14: '09501101020917', source: 'gs1' }],
    [
      'no symbology identifier, no separators: a lot as the last field',
      '01095011010209171725123110ABC123',
      { kind: 'product', gtin14: '09501101020917', source: 'gs1', expiry: '251231', lot: 'ABC123' },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(interpretScan(raw)).toEqual(expected);
  });

  it('a missing separator after a lot cannot be noticed while the result still fits: the serial is read into the lot', () => {
    expect(interpretScan(']d20109501101020917' + '10ABC' + '21XYZ')).toEqual({
      kind: 'product',
      gtin14: '09501101020917',
      source: 'gs1',
      lot: 'ABC21XYZ',
    });
  });

  it.each([
    ['a GS1 DataMatrix whose GTIN has a wrong check digit', `]d201095011010209181719050810ABCD1234${GS}2110`],
    ['the printed form with a wrong check digit', '(01)09501101020918(17)251231'],
  ])('%s is a bad check digit of the GTIN', (_name, raw) => {
    expect(interpretScan(raw)).toEqual({ kind: 'bad-check-digit', code: '09501101020918', format: 'gs1' });
  });

  it.each([
    ['a GTIN cut short', ']d2010950110102', 'GS1_TRUNCATED'],
    ['an expiry cut short', ']d20109501101020917172512', 'GS1_TRUNCATED'],
    ['an AI with nothing after it', `]C1010950110102091717251231${GS}10`, 'GS1_TRUNCATED'],
    ['a single digit where an AI should be', ']C101095011010209171', 'GS1_TRUNCATED'],
    ['a GS inside the GTIN', `]d201095011${GS}01020917`, 'GS1_TRUNCATED'],
    ['a printed AI never closed', '(01)09501101020917(17', 'GS1_TRUNCATED'],
    ['a printed expiry with five digits', '(01)09501101020917(17)25123', 'GS1_TRUNCATED'],
    ['an AI the bench does not know (99, company internal)', ']d2010950110102091799ABC', 'GS1_UNKNOWN_AI'],
    ['a real AI the bench does not read (240)', '(01)09501101020917(240)ABC', 'GS1_UNKNOWN_AI'],
    ['an AI prefix GS1 reserves but has not assigned (14)', ']d2010950110102091714251231', 'GS1_UNKNOWN_AI'],
    ['a printed four-digit AI written with three digits', '(01)09501101020917(310)000123', 'GS1_UNKNOWN_AI'],
    ['letters where an AI should be', `]C10109501101020917${GS}AB123`, 'GS1_UNKNOWN_AI'],
    ['a GS inside something that is not GS1 at all', `SKU${GS}RED`, 'GS1_UNKNOWN_AI'],
    ['a lot of 21 characters', `]d2010950110102091710${'L'.repeat(21)}`, 'GS1_FIELD_TOO_LONG'],
    ['a missing separator that makes the lot too long', ']d2010950110102091710ABCD1234567890' + '21SERIAL0001', 'GS1_FIELD_TOO_LONG'],
    ['a count of nine digits', '(01)09501101020917(30)123456789', 'GS1_FIELD_TOO_LONG'],
    ['a lot with a character GS1 does not allow', ']d2010950110102091710AB#12', 'GS1_BAD_FIELD'],
    ['a count with a letter', '(01)09501101020917(30)1A', 'GS1_BAD_FIELD'],
    ['an expiry in month 13', '(01)09501101020917(17)251331', 'GS1_BAD_FIELD'],
    ['an expiry on day 32', '(01)09501101020917(17)251232', 'GS1_BAD_FIELD'],
    ['a GTIN with a letter', '(01)0950110102091X', 'GS1_BAD_FIELD'],
    ['a printed expiry with seven digits', '(01)09501101020917(17)2512310', 'GS1_BAD_FIELD'],
    ['an empty lot between two fields', `]d2010950110102091710${GS}21ABC`, 'GS1_BAD_FIELD'],
    ['two different GTINs', '(01)09501101020917(01)00036000291452', 'GS1_REPEATED_AI'],
    ['expiry and lot but no GTIN', ']d21725123110ABC', 'GS1_NO_GTIN'],
    ['a symbology identifier and nothing else', ']d2', 'GS1_NO_GTIN'],
  ])('%s is malformed (%s)', (_name, raw, reason) => {
    expect(interpretScan(raw)).toEqual({ kind: 'malformed', code: raw, reason });
  });

  it.each([
    ['a GTIN-looking start with a wrong check digit', '0109501101020918'],
    ['a GTIN-looking start with a truncated expiry', '01095011010209171725'],
  ])('without any GS1 marker, %s is left to SKU matching', (_name, raw) => {
    expect(interpretScan(raw)).toEqual({ kind: 'text', value: raw });
  });
});

describe('interpretScan: control characters and length', () => {
  it.each([
    ['a Tab inside', '0360002\t91452'],
    ['a CR inside', 'X001ABCDEF\rX001'],
    ['a NUL inside', 'SKU\u0000RED'],
    ['an ESC inside (a scanner prefix set up wrongly)', '\u001b[036000291452'],
    ['a DEL inside', 'SKU\u007fRED'],
    ['a C1 control (NEL) inside', 'SKU\u0085RED'],
  ])('%s is malformed', (_name, raw) => {
    expect(interpretScan(raw)).toEqual({ kind: 'malformed', code: raw, reason: 'SCAN_CONTROL_CHARACTER' });
  });

  it('200 characters are still read', () => {
    const raw = 'A'.repeat(MAX_SCAN_LENGTH);
    expect(interpretScan(raw)).toEqual({ kind: 'text', value: raw });
  });

  it('201 characters are too long', () => {
    const raw = 'A'.repeat(MAX_SCAN_LENGTH + 1);
    expect(interpretScan(raw)).toEqual({ kind: 'malformed', code: raw, reason: 'SCAN_TOO_LONG' });
  });

  it('the scanner’s CR/LF suffix does not count towards the length', () => {
    const code = 'A'.repeat(MAX_SCAN_LENGTH);
    expect(interpretScan(`${code}\r\n`)).toEqual({ kind: 'text', value: code });
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 260 }), (raw) => {
        expect(['product', 'fnsku', 'asin', 'command', 'bad-check-digit', 'malformed', 'text']).toContain(interpretScan(raw).kind);
      }),
    );
  });

  it('never throws on GS1-looking noise', () => {
    const gs1Char = fc.constantFrom('0', '1', '2', '3', '7', '9', 'A', '(', ')', GS, '<GS>', ']d2');
    fc.assert(
      fc.property(fc.array(gs1Char, { maxLength: 60 }), (parts) => {
        expect(() => interpretScan(parts.join(''))).not.toThrow();
      }),
    );
  });
});

describe('interpretScan: Amazon identifiers and text', () => {
  it.each([
    ['an FNSKU', 'X001ABCDEF', { kind: 'fnsku', fnsku: 'X001ABCDEF' }],
    ['an FNSKU typed under Caps Lock', 'x001abcdef', { kind: 'fnsku', fnsku: 'X001ABCDEF' }],
    ['an FNSKU in full-width letters from a Chinese IME', 'Ｘ００１ＡＢＣＤＥＦ', { kind: 'fnsku', fnsku: 'X001ABCDEF' }],
    ['an ASIN', 'B07XJ8C8F5', { kind: 'asin', asin: 'B07XJ8C8F5' }],
    ['an ASIN in lower case', 'b07xj8c8f5', { kind: 'asin', asin: 'B07XJ8C8F5' }],
    ['an FNSKU one character short', 'X001ABCDE', { kind: 'text', value: 'X001ABCDE' }],
    ['an FNSKU one character long', 'X001ABCDEFG', { kind: 'text', value: 'X001ABCDEFG' }],
    ['an FNSKU-like code with a hyphen', 'X001ABC-EF', { kind: 'text', value: 'X001ABC-EF' }],
    ['a ten-character code starting with X but not X00', 'X10ABCDEFG', { kind: 'text', value: 'X10ABCDEFG' }],
    ['an ISBN-10, which some ASINs equal, is not taken for an ASIN', '0306406152', { kind: 'text', value: '0306406152' }],
    ['a B0 code one character short', 'B07XJ8C8F', { kind: 'text', value: 'B07XJ8C8F' }],
    ['an Amazon order id', '112-1234567-1234567', { kind: 'text', value: '112-1234567-1234567' }],
    ['a seller SKU, trimmed', '  SKU-RED-01\r\n', { kind: 'text', value: 'SKU-RED-01' }],
    ['a Chinese SKU', '红色杯子-01', { kind: 'text', value: '红色杯子-01' }],
    ['an 11-digit number', '36000291452', { kind: 'text', value: '36000291452' }],
    ['a 16-digit number not starting with 01', '1234567890123456', { kind: 'text', value: '1234567890123456' }],
    ['an empty scan', '   ', { kind: 'text', value: '' }],
  ])('%s', (_name, raw, expected) => {
    expect(interpretScan(raw)).toEqual(expected);
  });
});

describe('interpretScan: command barcodes', () => {
  it.each([
    ['PB:COMPLETE', { name: 'complete' }],
    ['PB:NEXT-PACKAGE', { name: 'next-package' }],
    ['PB:ACK', { name: 'acknowledge' }],
    ['PB:CANCEL', { name: 'cancel' }],
    ['PB:REPRINT', { name: 'reprint' }],
    ['PB:BOX:BOX-M', { name: 'box', boxId: 'BOX-M' }],
    ['pb:complete', { name: 'complete' }],
    ['Pb:Next-Package', { name: 'next-package' }],
    ['PB:box:Box-m', { name: 'box', boxId: 'Box-m' }],
    ['PB:BOX:小箱', { name: 'box', boxId: '小箱' }],
    ['PB:COMPLETE\r\n', { name: 'complete' }],
  ])('%j is a command', (raw, command) => {
    expect(interpretScan(raw)).toEqual({ kind: 'command', command });
  });

  it.each(['PB:', 'PB:FINISH', 'PB:BOX:', 'PB:ACKNOWLEDGE', 'PB: COMPLETE', 'PB:COMPLETE!'])('%j is an unknown command', (raw) => {
    expect(interpretScan(raw)).toEqual({ kind: 'malformed', code: raw, reason: 'SCAN_UNKNOWN_COMMAND' });
  });

  it('reads commands under a configured prefix, and then PB: is just text', () => {
    expect(interpretScan('#CMD#REPRINT', { commandPrefix: '#CMD#' })).toEqual({ kind: 'command', command: { name: 'reprint' } });
    expect(interpretScan('PB:REPRINT', { commandPrefix: '#CMD#' })).toEqual({ kind: 'text', value: 'PB:REPRINT' });
  });

  it.each(['', '0', '(', ']C', ' PB:', 'PB: ', 'PB\u0085'])('refuses the command prefix %j', (prefix) => {
    expect(() => interpretScan('036000291452', { commandPrefix: prefix })).toThrow(RangeError);
    expect(() => commandBarcodeText({ name: 'complete' }, prefix)).toThrow(RangeError);
  });
});

describe('commandBarcodeText: the printed command sheet', () => {
  const commands: ScanCommand[] = [
    { name: 'complete' },
    { name: 'next-package' },
    { name: 'acknowledge' },
    { name: 'cancel' },
    { name: 'reprint' },
    { name: 'box', boxId: 'BOX-M' },
    { name: 'box', boxId: 'small box 2' },
    { name: 'box', boxId: 'b:1' },
  ];

  it.each(commands)('%j is printed as text that scans back to it', (command) => {
    for (const prefix of ['PB:', '~', '#CMD#']) {
      const text = commandBarcodeText(command, prefix);
      expect(interpretScan(text, { commandPrefix: prefix })).toEqual({ kind: 'command', command });
      // Printable ASCII only: the Code 128 encoder used for labels must accept it.
      expect(text).toMatch(/^[\x20-\x7e]+$/);
      expect(() => planCode128(text)).not.toThrow();
    }
  });

  it.each([
    [{ name: 'complete' }, 'PB:COMPLETE'],
    [{ name: 'next-package' }, 'PB:NEXT-PACKAGE'],
    [{ name: 'acknowledge' }, 'PB:ACK'],
    [{ name: 'cancel' }, 'PB:CANCEL'],
    [{ name: 'reprint' }, 'PB:REPRINT'],
    [{ name: 'box', boxId: 'BOX-M' }, 'PB:BOX:BOX-M'],
  ] satisfies Array<[ScanCommand, string]>)('%j is printed as %s', (command, text) => {
    expect(commandBarcodeText(command)).toBe(text);
  });

  it('any printable box id without spaces at the ends round-trips', () => {
    const boxId = fc
      .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 })
      .filter((id) => id.trim() === id);
    fc.assert(
      fc.property(boxId, (id) => {
        const command: ScanCommand = { name: 'box', boxId: id };
        expect(interpretScan(commandBarcodeText(command))).toEqual({ kind: 'command', command });
      }),
    );
  });

  it.each([
    ['an empty box id', ''],
    ['a box id with a leading space, which the scan would trim', ' M'],
    ['a box id with a trailing space', 'M '],
    ['a box id in Chinese, which Code 128 cannot carry', '小箱'],
    ['a box id with a Tab', 'A\tB'],
    ['a box id that makes the barcode too long', 'B'.repeat(MAX_SCAN_LENGTH)],
  ])('refuses %s', (_name, boxId) => {
    expect(() => commandBarcodeText({ name: 'box', boxId })).toThrow(RangeError);
  });
});
