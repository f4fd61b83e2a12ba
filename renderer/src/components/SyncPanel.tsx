import { useEffect } from 'react';
import type { PendingConfirmation, SyncStatus } from '../../../shared/contract';
import { countdownText, formatDeadline } from '../format/deadline';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore, useAppStoreApi } from '../store/store-context';

/** How often the queue asks the station how the marketplace sync stands. */
const STATUS_POLL_MS = 10_000;

const CONNECTION_MARK: Record<SyncStatus['connection'], string> = {
  online: '●',
  offline: '○',
  off: '–',
  'no-credentials': '!',
  'auth-failed': '✖',
};

/** The connection as a word and a mark, never colour alone: it is also shown in the top bar. */
export function SyncConnection({ status, testId = 'sync-connection' }: { status: SyncStatus; testId?: string }) {
  const { t, language } = useI18n();
  return (
    <span className={`sync-connection connection-${status.connection}`} data-testid={testId} data-connection={status.connection}>
      {CONNECTION_MARK[status.connection]} {t(`sync.connection.${status.connection}`)}
      {status.connection === 'offline' && status.lastContactAt ? (
        <span className="sync-last-contact"> {t('sync.lastContact', { time: formatDeadline(status.lastContactAt, language) })}</span>
      ) : null}
    </span>
  );
}

function ConfirmationRow({ job, now }: { job: PendingConfirmation; now: number }) {
  const { t, describe } = useI18n();
  const retry = useAppStore((state) => state.retryConfirmation);
  const urgency = job.late ? 'overdue' : job.atRisk ? 'today' : 'later';
  return (
    <li className={`confirmation confirmation-${job.state} urgency-${urgency}`} data-testid="pending-confirmation" data-order-id={job.orderId} data-state={job.state}>
      <span className="confirmation-order">{job.orderId}</span>
      <span className="confirmation-tracking">{job.trackingNumber ?? '—'}</span>
      <span className="confirmation-state">{t(`sync.state.${job.state}`)}{job.inFile ? ` · ${t('sync.inFile')}` : ''}</span>
      <span className="confirmation-deadline" data-testid="confirm-by">
        {job.late ? <strong className="urgency-marker">⚠ {t('sync.late')} </strong> : job.atRisk ? <strong className="urgency-marker">◷ {t('sync.atRisk')} </strong> : null}
        {t('sync.confirmBy', { countdown: countdownText(t, job.confirmBy, now) })}
      </span>
      {job.lastError ? (
        <span className="confirmation-error" data-testid="confirmation-error">
          {job.errorCode ? describe({ code: job.errorCode, message: job.lastError, data: { message: job.lastError } }) : job.lastError}
        </span>
      ) : null}
      {job.state === 'needs-attention' ? (
        <button type="button" className="big-button" data-testid="confirmation-retry" onClick={() => void retry(job.jobId)}>
          {t('sync.retry')}
        </button>
      ) : null}
    </li>
  );
}

/**
 * The marketplace on the queue screen: connected or not, what has not reached Amazon yet
 * (most urgent first, with its confirm-by countdown), what needs a person, and the way out when
 * the network stays down: Amazon's flat file for upload in Seller Central.
 */
export function SyncPanel() {
  const store = useAppStoreApi();
  const { t, describe, language } = useI18n();
  const status = useAppStore((state) => state.syncStatus);
  const budgetHours = useAppStore((state) => state.settings?.marketplace.offlineBudgetHours ?? 0);
  const error = useAppStore((state) => state.syncError);
  const busy = useAppStore((state) => state.syncBusy);
  const runSync = useAppStore((state) => state.runSync);
  const exportConfirmations = useAppStore((state) => state.exportConfirmations);
  const markUploaded = useAppStore((state) => state.markUploaded);
  const now = useNow(1000);

  useEffect(() => {
    const load = () => void store.getState().loadSyncStatus();
    load();
    const timer = setInterval(load, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [store]);

  if (!status) return null;
  const waiting = status.confirmations;
  return (
    <section className="sync-panel" data-testid="sync-panel" aria-labelledby="sync-title">
      <div className="sync-head">
        <h2 id="sync-title">{t('sync.title')}</h2>
        <SyncConnection status={status} />
        <span className="sync-counts" data-testid="sync-counts">
          {t('sync.counts', { pending: status.pendingCount, attention: status.needsAttentionCount, risk: status.atRiskCount })}
        </span>
        {status.connection !== 'off' && status.connection !== 'no-credentials' ? (
          <button type="button" className="big-button" data-testid="sync-run" disabled={busy} onClick={() => void runSync()}>
            {busy ? t('sync.running') : t('sync.run')}
          </button>
        ) : null}
        {waiting.length > 0 ? (
          <button type="button" className="big-button" data-testid="sync-export" onClick={() => void exportConfirmations()}>
            {t('sync.export')}
          </button>
        ) : null}
        {status.openExport ? (
          <button type="button" className="big-button primary" data-testid="sync-mark-uploaded" onClick={() => void markUploaded(status.openExport?.id ?? 0)}>
            {t('sync.markUploaded', { count: status.openExport.jobCount })}
          </button>
        ) : null}
      </div>
      {status.offlineBudgetExceeded ? (
        <p className="sync-budget" role="alert" data-testid="sync-offline-budget">
          ⚠ {t('sync.offlineBudget', { since: status.oldestUnsentAt ? formatDeadline(status.oldestUnsentAt, language) : '—', hours: budgetHours })}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert" data-testid="sync-error">
          {describe(error)}
        </p>
      ) : null}
      {waiting.length > 0 ? (
        <ol className="confirmation-list" data-testid="pending-confirmations">
          {waiting.map((job) => (
            <ConfirmationRow key={job.jobId} job={job} now={now} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
