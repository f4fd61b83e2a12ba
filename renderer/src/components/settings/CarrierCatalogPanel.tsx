import { useState } from 'react';
import type { AppErrorShape, CarrierCatalogView, CatalogImportInput, CatalogImportResult } from '../../../../shared/contract';
import type { CatalogService } from '../../../../shared/domain/carrier-catalog';
import { downloadBase64File } from '../../dom/download-file';
import type { MessageKey } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';
import { serviceName, weekdaysText } from './carrier-format';
import { DropZone, FileField } from './FileDrop';
import { ImportProblemList } from './ImportProblemList';
import { ServiceEditor } from './ServiceEditor';
import type { CarrierApi } from './use-carrier-api';

/** The services table, import and export of the whole catalogue, and the editor for one service. */
export function CarrierCatalogPanel({
  api,
  services,
  onCatalog,
  onReload,
}: {
  api: CarrierApi;
  services: CatalogService[];
  onCatalog: (view: CarrierCatalogView) => void;
  onReload: () => Promise<void>;
}) {
  const { t, language } = useI18n();
  // The service being edited: its id, 'new' for a new one, or null when the editor is closed.
  const [editing, setEditing] = useState<string | null>(null);
  const edited = editing === null || editing === 'new' ? null : (services.find((service) => service.id === editing) ?? null);

  return (
    <section className="settings-group carrier-catalog" aria-labelledby="carrier-catalog-title" data-testid="carrier-catalog">
      <h3 id="carrier-catalog-title">{t('settings.carriers.catalog.title')}</h3>
      {services.length === 0 ? <p className="hint">{t('settings.carriers.catalog.empty')}</p> : null}
      {services.length > 0 ? (
        // Wide table: it scrolls sideways on its own, and takes the focus so the keyboard can scroll it.
        <div className="carrier-table-wrap" role="region" aria-labelledby="carrier-catalog-title" tabIndex={0}>
          <table className="carrier-table" data-testid="carrier-services">
            <thead>
              <tr>
                <th scope="col">{t('settings.carriers.col.service')}</th>
                <th scope="col">{t('settings.carriers.col.carrier')}</th>
                <th scope="col">{t('settings.carriers.col.marketplaceCode')}</th>
                <th scope="col">{t('settings.carriers.col.network')}</th>
                <th scope="col">{t('settings.carriers.col.trackingSource')}</th>
                <th scope="col">{t('settings.carriers.col.cutoff')}</th>
                <th scope="col">{t('settings.carriers.col.pickupDays')}</th>
                <th scope="col">{t('settings.carriers.col.fuel')}</th>
                <th scope="col">{t('settings.carriers.col.active')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('settings.carriers.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.id} data-testid="carrier-service-row" data-service={service.id} className={service.active ? undefined : 'inactive'}>
                  <th scope="row">
                    <span className="carrier-service-name">{serviceName(service, language)}</span>
                    <small className="hint carrier-service-id">{service.id}</small>
                  </th>
                  <td>{service.carrierName}</td>
                  <td>{service.marketplaceCarrierCode}</td>
                  <td>
                    {t(`choice.network.${service.network}`)} · {t(`settings.carriers.speed.${service.speed}`)}
                  </td>
                  <td>{t(`settings.carriers.source.${service.trackingSource}`)}</td>
                  <td>{service.cutoff}</td>
                  <td>{weekdaysText(service.pickupDays, t)}</td>
                  <td>{t('settings.carriers.percent', { value: service.fuelSurchargePercent })}</td>
                  <td>
                    <span aria-hidden="true">{service.active ? '✔ ' : '✖ '}</span>
                    {service.active ? t('settings.carriers.yes') : t('settings.carriers.no')}
                  </td>
                  <td>
                    <button
                      type="button"
                      data-testid={`carrier-edit-${service.id}`}
                      aria-label={t('settings.carriers.editService', { service: serviceName(service, language) })}
                      aria-expanded={editing === service.id}
                      onClick={() => setEditing(service.id)}
                    >
                      {t('settings.carriers.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="carrier-actions">
        <button type="button" data-testid="carrier-new-service" aria-expanded={editing === 'new'} onClick={() => setEditing('new')}>
          + {t('settings.carriers.newService')}
        </button>
        <ExportButton api={api} />
      </div>
      {editing !== null ? (
        <ServiceEditor
          key={editing}
          api={api}
          service={edited}
          takenIds={services.map((service) => service.id)}
          onSaved={(view) => {
            onCatalog(view);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <CatalogImport api={api} onImported={onReload} />
    </section>
  );
}

/** UTF-8 bytes as base64, in slices: one spread of a large catalogue would overflow the call stack. */
function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function ExportButton({ api }: { api: CarrierApi }) {
  const { t, describe } = useI18n();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const exportCatalog = async () => {
    setBusy(true);
    const answer = await api['carriers:export']({});
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setError(null);
    downloadBase64File({ fileName: answer.value.fileName, mime: 'application/json', base64: utf8Base64(answer.value.json) });
  };
  return (
    <>
      <button type="button" className="big-button" data-testid="carrier-export" disabled={busy} onClick={() => void exportCatalog()}>
        <span aria-hidden="true">⇩ </span>
        {t('settings.carriers.export')}
      </button>
      {error ? (
        <p className="inline-error" role="alert" data-testid="carrier-export-error">
          {describe(error)}
        </p>
      ) : null}
    </>
  );
}

type ImportFiles = { json: File | null; services: File | null; rates: File | null };
type ImportFormat = CatalogImportInput['format'];

/** The CSV pair is told apart by its header: only the rates file has an up_to_g column. */
async function isRatesFile(file: File): Promise<boolean> {
  const head = await file.slice(0, 4096).text();
  const header = head.split(/\r?\n/, 1)[0] ?? '';
  return /(^|[,;\t"])\s*up_to_g\s*("|[,;\t]|$)/i.test(header);
}

function CatalogImport({ api, onImported }: { api: CarrierApi; onImported: () => Promise<void> }) {
  const { t, describe } = useI18n();
  const [format, setFormat] = useState<ImportFormat>('json');
  const [files, setFiles] = useState<ImportFiles>({ json: null, services: null, rates: null });
  const [result, setResult] = useState<CatalogImportResult | null>(null);
  const [refused, setRefused] = useState<AppErrorShape | null>(null);
  const [missing, setMissing] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (key: keyof ImportFiles, file: File | null) => {
    setFiles((current) => ({ ...current, [key]: file }));
    setMissing(null);
  };

  const dropped = async (list: File[]) => {
    const json = list.find((file) => /\.json$/i.test(file.name));
    if (json) {
      setFormat('json');
      choose('json', json);
      return;
    }
    const next: Partial<ImportFiles> = {};
    for (const file of list) {
      if (await isRatesFile(file)) next.rates = file;
      else next.services = file;
    }
    setFormat('csv');
    setFiles((current) => ({ ...current, ...next }));
    setMissing(null);
  };

  const run = async () => {
    let input: CatalogImportInput;
    if (format === 'json') {
      if (!files.json) return setMissing('settings.carriers.import.needJson');
      input = { format: 'json', json: await files.json.text() };
    } else {
      if (!files.services || !files.rates) return setMissing('settings.carriers.import.needCsv');
      input = { format: 'csv', servicesCsv: await files.services.text(), ratesCsv: await files.rates.text() };
    }
    setMissing(null);
    setBusy(true);
    const answer = await api['carriers:import'](input);
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
    <DropZone testId="carrier-import" onFiles={(list) => void dropped(list)}>
      <h4 id="carrier-import-title">{t('settings.carriers.import.title')}</h4>
      <p className="hint">{t('settings.carriers.import.hint')}</p>
      <fieldset className="carrier-format" aria-labelledby="carrier-import-title">
        <legend className="visually-hidden">{t('settings.carriers.import.format')}</legend>
        <label className="check-field">
          <input type="radio" name="carrier-import-format" data-testid="carrier-import-json" checked={format === 'json'} onChange={() => setFormat('json')} />
          <span>{t('settings.carriers.import.formatJson')}</span>
        </label>
        <label className="check-field">
          <input type="radio" name="carrier-import-format" data-testid="carrier-import-csv" checked={format === 'csv'} onChange={() => setFormat('csv')} />
          <span>{t('settings.carriers.import.formatCsv')}</span>
        </label>
      </fieldset>
      {format === 'json' ? (
        <FileField label="settings.carriers.import.chooseJson" accept=".json,application/json" testId="carrier-import-json-file" file={files.json} onFile={(file) => choose('json', file)} />
      ) : (
        <>
          <FileField label="settings.carriers.import.chooseServices" accept=".csv,text/csv" testId="carrier-import-services-file" file={files.services} onFile={(file) => choose('services', file)} />
          <FileField label="settings.carriers.import.chooseRates" accept=".csv,text/csv" testId="carrier-import-rates-file" file={files.rates} onFile={(file) => choose('rates', file)} />
        </>
      )}
      <p className="hint">{t('settings.carriers.import.drop')}</p>
      <button type="button" className="big-button primary" data-testid="carrier-import-start" disabled={busy} onClick={() => void run()}>
        {busy ? t('settings.carriers.import.running') : t('settings.carriers.import.start')}
      </button>
      {missing ? (
        <p className="inline-error" role="alert">
          {t(missing)}
        </p>
      ) : null}
      {refused ? (
        <p className="inline-error" role="alert" data-testid="carrier-import-refused">
          {describe(refused)}
        </p>
      ) : null}
      {result ? (
        <div className="carrier-import-result" data-testid="carrier-import-result" data-ok={result.ok}>
          {result.ok ? (
            <p className="ok-text" role="status">
              <span aria-hidden="true">✔ </span>
              {t('settings.carriers.import.saved', { count: result.saved })}
              {result.deactivated > 0 ? ` ${t('settings.carriers.import.deactivated', { count: result.deactivated })}` : ''}
            </p>
          ) : (
            <p className="inline-error" role="alert">
              <span aria-hidden="true">✖ </span>
              {t('settings.carriers.import.failed', { count: result.errors.length })}
            </p>
          )}
          <ImportProblemList problems={result.errors} kind="error" testId="carrier-import-error" />
          <ImportProblemList problems={result.warnings} kind="warning" testId="carrier-import-warning" />
        </div>
      ) : null}
    </DropZone>
  );
}
