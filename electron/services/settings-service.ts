import { join } from 'node:path';
import { settingsPatchSchema, settingsSchema } from '../../shared/contract';
import type { Settings, SettingsPatch } from '../../shared/contract';
import { checkChoiceRules, DEFAULT_CHOICE_RULES } from '../../shared/domain/service-choice';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import { isWindowsSharePath } from './printer';

export function defaultSettings(dataDir: string): Settings {
  return {
    language: 'zh-CN',
    stationName: 'Bench 1',
    printer: { mode: 'folder', host: '127.0.0.1', port: 9100, queue: '', folder: join(dataDir, 'labels'), share: '', timeoutMs: 5000 },
    // Off until a supervisor chooses a printer for them: a bench prints labels first.
    documentPrinters: {
      slip: { mode: 'off', osPrinter: '', page: 'a4', folder: join(dataDir, 'documents'), afterLabel: false },
      customs: { mode: 'off', osPrinter: '', page: '4x6', folder: join(dataDir, 'documents'), afterLabel: false },
    },
    labelDpi: 203,
    autoPrint: false,
    shipFrom: {
      name: 'PackBench Demo Trading Co.',
      lines: ['Bldg 3, 18 Keji Road', 'Nanshan District'],
      city: 'Shenzhen',
      state: 'Guangdong',
      postalCode: '518057',
      countryCode: 'CN',
      phone: '+86 755 0000 0000',
    },
    scanner: { maxInterKeyMs: 35, minLength: 4, prefix: '', suffix: '', commandPrefix: 'PB:' },
    sound: { enabled: true, volume: 0.6 },
    idleSignOutMinutes: 15,
    overrideReasons: [
      { code: 'DAMAGED_BARCODE', en: 'Barcode damaged or unreadable', zh: '条码损坏或无法读取' },
      { code: 'NO_BARCODE', en: 'Unit has no barcode', zh: '商品没有条码' },
      { code: 'SCANNER_FAULT', en: 'Scanner fault', zh: '扫描枪故障' },
    ],
    scale: { mode: 'simulated', serialProtocol: 'mt-sics', baudRate: 9600, stableForMs: 500 },
    boxObjective: 'smallest',
    // The issue's default tolerance (the larger of 5 % and 30 g) and a small allowance for tape and fill.
    weightCheck: { percent: 5, minimumG: 30, perPackageG: 10, perUnitG: 0 },
    insurance: {
      mode: 'required',
      thresholdMinor: { USD: 50_000, CNY: 300_000 },
      rates: { USD: { ratePermille: 10, minimumMinor: 100 }, CNY: { ratePermille: 10, minimumMinor: 300 } },
    },
    choice: {
      rules: DEFAULT_CHOICE_RULES.map((rule) => structuredClone(rule)),
      currency: 'CNY',
      // Demo figures: what one unit of each currency is worth in yuan. A supervisor keeps them current.
      exchangeRates: { USD: 7.1, EUR: 7.7, GBP: 9.0, HKD: 0.91 },
      holidays: [],
    },
    serviceOverrideReasons: [
      { code: 'BUYER_REQUEST', en: 'Buyer asked for this carrier', zh: '买家指定承运商' },
      { code: 'CUTOFF_MISSED', en: 'Proposed carrier already collected today', zh: '推荐承运商今日已揽收' },
      { code: 'CARRIER_PROBLEM', en: 'Problems with the proposed carrier on this route', zh: '推荐承运商该线路异常' },
      { code: 'FRAGILE_GOODS', en: 'Goods need a safer service', zh: '货物需要更安全的渠道' },
    ],
    // Amazon US until a supervisor sets the station's marketplace; off until credentials are given.
    marketplace: {
      enabled: false,
      marketplaceId: 'ATVPDKIKX0DER',
      spApiEndpoint: 'https://sellingpartnerapi-na.amazon.com',
      lwaEndpoint: 'https://api.amazon.com/auth/o2/token',
      feedThreshold: 50,
      offlineBudgetHours: 4,
      atRiskMinutes: 120,
      pullIntervalMinutes: 15,
      noScanAfterHours: 48,
    },
    shortReasons: [
      { code: 'OUT_OF_STOCK', en: 'Out of stock', zh: '缺货' },
      { code: 'DAMAGED_UNIT', en: 'Unit damaged', zh: '商品损坏' },
      { code: 'BUYER_AGREED', en: 'Buyer agreed to a partial shipment', zh: '买家同意部分发货' },
    ],
  };
}

type DocumentPrinters = Settings['documentPrinters'];

function mergeDocumentPrinters(base: DocumentPrinters, patch: { slip?: Partial<DocumentPrinters['slip']>; customs?: Partial<DocumentPrinters['customs']> } | undefined): DocumentPrinters {
  return { slip: { ...base.slip, ...patch?.slip }, customs: { ...base.customs, ...patch?.customs } };
}

