// Scales and weighing indicators set to "continuous output" send the displayed weight several
// times a second without being asked. Two families are read here; a port is set to one of them,
// since a scale is configured for one format and guessing between them would misread noise.
//
// 'ascii' — the comma-separated line of A&D, Dini Argeo, Tiger and many Chinese bench indicators:
//     ST,GS,+0001.23kg<CR><LF>     A&D EK-L manual §9-2 ("ST,+00123.4 g": header, data, unit),
//     US,GS,   245.6 g<CR><LF>     Dini Argeo LTP manual ("ST,GS,     0.0,kg": status, GS/NT,
//     OL,GS,+999999.9 g<CR><LF>    weight, unit), Tiger TI-02-P manual §7.1.
//   Header: ST stable, US unstable, OL overload, UL underload, QT counting (not a weight),
//   TL not level. The GS/NT (gross/net) field is optional, and commas or spaces may separate the
//   weight and the unit, so each model's padding is tolerated rather than fixed.
//
// 'toledo' — the Mettler Toledo continuous format (also sent by Fairbanks, Cardinal, Kern and
//   others in "Toledo" mode), from the METTLER TOLEDO Wildcat technical manual, appendix 2:
//     STX SWA SWB SWC  6 digits displayed weight  [6 digits tare]  CR  [checksum]
//   SWA bits 0-2: decimal point (0 → XXXX00, 1 → XXXXX0, 2 → XXXXXX, 3 → XXXXX.X … 7 → X.XXXXX)
//   SWB bit 0 net · 1 negative · 2 out of range · 3 motion · 4 kg (else lb) · 6 power-up, not zeroed
//   SWC bit 0 grams (else lb/kg as SWB says) · 3 print request · 4 expanded display (×10)
//   Bit 7 of every character may be a parity bit and is ignored. The checksum is the two's
//   complement of the low seven bits of the sum of every character from STX to CR.

import { createLineBuffer, feedLines } from './line-buffer';
import type { LineBufferState } from './line-buffer';
import type { ScaleFault, ScaleResult, ScaleUnit } from './reading';
import {
  asciiToBytes,
  bytesToAscii,
  classifyReading,
  scaleByPowerOfTen,
  scaleError,
  scaleUnitOf,
  weightlessReading,
} from './reading';

export type ContinuousFormat = 'ascii' | 'toledo';

const ASCII_LINE =
  /^(ST|US|OL|UL|QT|TL)\s*,\s*(?:(GS|NT|GW|NW|TR)\s*,?\s*)?([+-])?\s*(\d+(?:\.\d*)?|\.\d+)?\s*,?\s*([A-Za-z%]*)\s*$/;

/** One line of the 'ascii' continuous format, without its line end. */
export function parseAsciiWeightLine(line: string): ScaleResult {
  const match = ASCII_LINE.exec(line.trim());
  if (match === null) return scaleError('SCALE_LINE_UNREADABLE', `"${line.trim()}" is not a scale weight line.`);
  const [, header = '', , sign, digits, rawUnit = ''] = match;
  if (header === 'QT') return scaleError('SCALE_NOT_A_WEIGHT', 'The scale is counting pieces, not weighing.');
  if (header === 'OL') return weightlessReading('overload', rawUnit);
  if (header === 'UL') return weightlessReading('underload', rawUnit);
  if (header === 'TL') return weightlessReading('error', rawUnit, 'not-level');
  const unit = scaleUnitOf(rawUnit);
  if (unit === undefined) {
    return rawUnit === '%' || rawUnit.toUpperCase() === 'PC' || rawUnit.toUpperCase() === 'PCS'
      ? scaleError('SCALE_NOT_A_WEIGHT', `The scale sends ${rawUnit}, not a weight.`)
      : scaleError('SCALE_UNIT_UNKNOWN', `"${rawUnit}" is not a weight unit PackBench reads.`);
  }
  if (digits === undefined) return scaleError('SCALE_LINE_UNREADABLE', `"${line.trim()}" carries no weight.`);
  const value = Number(digits) * (sign === '-' ? -1 : 1);
  return classifyReading({ value, unit, rawUnit, stable: header === 'ST' });
}

const STX = 0x02;
const CR = 0x0d;
const TOLEDO_BODY_SHORT = 9; // SWA SWB SWC + 6 digits
const TOLEDO_BODY_LONG = 15; // … + 6 digits of tare

/**
 * The characters between STX and CR of one Toledo frame (parity bits already cleared or not).
 * The tare field, when present, is not used: the displayed weight is the one the packer sees.
 */
