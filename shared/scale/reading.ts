// One reading from any scale, whatever its protocol (USB HID, MT-SICS, continuous serial output
// or the simulated scale), so that the rule for taking a weight (weight-capture.ts) and the
// screens never look at a device's own units or flags.

import { GRAMS_PER_OUNCE, GRAMS_PER_POUND } from '../domain/weight';

export type ScaleStatus = 'ok' | 'in-motion' | 'zero' | 'negative' | 'overload' | 'underload' | 'error';

/** What an `error` reading says is wrong with the scale, so the screen can tell the packer what to do. */
export type ScaleFault =
  | 'device-fault'
  | 'calibration-required'
  | 'rezero-required'
  | 'not-zeroed-since-power-up'
  | 'display-expanded'
  | 'not-level'
  | 'weight-response-error';

export type ScaleReading = {
  /**
   * Whole grams. Meaningful for `ok`, `zero`, `negative` and `in-motion`; an overload, underload
   * or error reading carries whatever the device sent (often nothing, then 0), never a weight to use.
   */
  grams: number;
  /** The device itself said the weight is stable (no motion). */
  stable: boolean;
  status: ScaleStatus;
  /** The unit as the device sent it ("kg", "lb", "g"…), for the calibration screen and the log. */
  rawUnit: string;
  fault?: ScaleFault;
};

export type ScaleErrorCode =
  | 'SCALE_REPORT_SHORT'
  | 'SCALE_REPORT_NOT_DATA'
  | 'SCALE_STATUS_UNKNOWN'
  | 'SCALE_UNIT_UNKNOWN'
  | 'SCALE_LINE_UNREADABLE'
  | 'SCALE_NOT_A_WEIGHT'
  | 'SCALE_BUSY'
  | 'SCALE_COMMAND_REJECTED'
  | 'SCALE_TRANSMISSION_ERROR'
  | 'SCALE_CHECKSUM';

/**
 * Bytes or a line that could not be read as a reading. Not thrown: a garbled frame on a serial line
 * is ordinary, and the capture rule treats it as "no stable weight right now".
 */
export type ScaleError = { error: string; code: ScaleErrorCode };

export type ScaleResult = ScaleReading | ScaleError;

export function isScaleError(result: ScaleResult): result is ScaleError {
  return 'error' in result;
}

export function scaleError(code: ScaleErrorCode, error: string): ScaleError {
  return { error, code };
}

/**
 * Grams per unit, by the exact definitions: the international avoirdupois pound (453.59237 g) and
 * ounce (1/16 lb), the troy ounce (480 grains), the grain (1/7000 lb), the pennyweight (24 grains)
 * and the metric carat (0.2 g). Taels are left out on purpose: the Chinese, Hong Kong and Taiwan
 * taels differ (50 g, 37.799 g, 37.5 g), and guessing would misweigh a parcel.
 */
export const GRAMS_PER_UNIT = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  t: 1_000_000,
  ct: 0.2,
  gr: GRAMS_PER_POUND / 7000,
  dwt: (GRAMS_PER_POUND / 7000) * 24,
  ozt: (GRAMS_PER_POUND / 7000) * 480,
  oz: GRAMS_PER_OUNCE,
  lb: GRAMS_PER_POUND,
  // The short (US) ton of 2000 lb, which the HID "avoir ton" unit names.
  ton: GRAMS_PER_POUND * 2000,
} as const;

export type ScaleUnit = keyof typeof GRAMS_PER_UNIT;

// Spellings seen on the wire: MT-SICS writes units case-sensitively ("g", "kg", "lb", "oz", "ozt",
// "ct", "GN" for grain); continuous-output indicators use "kg", "KG", "lb", "LB", "oz", "g".
const UNIT_SPELLINGS: Record<string, ScaleUnit> = {
  mg: 'mg',
  g: 'g',
  gm: 'g',
  kg: 'kg',
  t: 't',
  ct: 'ct',
  gr: 'gr',
  gn: 'gr',
  dwt: 'dwt',
  ozt: 'ozt',
  oz: 'oz',
  lb: 'lb',
  lbs: 'lb',
};

/** The unit a device's unit text stands for, or undefined when it is not a weight unit we trust. */
export function scaleUnitOf(rawUnit: string): ScaleUnit | undefined {
  const key = rawUnit.trim().toLowerCase();
  return Object.hasOwn(UNIT_SPELLINGS, key) ? UNIT_SPELLINGS[key] : undefined;
}

/** Whole grams, never -0 (so a reading of -0.2 g compares equal to an empty scale). */
export function roundGrams(grams: number): number {
  const rounded = Math.round(grams);
  return rounded === 0 ? 0 : rounded;
}

export function toGrams(value: number, unit: ScaleUnit): number {
  return roundGrams(value * GRAMS_PER_UNIT[unit]);
}

export function fromGrams(grams: number, unit: ScaleUnit): number {
  return grams / GRAMS_PER_UNIT[unit];
}

/**
 * A decimal digit string with a power-of-ten exponent, scaled without the binary rounding of
 * `value * 10 ** -2` (0.01 is not exact in floating point; dividing by 100 is).
 */
export function scaleByPowerOfTen(value: number, exponent: number): number {
  return exponent >= 0 ? value * 10 ** exponent : value / 10 ** -exponent;
}

export type ReadingFacts = {
  /** The weight in `unit`, signed; passed on as sent, and never used, for out-of-range and faults. */
  value: number;
  unit: ScaleUnit;
  rawUnit: string;
  stable: boolean;
  overload?: boolean;
  underload?: boolean;
  /** The device says the weight is below zero even where it sends only the magnitude. */
  underZero?: boolean;
  /** The device says it is at the centre of zero, whatever small value it sends. */
  atZero?: boolean;
  fault?: ScaleFault;
};

/**
 * The one place where device flags become a status, so that every protocol ranks them alike:
 * a fault, then an out-of-range weight, then a weight below zero, then motion, then zero and the
 * sign of the weight. A reading is `ok`
 * only when it is stable and at least 1 g after rounding.
 */
export function classifyReading(facts: ReadingFacts): ScaleReading {
  const grams = toGrams(facts.value, facts.unit);
  const base = { grams, rawUnit: facts.rawUnit };
  if (facts.fault !== undefined) return { ...base, stable: false, status: 'error', fault: facts.fault };
  if (facts.overload === true) return { ...base, stable: false, status: 'overload' };
  if (facts.underload === true) return { ...base, stable: false, status: 'underload' };
  if (facts.underZero === true) return { ...base, stable: facts.stable, status: 'negative' };
  if (!facts.stable) return { ...base, stable: false, status: 'in-motion' };
  if (facts.atZero === true || grams === 0) return { ...base, stable: true, status: 'zero' };
  if (grams < 0) return { ...base, stable: true, status: 'negative' };
  return { ...base, stable: true, status: 'ok' };
}

/** A reading that carries no weight at all (an MT-SICS `S +`, a weight-response error…). */
export function weightlessReading(
  status: 'overload' | 'underload' | 'error',
  rawUnit: string,
  fault?: ScaleFault,
): ScaleReading {
  return fault === undefined
    ? { grams: 0, stable: false, status, rawUnit }
    : { grams: 0, stable: false, status, rawUnit, fault };
}

/** Serial and HID bytes as text, one character per byte (the protocols here are 7-bit ASCII). */
export function bytesToAscii(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

export function asciiToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index) & 0xff;
  return bytes;
}
