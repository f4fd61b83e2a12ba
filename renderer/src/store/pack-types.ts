import type { AppErrorShape, Box, HistoryEntry, PackView, PickList, PrintableDocument, ScanOutcome } from '../../../shared/contract';

// The pack bench and the pick list, as slices of the one store (see types.ts). The station
// owns the pack session: the alert on screen, the serial prompt and the packages all come
// from its view, so a reload shows exactly what the station holds.

/** The last accepted scan, so its line can flash; `seq` restarts the flash on a repeat. */
export type AcceptedScan = { sku: string; seq: number; outcome: ScanOutcome };

/** The last thing the station answered at the bench, for the big result line. */
export type PackResult = { outcome: ScanOutcome; seq: number };

/** A physical scan waiting for the station. The first one is in flight. */
export type PendingScan = { code: string; scanId: string };

export type OverrideInput = {
  orderItemId: string;
  kind: 'unit' | 'short';
  reasonCode: string;
  note?: string;
  quantity?: number;
  supervisor?: { badge: string } | { name: string; pin: string };
};

/** A supervisor accepts a weight outside the tolerance (pack:weightOverride). */
export type WeightOverrideInput = {
  reasonCode: string;
  note?: string;
  supervisor?: { badge: string } | { name: string; pin: string };
};

/** What the override dialog shows after a submit: nothing (done) or why it was refused. */
export type OverrideAnswer = { ok: true } | { ok: false; problem: { code: string; message: string; data?: AppErrorShape['data'] } };

export type PackSlice = {
  view: PackView | null;
  boxes: Box[];
  packBusy: boolean;
  /**
   * A refusal that the station does not keep (a bad weight, a station error, a quantity out of
   * range). It stays on screen until the packer acknowledges it, like the station's own alert
   * (view.session.alert), which is acknowledged at the station instead.
   */
  packAlert: AppErrorShape | null;
  lastAccepted: AcceptedScan | null;
  lastResult: PackResult | null;
  /** Scans not yet answered, in order; the first is being stored. */
  pendingScans: PendingScan[];
  /** The station did not answer the scan in flight; it is being sent again (same scanId). */
  scanRetrying: boolean;
  /** Scans that did not count because a red message was up: the packer must scan them again. */
  notCounted: string[];
  /** The order the packer tried to open is held by another operator. */
  heldOrder: { orderId: string; holder: string } | null;
  /** The open order was cancelled under the packer's hands: the screen blocks until it is left. */
  orderCancelled: boolean;
  /** The carrier service the packer picked for the closed package (printed on "Print"). */
  serviceChoice: string | null;
  /** Why the packer takes another service than the proposal (a code of settings.serviceOverrideReasons). */
  serviceReason: string | null;
  /** The line whose override dialog is open; while it is, a scan is the supervisor's badge. */
  overrideFor: string | null;
  supervisorBadge: string;
  /** The weight-override dialog is open; while it is, a scan is the supervisor's badge. */
  weightOverrideOpen: boolean;
  historyOpen: boolean;
  history: HistoryEntry[] | null;
  historyError: AppErrorShape | null;

  openOrder: (orderId: string, options?: { takeover?: boolean }) => Promise<boolean>;
  openOrderByCode: (code: string) => Promise<boolean>;
  takeOver: () => Promise<boolean>;
  dismissHeld: () => void;
  /** Queues one physical scan; resolves once the station has answered it (or it did not count). */
  scanItem: (code: string) => Promise<void>;
  acknowledgeAlert: () => Promise<void>;
  cancelPrompt: () => Promise<void>;
  nextPackage: () => Promise<void>;
  /** "Complete": closes the package if it is still open, else moves the focus to the box step. */
  completePackage: () => Promise<void>;
  enterQuantity: (orderItemId: string, quantity: number) => Promise<void>;
  openOverride: (orderItemId: string) => void;
  closeOverride: () => void;
  setSupervisorBadge: (badge: string) => void;
  submitOverride: (input: OverrideInput) => Promise<OverrideAnswer>;
  chooseBox: (boxId: string) => Promise<void>;
  chooseBoxByHotkey: (hotkey: number) => Promise<boolean>;
  setCustomBox: (dims: { lengthMm: number; widthMm: number; heightMm: number }) => Promise<void>;
  /** A weight as typed ("1.2 kg") or as the scale read it ("850 g", source 'scale'). */
  setWeight: (weight: string, source?: 'typed' | 'scale') => Promise<void>;
  openWeightOverride: () => void;
  closeWeightOverride: () => void;
  submitWeightOverride: (input: WeightOverrideInput) => Promise<OverrideAnswer>;
  setInsurance: (insured: boolean) => Promise<void>;
  chooseService: (serviceId: string | null) => void;
  setServiceReason: (reasonCode: string | null) => void;
  printLabel: (serviceId: string, options?: { reasonCode?: string; preprintedNumber?: string }) => Promise<void>;
  /** A pre-printed label scanned for the chosen service: prints with that number. */
  printWithPreprinted: (code: string) => Promise<void>;
  retryPrint: () => Promise<void>;
  /** Prints the packing slip or customs form of the last label on its printer profile. */
  printDocument: (doc: PrintableDocument) => Promise<void>;
  fetchLabel: (format: 'zpl' | 'pdf') => Promise<{ fileName: string; mime: string; base64: string } | null>;
  toggleHistory: () => Promise<void>;
  loadHistory: () => Promise<void>;
  showPackAlert: (alert: AppErrorShape) => void;
  /** Clears the local refusal only; the station's alert needs `acknowledgeAlert`. */
  acknowledgePackAlert: () => void;
  closeOrder: () => void;
};

export type PullParcel = { orderId: string; packageId: number; seq: number; trackingNumber: string };

export type PickSlice = {
  /** Orders ticked in the queue for the pick list; empty = today's orders. */
  pickSelection: string[];
  pickList: PickList | null;
  pickScope: 'selected' | 'today';
  pickLoading: boolean;
  pickError: AppErrorShape | null;
  togglePickSelection: (orderId: string) => void;
  clearPickSelection: () => void;
  loadPickList: () => Promise<void>;
};
