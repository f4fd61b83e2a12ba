// A tap on the scanner input for the calibration page: every key as the detector saw it, and
// every scan it detected. An exclusive tap also keeps scans from being routed (opening an
// order, signing in), so calibrating never changes the bench.

import type { KeyInput } from '../../../shared/scan/scan-detector';

export type ScannerTapEvent =
  | { type: 'key'; input: KeyInput }
  | { type: 'scan'; code: string }
  | { type: 'dropped'; keys: string[] };

type Tap = { listener: (event: ScannerTapEvent) => void; exclusive: boolean };

const taps = new Set<Tap>();

export function tapScanner(listener: (event: ScannerTapEvent) => void, options: { exclusive?: boolean } = {}): () => void {
  const tap: Tap = { listener, exclusive: options.exclusive === true };
  taps.add(tap);
  return () => {
    taps.delete(tap);
  };
}

export function emitScannerEvent(event: ScannerTapEvent): void {
  for (const tap of taps) tap.listener(event);
}

export function scannerIsTapped(): boolean {
  for (const tap of taps) if (tap.exclusive) return true;
  return false;
}
