import { useEffect, useRef, useState } from 'react';
import type { AppErrorShape, CarrierCatalogView } from '../../../../shared/contract';
import { SERVICE_SPEEDS } from '../../../../shared/domain/carrier-catalog';
import type { CatalogService, ServiceSpeed, TrackingSource } from '../../../../shared/domain/carrier-catalog';
import { TRACKING_FORMATS } from '../../../../shared/domain/tracking';
import type { TrackingFormat } from '../../../../shared/domain/tracking';
import { parseCarrierCatalogJson } from '../../../../shared/import/carrier-catalog';
import type { MessageKey, Params } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { decimalOf, listOf, serviceName, WEEKDAYS } from './carrier-format';
import { ImportProblemList } from './ImportProblemList';
import type { CatalogProblem } from './ImportProblemList';
import type { CarrierApi } from './use-carrier-api';

// One service in settings. The fields a supervisor changes often are inputs; the commercial
// and physical detail (zones, transit, rate card, surcharges, limits) is one JSON text, in the
// same shape as the catalogue file, because a form for a 60-row rate card would be slower to
// use than the text and no safer. Everything is checked here with the importer's own rules
// before anything is sent, and the station checks it again.

/** The fields kept in the JSON text: everything of a service that has no input of its own. */
const DETAIL_KEYS = ['zones', 'transit', 'rateCard', 'surcharges', 'limits', 'volumetricRule', 'acceptsLithium', 'acceptsDangerousGoods'] as const;
type DetailKey = (typeof DETAIL_KEYS)[number];

const TRACKING_SOURCES: readonly TrackingSource[] = ['range', 'pre-printed', 'online'];

type Draft = {
  id: string;
  carrierId: string;
  carrierName: string;
  marketplaceCarrierCode: string;
  shipMethod: string;
  nameEn: string;
  nameZh: string;
  trackingFormat: TrackingFormat;
  trackingSource: TrackingSource;
  network: CatalogService['network'];
  speed: ServiceSpeed;
  cutoff: string;
  pickupDays: number[];
  workingDays: number[];
  fuel: string;
  holidays: string;
  active: boolean;
  voidedNumbersReusable: boolean;
  details: string;
};

const NEW_DETAILS: Pick<CatalogService, DetailKey> = {
  zones: {},
  transit: {},
  rateCard: { currency: 'CNY', rows: [] },
  surcharges: [],
  limits: {},
  volumetricRule: null,
  acceptsLithium: [],
  acceptsDangerousGoods: false,
};

