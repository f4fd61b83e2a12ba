import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHidScaleData, parseHidScaleReport } from '../../shared/scale/hid-scale';
import type { ScaleReading } from '../../shared/scale/reading';
import { fromGrams, isScaleError, roundGrams, scaleUnitOf, toGrams } from '../../shared/scale/reading';

// Reports as a USB postal scale sends them (HID Point of Sale usage tables, Scales page, data
// report id 3): [report id, status, unit, exponent (int8), weight low byte, weight high byte].
// Status: 1 fault, 2 stable at zero, 3 in motion, 4 stable, 5 under zero, 6 over weight,
// 7 requires calibration, 8 requires re-zeroing. Unit: 2 g, 3 kg, 11 oz, 12 lb.
const G = 0x02;
const KG = 0x03;
const OZ = 0x0b;
const LB = 0x0c;

function reading(grams: number, stable: boolean, status: ScaleReading['status'], rawUnit: string): ScaleReading {
  return { grams, stable, status, rawUnit };
}

describe('USB HID scale data reports', () => {
  it.each<[string, number[], ScaleReading]>([
    ['a stable 1.25 kg (125 × 10^-2 kg)', [3, 4, KG, 0xfe, 0x7d, 0x00], reading(1250, true, 'ok', 'kg')],
    ['a stable 1000 g (Dymo in metric mode)', [3, 4, G, 0x00, 0xe8, 0x03], reading(1000, true, 'ok', 'g')],
    ['30 000 g, both weight bytes used', [3, 4, G, 0x00, 0x30, 0x75], reading(30000, true, 'ok', 'g')],
    ['3.5 lb (35 × 10^-1 lb)', [3, 4, LB, 0xff, 0x23, 0x00], reading(1588, true, 'ok', 'lb')],
    ['14.0 oz (140 × 10^-1 oz)', [3, 4, OZ, 0xff, 0x8c, 0x00], reading(397, true, 'ok', 'oz')],
    ['a box still swinging', [3, 3, G, 0x00, 0x2c, 0x01], reading(300, false, 'in-motion', 'g')],
    ['stable at centre of zero', [3, 2, G, 0x00, 0x00, 0x00], reading(0, true, 'zero', 'g')],
    ['"stable" with no weight is zero', [3, 4, G, 0x00, 0x00, 0x00], reading(0, true, 'zero', 'g')],
    ['under zero, magnitude 10 g', [3, 5, G, 0x00, 0x0a, 0x00], reading(-10, false, 'negative', 'g')],
    ['under zero, two\'s complement -10 g', [3, 5, G, 0x00, 0xf6, 0xff], reading(-10, false, 'negative', 'g')],
    ['over weight, 30.0 lb', [3, 6, LB, 0xff, 0x2c, 0x01], reading(13608, false, 'overload', 'lb')],
    ['a report padded past six bytes', [3, 4, G, 0x00, 0x64, 0x00, 0x00, 0x00], reading(100, true, 'ok', 'g')],
  ])('%s', (_name, bytes, expected) => {
    expect(parseHidScaleReport(Uint8Array.from(bytes))).toEqual(expected);
  });

  it.each<[string, number, string]>([
    ['fault', 1, 'device-fault'],
    ['requires calibration', 7, 'calibration-required'],
    ['requires re-zeroing', 8, 'rezero-required'],
  ])('a scale reporting %s is an error reading, never a weight', (_name, status, fault) => {
    expect(parseHidScaleReport(Uint8Array.of(3, status, G, 0, 0x64, 0))).toEqual({
      grams: 100,
      stable: false,
      status: 'error',
      rawUnit: 'g',
      fault,
    });
  });

  it('the same load in grams, ounces and pounds reads as the same whole grams', () => {
    const grams = [
      parseHidScaleReport(Uint8Array.of(3, 4, G, 0x00, 0xc6, 0x01)), // 454 g
      parseHidScaleReport(Uint8Array.of(3, 4, OZ, 0xff, 0xa0, 0x00)), // 16.0 oz
      parseHidScaleReport(Uint8Array.of(3, 4, LB, 0xfe, 0x64, 0x00)), // 1.00 lb
    ].map((result) => (isScaleError(result) ? null : result.grams));
    expect(grams).toEqual([454, 454, 454]);
  });

  it.each<[string, number[], string]>([
    ['an empty read', [], 'SCALE_REPORT_SHORT'],
    ['a report cut short', [3, 4, G], 'SCALE_REPORT_SHORT'],
    ['the status report (id 4), not the data report', [4, 4, G, 0, 0x64, 0], 'SCALE_REPORT_NOT_DATA'],
    ['a status of 0', [3, 0, G, 0, 0x64, 0], 'SCALE_STATUS_UNKNOWN'],
    ['a status past the table', [3, 9, G, 0, 0x64, 0], 'SCALE_STATUS_UNKNOWN'],
    ['unit 0 (none)', [3, 4, 0, 0, 0x64, 0], 'SCALE_UNIT_UNKNOWN'],
    ['taels, whose size the report does not say', [3, 4, 5, 0, 0x64, 0], 'SCALE_UNIT_UNKNOWN'],
    ['a unit past the table', [3, 4, 13, 0, 0x64, 0], 'SCALE_UNIT_UNKNOWN'],
  ])('%s is refused with %s', (_name, bytes, code) => {
    const result = parseHidScaleReport(Uint8Array.from(bytes));
    expect(isScaleError(result) && result.code).toBe(code);
  });

  it('reads WebHID input reports, whose report id comes apart from the data', () => {
    const data = Uint8Array.of(4, KG, 0xfe, 0x7d, 0x00);
    expect(parseHidScaleData(3, data)).toEqual(reading(1250, true, 'ok', 'kg'));
    // Five bytes alone, as some stacks strip the id without saying which report it was.
    expect(parseHidScaleReport(data)).toEqual(reading(1250, true, 'ok', 'kg'));
    // A device without report ids: WebHID says 0 and the data is the whole report.
    expect(parseHidScaleData(0, Uint8Array.of(3, 4, KG, 0xfe, 0x7d, 0x00))).toEqual(reading(1250, true, 'ok', 'kg'));
    const other = parseHidScaleData(2, data);
    expect(isScaleError(other) && other.code).toBe('SCALE_REPORT_NOT_DATA');
    const short = parseHidScaleData(3, Uint8Array.of(4, KG));
    expect(isScaleError(short) && short.code).toBe('SCALE_REPORT_SHORT');
  });

  it('garbled bytes never throw and never read as a fractional or non-finite weight', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 10 }), (bytes) => {
        const result = parseHidScaleReport(bytes);
        if (!isScaleError(result)) {
          expect(Number.isInteger(result.grams)).toBe(true);
          if (result.status === 'ok') expect(result.stable && result.grams > 0).toBe(true);
        }
      }),
    );
  });
});

