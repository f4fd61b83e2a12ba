import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBench } from './render-bench';

afterEach(cleanup);

describe('the shift report (Settings → End of day)', () => {
  it('a supervisor sees each packer’s rates and mistakes and downloads the report', async () => {
    const { station } = renderBench({ language: 'en', signedIn: 'Zhang Min' });
    fireEvent.click(await screen.findByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('settings-tab-end-of-day'));
    const report = await screen.findByTestId('shift-report');
    fireEvent.click(within(report).getByTestId('shift-show'));
    const row = await within(report).findByTestId('shift-row');
    expect(row.dataset['operator']).toBe('Li Wei');
    expect(row.textContent).toContain('1 wrong, 2 over-scans (10.0 per 100 units)');
    expect(row.textContent).toContain('DAMAGED_BARCODE ×1');
    expect(within(report).getByTestId('shift-total').textContent).toContain('Total');
    fireEvent.click(within(report).getByTestId('shift-csv'));
    await waitFor(() => expect(station.calls.some((call) => call.channel === 'productivity:shiftReport' && (call.input as { format: string }).format === 'csv')).toBe(true));
  });

  it('a packer does not get it', async () => {
    renderBench({ language: 'en' });
    fireEvent.click(await screen.findByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('settings-tab-end-of-day'));
    await screen.findByTestId('settings-panel-end-of-day').catch(() => undefined);
    expect(screen.queryByTestId('shift-report')).toBeNull();
  });
});

describe('parcels to follow up (dashboard)', () => {
  it('lists failed deliveries, returns and unscanned parcels with the next step, in Chinese', async () => {
    renderBench({
      language: 'zh-CN',
      signedIn: 'Zhang Min',
      followUp: [
        { kind: 'exception', orderId: '111-0000001-0000001', packageId: 1, trackingNumber: 'RR100000005CN', serviceId: 'CNPOST-REG-SP', since: '2026-11-24T08:00:00.000Z', hours: 50 },
        { kind: 'no-first-scan', orderId: '111-0000002-0000002', packageId: 2, trackingNumber: '4710000002', serviceId: 'DHL-EXP-WW', since: '2026-11-23T08:00:00.000Z', hours: 74 },
      ],
    });
    fireEvent.click(await screen.findByTestId('nav-dashboard'));
    const list = await screen.findByTestId('follow-up');
    const rows = await within(list).findAllByTestId('follow-up-row');
    expect(rows.map((row) => row.dataset['kind'])).toEqual(['exception', 'no-first-scan']);
    expect(rows[0]?.textContent).toContain('派送失败');
    expect(rows[1]?.textContent).toContain('亚马逊把未扫描的追踪号算作无效');
  });
});
