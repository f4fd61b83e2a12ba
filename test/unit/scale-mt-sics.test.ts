import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineBuffer, feedLines } from '../../shared/scale/line-buffer';
import {
  MT_SICS_SEND_IMMEDIATE,
  MT_SICS_SEND_STABLE,
  createMtSicsStream,
  feedMtSics,
  mtSicsCommandBytes,
  parseMtSicsLine,
} from '../../shared/scale/mt-sics';
import type { ScaleReading, ScaleResult } from '../../shared/scale/reading';
import { asciiToBytes, isScaleError } from '../../shared/scale/reading';

// Responses as the MT-SICS reference manual prints them: "S S" stable, "S D" dynamic, weight
// right-aligned in its field, then the unit; "S I" busy, "S +" overload, "S -" underload;
// "ES", "ET", "EL" syntax, transmission and logical errors. Each line ends in CR LF on the wire.
function reading(grams: number, stable: boolean, status: ScaleReading['status'], rawUnit: string): ScaleReading {
  return { grams, stable, status, rawUnit };
}

function bytes(text: string): Uint8Array {
  return asciiToBytes(text);
}

describe('MT-SICS responses', () => {
  it.each<[string, ScaleReading]>([
    ['S S      100.00 g', reading(100, true, 'ok', 'g')],
    ['S S       1.250 kg', reading(1250, true, 'ok', 'kg')],
    ['S D      129.07 g', reading(129, false, 'in-motion', 'g')],
    ['S S        0.00 g', reading(0, true, 'zero', 'g')],
    ['S S       -0.02 g', reading(0, true, 'zero', 'g')],
    ['S S      -12.30 g', reading(-12, true, 'negative', 'g')],
    ['S D      -12.30 g', reading(-12, false, 'in-motion', 'g')],
    ['S S       3.527 lb', reading(1600, true, 'ok', 'lb')],
    ['S S      14.000 oz', reading(397, true, 'ok', 'oz')],
    ['SU S      2.000 lb', reading(907, true, 'ok', 'lb')],
    ['S +', reading(0, false, 'overload', '')],
    ['S -', reading(0, false, 'underload', '')],
  ])('"%s" reads as the right reading', (line, expected) => {
    expect(parseMtSicsLine(line)).toEqual(expected);
  });

  it('a weigh module that puts an error code in the weight field reports a scale error', () => {
    expect(parseMtSicsLine('S S Error 1b')).toEqual({
      grams: 0,
      stable: false,
      status: 'error',
      rawUnit: '',
      fault: 'weight-response-error',
    });
  });

  it.each<[string, string]>([
    ['S I', 'SCALE_BUSY'],
    ['ES', 'SCALE_COMMAND_REJECTED'],
    ['ET', 'SCALE_TRANSMISSION_ERROR'],
    ['EL', 'SCALE_COMMAND_REJECTED'],
    ['S L', 'SCALE_COMMAND_REJECTED'],
    ['S S      100.00 PCS', 'SCALE_UNIT_UNKNOWN'],
    ['S S      100.00', 'SCALE_UNIT_UNKNOWN'],
    ['S S      1.2.3 g', 'SCALE_LINE_UNREADABLE'],
    ['S S      100.00 g extra', 'SCALE_LINE_UNREADABLE'],
    ['S X      100.00 g', 'SCALE_LINE_UNREADABLE'],
    ['Z A', 'SCALE_NOT_A_WEIGHT'],
    ['I4 A "B207696838"', 'SCALE_NOT_A_WEIGHT'],
  ])('"%s" is not a weight: %s', (line, code) => {
    const result = parseMtSicsLine(line);
    expect(isScaleError(result) && result.code).toBe(code);
  });

  it('the commands to send are S and SI closed by CR LF', () => {
    expect(Array.from(mtSicsCommandBytes(MT_SICS_SEND_STABLE))).toEqual([0x53, 0x0d, 0x0a]);
    expect(Array.from(mtSicsCommandBytes(MT_SICS_SEND_IMMEDIATE))).toEqual([0x53, 0x49, 0x0d, 0x0a]);
  });
});

describe('MT-SICS byte stream', () => {
  const recorded = 'S D      129.07 g\r\nS D      131.40 g\r\nS S      131.52 g\r\nS I\r\n';

  function feedAll(chunks: Uint8Array[]): ScaleResult[] {
    let state = createMtSicsStream();
    const results: ScaleResult[] = [];
    for (const chunk of chunks) {
      const fed = feedMtSics(state, chunk);
      state = fed.state;
      results.push(...fed.results);
    }
    return results;
  }

  it('reads every response of a recorded stream, in order', () => {
    const results = feedAll([bytes(recorded)]);
    expect(results.slice(0, 3)).toEqual([
      reading(129, false, 'in-motion', 'g'),
      reading(131, false, 'in-motion', 'g'),
      reading(132, true, 'ok', 'g'),
    ]);
    expect(results).toHaveLength(4);
    expect(isScaleError(results[3] as ScaleResult)).toBe(true);
  });

  it('a response split anywhere, even between CR and LF, reads once and whole', () => {
    const line = bytes('S S      100.00 g\r\n');
    for (let cut = 0; cut <= line.length; cut += 1) {
      expect(feedAll([line.subarray(0, cut), line.subarray(cut)])).toEqual([reading(100, true, 'ok', 'g')]);
    }
  });

  it.each([
    ['CR LF', 'S S 1.00 g\r\nS S 2.00 g\r\n'],
    ['LF only', 'S S 1.00 g\nS S 2.00 g\n'],
    ['CR only', 'S S 1.00 g\rS S 2.00 g\r'],
    ['LF CR', 'S S 1.00 g\n\rS S 2.00 g\n\r'],
  ])('lines ended by %s are read alike', (_name, text) => {
    expect(feedAll([bytes(text)])).toEqual([reading(1, true, 'ok', 'g'), reading(2, true, 'ok', 'g')]);
  });

  it('holds back a partial frame until its line end arrives', () => {
    const first = feedMtSics(createMtSicsStream(), bytes('S S     12'));
    expect(first.results).toEqual([]);
    const second = feedMtSics(first.state, bytes('.50 g\r\n'));
    expect(second.results).toEqual([reading(13, true, 'ok', 'g')]);
  });

  it('a run of noise without a line end is dropped instead of growing forever', () => {
    const fed = feedLines(createLineBuffer(), 'x'.repeat(600) + '\r\nS S 5.00 g\r\n');
    expect(fed.state.discarded).toBeGreaterThanOrEqual(512);
    expect(fed.state.pending).toBe('');
    expect(fed.lines.at(-1)).toBe('S S 5.00 g');
    expect(fed.lines.every((line) => line.length <= 256)).toBe(true);
  });

  it('any split of a recorded stream gives the same lines as the whole stream', () => {
    const whole = bytes(recorded + 'S S 1.00 g\rS S 2.00 g\n');
    const expected = feedLines(createLineBuffer(), whole).lines;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: whole.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), whole.length];
        let state = createLineBuffer();
        const lines: string[] = [];
        for (let index = 1; index < points.length; index += 1) {
          const fed = feedLines(state, whole.subarray(points[index - 1], points[index]));
          state = fed.state;
          lines.push(...fed.lines);
        }
        expect(lines).toEqual(expected);
      }),
    );
  });
});
