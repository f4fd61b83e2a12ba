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
    pullList: [],
    loadQueue: async () => {
      const request = ++latest;
      const search = get().queueSearch.trim();
      set({ queueLoading: true });
      const [result] = await Promise.all([api['orders:queue'](search === '' ? {} : { search }), get().loadPullList()]);
      if (request !== latest) return;
      if (result.ok) set({ orders: result.value, queueLoading: false, queueError: null });
      else set({ queueLoading: false, queueError: result.error });
    },
    searchQueue: async (search) => {
      set({ queueSearch: search });
      await get().loadQueue();
    },
    loadPullList: async () => {
      const result = await api['orders:pullList']({});
      // A failure here leaves the last list up: a parcel to pull must not vanish from view.
      if (result.ok) set({ pullList: result.value });
    },
    confirmPulled: async (orderId, packageId) => {
      const result = await api['orders:confirmPulled']({ orderId, packageId });
      if (!result.ok) {
        set({ orderError: result.error });
        return;
      }
      set((state) => ({
        pullList: state.pullList.filter((parcel) => !(parcel.orderId === orderId && parcel.packageId === packageId)),
        view:
          state.view !== null && state.view.order.orderId === orderId
            ? { ...state.view, pullParcels: state.view.pullParcels.filter((parcel) => parcel.packageId !== packageId) }
            : state.view,
      }));
    },
  });
}
