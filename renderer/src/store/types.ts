import type {
  AppErrorShape,
  AppInfo,
  Box,
  ImportJob,
  Language,
  OrderSummary,
  PackView,
  PackbenchApi,
  ScanOutcome,
  Settings,
  SettingsPatch,
} from '../../../shared/contract';
import type { MessageKey, Params } from '../i18n/translate';

// One store, combined from typed slices (zustand's slices pattern). The store caches what
// the station returned and the state of the screen; every decision (may this unit go in,
// may this service carry the parcel) is the station's, read back after each action.

export type Screen = 'queue' | 'pack' | 'settings';

export type Toast = { id: number; key: MessageKey; params?: Params };

export type QueueSlice = {
  orders: OrderSummary[];
  queueSearch: string;
  queueLoading: boolean;
  queueError: AppErrorShape | null;
  loadQueue: () => Promise<void>;
  searchQueue: (search: string) => Promise<void>;
};

/** The last accepted scan, so its line can flash; `seq` restarts the flash on a repeat. */
export type AcceptedScan = { sku: string; seq: number; outcome: ScanOutcome };

export type PackSlice = {
  view: PackView | null;
  boxes: Box[];
  packBusy: boolean;
  /** A rejection at the bench. It stays on screen until the packer acknowledges it. */
  packAlert: AppErrorShape | null;
  lastAccepted: AcceptedScan | null;
  openOrder: (orderId: string) => Promise<boolean>;
  openOrderByCode: (code: string) => Promise<boolean>;
  scanItem: (code: string) => Promise<void>;
  chooseBox: (boxId: string) => Promise<void>;
  chooseBoxByHotkey: (hotkey: number) => Promise<boolean>;
  setCustomBox: (dims: { lengthMm: number; widthMm: number; heightMm: number }) => Promise<void>;
  setWeight: (weight: string) => Promise<void>;
  printLabel: (serviceId: string) => Promise<void>;
  retryPrint: () => Promise<void>;
  fetchLabel: (format: 'zpl' | 'pdf') => Promise<{ fileName: string; mime: string; base64: string } | null>;
  showPackAlert: (alert: AppErrorShape) => void;
  acknowledgePackAlert: () => void;
  closeOrder: () => void;
};

export type SettingsSlice = {
  settings: Settings | null;
  appInfo: AppInfo | null;
  loadStation: () => Promise<void>;
  /** Returns the station's refusal, if any, for the form to show beside its fields. */
  updateSettings: (patch: SettingsPatch) => Promise<AppErrorShape | null>;
};

export type ImportInput = { kind: 'orders' | 'catalog'; fileName: string; content: string };

export type ImportSlice = {
  importJob: ImportJob | null;
  importError: AppErrorShape | null;
  startImport: (input: ImportInput) => Promise<void>;
};

export type UiSlice = {
  screen: Screen;
  /** An order that could not be opened. Stays until dismissed: the packer must see it. */
  orderError: AppErrorShape | null;
  /** A failure outside any one screen (no token, station gone). */
  stationError: AppErrorShape | null;
  toasts: Toast[];
  /** Bumped to ask the visible order field (or the pack step) to take the focus again. */
  focusTick: number;
  navigate: (screen: Screen) => void;
  dismissOrderError: () => void;
  dismissStationError: () => void;
  pushToast: (key: MessageKey, params?: Params) => void;
  dismissToast: (id: number) => void;
  requestFocus: () => void;
};

export type AppState = QueueSlice & PackSlice & SettingsSlice & ImportSlice & UiSlice;

export type StoreDeps = {
  api: PackbenchApi;
  /** Waits between import status polls; tests pass a quicker one. */
  sleep: (ms: number) => Promise<void>;
  /** How long an info toast stays; errors are never toasts. */
  toastMs: number;
};

export type { Language };
