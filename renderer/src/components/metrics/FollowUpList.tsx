import { useEffect, useState } from 'react';
import type { AppErrorShape, FollowUpRowView } from '../../../../shared/contract';
import { formatDeadline } from '../../format/deadline';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

const MARK: Record<FollowUpRowView['kind'], string> = { exception: '✖', returned: '↩', 'no-first-scan': '◷' };

/**
 * Parcels to follow up (the source: follow each parcel and handle exceptions promptly): a
 * delivery that failed, a parcel on its way back, and a parcel the carrier has not scanned in
 * time, which Amazon will count as invalid tracking. Each with its order and the next step.
 */
export function FollowUpList() {
  const { t, describe, language } = useI18n();
  const api = useAppStore((state) => state.documentsApi);
  const openOrder = useAppStore((state) => state.openOrder);
  const [rows, setRows] = useState<FollowUpRowView[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    let open = true;
    void api['tracking:followUp']({}).then((result) => {
      if (!open) return;
      if (result.ok) setRows(result.value);
      else setError(result.error);
    });
    return () => {
      open = false;
    };
  }, [api]);

  return (
    <section className="follow-up" data-testid="follow-up" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{t('followUp.title')}</h2>
      {error ? (
        <p className="inline-error" role="alert">
          {describe(error)}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p className="hint" data-testid="follow-up-empty">{t('followUp.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <ul className="follow-up-list">
          {rows.map((row) => (
            <li key={`${row.kind}-${row.packageId}`} className={`follow-up-row follow-up-${row.kind}`} data-testid="follow-up-row" data-kind={row.kind}>
              <strong>
                {MARK[row.kind]} {t(`followUp.kind.${row.kind}`)}
              </strong>
              <button type="button" className="link-button order-id" data-testid="follow-up-order" onClick={() => void openOrder(row.orderId)}>
                {row.orderId}
              </button>
              <span className="confirmation-tracking">{row.trackingNumber ?? '—'}</span>
              <span>{t('followUp.since', { time: formatDeadline(row.since, language), hours: Math.round(row.hours) })}</span>
              <span className="follow-up-next">{t(`followUp.next.${row.kind}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
