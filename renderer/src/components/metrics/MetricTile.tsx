import type { MetricResultView, MetricsReportView } from '../../../../shared/contract';
import { formatDeadline } from '../../format/deadline';
import { useI18n } from '../../i18n/use-i18n';
import type { MetricTrend } from '../../store/types';
import { hoursText, limitText, rateText, statusText, windowText } from './metric-format';
import { TrendChart } from './TrendChart';

/** How many days of trend the dashboard draws. */
export const TREND_DAYS = 30;

type TileProps = {
  metric: MetricResultView;
  reportAt: string;
  trend: MetricTrend | undefined;
  selected: boolean;
  onShowOrders: () => void;
};

/**
 * One seller metric, readable from a metre away: the figure, its target, its status in a word,
 * a mark and a colour, what it counts and over which window, and what to do when it is amber
 * or red. Clicking anywhere on it (or its button) lists the orders behind the figure.
 */
export function MetricTile({ metric, reportAt, trend, selected, onShowOrders }: TileProps) {
  const { t, language } = useI18n();
  const target = limitText(t, language, metric.target);
  const needsAction = metric.status === 'amber' || metric.status === 'red';
  return (
    <article
      className={`metric-tile status-${metric.status}${selected ? ' selected' : ''}`}
      data-testid={`metric-tile-${metric.id}`}
      data-status={metric.status}
      aria-labelledby={`metric-name-${metric.id}`}
      onClick={onShowOrders}
    >
      <h2 id={`metric-name-${metric.id}`} className="metric-name">
        {t(`metrics.name.${metric.id}`)}
      </h2>
      <div className="metric-figure">
        <span className="metric-rate" data-testid="metric-rate">
          {rateText(t, language, metric)}
        </span>
        <span className="metric-status" data-testid="metric-status" data-status={metric.status}>
          {statusText(t, metric.status)}
        </span>
      </div>
      <p className="metric-target" data-testid="metric-target">
        {t('metrics.target', { target })}
      </p>
      <p className="metric-count" data-testid="metric-count">
        {t(`metrics.count.${metric.id}`, { numerator: metric.numerator, denominator: metric.denominator })}
      </p>
      <p className="metric-window" data-testid="metric-window" title={`${formatDeadline(metric.window.from, language)} – ${formatDeadline(metric.window.to, language)}`}>
        {windowText(t, metric.id, metric.window, reportAt)}
      </p>
      {needsAction ? (
        <p className="metric-action" data-testid="metric-action">
          <span aria-hidden="true">➜ </span>
          {t(`metrics.action.${metric.id}`)}
        </p>
      ) : null}
      <p className="metric-about hint">{t(`metrics.about.${metric.id}`)}</p>
      <TrendChart metric={metric} days={TREND_DAYS} points={trend?.points ?? []} />
      <button
        type="button"
        className="big-button metric-show-orders"
        data-testid={`metric-drilldown-${metric.id}`}
        aria-pressed={selected}
        onClick={(event) => {
          // The tile itself opens the list too: once is enough.
          event.stopPropagation();
          onShowOrders();
        }}
      >
        {t('metrics.showOrders')}
      </button>
    </article>
  );
}

/** Handling time has no target: the median and the 90th percentile, in hours. */
export function HandlingTimeTile({ handling }: { handling: MetricsReportView['handlingTime'] }) {
  const { t, language } = useI18n();
  return (
    <article className="metric-tile metric-handling" data-testid="metric-handling-time" aria-labelledby="metric-name-handling-time">
      <h2 id="metric-name-handling-time" className="metric-name">
        {t('metrics.handling.title')}
      </h2>
      {handling.medianHours === null || handling.p90Hours === null ? (
        <p className="metric-count" data-testid="handling-none">
          {t('metrics.handling.none', { days: handling.window.days })}
        </p>
      ) : (
        <>
          <div className="metric-figure">
            <span className="metric-rate" data-testid="handling-median">
              {t('metrics.handling.median', { hours: hoursText(language, handling.medianHours) })}
            </span>
          </div>
          <p className="metric-target" data-testid="handling-p90">
            {t('metrics.handling.p90', { hours: hoursText(language, handling.p90Hours) })}
          </p>
          <p className="metric-count" data-testid="handling-orders">
            {t('metrics.handling.orders', { orders: handling.orders, days: handling.window.days })}
          </p>
        </>
      )}
    </article>
  );
}
