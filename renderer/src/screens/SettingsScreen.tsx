import { useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { AppErrorShape, Language, Reason, Settings, SettingsPatch } from '../../../shared/contract';
import { previewCue } from '../audio/play-cue';
import { CUES } from '../audio/cues';
import { ImportPanel } from '../components/ImportPanel';
import { EndOfDay } from '../components/settings/EndOfDay';
import { CarrierSettings } from '../components/settings/CarrierSettings';
import { MarketplaceSettings } from '../components/settings/MarketplaceSettings';
import { ShiftReport } from '../components/settings/ShiftReport';
import { ChecksFields, checksDraftOf, checksPatch } from '../components/settings/ChecksSettings';
import type { ChecksDraft } from '../components/settings/ChecksSettings';
import { CommandSheet } from '../components/settings/CommandSheet';
import { OperatorEditor } from '../components/settings/OperatorEditor';
import { ReasonListEditor, reasonListProblem, trimReasons } from '../components/settings/ReasonListEditor';
import { ScannerCalibration } from '../components/settings/ScannerCalibration';
import { WeightSuggestions } from '../components/settings/WeightSuggestions';
import { DocumentPrinterFields } from '../components/settings/DocumentPrinterFields';
import type { DocumentPrintersDraft } from '../components/settings/DocumentPrinterFields';
import { useI18n } from '../i18n/use-i18n';
import type { MessageKey, Params } from '../i18n/translate';
import { useAppStore } from '../store/store-context';

export type SettingsTab = 'general' | 'operators' | 'calibration' | 'commands' | 'end-of-day' | 'carriers' | 'marketplace';

const TABS: Array<{ id: SettingsTab; label: MessageKey }> = [
  { id: 'general', label: 'settings.tab.general' },
  { id: 'operators', label: 'settings.tab.operators' },
  { id: 'calibration', label: 'settings.tab.calibration' },
  { id: 'commands', label: 'settings.tab.commands' },
  { id: 'end-of-day', label: 'settings.tab.endOfDay' },
];

// Carriers and tracking numbers are a supervisor's alone: a packer is not shown the tab at all.
const SUPERVISOR_TABS: Array<{ id: SettingsTab; label: MessageKey }> = [
  ...TABS,
  { id: 'carriers', label: 'settings.carriers.tab' },
  { id: 'marketplace', label: 'settings.marketplace.tab' },
];

export function SettingsScreen() {
  const { t } = useI18n();
  const settings = useAppStore((state) => state.settings);
  const supervisor = useAppStore((state) => state.operator?.role === 'supervisor');
  const tabs = supervisor ? SUPERVISOR_TABS : TABS;
  const [chosenTab, setTab] = useState<SettingsTab>('general');
  // A supervisor's tab left open when a packer signs in falls back to the first one.
  const tab = tabs.some((entry) => entry.id === chosenTab) ? chosenTab : 'general';
  const tabRefs = useRef(new Map<SettingsTab, HTMLButtonElement>());

  // Tabs follow the ARIA pattern: Left and Right move between them, Tab goes into the panel.
  const onTabKey = (event: ReactKeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    setTab(next.id);
    tabRefs.current.get(next.id)?.focus();
  };

  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title" className="screen-title no-print">
        {t('settings.title')}
      </h1>
      <div className="settings-tabs no-print" role="tablist" aria-labelledby="settings-title">
        {tabs.map((entry, index) => (
          <button
            key={entry.id}
            ref={(element) => {
              if (element) tabRefs.current.set(entry.id, element);
              else tabRefs.current.delete(entry.id);
            }}
            type="button"
            role="tab"
            id={`settings-tab-${entry.id}`}
            className="settings-tab"
            data-testid={`settings-tab-${entry.id}`}
            aria-selected={tab === entry.id}
            aria-controls={`settings-panel-${entry.id}`}
            tabIndex={tab === entry.id ? 0 : -1}
            onClick={() => setTab(entry.id)}
            onKeyDown={(event) => onTabKey(event, index)}
          >
            {t(entry.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`settings-panel-${tab}`} aria-labelledby={`settings-tab-${tab}`} className="settings-panel">
        {tab === 'general' ? (
          <>
            {settings ? (
              <>
                <LanguageChoice language={settings.language} />
                <SettingsForm settings={settings} />
                <WeightSuggestions />
              </>
            ) : (
              <p className="hint">{t('app.loading')}</p>
            )}
            <ImportPanel />
          </>
        ) : null}
        {tab === 'operators' ? <OperatorEditor /> : null}
        {tab === 'calibration' ? <ScannerCalibration /> : null}
        {tab === 'commands' ? <CommandSheet /> : null}
        {tab === 'end-of-day' ? (
          <>
            <EndOfDay />
            {supervisor ? <ShiftReport /> : null}
          </>
        ) : null}
        {tab === 'carriers' ? <CarrierSettings /> : null}
        {tab === 'marketplace' && settings ? <MarketplaceSettings marketplace={settings.marketplace} /> : null}
      </div>
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

const PRINTER_MODES: readonly Settings['printer']['mode'][] = ['tcp', 'cups', 'windows-share', 'folder'];

type Draft = {
  stationName: string;
  printerMode: Settings['printer']['mode'];
  printerHost: string;
  printerPort: string;
  printerFolder: string;
  printerQueue: string;
  printerShare: string;
  printerTimeout: string;
  documentPrinters: DocumentPrintersDraft;
  labelDpi: Settings['labelDpi'];
  autoPrint: boolean;
  fromName: string;
  fromLines: string;
  fromCity: string;
  fromState: string;
  fromPostalCode: string;
  fromCountryCode: string;
  fromPhone: string;
  scanMaxInterKeyMs: string;
  scanMinLength: string;
  scanPrefix: string;
  scanSuffix: string;
  scanCommandPrefix: string;
  soundEnabled: boolean;
  /** 0–100, as the slider shows it. */
  soundVolume: number;
  idleSignOutMinutes: string;
  overrideReasons: Reason[];
  shortReasons: Reason[];
  checks: ChecksDraft;
};

function draftOf(settings: Settings): Draft {
  return {
    stationName: settings.stationName,
    printerMode: settings.printer.mode,
    printerHost: settings.printer.host,
    printerPort: String(settings.printer.port),
    printerFolder: settings.printer.folder,
    printerQueue: settings.printer.queue,
    printerShare: settings.printer.share,
    printerTimeout: String(settings.printer.timeoutMs),
    documentPrinters: { slip: { ...settings.documentPrinters.slip }, customs: { ...settings.documentPrinters.customs } },
    labelDpi: settings.labelDpi,
    autoPrint: settings.autoPrint,
    fromName: settings.shipFrom.name,
    fromLines: settings.shipFrom.lines.join('\n'),
    fromCity: settings.shipFrom.city,
    fromState: settings.shipFrom.state ?? '',
    fromPostalCode: settings.shipFrom.postalCode,
    fromCountryCode: settings.shipFrom.countryCode,
    fromPhone: settings.shipFrom.phone ?? '',
    scanMaxInterKeyMs: String(settings.scanner.maxInterKeyMs),
    scanMinLength: String(settings.scanner.minLength),
    scanPrefix: settings.scanner.prefix,
    scanSuffix: settings.scanner.suffix,
    scanCommandPrefix: settings.scanner.commandPrefix,
    soundEnabled: settings.sound.enabled,
    soundVolume: Math.round(settings.sound.volume * 100),
    idleSignOutMinutes: String(settings.idleSignOutMinutes),
    overrideReasons: settings.overrideReasons.map((reason) => ({ ...reason })),
    shortReasons: settings.shortReasons.map((reason) => ({ ...reason })),
    checks: checksDraftOf(settings),
  };
}

/** Which field label names a path in the station's INPUT_INVALID answer. */
const FIELD_FOR_PATH: Record<string, MessageKey> = {
  stationName: 'settings.station',
  'printer.host': 'settings.printer.host',
  'printer.port': 'settings.printer.port',
  'printer.folder': 'settings.printer.folder',
  'printer.queue': 'settings.printer.queue',
  'printer.share': 'settings.printer.share',
  documentPrinters: 'settings.documents.title',
  'printer.timeoutMs': 'settings.printer.timeout',
  labelDpi: 'settings.labelDpi',
  'shipFrom.name': 'settings.shipFrom.name',
  'shipFrom.lines': 'settings.shipFrom.lines',
  'shipFrom.city': 'settings.shipFrom.city',
  'shipFrom.state': 'settings.shipFrom.state',
  'shipFrom.postalCode': 'settings.shipFrom.postalCode',
  'shipFrom.countryCode': 'settings.shipFrom.countryCode',
  'shipFrom.phone': 'settings.shipFrom.phone',
  'scanner.maxInterKeyMs': 'settings.scanner.maxInterKeyMs',
  'scanner.minLength': 'settings.scanner.minLength',
  'scanner.prefix': 'settings.scanner.prefix',
  'scanner.suffix': 'settings.scanner.suffix',
  'scanner.commandPrefix': 'settings.scanner.commandPrefix',
  idleSignOutMinutes: 'settings.idle.minutes',
  overrideReasons: 'settings.reasons.override',
  shortReasons: 'settings.reasons.short',
  'scale.baudRate': 'settings.scale.baudRate',
  'scale.stableForMs': 'settings.scale.stableForMs',
  'weightCheck.percent': 'settings.weightCheck.percent',
  'weightCheck.minimumG': 'settings.weightCheck.minimumG',
  'weightCheck.perPackageG': 'settings.weightCheck.perPackageG',
  'weightCheck.perUnitG': 'settings.weightCheck.perUnitG',
  insurance: 'settings.insurance.title',
};

/** The field for a path like "overrideReasons.2.code": the longest known prefix. */
function fieldForPath(path: string): MessageKey | undefined {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const field = FIELD_FOR_PATH[parts.slice(0, length).join('.')];
    if (field) return field;
  }
  return undefined;
}

/** The draft fields that are free text (not a choice from a list). */
type TextKey = { [K in keyof Draft]: string extends Draft[K] ? K : never }[keyof Draft];

type FormError = { kind: 'station'; error: AppErrorShape } | { kind: 'local'; key: MessageKey; params?: Params };

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
    const notWhole = (field: MessageKey) => setError({ kind: 'local', key: 'settings.notWholeNumber', params: { field: t(field) } });
    const port = wholeNumber(draft.printerPort);
    if (port === null) return notWhole('settings.printer.port');
    const timeoutMs = wholeNumber(draft.printerTimeout);
    if (timeoutMs === null) return notWhole('settings.printer.timeout');
    const maxInterKeyMs = wholeNumber(draft.scanMaxInterKeyMs);
    if (maxInterKeyMs === null) return notWhole('settings.scanner.maxInterKeyMs');
    const minLength = wholeNumber(draft.scanMinLength);
    if (minLength === null) return notWhole('settings.scanner.minLength');
    const idleSignOutMinutes = wholeNumber(draft.idleSignOutMinutes);
    if (idleSignOutMinutes === null) return notWhole('settings.idle.minutes');
    const reasonProblem = reasonListProblem(draft.overrideReasons) ?? reasonListProblem(draft.shortReasons);
    if (reasonProblem) return setError({ kind: 'local', ...reasonProblem });
    const checks = checksPatch(draft.checks);
    if (!checks.ok) {
      return checks.field === 'settings.insurance.invalid' ? setError({ kind: 'local', key: checks.field }) : notWhole(checks.field);
    }
    const patch: SettingsPatch = {
      stationName: draft.stationName,
      printer: { mode: draft.printerMode, host: draft.printerHost, port, queue: draft.printerQueue.trim(), folder: draft.printerFolder, share: draft.printerShare.trim(), timeoutMs },
      documentPrinters: draft.documentPrinters,
      labelDpi: draft.labelDpi,
      autoPrint: draft.autoPrint,
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
      scanner: {
        maxInterKeyMs,
        minLength,
        prefix: draft.scanPrefix,
        suffix: draft.scanSuffix,
        commandPrefix: draft.scanCommandPrefix.trim(),
      },
      sound: { enabled: draft.soundEnabled, volume: draft.soundVolume / 100 },
      idleSignOutMinutes,
      overrideReasons: trimReasons(draft.overrideReasons),
      shortReasons: trimReasons(draft.shortReasons),
      ...checks.patch,
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
    if (error.kind === 'local') return t(error.key, error.params);
    const path = error.error.data?.['path'];
    const field = typeof path === 'string' ? fieldForPath(path) : undefined;
    return describe(field ? { ...error.error, data: { ...error.error.data, path: t(field) } } : error.error);
  })();

  const text = (key: TextKey, label: MessageKey, testId: string, inputMode?: 'numeric') => (
    <label className="settings-field">
      <span>{t(label)}</span>
      <input
        data-testid={testId}
        type="text"
        inputMode={inputMode}
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
      </div>
      <fieldset className="settings-group">
        <legend>{t('settings.scanner.title')}</legend>
        <p className="hint">{t('settings.scanner.hint')}</p>
        {text('scanMaxInterKeyMs', 'settings.scanner.maxInterKeyMs', 'settings-scanner-gap', 'numeric')}
        {text('scanMinLength', 'settings.scanner.minLength', 'settings-scanner-min-length', 'numeric')}
        {text('scanPrefix', 'settings.scanner.prefix', 'settings-scanner-prefix')}
        {text('scanSuffix', 'settings.scanner.suffix', 'settings-scanner-suffix')}
        {text('scanCommandPrefix', 'settings.scanner.commandPrefix', 'settings-scanner-command-prefix')}
      </fieldset>
      <fieldset className="settings-group">
        <legend>{t('settings.sound.title')}</legend>
        <label className="check-field">
          <input
            type="checkbox"
            data-testid="settings-sound-enabled"
            checked={draft.soundEnabled}
            onChange={(event) => edit('soundEnabled', event.target.checked)}
          />
          <span>{t('settings.sound.enabled')}</span>
        </label>
        <label className="settings-field">
          <span>{t('settings.sound.volume', { percent: draft.soundVolume })}</span>
          <input
            type="range"
            data-testid="settings-sound-volume"
            min={0}
            max={100}
            step={5}
            value={draft.soundVolume}
            disabled={!draft.soundEnabled}
            onChange={(event) => edit('soundVolume', Number(event.target.value))}
          />
        </label>
        <div className="sound-tests">
          {CUES.map((cue) => (
            <button
              key={cue}
              type="button"
              data-testid={`settings-sound-test-${cue}`}
              onClick={() => previewCue(cue, { enabled: draft.soundEnabled, volume: draft.soundVolume / 100 })}
            >
              <span aria-hidden="true">♪ </span>
              {t('settings.sound.test', { cue: t(`sound.cue.${cue}`) })}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="settings-group">
        <legend>{t('settings.idle.title')}</legend>
        {text('idleSignOutMinutes', 'settings.idle.minutes', 'settings-idle-minutes', 'numeric')}
      </fieldset>
      <ChecksFields draft={draft.checks} onChange={(checks) => edit('checks', checks)} />
      <ReasonListEditor
        title="settings.reasons.override"
        testId="settings-override-reasons"
        reasons={draft.overrideReasons}
        onChange={(reasons) => edit('overrideReasons', reasons)}
      />
      <ReasonListEditor
        title="settings.reasons.short"
        testId="settings-short-reasons"
        reasons={draft.shortReasons}
        onChange={(reasons) => edit('shortReasons', reasons)}
      />
      <fieldset className="settings-group">
        <legend>{t('settings.printer.title')}</legend>
        <label className="settings-field">
          <span>{t('settings.printer.mode')}</span>
          <select
            data-testid="settings-printer-mode"
            value={draft.printerMode}
            onChange={(event) => {
              const mode = PRINTER_MODES.find((candidate) => candidate === event.target.value);
              if (mode) edit('printerMode', mode);
            }}
          >
            {PRINTER_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`settings.printer.mode.${mode}`)}
              </option>
            ))}
          </select>
        </label>
        {draft.printerMode === 'tcp' ? (
          <>
            {text('printerHost', 'settings.printer.host', 'settings-printer-host')}
            {text('printerPort', 'settings.printer.port', 'settings-printer-port')}
          </>
        ) : draft.printerMode === 'cups' ? (
          text('printerQueue', 'settings.printer.queue', 'settings-printer-queue')
        ) : draft.printerMode === 'windows-share' ? (
          text('printerShare', 'settings.printer.share', 'settings-printer-share')
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
        <label className="check-field">
          <input type="checkbox" data-testid="settings-auto-print" checked={draft.autoPrint} onChange={(event) => edit('autoPrint', event.target.checked)} />
          <span>{t('settings.autoPrint')}</span>
        </label>
      </fieldset>
      <DocumentPrinterFields draft={draft.documentPrinters} onChange={(documentPrinters) => edit('documentPrinters', documentPrinters)} />
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
