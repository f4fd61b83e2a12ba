import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import { onCue } from '../../renderer/src/audio/play-cue';
import type { Cue } from '../../renderer/src/audio/play-cue';
import { createAppStore } from '../../renderer/src/store/app-store';
import type { AppStore } from '../../renderer/src/store/app-store';
import { cannedOrders, createFakeStation } from './fake-station';
import type { FakeOrder, FakeStation } from './fake-station';
import { renderBench } from './render-bench';

const FIRST = '111-0000001-0000001'; // 2 × PB-MUG-001, 1 × PB-SOCK-3P
const MUG_GTIN = '00693210000015';
const SOCK_GTIN = '00693210000022';
const PHONE_ORDER = '114-0000004-0000004';
const BOLT_ORDER = '115-0000005-0000005';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function extraOrder(orderId: string, lines: FakeOrder['lines']): FakeOrder {
  return {
    orderId,
    latestShipDate: new Date(Date.now() + 30 * 3_600_000).toISOString(),
    recipientName: 'Test Buyer',
    buyerName: null,
    countryCode: 'FR',
    isPrime: false,
    shipServiceLevel: 'Standard',
    flags: [],
    lines,
  };
}

const withExtras = () => [
  ...cannedOrders(Date.now()),
  extraOrder(PHONE_ORDER, [{ sku: 'PB-PHONE', quantity: 2 }]),
  extraOrder(BOLT_ORDER, [{ sku: 'PB-BOLT-M6', quantity: 10 }]),
];

/** The same station behind a fresh store and a fresh window: what a reload (or a restart of the screen) does. */
function renderWith(station: FakeStation): AppStore {
  const store = createAppStore(station.api, { sleep: () => Promise.resolve() });
  render(<App store={store} />);
  return store;
}

function typeAndEnter(input: HTMLElement, text: string): void {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

async function openOrder(orderId: string): Promise<void> {
  await screen.findAllByTestId('queue-row');
  typeAndEnter(screen.getByTestId('order-scan-input'), orderId);
  await screen.findByTestId('pack-instruction');
}

async function scan(code: string): Promise<void> {
  typeAndEnter(await screen.findByTestId('pack-scan-input'), code);
}

function line(sku: string): HTMLElement {
  const found = screen.getAllByTestId('pack-line').find((row) => row.dataset['sku'] === sku);
  if (!found) throw new Error(`no line for ${sku}`);
  return found;
}

const count = (sku: string) => within(line(sku)).getByTestId('pack-line-count').textContent ?? '';

function scanCalls(station: FakeStation): Array<{ code: string; scanId?: string }> {
  return station.calls.filter((call) => call.channel === 'pack:scan').map((call) => call.input as { code: string; scanId?: string });
}

function packages(): Array<{ seq: string | undefined; status: string | undefined; text: string }> {
  return screen.getAllByTestId('package-row').map((row) => ({ seq: row.dataset['seq'], status: row.dataset['status'], text: row.textContent ?? '' }));
}

async function measureAndPrint(serviceId = 'DHL-EXP-WW'): Promise<void> {
  fireEvent.click(await screen.findByTestId('box-BOX-S'));
  await screen.findByTestId('box-current');
  typeAndEnter(screen.getByTestId('weight-input'), '900 g');
  await screen.findByTestId('weight-current');
  fireEvent.click(screen.getByTestId(`service-${serviceId}`));
  // Not the proposed service: the packer says why before the label prints.
  const reason = screen.queryByTestId('service-reason');
  if (reason) fireEvent.change(reason, { target: { value: 'BUYER_REQUEST' } });
  fireEvent.click(screen.getByTestId('print-label'));
}

describe('the red message at the bench', () => {
  it('is the station’s alert: it survives a reload and goes only when acknowledged', async () => {
    const station = createFakeStation();
    renderWith(station);
    await openOrder(FIRST);
    await scan('PB-CABLE-C2');
    const alert = await screen.findByTestId('pack-alert');
    expect(alert.dataset['code']).toBe('SCAN_WRONG_ITEM');
    expect(alert.textContent).toContain('PB-CABLE-C2 is not in this order. Put it aside.');
    expect(screen.getByTestId('pack-instruction').textContent).toContain('Read the red message');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('pack-alert-ack')));

    // The window is reloaded: the alert comes back from the station, not from the old screen.
    cleanup();
    renderWith(station);
    await openOrder(FIRST);
    expect((await screen.findByTestId('pack-alert')).dataset['code']).toBe('SCAN_WRONG_ITEM');

    fireEvent.click(screen.getByTestId('pack-alert-ack'));
    await waitFor(() => expect(screen.queryByTestId('pack-alert')).toBeNull());
    expect(station.calls.filter((call) => call.channel === 'pack:command').map((call) => call.input)).toContainEqual({ orderId: FIRST, command: 'acknowledge' });

    cleanup();
    renderWith(station);
    await openOrder(FIRST);
    expect(screen.queryByTestId('pack-alert')).toBeNull();
    expect(screen.getByTestId('pack-instruction').textContent).toContain('Scan item 1 of 3');
  });

  it('Enter on the focused OK button acknowledges it; a scan behind it is listed as not counted', async () => {
    const { station } = renderBench();
    await openOrder(FIRST);
    await scan('0000000000000');
    await screen.findByTestId('pack-alert');
    await scan(MUG_GTIN);
    expect((await screen.findByTestId('scan-blocked')).textContent).toContain(MUG_GTIN);
    expect(scanCalls(station)).toHaveLength(1);
    const ack = screen.getByTestId('pack-alert-ack');
    await waitFor(() => expect(document.activeElement).toBe(ack));
    // A browser turns Enter on a focused button into a click.
    fireEvent.click(ack);
    await waitFor(() => expect(screen.queryByTestId('pack-alert')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('pack-scan-input')));
    expect(count('PB-MUG-001')).toContain('0 / 2');
  });
});

