import type { StateCreator } from 'zustand';
import type { AppErrorShape, ChannelResult, PackView, ScanOutcome } from '../../../shared/contract';
import { playCue } from '../audio/play-cue';
import type { Cue } from '../audio/play-cue';
import type { OverrideAnswer, PendingScan } from './pack-types';
import { newScanId } from './scan-id';
import { chosenServiceId } from './service-choice';
import type { AppState, PackSlice, StoreDeps } from './types';
import { markScanAnswered, markScanPaintedSoon, markScanReceived, markScanSent } from '../perf/scan-timing';

/** Refusals after which the station offers other services: the screen reloads the package. */
const VIEW_CHANGING_REFUSALS = new Set(['ONLINE_SHIPPING_OFFLINE', 'ONLINE_NO_RATE']);

type ViewResult = { ok: true; value: PackView } | { ok: false; error: AppErrorShape };
type PackAnswer = ChannelResult<'pack:scan'>;
type Answered = Extract<PackAnswer, { ok: true }>['value'];

/** Waits between attempts to store a scan the station did not answer. */
export const SCAN_RETRY_MS = [200, 500, 1000, 2000] as const;

/** Answers to commands that change nothing worth a line, a sound or a banner. */
const QUIET = new Set(['ACKNOWLEDGED', 'NOTHING_TO_ACKNOWLEDGE', 'NOTHING_TO_CANCEL', 'RELEASED']);

function cueFor(before: PackView | null, outcome: ScanOutcome, after: PackView): Cue {
  if (!outcome.accepted) return 'error';
  if (outcome.code === 'SERIAL_PROMPT') return 'prompt';
  const closedNow = after.packageClosed && !(before?.packageClosed ?? false);
  return closedNow || (after.allScanned && !(before?.allScanned ?? false)) ? 'complete' : 'accepted';
}

