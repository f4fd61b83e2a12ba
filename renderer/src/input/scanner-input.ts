// The one keyboard listener that tells a scanner from a person, anywhere in the app and even
// while a text field has the focus (shared/scan/scan-detector.ts decides; this file applies
// its decisions to the DOM):
//
// - It listens on the window in the capture phase, so it sees every key before the focused
//   element does, and before a focused button turns Enter into a click.
// - A key the detector swallows gets preventDefault and stopPropagation: the field never
//   sees it, so a scan cannot end up in the weight field (or any other).
// - Keys the detector hands back as a person's typing are replayed into the element that
//   has the focus: typed into a text field (see text-entry.ts), or re-dispatched as a keydown
//   to anything else (a button's Space still clicks it). Keys that nothing took go to
//   `onLooseKey`, for box hotkeys and codes typed with no field focused.
// - Held keys that no further key resolves are flushed after maxInterKeyMs by a timer, so a
//   person who types one character and stops sees it appear.
//
// Time: keys are timed by KeyboardEvent.timeStamp (when the key happened, not when a busy
// main thread got to it). The flush timer has no event; it reckons "now" on the same clock as
// the last key's timeStamp plus the time that has passed since that key was handled.

import { flushDetector, initialDetectorState, stepDetector } from '../../../shared/scan/scan-detector';
import type { DetectorState, DetectorStep, KeyInput, ScanDetectorConfig } from '../../../shared/scan/scan-detector';
import { isTextEntry, typeIntoField } from './text-entry';

export type ScannerInputOptions = {
  config: () => ScanDetectorConfig;
  /** A finished scan (prefix and suffix removed). `focus` is what had the focus when it ended. */
  onScan: (code: string, focus: Element | null) => void;
  /** Every key as fed to the detector, for the calibration page. */
  onKey?: (input: KeyInput) => void;
  /** Held keys thrown away: a prefixed burst that never got its terminator. */
  onDropped?: (keys: string[]) => void;
  /**
   * A person's key that no text field took and no element handled (not prevented), and a
   * passed Enter with no text field focused. Return true if it was used.
   */
  onLooseKey?: (key: string, focus: Element | null) => boolean;
  /** Monotonic milliseconds; tests may pass their own. */
  clock?: () => number;
};

/** Modifier chords are not text (see the detector's contract); Ctrl+] is a scanner's GS. */
export function detectorKeyOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'> & { altGraph?: boolean }): string {
  if (event.ctrlKey && !event.altKey && !event.metaKey && event.key === ']') return '\u001d';
  // AltGr (Ctrl+Alt on Windows) types characters on many layouts: that is text, not a chord.
  if (event.altGraph === true) return event.key;
  if (event.ctrlKey || event.metaKey || event.altKey) return event.key.length === 1 ? 'Shortcut' : event.key;
  return event.key;
}

const CLICK_ON_SPACE = new Set(['BUTTON', 'SUMMARY']);
const CLICK_ON_SPACE_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio']);

export function attachScannerInput(win: Window, options: ScannerInputOptions): () => void {
  const clock = options.clock ?? (() => win.performance.now());
  let state: DetectorState = initialDetectorState();
  let lastKey: { timeMs: number; handledAt: number } | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  // Our own re-dispatched keydowns must not be fed to the detector a second time.
  let replaying = false;

  const focused = (): Element | null => win.document.activeElement;

  const replayKey = (key: string) => {
    const target = focused();
    if (isTextEntry(target)) {
      typeIntoField(target, key);
      return;
    }
    const element = target ?? win.document.body;
    const synthetic = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    replaying = true;
    let handled: boolean;
    try {
      handled = !element.dispatchEvent(synthetic);
    } finally {
      replaying = false;
    }
    if (handled) return;
    if (key === ' ' && element instanceof HTMLElement) {
      const clickable = CLICK_ON_SPACE.has(element.tagName) || (element instanceof HTMLInputElement && CLICK_ON_SPACE_INPUTS.has(element.type));
      if (clickable) {
        element.click();
        return;
      }
    }
    options.onLooseKey?.(key, target);
  };

  const apply = (step: DetectorStep) => {
    state = step.state;
    for (const key of step.replay ?? []) replayKey(key);
    if (step.dropped && step.dropped.length > 0) options.onDropped?.(step.dropped);
  };

  const cancelFlush = () => {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
  };

  const armFlush = (config: ScanDetectorConfig) => {
    cancelFlush();
    if (state.phase !== 'burst') return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      if (lastKey === null) return;
      const nowMs = lastKey.timeMs + (clock() - lastKey.handledAt);
      apply(flushDetector(state, nowMs, config));
      // A burst still within timing (the timer fired early) waits for another round.
      if (state.phase === 'burst') armFlush(config);
    }, config.maxInterKeyMs + 1);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (replaying) return;
    // An input method composing Chinese (or any) text owns the keyboard until it commits.
    if (event.isComposing || event.key === 'Process' || event.key === 'Unidentified' || event.key === 'Dead') return;
    const config = options.config();
    const input: KeyInput = {
      key: detectorKeyOf({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, altGraph: event.getModifierState?.('AltGraph') ?? false }),
      timeMs: event.timeStamp,
      ...(event.repeat ? { repeat: true } : {}),
    };
    options.onKey?.(input);
    const focus = focused();
    const step = stepDetector(state, input, config);
    lastKey = { timeMs: input.timeMs, handledAt: clock() };
    apply(step);
    if (step.action === 'swallow') {
      event.preventDefault();
      // stopPropagation, not stopImmediatePropagation: other capture listeners on the window
      // (idle sign-out) still see the key; the page below it does not.
      event.stopPropagation();
    }
    armFlush(config);
    if (step.scan !== undefined) {
      options.onScan(step.scan, focus);
      return;
    }
    // An Enter that ends a code typed by hand with no field focused is that code's, not a
    // click on whatever button has the focus.
    if (step.action === 'pass' && input.key === 'Enter' && !isTextEntry(focus) && options.onLooseKey?.('Enter', focus) === true) {
      event.preventDefault();
    }
  };

  win.addEventListener('keydown', onKeyDown, true);
  return () => {
    cancelFlush();
    win.removeEventListener('keydown', onKeyDown, true);
  };
}