describe('the scan queue', () => {
  it('sends scans one at a time, in order, each with its own scanId; a scan during one in flight waits', async () => {
    const held: Array<() => void> = [];
    const station = createFakeStation({ beforeScan: () => new Promise<void>((resolve) => held.push(resolve)) });
    const store = renderWith(station);
    await openOrder(FIRST);

    const done = [store.getState().scanItem(MUG_GTIN), store.getState().scanItem('PB-MUG-001'), store.getState().scanItem(SOCK_GTIN)];
    await waitFor(() => expect(held).toHaveLength(1));
    expect(scanCalls(station)).toHaveLength(1);
    expect((await screen.findByTestId('scan-saving')).textContent).toContain('3 waiting');

    held.shift()?.();
    await waitFor(() => expect(held).toHaveLength(1));
    expect(scanCalls(station)).toHaveLength(2);
    held.shift()?.();
    await waitFor(() => expect(held).toHaveLength(1));
    held.shift()?.();
    await act(async () => {
      await Promise.all(done);
    });

    const sent = scanCalls(station);
    expect(sent.map((input) => input.code)).toEqual([MUG_GTIN, 'PB-MUG-001', SOCK_GTIN]);
    expect(new Set(sent.map((input) => input.scanId)).size).toBe(3);
    expect(sent.every((input) => typeof input.scanId === 'string' && input.scanId.length >= 8)).toBe(true);
    expect(count('PB-MUG-001')).toContain('2 / 2');
    expect(count('PB-SOCK-3P')).toContain('1 / 1');
    expect(screen.queryByTestId('scan-saving')).toBeNull();
  });

  it('a scan whose answer was lost is sent again with the same scanId and counted once', async () => {
    const { station } = renderBench({ loseScanAnswers: 1 });
    await openOrder(FIRST);
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
    const sent = scanCalls(station);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.scanId).toBe(sent[0]?.scanId);
    expect(station.calls.filter((call) => call.channel === 'pack:scan')).toHaveLength(2);
    expect(screen.queryByTestId('pack-alert')).toBeNull();
  });

  it('each answer has its own sound', async () => {
    const heard: Cue[] = [];
    const stop = onCue((cue) => heard.push(cue));
    try {
      renderBench({ orders: withExtras() });
      await openOrder(PHONE_ORDER);
      await scan('00693210000046');
      await screen.findByTestId('serial-prompt');
      await scan('SN-0001');
      await waitFor(() => expect(count('PB-PHONE')).toContain('1 / 2'));
      await scan('PB-CABLE-C2');
      await screen.findByTestId('pack-alert');
      expect(heard).toEqual(['prompt', 'accepted', 'error']);
    } finally {
      stop();
    }
  });
});

