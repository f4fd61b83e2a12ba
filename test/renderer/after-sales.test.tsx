import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAmount } from '../../renderer/src/components/pack/AfterSalesPanel';
import type { FakeOrder } from './fake-station';
import { renderBench } from './render-bench';

// The after-sales panel of an order that has left the bench, under its history on the pack screen.

const PACKED = '120-0000020-0000020';
const OPEN = '121-0000021-0000021';

afterEach(cleanup);

function order(orderId: string, status: FakeOrder['status']): FakeOrder {
  return {
    orderId,
    status,
    latestShipDate: new Date(Date.now() + 3_600_000).toISOString(),
    recipientName: 'Test Buyer',
    buyerName: null,
    countryCode: 'US',
    isPrime: false,
    shipServiceLevel: 'Standard',
    flags: [],
    lines: [
      { sku: 'PB-MUG-001', quantity: 2 },
      { sku: 'PB-SOCK-3P', quantity: 1 },
    ],
  };
}

async function openWithHistory(orderId: string): Promise<void> {
  await screen.findAllByTestId('queue-row');
  const input = screen.getByTestId('order-scan-input');
  fireEvent.change(input, { target: { value: orderId } });
  fireEvent.keyDown(input, { key: 'Enter' });
  const toggle = await screen.findByTestId('history-open');
  // A packed order says what is behind the button.
  expect(toggle.textContent).toMatch(/after-sales|售后/);
  fireEvent.click(toggle);
}

describe('the after-sales panel', () => {
  it('records a return with quantities, condition and restock or write-off, and lists it (Chinese)', async () => {
    const { station } = renderBench({ language: 'zh-CN', orders: [order(PACKED, 'packed')] });
    await openWithHistory(PACKED);
    const panel = await screen.findByTestId('after-sales');
    expect(within(panel).getByRole('heading', { name: '售后' })).toBeTruthy();
    expect(await within(panel).findByText('此订单尚无售后记录。')).toBeTruthy();

    fireEvent.click(within(panel).getByTestId('after-sales-open-return'));
    expect(within(panel).getByTestId('after-sales-open-return').textContent).toBe('登记退货');
    const form = within(panel).getByTestId('return-form');
    fireEvent.change(within(form).getByTestId('return-quantity-PB-MUG-001'), { target: { value: '1' } });
    fireEvent.change(within(form).getByTestId('return-condition-PB-MUG-001'), { target: { value: 'damaged' } });
    fireEvent.change(within(form).getByTestId('return-disposition-PB-MUG-001'), { target: { value: 'write-off' } });
    fireEvent.change(within(form).getByTestId('return-quantity-PB-SOCK-3P'), { target: { value: '1' } });
    fireEvent.change(within(form).getByTestId('return-reason'), { target: { value: 'damaged-in-transit' } });
    fireEvent.click(within(form).getByTestId('return-save'));

    const row = await within(panel).findByTestId('after-sales-return');
    expect(row.textContent).toContain('RMA-20261126-1');
    expect(row.textContent).toContain('运输途中损坏');
    expect(row.textContent).toContain('部分重新入库');
    expect(row.textContent).toContain('1 × PB-MUG-001：已损坏，报废');
    expect(row.textContent).toContain('1 × PB-SOCK-3P：可再销售，重新入库');
    expect(station.calls.find((call) => call.channel === 'aftersales:return')?.input).toEqual({
      orderId: PACKED,
      reason: 'damaged-in-transit',
      items: [
        { orderItemId: `${PACKED}-0`, quantity: 1, condition: 'damaged', disposition: 'write-off' },
        { orderItemId: `${PACKED}-1`, quantity: 1, condition: 'sellable', disposition: 'restock' },
      ],
    });
    expect(within(panel).queryByTestId('return-form')).toBeNull();
  });

  it('shows the station’s refusal of too many units in words, and a missing unit can only be written off', async () => {
    renderBench({ language: 'zh-CN', orders: [order(PACKED, 'packed')] });
    await openWithHistory(PACKED);
    const panel = await screen.findByTestId('after-sales');
    fireEvent.click(await within(panel).findByTestId('after-sales-open-return'));
    const form = within(panel).getByTestId('return-form');
    fireEvent.change(within(form).getByTestId('return-condition-PB-SOCK-3P'), { target: { value: 'missing' } });
    expect((within(form).getByTestId('return-disposition-PB-SOCK-3P') as HTMLSelectElement).value).toBe('write-off');
    fireEvent.change(within(form).getByTestId('return-quantity-PB-SOCK-3P'), { target: { value: '3' } });
    fireEvent.click(within(form).getByTestId('return-save'));
    const error = await within(panel).findByTestId('after-sales-error');
    expect(error.textContent).toBe('PB-SOCK-3P：填写了 3 件，订购 1 件中最多还能退回 1 件。');
  });

  it('a supervisor records 1-star feedback and a claim, then denies the claim', async () => {
    renderBench({ signedIn: 'Zhang Min', orders: [order(PACKED, 'packed')] });
    await openWithHistory(PACKED);
    const panel = await screen.findByTestId('after-sales');
    fireEvent.click(await within(panel).findByTestId('after-sales-open-defect'));
    fireEvent.click(within(panel).getByTestId('defect-save'));
    await waitFor(() => expect(within(panel).getAllByTestId('after-sales-defect')).toHaveLength(1));
    expect(within(panel).getByTestId('after-sales-defect').textContent).toContain('Buyer feedback · 1★');

    fireEvent.click(within(panel).getByTestId('after-sales-open-defect'));
    fireEvent.change(within(panel).getByTestId('defect-kind'), { target: { value: 'a-to-z-claim' } });
    fireEvent.click(within(panel).getByTestId('defect-save'));
    await waitFor(() => expect(within(panel).getAllByTestId('after-sales-defect')).toHaveLength(2));
    const claim = within(panel).getAllByTestId('after-sales-defect')[1] as HTMLElement;
    expect(claim.textContent).toContain('A-to-z claim · Open');
    fireEvent.click(within(claim).getByRole('button', { name: 'Claim denied' }));
    await waitFor(() => expect(within(panel).getAllByTestId('after-sales-defect')[1]?.textContent).toContain('A-to-z claim · Denied'));
  });

  it('a packer is refused a refund; an order still being packed has no panel', async () => {
    renderBench({ orders: [order(PACKED, 'packed'), order(OPEN, 'new')] });
    await openWithHistory(PACKED);
    const panel = await screen.findByTestId('after-sales');
    fireEvent.click(await within(panel).findByTestId('after-sales-open-refund'));
    fireEvent.change(within(panel).getByTestId('refund-amount'), { target: { value: '5.00' } });
    fireEvent.change(within(panel).getByTestId('refund-reason'), { target: { value: 'late' } });
    fireEvent.click(within(panel).getByTestId('refund-save'));
    expect((await within(panel).findByTestId('after-sales-error')).textContent).toContain('supervisor');

    fireEvent.click(screen.getByTestId('history-open'));
    expect(screen.queryByTestId('after-sales')).toBeNull();
  });

  it.each([
    ['12.50', 1250],
    ['12,5', 1250],
    ['7', 700],
    ['0', null],
    ['1.234', null],
    ['abc', null],
  ])('the amount %s is %s minor units', (text, minor) => {
    expect(parseAmount(text)).toBe(minor);
  });
});
