import { useEffect } from 'react';
import type { Settings } from '../../../shared/contract';
import { DEFAULT_SCAN_DETECTOR_CONFIG } from '../../../shared/scan/scan-detector';
import type { ScanDetectorConfig } from '../../../shared/scan/scan-detector';
import { playCue } from '../audio/play-cue';
import type { AppStore } from '../store/app-store';
import type { AppState } from '../store/types';
import { routeScan } from './scan-router';
import { attachScannerInput } from './scanner-input';
import { emitScannerEvent, scannerIsTapped } from './scanner-tap';
import { isTextEntry, typeIntoField } from './text-entry';

/**
 * A field marked `data-scan-input="text"` takes a scan as text instead of having it routed:
 * the badge field of the operator editor, where scanning the new badge is the point.
 */
export const SCAN_AS_TEXT_ATTRIBUTE = 'data-scan-input';

/** Keys typed with no field focused this far apart do not belong to one hand-typed code. */
const LOOSE_STALE_MS = 3000;

/**
 * Hand-typed codes and box hotkeys are only taken when no control has the focus (the page,
 * or a panel such as the box step). Keys typed at a select or a button are that control's:
 * a name typed to jump in a list must not come back as a badge on Enter.
 */
function noControlFocused(focus: Element | null): boolean {
  return focus === null || focus === document.body || !focus.matches('select, button, input, textarea, a[href], [contenteditable]');
}

export function detectorConfigOf(settings: Settings | null): ScanDetectorConfig {
  if (settings === null) return DEFAULT_SCAN_DETECTOR_CONFIG;
  const { maxInterKeyMs, minLength, prefix, suffix } = settings.scanner;
  return { ...DEFAULT_SCAN_DETECTOR_CONFIG, maxInterKeyMs, minLength, prefix, suffix };
}

/** Number keys 1–9 pick a box preset when the package is ready for its box and nothing is typed. */
function boxHotkeysEnabled(state: AppState): boolean {
  const { screen, view, packAlert, operator } = state;
  if (operator === null || screen !== 'pack' || view === null || packAlert !== null || view.session.alert !== null) return false;
  return (view.packageClosed || view.allScanned) && view.package.trackingNumber === null;
}

/**
 * The bench's scanner input, attached once for the whole app (see input/scanner-input.ts for
 * how a scan is told from typing, and input/scan-router.ts for where a scan goes). Besides
 * scans it keeps what worked before it: a lone number key picks a box, and a code typed by
 * hand with no field focused is taken on Enter.
 */
export function useScannerInput(store: AppStore): void {
  useEffect(() => {
    let loose = '';
    let looseAt = 0;
    return attachScannerInput(window, {
      config: () => detectorConfigOf(store.getState().settings),
      onKey: (input) => emitScannerEvent({ type: 'key', input }),
      onScan: (code, focus) => {
        emitScannerEvent({ type: 'scan', code });
        if (scannerIsTapped()) return;
        if (isTextEntry(focus) && focus.getAttribute(SCAN_AS_TEXT_ATTRIBUTE) === 'text') {
          typeIntoField(focus, code);
          return;
        }
        loose = '';
        void routeScan(store, code);
      },
      onDropped: (keys) => {
        emitScannerEvent({ type: 'dropped', keys });
        if (scannerIsTapped()) return;
        // A prefixed burst cut off before its Enter: certainly a scanner's, never typed into
        // a field. The packer is asked to scan again rather than left wondering.
        store.setState((state) => ({
          orderError: { code: 'SCAN_INCOMPLETE', message: 'The scan was cut off before its end. Scan it again.', data: { code: keys.join('') } },
          focusTick: state.focusTick + 1,
        }));
        playCue('error');
      },
      onLooseKey: (key, focus) => {
        if (!noControlFocused(focus)) {
          loose = '';
          return false;
        }
        const now = Date.now();
        if (now - looseAt > LOOSE_STALE_MS) loose = '';
        looseAt = now;
        if (key === 'Enter') {
          const code = loose.trim();
          loose = '';
          if (code === '' || scannerIsTapped()) return false;
          void routeScan(store, code);
          return true;
        }
        const state = store.getState();
        if (loose === '' && /^[1-9]$/.test(key) && boxHotkeysEnabled(state)) {
          void state.chooseBoxByHotkey(Number(key));
          return true;
        }
        loose += key;
        return true;
      },
    });
  }, [store]);
}
