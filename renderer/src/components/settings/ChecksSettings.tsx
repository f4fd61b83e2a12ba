import type { Settings, SettingsPatch } from '../../../../shared/contract';
import { CURRENCY_MINOR_DIGITS } from '../../../../shared/domain/compliance';
import type { MessageKey } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';

// The scale, the box suggestion, the weight check and insurance: the bench's checks of a
// package, as one part of the settings form. Numbers are kept as typed until Save, where they
// are read and refused in words, never silently coerced.

type InsuranceRow = { currency: string; threshold: string; ratePermille: string; minimum: string };

export type ChecksDraft = {
  scaleMode: Settings['scale']['mode'];
  scaleProtocol: Settings['scale']['serialProtocol'];
  scaleBaudRate: string;
  scaleStableForMs: string;
  boxObjective: Settings['boxObjective'];
  weightPercent: string;
  weightMinimumG: string;
  weightPerPackageG: string;
  weightPerUnitG: string;
  insuranceMode: Settings['insurance']['mode'];
  insuranceRows: InsuranceRow[];
};

function minorDigits(currency: string): number {
  return Object.hasOwn(CURRENCY_MINOR_DIGITS, currency) ? (CURRENCY_MINOR_DIGITS[currency] ?? 2) : 2;
}

/** 50000 minor USD as "500.00": thresholds are typed in the currency's main unit. */
function majorText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}

function minorOf(text: string, currency: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const minor = Number(normalised) * 10 ** minorDigits(currency);
  return Number.isSafeInteger(Math.round(minor)) ? Math.round(minor) : null;
}

export function checksDraftOf(settings: Settings): ChecksDraft {
  const currencies = [...new Set([...Object.keys(settings.insurance.thresholdMinor), ...Object.keys(settings.insurance.rates)])].sort();
  return {
    scaleMode: settings.scale.mode,
    scaleProtocol: settings.scale.serialProtocol,
    scaleBaudRate: String(settings.scale.baudRate),
    scaleStableForMs: String(settings.scale.stableForMs),
    boxObjective: settings.boxObjective,
    weightPercent: String(settings.weightCheck.percent),
    weightMinimumG: String(settings.weightCheck.minimumG),
    weightPerPackageG: String(settings.weightCheck.perPackageG),
    weightPerUnitG: String(settings.weightCheck.perUnitG),
    insuranceMode: settings.insurance.mode,
    insuranceRows: currencies.map((currency) => {
      const threshold = settings.insurance.thresholdMinor[currency];
      const rate = settings.insurance.rates[currency];
      return {
        currency,
        threshold: threshold === undefined ? '' : majorText(threshold, currency),
        ratePermille: rate === undefined ? '' : String(rate.ratePermille),
        minimum: rate === undefined ? '' : majorText(rate.minimumMinor, currency),
      };
    }),
  };
}

const whole = (text: string): number | null => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);
const decimal = (text: string): number | null => {
  const normalised = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : null;
};

