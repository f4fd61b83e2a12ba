import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { planScanRoute } from '../../renderer/src/input/scan-router';
import type { AppState } from '../../renderer/src/store/types';
import { cannedSettings } from './fake-station';
import { renderBench } from './render-bench';

const THIRD = '113-0000003-0000003';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A keyboard-wedge scanner: every key at once (the same millisecond), then Enter. */
function scanBurst(target: Element, code: string, terminator: 'Enter' | 'Tab' = 'Enter'): void {
  for (const key of code) fireEvent.keyDown(target, { key });
  fireEvent.keyDown(target, { key: terminator });
}

/** A person: each key `gapMs` after the last, with the flush timer running in between. */
async function typeSlowly(target: Element, text: string, gapMs = 120): Promise<void> {
  for (const key of text) {
    fireEvent.keyDown(target, { key });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(gapMs);
    });
  }
}

function callsTo(station: ReturnType<typeof renderBench>['station'], channel: string) {
  return station.calls.filter((call) => call.channel === channel).map((call) => call.input);
}

describe('the scanner input, with a text field focused', () => {
  it('a fast burst into the focused search field is a scan: it opens the order and types nothing into the field', async () => {
    const { station } = renderBench();
    const search = (await screen.findByTestId('queue-search')) as HTMLInputElement;
    search.focus();
    scanBurst(search, THIRD);
    await waitFor(() => expect(callsTo(station, 'orders:find')).toEqual([{ code: THIRD }]));
    expect(search.value).toBe('');
  });

  it('a burst ended by Tab is a scan too, and the focus stays where it was', async () => {
    const { station } = renderBench();
    const search = (await screen.findByTestId('queue-search')) as HTMLInputElement;
    search.focus();
    scanBurst(search, THIRD, 'Tab');
    await waitFor(() => expect(callsTo(station, 'orders:find')).toEqual([{ code: THIRD }]));
    expect(search.value).toBe('');
  });

  it('every key of a burst is held back from the page (preventDefault), so no field and no shortcut sees it', async () => {
    renderBench();
    const search = await screen.findByTestId('queue-search');
    search.focus();
    const seenByField: string[] = [];
    search.addEventListener('keydown', (event) => seenByField.push(event.key));
    const prevented = [...'B-1001'].map((key) => !fireEvent.keyDown(search, { key }));
    expect(prevented).toEqual([true, true, true, true, true, true]);
    expect(seenByField).toEqual([]);
  });

  it('slow typing lands in the focused field, character by character, and React sees each one', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = renderBench();
    const search = (await screen.findByTestId('queue-search')) as HTMLInputElement;
    search.focus();
    await typeSlowly(search, 'PB-MUG');
    expect(search.value).toBe('PB-MUG');
    // The field is React-controlled: the queue search ran with the typed text.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(callsTo(station, 'orders:queue')).toContainEqual({ search: 'PB-MUG' });
    expect(callsTo(station, 'orders:find')).toEqual([]);
  });

  it('an order id typed by hand into the order field and Enter still opens the order', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = renderBench();
    const field = (await screen.findByTestId('order-scan-input')) as HTMLInputElement;
    field.focus();
    await typeSlowly(field, THIRD, 80);
    expect(field.value).toBe(THIRD);
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() => expect(callsTo(station, 'orders:find')).toEqual([{ code: THIRD }]));
  });

  it('a quick pair of keys and a pause is typing: both keys appear, in order, after the pause', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderBench();
    const search = (await screen.findByTestId('queue-search')) as HTMLInputElement;
    search.focus();
    fireEvent.keyDown(search, { key: 'a' });
    fireEvent.keyDown(search, { key: 'b' });
    expect(search.value).toBe('');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(100);
    });
    expect(search.value).toBe('ab');
  });

  it('typed characters go in at the caret, replacing a selection, as typing would', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderBench();
    const search = (await screen.findByTestId('queue-search')) as HTMLInputElement;
    search.focus();
    fireEvent.change(search, { target: { value: 'MUG-001' } });
    search.setSelectionRange(0, 3);
    await typeSlowly(search, 'CUP');
    expect(search.value).toBe('CUP-001');
  });

  it('a slower scanner is read as a scan once the gap setting allows it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = renderBench({ settings: { scanner: { ...cannedSettings('en').scanner, maxInterKeyMs: 80 } } });
    const search = (await screen.findByTestId('queue-search')) as HTMLInputElement;
    await waitFor(() => expect(screen.getByTestId('station-name')).toBeTruthy());
    search.focus();
    for (const key of THIRD) {
      fireEvent.keyDown(search, { key });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(50);
      });
    }
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(callsTo(station, 'orders:find')).toEqual([{ code: THIRD }]));
    expect(search.value).toBe('');
  });
});

