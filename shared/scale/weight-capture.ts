// The rule for TAKING a weight from the scale into the open package. Whatever the scale's
// protocol, the packer's second gesture ("the scale for the weight") must not be able to put a
// wrong weight on a label, so a reading is taken only when all of these hold:
//
//   1. a package is open: between `packageClosed` and `resetForNewPackage` readings are ignored,
//      and a package starts with no stability credit, so nothing seen before it opened counts;
//   2. the reading is `ok`: stable by the device's own flag, at least `minGrams` (never zero,
//      negative, in motion, out of range or faulty);
//   3. the same whole-gram weight has been read, stable, for at least `stableForMs`; any other
//      reading (motion, a different weight, an unreadable frame) starts the run again;
//   4. it is not the weight taken last, for this package or an earlier one, and not a weight that
//      stood on the scale when the previous package was closed: the box of the previous package
//      left on the scale does not fill the next one, and no weight is ever taken twice in a row.
//      A later, different stable weight in the same package (an item added) is taken and replaces
//      the earlier one.
//
// Rule 4 also refuses a new box that weighs exactly what the previous one did, to the gram. That
// is the price of never leaking a weight; `takeOnRequest` lets the packer confirm such a weight
// with a deliberate gesture.
//
// Feed every reading, and also feed the latest one on a timer: HID scales may report only when the
// weight changes, and a stable weight must still be seen to last `stableForMs`.
//
// Keep one CaptureState per scale for the whole shift, not per order, so that the last box of
// one order is blocked for the first package of the next.

import type { ScaleResult } from './reading';
import { isScaleError } from './reading';

export type CaptureOptions = {
  /** How long the same stable weight must be read before it is taken. */
  stableForMs: number;
  /** The lightest weight ever taken; below it the scale counts as empty. */
  minGrams: number;
};

export const DEFAULT_CAPTURE_OPTIONS: CaptureOptions = { stableForMs: 500, minGrams: 1 };

export type CaptureState = {
  /** Whether a package is open and the scale is being read for it. */
  phase: 'open' | 'closed';
  /** The current run of equal stable readings. */
  streak: { grams: number; sinceMs: number; lastMs: number } | null;
  /** The weight taken for the open package, if any. */
  takenGrams: number | null;
  /** The weight taken most recently, in this package or an earlier one. */
  lastTakenGrams: number | null;
  /** The last stable weight read while this package was open, whether taken or not. */
  lastStableGrams: number | null;
  /** Weights on the scale when the previous package closed: never taken for this package. */
  blockedGrams: readonly number[];
};

/**
 * A bench at start-up: closed until the first package opens. `previousPackageGrams` is the weight
 * of the last package packed before a restart, so a box still on the scale is not taken again.
 */
export function createCaptureState(previousPackageGrams?: number): CaptureState {
  const known = previousPackageGrams === undefined ? null : previousPackageGrams;
  return {
    phase: 'closed',
    streak: null,
    takenGrams: null,
    lastTakenGrams: known,
    lastStableGrams: null,
    blockedGrams: known === null ? [] : [known],
  };
}

/** One reading (or unreadable frame) at `nowMs`; `take` is set when this reading fills the weight. */
export function captureStep(
  state: CaptureState,
  reading: ScaleResult,
  nowMs: number,
  options: CaptureOptions = DEFAULT_CAPTURE_OPTIONS,
): { state: CaptureState; take?: number } {
  if (state.phase === 'closed') return { state };
  if (
    isScaleError(reading) ||
    reading.status !== 'ok' ||
    !reading.stable ||
    !Number.isFinite(reading.grams) ||
    reading.grams < options.minGrams ||
    !Number.isFinite(nowMs)
  ) {
    return { state: state.streak === null ? state : { ...state, streak: null } };
  }
  const grams = reading.grams;
  const previous = state.streak;
  // A clock that goes backwards cannot prove stability: start the run again.
  const streak =
    previous !== null && previous.grams === grams && nowMs >= previous.lastMs
      ? { grams, sinceMs: previous.sinceMs, lastMs: nowMs }
      : { grams, sinceMs: nowMs, lastMs: nowMs };
  const next: CaptureState = { ...state, streak, lastStableGrams: grams };
  const settled = nowMs - streak.sinceMs >= options.stableForMs;
  if (!settled || grams === state.lastTakenGrams || state.blockedGrams.includes(grams)) return { state: next };
  return { state: { ...next, takenGrams: grams, lastTakenGrams: grams }, take: grams };
}

/**
 * The package is closed (label printing, next package): reading stops, and whatever stood on the
 * scale for it is remembered so that it cannot fill the next package.
 */
export function packageClosed(state: CaptureState): CaptureState {
  if (state.phase === 'closed') return state;
  const blocked = new Set<number>();
  for (const grams of [state.takenGrams, state.lastStableGrams, state.lastTakenGrams]) {
    if (grams !== null) blocked.add(grams);
  }
  return {
    ...state,
    phase: 'closed',
    streak: null,
    takenGrams: null,
    lastStableGrams: null,
    blockedGrams: [...blocked],
  };
}

/** A new package opens. Closing the previous one first is implied, so no weight can leak past it. */
export function resetForNewPackage(state: CaptureState): CaptureState {
  return { ...packageClosed(state), phase: 'open' };
}

/**
 * The packer's deliberate "use the scale weight" gesture: takes the settled weight now on the scale
 * even when rule 4 refused it (a second box weighing exactly what the first did). Still only a
 * stable, settled weight of an open package.
 */
export function takeOnRequest(
  state: CaptureState,
  nowMs: number,
  options: CaptureOptions = DEFAULT_CAPTURE_OPTIONS,
): { state: CaptureState; take?: number } {
  const streak = state.streak;
  if (state.phase === 'closed' || streak === null || nowMs - streak.sinceMs < options.stableForMs) return { state };
  return { state: { ...state, takenGrams: streak.grams, lastTakenGrams: streak.grams }, take: streak.grams };
}