function draftOf(service: CatalogService | null): Draft {
  const details = service === null ? NEW_DETAILS : Object.fromEntries(DETAIL_KEYS.map((key) => [key, service[key]]));
  return {
    id: service?.id ?? '',
    carrierId: service?.carrierId ?? '',
    carrierName: service?.carrierName ?? '',
    marketplaceCarrierCode: service?.marketplaceCarrierCode ?? '',
    shipMethod: service?.shipMethod ?? '',
    nameEn: service?.nameEn ?? '',
    nameZh: service?.nameZh ?? '',
    trackingFormat: service?.trackingFormat ?? 'upu-s10',
    trackingSource: service?.trackingSource ?? 'range',
    network: service?.network ?? 'postal',
    speed: service?.speed ?? 'standard',
    cutoff: service?.cutoff ?? '17:00',
    pickupDays: [...(service?.pickupDays ?? [1, 2, 3, 4, 5])],
    workingDays: [...(service?.workingDays ?? [1, 2, 3, 4, 5])],
    fuel: String(service?.fuelSurchargePercent ?? 0),
    holidays: (service?.holidays ?? []).join('\n'),
    active: service?.active ?? true,
    voidedNumbersReusable: service?.voidedNumbersReusable ?? false,
    details: JSON.stringify(details, null, 2),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Local = { key: MessageKey; params?: Params };
type Checked = { ok: true; service: CatalogService } | { ok: false; local: Local } | { ok: false; problems: CatalogProblem[] };

/** The service the draft describes, checked as a catalogue of one, exactly as the station will. */
function checkDraft(draft: Draft, isNew: boolean, takenIds: readonly string[]): Checked {
  let details: unknown;
  try {
    details = JSON.parse(draft.details);
  } catch (error) {
    return { ok: false, local: { key: 'settings.carriers.editor.badJson', params: { detail: error instanceof Error ? error.message : String(error) } } };
  }
  if (!isRecord(details)) return { ok: false, local: { key: 'settings.carriers.editor.notObject' } };
  const extra = Object.keys(details).filter((key) => !(DETAIL_KEYS as readonly string[]).includes(key));
  if (extra.length > 0) return { ok: false, local: { key: 'settings.carriers.editor.extraKeys', params: { keys: extra.join(', ') } } };
  const fuel = decimalOf(draft.fuel);
  if (fuel === null) return { ok: false, local: { key: 'settings.carriers.editor.fuelNotNumber' } };
  const id = draft.id.trim();
  // saveService replaces a service with the same id: a new one must not take an existing id.
  if (isNew && takenIds.includes(id)) return { ok: false, local: { key: 'settings.carriers.editor.idTaken', params: { id } } };
  const candidate = {
    ...details,
    id,
    carrierId: draft.carrierId.trim(),
    carrierName: draft.carrierName.trim(),
    marketplaceCarrierCode: draft.marketplaceCarrierCode.trim(),
    shipMethod: draft.shipMethod.trim(),
    nameEn: draft.nameEn.trim(),
    nameZh: draft.nameZh.trim(),
    trackingFormat: draft.trackingFormat,
    trackingSource: draft.trackingSource,
    network: draft.network,
    speed: draft.speed,
    cutoff: draft.cutoff.trim(),
    pickupDays: [...draft.pickupDays].sort((a, b) => a - b),
    workingDays: [...draft.workingDays].sort((a, b) => a - b),
    fuelSurchargePercent: fuel,
    holidays: listOf(draft.holidays),
    active: draft.active,
    voidedNumbersReusable: draft.voidedNumbersReusable,
  };
  const parsed = parseCarrierCatalogJson(JSON.stringify({ format: 'packbench-carriers', version: 1, services: [candidate] }));
  if (!parsed.ok) {
    // Paths run from the document; in the editor the service is the whole document, and there is no file.
    const problems = parsed.errors.map((problem) => ({ ...problem, file: undefined, path: problem.path?.replace(/^services\[0\]\.?/, '') }));
    return { ok: false, problems };
  }
  const [service] = parsed.services;
  return service ? { ok: true, service } : { ok: false, local: { key: 'settings.carriers.editor.notObject' } };
}

export function ServiceEditor({
  api,
  service,
  takenIds,
  onSaved,
  onCancel,
}: {
  api: CarrierApi;
  /** Null for a new service. */
  service: CatalogService | null;
  takenIds: readonly string[];
  onSaved: (view: CarrierCatalogView) => void;
  onCancel: () => void;
}) {
  const { t, describe, language } = useI18n();
  const pushToast = useAppStore((state) => state.pushToast);
  const [draft, setDraft] = useState<Draft>(() => draftOf(service));
  const [local, setLocal] = useState<Local | null>(null);
  const [problems, setProblems] = useState<CatalogProblem[]>([]);
  const [refused, setRefused] = useState<AppErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  const isNew = service === null;

  // Opened from a button in the table: the focus follows, so a keyboard user lands in the editor.
  useEffect(() => {
    title.current?.focus();
  }, []);

  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const toggleDay = (key: 'pickupDays' | 'workingDays', day: number, on: boolean) =>
    setDraft((current) => ({ ...current, [key]: on ? [...current[key].filter((d) => d !== day), day] : current[key].filter((d) => d !== day) }));

  const save = async () => {
    const checked = checkDraft(draft, isNew, takenIds);
    if (!checked.ok) {
      setRefused(null);
      if ('local' in checked) {
        setLocal(checked.local);
        setProblems([]);
      } else {
        setLocal(null);
        setProblems(checked.problems);
      }
      return;
    }
    setLocal(null);
    setProblems([]);
    setSaving(true);
    const answer = await api['carriers:saveService']({ service: checked.service });
    setSaving(false);
    if (!answer.ok) return setRefused(answer.error);
    setRefused(null);
    pushToast('settings.carriers.editor.saved', { service: serviceName(checked.service, language) });
    onSaved(answer.value);
  };

  type TextKey = 'id' | 'carrierId' | 'carrierName' | 'marketplaceCarrierCode' | 'shipMethod' | 'nameEn' | 'nameZh' | 'cutoff' | 'fuel';
  const text = (key: TextKey, label: MessageKey, options: { lang?: string; inputMode?: 'decimal'; placeholder?: string; readOnly?: boolean } = {}) => (
    <label className="settings-field">
      <span>{t(label)}</span>
      <input
        type="text"
        autoComplete="off"
        data-testid={`service-${key}`}
        lang={options.lang}
        inputMode={options.inputMode}
        placeholder={options.placeholder}
        readOnly={options.readOnly}
        value={draft[key]}
        onChange={(event) => edit(key, event.target.value)}
      />
    </label>
  );

  const days = (key: 'pickupDays' | 'workingDays', label: MessageKey) => (
    <fieldset className="carrier-days" data-testid={`service-${key}`}>
      <legend>{t(label)}</legend>
      {WEEKDAYS.map((day) => (
        <label key={day} className="check-field">
          <input type="checkbox" checked={draft[key].includes(day)} onChange={(event) => toggleDay(key, day, event.target.checked)} />
          <span>{t(`settings.carriers.weekday.${day}`)}</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <form
      className="settings-group service-editor"
      data-testid="service-editor"
      aria-labelledby="service-editor-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h4 id="service-editor-title" ref={title} tabIndex={-1}>
        {service === null ? t('settings.carriers.editor.newTitle') : t('settings.carriers.editor.title', { service: serviceName(service, language) })}
      </h4>
      <div className="carrier-fields">
        {text('id', 'settings.carriers.editor.id', { readOnly: !isNew, placeholder: 'DHL-EXP-WW' })}
        {text('nameEn', 'settings.carriers.editor.nameEn', { lang: 'en' })}
        {text('nameZh', 'settings.carriers.editor.nameZh', { lang: 'zh-CN' })}
        {text('carrierId', 'settings.carriers.editor.carrierId', { placeholder: 'DHL' })}
        {text('carrierName', 'settings.carriers.editor.carrierName')}
        {text('shipMethod', 'settings.carriers.editor.shipMethod')}
        {text('marketplaceCarrierCode', 'settings.carriers.editor.marketplaceCode')}
        <label className="settings-field">
          <span>{t('settings.carriers.editor.trackingFormat')}</span>
          <select data-testid="service-trackingFormat" value={draft.trackingFormat} onChange={(event) => edit('trackingFormat', event.target.value as TrackingFormat)}>
            {TRACKING_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format}
              </option>
            ))}
          </select>
        </label>
        <label className="settings-field">
          <span>{t('settings.carriers.col.trackingSource')}</span>
          <select data-testid="service-trackingSource" value={draft.trackingSource} onChange={(event) => edit('trackingSource', event.target.value as TrackingSource)}>
            {TRACKING_SOURCES.map((source) => (
              <option key={source} value={source}>
                {t(`settings.carriers.source.${source}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="settings-field">
          <span>{t('settings.carriers.editor.network')}</span>
          <select data-testid="service-network" value={draft.network} onChange={(event) => edit('network', event.target.value === 'express' ? 'express' : 'postal')}>
            <option value="postal">{t('choice.network.postal')}</option>
            <option value="express">{t('choice.network.express')}</option>
          </select>
        </label>
        <label className="settings-field">
          <span>{t('settings.carriers.editor.speed')}</span>
          <select data-testid="service-speed" value={draft.speed} onChange={(event) => edit('speed', event.target.value as ServiceSpeed)}>
            {SERVICE_SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {t(`settings.carriers.speed.${speed}`)}
              </option>
            ))}
          </select>
        </label>
        {text('cutoff', 'settings.carriers.col.cutoff', { placeholder: '17:00' })}
        {text('fuel', 'settings.carriers.editor.fuel', { inputMode: 'decimal' })}
      </div>
      {days('pickupDays', 'settings.carriers.col.pickupDays')}
      {days('workingDays', 'settings.carriers.editor.workingDays')}
      <label className="settings-field">
        <span>{t('settings.carriers.editor.holidays')}</span>
        <textarea data-testid="service-holidays" rows={3} placeholder="2026-10-01" value={draft.holidays} onChange={(event) => edit('holidays', event.target.value)} />
        <small className="hint">{t('settings.carriers.editor.holidaysHint')}</small>
      </label>
      <label className="check-field">
        <input type="checkbox" data-testid="service-active" checked={draft.active} onChange={(event) => edit('active', event.target.checked)} />
        <span>{t('settings.carriers.editor.active')}</span>
      </label>
      <label className="check-field">
        <input
          type="checkbox"
          data-testid="service-voidedNumbersReusable"
          checked={draft.voidedNumbersReusable}
          onChange={(event) => edit('voidedNumbersReusable', event.target.checked)}
        />
        <span>{t('settings.carriers.editor.voidedReusable')}</span>
      </label>
      <label className="settings-field">
        <span>{t('settings.carriers.editor.details')}</span>
        <textarea
          className="carrier-json"
          data-testid="service-details"
          rows={16}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={draft.details}
          onChange={(event) => edit('details', event.target.value)}
        />
        <small className="hint">{t('settings.carriers.editor.detailsHint')}</small>
      </label>
      {local ? (
        <p className="inline-error" role="alert" data-testid="service-editor-error">
          <span aria-hidden="true">✖ </span>
          {t(local.key, local.params)}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div role="alert">
          <p className="inline-error">{t('settings.carriers.editor.notSaved')}</p>
          <ImportProblemList problems={problems} kind="error" testId="service-editor-problem" />
        </div>
      ) : null}
      {refused ? (
        <p className="inline-error" role="alert" data-testid="service-editor-refused">
          {describe(refused)}
        </p>
      ) : null}
      <div className="carrier-actions">
        <button type="submit" className="big-button primary" data-testid="service-save" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="big-button" data-testid="service-cancel" onClick={onCancel}>
          {t('settings.carriers.cancel')}
        </button>
      </div>
    </form>
  );
}
