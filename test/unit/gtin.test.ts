import { describe, it, expect } from 'vitest';
import { gtinCheckDigit, interpretProductCode, isValidGtin, makeGtin, toGtin14 } from '../../shared/domain/gtin';

// Published examples: UPC-A 036000291452 and EAN-8 96385074 (the Wikipedia UPC / EAN-8
// articles), EAN-13 4006381333931 (Wikipedia EAN-13), ISBN-13 978-0-306-40615-7
// (Wikipedia ISBN). The GTIN-14 10036000291459 (a case of the UPC product, indicator 1)
// was computed by hand: 1·3+0+0·3+3+6·3+0+0+0+2·3+9+1·3+4+5·3 = 61, so 9.

describe('gtinCheckDigit', () => {
  it.each([
    ['UPC-A 036000291452', '03600029145', 2],
    ['EAN-13 4006381333931', '400638133393', 1],
    ['EAN-8 96385074', '9638507', 4],
    ['ISBN-13 9780306406157', '978030640615', 7],
    ['GTIN-14 10036000291459', '1003600029145', 9],
    ['a body whose weighted sum is already a multiple of ten gives 0', '0000000', 0],
  ])('%s', (_name, body, expected) => {
    expect(gtinCheckDigit(body)).toBe(expected);
  });

  it('refuses a body with anything but digits, because that is a caller bug', () => {
    expect(() => gtinCheckDigit('03600O29145')).toThrow(RangeError);
    expect(() => gtinCheckDigit('')).toThrow(RangeError);
  });
});

describe('isValidGtin', () => {
  it.each([
    ['036000291452', true, 'UPC-A'],
    ['0036000291452', true, 'the same UPC-A as EAN-13'],
    ['00036000291452', true, 'the same UPC-A as GTIN-14'],
    ['4006381333931', true, 'EAN-13'],
    ['96385074', true, 'EAN-8'],
    ['9780306406157', true, 'ISBN-13 (Bookland EAN)'],
    ['10036000291459', true, 'GTIN-14 case code'],
    ['036000291453', false, 'UPC-A with the last digit misread'],
    ['036000294152', false, 'UPC-A with two digits swapped'],
    ['36000291452', false, 'UPC-A whose leading zero a spreadsheet dropped (11 digits)'],
    ['0000036000291452', false, 'too long (16 digits)'],
    ['036000 291452', false, 'a space inside'],
    [' 036000291452', false, 'leading whitespace (isValidGtin is strict)'],
    ['0360-0029-1452', false, 'hyphenated'],
    ['X001ABCDEF', false, 'an FNSKU'],
    ['', false, 'empty'],
  ])('%s is %s (%s)', (code, expected) => {
    expect(isValidGtin(code)).toBe(expected);
  });
});

describe('toGtin14', () => {
  it.each([
    ['96385074', '00000096385074'],
    ['036000291452', '00036000291452'],
    ['0036000291452', '00036000291452'],
    ['4006381333931', '04006381333931'],
    ['10036000291459', '10036000291459'],
    ['036000291453', null],
    ['36000291452', null],
    ['SKU-RED-01', null],
  ])('%s becomes %s', (code, expected) => {
    expect(toGtin14(code)).toBe(expected);
  });

  it('a UPC-A scan matches the same product stored as EAN-13', () => {
    expect(toGtin14('036000291452')).toBe(toGtin14('0036000291452'));
  });

  it('a case code (indicator 1) is not the same item as the unit inside it', () => {
    expect(toGtin14('10036000291459')).not.toBe(toGtin14('036000291452'));
  });
});

describe('interpretProductCode', () => {
  it.each([
    ['a clean UPC-A scan', '036000291452', { kind: 'gtin', gtin14: '00036000291452' }],
    ['a scan with the scanner’s CR/LF suffix', '036000291452\r\n', { kind: 'gtin', gtin14: '00036000291452' }],
    ['an EAN-8 typed with spaces around it', '  96385074 ', { kind: 'gtin', gtin14: '00000096385074' }],
    ['digits typed in full-width mode on a Chinese IME', '４００６３８１３３３９３１', { kind: 'gtin', gtin14: '04006381333931' }],
    ['a misread last digit', '036000291453', { kind: 'bad-check-digit', code: '036000291453' }],
    ['a GTIN-14 with a wrong check digit', '10036000291458', { kind: 'bad-check-digit', code: '10036000291458' }],
    ['an EAN-8-length number with a wrong check digit', '96385075', { kind: 'bad-check-digit', code: '96385075' }],
    ['an FNSKU', 'X001ABCDEF', { kind: 'text', value: 'X001ABCDEF' }],
    ['a SKU', ' SKU-RED-01 ', { kind: 'text', value: 'SKU-RED-01' }],
    ['an 11-digit number (not a GTIN length) goes to SKU matching', '36000291452', { kind: 'text', value: '36000291452' }],
    ['a 10-digit all-digit SKU', '1234567890', { kind: 'text', value: '1234567890' }],
    ['a Chinese SKU stays as typed', '红色杯子-01', { kind: 'text', value: '红色杯子-01' }],
    ['an empty scan', '   ', { kind: 'text', value: '' }],
  ])('%s', (_name, raw, expected) => {
    expect(interpretProductCode(raw)).toEqual(expected);
  });
});

describe('makeGtin', () => {
  it.each([
    ['9638507', '96385074'],
    ['03600029145', '036000291452'],
    ['400638133393', '4006381333931'],
    ['1003600029145', '10036000291459'],
  ])('demo body %s becomes %s', (body, expected) => {
    const gtin = makeGtin(body);
    expect(gtin).toBe(expected);
    expect(isValidGtin(gtin)).toBe(true);
  });

  it.each(['', '123', '1234567890', '12345678901234', '03600A29145'])('refuses body %j', (body) => {
    expect(() => makeGtin(body)).toThrow(RangeError);
  });
});
