import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderBench } from './render-bench';

// 09:00 local time, so "later today" and "overdue since this morning" hold in any time zone.
const NINE_AM = new Date(2026, 2, 10, 9, 0, 0).getTime();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the queue', () => {
  it('lists open orders in the order the station gave, marking overdue and due-today rows with words, not colour alone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NINE_AM);
    renderBench({ now: NINE_AM });

    const rows = await screen.findAllByTestId('queue-row');
    expect(rows.map((row) => row.dataset['orderId'])).toEqual(['111-0000001-0000001', '112-0000002-0000002', '113-0000003-0000003']);
    expect(rows.map((row) => row.dataset['urgency'])).toEqual(['overdue', 'today', 'later']);

    const [overdue, today, later] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(overdue).getByTestId('urgency-marker').textContent).toContain('Overdue');
    expect(within(overdue).getByTestId('countdown').textContent).toBe('overdue by 3 h 12 min');
    expect(within(today).getByTestId('urgency-marker').textContent).toContain('Due today');
    expect(within(today).getByTestId('countdown').textContent).toBe('5 h 20 min left');
    expect(within(later).queryByTestId('urgency-marker')).toBeNull();
    expect(within(later).getByTestId('countdown').textContent).toBe('2 d 2 h left');
  });

  it('shows recipient, buyer, country, units and lines, flags and Prime', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NINE_AM);
    renderBench({ now: NINE_AM });
    const rows = await screen.findAllByTestId('queue-row');
    const first = rows[0] as HTMLElement;
    expect(first.textContent).toContain('Emily Johnson');
    expect(first.textContent).toContain('US');
    expect(first.textContent).toContain('3 / 2');
    expect(first.textContent).toContain('⚡');
    expect(first.textContent).toContain('Lithium');
    expect(first.textContent).toContain('Prime');
    const second = rows[1] as HTMLElement;
    expect(second.textContent).toContain('Buyer: Sofia Garcia');
    expect(second.textContent).toContain('Dangerous goods');
    expect(second.textContent).toContain('High value');
  });

  it('the countdown keeps running', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NINE_AM);
    renderBench({ now: NINE_AM });
    const rows = await screen.findAllByTestId('queue-row');
    const countdown = within(rows[0] as HTMLElement).getByTestId('countdown');
    expect(countdown.textContent).toBe('overdue by 3 h 12 min');
    vi.setSystemTime(NINE_AM + 60_000);
    await waitFor(() => expect(countdown.textContent).toBe('overdue by 3 h 13 min'), { timeout: 2500 });
  });

  it('the order field has the focus when the queue opens', async () => {
    renderBench();
    await screen.findAllByTestId('queue-row');
    expect(document.activeElement).toBe(screen.getByTestId('order-scan-input'));
  });

  it('searching by SKU asks the station and shows only what it returns', async () => {
    const { station } = renderBench();
    await screen.findAllByTestId('queue-row');
    fireEvent.change(screen.getByTestId('queue-search'), { target: { value: 'PB-CABLE' } });
    await waitFor(() => expect(screen.getAllByTestId('queue-row')).toHaveLength(1));
    expect(screen.getByTestId('queue-row').dataset['orderId']).toBe('112-0000002-0000002');
    expect(station.calls.filter((call) => call.channel === 'orders:queue').at(-1)?.input).toEqual({ search: 'PB-CABLE' });
  });

  it('clicking a row opens that order', async () => {
    renderBench();
    const rows = await screen.findAllByTestId('queue-row');
    fireEvent.click(rows[2] as HTMLElement);
    expect((await screen.findByTestId('pack-order-id')).textContent).toContain('113-0000003-0000003');
  });
});
