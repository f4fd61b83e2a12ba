import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PendingConfirmation, SyncStatus } from '../../shared/contract';
import { METRIC_DEFINITIONS, METRIC_IDS } from '../../shared/metrics/definitions';
import { hundredthsOfPercent } from '../../renderer/src/components/metrics/metric-format';
import { METRICS_POLL_MS } from '../../renderer/src/components/metrics/QueueAlerts';
import { isMessageKey } from '../../renderer/src/i18n/translate';
import { cannedMetrics } from './fake-station';
import { renderBench } from './render-bench';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const SUPERVISOR = 'Zhang Min';
const NOW = Date.parse('2026-11-26T08:00:00.000Z');

function tile(id: string): HTMLElement {
  return screen.getByTestId(`metric-tile-${id}`);
}

async function openDashboard(options: Parameters<typeof renderBench>[0] = {}) {
  const bench = renderBench({ signedIn: SUPERVISOR, now: NOW, ...options });
  fireEvent.click(await screen.findByTestId('nav-dashboard'));
  await screen.findByTestId('metric-tile-late-shipment-rate-10d');
  return bench;
}

function confirmation(overrides: Partial<PendingConfirmation> & Pick<PendingConfirmation, 'jobId' | 'orderId' | 'confirmBy'>): PendingConfirmation {
  return {
    trackingNumber: `RR${overrides.jobId}0000005CN`,
    carrierCode: 'China Post',
    state: 'pending',
    attempts: 0,
    nextTryAt: null,
    errorCode: null,
    lastError: null,
    inFile: false,
    atRisk: true,
    late: false,
    labelledAt: '2026-11-26T07:00:00.000Z',
    ...overrides,
  };
}

function offline(confirmations: PendingConfirmation[]): SyncStatus {
  return {
    connection: 'offline',
    lastContactAt: null,
    lastPullAt: null,
    lastPushAt: null,
    lastError: null,
    pendingCount: confirmations.length,
    needsAttentionCount: 0,
    atRiskCount: confirmations.length,
    oldestUnsentAt: null,
    offlineBudgetExceeded: false,
    confirmations,
    openExport: null,
  };
}

