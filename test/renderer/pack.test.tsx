import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderBench } from './render-bench';

const FIRST = '111-0000001-0000001'; // 2 × PB-MUG-001, 1 × PB-SOCK-3P
const MUG_GTIN = '00693210000015';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function typeAndEnter(input: HTMLElement, text: string): void {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

function line(sku: string): HTMLElement {
  const found = screen.getAllByTestId('pack-line').find((row) => row.dataset['sku'] === sku);
  if (!found) throw new Error(`no line for ${sku}`);
  return found;
}

async function openFirstOrder(options: Parameters<typeof renderBench>[0] = {}) {
  const bench = renderBench(options);
  await screen.findAllByTestId('queue-row');
  typeAndEnter(screen.getByTestId('order-scan-input'), FIRST);
  await screen.findByTestId('pack-scan-input');
  return bench;
}

async function scan(code: string) {
  typeAndEnter(await screen.findByTestId('pack-scan-input'), code);
}

async function scanEverything() {
  await scan(MUG_GTIN);
  await waitFor(() => expect(within(line('PB-MUG-001')).getByTestId('pack-line-count').textContent).toContain('1 / 2'));
  await scan('PB-MUG-001');
  await waitFor(() => expect(within(line('PB-MUG-001')).getByTestId('pack-line-count').textContent).toContain('2 / 2'));
  await scan('pb-sock-3p');
  await screen.findByTestId('box-BOX-S');
}

/** Opens the first order, scans it, boxes and weighs it, and prints it by registered small parcel. */
async function packAndPrintFirstOrder() {
  await screen.findAllByTestId('queue-row');
  typeAndEnter(screen.getByTestId('order-scan-input'), FIRST);
  await screen.findByTestId('pack-scan-input');
  await scanEverything();
  fireEvent.click(screen.getByTestId('box-BOX-S'));
  await screen.findByTestId('box-current');
  typeAndEnter(screen.getByTestId('weight-input'), '900 g');
  await screen.findByTestId('weight-current');
  fireEvent.click(screen.getByTestId('service-CNPOST-REG-SP'));
  fireEvent.click(screen.getByTestId('print-label'));
}

describe('opening an order', () => {
  it('typing an order id and Enter in the order field opens the pack screen', async () => {
    const { station } = await openFirstOrder();
    expect(screen.getByTestId('pack-order-id').textContent).toContain(FIRST);
    expect(screen.getAllByTestId('pack-line').map((row) => row.dataset['sku'])).toEqual(['PB-MUG-001', 'PB-SOCK-3P']);
    expect(within(line('PB-MUG-001')).getByTestId('pack-line-count').textContent).toContain('0 / 2');
    expect(line('PB-MUG-001').textContent).toContain('Ceramic travel mug 350 ml');
    expect(line('PB-MUG-001').textContent).toContain('陶瓷随行杯 350毫升');
    expect(line('PB-MUG-001').textContent).toContain(MUG_GTIN);
    expect(station.calls.map((call) => call.channel)).toEqual(expect.arrayContaining(['orders:find', 'pack:open']));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('pack-scan-input')));
  });

  it('an unknown order shows a translated error that stays until dismissed', async () => {
    // Fake timers from the start, so a fade-out timer set when the banner appears would fire.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderBench();
    await screen.findAllByTestId('queue-row');
    typeAndEnter(screen.getByTestId('order-scan-input'), '999-9999999-9999999');
    const banner = await screen.findByTestId('order-error');
    expect(banner.textContent).toContain('Order 999-9999999-9999999 is not in this station’s database.');

    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(screen.getByTestId('order-error')).toBeTruthy();

    fireEvent.click(screen.getByTestId('order-error-dismiss'));
    expect(screen.queryByTestId('order-error')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('order-scan-input')));
  });

  it('a scanner burst with no field focused opens the order from the queue', async () => {
    renderBench();
    await screen.findAllByTestId('queue-row');
    (document.activeElement as HTMLElement).blur();
    for (const key of FIRST) fireEvent.keyDown(document.body, { key });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect((await screen.findByTestId('pack-order-id')).textContent).toContain(FIRST);
  });

  it('the same burst opens an order from the settings screen', async () => {
    renderBench();
    await screen.findAllByTestId('queue-row');
    fireEvent.click(screen.getByTestId('nav-settings'));
    await screen.findByTestId('language-select');
    (document.activeElement as HTMLElement | null)?.blur();
    for (const key of '113-0000003-0000003') fireEvent.keyDown(document.body, { key });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect((await screen.findByTestId('pack-order-id')).textContent).toContain('113-0000003-0000003');
  });
});

