import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PendingConfirmation, SyncStatus } from '../../shared/contract';
import { renderBench } from './render-bench';

afterEach(cleanup);

const NOW = Date.parse('2026-11-26T08:00:00.000Z');

function job(overrides: Partial<PendingConfirmation> & Pick<PendingConfirmation, 'jobId' | 'orderId'>): PendingConfirmation {
  return {
    trackingNumber: `RR${overrides.jobId}0000005CN`,
    carrierCode: 'China Post',
    confirmBy: '2026-11-26T20:00:00.000Z',
    state: 'pending',
    attempts: 0,
    nextTryAt: null,
    errorCode: null,
    lastError: null,
    inFile: false,
    atRisk: false,
    late: false,
    labelledAt: '2026-11-26T07:00:00.000Z',
    ...overrides,
  };
}

function offline(confirmations: PendingConfirmation[]): SyncStatus {
  return {
    connection: 'offline',
    lastContactAt: '2026-11-26T02:00:00.000Z',
    lastPullAt: '2026-11-26T02:00:00.000Z',
    lastPushAt: null,
    lastError: { code: 'MARKETPLACE_OFFLINE', message: 'connect ECONNREFUSED' },
    pendingCount: confirmations.filter((entry) => entry.state !== 'needs-attention').length,
    needsAttentionCount: confirmations.filter((entry) => entry.state === 'needs-attention').length,
    atRiskCount: confirmations.filter((entry) => entry.atRisk || entry.late).length,
    oldestUnsentAt: '2026-11-26T02:30:00.000Z',
    offlineBudgetExceeded: true,
    confirmations,
    openExport: null,
  };
}

describe('the marketplace on the queue screen', () => {
  it('offline: the waiting confirmations most urgent first with their countdowns, the late and at-risk marked, the budget warning', async () => {
    const status = offline([
      // The screen counts down against the real clock.
      job({ jobId: 2, orderId: '111-0000002-0000002', confirmBy: new Date(Date.now() - 30 * 60_000).toISOString(), late: true, atRisk: true }),
      job({ jobId: 1, orderId: '111-0000001-0000001', confirmBy: new Date(Date.now() + 90 * 60_000).toISOString(), atRisk: true }),
      job({ jobId: 3, orderId: '111-0000003-0000003', state: 'needs-attention', errorCode: 'MARKETPLACE_INVALID_INPUT', lastError: 'The carrier-code field contains an invalid value.' }),
    ]);
    renderBench({ language: 'en', now: NOW, sync: status });
    const panel = await screen.findByTestId('sync-panel');
    expect(within(panel).getByTestId('sync-connection').dataset['connection']).toBe('offline');
    expect(within(panel).getByTestId('sync-connection').textContent).toContain('Offline');
    expect(screen.getByTestId('top-sync-connection').textContent).toContain('Offline');
    expect(within(panel).getByTestId('sync-counts').textContent).toBe('2 to confirm · 1 need attention · 2 at risk');
    expect(within(panel).getByTestId('sync-offline-budget').textContent).toContain('longer than the 4 h offline budget');
    const rows = within(panel).getAllByTestId('pending-confirmation');
    expect(rows.map((row) => row.dataset['orderId'])).toEqual(['111-0000002-0000002', '111-0000001-0000001', '111-0000003-0000003']);
    expect(rows[0]?.textContent).toContain('Late');
    expect(rows[1]?.textContent).toContain('At risk');
    expect(within(rows[1] as HTMLElement).getByTestId('confirm-by').textContent).toMatch(/Confirm by: .*left/);
    expect(within(rows[2] as HTMLElement).getByTestId('confirmation-error').textContent).toBe(
      'Amazon refused this confirmation as invalid: The carrier-code field contains an invalid value.',
    );
  });

  it('the manual way out: download the confirmations file, then mark it uploaded; a refused one is tried again', async () => {
    const { station } = renderBench({
      language: 'en',
      now: NOW,
      sync: offline([
        job({ jobId: 1, orderId: '111-0000001-0000001' }),
        job({ jobId: 3, orderId: '111-0000003-0000003', state: 'needs-attention', errorCode: 'SHIP_PLUS_ORDER', lastError: 'Ship+ orders are not supported.' }),
      ]),
    });
    await screen.findByTestId('sync-panel');
    fireEvent.click(screen.getByTestId('confirmation-retry'));
    await waitFor(() => expect(screen.getAllByTestId('pending-confirmation').map((row) => row.dataset['state'])).toEqual(['pending', 'pending']));
    expect(station.calls.filter((call) => call.channel === 'sync:retry').map((call) => call.input)).toEqual([{ jobId: 3 }]);

    fireEvent.click(screen.getByTestId('sync-export'));
    const mark = await screen.findByTestId('sync-mark-uploaded');
    expect(mark.textContent).toBe('Uploaded in Seller Central (2)');
    expect(screen.getAllByTestId('pending-confirmation')[0]?.textContent).toContain('in downloaded file');
    fireEvent.click(mark);
    await waitFor(() => expect(screen.queryAllByTestId('pending-confirmation')).toHaveLength(0));
    expect(screen.queryByTestId('sync-mark-uploaded')).toBeNull();
  });

  it('in Chinese, and "sync now" drains the list', async () => {
    renderBench({ language: 'zh-CN', now: NOW, sync: { ...offline([job({ jobId: 1, orderId: '111-0000001-0000001' })]), offlineBudgetExceeded: false } });
    const panel = await screen.findByTestId('sync-panel');
    expect(within(panel).getByTestId('sync-connection').textContent).toContain('离线');
    expect(within(panel).getByTestId('sync-counts').textContent).toBe('待确认 1 · 需处理 0 · 有延误风险 0');
    expect(within(panel).queryByTestId('sync-offline-budget')).toBeNull();
    fireEvent.click(within(panel).getByTestId('sync-run'));
    await waitFor(() => expect(within(panel).getByTestId('sync-connection').dataset['connection']).toBe('online'));
    expect(within(panel).queryAllByTestId('pending-confirmation')).toHaveLength(0);
  });
});
