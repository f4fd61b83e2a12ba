import { useEffect } from 'react';
import { DrillDownPanel } from '../components/metrics/DrillDownPanel';
import { FollowUpList } from '../components/metrics/FollowUpList';
import { HandlingTimeTile, MetricTile, TREND_DAYS } from '../components/metrics/MetricTile';
import { formatDeadline } from '../format/deadline';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore, useAppStoreApi } from '../store/store-context';

/**
 * The supervisor's view of the seller metrics: a tile per metric against its target, its
 * 30-day trend, and the orders behind any figure. Packers do not get it (the top bar does not
 * offer it, and the screen refuses them).
 */
export function DashboardScreen() {
  const store = useAppStoreApi();
  const { t, describe, language } = useI18n();
  const supervisor = useAppStore((state) => state.operator?.role === 'supervisor');
  const report = useAppStore((state) => state.metricsReport);
  const loading = useAppStore((state) => state.metricsLoading);
  const error = useAppStore((state) => state.metricsError);
  const trends = useAppStore((state) => state.metricTrends);
  const trendsError = useAppStore((state) => state.metricTrendsError);
  const drill = useAppStore((state) => state.drillDown);
  const openDrillDown = useAppStore((state) => state.openDrillDown);

  const refresh = () => {
    const { loadMetricsReport, loadMetricTrends } = store.getState();
    void loadMetricsReport();
    void loadMetricTrends(TREND_DAYS);
  };

  useEffect(() => {
    if (!supervisor) return;
    const { loadMetricsReport, loadMetricTrends } = store.getState();
    void loadMetricsReport();
    void loadMetricTrends(TREND_DAYS);
  }, [store, supervisor]);

  if (!supervisor) {
    return (
      <section className="screen dashboard-screen" data-testid="dashboard-supervisor-only">
        <p className="notice">{t('dashboard.supervisorOnly')}</p>
      </section>
    );
  }

  return (
    <section className="screen dashboard-screen" data-testid="dashboard" aria-labelledby="dashboard-title">
      <div className="dashboard-head">
        <h1 id="dashboard-title" className="screen-title">
          {t('dashboard.title')}{' '}
          {report ? (
            <span className="count" data-testid="dashboard-as-of">
              {t('dashboard.asOf', { time: formatDeadline(report.at, language) })}
            </span>
          ) : null}
        </h1>
        <button type="button" className="big-button" data-testid="dashboard-refresh" disabled={loading} onClick={refresh}>
          {t('dashboard.refresh')}
        </button>
      </div>
      {error ? (
        <p className="inline-error" role="alert" data-testid="dashboard-error">
          {describe(error)}
        </p>
      ) : null}
      {trendsError ? (
        <p className="inline-error" role="alert" data-testid="dashboard-trends-error">
          {describe(trendsError)}
        </p>
      ) : null}
      {!report && loading ? <p className="hint">{t('dashboard.loading')}</p> : null}
      {drill ? <DrillDownPanel drill={drill} /> : null}
      {report ? (
        <div className="metric-tiles" data-testid="metric-tiles">
          {report.metrics.map((metric) => (
            <MetricTile
              key={metric.id}
              metric={metric}
              reportAt={report.at}
              trend={trends.find((trend) => trend.metricId === metric.id)}
              selected={drill?.metricId === metric.id}
              onShowOrders={() => void openDrillDown(metric.id)}
            />
          ))}
          <HandlingTimeTile handling={report.handlingTime} />
        </div>
      ) : null}
      <FollowUpList />
    </section>
  );
}