describe('scanning units', () => {
  it('an accepted scan ticks the line', async () => {
    await openFirstOrder();
    await scan(MUG_GTIN);
    await waitFor(() => expect(within(line('PB-MUG-001')).getByTestId('pack-line-count').textContent).toContain('1 / 2'));
    expect(screen.getByTestId('pack-result').textContent).toContain('PB-MUG-001: 1 of 2 scanned');
    expect(line('PB-MUG-001').className).toContain('line-flash');
    expect(screen.queryByTestId('scan-error')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('pack-scan-input'));
  });

  it('a wrong item shows a red message that does not fade, and nothing is scanned past it until it is acknowledged', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = await openFirstOrder();
    await scan('PB-CABLE-C2');
    const banner = await screen.findByTestId('scan-error');
    expect(banner.dataset['code']).toBe('SCAN_WRONG_ITEM');
    expect(banner.textContent).toContain('PB-CABLE-C2 is not in this order. Put it aside.');

    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(screen.getByTestId('scan-error')).toBeTruthy();
    expect(screen.getByTestId('scan-error').textContent).toContain('PB-CABLE-C2 is not in this order.');

    const scansBefore = station.calls.filter((call) => call.channel === 'pack:scan').length;
    await scan(MUG_GTIN);
    expect((await screen.findByTestId('scan-blocked')).textContent).toContain(MUG_GTIN);
    expect(station.calls.filter((call) => call.channel === 'pack:scan')).toHaveLength(scansBefore);

    fireEvent.click(screen.getByTestId('scan-error-ack'));
    await waitFor(() => expect(screen.queryByTestId('scan-error')).toBeNull());
    expect(station.calls.filter((call) => call.channel === 'pack:command').at(-1)?.input).toEqual({ orderId: FIRST, command: 'acknowledge' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('pack-scan-input')));
  });

  it('Escape acknowledges the message too', async () => {
    await openFirstOrder();
    await scan('0000000000000');
    const banner = await screen.findByTestId('scan-error');
    expect(banner.dataset['code']).toBe('SCAN_UNKNOWN_BARCODE');
    fireEvent.keyDown(screen.getByTestId('pack-scan-input'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('scan-error')).toBeNull());
  });

  it('an over-scan is refused with the ordered quantity', async () => {
    await openFirstOrder();
    await scan('PB-SOCK-3P');
    await waitFor(() => expect(within(line('PB-SOCK-3P')).getByTestId('pack-line-count').textContent).toContain('1 / 1'));
    await scan('PB-SOCK-3P');
    const banner = await screen.findByTestId('scan-error');
    expect(banner.textContent).toContain('PB-SOCK-3P: all 1 ordered units are already scanned. Take this one out.');
  });
});

