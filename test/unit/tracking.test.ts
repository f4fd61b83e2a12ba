import { describe, it, expect } from 'vitest';
import {
  dhlExpressCheckDigit,
  fedexExpress12CheckDigit,
  makeTrackingNumber,
  s10CheckDigit,
  validateTrackingNumber,
} from '../../shared/domain/tracking';
import type { TrackingFormat } from '../../shared/domain/tracking';

// Where the samples come from:
// - S10: RR123456785CN is the example in carriers/LIMITS.md; RB123456785GB is a valid sample
//   in jkeen/tracking_number_data (couriers/s10.json). By hand for 12345678:
//   1·8+2·6+3·4+4·2+5·3+6·5+7·9+8·7 = 204, 204 mod 11 = 6, 11 − 6 = 5.
//   EE876543216CA: 8·8+7·6+6·4+5·2+4·3+3·5+2·9+1·7 = 192, mod 11 = 5, check 6.
//   99999999: 9·44 = 396, mod 11 = 0, 11 → 5. 00000008: 8·7 = 56, mod 11 = 1, 10 → 0.
// - DHL Express and FedEx Express 12: valid and invalid samples from
//   jkeen/tracking_number_data (couriers/dhl.json, couriers/fedex.json). 568838414941 and
//   797806677146 are FedEx's own test numbers as listed in the python-fedex tracking tests.

describe('s10CheckDigit', () => {
  it.each([
    ['12345678', 5, 'RR123456785CN'],
    ['87654321', 6, 'EE876543216CA'],
    ['99999999', 5, 'a remainder of 0 gives 11, written as 5'],
    ['00000000', 5, 'an all-zero serial also gives 5'],
    ['00000008', 0, 'a remainder of 1 gives 10, written as 0'],
  ])('serial %s has check digit %i (%s)', (serial, expected) => {
    expect(s10CheckDigit(serial)).toBe(expected);
  });

  it.each(['1234567', '123456789', '1234567A'])('refuses serial %j', (serial) => {
    expect(() => s10CheckDigit(serial)).toThrow(RangeError);
  });
});

describe('dhlExpressCheckDigit', () => {
  it.each([
    ['331881002', 5],
    ['848713550', 6],
    ['109925599', 0],
    ['382172494', 4],
    ['331881003', 6],
    ['331881001', 4],
  ])('body %s has check digit %i', (body, expected) => {
    expect(dhlExpressCheckDigit(body)).toBe(expected);
  });
});

describe('fedexExpress12CheckDigit', () => {
  it.each([
    ['98657878885', 5],
    ['47717908123', 0],
    ['79953127448', 3],
    ['79053531231', 7],
    ['97436766271', 0],
    ['56883841494', 1],
    ['79780667714', 6],
  ])('body %s has check digit %i', (body, expected) => {
    expect(fedexExpress12CheckDigit(body)).toBe(expected);
  });
});