export function createPackSlice({ api, sleep }: StoreDeps): StateCreator<AppState, [], [], PackSlice> {
  let resultSeq = 0;
  // Everything that changes the pack session goes through this one chain, in the order the
  // packer did it: a scan that arrives while the previous one is being stored waits for it,
  // and an acknowledgement cannot overtake the scan it answers.
  let chain: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  }

  return (set, get) => {
    const isOpen = (orderId: string) => get().view?.order.orderId === orderId;

    /** Shows what the station answered and sounds it. Answers for an order left since are dropped: the station kept them. */
    function settle(orderId: string, answer: Answered): void {
      if (!isOpen(orderId)) return;
      const before = get().view;
      const { outcome, view } = answer;
      if (QUIET.has(outcome.code)) {
        set((state) => ({ view, focusTick: state.focusTick + 1 }));
        return;
      }
      const seq = ++resultSeq;
      const sku = typeof outcome.data['sku'] === 'string' ? outcome.data['sku'] : null;
      const cancelled = outcome.code === 'ORDER_CANCELLED' || view.order.status === 'cancelled';
      // A refusal the station keeps is its alert (view.session.alert); any other refusal is
      // kept on screen here, so no red message ever fades by itself.
      const local =
        !outcome.accepted && view.session.alert === null && outcome.code !== 'ALERT_NOT_ACKNOWLEDGED'
          ? { code: outcome.code, message: outcome.message, data: outcome.data }
          : null;
      set((state) => ({
        view,
        lastResult: { outcome, seq },
        lastAccepted: outcome.accepted && sku !== null ? { sku, seq, outcome } : state.lastAccepted,
        orderCancelled: state.orderCancelled || cancelled,
        packAlert: local ?? state.packAlert,
        serviceChoice: before !== null && before.package.id !== view.package.id ? null : state.serviceChoice,
        serviceReason: before !== null && before.package.id !== view.package.id ? null : state.serviceReason,
        focusTick: state.focusTick + 1,
      }));
      playCue(cueFor(before, outcome, view));
      if (get().historyOpen) void get().loadHistory();
      autoPrintIfReady();
    }

    /** The station refused the request itself (not signed in, held by someone else, …). */
    function refused(orderId: string, error: AppErrorShape): void {
      const holder = error.data?.['holder'];
      set((state) => ({
        packAlert: error,
        heldOrder: error.code === 'SESSION_HELD' && typeof holder === 'string' ? { orderId, holder } : state.heldOrder,
        focusTick: state.focusTick + 1,
      }));
      playCue('error');
    }

    function notCounted(code: string): void {
      set((state) => ({ notCounted: [...state.notCounted, code] }));
      playCue('error');
    }

    async function sendScan(orderId: string, scan: PendingScan): Promise<void> {
      try {
        const { view, packAlert, orderCancelled } = get();
        // Nothing is counted past a red message the packer has not acknowledged (the station
        // refuses it too); the scan is listed beside the message so it is scanned again.
        if (isOpen(orderId) && (view?.session.alert != null || packAlert !== null || orderCancelled)) {
          notCounted(scan.code);
          return;
        }
        for (let attempt = 0; ; attempt++) {
          markScanSent(scan.scanId);
          const result = await api['pack:scan']({ orderId, code: scan.code, scanId: scan.scanId });
          markScanAnswered(scan.scanId);
          if (!result.ok && result.error.code === 'NETWORK') {
            // The scan may or may not be stored: the same scanId makes sending it again safe.
            set({ scanRetrying: true });
            await sleep(SCAN_RETRY_MS[Math.min(attempt, SCAN_RETRY_MS.length - 1)] ?? 2000);
            continue;
          }
          set({ scanRetrying: false });
          if (!result.ok) {
            if (isOpen(orderId)) refused(orderId, result.error);
            set((state) => ({ notCounted: [...state.notCounted, scan.code] }));
            return;
          }
          if (result.value.outcome.code === 'ALERT_NOT_ACKNOWLEDGED') set((state) => ({ notCounted: [...state.notCounted, scan.code] }));
          settle(orderId, result.value);
          markScanPaintedSoon(scan.scanId);
          return;
        }
      } finally {
        set((state) => ({ pendingScans: state.pendingScans.filter((pending) => pending.scanId !== scan.scanId) }));
      }
    }

    async function answer(orderId: string, call: () => Promise<PackAnswer>): Promise<Answered | null> {
      set({ packBusy: true });
      const result = await call();
      set({ packBusy: false });
      if (!result.ok) {
        if (isOpen(orderId)) refused(orderId, result.error);
        return null;
      }
      settle(orderId, result.value);
      return result.value;
    }

    function command(name: 'acknowledge' | 'cancel-prompt' | 'next-package' | 'release'): Promise<void> {
      const orderId = get().view?.order.orderId;
      if (orderId === undefined) return Promise.resolve();
      return serial(async () => {
        await answer(orderId, () => api['pack:command']({ orderId, command: name }));
      });
    }

    /** Runs one box, weight or label action on the open order and shows what the station holds afterwards. */
    function act(call: (orderId: string) => Promise<ViewResult>, after?: (before: PackView, next: PackView) => void): Promise<void> {
      const orderId = get().view?.order.orderId;
      if (orderId === undefined) return Promise.resolve();
      return serial(async () => {
        set({ packBusy: true });
        const result = await call(orderId);
        set({ packBusy: false });
        if (!isOpen(orderId)) return;
        if (!result.ok) {
          refused(orderId, result.error);
          // The refusal changed what the station offers (online purchase stepped aside): show it.
          if (VIEW_CHANGING_REFUSALS.has(result.error.code)) {
            const fresh = await api['pack:open']({ orderId });
            if (fresh.ok && isOpen(orderId)) set({ view: fresh.value, serviceChoice: null, serviceReason: null });
          }
          return;
        }
        const before = get().view;
        set((state) => ({
          view: result.value,
          serviceChoice: before !== null && before.package.id !== result.value.package.id ? null : state.serviceChoice,
          serviceReason: before !== null && before.package.id !== result.value.package.id ? null : state.serviceReason,
          focusTick: state.focusTick + 1,
        }));
        if (before !== null && after) after(before, result.value);
        if (get().historyOpen) void get().loadHistory();
        autoPrintIfReady();
      });
    }

    /** The package auto-print last fired for: a refused or failed print is not repeated by itself. */
    let autoPrintedFor: number | null = null;

    /**
     * With auto-print on, the label goes out as soon as the package is ready: packed, boxed,
     * weighed, nothing blocking, and the packer has not picked another service than the
     * proposal (which needs a reason) nor does the proposal need a pre-printed label scanned.
     * Queued behind the action that made it ready, never awaited inside it.
     */
    function autoPrintIfReady(): void {
      const { settings, view, packAlert, serviceChoice } = get();
      if (!settings?.autoPrint || view === null || packAlert !== null || view.session.alert !== null) return;
      if (!view.packageClosed || view.package.trackingNumber !== null || view.package.weightG === null || view.package.lengthMm === null) return;
      if (view.findings.some((finding) => finding.severity === 'block')) return;
      const proposed = view.services.find((service) => service.serviceId === view.proposal?.serviceId);
      if (!proposed?.eligible || proposed.trackingSource === 'pre-printed') return;
      if (serviceChoice !== null && serviceChoice !== proposed.serviceId) return;
      if (autoPrintedFor === view.package.id) return;
      autoPrintedFor = view.package.id;
      void get().printLabel(proposed.serviceId);
    }

    function printed(before: PackView, next: PackView): void {
      // A label that printed closes the package's work; the station may already have opened the next.
      const wasPrinted = before.print?.state === 'printed' && before.package.id === next.package.id;
      if (next.print?.state === 'failed' && next.package.id === before.package.id) playCue('error');
      else if (!wasPrinted) playCue('complete');
    }

    async function loadBoxes(): Promise<void> {
      const result = await api['boxes:list']({});
      if (result.ok) set({ boxes: result.value });
    }

    const openOrder: PackSlice['openOrder'] = (orderId, options = {}) =>
      serial(async () => {
        set({ packBusy: true });
        const result = await api['pack:open'](options.takeover === true ? { orderId, takeover: true } : { orderId });
        if (!result.ok) {
          const holder = result.error.data?.['holder'];
          if (result.error.code === 'SESSION_HELD' && typeof holder === 'string') {
            set((state) => ({ packBusy: false, heldOrder: { orderId, holder }, orderError: null, focusTick: state.focusTick + 1 }));
          } else {
            set((state) => ({ packBusy: false, orderError: result.error, focusTick: state.focusTick + 1 }));
          }
          playCue('error');
          return false;
        }
        const view = result.value;
        set((state) => ({
          packBusy: false,
          view,
          packAlert: null,
          lastAccepted: null,
          lastResult: null,
          notCounted: [],
          heldOrder: null,
          orderCancelled: view.order.status === 'cancelled',
          serviceChoice: null,
          serviceReason: null,
          overrideFor: null,
          supervisorBadge: '',
          weightOverrideOpen: false,
          historyOpen: false,
          history: null,
          historyError: null,
          orderError: null,
          screen: 'pack',
          focusTick: state.focusTick + 1,
        }));
        // Box presets change rarely but may have been edited since the last order.
        await loadBoxes();
        return true;
      });

    return {
      view: null,
      boxes: [],
      packBusy: false,
      packAlert: null,
      lastAccepted: null,
      lastResult: null,
      pendingScans: [],
      scanRetrying: false,
      notCounted: [],
      heldOrder: null,
      orderCancelled: false,
      serviceChoice: null,
      serviceReason: null,
      overrideFor: null,
      supervisorBadge: '',
      weightOverrideOpen: false,
      historyOpen: false,
      history: null,
      historyError: null,

      openOrder,

      openOrderByCode: async (code) => {
        const found = await api['orders:find']({ code });
        if (!found.ok) {
          set((state) => ({ orderError: found.error, focusTick: state.focusTick + 1 }));
          playCue('error');
          return false;
        }
        return openOrder(found.value.orderId);
      },

      takeOver: async () => {
        const held = get().heldOrder;
        if (held === null) return false;
        return openOrder(held.orderId, { takeover: true });
      },

      dismissHeld: () => set((state) => ({ heldOrder: null, focusTick: state.focusTick + 1 })),

      scanItem: (code) => {
        const { view, overrideFor } = get();
        if (view === null) return Promise.resolve();
        if (overrideFor !== null || get().weightOverrideOpen) {
          // An override dialog asks for a supervisor's badge: this scan is that badge.
          set({ supervisorBadge: code.trim() });
          return Promise.resolve();
        }
        const scan: PendingScan = { code, scanId: newScanId() };
        markScanReceived(scan.scanId);
        const orderId = view.order.orderId;
        set((state) => ({ pendingScans: [...state.pendingScans, scan] }));
        return serial(() => sendScan(orderId, scan));
      },

      acknowledgeAlert: async () => {
        const { view, packAlert } = get();
        // Only what is on screen now is acknowledged: an answer still on its way is not, so a
        // packer never clears a message before it has been shown.
        if (view?.session.alert) {
          set({ notCounted: [] });
          await command('acknowledge');
        } else if (packAlert !== null) {
          set((state) => ({ packAlert: null, notCounted: [], focusTick: state.focusTick + 1 }));
        }
      },

      cancelPrompt: () => (get().view?.session.awaiting ? command('cancel-prompt') : Promise.resolve()),

      nextPackage: () => command('next-package'),

      completePackage: async () => {
        const view = get().view;
        if (view === null) return;
        if (!view.packageClosed && view.package.trackingNumber === null) {
          await command('next-package');
          return;
        }
        get().requestFocus();
      },

      enterQuantity: async (orderItemId, quantity) => {
        const orderId = get().view?.order.orderId;
        if (orderId === undefined) return;
        await serial(() => answer(orderId, () => api['pack:quantity']({ orderId, orderItemId, quantity })));
      },

      openOverride: (orderItemId) => set({ overrideFor: orderItemId, supervisorBadge: '' }),

      closeOverride: () => set((state) => ({ overrideFor: null, supervisorBadge: '', focusTick: state.focusTick + 1 })),

      setSupervisorBadge: (badge) => set({ supervisorBadge: badge }),

      submitOverride: (input) => {
        const orderId = get().view?.order.orderId;
        if (orderId === undefined) return Promise.resolve({ ok: false, problem: { code: 'PACKAGE_NOT_OPEN', message: 'No order is open.' } });
        return serial(async () => {
          set({ packBusy: true });
          const result = await api['pack:override']({ orderId, ...input });
          set({ packBusy: false });
          // Refusals stay in the dialog, beside the fields that can fix them.
          if (!result.ok) {
            playCue('error');
            return { ok: false as const, problem: result.error };
          }
          const { outcome, view } = result.value;
          if (!outcome.accepted) {
            if (isOpen(orderId)) set({ view });
            playCue('error');
            return { ok: false as const, problem: outcome };
          }
          set({ overrideFor: null, supervisorBadge: '' });
          settle(orderId, result.value);
          return { ok: true as const };
        });
      },

      chooseBox: (boxId) => act((orderId) => api['pack:setBox']({ orderId, boxId })),

      chooseBoxByHotkey: async (hotkey) => {
        const box = get().boxes.find((candidate) => candidate.hotkey === hotkey);
        if (!box) return false;
        await get().chooseBox(box.id);
        return true;
      },

      setCustomBox: (dims) => act((orderId) => api['pack:setBox']({ orderId, boxId: null, ...dims })),

      setWeight: (weight, source = 'typed') => act((orderId) => api['pack:setWeight']({ orderId, weight, source })),

      openWeightOverride: () => set({ weightOverrideOpen: true, supervisorBadge: '' }),

      closeWeightOverride: () => set((state) => ({ weightOverrideOpen: false, supervisorBadge: '', focusTick: state.focusTick + 1 })),

      submitWeightOverride: (input) => {
        const orderId = get().view?.order.orderId;
        if (orderId === undefined) return Promise.resolve<OverrideAnswer>({ ok: false, problem: { code: 'PACKAGE_NOT_OPEN', message: 'No order is open.' } });
        return serial(async (): Promise<OverrideAnswer> => {
          set({ packBusy: true });
          const result = await api['pack:weightOverride']({ orderId, ...input });
          set({ packBusy: false });
          // Refusals stay in the dialog, beside the fields that can fix them.
          if (!result.ok) {
            playCue('error');
            return { ok: false, problem: result.error };
          }
          if (isOpen(orderId)) {
            set((state) => ({ view: result.value, weightOverrideOpen: false, supervisorBadge: '', focusTick: state.focusTick + 1 }));
            if (get().historyOpen) void get().loadHistory();
          }
          playCue('accepted');
          return { ok: true };
        });
      },

      setInsurance: (insured) => act((orderId) => api['pack:setInsurance']({ orderId, insured })),

      chooseService: (serviceId) => set({ serviceChoice: serviceId, serviceReason: null }),

      setServiceReason: (reasonCode) => set({ serviceReason: reasonCode }),

      printLabel: (serviceId, options = {}) =>
        act(
          (orderId) =>
            api['pack:printLabel']({
              orderId,
              serviceId,
              ...(options.reasonCode !== undefined ? { reasonCode: options.reasonCode } : {}),
              ...(options.preprintedNumber !== undefined ? { preprintedNumber: options.preprintedNumber } : {}),
            }),
          printed,
        ),

      printWithPreprinted: async (code) => {
        const { view, serviceChoice, serviceReason } = get();
        const serviceId = chosenServiceId(view, serviceChoice);
        if (view === null || serviceId === null) return;
        const overriding = view.proposal !== null && view.proposal.serviceId !== serviceId;
        await get().printLabel(serviceId, { preprintedNumber: code, ...(overriding && serviceReason !== null ? { reasonCode: serviceReason } : {}) });
      },

      retryPrint: () => act((orderId) => api['pack:retryPrint']({ orderId }), printed),

      printDocument: (doc) => act((orderId) => api['pack:printDocument']({ orderId, doc })),

      fetchLabel: async (format) => {
        const view = get().view;
        if (!view) return null;
        const result = await api['labels:get']({ orderId: view.order.orderId, format });
        if (result.ok) return result.value;
        set({ packAlert: result.error });
        return null;
      },

      toggleHistory: async () => {
        const open = !get().historyOpen;
        set({ historyOpen: open });
        if (open) await get().loadHistory();
      },

      loadHistory: async () => {
        const orderId = get().view?.order.orderId;
        if (orderId === undefined) return;
        const result = await api['orders:history']({ orderId });
        if (!isOpen(orderId)) return;
        if (result.ok) set({ history: result.value, historyError: null });
        else set({ historyError: result.error });
      },

      showPackAlert: (alert) => set({ packAlert: alert }),

      acknowledgePackAlert: () => set((state) => ({ packAlert: null, notCounted: [], focusTick: state.focusTick + 1 })),

      closeOrder: () => {
        const orderId = get().view?.order.orderId;
        // Leaving the order lets go of it, so another packer may continue without a take-over.
        // Scans still queued for it are sent first (the chain keeps the order of events).
        const released = orderId === undefined ? Promise.resolve() : serial(() => api['pack:command']({ orderId, command: 'release' }));
        set((state) => ({
          view: null,
          packAlert: null,
          lastAccepted: null,
          lastResult: null,
          notCounted: [],
          orderCancelled: false,
          serviceChoice: null,
          serviceReason: null,
          overrideFor: null,
          weightOverrideOpen: false,
          historyOpen: false,
          history: null,
          screen: 'queue',
          focusTick: state.focusTick + 1,
        }));
        void released.then(() => get().loadQueue());
      },
    };
  };
}
