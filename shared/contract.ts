import { z } from 'zod';
import { catalogServiceSchema } from './import/carrier-catalog';

// The one API between the renderer and the station services. Electron's preload and the
// browser-mode HTTP host both expose exactly these channels, so the renderer cannot tell
// which transport it is on. Inputs are parsed on the main side before any handler runs.

export const languageSchema = z.enum(['en', 'zh-CN']);
export type Language = z.infer<typeof languageSchema>;

const isoTime = z.string().min(1);
const orderId = z.string().trim().min(1).max(64);

export const addressSchema = z.object({
  name: z.string(),
  lines: z.array(z.string()),
  city: z.string(),
  state: z.string().nullable(),
  postalCode: z.string(),
  countryCode: z.string(),
  phone: z.string().nullable(),
});
export type Address = z.infer<typeof addressSchema>;

export const printerSettingsSchema = z.object({
  /**
   * Raw TCP (Zebra port 9100), a CUPS raw queue (`lp -o raw`), a printer shared by Windows
   * (raw bytes to \\HOST\PRINTER, Windows only), or files in a folder.
   */
  mode: z.enum(['tcp', 'cups', 'windows-share', 'folder']),
  /** The CUPS queue for mode 'cups', as CUPS names queues (no spaces, '/' or '#'). */
  queue: z.string().max(127).regex(/^[^\s/#]*$/),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  folder: z.string(),
  /** The shared printer for mode 'windows-share', as \\HOST\PRINTER ('' when unused). */
  share: z.string().max(260),
  timeoutMs: z.number().int().min(100).max(60_000),
});
export type PrinterSettings = z.infer<typeof printerSettingsSchema>;

/** The paper a document is laid out on. */
export const documentPageSchema = z.enum(['4x6', 'a6', 'a4']);

/**
 * Where a packing slip or a customs form goes. 'label-printer': the thermal label printer, as a
 * 4 × 6 ZPL page; 'os': an office printer through the operating system (Electron's print API in
 * the desktop app, CUPS `lp` in browser mode), as the chosen page; 'folder': PDF files;
 * 'off': not printed by the bench (still downloadable).
 */
export const documentPrinterSchema = z.object({
  mode: z.enum(['off', 'label-printer', 'os', 'folder']),
  /** The operating system's name of the printer for mode 'os'; '' = the system's default printer. */
  osPrinter: z.string().max(255),
  page: documentPageSchema,
  folder: z.string(),
  /** Printed by itself right after each label of a package that needs it. */
  afterLabel: z.boolean(),
});
export type DocumentPrinter = z.infer<typeof documentPrinterSchema>;
export const printableDocumentSchema = z.enum(['slip', 'customs']);
export type PrintableDocument = z.infer<typeof printableDocumentSchema>;

export const scannerSettingsSchema = z.object({
  /** Keys closer together than this belong to one scanner burst. */
  maxInterKeyMs: z.number().int().min(5).max(500),
  minLength: z.number().int().min(1).max(64),
  prefix: z.string().max(16),
  suffix: z.string().max(16),
  commandPrefix: z.string().min(1).max(16),
});
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;

export const scaleSettingsSchema = z.object({
  /** Where the weight comes from: typed only, a USB HID postal scale, a serial scale, or the simulated one. */
  mode: z.enum(['none', 'hid', 'serial', 'simulated']),
  serialProtocol: z.enum(['mt-sics', 'ascii', 'toledo']),
  baudRate: z.number().int().min(300).max(115_200),
  /** How long a reading must hold still before it is taken. */
  stableForMs: z.number().int().min(100).max(5000),
});
export type ScaleSettings = z.infer<typeof scaleSettingsSchema>;

export const weightCheckSettingsSchema = z.object({
  percent: z.number().min(0).max(100),
  minimumG: z.number().int().min(0).max(10_000),
  perPackageG: z.number().int().min(0).max(10_000),
  perUnitG: z.number().int().min(0).max(10_000),
});

export const insuranceSettingsSchema = z.object({
  mode: z.enum(['required', 'suggested', 'off']),
  /** Per currency, minor units: a declared value above this calls for insurance. */
  thresholdMinor: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().min(0)),
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.object({ ratePermille: z.number().min(0).max(1000), minimumMinor: z.number().int().min(0) })),
});

const serviceSpeedSchema = z.enum(['economy', 'standard', 'expedited', 'priority', 'next-day']);

/** Mirrors ChoiceRule in shared/domain/service-choice.ts: the first rule whose `when` holds applies. */
export const choiceRuleSchema = z.object({
  id: z.string().min(1).max(60),
  when: z.object({
    minWeightG: z.number().int().min(0).optional(),
    maxWeightG: z.number().int().min(0).optional(),
    serviceLevels: z.array(z.string().min(1).max(60)).max(20).optional(),
    prime: z.boolean().optional(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250).optional(),
  }),
  require: z.object({
    network: z.enum(['postal', 'express']).optional(),
    minSpeed: serviceSpeedSchema.optional(),
    services: z.array(z.string().min(1).max(64)).max(100).optional(),
  }),
});

