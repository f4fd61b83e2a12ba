import { useState } from 'react';
import type { AppErrorShape, Language, Settings, SettingsPatch } from '../../../shared/contract';
import { ImportPanel } from '../components/ImportPanel';
import { useI18n } from '../i18n/use-i18n';
import type { MessageKey } from '../i18n/translate';
import { useAppStore } from '../store/store-context';

export function SettingsScreen() {
  const { t } = useI18n();
  const settings = useAppStore((state) => state.settings);
  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title" className="screen-title">
        {t('settings.title')}
      </h1>
      {settings ? (
        <>
          <LanguageChoice language={settings.language} />
          <SettingsForm settings={settings} />
        </>
      ) : (
        <p className="hint">{t('app.loading')}</p>
      )}
      <ImportPanel />
    </section>
  );
}

const LANGUAGES: Array<{ value: Language; label: string }> = [
  // Each language is named in itself, so a packer who cannot read the other one finds it.
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

function LanguageChoice({ language }: { language: Language }) {
  const { t, describe } = useI18n();
  const updateSettings = useAppStore((state) => state.updateSettings);
  const [error, setError] = useState<AppErrorShape | null>(null);
  return (
    <div className="settings-group">
      <label className="settings-field">
        <span>{t('settings.language')}</span>
        <select
          data-testid="language-select"
          value={language}
          onChange={(event) => {
            const next = event.target.value as Language;
            void updateSettings({ language: next }).then(setError);
          }}
        >
          {LANGUAGES.map((option) => (
            <option key={option.value} value={option.value} lang={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p className="inline-error" role="alert">
          {describe(error)}
        </p>
      ) : null}
    </div>
  );
}

type Draft = {
  stationName: string;
  operatorName: string;
  printerMode: Settings['printer']['mode'];
  printerHost: string;
  printerPort: string;
  printerFolder: string;
  printerTimeout: string;
  labelDpi: Settings['labelDpi'];
  fromName: string;
  fromLines: string;
  fromCity: string;
  fromState: string;
  fromPostalCode: string;
  fromCountryCode: string;
  fromPhone: string;
};

function draftOf(settings: Settings): Draft {
  return {
    stationName: settings.stationName,
    operatorName: settings.operatorName,
    printerMode: settings.printer.mode,
    printerHost: settings.printer.host,
    printerPort: String(settings.printer.port),
    printerFolder: settings.printer.folder,
    printerTimeout: String(settings.printer.timeoutMs),
    labelDpi: settings.labelDpi,
    fromName: settings.shipFrom.name,
    fromLines: settings.shipFrom.lines.join('\n'),
    fromCity: settings.shipFrom.city,
    fromState: settings.shipFrom.state ?? '',
    fromPostalCode: settings.shipFrom.postalCode,
    fromCountryCode: settings.shipFrom.countryCode,
    fromPhone: settings.shipFrom.phone ?? '',
  };
}

/** Which field label names a path in the station's INPUT_INVALID answer. */
const FIELD_FOR_PATH: Record<string, MessageKey> = {
  stationName: 'settings.station',
  operatorName: 'settings.operator',
  'printer.host': 'settings.printer.host',
  'printer.port': 'settings.printer.port',
  'printer.folder': 'settings.printer.folder',
  'printer.timeoutMs': 'settings.printer.timeout',
  labelDpi: 'settings.labelDpi',
  'shipFrom.name': 'settings.shipFrom.name',
  'shipFrom.lines': 'settings.shipFrom.lines',
  'shipFrom.city': 'settings.shipFrom.city',
  'shipFrom.state': 'settings.shipFrom.state',
  'shipFrom.postalCode': 'settings.shipFrom.postalCode',
  'shipFrom.countryCode': 'settings.shipFrom.countryCode',
  'shipFrom.phone': 'settings.shipFrom.phone',
};

/** The draft fields that are free text (not a choice from a list). */
type TextKey = { [K in keyof Draft]: string extends Draft[K] ? K : never }[keyof Draft];

type FormError = { kind: 'station'; error: AppErrorShape } | { kind: 'local'; field: MessageKey };

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t, describe } = useI18n();
  const updateSettings = useAppStore((state) => state.updateSettings);
  const pushToast = useAppStore((state) => state.pushToast);
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [error, setError] = useState<FormError | null>(null);
  const [saving, setSaving] = useState(false);

  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const save = async () => {
    const port = wholeNumber(draft.printerPort);
    if (port === null) return setError({ kind: 'local', field: 'settings.printer.port' });
    const timeoutMs = wholeNumber(draft.printerTimeout);
    if (timeoutMs === null) return setError({ kind: 'local', field: 'settings.printer.timeout' });
    const patch: SettingsPatch = {
      stationName: draft.stationName,
      operatorName: draft.operatorName,
      printer: { mode: draft.printerMode, host: draft.printerHost, port, folder: draft.printerFolder, timeoutMs },
      labelDpi: draft.labelDpi,
      shipFrom: {
        name: draft.fromName,
        lines: draft.fromLines
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
        city: draft.fromCity,
        state: draft.fromState.trim() === '' ? null : draft.fromState,
        postalCode: draft.fromPostalCode,
        countryCode: draft.fromCountryCode,
        phone: draft.fromPhone.trim() === '' ? null : draft.fromPhone,
      },
    };
    setSaving(true);
    const refused = await updateSettings(patch);
    setSaving(false);
    if (refused) return setError({ kind: 'station', error: refused });
    setError(null);
    pushToast('settings.saved');
  };

  const errorText = (() => {
    if (error === null) return null;
    if (error.kind === 'local') return t('settings.notWholeNumber', { field: t(error.field) });
    const path = error.error.data?.['path'];
    const field = typeof path === 'string' ? FIELD_FOR_PATH[path] : undefined;
    return describe(field ? { ...error.error, data: { ...error.error.data, path: t(field) } } : error.error);
  })();

  const text = (key: TextKey, label: MessageKey, testId: string) => (
    <label className="settings-field">
      <span>{t(label)}</span>
      <input
        data-testid={testId}
        type="text"
        autoComplete="off"
        value={draft[key]}
        onChange={(event) => edit(key, event.target.value)}
      />
    </label>
  );

  return (
    <form
      className="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="settings-group">
        {text('stationName', 'settings.station', 'settings-station')}
        {text('operatorName', 'settings.operator', 'settings-operator')}
      </div>
      <fieldset className="settings-group">
        <legend>{t('settings.printer.title')}</legend>
        <label className="settings-field">
          <span>{t('settings.printer.mode')}</span>
          <select
            data-testid="settings-printer-mode"
            value={draft.printerMode}
            onChange={(event) => edit('printerMode', event.target.value === 'tcp' ? 'tcp' : 'folder')}
          >
            <option value="tcp">{t('settings.printer.mode.tcp')}</option>
            <option value="folder">{t('settings.printer.mode.folder')}</option>
          </select>
        </label>
        {draft.printerMode === 'tcp' ? (
          <>
            {text('printerHost', 'settings.printer.host', 'settings-printer-host')}
            {text('printerPort', 'settings.printer.port', 'settings-printer-port')}
          </>
        ) : (
          text('printerFolder', 'settings.printer.folder', 'settings-printer-folder')
        )}
        {text('printerTimeout', 'settings.printer.timeout', 'settings-printer-timeout')}
        <label className="settings-field">
          <span>{t('settings.labelDpi')}</span>
          <select
            data-testid="settings-label-dpi"
            value={draft.labelDpi}
            onChange={(event) => edit('labelDpi', event.target.value === '300' ? 300 : 203)}
          >
            <option value={203}>{t('settings.labelDpi.option', { dpi: 203 })}</option>
            <option value={300}>{t('settings.labelDpi.option', { dpi: 300 })}</option>
          </select>
        </label>
      </fieldset>
      <fieldset className="settings-group">
        <legend>{t('settings.shipFrom.title')}</legend>
        {text('fromName', 'settings.shipFrom.name', 'settings-shipfrom-name')}
        <label className="settings-field">
          <span>{t('settings.shipFrom.lines')}</span>
          <textarea
            data-testid="settings-shipfrom-lines"
            rows={3}
            value={draft.fromLines}
            onChange={(event) => edit('fromLines', event.target.value)}
          />
        </label>
        {text('fromCity', 'settings.shipFrom.city', 'settings-shipfrom-city')}
        {text('fromState', 'settings.shipFrom.state', 'settings-shipfrom-state')}
        {text('fromPostalCode', 'settings.shipFrom.postalCode', 'settings-shipfrom-postal-code')}
        {text('fromCountryCode', 'settings.shipFrom.countryCode', 'settings-shipfrom-country-code')}
        {text('fromPhone', 'settings.shipFrom.phone', 'settings-shipfrom-phone')}
      </fieldset>
      {errorText !== null ? (
        <p className="inline-error" role="alert" data-testid="settings-error">
          {errorText}
        </p>
      ) : null}
      <button type="submit" className="big-button primary" data-testid="settings-save" disabled={saving}>
        {saving ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
