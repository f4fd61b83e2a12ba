import { useEffect } from 'react';
import type { PendingConfirmation } from '../../../../shared/contract';
import { countdownText, formatDeadline } from '../../format/deadline';
import { deadlineStanding } from '../../../../shared/sync/confirm-deadline';
import { useNow } from '../../hooks/use-now';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { STATUS_MARK, limitText, rateText } from './metric-format';

/** How often the queue reads the metrics again: the report is cheap, and figures move slowly. */
export const METRICS_POLL_MS = 5 * 60_000;
/** A confirmation due within this much time, and not yet at Amazon, is about to make a shipment late. */
export const DUE_WITHIN_MS = 60 * 60_000;

/** Not yet late, and late within the hour unless it reaches Amazon first (shared/sync/confirm-deadline.ts). */
export function confirmationsDueWithinHour(confirmations: readonly PendingConfirmation[], now: number): Array<PendingConfirmation & { confirmBy: string }> {
  return confirmations.filter(
    (job): job is PendingConfirmation & { confirmBy: string } => job.confirmBy !== null && deadlineStanding(job.confirmBy, now, DUE_WITHIN_MS) === 'within',
  );
}

/** A figure amber or red: its name, rate and limit; a supervisor can go straight to the dashboard. */
function MetricsAlert() {
  const { t, language } = useI18n();
  const report = useAppStore((state) => state.metricsReport);
  const supervisor = useAppStore((state) => state.operator?.role === 'supervisor');
  const navigate = useAppStore((state) => state.navigate);
  const hurting = (report?.metrics ?? []).filter((metric) => metric.status === 'red' || metric.status === 'amber');
  if (hurting.length === 0) return null;
  const red = hurting.some((metric) => metric.status === 'red');
  return (
    <section className={`queue-alert metrics-alert status-${red ? 'red' : 'amber'}`} role={red ? 'alert' : 'status'} data-testid="metrics-alert" aria-labelledby="metrics-alert-title">
      <h2 id="metrics-alert-title" className="queue-alert-title">
        <span aria-hidden="true">{STATUS_MARK[red ? 'red' : 'amber']} </span>
        {t('metricsAlert.title')}
      </h2>
      <ul className="queue-alert-list">
        {hurting.map((metric) => (
          <li key={metric.id} className={`status-${metric.status}`} data-testid="metrics-alert-item" data-metric-id={metric.id} data-status={metric.status}>
            <span className="metric-status-mark" aria-hidden="true">
              {STATUS_MARK[metric.status]}{' '}
            </span>
            {t(metric.status === 'red' ? 'metricsAlert.red' : 'metricsAlert.amber', {
              metric: t(`metrics.name.${metric.id}`),
              rate: rateText(t, language, metric),
              target: limitText(t, language, metric.target),
            })}
          </li>
        ))}
      </ul>
      {supervisor ? (
        <button type="button" className="big-button" data-testid="metrics-alert-open-dashboard" onClick={() => navigate('dashboard')}>
          {t('metricsAlert.openDashboard')}
        </button>
      ) : null}
    </section>
  );
}

/** Confirmations that make their shipment late within the hour unless they reach Amazon first. */
function ConfirmationsDueAlert() {
  const { t, language } = useI18n();
  const confirmations = useAppStore((state) => state.syncStatus?.confirmations);
  const now = useNow(1000);
  const due = confirmationsDueWithinHour(confirmations ?? [], now);
  if (due.length === 0) return null;
  return (
    <section className="queue-alert confirmations-due-alert status-amber" role="alert" data-testid="confirmations-due-alert" aria-labelledby="confirmations-due-title">
      <h2 id="confirmations-due-title" className="queue-alert-title">
        <span aria-hidden="true">◷ </span>
        {t('confirmDue.title', { count: due.length })}
      </h2>
      <ul className="queue-alert-list">
        {due.map((job) => (
          <li key={job.jobId} data-testid="confirmations-due-item" data-order-id={job.orderId}>
            {t('confirmDue.item', { orderId: job.orderId, time: formatDeadline(job.confirmBy, language), countdown: countdownText(t, job.confirmBy, now) })}
          </li>
        ))}
      </ul>
      <p className="queue-alert-hint">{t('confirmDue.hint')}</p>
    </section>
  );
}

/**
 * The queue's warnings about Amazon's figures: a seller metric near or over its limit, and
 * shipment confirmations that turn late within the hour. The metrics are read when the queue
 * opens and every few minutes; the confirmations come with the sync status the queue polls.
 */
export function QueueAlerts() {
  const store = useAppStoreApi();
  useEffect(() => {
    const load = () => void store.getState().loadMetricsReport();
    load();
    const timer = setInterval(load, METRICS_POLL_MS);
    return () => clearInterval(timer);
  }, [store]);
  return (
    <>
      <ConfirmationsDueAlert />
      <MetricsAlert />
    </>
  );
}