export const choiceSettingsSchema = z.object({
  rules: z.array(choiceRuleSchema).max(50),
  /** The currency costs are compared in, and what one unit of each other currency is worth in it. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  exchangeRates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
  /** The station's own closed days (YYYY-MM-DD): no parcel is handed over on them. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400),
});
export type ChoiceSettings = z.infer<typeof choiceSettingsSchema>;

/**
 * The marketplace connection. The credentials (LWA client id, secret, refresh token) are not
 * settings: they are kept encrypted by the desktop app (or in a file only the user can read in
 * browser mode) and only their presence is shown.
 */
export const marketplaceSettingsSchema = z.object({
  /** Pull orders and push confirmations; off = reports imported and confirmations uploaded by hand. */
  enabled: z.boolean(),
  marketplaceId: z.string().regex(/^[A-Z0-9]{10,16}$/),
  /** The Selling Partner API host for the region, e.g. https://sellingpartnerapi-na.amazon.com. */
  spApiEndpoint: z.string().regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/),
  /** Login with Amazon's token endpoint. */
  lwaEndpoint: z.string().regex(/^https?:\/\/\S+$/),
  /** With more confirmations than this waiting, they go as one flat-file feed instead of one call each. */
  feedThreshold: z.number().int().min(2).max(100_000),
  /** Warn when work not yet sent to the marketplace is older than this. */
  offlineBudgetHours: z.number().min(0.25).max(168),
  /** A confirmation due within this many minutes is "at risk of late confirmation". */
  atRiskMinutes: z.number().int().min(5).max(24 * 60),
  /** How often orders are pulled while online. */
  pullIntervalMinutes: z.number().int().min(1).max(24 * 60),
  /** A confirmed parcel the carrier has not scanned after this many hours is listed to follow up. */
  noScanAfterHours: z.number().min(1).max(24 * 14),
});
export type MarketplaceSettings = z.infer<typeof marketplaceSettingsSchema>;

export const reasonSchema = z.object({ code: z.string().min(1).max(40), en: z.string().min(1).max(120), zh: z.string().min(1).max(120) });
export type Reason = z.infer<typeof reasonSchema>;

export const settingsSchema = z.object({
  language: languageSchema,
  stationName: z.string().min(1).max(64),
  printer: printerSettingsSchema,
  /** Printer profiles of the packing slip and the customs form (the label's is `printer`). */
  documentPrinters: z.object({ slip: documentPrinterSchema, customs: documentPrinterSchema }),
  labelDpi: z.union([z.literal(203), z.literal(300)]),
  /** Print the proposed service's label as soon as the package is packed, boxed and weighed. */
  autoPrint: z.boolean(),
  shipFrom: addressSchema,
  scanner: scannerSettingsSchema,
  sound: z.object({ enabled: z.boolean(), volume: z.number().min(0).max(1) }),
  /** Minutes without activity after which the operator is signed out; 0 = never. */
  idleSignOutMinutes: z.number().int().min(0).max(24 * 60),
  overrideReasons: z.array(reasonSchema).min(1).max(50),
  shortReasons: z.array(reasonSchema).min(1).max(50),
  scale: scaleSettingsSchema,
  /** Which preset the box suggestion prefers. */
  boxObjective: z.enum(['smallest', 'cheapest']),
  weightCheck: weightCheckSettingsSchema,
  insurance: insuranceSettingsSchema,
  choice: choiceSettingsSchema,
  /** Why a packer takes another service than the one proposed. */
  serviceOverrideReasons: z.array(reasonSchema).min(1).max(50),
  marketplace: marketplaceSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z.object({
  language: languageSchema.optional(),
  stationName: z.string().trim().min(1).max(64).optional(),
  printer: printerSettingsSchema.partial().optional(),
  documentPrinters: z.object({ slip: documentPrinterSchema.partial(), customs: documentPrinterSchema.partial() }).partial().optional(),
  labelDpi: z.union([z.literal(203), z.literal(300)]).optional(),
  autoPrint: z.boolean().optional(),
  shipFrom: addressSchema.partial().optional(),
  scanner: scannerSettingsSchema.partial().optional(),
  sound: z.object({ enabled: z.boolean(), volume: z.number().min(0).max(1) }).partial().optional(),
  idleSignOutMinutes: z.number().int().min(0).max(24 * 60).optional(),
  overrideReasons: z.array(reasonSchema).min(1).max(50).optional(),
  shortReasons: z.array(reasonSchema).min(1).max(50).optional(),
  scale: scaleSettingsSchema.partial().optional(),
  boxObjective: z.enum(['smallest', 'cheapest']).optional(),
  weightCheck: weightCheckSettingsSchema.partial().optional(),
  insurance: insuranceSettingsSchema.optional(),
  choice: choiceSettingsSchema.optional(),
  serviceOverrideReasons: z.array(reasonSchema).min(1).max(50).optional(),
  marketplace: marketplaceSettingsSchema.partial().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const orderStatusSchema = z.enum(['new', 'acknowledged', 'packing', 'packed', 'shipped', 'confirmed', 'cancelled']);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const lithiumSchema = z.enum([
  'none',
  'ion-in-equipment',
  'ion-with-equipment',
  'ion-standalone',
  'metal-in-equipment',
  'metal-with-equipment',
  'metal-standalone',
]);
export type Lithium = z.infer<typeof lithiumSchema>;

export const orderSummarySchema = z.object({
  orderId: z.string(),
  status: orderStatusSchema,
  purchaseDate: isoTime,
  latestShipDate: isoTime.nullable(),
  shipServiceLevel: z.string().nullable(),
  isPrime: z.boolean(),
  recipientName: z.string(),
  buyerName: z.string().nullable(),
  countryCode: z.string(),
  lineCount: z.number().int(),
  unitCount: z.number().int(),
  skus: z.array(z.string()),
  flags: z.array(z.enum(['lithium', 'dangerous-goods', 'high-value', 'buyer-cancel-request', 'on-hold'])),
  /** Operator holding an open pack session on this order, if any. */
  heldBy: z.string().nullable(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const packLineSchema = z.object({
  orderItemId: z.string(),
  sku: z.string(),
  productName: z.string(),
  nameEn: z.string().nullable(),
  nameZh: z.string().nullable(),
  gtin: z.string().nullable(),
  quantity: z.number().int(),
  scanned: z.number().int(),
  unitWeightG: z.number().int().nullable(),
  lithium: lithiumSchema,
  hazmatClass: z.string().nullable(),
  valueMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  inCatalog: z.boolean(),
  binLocation: z.string().nullable(),
  serialRequired: z.boolean(),
  quantityEntryAllowed: z.boolean(),
  /** Units of this line in the package being packed now. */
  inPackage: z.number().int(),
  /** Units shipped short by a supervisor's override. */
  short: z.number().int(),
});
export type PackLine = z.infer<typeof packLineSchema>;

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(['block', 'warn']),
  message: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type Finding = z.infer<typeof findingSchema>;

export const serviceOptionSchema = z.object({
  serviceId: z.string(),
  carrierName: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  eligible: z.boolean(),
  findings: z.array(findingSchema),
  billableWeightG: z.number().int().nullable(),
  /** Numbers left in the service's ranges; null when its numbers come from elsewhere. */
  rangeRemaining: z.number().int().nullable(),
  rangeLow: z.boolean(),
  trackingSource: z.enum(['range', 'pre-printed', 'online']),
  network: z.enum(['postal', 'express']),
  speed: serviceSpeedSchema,
  /** What the carrier bills, in the rate card's currency; null when the card has no price. */
  cost: z.object({ totalMinor: z.number().int(), currency: z.string(), comparableMinor: z.number().int().nullable() }).nullable(),
  shipDate: z.string().nullable(),
  deliveryLatest: z.string().nullable(),
  keepsPromise: z.boolean().nullable(),
  /** Why the choice engine would not propose it (codes of CHOICE_REASON_CODES). */
  excludedBy: z.array(z.string()),
  /**
   * What taking this service instead of the proposal gives up (explainOverride): cost in the
   * proposal's currency (positive costs more), days later (positive arrives later), the promise.
   * Null for the proposal itself, or when there is none.
   */
  ifChosen: z
    .object({ extraCostMinor: z.number().int().nullable(), daysLater: z.number().int().nullable(), missesPromise: z.boolean() })
    .nullable(),
});
export type ServiceOption = z.infer<typeof serviceOptionSchema>;

const choiceReasonSchema = z.object({ code: z.string(), data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });
export type ChoiceReasonView = z.infer<typeof choiceReasonSchema>;

export const serviceProposalSchema = z.object({
  serviceId: z.string().nullable(),
  explanation: z.array(choiceReasonSchema),
  /** English, as recorded with the label; the screen builds its own sentence from `explanation`. */
  text: z.string(),
  promised: z.string().nullable(),
  currency: z.string(),
});
export type ServiceProposal = z.infer<typeof serviceProposalSchema>;

export const packageStatusSchema = z.enum(['open', 'verified', 'boxed', 'weighed', 'labelled', 'printed', 'void']);
export type PackageStatus = z.infer<typeof packageStatusSchema>;

export const printStateSchema = z.object({
  jobId: z.number().int(),
  state: z.enum(['pending', 'printed', 'failed']),
  target: z.string(),
  error: z.string().nullable(),
  attempts: z.number().int(),
});

/** The latest print job of a package's packing slip or customs form. */
export const documentPrintStateSchema = printStateSchema.extend({ doc: printableDocumentSchema });

export const packViewSchema = z.object({
  order: orderSummarySchema.extend({ shipTo: addressSchema }),
  lines: z.array(packLineSchema),
  package: z.object({
    id: z.number().int(),
    status: packageStatusSchema,
    boxId: z.string().nullable(),
    lengthMm: z.number().int().nullable(),
    widthMm: z.number().int().nullable(),
    heightMm: z.number().int().nullable(),
    weightG: z.number().int().nullable(),
    serviceId: z.string().nullable(),
    trackingNumber: z.string().nullable(),
  }),
  /** Every unit of the order is in a package (or shipped short): nothing left to scan. */
  allScanned: z.boolean(),
  /** The package being packed takes no more units: box, weigh and label it. */
  packageClosed: z.boolean(),
  packages: z.array(
    z.object({
      id: z.number().int(),
      seq: z.number().int(),
      status: packageStatusSchema,
      units: z.number().int(),
      trackingNumber: z.string().nullable(),
      voidRequested: z.boolean(),
    }),
  ),
  session: z.object({
    holder: z.string().nullable(),
    awaiting: z.object({ kind: z.literal('serial'), orderItemId: z.string(), sku: z.string() }).nullable(),
    alert: z.object({ code: z.string(), data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) }).nullable(),
  }),
  /** For the closed package: the preset its units fit best, or why none can be suggested. */
  boxSuggestion: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('suggestion'), boxId: z.string(), fillRatio: z.number() }),
      z.object({ kind: z.literal('unknown-dimensions'), skus: z.array(z.string()) }),
      z.object({ kind: z.literal('fits-nowhere'), reason: z.string() }),
    ])
    .nullable(),
  /** Catalogue weight × units + box tare + allowance, and how the measured weight compares. */
  expectedWeight: z
    .object({ expectedG: z.number().int().nullable(), toleranceG: z.number().int().nullable(), differenceG: z.number().int().nullable(), ok: z.boolean() })
    .nullable(),
  weightSource: z.enum(['typed', 'scale']).nullable(),
  /** A supervisor accepted a weight outside the tolerance, with this reason. */
  weightOverride: z.string().nullable(),
  insurance: z.object({ status: z.enum(['not-needed', 'suggested', 'required']), insured: z.boolean() }),
  customsForm: z.enum(['CN22', 'CN23', 'invoice']).nullable(),
  lithiumMark: z.boolean(),
  /** Labelled parcels of a cancelled order that must be taken off the outgoing pile. */
  pullParcels: z.array(z.object({ packageId: z.number().int(), seq: z.number().int(), trackingNumber: z.string() })),
  findings: z.array(findingSchema),
  services: z.array(serviceOptionSchema),
  /** The bench's proposal among the services, with why; null until the package is closed and measured. */
  proposal: serviceProposalSchema.nullable(),
  print: printStateSchema.nullable(),
  /** The slip and customs form print jobs of the same package as `print`, each the latest of its kind. */
  documentPrints: z.array(documentPrintStateSchema),
});
export type PackView = z.infer<typeof packViewSchema>;

const mm = z.number().finite();
/** Mirrors LabelModel in shared/label/label-model.ts. */
const labelModelSchema = z.object({
  widthMm: mm,
  heightMm: mm,
  elements: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('text'), xMm: mm, yMm: mm, widthMm: mm, heightMm: mm, text: z.string(), bold: z.boolean().optional(), maxLines: z.number().int().optional(), align: z.enum(['left', 'center']).optional() }),
      z.object({ kind: z.literal('barcode128'), xMm: mm, yMm: mm, heightMm: mm, moduleMm: mm, data: z.string(), humanReadable: z.boolean(), symbology: z.enum(['code128', 'gs1-128']).optional() }),
      z.object({ kind: z.literal('barcode2d'), symbology: z.enum(['qr', 'datamatrix']), xMm: mm, yMm: mm, moduleMm: mm, data: z.string() }),
      z.object({ kind: z.literal('line'), x1Mm: mm, y1Mm: mm, x2Mm: mm, y2Mm: mm, thicknessMm: mm }),
      z.object({ kind: z.literal('box'), xMm: mm, yMm: mm, widthMm: mm, heightMm: mm, thicknessMm: mm }),
    ]),
  ),
});