describe('boxing, weighing and printing', () => {
  it('box presets appear once all units are scanned, and number key 1 picks the first', async () => {
    const { station } = await openFirstOrder();
    expect(screen.queryByTestId('box-BOX-S')).toBeNull();
    await scanEverything();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('box-picker')));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: '1' });
    await waitFor(() => expect(screen.getByTestId('box-BOX-S').getAttribute('aria-pressed')).toBe('true'));
    expect(station.calls.find((call) => call.channel === 'pack:setBox')?.input).toEqual({ orderId: FIRST, boxId: 'BOX-S' });
    expect(screen.getByTestId('box-current').textContent).toContain('21 × 16 × 11 cm');
  });

  it('custom dimensions are typed in cm and sent in whole mm', async () => {
    const { station } = await openFirstOrder();
    await scanEverything();
    fireEvent.change(screen.getByTestId('box-custom-length'), { target: { value: '30' } });
    fireEvent.change(screen.getByTestId('box-custom-width'), { target: { value: '20,5' } });
    fireEvent.change(screen.getByTestId('box-custom-height'), { target: { value: '15.25' } });
    fireEvent.keyDown(screen.getByTestId('box-custom-height'), { key: 'Enter' });
    await screen.findByTestId('box-current');
    expect(station.calls.find((call) => call.channel === 'pack:setBox')?.input).toEqual({
      orderId: FIRST,
      boxId: null,
      lengthMm: 300,
      widthMm: 205,
      heightMm: 153,
    });
  });

  it('an unreadable weight is refused in words; a good one unlocks the services; the label prints', async () => {
    const { station } = await openFirstOrder();
    await scanEverything();
    fireEvent.click(screen.getByTestId('box-BOX-S'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('weight-input')));

    typeAndEnter(screen.getByTestId('weight-input'), 'heavy');
    const banner = await screen.findByTestId('scan-error');
    expect(banner.textContent).toContain('“heavy” is not a weight. Type it like 1.2 kg, 850 g or 2 lb 3 oz.');
    fireEvent.click(screen.getByTestId('scan-error-ack'));

    typeAndEnter(screen.getByTestId('weight-input'), '1.2 kg');
    await screen.findByTestId('weight-current');
    expect(station.calls.filter((call) => call.channel === 'pack:setWeight').at(-1)?.input).toEqual({ orderId: FIRST, weight: '1.2 kg', source: 'typed' });
    expect(screen.getByTestId('findings-none')).toBeTruthy();

    // The bench proposes the post (cheapest) and says why; taking DHL instead needs a reason.
    const proposal = screen.getByTestId('service-proposal');
    expect(proposal.dataset['service']).toBe('CNPOST-REG-SP');
    expect(proposal.textContent).toContain('Proposed: China Post Registered Small Packet');
    expect(proposal.textContent).toContain('Cheapest of 2 candidates: 24.00 CNY');
    const print = screen.getByTestId('print-label') as HTMLButtonElement;
    expect(print.disabled).toBe(false);
    fireEvent.click(screen.getByTestId('service-DHL-EXP-WW'));
    expect(print.disabled).toBe(true);
    expect(screen.getByTestId('service-override').textContent).toContain('costs 158.40 CNY more · arrives 13 day(s) earlier');
    fireEvent.change(screen.getByTestId('service-reason'), { target: { value: 'BUYER_REQUEST' } });
    expect(print.disabled).toBe(false);
    fireEvent.click(print);
    await waitFor(() =>
      expect(station.calls.filter((call) => call.channel === 'pack:printLabel').at(-1)?.input).toEqual({ orderId: FIRST, serviceId: 'DHL-EXP-WW', reasonCode: 'BUYER_REQUEST' }),
    );

    expect((await screen.findByTestId('tracking-number')).textContent).toBe('4710000004');
    expect(screen.getByTestId('print-state').dataset['state']).toBe('printed');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('next-order')));

    fireEvent.click(screen.getByTestId('next-order'));
    await screen.findAllByTestId('queue-row');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('order-scan-input')));
  });

  it('a carton over the marketplace limit shows a red finding with the limit and the measured side', async () => {
    await openFirstOrder();
    await scanEverything();
    fireEvent.click(screen.getByTestId('box-BOX-XL'));
    await screen.findByTestId('box-current');
    typeAndEnter(screen.getByTestId('weight-input'), '3 kg');
    await screen.findAllByTestId('finding');
    const finding = screen.getAllByTestId('finding').find((item) => item.dataset['code'] === 'CARTON_SIDE_TOO_LONG');
    if (!finding) throw new Error('no carton finding');
    expect(finding.dataset['severity']).toBe('block');
    expect(finding.textContent).toContain('Longest side 66.0 cm is over the 63.5 cm limit.');
    expect((screen.getByTestId('service-DHL-EXP-WW') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('service-CNPOST-REG-SP').textContent).toContain('Not eligible');
    expect(screen.getAllByTestId('finding').map((item) => item.dataset['code'])).toContain('SERVICE_TOO_HEAVY');
  });

  it('a failed print says so and can be retried', async () => {
    renderBench({ printFailsFirst: true });
    await packAndPrintFirstOrder();

    const state = await screen.findByTestId('print-state');
    expect(state.dataset['state']).toBe('failed');
    expect(state.textContent).toContain('Print failed');
    // What to do, in the packer's words, with the printer's own detail beside it.
    expect(screen.getByTestId('print-error').textContent).toContain('The printer refused the connection. Is it switched on');
    expect(screen.getByTestId('print-error').textContent).toContain('ECONNREFUSED');
    // The packer asks the printer what is wrong before retrying.
    fireEvent.click(screen.getByTestId('printer-status-check'));
    expect((await screen.findByTestId('printer-status')).textContent).toBe('✖ out of labels');
    fireEvent.click(screen.getByTestId('retry-print'));
    await waitFor(() => expect(screen.getByTestId('print-state').dataset['state']).toBe('printed'));
    expect(screen.getByTestId('tracking-number').textContent).toBe('RR100000005CN');

    // The label and the slip drawn on screen, from the station's models.
    fireEvent.click(screen.getByTestId('show-preview'));
    const previews = await screen.findAllByTestId('label-preview');
    expect(previews).toHaveLength(2);
    expect(previews[0]?.textContent).toContain('深圳市光明贸易有限公司');
    expect(previews[0]?.querySelectorAll('rect[fill="#000"]').length).toBeGreaterThan(20);
    expect(previews[1]?.textContent).toContain('PB-MUG-001');
  });
});

