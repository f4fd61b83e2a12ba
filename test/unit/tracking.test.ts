import { describe, it, expect } from 'vitest';
import {
  dhlExpressCheckDigit,
  fedexExpress12CheckDigit,
  makeTrackingNumber,
  makeUps1Z,
  recognizeTrackingNumber,
  s10CheckDigit,
  upsCheckDigit,
  validateTrackingNumber,
} from '../../shared/domain/tracking';
import type { RecognizedCarrier, RecognizedFormat, TrackingFormat } from '../../shared/domain/tracking';

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

// Samples for recognition: UPS 1Z999AA10123456784 is UPS's long-published example; every other
// valid or invalid sample is from jkeen/tracking_number_data couriers/{ups,fedex,usps,dhl,s10}.json,
// except the numbers built here by makeUps1Z and checked by hand where noted.

describe('upsCheckDigit', () => {
  it.each([
    // 9,9,9,A→2,A→2,1,0,1,2,3,4,5,6,7,8: odd places 40, even places 28·2 = 56, 96 → 4.
    ['999AA1012345678', 4],
    ['5R8939035756712', 7],
    ['879E93034683444', 0],
    ['410E7W039275159', 1],
    ['8V92A7036720302', 4],
  ])('body %s has check digit %i', (body, expected) => {
    expect(upsCheckDigit(body)).toBe(expected);
  });

  it.each(['999AA101234567', '999AA10123456789', '999aa1012345678', '999AA101234567-'])('refuses body %j', (body) => {
    expect(() => upsCheckDigit(body)).toThrow(RangeError);
  });
});

describe('makeUps1Z', () => {
  it.each<[string, string, number, string]>([
    ['999AA1', '01', 2345678, '1Z999AA10123456784'],
    ['5R8939', '03', 5756712, '1Z5R89390357567127'],
    ['410E7W', '03', 9275159, '1Z410E7W0392751591'],
    // By hand: odd places 9+9+2 = 20, even places (9+2+1+1)·2 = 26, 46 → 4.
    ['999AA1', '01', 0, '1Z999AA10100000004'],
  ])('shipper %s, service %s, package %i gives %s', (shipper, service, counter, expected) => {
    const value = makeUps1Z(shipper, service, counter);
    expect(value).toBe(expected);
    expect(recognizeTrackingNumber(value)).toMatchObject({ ok: true, carrier: 'UPS', format: 'ups-1z' });
  });

  it.each<[string, string, string, number]>([
    ['the shipper is 5 characters', '999AA', '01', 1],
    ['the shipper is lower case', '999aa1', '01', 1],
    ['the service code is 1 character', '999AA1', '1', 1],
    ['the package counter needs 8 digits', '999AA1', '01', 10_000_000],
    ['the package counter is negative', '999AA1', '01', -1],
    ['the package counter is not whole', '999AA1', '01', 1.5],
  ])('throws RangeError when %s', (_name, shipper, service, counter) => {
    expect(() => makeUps1Z(shipper, service, counter)).toThrow(RangeError);
  });
});