describe('serial numbers', () => {
  it('a unit that needs a serial asks for it; the next scan is the serial', async () => {
    const { station } = renderBench({ orders: withExtras() });
    await openOrder(PHONE_ORDER);
    await scan('00693210000046');
    const prompt = await screen.findByTestId('serial-prompt');
    expect(prompt.textContent).toContain('PB-PHONE');
    expect(screen.getByTestId('pack-instruction').textContent).toContain('Scan the serial number of PB-PHONE');
    expect(count('PB-PHONE')).toContain('0 / 2');

    await scan('SN-0001');
    await waitFor(() => expect(screen.queryByTestId('serial-prompt')).toBeNull());
    expect(count('PB-PHONE')).toContain('1 / 2');
    expect(scanCalls(station).map((input) => input.code)).toEqual(['00693210000046', 'SN-0001']);
  });

  it('Cancel ends the prompt without counting the unit', async () => {
    const { station } = renderBench({ orders: withExtras() });
    await openOrder(PHONE_ORDER);
    await scan('00693210000046');
    await screen.findByTestId('serial-prompt');
    fireEvent.click(screen.getByTestId('serial-cancel'));
    await waitFor(() => expect(screen.queryByTestId('serial-prompt')).toBeNull());
    expect(station.calls.filter((call) => call.channel === 'pack:command').map((call) => call.input)).toContainEqual({ orderId: PHONE_ORDER, command: 'cancel-prompt' });
    expect(count('PB-PHONE')).toContain('0 / 2');
  });
});

describe('the quantity shortcut', () => {
  it('after one scan of a bulk line, the count is typed instead of scanned', async () => {
    const { station } = renderBench({ orders: withExtras() });
    await openOrder(BOLT_ORDER);
    const boltLine = `${BOLT_ORDER}-0`;
    expect(screen.queryByTestId(`quantity-input-${boltLine}`)).toBeNull();
    await scan('PB-BOLT-M6');
    const input = await screen.findByTestId(`quantity-input-${boltLine}`);
    expect(within(line('PB-BOLT-M6')).getByTestId('line-in-package').textContent).toBe('1');

    typeAndEnter(input, '10');
    await waitFor(() => expect(count('PB-BOLT-M6')).toContain('10 / 10'));
    expect(station.calls.find((call) => call.channel === 'pack:quantity')?.input).toEqual({ orderId: BOLT_ORDER, orderItemId: boltLine, quantity: 10 });
    // Nothing left to scan: the package closed by itself and the box comes next.
    expect((await screen.findByTestId('pack-instruction')).textContent).toContain('Box it: choose a box');
  });

  it('a line that must be scanned unit by unit offers no count field', async () => {
    renderBench();
    await openOrder(FIRST);
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
    expect(screen.queryByTestId(`quantity-input-${FIRST}-0`)).toBeNull();
  });
});

describe('overrides', () => {
  it('a packer needs a supervisor’s name and PIN to verify a unit without a scan', async () => {
    const { station } = renderBench();
    await openOrder(FIRST);
    fireEvent.click(screen.getByTestId(`override-${FIRST}-0`));
    const dialog = await screen.findByTestId('override-dialog');
    const reasons = within(dialog).getByTestId('override-reason') as HTMLSelectElement;
    expect([...reasons.options].map((option) => option.textContent)).toContain('Barcode damaged or unreadable · 条码损坏或无法读取');
    fireEvent.change(reasons, { target: { value: 'DAMAGED_BARCODE' } });
    fireEvent.change(within(dialog).getByTestId('override-note'), { target: { value: 'label torn' } });

    fireEvent.click(within(dialog).getByTestId('override-submit'));
    expect((await within(dialog).findByTestId('override-missing')).textContent).toContain('A supervisor must');
    expect(station.calls.some((call) => call.channel === 'pack:override')).toBe(false);

    fireEvent.click(within(dialog).getByTestId('override-mode-pin'));
    fireEvent.change(within(dialog).getByTestId('override-supervisor-name'), { target: { value: 'Zhang Min' } });
    fireEvent.change(within(dialog).getByTestId('override-supervisor-pin'), { target: { value: '0000' } });
    fireEvent.click(within(dialog).getByTestId('override-submit'));
    expect((await within(dialog).findByTestId('override-error')).dataset['code']).toBe('OPERATOR_BAD_PIN');

    fireEvent.change(within(dialog).getByTestId('override-supervisor-pin'), { target: { value: '9999' } });
    fireEvent.click(within(dialog).getByTestId('override-submit'));
    await waitFor(() => expect(screen.queryByTestId('override-dialog')).toBeNull());
    expect(station.calls.filter((call) => call.channel === 'pack:override').at(-1)?.input).toEqual({
      orderId: FIRST,
      orderItemId: `${FIRST}-0`,
      kind: 'unit',
      reasonCode: 'DAMAGED_BARCODE',
      note: 'label torn',
      supervisor: { name: 'Zhang Min', pin: '9999' },
    });
    expect(count('PB-MUG-001')).toContain('1 / 2');
  });

  it('a supervisor’s badge scanned while the dialog is open approves shipping short', async () => {
    const { station, store } = renderBench();
    await openOrder(FIRST);
    fireEvent.click(screen.getByTestId(`override-${FIRST}-1`));
    const dialog = await screen.findByTestId('override-dialog');
    fireEvent.click(within(dialog).getByTestId('override-kind-short'));
    fireEvent.change(within(dialog).getByTestId('override-reason'), { target: { value: 'OUT_OF_STOCK' } });
    await act(async () => {
      await store.getState().scanItem('B-9001');
    });
    expect((within(dialog).getByTestId('override-badge') as HTMLInputElement).value).toBe('B-9001');
    expect(station.calls.some((call) => call.channel === 'pack:scan')).toBe(false);
    fireEvent.click(within(dialog).getByTestId('override-submit'));
    await waitFor(() => expect(screen.queryByTestId('override-dialog')).toBeNull());
    expect(station.calls.filter((call) => call.channel === 'pack:override').at(-1)?.input).toEqual({
      orderId: FIRST,
      orderItemId: `${FIRST}-1`,
      kind: 'short',
      reasonCode: 'OUT_OF_STOCK',
      quantity: 1,
      supervisor: { badge: 'B-9001' },
    });
    expect(within(line('PB-SOCK-3P')).getByTestId('line-short').textContent).toContain('1 shipped short');
  });

  it('a supervisor at the bench is not asked for anyone’s approval', async () => {
    renderBench({ signedIn: 'Zhang Min' });
    await openOrder(FIRST);
    fireEvent.click(screen.getByTestId(`override-${FIRST}-0`));
    const dialog = await screen.findByTestId('override-dialog');
    expect(within(dialog).queryByTestId('override-supervisor')).toBeNull();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('override-dialog')).toBeNull());
  });
});

