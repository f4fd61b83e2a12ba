import { useEffect, useState } from 'react';
import type { AppErrorShape, ManifestDay } from '../../../../shared/contract';
import { downloadBase64File } from '../../dom/download-file';
import { formatKg } from '../../format/units';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/** The station's local calendar day, as manifests are kept. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * End of day: per carrier, the parcels labelled on the day that wait for the driver, the
 * close-out that puts them on a manifest (and locks them: a parcel on a manifest has left),
 * and the manifests to print or send, as PDF and CSV.
 */
export function EndOfDay() {
  const { t, describe } = useI18n();
  const api = useAppStore((state) => state.documentsApi);
  const [day, setDay] = useState(today);
  const [rows, setRows] = useState<ManifestDay[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    // An answer that arrives after the day changed or the tab was left is dropped.
    let open = true;
    void api['manifest:day']({ day }).then((result) => {
      if (!open) return;
      if (result.ok) {
        setRows(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      open = false;
    };
  }, [api, day]);

  const closeOut = async (carrierId: string) => {
    setBusy(carrierId);
    const result = await api['manifest:closeOut']({ day, carrierId });
    setBusy(null);
    setConfirming(null);
    if (result.ok) {
      setRows(result.value);
      setError(null);
    } else setError(result.error);
  };

  const download = async (carrierId: string, format: 'pdf' | 'csv') => {
    const result = await api['manifest:document']({ day, carrierId, format });
    if (result.ok) downloadBase64File(result.value);
    else setError(result.error);
  };

  return (
    <section className="end-of-day" data-testid="end-of-day" aria-labelledby="end-of-day-title">
      <h2 id="end-of-day-title">{t('endOfDay.title')}</h2>
      <p className="hint">{t('endOfDay.hint')}</p>
      <label className="settings-field end-of-day-date">
        <span>{t('endOfDay.day')}</span>
        <input type="date" data-testid="end-of-day-date" value={day} onChange={(event) => event.target.value !== '' && setDay(event.target.value)} />
      </label>
      {error ? (
        <p className="inline-error" role="alert" data-testid="end-of-day-error">
          {describe(error)}
        </p>
      ) : null}
      {rows === null ? (
        <p className="hint">{t('app.loading')}</p>
      ) : (
        <table className="range-table end-of-day-table">
          <thead>
            <tr>
              <th>{t('endOfDay.carrier')}</th>
              <th>{t('endOfDay.waiting')}</th>
              <th>{t('endOfDay.closed')}</th>
              <th>{t('endOfDay.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.carrierId} data-testid="end-of-day-row" data-carrier={row.carrierId}>
                <td>{row.carrierName}</td>
                <td data-testid="end-of-day-waiting">{t('endOfDay.parcels', { count: row.waiting, weight: formatKg(row.waitingWeightG) })}</td>
                <td>
                  {row.closed.length === 0
                    ? '—'
                    : row.closed.map((manifest) => (
                        <div key={manifest.id}>
                          {t('endOfDay.manifest', { id: manifest.id, count: manifest.packageCount, by: manifest.closedBy, at: new Date(manifest.closedAt).toLocaleTimeString() })}
                        </div>
                      ))}
                </td>
                <td className="end-of-day-actions">
                  {confirming === row.carrierId ? (
                    <>
                      <button type="button" className="big-button primary" data-testid="end-of-day-confirm" disabled={busy !== null} onClick={() => void closeOut(row.carrierId)}>
                        {t('endOfDay.confirm', { count: row.waiting })}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('endOfDay.keepOpen')}
                      </button>
                    </>
                  ) : (
                    <button type="button" className="big-button" data-testid="end-of-day-close" disabled={row.waiting === 0 || busy !== null} onClick={() => setConfirming(row.carrierId)}>
                      {t('endOfDay.close')}
                    </button>
                  )}
                  <button type="button" data-testid="end-of-day-pdf" disabled={row.waiting === 0 && row.closed.length === 0} onClick={() => void download(row.carrierId, 'pdf')}>
                    {t('endOfDay.pdf')}
                  </button>
                  <button type="button" data-testid="end-of-day-csv" disabled={row.waiting === 0 && row.closed.length === 0} onClick={() => void download(row.carrierId, 'csv')}>
                    {t('endOfDay.csv')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