describe('where a scan goes', () => {
  const base: Pick<AppState, 'operator' | 'screen' | 'view' | 'settings' | 'serviceChoice'> = {
    operator: { name: 'Li Wei', role: 'packer' },
    screen: 'queue',
    view: null,
    settings: cannedSettings('en'),
    serviceChoice: null,
  };

  it.each([
    ['PB:ACK', { kind: 'command', command: { name: 'acknowledge' } }],
    ['pb:complete', { kind: 'command', command: { name: 'complete' } }],
    ['PB:NEXT-PACKAGE', { kind: 'command', command: { name: 'next-package' } }],
    ['PB:CANCEL', { kind: 'command', command: { name: 'cancel' } }],
    ['PB:REPRINT', { kind: 'command', command: { name: 'reprint' } }],
    ['PB:BOX:BOX-S', { kind: 'command', command: { name: 'box', boxId: 'BOX-S' } }],
    ['PB:DANCE', { kind: 'unknown-command', code: 'PB:DANCE' }],
    [THIRD, { kind: 'open-order', code: THIRD }],
  ])('%s from the queue → %o', (code, route) => {
    expect(planScanRoute(base, code)).toEqual(route);
  });

  it('with nobody signed in, any scan is a badge', () => {
    expect(planScanRoute({ ...base, operator: null }, ' B-1001 ')).toEqual({ kind: 'sign-in', badge: 'B-1001' });
    expect(planScanRoute({ ...base, operator: null }, 'PB:ACK')).toEqual({ kind: 'sign-in', badge: 'PB:ACK' });
  });

  it('the command prefix comes from the settings', () => {
    const settings = { ...cannedSettings('en'), scanner: { ...cannedSettings('en').scanner, commandPrefix: '#CMD#' } };
    expect(planScanRoute({ ...base, settings }, '#CMD#ACK')).toEqual({ kind: 'command', command: { name: 'acknowledge' } });
    expect(planScanRoute({ ...base, settings }, 'PB:ACK')).toEqual({ kind: 'open-order', code: 'PB:ACK' });
  });
});

describe('command barcodes', () => {
  it.each([
    ['PB:ACK', 'acknowledgeAlert', []],
    ['PB:NEXT-PACKAGE', 'nextPackage', []],
    ['PB:CANCEL', 'cancelPrompt', []],
    ['PB:REPRINT', 'retryPrint', []],
    ['PB:COMPLETE', 'completePackage', []],
    ['PB:BOX:BOX-XL', 'chooseBox', ['BOX-XL']],
  ] as const)('scanning %s calls %s', async (code, action, args) => {
    const { store, station } = renderBench();
    await screen.findByTestId('operator-name');
    const spy = vi.fn(async () => undefined);
    store.setState({ [action]: spy } as Partial<AppState>);
    scanBurst(document.body, code);
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    expect(spy).toHaveBeenCalledWith(...args);
    // A command is never taken for an order id or a unit.
    expect(callsTo(station, 'orders:find')).toEqual([]);
    expect(callsTo(station, 'pack:scan')).toEqual([]);
  });

  it('PB:ACK with an order error on screen dismisses it', async () => {
    renderBench();
    const field = await screen.findByTestId('order-scan-input');
    scanBurst(field, '999-9999999-9999999');
    await screen.findByTestId('order-error');
    scanBurst(document.body, 'PB:ACK');
    await waitFor(() => expect(screen.queryByTestId('order-error')).toBeNull());
  });

  it('an unknown command word is refused in words, not looked up as an order', async () => {
    const { station } = renderBench();
    await screen.findByTestId('operator-name');
    scanBurst(document.body, 'PB:DANCE');
    const banner = await screen.findByTestId('order-error');
    expect(banner.dataset['code']).toBe('SCAN_UNKNOWN_COMMAND');
    expect(banner.textContent).toContain('PB:DANCE');
    expect(callsTo(station, 'orders:find')).toEqual([]);
  });
});

describe('at the pack bench', () => {
  const FIRST = '111-0000001-0000001'; // 2 × PB-MUG-001, 1 × PB-SOCK-3P
  const MUG_GTIN = '00693210000015';

  async function scanUnits(station: ReturnType<typeof renderBench>['station']) {
    for (const [index, code] of [MUG_GTIN, MUG_GTIN, 'PB-SOCK-3P'].entries()) {
      scanBurst(document.activeElement ?? document.body, code);
      await waitFor(() => expect(callsTo(station, 'pack:scan')).toHaveLength(index + 1));
    }
  }

  it('scans go to the open order as units, wherever the focus is', async () => {
    const { station } = renderBench();
    scanBurst(await screen.findByTestId('order-scan-input'), FIRST);
    await screen.findByTestId('pack-order-id');
    await scanUnits(station);
    expect(callsTo(station, 'pack:scan').map((input) => (input as { code: string }).code)).toEqual([MUG_GTIN, MUG_GTIN, 'PB-SOCK-3P']);
    expect(callsTo(station, 'orders:find')).toHaveLength(1);
  });

  it('a scan never ends up in the weight field, even while it has the focus', async () => {
    const { station } = renderBench();
    scanBurst(await screen.findByTestId('order-scan-input'), FIRST);
    await screen.findByTestId('pack-order-id');
    await scanUnits(station);
    fireEvent.click(await screen.findByTestId('box-BOX-S'));
    const weight = (await screen.findByTestId('weight-input')) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(weight));

    scanBurst(weight, MUG_GTIN);
    await waitFor(() => expect(callsTo(station, 'pack:scan')).toHaveLength(4));
    expect(weight.value).toBe('');
    expect(callsTo(station, 'pack:setWeight')).toEqual([]);
  });

  it('a lone number key, typed by a person with no field focused, picks that box preset', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = renderBench();
    scanBurst(await screen.findByTestId('order-scan-input'), FIRST);
    await screen.findByTestId('pack-order-id');
    await scanUnits(station);
    await screen.findByTestId('box-BOX-S');
    await waitFor(() => expect(document.activeElement?.tagName).not.toBe('INPUT'));
    fireEvent.keyDown(document.activeElement ?? document.body, { key: '2' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(100);
    });
    await waitFor(() => expect(callsTo(station, 'pack:setBox')).toEqual([{ orderId: FIRST, boxId: 'BOX-XL' }]));
  });
});
