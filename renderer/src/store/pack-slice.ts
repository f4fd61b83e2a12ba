import type { StateCreator } from 'zustand';
import type { AppErrorShape, ChannelResult, PackView } from '../../../shared/contract';
import type { AppState, PackSlice, StoreDeps } from './types';

type ViewResult = { ok: true; value: PackView } | { ok: false; error: AppErrorShape };

export function createPackSlice({ api }: StoreDeps): StateCreator<AppState, [], [], PackSlice> {
  let scanSeq = 0;
  return (set, get) => {
    /** Runs one action on the open order and shows what the station holds afterwards. */
    async function act(call: (orderId: string) => Promise<ViewResult>): Promise<void> {
      const view = get().view;
      if (!view) return;
      set({ packBusy: true });
      const result = await call(view.order.orderId);
      set((state) => ({
        packBusy: false,
        focusTick: state.focusTick + 1,
        ...(result.ok ? { view: result.value } : { packAlert: result.error }),
      }));
    }

    async function loadBoxes(): Promise<void> {
      const result = await api['boxes:list']({});
      if (result.ok) set({ boxes: result.value });
    }

    return {
      view: null,
      boxes: [],
      packBusy: false,
      packAlert: null,
      lastAccepted: null,

      openOrder: async (orderId) => {
        set({ packBusy: true });
        const result = await api['pack:open']({ orderId });
        if (!result.ok) {
          set((state) => ({ packBusy: false, orderError: result.error, focusTick: state.focusTick + 1 }));
          return false;
        }
        set((state) => ({
          packBusy: false,
          view: result.value,
          packAlert: null,
          lastAccepted: null,
          orderError: null,
          screen: 'pack',
          focusTick: state.focusTick + 1,
        }));
        // Box presets change rarely but may have been edited since the last order.
        await loadBoxes();
        return true;
      },

      openOrderByCode: async (code) => {
        const found = await api['orders:find']({ code });
        if (!found.ok) {
          set((state) => ({ orderError: found.error, focusTick: state.focusTick + 1 }));
          return false;
        }
        return get().openOrder(found.value.orderId);
      },

      scanItem: async (code) => {
        const { view, packAlert } = get();
        // While a rejection is on screen nothing else is scanned: the packer must see it first.
        if (!view || packAlert) return;
        const result: ChannelResult<'pack:scan'> = await api['pack:scan']({ orderId: view.order.orderId, code });
        if (!result.ok) {
          set((state) => ({ packAlert: result.error, focusTick: state.focusTick + 1 }));
          return;
        }
        const { outcome, view: next } = result.value;
        const sku = typeof outcome.data['sku'] === 'string' ? outcome.data['sku'] : null;
        set((state) => ({
          view: next,
          focusTick: state.focusTick + 1,
          ...(outcome.accepted
            ? { lastAccepted: sku === null ? null : { sku, seq: ++scanSeq, outcome } }
            : { packAlert: { code: outcome.code, message: outcome.message, data: outcome.data } }),
        }));
      },

      chooseBox: (boxId) => act((orderId) => api['pack:setBox']({ orderId, boxId })),

      chooseBoxByHotkey: async (hotkey) => {
        const box = get().boxes.find((candidate) => candidate.hotkey === hotkey);
        if (!box) return false;
        await get().chooseBox(box.id);
        return true;
      },

      setCustomBox: (dims) => act((orderId) => api['pack:setBox']({ orderId, boxId: null, ...dims })),

      setWeight: (weight) => act((orderId) => api['pack:setWeight']({ orderId, weight })),

      printLabel: (serviceId) => act((orderId) => api['pack:printLabel']({ orderId, serviceId })),

      retryPrint: () => act((orderId) => api['pack:retryPrint']({ orderId })),

      fetchLabel: async (format) => {
        const view = get().view;
        if (!view) return null;
        const result = await api['labels:get']({ orderId: view.order.orderId, format });
        if (result.ok) return result.value;
        set({ packAlert: result.error });
        return null;
      },

      showPackAlert: (alert) => set({ packAlert: alert }),

      acknowledgePackAlert: () => set((state) => ({ packAlert: null, focusTick: state.focusTick + 1 })),

      closeOrder: () => {
        set((state) => ({
          view: null,
          packAlert: null,
          lastAccepted: null,
          screen: 'queue',
          focusTick: state.focusTick + 1,
        }));
        void get().loadQueue();
      },
    };
  };
}