export function parseToledoBody(body: Uint8Array): ScaleResult {
  if (body.length !== TOLEDO_BODY_SHORT && body.length !== TOLEDO_BODY_LONG) {
    return scaleError('SCALE_LINE_UNREADABLE', `A Toledo frame has 9 or 15 characters between STX and CR, not ${body.length}.`);
  }
  const chars = Array.from(body, (byte) => byte & 0x7f);
  const [swa = 0, swb = 0, swc = 0] = chars;
  // Leading digits may be blanked to spaces by some indicators.
  const digits = bytesToAscii(Uint8Array.from(chars.slice(3, 9))).replace(/ /g, '0');
  if (!/^\d{6}$/.test(digits)) {
    return scaleError('SCALE_LINE_UNREADABLE', `"${digits}" is not a six-digit Toledo weight.`);
  }
  const unitCode = swc & 0b111;
  let unit: ScaleUnit;
  if (unitCode === 1) unit = 'g';
  else if (unitCode === 0) unit = (swb & 0x10) !== 0 ? 'kg' : 'lb';
  else {
    // Later terminals put further units in these bits; which code means which differs by model.
    return scaleError('SCALE_UNIT_UNKNOWN', `Toledo unit code ${unitCode} is not a unit PackBench reads.`);
  }
  const negative = (swb & 0x02) !== 0;
  const outOfRange = (swb & 0x04) !== 0;
  let fault: ScaleFault | undefined;
  if ((swb & 0x40) !== 0) fault = 'not-zeroed-since-power-up';
  // In expanded mode the display shows ten times the legal resolution for testing; whether the
  // decimal point in SWA already accounts for it is not documented, so such a weight is not used.
  else if ((swc & 0x10) !== 0) fault = 'display-expanded';
  const value = scaleByPowerOfTen(Number(digits), 2 - (swa & 0b111)) * (negative ? -1 : 1);
  return classifyReading({
    value,
    unit,
    rawUnit: unit,
    stable: (swb & 0x08) === 0,
    overload: outOfRange && !negative,
    underload: outOfRange && negative,
    ...(fault === undefined ? {} : { fault }),
  });
}

/** The checksum character a Toledo frame from STX to CR should be followed by. */
export function toledoChecksum(frame: Uint8Array | readonly number[]): number {
  let sum = 0;
  for (const byte of frame) sum += byte & 0x7f;
  return -sum & 0x7f;
}

export type ToledoStreamState = {
  format: 'toledo';
  /** Expect and verify the checksum character after CR (the indicator's checksum setting). */
  checksum: boolean;
  /** Characters after STX of the frame being received; null between frames. */
  frame: number[] | null;
  /** A complete frame waiting for its checksum character. */
  awaitingChecksum: number[] | null;
  discarded: number;
};

export type AsciiStreamState = { format: 'ascii'; lines: LineBufferState };

export type ContinuousStreamState = AsciiStreamState | ToledoStreamState;

export function createContinuousStream(
  format: ContinuousFormat,
  options: { toledoChecksum?: boolean } = {},
): ContinuousStreamState {
  return format === 'ascii'
    ? { format, lines: createLineBuffer() }
    : { format, checksum: options.toledoChecksum ?? false, frame: null, awaitingChecksum: null, discarded: 0 };
}

/** Chunks from the serial port in, one result per complete line or frame out. */
export function feedContinuous(
  state: ContinuousStreamState,
  chunk: Uint8Array | string,
): { state: ContinuousStreamState; results: ScaleResult[] } {
  if (state.format === 'ascii') {
    const fed = feedLines(state.lines, chunk);
    return { state: { format: 'ascii', lines: fed.state }, results: fed.lines.map(parseAsciiWeightLine) };
  }
  return feedToledo(state, typeof chunk === 'string' ? asciiToBytes(chunk) : chunk);
}

function feedToledo(state: ToledoStreamState, chunk: Uint8Array): { state: ToledoStreamState; results: ScaleResult[] } {
  const results: ScaleResult[] = [];
  let frame = state.frame === null ? null : [...state.frame];
  let awaiting = state.awaitingChecksum;
  let discarded = state.discarded;
  for (const byte of chunk) {
    const char = byte & 0x7f;
    if (awaiting !== null) {
      const expected = toledoChecksum([STX, ...awaiting, CR]);
      results.push(
        char === expected
          ? parseToledoBody(Uint8Array.from(awaiting))
          : scaleError('SCALE_CHECKSUM', 'A Toledo frame failed its checksum and was ignored.'),
      );
      awaiting = null;
      continue;
    }
    if (char === STX) {
      // A new STX before CR means the previous frame was cut short: never read half a frame.
      if (frame !== null) discarded += frame.length + 1;
      frame = [];
    } else if (frame === null) {
      // Between frames: an unverified checksum character, or noise while synchronising.
      discarded += 1;
    } else if (char === CR) {
      if (state.checksum) awaiting = frame;
      else results.push(parseToledoBody(Uint8Array.from(frame)));
      frame = null;
    } else if (frame.length >= TOLEDO_BODY_LONG) {
      discarded += frame.length + 2;
      frame = null;
    } else {
      frame.push(char);
    }
  }
  return { state: { ...state, frame, awaitingChecksum: awaiting, discarded }, results };
}
