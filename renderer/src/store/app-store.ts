import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AppErrorShape, PackbenchApi } from '../../../shared/contract';
import { withSessionGuard } from '../api/session-guard';
import { createImportSlice } from './import-slice';
import { createMetricsSlice } from './metrics-slice';
import { createPackSlice } from './pack-slice';
import { createPickSlice } from './pick-slice';
import { createQueueSlice } from './queue-slice';
import { createSessionSlice } from './session-slice';
import { createSettingsSlice } from './settings-slice';
import { createSyncSlice } from './sync-slice';
import type { AppState, StoreDeps } from './types';
import { createUiSlice } from './ui-slice';

export type AppStore = StoreApi<AppState>;

/**
 * A new store over one API. The app makes one at start-up; each test makes its own, which
 * is how tests start from a clean store.
 */
export function createAppStore(api: PackbenchApi, options: Partial<Omit<StoreDeps, 'api'>> = {}): AppStore {
  // Every call goes through the session guard: a NOT_SIGNED_IN or SIGNED_OUT_IDLE answer to
  // any channel brings the sign-in screen back. The store does not exist yet when the guard
  // is made, hence the late binding.
  let signedOut: (error: AppErrorShape) => void = () => undefined;
  const deps: StoreDeps = {
    api: withSessionGuard(api, (error) => signedOut(error)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    toastMs: options.toastMs ?? 4000,
  };
  const store = createStore<AppState>()((...args) => ({
    ...createQueueSlice(deps)(...args),
    ...createPackSlice(deps)(...args),
    ...createPickSlice(deps)(...args),
    ...createSettingsSlice(deps)(...args),
    ...createImportSlice(deps)(...args),
    ...createUiSlice(deps)(...args),
    ...createSessionSlice(deps)(...args),
    ...createSyncSlice(deps)(...args),
    ...createMetricsSlice(deps)(...args),
  }));
  signedOut = (error) => store.getState().sessionLost(error);
  return store;
}
