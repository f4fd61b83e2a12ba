import type { HistoryEntry, Reason, Settings } from '../../../../shared/contract';
import { isMessageKey } from '../../i18n/translate';
import type { Translate } from '../../i18n/translate';
import type { Problem } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { reasonText } from './OverrideDialog';

type Primitive = string | number | boolean | null;

function primitives(detail: Record<string, unknown>): Record<string, Primitive> {
  const out: Record<string, Primitive> = {};
  for (const [name, value] of Object.entries(detail)) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = value;
  }
  return out;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null;
}

function findReason(settings: Settings | null, code: string): Reason | null {
  if (settings === null) return null;
  return [...settings.overrideReasons, ...settings.shortReasons].find((reason) => reason.code === code) ?? null;
}

/** The words for an event kind; a kind this screen does not know yet is shown as stored. */
export function kindText(t: Translate, kind: string): string {
  const key = `history.kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

/** What the detail of an event adds: method, quantity, serial, the scanned code, reason and note. */
function details(t: Translate, language: string, settings: Settings | null, entry: HistoryEntry): string[] {
  const { detail } = entry;
  const out: string[] = [];
  const method = text(detail['method']);
  if (method !== null) {
    const key = `history.method.${method}`;
    out.push(isMessageKey(key) ? t(key) : method);
  }
  const quantity = text(detail['quantity']);
  if (quantity !== null && quantity !== '1') out.push(t('history.detail.quantity', { quantity }));
  // The station logs the barcode as scanned in `code`, and the outcome in `result`.
  const scanned = entry.code ?? text(detail['scanned']);
  if (scanned !== null) out.push(t('history.detail.scanned', { code: scanned }));
  const serial = text(detail['serial']);
  if (serial !== null) out.push(t('history.detail.serial', { serial }));
  const reasonCode = text(detail['reasonCode']);
  if (reasonCode !== null) {
    const reason = findReason(settings, reasonCode);
    out.push(t('history.detail.reason', { reason: reason === null ? reasonCode : reasonText(reason, language) }));
  }
  const note = text(detail['note']);
  if (note !== null) out.push(t('history.detail.note', { note }));
  const supervisor = text(detail['supervisor']);
  if (supervisor !== null) out.push(t('history.detail.supervisor', { name: supervisor }));
  const tracking = text(detail['trackingNumber']);
  if (tracking !== null) out.push(t('history.detail.tracking', { tracking }));
  const reason = text(detail['reason']);
  if (reason !== null && reasonCode === null) out.push(t('history.detail.reasonText', { reason }));
  return out;
}

function formatTime(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The outcome in words: a short word for the usual results ("accepted", "done"), the full
 * translated refusal for a rejected scan (its data is in the stored fact), else as stored.
 */
function outcomeText(t: Translate, describe: (problem: Problem) => string, entry: HistoryEntry): string {
  const short = `history.result.${entry.result}`;
  if (isMessageKey(short)) return t(short);
  const nested = entry.detail['data'];
  const data = typeof nested === 'object' && nested !== null ? primitives(nested as Record<string, unknown>) : primitives(entry.detail);
  return describe({ code: entry.result, message: entry.result, data });
}

/** Every event of the order, oldest first, as the station logged it. */
export function HistoryPanel() {
  const { t, language, describe } = useI18n();
  const history = useAppStore((state) => state.history);
  const historyError = useAppStore((state) => state.historyError);
  const settings = useAppStore((state) => state.settings);
  const loadHistory = useAppStore((state) => state.loadHistory);
  return (
    <section className="pack-history" data-testid="history-panel" aria-labelledby="history-title">
      <div className="packages-head">
        <h2 id="history-title">{t('history.title')}</h2>
        <button type="button" data-testid="history-refresh" onClick={() => void loadHistory()}>
          {t('history.refresh')}
        </button>
      </div>
      {historyError !== null ? (
        <p className="inline-error" role="alert">
          {describe(historyError)}
        </p>
      ) : null}
      {history === null ? <p className="hint">{t('app.loading')}</p> : null}
      {history !== null && history.length === 0 ? <p className="hint">{t('history.empty')}</p> : null}
      {history !== null && history.length > 0 ? (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">{t('history.col.time')}</th>
              <th scope="col">{t('history.col.operator')}</th>
              <th scope="col">{t('history.col.kind')}</th>
              <th scope="col">{t('history.col.outcome')}</th>
              <th scope="col">{t('history.col.package')}</th>
              <th scope="col">{t('history.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => {
              return (
                <tr
                  key={entry.id}
                  data-testid="history-row"
                  data-kind={entry.kind}
                  data-result={entry.result}
                  className={`history-row${entry.kind === 'rejected' ? ' history-rejected' : ''}`}
                >
                  <td className="history-time">
                    <time dateTime={entry.at}>{formatTime(entry.at, language)}</time>
                  </td>
                  <td>{entry.operator}</td>
                  <td>{kindText(t, entry.kind)}</td>
                  <td>
                    {entry.kind === 'rejected' ? <span aria-hidden="true">✖ </span> : null}
                    {outcomeText(t, describe, entry)}
                  </td>
                  <td>{entry.packageSeq !== null ? t('pack.packages.seq', { seq: entry.packageSeq }) : '—'}</td>
                  <td className="history-detail">{details(t, language, settings, entry).join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
