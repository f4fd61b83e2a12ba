import { useEffect } from 'react';
import { attachKeyboardWedge } from '../input/keyboard-wedge';
import type { AppStore } from '../store/app-store';

/**
 * Where a scan lands when no text field has the focus: on an order being packed it is an
 * item; anywhere else (the queue, settings, a finished order) it opens that order.
 */
export function useStationWedge(store: AppStore): void {
  useEffect(
    () =>
      attachKeyboardWedge(window, {
        onCode: (code) => {
          const state = store.getState();
          const packing = state.screen === 'pack' && state.view !== null && state.view.package.trackingNumber === null;
          if (packing) void state.scanItem(code);
          else void state.openOrderByCode(code);
        },
        hotkeysEnabled: () => {
          const { screen, view, packAlert } = store.getState();
          return screen === 'pack' && view !== null && view.allScanned && view.package.trackingNumber === null && packAlert === null;
        },
        onHotkey: (digit) => void store.getState().chooseBoxByHotkey(digit),
      }),
    [store],
  );
}
