import { useState } from 'react';
import type { AppErrorShape, CarrierCatalogView, RangeImportResult } from '../../../../shared/contract';
import { SCAN_AS_TEXT_ATTRIBUTE } from '../../input/use-scanner-input';
import type { MessageKey, Params } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { serviceName, wholeOf } from './carrier-format';
import { DropZone, FileField } from './FileDrop';
import type { CarrierApi } from './use-carrier-api';

type RangeStatus = CarrierCatalogView['ranges'][number];

// Tracking numbers of range-fed services: how many are left (and whether that is below the
// level a supervisor asked to be warned at), the ranges themselves, and adding one, typed or
// from the carrier's file. The station refuses a range that shares a number with another, so
// the screen never has to decide that itself.

export function TrackingRangesPanel({
  api,
  catalog,
  onCatalog,
  onReload,
}: {
  api: CarrierApi;
  catalog: CarrierCatalogView;
  onCatalog: (view: CarrierCatalogView) => void;
  onReload: () => Promise<void>;
}) {
  const { t, language } = useI18n();
  const byId = new Map(catalog.services.map((service) => [service.id, service]));
  const nameOf = (serviceId: string) => {
    const service = byId.get(serviceId);
    return service ? serviceName(service, language) : serviceId;
  };
  const { numbers } = catalog;

  return (
    <section className="settings-group tracking-ranges" aria-labelledby="tracking-ranges-title" data-testid="tracking-ranges">
      <h3 id="tracking-ranges-title">{t('settings.carriers.ranges.title')}</h3>
      <p className="hint" data-testid="tracking-numbers-summary">
        {t('settings.carriers.ranges.numbers', { allocated: numbers.allocated, labelled: numbers.labelled, void: numbers.void, orphaned: numbers.orphaned })}
      </p>
      {catalog.ranges.length === 0 ? <p className="hint">{t('settings.carriers.ranges.noRangeServices')}</p> : null}
      {catalog.ranges.map((status) => (
        <RangeStatusCard key={status.serviceId} status={status} name={nameOf(status.serviceId)} />
      ))}
      <AddRangeForm api={api} services={catalog.ranges.map((status) => ({ id: status.serviceId, name: nameOf(status.serviceId) }))} onCatalog={onCatalog} />
      <RangeFileImport api={api} onImported={onReload} />
    </section>
  );
}