/** The patch for these settings, or the label of the first field that is not a number. */
export function checksPatch(draft: ChecksDraft): { ok: true; patch: SettingsPatch } | { ok: false; field: MessageKey } {
  const baudRate = whole(draft.scaleBaudRate);
  if (baudRate === null) return { ok: false, field: 'settings.scale.baudRate' };
  const stableForMs = whole(draft.scaleStableForMs);
  if (stableForMs === null) return { ok: false, field: 'settings.scale.stableForMs' };
  const percent = decimal(draft.weightPercent);
  if (percent === null) return { ok: false, field: 'settings.weightCheck.percent' };
  const minimumG = whole(draft.weightMinimumG);
  if (minimumG === null) return { ok: false, field: 'settings.weightCheck.minimumG' };
  const perPackageG = whole(draft.weightPerPackageG);
  if (perPackageG === null) return { ok: false, field: 'settings.weightCheck.perPackageG' };
  const perUnitG = whole(draft.weightPerUnitG);
  if (perUnitG === null) return { ok: false, field: 'settings.weightCheck.perUnitG' };
  const thresholdMinor: Record<string, number> = {};
  const rates: Record<string, { ratePermille: number; minimumMinor: number }> = {};
  for (const row of draft.insuranceRows) {
    const currency = row.currency.trim().toUpperCase();
    if (currency === '' && row.threshold.trim() === '' && row.ratePermille.trim() === '') continue;
    if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, field: 'settings.insurance.invalid' };
    const threshold = minorOf(row.threshold, currency);
    if (threshold === null) return { ok: false, field: 'settings.insurance.invalid' };
    thresholdMinor[currency] = threshold;
    if (row.ratePermille.trim() !== '') {
      const ratePermille = decimal(row.ratePermille);
      const minimumMinor = row.minimum.trim() === '' ? 0 : minorOf(row.minimum, currency);
      if (ratePermille === null || ratePermille > 1000 || minimumMinor === null) return { ok: false, field: 'settings.insurance.invalid' };
      rates[currency] = { ratePermille, minimumMinor };
    }
  }
  return {
    ok: true,
    patch: {
      scale: { mode: draft.scaleMode, serialProtocol: draft.scaleProtocol, baudRate, stableForMs },
      boxObjective: draft.boxObjective,
      weightCheck: { percent, minimumG, perPackageG, perUnitG },
      insurance: { mode: draft.insuranceMode, thresholdMinor, rates },
    },
  };
}

const SCALE_MODES: Array<Settings['scale']['mode']> = ['none', 'hid', 'serial', 'simulated'];
const PROTOCOLS: Array<Settings['scale']['serialProtocol']> = ['mt-sics', 'ascii', 'toledo'];
const BAUD_RATES = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'];

