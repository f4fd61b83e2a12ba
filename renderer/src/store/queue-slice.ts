import type { StateCreator } from 'zustand';
import type { AppState, QueueSlice, StoreDeps } from './types';

export function createQueueSlice({ api }: StoreDeps): StateCreator<AppState, [], [], QueueSlice> {
  // Only the answer to the latest request is kept: typing fast in the search box must not
  // let an older, slower answer overwrite the newer one.
  let latest = 0;
  return (set, get) => ({
    orders: [],
    queueSearch: '',
    queueLoading: false,
    queueError: null,
    loadQueue: async () => {
      const request = ++latest;
      const search = get().queueSearch.trim();
      set({ queueLoading: true });
      const result = await api['orders:queue'](search === '' ? {} : { search });
      if (request !== latest) return;
      if (result.ok) set({ orders: result.value, queueLoading: false, queueError: null });
      else set({ queueLoading: false, queueError: result.error });
    },
    searchQueue: async (search) => {
      set({ queueSearch: search });
      await get().loadQueue();
    },
  });
}
