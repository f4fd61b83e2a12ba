import { useState } from 'react';
import type { AppErrorShape, ShiftProductivityView } from '../../../../shared/contract';
import { shiftFigure } from '../../../../shared/productivity/productivity';
import { downloadBase64File } from '../../dom/download-file';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/** "YYYY-MM-DDTHH:MM" in the bench's local time, as a datetime-local field holds it. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The supervisor's shift report: per packer the orders and units per hour, the mistakes per
 * 100 units and the overrides by reason, on screen and as PDF or CSV for the close of a shift.
 */
export function ShiftReport() {
  const { t, describe } = useI18n();
  const api = useAppStore((state) => state.documentsApi);
  const now = new Date();
  const [from, setFrom] = useState(() => localInput(new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 0)));
  const [to, setTo] = useState(() => localInput(now));
  const [report, setReport] = useState<ShiftProductivityView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const range = () => ({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });

  const show = async () => {
    const result = await api['productivity:shift'](range());
    if (result.ok) {
      setReport(result.value);
      setError(null);
    } else setError(result.error);
  };

  const download = async (format: 'pdf' | 'csv') => {
    const result = await api['productivity:shiftReport']({ ...range(), format });
    if (result.ok) downloadBase64File(result.value);
    else setError(result.error);
  };

  return (
    <section className="settings-group shift-report" data-testid="shift-report" aria-labelledby="shift-report-title">
      <h2 id="shift-report-title">{t('shift.title')}</h2>
      <p className="hint">{t('shift.hint')}</p>
      <div className="shift-range">
        <label className="settings-field">
          <span>{t('shift.from')}</span>
          <input type="datetime-local" data-testid="shift-from" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label className="settings-field">
          <span>{t('shift.to')}</span>
          <input type="datetime-local" data-testid="shift-to" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <button type="button" className="big-button primary" data-testid="shift-show" onClick={() => void show()}>
          {t('shift.show')}
        </button>
        <button type="button" className="big-button" data-testid="shift-pdf" onClick={() => void download('pdf')}>
          {t('shift.pdf')}
        </button>
        <button type="button" className="big-button" data-testid="shift-csv" onClick={() => void download('csv')}>
          {t('shift.csv')}
        </button>
      </div>
      {error ? (
        <p className="inline-error" role="alert" data-testid="shift-error">
          {describe(error)}
        </p>
      ) : null}
      {report ? (
        <table className="shift-table" data-testid="shift-table">
          <thead>
            <tr>
              <th>{t('shift.col.packer')}</th>
              <th>{t('shift.col.orders')}</th>
              <th>{t('shift.col.units')}</th>
              <th>{t('shift.col.hours')}</th>
              <th>{t('shift.col.ordersPerHour')}</th>
              <th>{t('shift.col.unitsPerHour')}</th>
              <th>{t('shift.col.errors')}</th>
              <th>{t('shift.col.overrides')}</th>
            </tr>
          </thead>
          <tbody>
            {report.packers.map((packer) => (
              <tr key={packer.operator} data-testid="shift-row" data-operator={packer.operator}>
                <td>{packer.operator}</td>
                <td>{packer.orders}</td>
                <td>{packer.units}</td>
                <td>{shiftFigure(packer.activeHours)}</td>
                <td>{shiftFigure(packer.ordersPerHour)}</td>
                <td>{shiftFigure(packer.unitsPerHour)}</td>
                <td>{t('shift.errors', { wrong: packer.wrongItems, over: packer.overScans, per100: shiftFigure(packer.errorsPer100Units) })}</td>
                <td>{Object.entries(packer.overridesByReason).map(([reason, count]) => `${reason} ×${count}`).join(', ') || '—'}</td>
              </tr>
            ))}
            <tr className="shift-total" data-testid="shift-total">
              <td>{t('shift.total')}</td>
              <td>{report.totals.orders}</td>
              <td>{report.totals.units}</td>
              <td>{shiftFigure(report.totals.activeHours)}</td>
              <td>{shiftFigure(report.totals.ordersPerHour)}</td>
              <td>{shiftFigure(report.totals.unitsPerHour)}</td>
              <td>{t('shift.errors', { wrong: report.totals.wrongItems, over: report.totals.overScans, per100: shiftFigure(report.totals.errorsPer100Units) })}</td>
              <td>{Object.entries(report.totals.overridesByReason).map(([reason, count]) => `${reason} ×${count}`).join(', ') || '—'}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