// Eight SVG charts per render make these slower than most screen tests in jsdom.
describe('the seller metrics dashboard', { timeout: 15_000 }, () => {
  it('a tile per metric: the rate, the target, the status in a word and a mark, the counts and the window', async () => {
    const { station } = await openDashboard();
    expect(screen.getAllByTestId(/^metric-tile-/).map((element) => element.dataset['status'])).toEqual([
      'green', 'green', 'red', 'green', 'amber', 'green', 'no-data', 'green',
    ]);

    const lsr = tile('late-shipment-rate-10d');
    expect(within(lsr).getByRole('heading').textContent).toBe('Late shipment rate (10 days)');
    expect(within(lsr).getByTestId('metric-rate').textContent).toBe('5.0 %');
    expect(within(lsr).getByTestId('metric-target').textContent).toBe('Target < 4 %');
    expect(within(lsr).getByTestId('metric-status').textContent).toBe('✖ Off target');
    expect(within(lsr).getByTestId('metric-count').textContent).toBe('30 of 600 orders confirmed late');
    expect(within(lsr).getByTestId('metric-window').textContent).toBe('Last 10 days, by expected ship date');
    expect(within(lsr).getByTestId('metric-action').textContent).toContain(
      'Confirm shipments before the expected ship date: check the Amazon panel on the queue for waiting confirmations.',
    );

    // 113 of 118 is 95.7627… %: shown rounded up (a "greater than" target), near its limit.
    const vtr = tile('valid-tracking-rate-7d');
    expect(within(vtr).getByTestId('metric-rate').textContent).toBe('95.77 %');
    expect(within(vtr).getByTestId('metric-target').textContent).toBe('Target > 95 %');
    expect(within(vtr).getByTestId('metric-status').textContent).toBe('▲ Near the limit');
    expect(within(vtr).getByTestId('metric-window').textContent).toBe('Last 7 days, by confirmation time');
    expect(within(vtr).getByTestId('metric-action').textContent).toContain('Check the tracking numbers');

    const odr = tile('order-defect-rate');
    expect(within(odr).getByTestId('metric-rate').textContent).toBe('0.25 %');
    expect(within(odr).getByTestId('metric-status').textContent).toBe('✔ On target');
    expect(within(odr).queryByTestId('metric-action')).toBeNull();

    const otdr = tile('on-time-delivery-rate');
    expect(within(otdr).getByTestId('metric-rate').textContent).toBe('—');
    expect(within(otdr).getByTestId('metric-status').textContent).toBe('– No data');
    expect(within(otdr).getByTestId('metric-window').textContent).toBe('14 days ending 7 days ago, by promised delivery date');
    expect(within(otdr).queryByTestId('metric-action')).toBeNull();

    expect(within(tile('acknowledged-24h')).getByTestId('metric-target').textContent).toBe('Target = 100 %');

    const handling = screen.getByTestId('metric-handling-time');
    expect(within(handling).getByTestId('handling-median').textContent).toBe('Median 18.5 h');
    expect(within(handling).getByTestId('handling-p90').textContent).toBe('90 % within 40.3 h');
    expect(within(handling).getByTestId('handling-orders').textContent).toBe('84 orders confirmed in the last 7 days');

    expect(station.calls.filter((call) => call.channel === 'metrics:trends').map((call) => call.input)).toEqual([{ days: 30 }]);
  });

  it('draws a 30-day trend per metric with the target as a reference line, and says so in words', async () => {
    await openDashboard();
    const trend = await waitFor(() => {
      const found = within(tile('late-shipment-rate-10d')).getByTestId('metric-trend-late-shipment-rate-10d');
      expect(found.dataset['points']).toBe('30');
      return found;
    });
    expect(trend.querySelector('svg')).not.toBeNull();
    expect(trend.querySelector('.recharts-reference-line')).not.toBeNull();
    expect(trend.querySelector('.recharts-line')).not.toBeNull();
    expect(trend.textContent).toContain('Limit < 4 %');
    expect(trend.querySelector('figcaption')?.textContent).toBe('Late shipment rate (10 days), last 30 days: from 2.5 % to 5.0 %; limit < 4 %.');
    // No figure to draw: a sentence, not an empty chart.
    expect(within(tile('on-time-delivery-rate')).getByTestId('metric-trend-on-time-delivery-rate').textContent).toBe('No trend yet.');
  });

  it('"Show orders" lists the orders behind the late shipment rate, a page at a time, with the reasons and local times', async () => {
    const { station } = await openDashboard();
    fireEvent.click(screen.getByTestId('metric-drilldown-late-shipment-rate-10d'));
    const panel = await screen.findByTestId('metric-drilldown');
    await waitFor(() => expect(within(panel).getAllByTestId('drilldown-row')).toHaveLength(20));
    expect(panel.dataset['metricId']).toBe('late-shipment-rate-10d');
    expect(within(panel).getByRole('heading').textContent).toBe('Orders behind: Late shipment rate (10 days)');
    expect(within(panel).getByTestId('drilldown-range').textContent).toBe('1–20 of 30');

    const [first, second] = within(panel).getAllByTestId('drilldown-row') as [HTMLElement, HTMLElement];
    expect(first.dataset['orderId']).toBe('111-0000001-0000001');
    expect(within(first).getByTestId('drilldown-reason').textContent).toBe('Not confirmed by the expected ship date');
    const deadline = new Date(NOW - 5 * 3_600_000).toLocaleString('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    expect(within(first).getByTestId('drilldown-times').textContent).toBe(`Ship by: ${deadline}Confirmed: not yet`);
    expect(within(second).getByTestId('drilldown-reason').textContent).toBe('Confirmed after the expected ship date');

    // The list is of the same window as the figure: asked as of the report's time.
    expect(station.calls.filter((call) => call.channel === 'metrics:drillDown').map((call) => call.input)).toEqual([
      { metricId: 'late-shipment-rate-10d', at: new Date(NOW).toISOString(), offset: 0, limit: 20 },
    ]);
    expect((within(panel).getByTestId('drilldown-prev') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(panel).getByTestId('drilldown-next'));
    await waitFor(() => expect(within(panel).getByTestId('drilldown-range').textContent).toBe('21–30 of 30'));
    expect(within(panel).getAllByTestId('drilldown-row')).toHaveLength(10);
    expect((within(panel).getByTestId('drilldown-next') as HTMLButtonElement).disabled).toBe(true);
    expect(station.calls.filter((call) => call.channel === 'metrics:drillDown').at(-1)?.input).toMatchObject({ offset: 20, limit: 20 });

    fireEvent.click(within(panel).getByTestId('drilldown-prev'));
    await waitFor(() => expect(within(panel).getByTestId('drilldown-range').textContent).toBe('1–20 of 30'));

    fireEvent.click(within(panel).getByTestId('drilldown-close'));
    expect(screen.queryByTestId('metric-drilldown')).toBeNull();
  });

  it('clicking the tile itself lists its orders; tracking reasons are translated and an unknown code is shown as it is', async () => {
    await openDashboard();
    fireEvent.click(within(tile('valid-tracking-rate-7d')).getByTestId('metric-count'));
    const panel = await screen.findByTestId('metric-drilldown');
    await waitFor(() => expect(within(panel).getAllByTestId('drilldown-row')).toHaveLength(5));
    expect(within(panel).getAllByTestId('drilldown-reason').map((cell) => cell.textContent)).toEqual([
      'Tracking number check digit wrong',
      'Tracking number of another carrier',
      'The carrier has no scan of it',
      'Label voided after the confirmation was sent',
      'parcel-eaten-by-dog',
    ]);
    expect(within(panel).getAllByTestId('drilldown-row')[0]?.textContent).toContain('package 501');
    expect(tile('valid-tracking-rate-7d').className).toContain('selected');
  });

  it('a figure with nothing behind it says so', async () => {
    await openDashboard();
    fireEvent.click(screen.getByTestId('metric-drilldown-cancel-rate'));
    expect((await screen.findByTestId('drilldown-empty')).textContent).toBe('No order hurt this figure.');
    expect(screen.getByTestId('drilldown-range').textContent).toBe('0–0 of 0');
  });

  it('clicking an order id in the list opens the order', async () => {
    await openDashboard();
    fireEvent.click(screen.getByTestId('metric-drilldown-late-shipment-rate-10d'));
    const rows = await screen.findAllByTestId('drilldown-row');
    fireEvent.click(within(rows[0] as HTMLElement).getByTestId('drilldown-order'));
    expect((await screen.findByTestId('pack-order-id')).textContent).toContain('111-0000001-0000001');
  });

  it('a refused report is shown as an error, not as empty tiles', async () => {
    renderBench({ signedIn: SUPERVISOR, now: NOW, metrics: { reportError: { code: 'INTERNAL', message: 'database is locked' } } });
    fireEvent.click(await screen.findByTestId('nav-dashboard'));
    expect((await screen.findByTestId('dashboard-error')).textContent).not.toBe('');
    expect(screen.queryByTestId('metric-tiles')).toBeNull();
  });

  it('in Chinese', async () => {
    await openDashboard({ language: 'zh-CN' });
    expect(screen.getByTestId('nav-dashboard').textContent).toBe('指标看板');
    const lsr = tile('late-shipment-rate-10d');
    expect(within(lsr).getByRole('heading').textContent).toBe('迟发率（10天）');
    expect(within(lsr).getByTestId('metric-rate').textContent).toBe('5.0%');
    expect(within(lsr).getByTestId('metric-target').textContent).toBe('目标 < 4%');
    expect(within(lsr).getByTestId('metric-status').textContent).toBe('✖ 未达标');
    expect(within(lsr).getByTestId('metric-count').textContent).toBe('600 个订单中 30 个迟发');
    expect(within(lsr).getByTestId('metric-window').textContent).toBe('最近 10 天，按预计发货日期统计');
    expect(within(lsr).getByTestId('metric-action').textContent).toContain('请在预计发货日期前确认发货');
    expect(within(tile('valid-tracking-rate-7d')).getByTestId('metric-status').textContent).toBe('▲ 接近限值');
    expect(within(tile('on-time-delivery-rate')).getByTestId('metric-status').textContent).toBe('– 无数据');
    expect(within(tile('order-defect-rate')).getByRole('heading').textContent).toBe('订单缺陷率');
    expect(within(tile('cancel-rate')).getByRole('heading').textContent).toBe('配送前取消率');

    fireEvent.click(screen.getByTestId('metric-drilldown-late-shipment-rate-10d'));
    const rows = await screen.findAllByTestId('drilldown-row');
    expect(within(rows[0] as HTMLElement).getByTestId('drilldown-reason').textContent).toBe('预计发货日期前未确认发货');
    expect(screen.getByTestId('drilldown-range').textContent).toBe('第 1–20 条，共 30 条');
  });

  it('a packer is not offered the dashboard, and does not get it by navigating there', async () => {
    const { store, station } = renderBench({ now: NOW });
    await screen.findByTestId('nav-queue');
    expect(screen.queryByTestId('nav-dashboard')).toBeNull();
    store.getState().navigate('dashboard');
    expect((await screen.findByTestId('dashboard-supervisor-only')).textContent).toContain('for supervisors');
    expect(screen.queryByTestId('metric-tiles')).toBeNull();
    expect(station.calls.some((call) => call.channel === 'metrics:trends')).toBe(false);
  });
});

describe('the metrics alerts on the queue', () => {
  it('names each amber or red figure with its rate and limit; a supervisor can open the dashboard', async () => {
    const { station } = renderBench({ signedIn: SUPERVISOR, now: NOW });
    const alert = await screen.findByTestId('metrics-alert');
    const items = within(alert).getAllByTestId('metrics-alert-item');
    expect(items.map((item) => [item.dataset['metricId'], item.dataset['status']])).toEqual([
      ['late-shipment-rate-10d', 'red'],
      ['valid-tracking-rate-7d', 'amber'],
    ]);
    expect(items[0]?.textContent).toBe('✖ Late shipment rate (10 days) is 5.0 %: off target (limit < 4 %).');
    expect(items[1]?.textContent).toBe('▲ Valid tracking rate (7 days) is 95.77 %: near the limit (> 95 %).');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(station.calls.filter((call) => call.channel === 'metrics:report')).toHaveLength(1);

    fireEvent.click(within(alert).getByTestId('metrics-alert-open-dashboard'));
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
  });

  it('reads the figures again every few minutes while the queue is open', async () => {
    // Only the intervals are faked: the queries' own timeouts keep running.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { station } = renderBench({ now: NOW });
    await screen.findByTestId('metrics-alert');
    const reads = () => station.calls.filter((call) => call.channel === 'metrics:report').length;
    expect(reads()).toBe(1);
    vi.advanceTimersByTime(METRICS_POLL_MS - 1000);
    expect(reads()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(reads()).toBe(2);
  });

  it('a packer sees the alert without the way to the dashboard', async () => {
    renderBench({ now: NOW });
    const alert = await screen.findByTestId('metrics-alert');
    expect(within(alert).getAllByTestId('metrics-alert-item')).toHaveLength(2);
    expect(within(alert).queryByTestId('metrics-alert-open-dashboard')).toBeNull();
  });

  it('no alert while every figure is green or without data', async () => {
    const canned = cannedMetrics(NOW);
    const calm = { ...canned.report, metrics: canned.report.metrics.map((metric) => (metric.status === 'red' || metric.status === 'amber' ? { ...metric, status: 'green' as const } : metric)) };
    const { station } = renderBench({ now: NOW, metrics: { report: calm } });
    await screen.findAllByTestId('queue-row');
    await waitFor(() => expect(station.calls.some((call) => call.channel === 'metrics:report')).toBe(true));
    expect(screen.queryByTestId('metrics-alert')).toBeNull();
  });

  it('a confirmation due in 30 minutes is about to turn late; one due in 90 minutes and one already late are not in this alert', async () => {
    // The countdown runs against the real clock.
    const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    renderBench({
      now: NOW,
      sync: offline([
        confirmation({ jobId: 1, orderId: '111-0000001-0000001', confirmBy: inMinutes(-10), late: true }),
        confirmation({ jobId: 2, orderId: '112-0000002-0000002', confirmBy: inMinutes(30) }),
        confirmation({ jobId: 3, orderId: '113-0000003-0000003', confirmBy: inMinutes(90) }),
      ]),
    });
    const alert = await screen.findByTestId('confirmations-due-alert');
    expect(within(alert).getByRole('heading').textContent).toContain('1 confirmations turn late within the hour');
    const items = within(alert).getAllByTestId('confirmations-due-item');
    expect(items.map((item) => item.dataset['orderId'])).toEqual(['112-0000002-0000002']);
    expect(items[0]?.textContent).toMatch(/^112-0000002-0000002: confirm by .+ \((29|30) min \d+ s left\)$/);
    expect(alert.textContent).toContain('Sync now');
  });

  it('in Chinese', async () => {
    renderBench({
      language: 'zh-CN',
      now: NOW,
      sync: offline([confirmation({ jobId: 2, orderId: '112-0000002-0000002', confirmBy: new Date(Date.now() + 30 * 60_000).toISOString() })]),
    });
    const items = within(await screen.findByTestId('metrics-alert')).getAllByTestId('metrics-alert-item');
    expect(items[0]?.textContent).toBe('✖ 迟发率（10天）为 5.0%：未达标（限值 < 4%）。');
    expect(within(await screen.findByTestId('confirmations-due-alert')).getByRole('heading').textContent).toContain('1 个发货确认将在一小时内逾期');
  });
});

describe('the figures as the station judges them', () => {
  it('every window the definitions name has a text in both languages', () => {
    const missing = METRIC_IDS.map((id) => `metrics.by.${METRIC_DEFINITIONS[id].selectedBy.replace(/\s+/g, '-')}`).filter((key) => !isMessageKey(key));
    expect(missing).toEqual([]);
  });

  it.each([
    // numerator, denominator, condition, hundredths of a percent shown
    [3999, 100_000, 'LESS_THAN', 399], // 3.999 % against < 4 %: reads 3.99 %, not 4.00 %
    [4, 100, 'LESS_THAN', 400],
    [29, 100, 'LESS_THAN', 2900], // 0.29 × 10 000 is 2899.999… in floating point
    [95_001, 100_000, 'GREATER_THAN', 9501],
    [95, 100, 'GREATER_THAN', 9500],
    [99_999, 100_000, 'EQUALS', 9999], // not 100 % until every order is
  ] as const)('%i of %i against %s reads as %i hundredths of a percent', (numerator, denominator, condition, shown) => {
    expect(hundredthsOfPercent(numerator, denominator, condition)).toBe(shown);
  });
});
