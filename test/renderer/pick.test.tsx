import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dueToday, endOfLocalDay } from '../../renderer/src/store/pick-slice';
import { cannedOrders } from './fake-station';
import { renderBench } from './render-bench';

// 09:00 local time: order 1 is overdue, order 2 due later today, order 3 in two days.
const NINE_AM = new Date(2026, 2, 10, 9, 0, 0).getTime();
const FIRST = '111-0000001-0000001'; // 2 × PB-MUG-001 (B-02-03), 1 × PB-SOCK-3P (A-01-01)
const SECOND = '112-0000002-0000002'; // 1 × PB-CABLE-C2 (C-10-02)
const THIRD = '113-0000003-0000003'; // 1 × PB-SOCK-3P (A-01-01)

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function rows() {
  return screen.getAllByTestId('pick-row').map((row) => ({
    bin: row.dataset['bin'],
    sku: row.dataset['sku'],
    quantity: row.querySelector('.pick-quantity')?.textContent,
    totes: within(row)
      .getAllByTestId('pick-tote')
      .map((tote) => tote.textContent),
  }));
}

describe('the pick list', () => {
  it('for orders ticked in the queue: one row per SKU in bin order, with the count per tote', async () => {
    const { station } = renderBench();
    await screen.findAllByTestId('queue-row');
    fireEvent.click(screen.getByTestId(`queue-select-${FIRST}`));
    fireEvent.click(screen.getByTestId(`queue-select-${THIRD}`));
    // Ticking a box does not open the order.
    expect(screen.queryByTestId('pack-instruction')).toBeNull();
    expect(screen.getByTestId('queue-pick-list').textContent).toContain('2 selected');

    fireEvent.click(screen.getByTestId('queue-pick-list'));
    await screen.findAllByTestId('pick-row');
    expect(station.calls.find((call) => call.channel === 'pick:list')?.input).toEqual({ orderIds: [FIRST, THIRD] });
    expect(rows()).toEqual([
      { bin: 'A-01-01', sku: 'PB-SOCK-3P', quantity: '2', totes: ['Tote 1: 1', 'Tote 2: 1'] },
      { bin: 'B-02-03', sku: 'PB-MUG-001', quantity: '2', totes: ['Tote 1: 2'] },
    ]);
    const legend = screen.getAllByTestId('pick-legend-row').map((row) => row.textContent);
    expect(legend[0]).toContain(`Tote 1 → ${FIRST}`);
    expect(legend[1]).toContain(`Tote 2 → ${THIRD}`);
    expect(screen.getAllByTestId('pick-row')[0]?.textContent).toContain('美利奴羊毛袜 三双装');
  });

  it('without a selection it takes today’s orders (overdue ones too) and prints', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NINE_AM);
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { station } = renderBench({ now: NINE_AM });
    await screen.findAllByTestId('queue-row');
    fireEvent.click(screen.getByTestId('nav-pick'));
    await screen.findAllByTestId('pick-row');
    expect(screen.getByTestId('pick-scope').dataset['scope']).toBe('today');
    expect(station.calls.find((call) => call.channel === 'pick:list')?.input).toEqual({ orderIds: [FIRST, SECOND] });
    expect(rows().map((row) => row.bin)).toEqual(['A-01-01', 'B-02-03', 'C-10-02']);
    fireEvent.click(screen.getByTestId('pick-print'));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('“today” ends at local midnight', () => {
    expect(new Date(endOfLocalDay(NINE_AM)).getHours()).toBe(0);
    expect(endOfLocalDay(NINE_AM) - NINE_AM).toBe(15 * 3_600_000);
    const orders = cannedOrders(NINE_AM).map((order) => ({
      orderId: order.orderId,
      status: 'new' as const,
      purchaseDate: '2026-03-08T00:00:00Z',
      latestShipDate: order.latestShipDate,
      shipServiceLevel: null,
      isPrime: false,
      recipientName: '',
      buyerName: null,
      countryCode: 'US',
      lineCount: 1,
      unitCount: 1,
      skus: [],
      flags: order.orderId === SECOND ? (['on-hold'] as const).slice() : [],
      heldBy: null,
    }));
    expect(dueToday(orders, NINE_AM)).toEqual([FIRST]);
  });
});

describe('queue markers', () => {
  it('a buyer’s cancel request and a hold are shown in words', async () => {
    const orders = cannedOrders(Date.now());
    const [first] = orders;
    if (!first) throw new Error('no order');
    first.flags = ['buyer-cancel-request', 'on-hold'];
    renderBench({ orders });
    const rows = await screen.findAllByTestId('queue-row');
    expect(rows[0]?.textContent).toContain('Buyer asked to cancel');
    expect(rows[0]?.textContent).toContain('On hold');
  });

  it('clearing the selection brings back today’s list', async () => {
    renderBench();
    await screen.findAllByTestId('queue-row');
    fireEvent.click(screen.getByTestId(`queue-select-${THIRD}`));
    fireEvent.click(screen.getByTestId('queue-pick-list'));
    await waitFor(() => expect(screen.getByTestId('pick-scope').dataset['scope']).toBe('selected'));
    fireEvent.click(screen.getByTestId('pick-today'));
    await waitFor(() => expect(screen.getByTestId('pick-scope').dataset['scope']).toBe('today'));
  });
});