const fileSchema = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });
const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const manifestDaySchema = z.object({
  carrierId: z.string(),
  carrierName: z.string(),
  /** Labelled that day, not void, not yet on a manifest. */
  waiting: z.number().int(),
  waitingWeightG: z.number().int(),
  closed: z.array(z.object({ id: z.number().int(), closedAt: z.string(), closedBy: z.string(), packageCount: z.number().int(), totalWeightG: z.number().int() })),
});
export type ManifestDay = z.infer<typeof manifestDaySchema>;

const importProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  file: z.enum(['services', 'rates', 'json']).optional(),
  line: z.number().int().optional(),
  path: z.string().optional(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
});

export const carrierCatalogViewSchema = z.object({
  services: z.array(catalogServiceSchema),
  /** Range-fed services: numbers left, the warning level, and the ranges themselves. */
  ranges: z.array(
    z.object({
      serviceId: z.string(),
      remaining: z.number().int(),
      lowWarningAt: z.number().int(),
      low: z.boolean(),
      orphaned: z.number().int(),
      ranges: z.array(
        z.object({
          id: z.number().int(),
          prefix: z.string(),
          suffix: z.string(),
          firstSeq: z.number().int(),
          lastSeq: z.number().int(),
          nextSeq: z.number().int(),
          reference: z.string(),
          lowWarningAt: z.number().int(),
        }),
      ),
    }),
  ),
  /** Every number the bench ever issued, by state. */
  numbers: z.object({ allocated: z.number().int(), labelled: z.number().int(), void: z.number().int(), orphaned: z.number().int() }),
});
export type CarrierCatalogView = z.infer<typeof carrierCatalogViewSchema>;

