// A scale that needs no hardware, for browser mode, demos and tests. It behaves like a real one
// where it matters to the capture rule: a box set down swings and settles before the scale calls
// it stable, lifting it passes through motion back to zero, and an overweight box overloads.
//
// It is deterministic: a reading depends only on the seed, the placements and the time asked
// about, not on how often it is read, so a test or an end-to-end run sees the same numbers every
// time, and a demo can read it at any rate.

import type { ScaleReading } from './reading';
import { HID_SCALE_DATA_REPORT_ID } from './hid-scale';

export type SimulatedScaleOptions = {
  /** Above this the scale shows overload, as a 30 kg bench scale does. */
  capacityGrams: number;
  /** Typical time from setting a box down to a stable reading. */
  settleMs: number;
  /** How far a swinging reading strays from the weight, at its worst. */
  swingGrams: number;
  /** A real scale updates a few times a second; readings in between repeat the last update. */
  updateEveryMs: number;
};

export const DEFAULT_SIMULATED_SCALE: SimulatedScaleOptions = {
  capacityGrams: 30_000,
  settleMs: 800,
  swingGrams: 40,
  updateEveryMs: 100,
};

export type SimulatedScale = {
  /** Sets a load of `grams` (the whole load, not an addition) on the scale at `atMs`. */
  place(grams: number, atMs: number): void;
  /** Clears the scale at `atMs`. */
  remove(atMs: number): void;
  /** What the scale reads at `atMs`. Times before the latest placement read as that placement began. */
  read(atMs: number): ScaleReading;
  /** The load the scale is settling towards. */
  readonly targetGrams: number;
};

type Placement = { fromGrams: number; toGrams: number; atMs: number; settleMs: number; index: number };

export function createSimulatedScale(seed: number, options: Partial<SimulatedScaleOptions> = {}): SimulatedScale {
  const settings: SimulatedScaleOptions = { ...DEFAULT_SIMULATED_SCALE, ...options };
  let placement: Placement = { fromGrams: 0, toGrams: 0, atMs: Number.NEGATIVE_INFINITY, settleMs: 0, index: 0 };

  function loadAt(atMs: number): number {
    const elapsed = atMs - placement.atMs;
    if (elapsed >= placement.settleMs) return placement.toGrams;
    const tick = Math.floor(Math.max(elapsed, 0) / settings.updateEveryMs);
    const remaining = 1 - (tick * settings.updateEveryMs) / placement.settleMs;
    // The load moves most of the way at once and then swings around its weight, less and less.
    const travel = (placement.fromGrams - placement.toGrams) * remaining ** 3;
    const swing = settings.swingGrams * remaining * (unitNoise(seed, placement.index, tick) * 2 - 1);
    // A postal scale shows no load below zero while a box is lifted off, only zero.
    return Math.max(0, placement.toGrams + travel + swing);
  }

  function settle(toGrams: number, atMs: number): void {
    const index = placement.index + 1;
    const fromGrams = Math.round(loadAt(atMs));
    // Each placement settles a little faster or slower, as real boxes do.
    const settleMs = settings.settleMs * (0.75 + 0.5 * unitNoise(seed, index, -1));
    placement = { fromGrams, toGrams, atMs, settleMs, index };
  }

  return {
    place(grams, atMs) {
      settle(Math.max(0, Math.round(grams)), atMs);
    },
    remove(atMs) {
      settle(0, atMs);
    },
    read(atMs) {
      const grams = Math.round(loadAt(atMs)) || 0;
      const moving = atMs - placement.atMs < placement.settleMs;
      if (grams > settings.capacityGrams) return { grams, stable: false, status: 'overload', rawUnit: 'g' };
      if (moving) return { grams, stable: false, status: 'in-motion', rawUnit: 'g' };
      return { grams, stable: true, status: grams === 0 ? 'zero' : 'ok', rawUnit: 'g' };
    },
    get targetGrams() {
      return placement.toGrams;
    },
  };
}

/** A number in [0, 1) from the seed and two counters (a small integer hash, not a random stream). */
function unitNoise(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const HID_STATUS: Record<ScaleReading['status'], number> = {
  error: 1,
  zero: 2,
  'in-motion': 3,
  ok: 4,
  negative: 5,
  overload: 6,
  // HID has no underload; Under Zero is the nearest thing a postal scale reports.
  underload: 5,
};

/**
 * The reading as the six-byte HID scale data report a postal scale would send (grams, exponent 0),
 * so browser mode and end-to-end tests exercise the same parser as a real USB scale.
 */
export function simulatedHidReport(reading: ScaleReading): Uint8Array {
  const magnitude = Math.min(Math.abs(reading.grams), 0xffff);
  return Uint8Array.of(HID_SCALE_DATA_REPORT_ID, HID_STATUS[reading.status], 2, 0, magnitude & 0xff, magnitude >> 8);
}

/** Readings every `stepMs` from `fromMs` up to `toMs`, for tests and demos. */
export function sampleReadings(
  scale: SimulatedScale,
  fromMs: number,
  toMs: number,
  stepMs: number,
): Array<{ atMs: number; reading: ScaleReading }> {
  const samples: Array<{ atMs: number; reading: ScaleReading }> = [];
  for (let atMs = fromMs; atMs <= toMs; atMs += stepMs) samples.push({ atMs, reading: scale.read(atMs) });
  return samples;
}
