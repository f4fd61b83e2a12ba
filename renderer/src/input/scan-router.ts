// Where a detected scan goes. The scanner input (use-scanner-input.ts) calls `routeScan` for
// every scan wherever the focus was; `planScanRoute` is the decision alone, pure, for tests
// and for reading:
//
//   1. nobody signed in            → signIn({ badge: scan })
//   2. a command barcode           → the pack action it names (interpretScan kind 'command',
//      (settings.scanner.commandPrefix, default PB:)
//        PB:ACK          → acknowledgeAlert()  (or dismisses an order error when no order is open)
//        PB:NEXT-PACKAGE → nextPackage()
//        PB:CANCEL       → cancelPrompt()
//        PB:REPRINT      → retryPrint()
//        PB:COMPLETE     → completePackage()
//        PB:BOX:<id>     → chooseBox(id)
//      an unknown command word → a red order error (SCAN_UNKNOWN_COMMAND), nothing else
//   3. the pack screen, the package measured and its chosen service using pre-printed labels
//      → printWithPreprinted(scan): the scan is the label stuck on the parcel
//   4. the pack screen with an order still being packed → scanItem(scan)
//      (scanItem itself treats the scan as a supervisor's badge while an override dialog is open)
//   5. anywhere else, or an order that is finished → openOrderByCode(scan)

import { DEFAULT_COMMAND_PREFIX, interpretScan } from '../../../shared/scan/barcode';
import type { ScanCommand, ScanMeaning } from '../../../shared/scan/barcode';
import { playCue } from '../audio/play-cue';
import type { AppStore } from '../store/app-store';
import { orderFinished } from '../store/order-finished';
import { awaitingPreprintedLabel } from '../store/service-choice';
import type { AppState } from '../store/types';

export type ScanRoute =
  | { kind: 'sign-in'; badge: string }
  | { kind: 'command'; command: ScanCommand }
  | { kind: 'unknown-command'; code: string }
  | { kind: 'item'; code: string }
  | { kind: 'preprinted-label'; code: string }
  | { kind: 'open-order'; code: string };

type RouteState = Pick<AppState, 'operator' | 'screen' | 'view' | 'settings' | 'serviceChoice'>;

function meaningOf(code: string, commandPrefix: string): ScanMeaning {
  try {
    return interpretScan(code, { commandPrefix });
  } catch {
    // A prefix the settings allowed but the barcode rules refuse (e.g. one starting with a
    // digit) would capture product codes; fall back to the default so commands still work.
    return interpretScan(code, { commandPrefix: DEFAULT_COMMAND_PREFIX });
  }
}

export function planScanRoute(state: RouteState, code: string): ScanRoute {
  if (state.operator === null) return { kind: 'sign-in', badge: code.trim() };
  const meaning = meaningOf(code, state.settings?.scanner.commandPrefix ?? DEFAULT_COMMAND_PREFIX);
  if (meaning.kind === 'command') return { kind: 'command', command: meaning.command };
  if (meaning.kind === 'malformed' && meaning.reason === 'SCAN_UNKNOWN_COMMAND') return { kind: 'unknown-command', code: meaning.code };
  if (state.screen === 'pack' && awaitingPreprintedLabel(state.view, state.serviceChoice)) return { kind: 'preprinted-label', code: code.trim() };
  const packing = state.screen === 'pack' && state.view !== null && !orderFinished(state.view);
  return packing ? { kind: 'item', code } : { kind: 'open-order', code };
}

async function runCommand(store: AppStore, command: ScanCommand): Promise<void> {
  const state = store.getState();
  switch (command.name) {
    case 'acknowledge':
      if (state.orderError !== null) state.dismissOrderError();
      else await state.acknowledgeAlert();
      return;
    case 'next-package':
      return state.nextPackage();
    case 'cancel':
      return state.cancelPrompt();
    case 'reprint':
      return state.retryPrint();
    case 'complete':
      return state.completePackage();
    case 'box':
      return state.chooseBox(command.boxId);
  }
}

/** Carries out what `planScanRoute` decided; resolves when the store action has. */
export async function routeScan(store: AppStore, code: string): Promise<ScanRoute> {
  const route = planScanRoute(store.getState(), code);
  const state = store.getState();
  switch (route.kind) {
    case 'sign-in': {
      // A second badge while the first is being checked is the same person scanning twice.
      if (state.signingIn) break;
      const signedIn = await state.signIn({ badge: route.badge });
      playCue(signedIn ? 'accepted' : 'error');
      break;
    }
    case 'command':
      await runCommand(store, route.command);
      break;
    case 'unknown-command':
      store.setState((current) => ({
        orderError: { code: 'SCAN_UNKNOWN_COMMAND', message: `${route.code} is not a command this bench knows.`, data: { code: route.code } },
        focusTick: current.focusTick + 1,
      }));
      playCue('error');
      break;
    case 'item':
      await state.scanItem(route.code);
      break;
    case 'preprinted-label':
      await state.printWithPreprinted(route.code);
      break;
    case 'open-order':
      await state.openOrderByCode(route.code);
      break;
  }
  return route;
}