export const catalogImportInputSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('json'), json: z.string().max(16 * 1024 * 1024) }),
  z.object({ format: z.literal('csv'), servicesCsv: z.string().max(4 * 1024 * 1024), ratesCsv: z.string().max(16 * 1024 * 1024) }),
]);
export type CatalogImportInput = z.infer<typeof catalogImportInputSchema>;

export const catalogImportResultSchema = z.object({
  ok: z.boolean(),
  errors: z.array(importProblemSchema),
  warnings: z.array(importProblemSchema),
  saved: z.number().int(),
  deactivated: z.number().int(),
});
export type CatalogImportResult = z.infer<typeof catalogImportResultSchema>;

export const rangeImportResultSchema = z.object({
  ok: z.boolean(),
  added: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
});
export type RangeImportResult = z.infer<typeof rangeImportResultSchema>;

export const scanOutcomeSchema = z.object({
  accepted: z.boolean(),
  code: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type ScanOutcome = z.infer<typeof scanOutcomeSchema>;

export const boxSchema = z.object({
  id: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  innerLengthMm: z.number().int(),
  innerWidthMm: z.number().int(),
  innerHeightMm: z.number().int(),
  outerLengthMm: z.number().int(),
  outerWidthMm: z.number().int(),
  outerHeightMm: z.number().int(),
  tareG: z.number().int(),
  maxLoadG: z.number().int(),
  hotkey: z.number().int().nullable(),
});
export type Box = z.infer<typeof boxSchema>;

export const rowErrorSchema = z.object({
  line: z.number().int(),
  code: z.string(),
  message: z.string(),
  column: z.string().optional(),
  orderId: z.string().optional(),
});

export const importJobSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['orders', 'catalog']),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  processed: z.number().int(),
  total: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rowErrors: z.array(rowErrorSchema),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const operatorSchema = z.object({ name: z.string(), role: z.enum(['packer', 'supervisor']) });
export type Operator = z.infer<typeof operatorSchema>;

export const historyEntrySchema = z.object({
  id: z.number().int(),
  at: isoTime,
  operator: z.string(),
  kind: z.string(),
  code: z.string().nullable(),
  result: z.string(),
  packageSeq: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const pickListSchema = z.object({
  orders: z.array(z.object({ orderId: z.string(), tote: z.number().int(), latestShipDate: isoTime.nullable() })),
  picks: z.array(
    z.object({
      binLocation: z.string().nullable(),
      sku: z.string(),
      nameEn: z.string().nullable(),
      nameZh: z.string().nullable(),
      quantity: z.number().int(),
      totes: z.array(z.object({ tote: z.number().int(), orderId: z.string(), quantity: z.number().int() })),
    }),
  ),
});
export type PickList = z.infer<typeof pickListSchema>;

const supervisorCredentials = z.union([
  z.object({ badge: z.string().trim().min(1).max(64) }),
  z.object({ name: z.string().trim().min(1).max(64), pin: z.string().min(4).max(12) }),
]);

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const packTarget = z.object({ orderId });

/** One confirmation that has not reached the marketplace yet, or that needs a person. */
export const pendingConfirmationSchema = z.object({
  jobId: z.number().int(),
  orderId: z.string(),
  trackingNumber: z.string().nullable(),
  carrierCode: z.string().nullable(),
  /** The order's LatestShipDate: Amazon counts the confirmation late once it arrives after this. */
  confirmBy: isoTime.nullable(),
  state: z.enum(['pending', 'sending', 'retry-wait', 'needs-attention']),
  attempts: z.number().int(),
  nextTryAt: isoTime.nullable(),
  errorCode: z.string().nullable(),
  /** The marketplace's own words for a refusal, or the last transient error. */
  lastError: z.string().nullable(),
  /** In a downloaded flat file not yet marked as uploaded. */
  inFile: z.boolean(),
  /** Due within the at-risk window, or already past it. */
  atRisk: z.boolean(),
  late: z.boolean(),
  labelledAt: isoTime,
});
export type PendingConfirmation = z.infer<typeof pendingConfirmationSchema>;

export const syncStatusSchema = z.object({
  /** off: sync disabled; no-credentials; online; offline (the last attempt could not reach Amazon); auth-failed. */
  connection: z.enum(['off', 'no-credentials', 'online', 'offline', 'auth-failed']),
  lastContactAt: isoTime.nullable(),
  lastPullAt: isoTime.nullable(),
  lastPushAt: isoTime.nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  pendingCount: z.number().int(),
  needsAttentionCount: z.number().int(),
  atRiskCount: z.number().int(),
  /** When the oldest unsent confirmation was made; past the offline budget the bench warns. */
  oldestUnsentAt: isoTime.nullable(),
  offlineBudgetExceeded: z.boolean(),
  confirmations: z.array(pendingConfirmationSchema),
  /** A downloaded flat file waiting to be marked as uploaded in Seller Central. */
  openExport: z.object({ id: z.number().int(), at: isoTime, jobCount: z.number().int() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncCycleSchema = z.object({
  /** tracked: packages whose carrier progress (first scan, delivery, exception, return) was learnt. */
  pulled: z.object({ added: z.number().int(), updated: z.number().int(), cancelled: z.number().int(), failed: z.number().int(), tracked: z.number().int() }).nullable(),
  pushed: z.object({ confirmed: z.number().int(), byFeed: z.number().int(), failed: z.number().int(), needsAttention: z.number().int(), waiting: z.number().int() }).nullable(),
  errors: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type SyncCycle = z.infer<typeof syncCycleSchema>;

/** Mirrors MetricResult in shared/metrics/report.ts. */
const metricWindowSchema = z.object({ from: isoTime, to: isoTime, days: z.number() });
export const metricIdSchema = z.enum([
  'order-defect-rate',
  'cancel-rate',
  'late-shipment-rate-10d',
  'late-shipment-rate-30d',
  'valid-tracking-rate-7d',
  'valid-tracking-rate-30d',
  'on-time-delivery-rate',
  'acknowledged-24h',
]);
export const metricStatusSchema = z.enum(['green', 'amber', 'red', 'no-data']);
export const metricResultSchema = z.object({
  id: metricIdSchema,
  label: z.string(),
  window: metricWindowSchema,
  unit: z.enum(['orders', 'packages']),
  counts: z.enum(['bad', 'good']),
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
  target: z.object({ value: z.number(), condition: z.enum(['LESS_THAN', 'GREATER_THAN', 'EQUALS']) }),
  status: metricStatusSchema,
});
export type MetricResultView = z.infer<typeof metricResultSchema>;
export const metricsReportSchema = z.object({
  at: isoTime,
  amberFraction: z.number(),
  metrics: z.array(metricResultSchema),
  handlingTime: z.object({
    id: z.literal('handling-time'),
    label: z.string(),
    window: metricWindowSchema,
    orders: z.number().int(),
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
  }),
});
export type MetricsReportView = z.infer<typeof metricsReportSchema>;
/** One order or package behind a figure, and why (mirrors DrillDownRow). */
export const drillDownRowSchema = z.object({
  orderId: z.string(),
  packageId: z.number().int().nullable(),
  reason: z.string(),
  times: z.record(z.string(), isoTime.nullable()),
});
export type DrillDownRowView = z.infer<typeof drillDownRowSchema>;
const packerProductivityFields = {
  orders: z.number().int(),
  packages: z.number().int(),
  units: z.number().int(),
  activeHours: z.number(),
  ordersPerHour: z.number().nullable(),
  unitsPerHour: z.number().nullable(),
  wrongItems: z.number().int(),
  overScans: z.number().int(),
  errorsPer100Units: z.number().nullable(),
  overridesByReason: z.record(z.string(), z.number().int()),
};
/** Mirrors ShiftProductivity in shared/productivity/productivity.ts. */
export const shiftProductivitySchema = z.object({
  from: isoTime,
  to: isoTime,
  packers: z.array(z.object({ operator: z.string(), ...packerProductivityFields, firstAt: isoTime.nullable(), lastAt: isoTime.nullable() })),
  totals: z.object(packerProductivityFields),
});
export type ShiftProductivityView = z.infer<typeof shiftProductivitySchema>;

/** A parcel to follow up: no first carrier scan in time, a delivery exception, or a return to sender. */
export const followUpRowSchema = z.object({
  kind: z.enum(['no-first-scan', 'exception', 'returned']),
  orderId: z.string(),
  packageId: z.number().int(),
  trackingNumber: z.string().nullable(),
  serviceId: z.string().nullable(),
  since: isoTime,
  hours: z.number(),
});
export type FollowUpRowView = z.infer<typeof followUpRowSchema>;

/** One point of a metric's trend: the figure as it stood at the end of a day. */
export const metricTrendPointSchema = z.object({ at: isoTime, rate: z.number().nullable(), status: metricStatusSchema });
// ---- after-sales (returns, refunds, replacements, feedback and claims) ----------------------

export const returnReasonSchema = z.enum(['damaged-in-transit', 'defective', 'wrong-item', 'not-as-described', 'no-longer-needed', 'undeliverable', 'other']);
export type ReturnReason = z.infer<typeof returnReasonSchema>;
export const returnConditionSchema = z.enum(['sellable', 'damaged', 'defective', 'missing']);
export type ReturnCondition = z.infer<typeof returnConditionSchema>;
export const returnDispositionSchema = z.enum(['restock', 'write-off']);
export type ReturnDisposition = z.infer<typeof returnDispositionSchema>;
export const returnStatusSchema = z.enum(['received', 'restocked', 'written-off', 'partly-restocked']);
export type ReturnStatus = z.infer<typeof returnStatusSchema>;
export const defectKindSchema = z.enum(['feedback', 'a-to-z-claim', 'chargeback']);
export const claimStatusSchema = z.enum(['open', 'granted', 'denied']);

/** A time the operator states (when a parcel or a claim arrived): a full ISO time. */
const statedTime = z.iso.datetime({ offset: true });
const afterSalesText = z.string().trim().min(1).max(500);
const afterSalesReference = z.string().trim().min(1).max(100);
const orderItemId = z.string().trim().min(1).max(64);

export const afterSalesSchema = z.object({
  orderId: z.string(),
  status: orderStatusSchema,
  source: z.string(),
  /** The order this one replaces, when it is a replacement. */
  replaces: z.string().nullable(),
  /** The order's lines with the units already returned, for the forms' limits. */
  items: z.array(z.object({ orderItemId: z.string(), sku: z.string(), productName: z.string(), quantity: z.number().int(), returned: z.number().int() })),
  /** What the catalogue says the goods are worth; null when it does not know every line's value in one currency. */
  orderValue: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  returns: z.array(
    z.object({
      id: z.number().int(),
      rma: z.string(),
      reason: returnReasonSchema,
      status: returnStatusSchema,
      receivedAt: isoTime,
      operator: z.string(),
      note: z.string().nullable(),
      items: z.array(z.object({ orderItemId: z.string(), sku: z.string(), quantity: z.number().int(), condition: returnConditionSchema, disposition: returnDispositionSchema })),
    }),
  ),
  refunds: z.array(
    z.object({ id: z.number().int(), amountMinor: z.number().int(), currency: z.string(), reason: z.string(), refundedAt: isoTime, operator: z.string(), reference: z.string().nullable() }),
  ),
  replacements: z.array(z.object({ replacementOrderId: z.string(), reason: z.string(), createdAt: isoTime, operator: z.string(), status: orderStatusSchema })),
  defects: z.array(
    z.object({
      id: z.number().int(),
      kind: defectKindSchema,
      rating: z.number().int().nullable(),
      claimStatus: claimStatusSchema.nullable(),
      receivedAt: isoTime,
      removedAt: isoTime.nullable(),
      reference: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type AfterSalesView = z.infer<typeof afterSalesSchema>;

const defectFields = { orderId, receivedAt: statedTime, reference: afterSalesReference.optional(), note: afterSalesText.optional() };
export const afterSalesDefectInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feedback'), rating: z.number().int().min(1).max(5), ...defectFields }),
  z.object({ kind: z.literal('a-to-z-claim'), claimStatus: claimStatusSchema, ...defectFields }),
  z.object({ kind: z.literal('chargeback'), ...defectFields }),
]);
export type AfterSalesDefectInput = z.infer<typeof afterSalesDefectInputSchema>;

const packResult = z.object({ outcome: scanOutcomeSchema, view: packViewSchema });

export const contract = {
  'app:info': { input: z.object({}), output: appInfoSchema },
  'settings:get': { input: z.object({}), output: settingsSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsSchema },
  'orders:queue': { input: z.object({ search: z.string().max(200).optional() }), output: z.array(orderSummarySchema) },
  'orders:find': { input: z.object({ code: z.string().max(200) }), output: z.object({ orderId: z.string() }) },
  'boxes:list': { input: z.object({}), output: z.array(boxSchema) },
  'operators:list': { input: z.object({}), output: z.array(operatorSchema) },
  'operators:current': { input: z.object({}), output: operatorSchema.nullable() },
  'operators:signIn': {
    input: z.union([z.object({ badge: z.string().trim().min(1).max(64) }), z.object({ name: z.string().trim().min(1).max(64), pin: z.string().max(12) })]),
    output: operatorSchema,
  },
  'operators:signOut': { input: z.object({}), output: z.object({}) },
  'operators:save': {
    input: z.object({
      name: z.string().trim().min(1).max(64),
      role: z.enum(['packer', 'supervisor']),
      pin: z.string().regex(/^\d{4,12}$/).optional(),
      badge: z.string().trim().min(1).max(64).nullable().optional(),
      active: z.boolean().optional(),
    }),
    output: operatorSchema,
  },
  'orders:history': { input: packTarget, output: z.array(historyEntrySchema) },
  'orders:cancel': { input: packTarget.extend({ reason: z.string().trim().min(1).max(200) }), output: orderSummarySchema },
  'orders:pullList': {
    input: z.object({}),
    output: z.array(z.object({ orderId: z.string(), packageId: z.number().int(), seq: z.number().int(), trackingNumber: z.string() })),
  },
  'orders:confirmPulled': { input: packTarget.extend({ packageId: z.number().int() }), output: z.object({}) },
  'pick:list': {
    input: z.object({ orderIds: z.array(orderId).max(500).optional() }),
    output: pickListSchema,
  },
  'pack:open': { input: packTarget.extend({ takeover: z.boolean().optional() }), output: packViewSchema },
  'pack:scan': {
    input: packTarget.extend({
      code: z.string().max(400),
      /** Set by the screen for each physical scan, so a retried request is never applied twice. */
      scanId: z.string().min(8).max(64).optional(),
    }),
    output: packResult,
  },
  'pack:command': {
    input: packTarget.extend({ command: z.enum(['acknowledge', 'cancel-prompt', 'next-package', 'release']) }),
    output: packResult,
  },
  'pack:quantity': {
    input: packTarget.extend({ orderItemId: z.string().max(64), quantity: z.number().int().min(1).max(100_000) }),
    output: packResult,
  },
  'pack:override': {
    input: packTarget.extend({
      kind: z.enum(['unit', 'short']),
      orderItemId: z.string().max(64),
      quantity: z.number().int().min(1).max(100_000).optional(),
      reasonCode: z.string().min(1).max(40),
      note: z.string().max(500).optional(),
      /** A supervisor's badge or name and PIN, when the signed-in operator is not one. */
      supervisor: supervisorCredentials.optional(),
    }),
    output: packResult,
  },
  'pack:setBox': {
    input: packTarget.extend({
      boxId: z.string().max(64).nullable(),
      lengthMm: z.number().int().positive().max(10_000).optional(),
      widthMm: z.number().int().positive().max(10_000).optional(),
      heightMm: z.number().int().positive().max(10_000).optional(),
    }),
    output: packViewSchema,
  },
  'pack:setWeight': {
    input: packTarget.extend({ weight: z.string().max(40), source: z.enum(['typed', 'scale']).optional() }),
    output: packViewSchema,
  },
  'pack:weightOverride': {
    input: packTarget.extend({ reasonCode: z.string().min(1).max(40), note: z.string().max(500).optional(), supervisor: supervisorCredentials.optional() }),
    output: packViewSchema,
  },
  'pack:setInsurance': { input: packTarget.extend({ insured: z.boolean() }), output: packViewSchema },
  'catalog:weightSuggestions': {
    input: z.object({}),
    output: z.array(z.object({ sku: z.string(), catalogueG: z.number().int().nullable(), suggestedG: z.number().int(), samples: z.number().int() })),
  },
  'catalog:applyWeight': { input: z.object({ sku: z.string().max(64), unitWeightG: z.number().int().min(0).max(1_000_000) }), output: z.object({}) },
  'pack:printLabel': {
    input: packTarget.extend({
      serviceId: z.string().max(64),
      /** Required when the service is not the one proposed: why the packer chose it. */
      reasonCode: z.string().min(1).max(40).optional(),
      /** The pre-printed label's number, scanned, for services that use them. */
      preprintedNumber: z.string().max(64).optional(),
    }),
    output: packViewSchema,
  },
  'carriers:list': { input: z.object({}), output: carrierCatalogViewSchema },
  'carriers:import': { input: catalogImportInputSchema, output: catalogImportResultSchema },
  'carriers:export': { input: z.object({}), output: z.object({ fileName: z.string(), json: z.string() }) },
  'carriers:saveService': { input: z.object({ service: catalogServiceSchema }), output: carrierCatalogViewSchema },
  'carriers:addRange': {
    input: z.object({
      serviceId: z.string().max(64),
      prefix: z.string().max(16),
      suffix: z.string().max(16),
      first: z.string().min(1).max(40),
      last: z.string().min(1).max(40),
      reference: z.string().max(120),
      lowWarningAt: z.number().int().min(0).max(10_000_000),
    }),
    output: carrierCatalogViewSchema,
  },
  'carriers:importRanges': { input: z.object({ csv: z.string().max(4 * 1024 * 1024) }), output: rangeImportResultSchema },
  'pack:retryPrint': { input: packTarget, output: packViewSchema },
  /** Parcels to follow up, worst first. */
  'tracking:followUp': { input: z.object({}), output: z.array(followUpRowSchema) },
  /** Orders and units per hour, mistakes and overrides of each packer in [from, to). */
  'productivity:shift': { input: z.object({ from: isoTime, to: isoTime }), output: shiftProductivitySchema },
  /** The shift report as a PDF (A4) or CSV file. */
  'productivity:shiftReport': { input: z.object({ from: isoTime, to: isoTime, format: z.enum(['pdf', 'csv']) }), output: fileSchema },
  /** Every seller metric at a time (default now), against its target. */
  'metrics:report': { input: z.object({ at: isoTime.optional() }), output: metricsReportSchema },
  /** The orders behind a metric's figure (what hurt it), newest first. */
  'metrics:drillDown': {
    input: z.object({ metricId: metricIdSchema, at: isoTime.optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() }),
    output: z.object({ rows: z.array(drillDownRowSchema), total: z.number().int() }),
  },
  /** Each metric as it stood at the end of each of the last `days` days, oldest first. */
  'metrics:trends': {
    input: z.object({ days: z.number().int().min(2).max(90), at: isoTime.optional() }),
    output: z.array(z.object({ metricId: metricIdSchema, points: z.array(metricTrendPointSchema) })),
  },
  /** The marketplace connection and every confirmation not yet at Amazon, most urgent first. */
  'sync:status': { input: z.object({}), output: syncStatusSchema },
  /** One sync cycle now: pull orders, then push confirmations. */
  'sync:run': { input: z.object({}), output: z.object({ cycle: syncCycleSchema, status: syncStatusSchema }) },
  /** A confirmation that needs attention is tried again (after the cause was fixed). */
  'sync:retry': { input: z.object({ jobId: z.number().int() }), output: syncStatusSchema },
  /** The waiting confirmations as Amazon's shipping-confirmation flat file, for Seller Central. */
  'sync:exportFile': { input: z.object({}), output: z.object({ exportId: z.number().int(), file: fileSchema, jobCount: z.number().int() }) },
  /** The downloaded file was uploaded in Seller Central: its confirmations count as sent. */
  'sync:markUploaded': { input: z.object({ exportId: z.number().int() }), output: syncStatusSchema },
  /** Stores the marketplace credentials (supervisor); only whether they are present is ever shown. */
  'sync:setCredentials': {
    input: z.object({ clientId: z.string().trim().min(1).max(200), clientSecret: z.string().trim().min(1).max(400), refreshToken: z.string().trim().min(1).max(2000) }),
    output: syncStatusSchema,
  },
  /**
   * Prints (or prints again) the packing slip or customs form of the last labelled package on
   * its printer profile: a new stored job for the same document, never a new label.
   */
  'pack:printDocument': { input: packTarget.extend({ doc: printableDocumentSchema }), output: packViewSchema },
  'labels:get': {
    input: packTarget.extend({ format: z.enum(['zpl', 'pdf']) }),
    output: fileSchema,
  },
  /**
   * What the label printer says of itself (ZPL ~HS over raw TCP). Other modes cannot ask:
   * `supported` is false. Problems are codes the screen translates.
   */
  'printer:status': {
    input: z.object({}),
    output: z.object({
      supported: z.boolean(),
      reachable: z.boolean(),
      ready: z.boolean(),
      problems: z.array(z.enum(['paper-out', 'paused', 'head-open', 'ribbon-out', 'buffer-full', 'temperature', 'no-answer'])),
      detail: z.string().nullable(),
    }),
  },
  /** The last package's label and packing slip as drawing models (mm), for the on-screen preview. */
  'documents:preview': { input: packTarget, output: z.object({ label: labelModelSchema, slip: labelModelSchema }) },
  /** The packing slip or customs form (CN22/CN23) of a packed order, for printing or a file. */
  'documents:get': {
    input: packTarget.extend({ doc: z.enum(['slip', 'customs']), format: z.enum(['zpl', 'pdf']) }),
    output: fileSchema,
  },
  /** Per carrier, the packages labelled on the day and not yet handed over, and the day's closed manifests. */
  'manifest:day': { input: z.object({ day: dayText }), output: z.array(manifestDaySchema) },
  /** Closes the carrier's day: the manifest is stored and its packages locked. */
  'manifest:closeOut': { input: z.object({ day: dayText, carrierId: z.string().max(64) }), output: z.array(manifestDaySchema) },
  'manifest:document': { input: z.object({ day: dayText, carrierId: z.string().max(64), format: z.enum(['pdf', 'csv']) }), output: fileSchema },
  'import:start': {
    input: z.object({
      kind: z.enum(['orders', 'catalog']),
      fileName: z.string().max(255),
      // Files are sent as text: the reports are UTF-8 text by definition, and the
      // transport (IPC or JSON over HTTP) carries strings without another encoding step.
      content: z.string().max(64 * 1024 * 1024),
    }),
    output: importJobSchema,
  },
  'import:status': { input: z.object({ jobId: z.string().max(64) }), output: importJobSchema },
  /** Everything recorded after the sale of an order: returns, refunds, replacements, feedback and claims. */
  'aftersales:get': { input: z.object({ orderId }), output: afterSalesSchema },
  /** A parcel that came back (any signed-in operator): its items, their condition, restock or write off. */
  'aftersales:return': {
    input: z.object({
      orderId,
      rma: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/).optional(),
      reason: returnReasonSchema,
      receivedAt: statedTime.optional(),
      note: afterSalesText.optional(),
      items: z
        .array(z.object({ orderItemId, quantity: z.number().int().min(1).max(10_000), condition: returnConditionSchema, disposition: returnDispositionSchema }))
        .min(1)
        .max(100),
    }),
    output: afterSalesSchema,
  },
  /** A refund to the buyer (supervisor), in minor units of the currency. */
  'aftersales:refund': {
    input: z.object({
      orderId,
      amountMinor: z.number().int().min(1).max(1_000_000_000),
      currency: z.string().regex(/^[A-Z]{3}$/),
      reason: afterSalesText,
      refundedAt: statedTime.optional(),
      reference: afterSalesReference.optional(),
    }),
    output: afterSalesSchema,
  },
  /** A new local order for the chosen items (supervisor), packed through the normal flow and never confirmed to Amazon. */
  'aftersales:replacement': {
    input: z.object({ orderId, reason: afterSalesText, items: z.array(z.object({ orderItemId, quantity: z.number().int().min(1).max(10_000) })).min(1).max(100) }),
    output: afterSalesSchema.extend({ replacementOrderId: z.string() }),
  },
  /** Buyer feedback, an A-to-z claim or a chargeback (supervisor): the order defect rate's inputs. */
  'aftersales:defect': { input: afterSalesDefectInputSchema, output: afterSalesSchema },
  /** An A-to-z claim decided (supervisor): a denied claim no longer counts as a defect. */
  'aftersales:claimStatus': { input: z.object({ orderId, defectId: z.number().int().min(1), claimStatus: claimStatusSchema }), output: afterSalesSchema },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Contract[C]['output']>;
export const channels = Object.keys(contract) as Channel[];

export type AppErrorShape = { code: string; message: string; data?: Record<string, string | number | boolean | null> };
export type ChannelResult<C extends Channel> = { ok: true; value: ChannelOutput<C> } | { ok: false; error: AppErrorShape };

/** What both transports give the renderer: one async function per channel. */
export type PackbenchApi = { [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelResult<C>> };

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