describe('several packages', () => {
  it('"Next package" closes the first early; after its label the second opens for the rest', async () => {
    const { station } = renderBench();
    await openOrder(FIRST);
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
    fireEvent.click(screen.getByTestId('next-package'));
    await waitFor(() => expect(screen.getByTestId('pack-instruction').textContent).toContain('Box it: choose a box'));
    expect(station.calls.filter((call) => call.channel === 'pack:command').at(-1)?.input).toEqual({ orderId: FIRST, command: 'next-package' });
    expect(screen.getByTestId('pack-result').textContent).toContain('Package 1 closed');

    await measureAndPrint();
    // The label printed and units remain: the station opened package 2.
    await waitFor(() => expect(packages()).toHaveLength(2));
    expect(packages()[0]).toMatchObject({ seq: '1', status: 'printed' });
    expect(packages()[0]?.text).toContain('4710000004');
    expect(packages()[1]).toMatchObject({ seq: '2', status: 'open' });
    expect(screen.getByTestId('pack-instruction').textContent).toContain('Scan item 2 of 3');

    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('2 / 2'));
    await scan(SOCK_GTIN);
    await waitFor(() => expect(screen.getByTestId('pack-instruction').textContent).toContain('Box it'));
    await measureAndPrint('CNPOST-REG-SP');
    await screen.findByTestId('next-order');
    expect(packages().map((row) => row.status)).toEqual(['printed', 'printed']);
    expect(screen.getByTestId('pack-instruction').textContent).toContain('Done');
  });

  it('an empty package cannot be closed: the button appears only once a unit is in it', async () => {
    renderBench();
    await openOrder(FIRST);
    expect(screen.queryByTestId('next-package')).toBeNull();
    await scan(MUG_GTIN);
    await screen.findByTestId('next-package');
  });
});

describe('cancellation while packing', () => {
  it('blocks the screen with a red STOP that stays; a labelled parcel is listed to pull', async () => {
    const { station } = renderBench();
    await openOrder(FIRST);
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
    fireEvent.click(screen.getByTestId('next-package'));
    await screen.findByTestId('box-picker');
    await measureAndPrint();
    await waitFor(() => expect(packages()).toHaveLength(2));

    station.cancelOrder(FIRST);
    await scan(MUG_GTIN);
    const block = await screen.findByTestId('cancelled-block');
    expect(block.textContent).toContain('STOP: order cancelled — put the items back');
    expect(screen.getByTestId('pack-instruction').textContent).toContain('STOP: order cancelled');
    expect(screen.queryByTestId('pack-scan-input')).toBeNull();

    // Nothing makes it go away but leaving the order.
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.getByTestId('cancelled-block')).toBeTruthy();

    const parcel = within(block).getByTestId('pull-parcel');
    expect(parcel.dataset['tracking']).toBe('4710000004');
    expect(parcel.textContent).toContain('Pull parcel 4710000004 from the outgoing pile');
    fireEvent.click(within(parcel).getByTestId('pull-confirm'));
    await waitFor(() => expect(within(block).queryByTestId('pull-parcel')).toBeNull());
    expect(station.calls.find((call) => call.channel === 'orders:confirmPulled')?.input).toEqual({ orderId: FIRST, packageId: 1 });
    expect(screen.getByTestId('cancelled-block')).toBeTruthy();
  });

  it('the queue shows parcels still to pull until each is confirmed', async () => {
    const { station } = renderBench();
    await openOrder(FIRST);
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
    fireEvent.click(screen.getByTestId('next-package'));
    await screen.findByTestId('box-picker');
    await measureAndPrint();
    await waitFor(() => expect(packages()).toHaveLength(2));
    station.cancelOrder(FIRST);
    await scan(MUG_GTIN);
    fireEvent.click(within(await screen.findByTestId('cancelled-block')).getByTestId('cancelled-leave'));

    const parcel = await screen.findByTestId('pull-parcel');
    expect(parcel.dataset['tracking']).toBe('4710000004');
    expect(parcel.textContent).toContain(FIRST);
    fireEvent.click(within(parcel).getByTestId('pull-confirm'));
    await waitFor(() => expect(screen.queryByTestId('pull-parcel')).toBeNull());
  });
});