describe('packing slips and customs forms', () => {
  it('the slip prints on its own printer from the label screen; a failure is explained and printed again', async () => {
    renderBench({ documentPrintFailsFirst: true });
    await packAndPrintFirstOrder();
    await waitFor(() => expect(screen.getByTestId('print-state').dataset['state']).toBe('printed'));

    // Not printed yet: the slip's row offers to print it (its profile is an office printer).
    const slip = screen.getByTestId('doc-print-slip');
    expect(slip.dataset['state']).toBe('none');
    fireEvent.click(screen.getByTestId('doc-print-slip-button'));
    await waitFor(() => expect(screen.getByTestId('doc-print-slip').dataset['state']).toBe('failed'));
    expect(screen.getByTestId('doc-print-slip-error').textContent).toContain('The print system (CUPS) refused the job.');
    expect(screen.getByTestId('doc-print-slip-button').textContent).toBe('Print Packing slip again');
    fireEvent.click(screen.getByTestId('doc-print-slip-button'));
    await waitFor(() => expect(screen.getByTestId('doc-print-slip').dataset['state']).toBe('printed'));
    expect(screen.getByTestId('doc-print-slip').textContent).toContain('os:Office');
    // This fake order's parcel has no CN22/CN23, so there is no customs row.
    expect(screen.queryByTestId('doc-print-customs')).toBeNull();
  });
});

describe('auto-print', () => {
  it('with auto-print on, the proposed label prints by itself once the parcel is boxed and weighed, once', async () => {
    const { station } = await openFirstOrder({ settings: { autoPrint: true } });
    await scanEverything();
    fireEvent.click(screen.getByTestId('box-BOX-S'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('weight-input')));
    typeAndEnter(screen.getByTestId('weight-input'), '1.2 kg');
    await screen.findByTestId('tracking-number');
    const prints = station.calls.filter((call) => call.channel === 'pack:printLabel');
    expect(prints.map((call) => call.input)).toEqual([{ orderId: FIRST, serviceId: 'CNPOST-REG-SP' }]);
  });

  it('with auto-print off, nothing prints until the packer presses Print', async () => {
    const { station } = await openFirstOrder();
    await scanEverything();
    fireEvent.click(screen.getByTestId('box-BOX-S'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('weight-input')));
    typeAndEnter(screen.getByTestId('weight-input'), '1.2 kg');
    await screen.findByTestId('weight-current');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(station.calls.filter((call) => call.channel === 'pack:printLabel')).toEqual([]);
  });
});
