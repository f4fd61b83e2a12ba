import { describe, expect, it } from 'vitest';
import {
  createContinuousStream,
  feedContinuous,
  parseAsciiWeightLine,
  toledoChecksum,
} from '../../shared/scale/continuous';
import type { ContinuousStreamState } from '../../shared/scale/continuous';
import type { ScaleReading, ScaleResult } from '../../shared/scale/reading';
import { asciiToBytes, isScaleError } from '../../shared/scale/reading';

function reading(grams: number, stable: boolean, status: ScaleReading['status'], rawUnit: string): ScaleReading {
  return { grams, stable, status, rawUnit };
}

function feedAll(state: ContinuousStreamState, chunks: Array<Uint8Array | string>): ScaleResult[] {
  const results: ScaleResult[] = [];
  let current = state;
  for (const chunk of chunks) {
    const fed = feedContinuous(current, chunk);
    current = fed.state;
    results.push(...fed.results);
  }
  return results;
}

function codeOf(result: ScaleResult | undefined): string | undefined {
  return result !== undefined && isScaleError(result) ? result.code : undefined;
}

// Lines as the indicator manuals print them: A&D EK-L §9-2 ("ST,+00123.4 g"), Dini Argeo LTP
// ("ST,GS,     0.0,kg"), Tiger TI-02-P ("ST,GS, 123.45,kg") and the common Chinese bench
// indicator form "ST,GS,+0001.23kg". ST stable, US unstable, OL over, UL under, QT counting,
// TL not level.
describe('ASCII continuous output', () => {
  it.each<[string, ScaleReading]>([
    ['ST,GS,+0001.23kg', reading(1230, true, 'ok', 'kg')],
    ['US,GS,+0001.20kg', reading(1200, false, 'in-motion', 'kg')],
    ['ST,NT,+0000.00kg', reading(0, true, 'zero', 'kg')],
    ['ST,GS,-0000.50kg', reading(-500, true, 'negative', 'kg')],
    ['US,GS,-0000.50kg', reading(-500, false, 'in-motion', 'kg')],
    ['OL,GS,+9999.99kg', reading(0, false, 'overload', 'kg')],
    ['UL,GS,-0000.00kg', reading(0, false, 'underload', 'kg')],
    ['ST,+00123.4 g', reading(123, true, 'ok', 'g')],
    ['ST,GS,     0.0,kg', reading(0, true, 'zero', 'kg')],
    ['ST,GS, 123.45,kg', reading(123450, true, 'ok', 'kg')],
    ['ST,GS    20.7g', reading(21, true, 'ok', 'g')],
    ['ST,GS,   245.6 g', reading(246, true, 'ok', 'g')],
    ['ST,GS,+002.50lb', reading(1134, true, 'ok', 'lb')],
    ['ST,GS,+0014.0 oz', reading(397, true, 'ok', 'oz')],
    ['ST,GS,+0001.23KG', reading(1230, true, 'ok', 'KG')],
  ])('"%s"', (line, expected) => {
    expect(parseAsciiWeightLine(line)).toEqual(expected);
  });

  it('a scale that is not level says so, and its weight is not used', () => {
    expect(parseAsciiWeightLine('TL,GS,   1.000,kg')).toEqual({
      grams: 0,
      stable: false,
      status: 'error',
      rawUnit: 'kg',
      fault: 'not-level',
    });
  });

  it.each<[string, string]>([
    ['QT,+00012345 PC', 'SCALE_NOT_A_WEIGHT'],
    ['ST,+00123.4 %', 'SCALE_NOT_A_WEIGHT'],
    ['ST,GS,+0001.23', 'SCALE_UNIT_UNKNOWN'],
    ['ST,GS,+0001.23st', 'SCALE_UNIT_UNKNOWN'],
    ['ST,GS,kg', 'SCALE_LINE_UNREADABLE'],
    ['ST,GS,+00A1.23kg', 'SCALE_LINE_UNREADABLE'],
    ['hello', 'SCALE_LINE_UNREADABLE'],
    ['', 'SCALE_LINE_UNREADABLE'],
  ])('"%s" is refused with %s', (line, code) => {
    expect(codeOf(parseAsciiWeightLine(line))).toBe(code);
  });

  it('a stream split mid-line and mid-terminator reads each line once', () => {
    const chunks = ['US,GS,+00', '01.20kg\r', '\nST,GS,+0001.23kg\r\nST,G', 'S,+0001.23kg\r\n'];
    const results = feedAll(createContinuousStream('ascii'), chunks);
    expect(results).toEqual([
      reading(1200, false, 'in-motion', 'kg'),
      reading(1230, true, 'ok', 'kg'),
      reading(1230, true, 'ok', 'kg'),
    ]);
  });
});