describe('a session held by someone else', () => {
  it('a packer is told who holds it; the queue marks the row', async () => {
    renderBench({ heldBy: { [FIRST]: 'Wang Fang' } });
    const rows = await screen.findAllByTestId('queue-row');
    expect(within(rows[0] as HTMLElement).getByTestId('queue-held').textContent).toContain('Held by Wang Fang');
    typeAndEnter(screen.getByTestId('order-scan-input'), FIRST);
    const held = await screen.findByTestId('session-held');
    expect(held.textContent).toContain('Held by Wang Fang');
    expect(screen.queryByTestId('takeover')).toBeNull();
    expect(screen.queryByTestId('pack-instruction')).toBeNull();
  });

  it('a supervisor can take it over', async () => {
    const { station } = renderBench({ heldBy: { [FIRST]: 'Wang Fang' }, signedIn: 'Zhang Min' });
    await screen.findAllByTestId('queue-row');
    typeAndEnter(screen.getByTestId('order-scan-input'), FIRST);
    fireEvent.click(await screen.findByTestId('takeover'));
    await screen.findByTestId('pack-instruction');
    expect(station.calls.filter((call) => call.channel === 'pack:open').at(-1)?.input).toEqual({ orderId: FIRST, takeover: true });
    expect(screen.queryByTestId('session-held')).toBeNull();
  });
});

describe('order history', () => {
  it('lists every event with operator, translated kind, outcome, package and override reason', async () => {
    renderBench({ signedIn: 'Zhang Min' });
    await openOrder(FIRST);
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
    await scan('PB-CABLE-C2');
    fireEvent.click(await screen.findByTestId('pack-alert-ack'));
    await waitFor(() => expect(screen.queryByTestId('pack-alert')).toBeNull());
    fireEvent.click(screen.getByTestId(`override-${FIRST}-0`));
    const dialog = await screen.findByTestId('override-dialog');
    fireEvent.change(within(dialog).getByTestId('override-reason'), { target: { value: 'NO_BARCODE' } });
    fireEvent.change(within(dialog).getByTestId('override-note'), { target: { value: 'sticker missing' } });
    fireEvent.click(within(dialog).getByTestId('override-submit'));
    await waitFor(() => expect(screen.queryByTestId('override-dialog')).toBeNull());

    fireEvent.click(screen.getByTestId('history-open'));
    await waitFor(() => expect(screen.getAllByTestId('history-row').length).toBeGreaterThanOrEqual(5));
    const rows = screen.getAllByTestId('history-row');
    expect(rows.map((row) => row.dataset['kind'])).toEqual(['opened', 'unit', 'rejected', 'acknowledged', 'unit']);
    expect(rows.every((row) => row.textContent?.includes('Zhang Min'))).toBe(true);
    const [, scanned, refused, acknowledged, override] = rows as [HTMLElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(scanned.textContent).toContain('Unit packed');
    expect(scanned.textContent).toContain('accepted');
    expect(scanned.textContent).toContain(`code ${MUG_GTIN}`);
    expect(scanned.textContent).toContain('Package 1');
    expect(refused.textContent).toContain('Scan refused');
    expect(refused.textContent).toContain('PB-CABLE-C2 is not in this order');
    expect(acknowledged.textContent).toContain('Error acknowledged');
    expect(override.textContent).toContain('verified without a scan');
    expect(override.textContent).toContain('Unit has no barcode');
    expect(override.textContent).toContain('sticker missing');
  });
});
