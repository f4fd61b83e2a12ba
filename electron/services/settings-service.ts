import { join } from 'node:path';
import { settingsPatchSchema, settingsSchema } from '../../shared/contract';
import type { Settings, SettingsPatch } from '../../shared/contract';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';

export function defaultSettings(dataDir: string): Settings {
  return {
    language: 'zh-CN',
    stationName: 'Bench 1',
    operatorName: 'packer',
    printer: { mode: 'folder', host: '127.0.0.1', port: 9100, folder: join(dataDir, 'labels'), timeoutMs: 5000 },
    labelDpi: 203,
    shipFrom: {
      name: 'PackBench Demo Trading Co.',
      lines: ['Bldg 3, 18 Keji Road', 'Nanshan District'],
      city: 'Shenzhen',
      state: 'Guangdong',
      postalCode: '518057',
      countryCode: 'CN',
      phone: '+86 755 0000 0000',
    },
  };
}

export function createSettingsService(store: Store, dataDir: string) {
  const defaults = defaultSettings(dataDir);

  function get(): Settings {
    const stored = store.settings.readAll();
    const merged = {
      ...defaults,
      ...stored,
      printer: { ...defaults.printer, ...(stored['printer'] as object | undefined) },
      shipFrom: { ...defaults.shipFrom, ...(stored['shipFrom'] as object | undefined) },
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
      ...(checked.operatorName ? { operatorName: checked.operatorName } : {}),
      ...(checked.labelDpi ? { labelDpi: checked.labelDpi } : {}),
      printer: { ...current.printer, ...checked.printer },
      shipFrom: { ...current.shipFrom, ...checked.shipFrom },
    };
    const valid = settingsSchema.safeParse(next);
    if (!valid.success) {
      throw new DomainError('SETTINGS_INVALID', `Settings not saved: ${valid.error.issues[0]?.message ?? 'invalid value'}`);
    }
    if (next.printer.mode === 'folder' && next.printer.folder.trim() === '') {
      throw new DomainError('PRINTER_FOLDER_MISSING', 'Choose a folder for the labels, or switch the printer to TCP.');
    }
    store.transaction(() => {
      for (const [key, value] of Object.entries(valid.data)) store.settings.write(key, value);
    });
    return valid.data;
  }

  return { get, update };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