describe('scale units', () => {
  it.each<[number, Parameters<typeof toGrams>[1], number]>([
    [1, 'lb', 454], // 453.59237 g exactly
    [1, 'oz', 28], // 28.349523125 g exactly
    [100, 'oz', 2835],
    [1, 'ozt', 31], // 31.1034768 g
    [5, 'ct', 1],
    [1.2345, 'kg', 1235],
    [250, 'mg', 0],
  ])('%d %s is %d whole grams', (value, unit, grams) => {
    expect(toGrams(value, unit)).toBe(grams);
  });

  it('converts back with the exact factors', () => {
    expect(fromGrams(453.59237, 'lb')).toBe(1);
    expect(fromGrams(28.349523125, 'oz')).toBe(1);
  });

  it('a reading just below zero rounds to a plain zero, not -0', () => {
    expect(Object.is(roundGrams(-0.2), 0)).toBe(true);
  });

  it.each<[string, string | undefined]>([
    ['kg', 'kg'],
    ['KG', 'kg'],
    ['lbs', 'lb'],
    ['GN', 'gr'],
    [' g ', 'g'],
    ['tl', undefined],
    ['PCS', undefined],
    ['', undefined],
  ])('the unit text "%s" is %s', (text, unit) => {
    expect(scaleUnitOf(text)).toBe(unit);
  });
});
