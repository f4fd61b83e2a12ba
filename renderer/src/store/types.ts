import type {
  AppErrorShape,
  AppInfo,
  ChannelInput,
  ChannelOutput,
  DrillDownRowView,
  ImportJob,
  Language,
  MetricResultView,
  MetricsReportView,
  Operator,
  OrderSummary,
  PackbenchApi,
  Settings,
  SettingsPatch,
  SyncStatus,
} from '../../../shared/contract';
import type { MessageKey, Params } from '../i18n/translate';
import type { PackSlice, PickSlice, PullParcel } from './pack-types';

export type DocumentsApi = Pick<
  PackbenchApi,
  'documents:get' | 'documents:preview' | 'manifest:day' | 'manifest:closeOut' | 'manifest:document' | 'printer:status' | 'productivity:shift' | 'productivity:shiftReport' | 'tracking:followUp'
>;

/** The after-sales panel's channels: returns, refunds, replacements, feedback and claims of one order. */
export type AfterSalesApi = Pick<PackbenchApi, 'aftersales:get' | 'aftersales:return' | 'aftersales:refund' | 'aftersales:replacement' | 'aftersales:defect' | 'aftersales:claimStatus'>;

/** The channels the supervisor's carrier section calls (settings themselves go through updateSettings). */
export type CarrierApi = Pick<
  PackbenchApi,
  'carriers:list' | 'carriers:import' | 'carriers:export' | 'carriers:saveService' | 'carriers:addRange' | 'carriers:importRanges'
>;

// One store, combined from typed slices (zustand's slices pattern). The store caches what
// the station returned and the state of the screen; every decision (may this unit go in,
// may this service carry the parcel) is the station's, read back after each action.

export type Screen = 'queue' | 'pack' | 'pick' | 'settings' | 'dashboard';

export type Toast = { id: number; key: MessageKey; params?: Params };

export type QueueSlice = {
  orders: OrderSummary[];
  queueSearch: string;
  queueLoading: boolean;
  queueError: AppErrorShape | null;
  loadQueue: () => Promise<void>;
  searchQueue: (search: string) => Promise<void>;
  /** Labelled parcels of cancelled orders still on the outgoing pile. */
  pullList: PullParcel[];
  loadPullList: () => Promise<void>;
  confirmPulled: (orderId: string, packageId: number) => Promise<void>;
};

export type { AcceptedScan, PackSlice, PickSlice, PullParcel } from './pack-types';

export type SettingsSlice = {
  settings: Settings | null;
  /**
   * The carrier catalogue and range channels, for the supervisor's carrier section: each call
   * is a one-off request whose answer the section shows itself, so no state is kept here.
   */
  carrierApi: CarrierApi;
  /** Packing slips, customs forms and the end-of-day manifests: one-off requests, no state kept. */
  documentsApi: DocumentsApi;
  /** After-sales of one order: one-off requests whose answer the panel shows itself. */
  afterSalesApi: AfterSalesApi;
  appInfo: AppInfo | null;
  loadStation: () => Promise<void>;
  /** Returns the station's refusal, if any, for the form to show beside its fields. */
  updateSettings: (patch: SettingsPatch) => Promise<AppErrorShape | null>;
  /** Reads the box presets into `boxes` (for the command sheet, with no order open). */
  loadBoxes: () => Promise<void>;
  /** Catalogue weight corrections learnt from accepted packages, for a supervisor to apply or not. */
  weightSuggestions: WeightSuggestion[];
  weightSuggestionsError: AppErrorShape | null;
  loadWeightSuggestions: () => Promise<void>;
  /** Never automatic: a supervisor presses Apply for one SKU. */
  applyWeightSuggestion: (sku: string, unitWeightG: number) => Promise<AppErrorShape | null>;
};

export type WeightSuggestion = ChannelOutput<'catalog:weightSuggestions'>[number];

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

/** A badge scan, or a name chosen from the list with its PIN. */
export type SignInCredentials = ChannelInput<'operators:signIn'>;

export type SessionSlice = {
  /** The operator the station records every bench action under; null shows the sign-in screen. */
  operator: Operator | null;
  /** The station has said who is signed in (or that nobody is); until then neither screen shows. */
  sessionChecked: boolean;
  signingIn: boolean;
  /** A refused sign-in (unknown badge, wrong PIN, locked). */
  signInError: AppErrorShape | null;
  /** Why the operator was signed out, when it was not by their own choice (idle). */
  signedOutBecause: AppErrorShape | null;
  /** Active operators, for the name list on the sign-in screen and the editor in Settings. */
  operators: Operator[];
  loadSession: () => Promise<void>;
  loadOperators: () => Promise<void>;
  signIn: (credentials: SignInCredentials) => Promise<boolean>;
  signOut: (reason?: 'manual' | 'idle') => Promise<void>;
  /** The station answered NOT_SIGNED_IN or SIGNED_OUT_IDLE to some call: back to sign-in. */
  sessionLost: (error: AppErrorShape) => void;
  /** Returns the station's refusal, if any (SUPERVISOR_REQUIRED, BADGE_TAKEN, …). */
  saveOperator: (input: ChannelInput<'operators:save'>) => Promise<AppErrorShape | null>;
  dismissSignInError: () => void;
};

export type SyncSlice = {
  syncStatus: SyncStatus | null;
  /** The last refusal or the first problem of the last cycle, translated by its code. */
  syncError: AppErrorShape | null;
  syncBusy: boolean;
  loadSyncStatus: () => Promise<void>;
  runSync: () => Promise<void>;
  retryConfirmation: (jobId: number) => Promise<void>;
  /** Downloads the waiting confirmations as Amazon's flat file (kept by the station). */
  exportConfirmations: () => Promise<void>;
  markUploaded: (exportId: number) => Promise<void>;
  /** A supervisor stores the Login with Amazon credentials; the station's refusal, if any. */
  setSyncCredentials: (credentials: { clientId: string; clientSecret: string; refreshToken: string }) => Promise<AppErrorShape | null>;
};

export type MetricId = MetricResultView['id'];
export type MetricTrend = ChannelOutput<'metrics:trends'>[number];

/** The orders behind one figure, a page at a time, as of the report's own time. */
export type DrillDownState = {
  metricId: MetricId;
  /** The report's time, so the list is of the same window as the figure on the tile. */
  at: string | null;
  offset: number;
  limit: number;
  rows: DrillDownRowView[];
  total: number;
  loading: boolean;
  error: AppErrorShape | null;
};

export type MetricsSlice = {
  /** The seller metrics against their targets; a failed read keeps the last report on screen. */
  metricsReport: MetricsReportView | null;
  metricsLoading: boolean;
  metricsError: AppErrorShape | null;
  /** Each metric at the end of each of the last days, oldest first (empty until loaded). */
  metricTrends: MetricTrend[];
  metricTrendsError: AppErrorShape | null;
  drillDown: DrillDownState | null;
  loadMetricsReport: () => Promise<void>;
  loadMetricTrends: (days: number) => Promise<void>;
  openDrillDown: (metricId: MetricId) => Promise<void>;
  pageDrillDown: (offset: number) => Promise<void>;
  closeDrillDown: () => void;
};

export type AppState = QueueSlice & PackSlice & PickSlice & SettingsSlice & ImportSlice & UiSlice & SessionSlice & SyncSlice & MetricsSlice;

export type StoreDeps = {
  api: PackbenchApi;
  /** Waits between import status polls; tests pass a quicker one. */
  sleep: (ms: number) => Promise<void>;
  /** How long an info toast stays; errors are never toasts. */
  toastMs: number;
};

export type { Language };