describe('recognizeTrackingNumber', () => {
  it.each<[string, RecognizedCarrier, RecognizedFormat, string]>([
    ['RR123456785CN', 'UPU', 'upu-s10', 'RR123456785CN'],
    ['RB123456785GB', 'UPU', 'upu-s10', 'RB123456785GB'],
    ['EE876543216CA', 'UPU', 'upu-s10', 'EE876543216CA'],
    ['1Z999AA10123456784', 'UPS', 'ups-1z', '1Z999AA10123456784'],
    ['1Z5R89390357567127', 'UPS', 'ups-1z', '1Z5R89390357567127'],
    ['1Z879E930346834440', 'UPS', 'ups-1z', '1Z879E930346834440'],
    ['1Z410E7W0392751591', 'UPS', 'ups-1z', '1Z410E7W0392751591'],
    ['1Z8V92A70367203024', 'UPS', 'ups-1z', '1Z8V92A70367203024'],
    ['3318810025', 'DHL', 'dhl-express-10', '3318810025'],
    ['8487135506', 'DHL', 'dhl-express-10', '8487135506'],
    ['986578788855', 'FedEx', 'fedex-express-12', '986578788855'],
    ['477179081230', 'FedEx', 'fedex-express-12', '477179081230'],
    ['974367662710', 'FedEx', 'fedex-express-12', '974367662710'],
    ['041441760228964', 'FedEx', 'fedex-ground-15', '041441760228964'],
    ['568283610012000', 'FedEx', 'fedex-ground-15', '568283610012000'],
    ['568283610012734', 'FedEx', 'fedex-ground-15', '568283610012734'],
    ['9611020987654312345672', 'FedEx', 'fedex-ground-96-22', '987654312345672'],
    ['61299998820821171811', 'FedEx', 'fedex-smartpost-20', '61299998820821171811'],
    ['1001921334250001000300779017972697', 'FedEx', 'fedex-34', '779017972697'],
    ['1001921380360001000300639585804382', 'FedEx', 'fedex-34', '639585804382'],
    ['1002297871540001000300790695517286', 'FedEx', 'fedex-34', '790695517286'],
    ['9622001900000000000000776632517510', 'FedEx', 'fedex-34', '776632517510'],
    ['9632001560123456789900794808390594', 'FedEx', 'fedex-34', '794808390594'],
    ['03071790000523483741', 'USPS', 'usps-impb-20', '03071790000523483741'],
    ['71123456789123456787', 'USPS', 'usps-impb-20', '71123456789123456787'],
    ['71969010756003077385', 'USPS', 'usps-impb-20-implied-91', '71969010756003077385'],
    ['9505511069605048600624', 'USPS', 'usps-impb-22', '9505511069605048600624'],
    ['9101123456789000000013', 'USPS', 'usps-impb-22', '9101123456789000000013'],
    ['9400111201080805483016', 'USPS', 'usps-impb-22', '9400111201080805483016'],
    ['9361289878700317633795', 'USPS', 'usps-impb-22', '9361289878700317633795'],
    ['9405803699300124287899', 'USPS', 'usps-impb-22', '9405803699300124287899'],
    ['92748931507708513018050063', 'USPS', 'usps-impb-26', '92748931507708513018050063'],
    ['420221539101026837331000039521', 'USPS', 'usps-impb-22', '9101026837331000039521'],
    ['4201002334249200190132607600833457', 'USPS', 'usps-impb-22', '9200190132607600833457'],
    ['4201028200009261290113185417468510', 'USPS', 'usps-impb-22', '9261290113185417468510'],
  ])('%s is %s %s, tracked as %s', (raw, carrier, format, trackingNumber) => {
    expect(recognizeTrackingNumber(raw)).toMatchObject({ ok: true, carrier, format, normalized: raw, trackingNumber });
  });

  it.each<[string, string, RecognizedFormat]>([
    ['rr123456785cn', 'RR123456785CN', 'upu-s10'],
    ['  RR 1234 5678 5 CN ', 'RR123456785CN', 'upu-s10'],
    ['1z999aa1-0123-456784', '1Z999AA10123456784', 'ups-1z'],
    ['0414 4176 0228 964', '041441760228964', 'fedex-ground-15'],
    [' 7 9 0 5 3 5 3 1 2 3 1 7 ', '790535312317', 'fedex-express-12'],
    ['9400 1112 0108 0805 4830 16', '9400111201080805483016', 'usps-impb-22'],
    ['420 22153 9101026837331000039521', '420221539101026837331000039521', 'usps-impb-22'],
    ['331-881-0025', '3318810025', 'dhl-express-10'],
  ])('%j is normalised to %s and read as %s', (raw, normalized, format) => {
    expect(recognizeTrackingNumber(raw)).toMatchObject({ ok: true, normalized, format });
  });

  it('gives the country of an S10 number', () => {
    expect(recognizeTrackingNumber('RB123456785GB')).toEqual({
      ok: true,
      carrier: 'UPU',
      format: 'upu-s10',
      normalized: 'RB123456785GB',
      trackingNumber: 'RB123456785GB',
      country: 'GB',
    });
  });

  it('reads a 22-digit FedEx SmartPost number as the USPS IMpb it is, since USPS delivers it', () => {
    expect(recognizeTrackingNumber('9261292700768711948021')).toEqual({
      ok: true,
      carrier: 'USPS',
      format: 'usps-impb-22',
      normalized: '9261292700768711948021',
      trackingNumber: '9261292700768711948021',
    });
  });

  it('prefers USPS behind a 420 routing prefix over the FedEx 34-digit reading, and names it', () => {
    expect(recognizeTrackingNumber('4201028200009261290113185417468510')).toMatchObject({
      ok: true,
      carrier: 'USPS',
      candidates: ['fedex-34'],
    });
  });

  // The three 20-digit rules differ by a constant (the implied 91 or 92), so for the same first
  // 19 digits each accepts a different last digit: three in ten last digits are valid somewhere.
  it('accepts three of the ten possible last digits of a 20-digit number, each under one rule', () => {
    const formats = Array.from({ length: 10 }, (_, d) => recognizeTrackingNumber(`6129999882082117181${d}`))
      .filter((r) => r.ok)
      .map((r) => (r.ok ? [r.format, r.candidates] : []));
    expect(formats).toEqual(
      expect.arrayContaining([
        ['usps-impb-20', undefined],
        ['usps-impb-20-implied-91', undefined],
        ['fedex-smartpost-20', undefined],
      ]),
    );
    expect(formats).toHaveLength(3);
  });

  it.each<[string, string]>([
    ['RR123456786CN', 'S10 check digit 6 instead of 5'],
    ['RB123456784GB', 'S10 check digit 4 instead of 5'],
    ['1Z999AA10123456785', 'UPS check digit 5 instead of 4'],
    ['1Z5R89390357567128', 'UPS check digit 8 instead of 7'],
    ['3318810010', 'DHL check digit'],
    ['996578788855', 'FedEx Express, first digit misread'],
    ['568283610012732', 'FedEx Ground'],
    ['9600000000000000000001', 'FedEx Ground 96'],
    ['1001901781990001000300617767839438', 'FedEx 34-digit'],
    ['9622001560001234567100794808390595', 'FedEx 34-digit Ground GSN'],
    ['9622001560001234567100794808390597', 'FedEx 34-digit Ground GSN'],
    ['9200000000000000000000', 'USPS IMpb 22'],
    ['9505511069605048600625', 'USPS IMpb 22, last digit changed'],
    ['4201028200009261290113185417468511', 'USPS IMpb behind 420 + ZIP+4'],
    ['420000009200000000000000000000', 'USPS IMpb behind 420 + ZIP'],
  ])('%s has a wrong check digit (%s)', (raw) => {
    const result = recognizeTrackingNumber(raw);
    expect(result).toMatchObject({ ok: false, code: 'TRACKING_BAD_CHECK_DIGIT' });
  });

  it('says which format was tried and what the check digit should be', () => {
    expect(recognizeTrackingNumber('1Z999AA10123456785')).toEqual({
      ok: false,
      code: 'TRACKING_BAD_CHECK_DIGIT',
      message: expect.stringContaining('as UPS 1Z its check digit 5 should be 4'),
      candidates: ['ups-1z'],
    });
  });

  it.each<[string, string]>([
    ['RR123456785UK', 'UK'],
    ['RR123456785EU', 'EU'],
    ['RR123456785XX', 'XX'],
  ])('%s has a country code that is not ISO 3166-1 (%s)', (raw, country) => {
    expect(recognizeTrackingNumber(raw)).toEqual({
      ok: false,
      code: 'TRACKING_BAD_COUNTRY',
      message: expect.stringContaining(`'${country}' is not an ISO 3166-1 country code`),
    });
  });

  it('tells the packer the United Kingdom is GB', () => {
    const result = recognizeTrackingNumber('RR123456785UK');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('GB');
  });

  it.each<[string, string]>([
    ['RR12345678CN', 'S10 one digit short'],
    ['RR1234567850CN', 'S10 one digit long'],
    ['1Z999AA1012345678', 'UPS one character short'],
    ['1Z999AA101234567845', 'UPS one character long'],
    ['1Z999AA1012345678X', 'UPS check digit is a letter'],
    ['RR123456785CN#', 'a stray character'],
  ])('%s is the wrong shape (%s)', (raw) => {
    expect(recognizeTrackingNumber(raw)).toMatchObject({ ok: false, code: 'TRACKING_BAD_FORMAT' });
  });

  it.each<[string, string]>([
    ['', 'nothing scanned'],
    ['   ', 'only spaces'],
    ['331881002', '9 digits: DHL is 10'],
    ['98657878885', '11 digits: FedEx Express is 12'],
    ['12345678901234567890123', '23 digits'],
    ['JJD0099999999', 'a DHL piece id'],
    ['2Z5R89390357567127', 'UPS with 2Z'],
    ['420000000000000000000000000000', '420 + ZIP, then 22 digits without a 9x identifier'],
    ['1A5R89390357567127', 'UPS with 1A'],
  ])('%j is not recognised (%s)', (raw) => {
    expect(recognizeTrackingNumber(raw)).toMatchObject({ ok: false, code: 'TRACKING_UNRECOGNIZED' });
  });

  it('names the length when no format has that many digits', () => {
    const result = recognizeTrackingNumber('331881002');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('no format has 9 digits');
  });

  it('does not catch a change by 5 in an even place of a UPS number (a weakness of the algorithm)', () => {
    expect(recognizeTrackingNumber('1Z949AA10123456784')).toMatchObject({ ok: true, format: 'ups-1z' });
  });

  it('every number makeUps1Z builds for a shipper is recognised as UPS', () => {
    for (let counter = 0; counter < 500; counter += 1) {
      expect(recognizeTrackingNumber(makeUps1Z('A1B2C3', '03', counter))).toMatchObject({ ok: true, format: 'ups-1z' });
    }
  });

  // UPS doubles even places without summing the product's digits, so a change by 5 in an even
  // place (9 ↔ 4, say) keeps the sum mod 10: 1Z949AA10123456784 passes. Odd places are safe.
  it('every single-digit change in an odd place of a valid UPS number is refused', () => {
    const valid = '1Z999AA10123456784';
    for (let i = 2; i < valid.length; i += 2) {
      // A letter and its mapped digit (A and 2) count the same, by design; only digits change here.
      if (!/[0-9]/.test(valid[i] ?? '')) continue;
      for (const digit of '0123456789') {
        if (valid[i] === digit) continue;
        const changed = valid.slice(0, i) + digit + valid.slice(i + 1);
        expect(recognizeTrackingNumber(changed).ok, changed).toBe(false);
      }
    }
  });
});