// Toledo continuous frames, built byte by byte from the Mettler Toledo Wildcat technical manual,
// appendix 2: STX, status words A/B/C, six digits of displayed weight, six of tare, CR and an
// optional checksum (two's complement of the low seven bits of the sum from STX to CR).
const STX = 0x02;
const CR = 0x0d;
// SWA: bit 5 always 1; bits 3-4 increment size (bit 3 alone: ×1); bits 0-2 decimal point.
const swa = (decimalCode: number): number => 0x20 | 0x08 | decimalCode;
const DECIMAL = { XXXX00: 0, XXXXX0: 1, XXXXXX: 2, 'XXXXX.X': 3, 'XXXX.XX': 4, 'XXX.XXX': 5 } as const;
// SWB: bit 0 net, 1 negative, 2 out of range, 3 motion, 4 kg (else lb), 5 always 1, 6 power-up.
const SWB = { net: 0x01, negative: 0x02, outOfRange: 0x04, motion: 0x08, kg: 0x10, base: 0x20, powerUp: 0x40 };
// SWC: bit 0 grams, 3 print request, 4 expanded display, 5 always 1.
const SWC = { grams: 0x01, print: 0x08, expanded: 0x10, base: 0x20 };

function toledoFrame(a: number, b: number, c: number, weight: string, tare: string | null = '000000'): number[] {
  return [STX, a, b, c, ...Array.from(asciiToBytes(weight)), ...(tare === null ? [] : Array.from(asciiToBytes(tare))), CR];
}

function withChecksum(frame: number[]): number[] {
  return [...frame, toledoChecksum(frame)];
}