describe('validateTrackingNumber', () => {
  it.each<[TrackingFormat, string]>([
    ['upu-s10', 'RR123456785CN'],
    ['upu-s10', 'RB123456785GB'],
    ['upu-s10', 'EE876543216CA'],
    ['upu-s10', 'LX999999995CN'],
    ['upu-s10', 'RR000000080CN'],
    ['dhl-express-10', '3318810025'],
    ['dhl-express-10', '8487135506'],
    ['dhl-express-10', '1099255990'],
    ['dhl-express-10', '3821724944'],
    ['fedex-express-12', '986578788855'],
    ['fedex-express-12', '477179081230'],
    ['fedex-express-12', '799531274483'],
    ['fedex-express-12', '790535312317'],
    ['fedex-express-12', '974367662710'],
  ])('%s %s is accepted', (format, value) => {
    expect(validateTrackingNumber(format, value)).toEqual({ ok: true });
  });

  it.each<[TrackingFormat, string]>([
    ['upu-s10', 'RR123456786CN'],
    ['upu-s10', 'RB123456784GB'],
    ['dhl-express-10', '3318810010'],
    ['dhl-express-10', '3318810034'],
    ['dhl-express-10', '3318810011'],
    ['fedex-express-12', '996578788855'],
  ])('%s %s is a wrong check digit', (format, value) => {
    const result = validateTrackingNumber(format, value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('TRACKING_BAD_CHECK_DIGIT');
  });

  it.each<[TrackingFormat, string, string]>([
    ['upu-s10', 'rr123456785cn', 'lower case'],
    ['upu-s10', 'RR12345678CN', 'one digit short'],
    ['upu-s10', ' RR123456785CN', 'a leading space from the scanner'],
    ['upu-s10', 'R1123456785CN', 'a digit in the service letters'],
    ['dhl-express-10', '331881002', '9 digits'],
    ['dhl-express-10', '33188100255', '11 digits'],
    ['dhl-express-10', 'JJD0099999999', 'a DHL piece id, not a waybill'],
    ['fedex-express-12', '98657878885', '11 digits'],
    ['fedex-express-12', '449044304137821', 'a 15-digit FedEx Ground number'],
    ['fedex-express-12', '', 'nothing scanned'],
  ])('%s %j is the wrong shape (%s)', (format, value) => {
    const result = validateTrackingNumber(format, value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('TRACKING_BAD_FORMAT');
  });

  it('says in plain words which digit is wrong and what it should be', () => {
    const result = validateTrackingNumber('upu-s10', 'RR123456786CN');
    expect(result).toEqual({
      ok: false,
      code: 'TRACKING_BAD_CHECK_DIGIT',
      message: expect.stringMatching(/check digit 6 .*needs 5/),
    });
  });

  it('says what shape was expected, with an example', () => {
    const result = validateTrackingNumber('dhl-express-10', '331881002');
    expect(result).toEqual({
      ok: false,
      code: 'TRACKING_BAD_FORMAT',
      message: expect.stringContaining('10 digits, like 3318810025'),
    });
  });
});

describe('makeTrackingNumber', () => {
  it.each<[TrackingFormat, string, string, number, string]>([
    ['upu-s10', 'RR', 'CN', 12345678, 'RR123456785CN'],
    ['upu-s10', 'LX', 'CN', 99_999_999, 'LX999999995CN'],
    ['upu-s10', 'RR', 'CN', 8, 'RR000000080CN'],
    ['upu-s10', 'EE', 'CA', 87654321, 'EE876543216CA'],
    ['dhl-express-10', '33188100', '', 1, '3318810014'],
    ['dhl-express-10', '33188100', '', 2, '3318810025'],
    ['dhl-express-10', '33188100', '', 3, '3318810036'],
    ['dhl-express-10', '', '', 848713550, '8487135506'],
    ['fedex-express-12', '9865787888', '', 5, '986578788855'],
    ['fedex-express-12', '47717908', '', 123, '477179081230'],
  ])('%s range %s…%s, sequence %i gives %s', (format, prefix, suffix, sequence, expected) => {
    const value = makeTrackingNumber(format, { prefix, suffix }, sequence);
    expect(value).toBe(expected);
    expect(validateTrackingNumber(format, value)).toEqual({ ok: true });
  });

  it('every number in a small DHL range passes its own check', () => {
    for (let sequence = 0; sequence <= 999; sequence += 1) {
      const value = makeTrackingNumber('dhl-express-10', { prefix: '123456', suffix: '' }, sequence);
      expect(validateTrackingNumber('dhl-express-10', value)).toEqual({ ok: true });
    }
  });

  it.each<[string, TrackingFormat, string, string, number]>([
    ['the sequence overflows the digits left after the DHL prefix', 'dhl-express-10', '33188100', '', 10],
    ['the sequence overflows the FedEx body', 'fedex-express-12', '98657878', '', 1000],
    ['the S10 serial would need 9 digits', 'upu-s10', 'RR', 'CN', 100_000_000],
    ['the sequence is negative', 'dhl-express-10', '', '', -1],
    ['the sequence is not whole', 'fedex-express-12', '', '', 1.5],
    ['the S10 country is missing', 'upu-s10', 'RR', '', 1],
    ['the S10 prefix is lower case', 'upu-s10', 'rr', 'CN', 1],
    ['a DHL range is given a suffix', 'dhl-express-10', '331', 'CN', 1],
    ['the DHL prefix fills the whole body', 'dhl-express-10', '331881002', '', 0],
    ['the FedEx prefix has letters', 'fedex-express-12', '98A', '', 0],
  ])('throws RangeError when %s', (_name, format, prefix, suffix, sequence) => {
    expect(() => makeTrackingNumber(format, { prefix, suffix }, sequence)).toThrow(RangeError);
  });
});
