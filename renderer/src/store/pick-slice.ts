import type { StateCreator } from 'zustand';
import type { OrderSummary } from '../../../shared/contract';
import type { AppState, PickSlice, StoreDeps } from './types';

/** The most orders one pick list takes (the station's limit). */
export const PICK_MAX_ORDERS = 500;

/** Midnight at the end of the bench's local day: "today's orders" are due before it. */
export function endOfLocalDay(now: number): number {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return end.getTime();
}

/** Orders due before the day ends (overdue ones too), that can still be packed. */
export function dueToday(orders: readonly OrderSummary[], now: number): string[] {
  const end = endOfLocalDay(now);
  return orders
    .filter((order) => {
      if (order.latestShipDate === null || order.status === 'cancelled' || order.flags.includes('on-hold')) return false;
      const due = Date.parse(order.latestShipDate);
      return !Number.isNaN(due) && due < end;
    })
    .map((order) => order.orderId);
}

export function createPickSlice({ api }: StoreDeps): StateCreator<AppState, [], [], PickSlice> {
  let latest = 0;
  return (set, get) => ({
    pickSelection: [],
    pickList: null,
    pickScope: 'today',
    pickLoading: false,
    pickError: null,
    togglePickSelection: (orderId) =>
      set((state) => ({
        pickSelection: state.pickSelection.includes(orderId)
          ? state.pickSelection.filter((id) => id !== orderId)
          : [...state.pickSelection, orderId],
      })),
    clearPickSelection: () => set({ pickSelection: [] }),
    loadPickList: async () => {
      const request = ++latest;
      const selected = get().pickSelection;
      const scope = selected.length > 0 ? 'selected' : 'today';
      set({ pickLoading: true, pickScope: scope, pickError: null });
      let orderIds = selected;
      if (scope === 'today') {
        // The whole open queue, whatever the queue screen's search shows.
        const queue = await api['orders:queue']({});
        if (request !== latest) return;
        if (!queue.ok) {
          set({ pickLoading: false, pickError: queue.error });
          return;
        }
        orderIds = dueToday(queue.value, Date.now());
      }
      if (orderIds.length === 0) {
        set({ pickLoading: false, pickList: { orders: [], picks: [] } });
        return;
      }
      const result = await api['pick:list']({ orderIds: orderIds.slice(0, PICK_MAX_ORDERS) });
      if (request !== latest) return;
      if (result.ok) set({ pickLoading: false, pickList: result.value });
      else set({ pickLoading: false, pickError: result.error });
    },
  });
}
