import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { PackbenchApi } from '../../../shared/contract';
import { createImportSlice } from './import-slice';
import { createPackSlice } from './pack-slice';
import { createQueueSlice } from './queue-slice';
import { createSettingsSlice } from './settings-slice';
import type { AppState, StoreDeps } from './types';
import { createUiSlice } from './ui-slice';

export type AppStore = StoreApi<AppState>;

/**
 * A new store over one API. The app makes one at start-up; each test makes its own, which
 * is how tests start from a clean store.
 */
export function createAppStore(api: PackbenchApi, options: Partial<Omit<StoreDeps, 'api'>> = {}): AppStore {
  const deps: StoreDeps = {
    api,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    toastMs: options.toastMs ?? 4000,
  };
  return createStore<AppState>()((...args) => ({
    ...createQueueSlice(deps)(...args),
    ...createPackSlice(deps)(...args),
    ...createSettingsSlice(deps)(...args),
    ...createImportSlice(deps)(...args),
    ...createUiSlice(deps)(...args),
  }));
}
