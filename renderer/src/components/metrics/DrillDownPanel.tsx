import { useEffect, useRef } from 'react';
import type { DrillDownRowView } from '../../../../shared/contract';
import { formatDeadline } from '../../format/deadline';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import type { DrillDownState } from '../../store/types';
import { reasonText, timeName } from './metric-format';

function RowTimes({ times }: { times: DrillDownRowView['times'] }) {
  const { t, language } = useI18n();
  return (
    <ul className="drilldown-times" data-testid="drilldown-times">
      {Object.entries(times).map(([name, time]) => (
        <li key={name} data-time={name}>
          {t('metrics.drill.time', { name: timeName(t, name), time: time === null ? t('metrics.drill.notYet') : formatDeadline(time, language) })}
        </li>
      ))}
    </ul>
  );
}

/**
 * The orders (or packages) behind one figure, a page at a time, newest first as the station
 * sends them: why each counts and the times that decided it, in local time. An order id opens
 * the order.
 */
export function DrillDownPanel({ drill }: { drill: DrillDownState }) {
  const { t, describe } = useI18n();
  const pageDrillDown = useAppStore((state) => state.pageDrillDown);
  const closeDrillDown = useAppStore((state) => state.closeDrillDown);
  const openOrder = useAppStore((state) => state.openOrder);
  const heading = useRef<HTMLHeadingElement>(null);

  // The list opens above the tiles: bring it into view when another metric is chosen.
  useEffect(() => {
    heading.current?.focus();
  }, [drill.metricId]);

  const from = drill.total === 0 ? 0 : drill.offset + 1;
  const to = drill.offset + drill.rows.length;
  return (
    <section className="drilldown" data-testid="metric-drilldown" data-metric-id={drill.metricId} aria-labelledby="drilldown-title" aria-busy={drill.loading}>
      <div className="drilldown-head">
        <h2 id="drilldown-title" ref={heading} tabIndex={-1}>
          {t('metrics.drill.title', { metric: t(`metrics.name.${drill.metricId}`) })}
        </h2>
        <span className="drilldown-range" data-testid="drilldown-range">
          {t('metrics.drill.range', { from, to, total: drill.total })}
        </span>
        <button type="button" className="big-button" data-testid="drilldown-prev" disabled={drill.loading || drill.offset === 0} onClick={() => void pageDrillDown(drill.offset - drill.limit)}>
          {t('metrics.drill.prev')}
        </button>
        <button type="button" className="big-button" data-testid="drilldown-next" disabled={drill.loading || to >= drill.total} onClick={() => void pageDrillDown(drill.offset + drill.limit)}>
          {t('metrics.drill.next')}
        </button>
        <button type="button" className="big-button" data-testid="drilldown-close" onClick={closeDrillDown}>
          {t('metrics.drill.close')}
        </button>
      </div>
      {drill.error ? (
        <p className="inline-error" role="alert" data-testid="drilldown-error">
          {describe(drill.error)}
        </p>
      ) : null}
      {drill.loading && drill.rows.length === 0 ? <p className="hint">{t('metrics.drill.loading')}</p> : null}
      {!drill.loading && !drill.error && drill.rows.length === 0 ? (
        <p className="empty" data-testid="drilldown-empty">
          {t('metrics.drill.empty')}
        </p>
      ) : null}
      {drill.rows.length > 0 ? (
        <table className="drilldown-table">
          <thead>
            <tr>
              <th scope="col">{t('metrics.drill.col.order')}</th>
              <th scope="col">{t('metrics.drill.col.reason')}</th>
              <th scope="col">{t('metrics.drill.col.times')}</th>
            </tr>
          </thead>
          <tbody>
            {drill.rows.map((row, index) => (
              <tr key={`${drill.offset + index}-${row.orderId}-${row.packageId ?? ''}`} data-testid="drilldown-row" data-order-id={row.orderId} data-reason={row.reason}>
                <td>
                  <button
                    type="button"
                    className="drilldown-order"
                    data-testid="drilldown-order"
                    aria-label={t('metrics.drill.open', { orderId: row.orderId })}
                    onClick={() => void openOrder(row.orderId)}
                  >
                    {row.orderId}
                  </button>
                  {row.packageId !== null ? <span className="drilldown-package">{t('metrics.drill.package', { packageId: row.packageId })}</span> : null}
                </td>
                <td className="drilldown-reason" data-testid="drilldown-reason">
                  {reasonText(t, row.reason)}
                </td>
                <td>
                  <RowTimes times={row.times} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