export function createSettingsService(store: Store, dataDir: string) {
  const defaults = defaultSettings(dataDir);

  // Read on every scan (station name, scanner prefix): kept in memory, refreshed on update.
  let cached: Settings | null = null;

  function get(): Settings {
    cached ??= read();
    return cached;
  }

  function read(): Settings {
    const stored = store.settings.readAll();
    const merged = {
      ...defaults,
      ...stored,
      printer: { ...defaults.printer, ...(stored['printer'] as object | undefined) },
      documentPrinters: mergeDocumentPrinters(defaults.documentPrinters, stored['documentPrinters'] as Partial<Settings['documentPrinters']> | undefined),
      shipFrom: { ...defaults.shipFrom, ...(stored['shipFrom'] as object | undefined) },
      scanner: { ...defaults.scanner, ...(stored['scanner'] as object | undefined) },
      sound: { ...defaults.sound, ...(stored['sound'] as object | undefined) },
      scale: { ...defaults.scale, ...(stored['scale'] as object | undefined) },
      weightCheck: { ...defaults.weightCheck, ...(stored['weightCheck'] as object | undefined) },
      choice: { ...defaults.choice, ...(stored['choice'] as object | undefined) },
      marketplace: { ...defaults.marketplace, ...(stored['marketplace'] as object | undefined) },
    };
    const parsed = settingsSchema.safeParse(merged);
    // A hand-edited or half-written settings row must not lock the bench out.
    return parsed.success ? parsed.data : defaults;
  }

  function update(patch: SettingsPatch): Settings {
    const checked = settingsPatchSchema.parse(patch);
    const current = get();
    const next: Settings = {
      ...current,
      ...(checked.language ? { language: checked.language } : {}),
      ...(checked.stationName ? { stationName: checked.stationName } : {}),
      ...(checked.labelDpi ? { labelDpi: checked.labelDpi } : {}),
      ...(checked.autoPrint !== undefined ? { autoPrint: checked.autoPrint } : {}),
      ...(checked.idleSignOutMinutes !== undefined ? { idleSignOutMinutes: checked.idleSignOutMinutes } : {}),
      ...(checked.overrideReasons ? { overrideReasons: checked.overrideReasons } : {}),
      ...(checked.shortReasons ? { shortReasons: checked.shortReasons } : {}),
      printer: { ...current.printer, ...checked.printer },
      documentPrinters: mergeDocumentPrinters(current.documentPrinters, checked.documentPrinters),
      shipFrom: { ...current.shipFrom, ...checked.shipFrom },
      scanner: { ...current.scanner, ...checked.scanner },
      sound: { ...current.sound, ...checked.sound },
      scale: { ...current.scale, ...checked.scale },
      weightCheck: { ...current.weightCheck, ...checked.weightCheck },
      ...(checked.boxObjective ? { boxObjective: checked.boxObjective } : {}),
      ...(checked.insurance ? { insurance: checked.insurance } : {}),
      ...(checked.choice ? { choice: checked.choice } : {}),
      ...(checked.serviceOverrideReasons ? { serviceOverrideReasons: checked.serviceOverrideReasons } : {}),
      marketplace: { ...current.marketplace, ...checked.marketplace },
    };
    const valid = settingsSchema.safeParse(next);
    if (!valid.success) {
      throw new DomainError('SETTINGS_INVALID', `Settings not saved: ${valid.error.issues[0]?.message ?? 'invalid value'}`);
    }
    const rules = checkChoiceRules(next.choice.rules);
    if (!rules.ok) {
      const [first] = rules.errors;
      throw new DomainError('CHOICE_RULES_INVALID', `Carrier rules not saved: ${first ? `${first.path}: ${first.message}` : 'invalid rule'}`);
    }
    if (next.printer.mode === 'cups' && next.printer.queue.trim() === '') {
      throw new DomainError('PRINTER_QUEUE_MISSING', 'Name the CUPS queue of the label printer (lpstat -p lists them), or choose another printer mode.');
    }
    if (next.printer.mode === 'folder' && next.printer.folder.trim() === '') {
      throw new DomainError('PRINTER_FOLDER_MISSING', 'Choose a folder for the labels, or switch the printer to TCP.');
    }
    if (next.printer.mode === 'windows-share' && !isWindowsSharePath(next.printer.share.trim())) {
      throw new DomainError('PRINTER_SHARE_INVALID', 'Write the shared printer as \\\\COMPUTER\\PRINTER (the name Windows shows under Printers on that computer).');
    }
    for (const doc of ['slip', 'customs'] as const) {
      const profile = next.documentPrinters[doc];
      if (profile.mode === 'folder' && profile.folder.trim() === '') {
        throw new DomainError('PRINTER_FOLDER_MISSING', `Choose a folder for the ${doc === 'slip' ? 'packing slips' : 'customs forms'}, or another printer.`, { doc });
      }
    }
    store.transaction(() => {
      for (const [key, value] of Object.entries(valid.data)) store.settings.write(key, value);
    });
    cached = valid.data;
    return valid.data;
  }

  return { get, update };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
