import type { StateCreator } from 'zustand';
import type { AppState, StoreDeps, UiSlice } from './types';

export function createUiSlice({ toastMs }: StoreDeps): StateCreator<AppState, [], [], UiSlice> {
  let nextToastId = 1;
  return (set, get) => ({
    screen: 'queue',
    orderError: null,
    stationError: null,
    toasts: [],
    focusTick: 0,
    navigate: (screen) => {
      set((state) => ({ screen, focusTick: state.focusTick + 1 }));
      if (screen === 'queue') void get().loadQueue();
    },
    dismissOrderError: () => set((state) => ({ orderError: null, focusTick: state.focusTick + 1 })),
    dismissStationError: () => set({ stationError: null }),
    pushToast: (key, params) => {
      const id = nextToastId++;
      set((state) => ({ toasts: [...state.toasts, params === undefined ? { id, key } : { id, key, params }] }));
      // Only confirmations are toasts, so they may fade; every refusal is a banner that stays.
      setTimeout(() => get().dismissToast(id), toastMs);
    },
    dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
    requestFocus: () => set((state) => ({ focusTick: state.focusTick + 1 })),
  });
}