export function ChecksFields({ draft, onChange }: { draft: ChecksDraft; onChange: (draft: ChecksDraft) => void }) {
  const { t } = useI18n();
  const edit = <K extends keyof ChecksDraft>(key: K, value: ChecksDraft[K]) => onChange({ ...draft, [key]: value });
  const text = (key: 'scaleStableForMs' | 'weightPercent' | 'weightMinimumG' | 'weightPerPackageG' | 'weightPerUnitG', label: MessageKey, testId: string) => (
    <label className="settings-field">
      <span>{t(label)}</span>
      <input data-testid={testId} type="text" inputMode="decimal" autoComplete="off" value={draft[key]} onChange={(event) => edit(key, event.target.value)} />
    </label>
  );
  const editRow = (index: number, patch: Partial<InsuranceRow>) =>
    edit(
      'insuranceRows',
      draft.insuranceRows.map((row, at) => (at === index ? { ...row, ...patch } : row)),
    );

  return (
    <>
      <fieldset className="settings-group" data-testid="settings-scale">
        <legend>{t('settings.scale.title')}</legend>
        <label className="settings-field">
          <span>{t('settings.scale.mode')}</span>
          <select data-testid="settings-scale-mode" value={draft.scaleMode} onChange={(event) => edit('scaleMode', event.target.value as ChecksDraft['scaleMode'])}>
            {SCALE_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`scale.mode.${mode}`)}
              </option>
            ))}
          </select>
        </label>
        {draft.scaleMode === 'serial' ? (
          <>
            <label className="settings-field">
              <span>{t('settings.scale.protocol')}</span>
              <select
                data-testid="settings-scale-protocol"
                value={draft.scaleProtocol}
                onChange={(event) => edit('scaleProtocol', event.target.value as ChecksDraft['scaleProtocol'])}
              >
                {PROTOCOLS.map((protocol) => (
                  <option key={protocol} value={protocol}>
                    {t(`settings.scale.protocol.${protocol}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="settings-field">
              <span>{t('settings.scale.baudRate')}</span>
              <select data-testid="settings-scale-baud" value={draft.scaleBaudRate} onChange={(event) => edit('scaleBaudRate', event.target.value)}>
                {[...new Set([...BAUD_RATES, draft.scaleBaudRate])].map((rate) => (
                  <option key={rate} value={rate}>
                    {rate}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        {text('scaleStableForMs', 'settings.scale.stableForMs', 'settings-scale-stable-ms')}
        <label className="settings-field">
          <span>{t('settings.box.objective')}</span>
          <select data-testid="settings-box-objective" value={draft.boxObjective} onChange={(event) => edit('boxObjective', event.target.value === 'cheapest' ? 'cheapest' : 'smallest')}>
            <option value="smallest">{t('settings.box.objective.smallest')}</option>
            <option value="cheapest">{t('settings.box.objective.cheapest')}</option>
          </select>
        </label>
      </fieldset>
      <fieldset className="settings-group" data-testid="settings-weight-check">
        <legend>{t('settings.weightCheck.title')}</legend>
        {text('weightPercent', 'settings.weightCheck.percent', 'settings-weight-percent')}
        {text('weightMinimumG', 'settings.weightCheck.minimumG', 'settings-weight-minimum')}
        {text('weightPerPackageG', 'settings.weightCheck.perPackageG', 'settings-weight-per-package')}
        {text('weightPerUnitG', 'settings.weightCheck.perUnitG', 'settings-weight-per-unit')}
      </fieldset>
      <fieldset className="settings-group" data-testid="settings-insurance">
        <legend>{t('settings.insurance.title')}</legend>
        <label className="settings-field">
          <span>{t('settings.insurance.mode')}</span>
          <select
            data-testid="settings-insurance-mode"
            value={draft.insuranceMode}
            onChange={(event) => edit('insuranceMode', event.target.value as ChecksDraft['insuranceMode'])}
          >
            <option value="required">{t('settings.insurance.mode.required')}</option>
            <option value="suggested">{t('settings.insurance.mode.suggested')}</option>
            <option value="off">{t('settings.insurance.mode.off')}</option>
          </select>
        </label>
        <table className="insurance-rows">
          <thead>
            <tr>
              <th>{t('settings.insurance.currency')}</th>
              <th>{t('settings.insurance.threshold')}</th>
              <th>{t('settings.insurance.rate')}</th>
              <th>{t('settings.insurance.minimum')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.insuranceRows.map((row, index) => (
              <tr key={index} data-testid="settings-insurance-row">
                <td>
                  <input aria-label={t('settings.insurance.currency')} data-testid="settings-insurance-currency" size={4} maxLength={3} value={row.currency} onChange={(event) => editRow(index, { currency: event.target.value.toUpperCase() })} />
                </td>
                <td>
                  <input aria-label={t('settings.insurance.threshold')} data-testid="settings-insurance-threshold" inputMode="decimal" value={row.threshold} onChange={(event) => editRow(index, { threshold: event.target.value })} />
                </td>
                <td>
                  <input aria-label={t('settings.insurance.rate')} data-testid="settings-insurance-rate" inputMode="decimal" value={row.ratePermille} onChange={(event) => editRow(index, { ratePermille: event.target.value })} />
                </td>
                <td>
                  <input aria-label={t('settings.insurance.minimum')} data-testid="settings-insurance-minimum" inputMode="decimal" value={row.minimum} onChange={(event) => editRow(index, { minimum: event.target.value })} />
                </td>
                <td>
                  <button type="button" onClick={() => edit('insuranceRows', draft.insuranceRows.filter((_, at) => at !== index))}>
                    {t('settings.insurance.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" data-testid="settings-insurance-add" onClick={() => edit('insuranceRows', [...draft.insuranceRows, { currency: '', threshold: '', ratePermille: '', minimum: '' }])}>
          {t('settings.insurance.add')}
        </button>
      </fieldset>
    </>
  );
}
