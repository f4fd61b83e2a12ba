import type { StateCreator } from 'zustand';
import type { AppState, MetricsSlice, StoreDeps } from './types';

/** Rows per page of a drill-down: a screen of them at the bench's type size. */
export const DRILL_DOWN_PAGE_SIZE = 20;

/**
 * The seller metrics as the station computes them: the report (also read by the queue's
 * alerts), the trends behind the dashboard's charts, and the orders behind one figure. Every
 * number is the station's; the screen only asks and shows.
 */
export function createMetricsSlice({ api }: StoreDeps): StateCreator<AppState, [], [], MetricsSlice> {
  // Only the answer to the latest drill-down request is kept: paging quickly, or opening
  // another metric, must not let an older, slower answer overwrite the list on screen.
  let latestDrillDown = 0;
  let latestReport = 0;

  return (set, get) => {
    const loadPage = async (offset: number) => {
      const drill = get().drillDown;
      if (drill === null) return;
      const request = ++latestDrillDown;
      set({ drillDown: { ...drill, offset, loading: true, error: null } });
      const input = { metricId: drill.metricId, offset, limit: drill.limit };
      const result = await api['metrics:drillDown'](drill.at === null ? input : { ...input, at: drill.at });
      const now = get().drillDown;
      if (request !== latestDrillDown || now === null) return;
      if (result.ok) set({ drillDown: { ...now, rows: result.value.rows, total: result.value.total, loading: false, error: null } });
      else set({ drillDown: { ...now, loading: false, error: result.error } });
    };

    return {
      metricsReport: null,
      metricsLoading: false,
      metricsError: null,
      metricTrends: [],
      metricTrendsError: null,
      drillDown: null,
      loadMetricsReport: async () => {
        const request = ++latestReport;
        set({ metricsLoading: true });
        const result = await api['metrics:report']({});
        if (request !== latestReport) return;
        // A failed read keeps the last report: a red figure must not vanish from view.
        if (result.ok) set({ metricsReport: result.value, metricsLoading: false, metricsError: null });
        else set({ metricsLoading: false, metricsError: result.error });
      },
      loadMetricTrends: async (days) => {
        const result = await api['metrics:trends']({ days });
        if (result.ok) set({ metricTrends: result.value, metricTrendsError: null });
        else set({ metricTrendsError: result.error });
      },
      openDrillDown: async (metricId) => {
        set({
          drillDown: {
            metricId,
            at: get().metricsReport?.at ?? null,
            offset: 0,
            limit: DRILL_DOWN_PAGE_SIZE,
            rows: [],
            total: 0,
            loading: true,
            error: null,
          },
        });
        await loadPage(0);
      },
      pageDrillDown: async (offset) => {
        await loadPage(Math.max(0, offset));
      },
      closeDrillDown: () => {
        latestDrillDown += 1;
        set({ drillDown: null });
      },
    };
  };
}