describe('Toledo continuous output', () => {
  // Most cases: kilograms with two decimals (XXXX.XX), gross, no special flags.
  const KG_2DP = swa(DECIMAL['XXXX.XX']);
  const KG = SWB.base | SWB.kg;
  it.each<[string, number[], ScaleReading]>([
    ['1.23 kg, stable, gross', toledoFrame(KG_2DP, KG, SWC.base, '000123'), reading(1230, true, 'ok', 'kg')],
    ['1.23 kg in motion', toledoFrame(KG_2DP, KG | SWB.motion, SWC.base, '000123'), reading(1230, false, 'in-motion', 'kg')],
    ['3.5 lb', toledoFrame(swa(DECIMAL['XXXXX.X']), SWB.base, SWC.base, '000035'), reading(1588, true, 'ok', 'lb')],
    ['850 g', toledoFrame(swa(DECIMAL.XXXXXX), SWB.base, SWC.base | SWC.grams, '000850'), reading(850, true, 'ok', 'g')],
    ['12 × 100 kg (dummy zeros)', toledoFrame(swa(DECIMAL.XXXX00), KG, SWC.base, '000012'), reading(1.2e6, true, 'ok', 'kg')],
    ['12.345 kg', toledoFrame(swa(DECIMAL['XXX.XXX']), KG, SWC.base, '012345'), reading(12345, true, 'ok', 'kg')],
    ['a net weight', toledoFrame(KG_2DP, KG | SWB.net, SWC.base, '000123', '000050'), reading(1230, true, 'ok', 'kg')],
    ['blanked leading digits', toledoFrame(KG_2DP, KG, SWC.base, '   123'), reading(1230, true, 'ok', 'kg')],
    ['zero', toledoFrame(KG_2DP, KG, SWC.base, '000000'), reading(0, true, 'zero', 'kg')],
    ['-0.50 kg', toledoFrame(KG_2DP, KG | SWB.negative, SWC.base, '000050'), reading(-500, true, 'negative', 'kg')],
    ['over capacity', toledoFrame(KG_2DP, KG | SWB.outOfRange, SWC.base, '999999'), reading(9_999_990, false, 'overload', 'kg')],
    [
      'under zero, out of range',
      toledoFrame(KG_2DP, KG | SWB.outOfRange | SWB.negative, SWC.base, '000000'),
      reading(0, false, 'underload', 'kg'),
    ],
    ['the short format without tare', toledoFrame(KG_2DP, KG, SWC.base, '000123', null), reading(1230, true, 'ok', 'kg')],
    ['a print request', toledoFrame(KG_2DP, KG, SWC.base | SWC.print, '000123'), reading(1230, true, 'ok', 'kg')],
  ])('%s', (_name, frame, expected) => {
    expect(feedAll(createContinuousStream('toledo'), [Uint8Array.from(frame)])).toEqual([expected]);
  });

  it.each<[string, number, number, string]>([
    ['not zeroed since power-up', SWB.base | SWB.kg | SWB.powerUp, SWC.base, 'not-zeroed-since-power-up'],
    ['the expanded (×10) display', SWB.base | SWB.kg, SWC.base | SWC.expanded, 'display-expanded'],
  ])('a weight shown %s is an error reading', (_name, b, c, fault) => {
    const [result] = feedAll(createContinuousStream('toledo'), [Uint8Array.from(toledoFrame(swa(4), b, c, '000123'))]);
    expect(result).toMatchObject({ status: 'error', stable: false, fault });
  });

  it('parity bits set on the wire are ignored', () => {
    const frame = toledoFrame(swa(DECIMAL['XXXX.XX']), SWB.base | SWB.kg, SWC.base, '000123').map((byte, index) =>
      index % 2 === 0 ? byte | 0x80 : byte,
    );
    expect(feedAll(createContinuousStream('toledo'), [Uint8Array.from(frame)])).toEqual([reading(1230, true, 'ok', 'kg')]);
  });

  it('a frame split at every position, after noise, reads once and whole', () => {
    const frame = Uint8Array.from([0x35, 0x0a, ...toledoFrame(swa(4), SWB.base | SWB.kg, SWC.base, '000123')]);
    for (let cut = 0; cut <= frame.length; cut += 1) {
      expect(feedAll(createContinuousStream('toledo'), [frame.subarray(0, cut), frame.subarray(cut)])).toEqual([
        reading(1230, true, 'ok', 'kg'),
      ]);
    }
  });

  it('a frame cut short by the next STX is dropped, not half-read', () => {
    const cut = toledoFrame(swa(4), SWB.base | SWB.kg, SWC.base, '000999').slice(0, 7);
    const whole = toledoFrame(swa(4), SWB.base | SWB.kg, SWC.base, '000123');
    expect(feedAll(createContinuousStream('toledo'), [Uint8Array.from([...cut, ...whole])])).toEqual([
      reading(1230, true, 'ok', 'kg'),
    ]);
  });

  it('with the checksum on, a good frame reads and a corrupted one is refused', () => {
    const good = withChecksum(toledoFrame(swa(4), SWB.base | SWB.kg, SWC.base, '000123'));
    const bad = [...good];
    bad[8] = 0x39; // one weight digit changed in transit
    const results = feedAll(createContinuousStream('toledo', { toledoChecksum: true }), [Uint8Array.from([...good, ...bad])]);
    expect(results[0]).toEqual(reading(1230, true, 'ok', 'kg'));
    expect(codeOf(results[1])).toBe('SCALE_CHECKSUM');
    expect(results).toHaveLength(2);
  });

  it('with the checksum off, a checksum character the scale sends anyway is skipped', () => {
    const frame = withChecksum(toledoFrame(swa(4), SWB.base | SWB.kg, SWC.base, '000123'));
    expect(feedAll(createContinuousStream('toledo'), [Uint8Array.from([...frame, ...frame])])).toEqual([
      reading(1230, true, 'ok', 'kg'),
      reading(1230, true, 'ok', 'kg'),
    ]);
  });

  it.each<[string, number[], string]>([
    ['letters in the weight', toledoFrame(swa(4), SWB.base | SWB.kg, SWC.base, '00A123'), 'SCALE_LINE_UNREADABLE'],
    ['a frame of the wrong length', [STX, swa(4), SWB.base, SWC.base, 0x31, 0x32, CR], 'SCALE_LINE_UNREADABLE'],
    ['a unit code PackBench does not know', toledoFrame(swa(4), SWB.base, SWC.base | 0x03, '000123'), 'SCALE_UNIT_UNKNOWN'],
  ])('%s is refused', (_name, frame, code) => {
    const [result] = feedAll(createContinuousStream('toledo'), [Uint8Array.from(frame)]);
    expect(codeOf(result)).toBe(code);
  });

  it('an endless run without CR is dropped instead of growing', () => {
    const noise = Uint8Array.from([STX, ...new Array<number>(40).fill(0x31)]);
    const fed = feedContinuous(createContinuousStream('toledo'), noise);
    expect(fed.results).toEqual([]);
    expect(fed.state.format === 'toledo' && fed.state.frame === null).toBe(true);
    expect(fed.state.format === 'toledo' && fed.state.discarded).toBeGreaterThan(0);
  });
});