function RangeStatusCard({ status, name }: { status: RangeStatus; name: string }) {
  const { t } = useI18n();
  return (
    <article
      className={`range-status${status.low ? ' low' : ''}`}
      data-testid="range-status"
      data-service={status.serviceId}
      data-low={status.low}
      aria-labelledby={`range-status-${status.serviceId}`}
    >
      <h4 id={`range-status-${status.serviceId}`}>{name}</h4>
      <p className="range-remaining">
        <strong>{t('settings.carriers.ranges.remaining', { count: status.remaining })}</strong>
      </p>
      {status.low ? (
        // Words and an icon, not only the colour: the warning must read on a greyscale screen too.
        <p className="range-low-warning" data-testid="range-low-warning">
          <span aria-hidden="true">⚠ </span>
          {t('settings.carriers.ranges.low', { count: status.remaining, level: status.lowWarningAt })}
        </p>
      ) : (
        <p className="hint">{t('settings.carriers.ranges.warnAt', { level: status.lowWarningAt })}</p>
      )}
      {status.orphaned > 0 ? (
        <p data-testid="range-orphaned">{t('settings.carriers.ranges.orphaned', { count: status.orphaned })}</p>
      ) : null}
      {status.ranges.length === 0 ? (
        <p className="hint">{t('settings.carriers.ranges.none')}</p>
      ) : (
        <table className="range-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.carriers.ranges.prefix')}</th>
              <th scope="col">{t('settings.carriers.ranges.suffix')}</th>
              <th scope="col">{t('settings.carriers.ranges.span')}</th>
              <th scope="col">{t('settings.carriers.ranges.next')}</th>
              <th scope="col">{t('settings.carriers.ranges.left')}</th>
              <th scope="col">{t('settings.carriers.ranges.reference')}</th>
            </tr>
          </thead>
          <tbody>
            {status.ranges.map((range) => {
              const left = Math.max(0, range.lastSeq - range.nextSeq + 1);
              return (
                <tr key={range.id} data-testid="range-row" data-range={range.id}>
                  <td>{range.prefix === '' ? '—' : <code>{range.prefix}</code>}</td>
                  <td>{range.suffix === '' ? '—' : <code>{range.suffix}</code>}</td>
                  <td>
                    {range.firstSeq}–{range.lastSeq}
                  </td>
                  <td>{left === 0 ? t('settings.carriers.ranges.usedUp') : range.nextSeq}</td>
                  <td>{left}</td>
                  <td>{range.reference === '' ? '—' : range.reference}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}

type RangeDraft = { serviceId: string; prefix: string; suffix: string; first: string; last: string; reference: string; lowWarningAt: string };

const DEFAULT_LOW_WARNING = '200';

function AddRangeForm({ api, services, onCatalog }: { api: CarrierApi; services: { id: string; name: string }[]; onCatalog: (view: CarrierCatalogView) => void }) {
  const { t, describe } = useI18n();
  const pushToast = useAppStore((state) => state.pushToast);
  const empty = (serviceId: string): RangeDraft => ({ serviceId, prefix: '', suffix: '', first: '', last: '', reference: '', lowWarningAt: DEFAULT_LOW_WARNING });
  const [draft, setDraft] = useState<RangeDraft>(() => empty(services[0]?.id ?? ''));
  const [local, setLocal] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const [refused, setRefused] = useState<AppErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  // A service that left the list (a new catalogue) must not stay chosen without being shown.
  const serviceId = services.some((service) => service.id === draft.serviceId) ? draft.serviceId : (services[0]?.id ?? '');

  const edit = <K extends keyof RangeDraft>(key: K, value: RangeDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const add = async () => {
    if (serviceId === '') return setLocal({ key: 'settings.carriers.ranges.needService' });
    if (draft.first.trim() === '' || draft.last.trim() === '') return setLocal({ key: 'settings.carriers.ranges.needBounds' });
    const lowWarningAt = wholeOf(draft.lowWarningAt);
    if (lowWarningAt === null) return setLocal({ key: 'settings.notWholeNumber', params: { field: t('settings.carriers.ranges.lowWarningAt') } });
    setLocal(null);
    setSaving(true);
    const answer = await api['carriers:addRange']({
      serviceId,
      prefix: draft.prefix.trim(),
      suffix: draft.suffix.trim(),
      first: draft.first.trim(),
      last: draft.last.trim(),
      reference: draft.reference.trim(),
      lowWarningAt,
    });
    setSaving(false);
    if (!answer.ok) return setRefused(answer.error);
    setRefused(null);
    onCatalog(answer.value);
    pushToast('settings.carriers.ranges.added', { first: draft.first.trim(), last: draft.last.trim() });
    setDraft(empty(serviceId));
  };

  const text = (key: Exclude<keyof RangeDraft, 'serviceId'>, label: MessageKey, options: { scan?: boolean; numeric?: boolean } = {}) => (
    <label className="settings-field">
      <span>{t(label)}</span>
      <input
        type="text"
        autoComplete="off"
        data-testid={`range-${key}`}
        inputMode={options.numeric ? 'numeric' : undefined}
        // The first and last numbers are often scanned from the roll's first and last labels.
        {...(options.scan ? { [SCAN_AS_TEXT_ATTRIBUTE]: 'text' } : {})}
        value={draft[key]}
        onChange={(event) => edit(key, event.target.value)}
      />
    </label>
  );

  return (
    <form
      className="settings-group add-range"
      data-testid="add-range"
      aria-labelledby="add-range-title"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <h4 id="add-range-title">{t('settings.carriers.ranges.addTitle')}</h4>
      <p className="hint">{t('settings.carriers.ranges.addHint')}</p>
      <div className="carrier-fields">
        <label className="settings-field">
          <span>{t('settings.carriers.ranges.service')}</span>
          <select data-testid="range-service" value={serviceId} onChange={(event) => edit('serviceId', event.target.value)}>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
        </label>
        {text('prefix', 'settings.carriers.ranges.prefix')}
        {text('suffix', 'settings.carriers.ranges.suffix')}
        {text('first', 'settings.carriers.ranges.first', { scan: true })}
        {text('last', 'settings.carriers.ranges.last', { scan: true })}
        {text('reference', 'settings.carriers.ranges.reference')}
        {text('lowWarningAt', 'settings.carriers.ranges.lowWarningAt', { numeric: true })}
      </div>
      {local ? (
        <p className="inline-error" role="alert" data-testid="add-range-error">
          <span aria-hidden="true">✖ </span>
          {t(local.key, local.params)}
        </p>
      ) : null}
      {refused ? (
        <p className="inline-error" role="alert" data-testid="add-range-refused" data-code={refused.code}>
          <span aria-hidden="true">✖ </span>
          {describe(refused)}
        </p>
      ) : null}
      <button type="submit" className="big-button primary" data-testid="range-add" disabled={saving || services.length === 0}>
        {saving ? t('common.saving') : t('settings.carriers.ranges.add')}
      </button>
    </form>
  );
}

function RangeFileImport({ api, onImported }: { api: CarrierApi; onImported: () => Promise<void> }) {
  const { t, describe } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<RangeImportResult | null>(null);
  const [refused, setRefused] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setMissing(false);
  };

  const run = async () => {
    if (file === null) return setMissing(true);
    setBusy(true);
    const answer = await api['carriers:importRanges']({ csv: await file.text() });
    if (!answer.ok) {
      setResult(null);
      setRefused(answer.error);
    } else {
      setRefused(null);
      setResult(answer.value);
      if (answer.value.ok) await onImported();
    }
    setBusy(false);
  };

  return (
    <DropZone testId="range-import" onFiles={(files) => choose(files[0] ?? null)}>
      <h4>{t('settings.carriers.ranges.importTitle')}</h4>
      <p className="hint">{t('settings.carriers.ranges.importHint')}</p>
      <FileField label="settings.carriers.ranges.chooseFile" accept=".csv,text/csv" testId="range-import-file" file={file} onFile={choose} />
      <button type="button" className="big-button" data-testid="range-import-start" disabled={busy} onClick={() => void run()}>
        {busy ? t('settings.carriers.import.running') : t('settings.carriers.ranges.importStart')}
      </button>
      {missing ? (
        <p className="inline-error" role="alert">
          {t('settings.carriers.ranges.needFile')}
        </p>
      ) : null}
      {refused ? (
        <p className="inline-error" role="alert">
          {describe(refused)}
        </p>
      ) : null}
      {result ? (
        <div data-testid="range-import-result" data-ok={result.ok}>
          {result.ok ? (
            <p className="ok-text" role="status">
              <span aria-hidden="true">✔ </span>
              {t('settings.carriers.ranges.imported', { count: result.added })}
            </p>
          ) : (
            <>
              <p className="inline-error" role="alert">
                <span aria-hidden="true">✖ </span>
                {t('settings.carriers.ranges.importFailed', { count: result.errors.length })}
              </p>
              <ul className="carrier-problems error">
                {result.errors.map((error, index) => (
                  <li key={`${error.line}-${index}`} data-testid="range-import-error" data-code={error.code}>
                    <span className="problem-where">{t('settings.carriers.problems.line', { line: error.line })}</span>
                    <span className="problem-text">{describe(error)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
    </DropZone>
  );
}
