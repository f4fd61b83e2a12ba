import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeStation, FakeStationOptions } from './fake-station';
import { renderBench } from './render-bench';

const FIRST = '111-0000001-0000001'; // 2 × PB-MUG-001 (320 g), 1 × PB-SOCK-3P (180 g)
const MUG_GTIN = '00693210000015';
const SOCK_GTIN = '00693210000022';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function typeAndEnter(input: HTMLElement, text: string): void {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

function count(sku: string): string {
  const row = screen.getAllByTestId('pack-line').find((candidate) => candidate.dataset['sku'] === sku);
  return row ? (within(row).getByTestId('pack-line-count').textContent ?? '') : '';
}

async function openFirst(options: FakeStationOptions = {}) {
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
  await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
  await scan(MUG_GTIN);
  await waitFor(() => expect(count('PB-MUG-001')).toContain('2 / 2'));
  await scan(SOCK_GTIN);
  await screen.findByTestId('box-picker');
}

const weightCalls = (station: FakeStation) => station.calls.filter((call) => call.channel === 'pack:setWeight').map((call) => call.input);

describe('the box suggestion', () => {
  it('highlights the suggested box and Enter on the box panel takes it', async () => {
    const { station } = await openFirst();
    await scanEverything();
    const suggested = await screen.findByTestId('box-suggested');
    expect(suggested.dataset['boxId']).toBe('BOX-S');
    expect(suggested.textContent).toContain('Suggested: Box S — 62 % full');
    expect(screen.getByTestId('box-BOX-S').dataset['suggested']).toBe('true');
    expect(screen.getByTestId('box-BOX-XL').dataset['suggested']).toBeUndefined();

    const panel = screen.getByTestId('box-picker');
    await waitFor(() => expect(document.activeElement).toBe(panel));
    fireEvent.keyDown(panel, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('box-BOX-S').getAttribute('aria-pressed')).toBe('true'));
    expect(station.calls.filter((call) => call.channel === 'pack:setBox').map((call) => call.input)).toEqual([{ orderId: FIRST, boxId: 'BOX-S' }]);
  });

  it('says which SKU has no dimensions instead of guessing a box', async () => {
    await openFirst({ boxSuggestion: { kind: 'unknown-dimensions', skus: ['PB-MUG-001'] } });
    await scanEverything();
    expect((await screen.findByTestId('box-suggestion-none')).textContent).toContain('no dimensions for SKU PB-MUG-001');
    expect(screen.queryByTestId('box-suggested')).toBeNull();
  });

  it('names why nothing fits', async () => {
    await openFirst({ boxSuggestion: { kind: 'fits-nowhere', reason: 'TOO_HEAVY' } });
    await scanEverything();
    expect((await screen.findByTestId('box-suggestion-none')).textContent).toContain('the units weigh more than any box may carry');
  });
});

describe('the expected weight', () => {
  it('shows expected ± tolerance; out of tolerance blocks with "check the contents" until a supervisor overrides', async () => {
    const { station } = await openFirst({ checkWeight: true });
    await scanEverything();
    fireEvent.click(screen.getByTestId('box-BOX-S'));
    // 2 × 320 + 180 + 90 g tare = 910 g; the larger of 5 % (45 g) and 30 g.
    await waitFor(() => expect(screen.getByTestId('expected-weight').textContent).toBe('Expected 0.91 kg ± 45 g'));

    typeAndEnter(await screen.findByTestId('weight-input'), '1.2 kg');
    const block = await screen.findByTestId('weight-out-of-tolerance');
    expect(block.textContent).toContain('Check the contents');
    expect(block.textContent).toContain('Expected 0.91 kg, measured 1.20 kg: +290 g, more than ± 45 g.');
    expect(screen.getByTestId('weight-source').textContent).toBe('typed');
    const finding = screen.getAllByTestId('finding').find((row) => row.dataset['code'] === 'WEIGHT_OUT_OF_TOLERANCE');
    expect(finding?.textContent).toContain('measured 1.20 kg, expected 0.91 kg (+290 g), more than ± 45 g');
    expect(screen.getByTestId('service-DHL-EXP-WW').hasAttribute('disabled') || screen.getByTestId('service-DHL-EXP-WW').getAttribute('aria-disabled') === 'true').toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('weight-input')));

    // "Weigh again" goes back to the weight field.
    fireEvent.click(screen.getByTestId('weight-again'));
    expect(document.activeElement).toBe(screen.getByTestId('weight-input'));

    fireEvent.click(screen.getByTestId('weight-override'));
    const dialog = await screen.findByTestId('weight-override-dialog');
    fireEvent.click(within(dialog).getByTestId('weight-override-submit'));
    expect((await within(dialog).findByTestId('weight-override-missing')).textContent).toContain('Choose a reason.');
    fireEvent.change(within(dialog).getByTestId('weight-override-reason'), { target: { value: 'DAMAGED_BARCODE' } });
    // Li Wei is a packer: a supervisor's badge approves it.
    fireEvent.change(within(dialog).getByTestId('weight-override-badge'), { target: { value: 'B-9001' } });
    fireEvent.change(within(dialog).getByTestId('weight-override-note'), { target: { value: 'extra padding' } });
    fireEvent.click(within(dialog).getByTestId('weight-override-submit'));
    await waitFor(() => expect(screen.queryByTestId('weight-override-dialog')).toBeNull());
    expect(station.calls.filter((call) => call.channel === 'pack:weightOverride').map((call) => call.input)).toEqual([
      { orderId: FIRST, reasonCode: 'DAMAGED_BARCODE', note: 'extra padding', supervisor: { badge: 'B-9001' } },
    ]);
    expect(screen.queryByTestId('weight-out-of-tolerance')).toBeNull();
    expect(screen.getByTestId('weight-overridden')).toBeTruthy();
    expect(screen.getByTestId('findings-none')).toBeTruthy();
  });

  it('a weight within the tolerance passes without a block', async () => {
    await openFirst({ checkWeight: true });
    await scanEverything();
    fireEvent.click(screen.getByTestId('box-BOX-S'));
    await screen.findByTestId('expected-weight');
    typeAndEnter(await screen.findByTestId('weight-input'), '930 g');
    await screen.findByTestId('weight-current');
    expect(screen.queryByTestId('weight-out-of-tolerance')).toBeNull();
  });
});

describe('the simulated scale', () => {
  const simulated: FakeStationOptions = {
    checkWeight: true,
    settings: { scale: { mode: 'simulated', serialProtocol: 'mt-sics', baudRate: 9600, stableForMs: 500 } },
  };

  it('fills the weight once it holds still, once, and the box left on the scale does not fill the next package', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = await openFirst(simulated);
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('1 / 2'));
    fireEvent.click(screen.getByTestId('next-package'));
    fireEvent.click(await screen.findByTestId('box-BOX-S'));
    await screen.findByTestId('box-current');
    expect(screen.getByTestId('scale-panel')).toBeTruthy();

    // One mug and the box: 320 + 90 g.
    fireEvent.click(screen.getByTestId('sim-scale-place-expected'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200);
    });
    expect(weightCalls(station)).toEqual([]);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    await waitFor(() => expect(weightCalls(station)).toEqual([{ orderId: FIRST, weight: '410 g', source: 'scale' }]));
    expect(screen.getByTestId('scale-reading').dataset['stable']).toBe('true');
    expect((await screen.findByTestId('weight-source')).textContent).toBe('from the scale');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(weightCalls(station)).toHaveLength(1);

    // The proposal (the post, cheapest for 900 g) is taken as it is.
    expect(screen.getByTestId('service-proposal').dataset['service']).toBe('CNPOST-REG-SP');
    fireEvent.click(screen.getByTestId('print-label'));
    await waitFor(() => expect(screen.getByTestId('pack-instruction').textContent).toContain('Scan item 2 of 3'));
    await scan(MUG_GTIN);
    await waitFor(() => expect(count('PB-MUG-001')).toContain('2 / 2'));
    await scan(SOCK_GTIN);
    fireEvent.click(await screen.findByTestId('box-BOX-S'));
    await screen.findByTestId('box-current');
    // The first box still stands on the scale at 410 g: it must not become package 2's weight.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    expect(weightCalls(station)).toHaveLength(1);

    // The second box goes on: 320 + 180 + 90 g.
    fireEvent.click(screen.getByTestId('sim-scale-place-expected'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    await waitFor(() => expect(weightCalls(station)).toHaveLength(2));
    expect(weightCalls(station)[1]).toEqual({ orderId: FIRST, weight: '590 g', source: 'scale' });
  });

  it('a custom weight is placed and removed; the typed weight still works beside it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { station } = await openFirst(simulated);
    await scanEverything();
    fireEvent.change(screen.getByTestId('sim-scale-grams'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('sim-scale-place'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    await waitFor(() => expect(weightCalls(station)).toEqual([{ orderId: FIRST, weight: '1234 g', source: 'scale' }]));
    fireEvent.click(screen.getByTestId('sim-scale-remove'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    expect(screen.getByTestId('scale-reading').dataset['grams']).toBe('0');
    typeAndEnter(screen.getByTestId('weight-input'), '900 g');
    await waitFor(() => expect(weightCalls(station).at(-1)).toEqual({ orderId: FIRST, weight: '900 g', source: 'typed' }));
    expect(weightCalls(station)).toHaveLength(2);
  });

  it('a USB scale in a browser without WebHID says so', async () => {
    await openFirst({ settings: { scale: { mode: 'hid', serialProtocol: 'mt-sics', baudRate: 9600, stableForMs: 500 } } });
    await scanEverything();
    expect((await screen.findByTestId('scale-unsupported')).textContent).toContain('no WebHID');
  });
});

describe('insurance, customs and the lithium mark', () => {
  it('a high declared value shows value and cost, and the toggle insures the parcel', async () => {
    const { station } = await openFirst({ values: { 'PB-MUG-001': { valueMinor: 30_000, currency: 'USD' } } });
    await scanEverything();
    fireEvent.click(screen.getByTestId('box-BOX-S'));
    await screen.findByTestId('box-current');
    typeAndEnter(await screen.findByTestId('weight-input'), '900 g');
    await screen.findByTestId('weight-current');
    expect(screen.getByTestId('insurance').dataset['status']).toBe('required');
    expect(screen.getByTestId('insurance-value').textContent).toBe('Declared value 600.00 USD; insurance costs 6.00 USD.');
    const finding = screen.getAllByTestId('finding').find((row) => row.dataset['code'] === 'INSURANCE_REQUIRED');
    expect(finding?.textContent).toContain('Declared value 600.00 USD is over the 500.00 USD insurance threshold: insure the parcel (6.00 USD) before printing.');
    const toggle = screen.getByTestId('insurance-toggle');
    expect(toggle.dataset['insured']).toBe('false');

    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId('insurance-toggle').dataset['insured']).toBe('true'));
    expect(station.calls.filter((call) => call.channel === 'pack:setInsurance').map((call) => call.input)).toEqual([{ orderId: FIRST, insured: true }]);
    expect(screen.getByTestId('findings-none')).toBeTruthy();
  });

  it('shows the customs form and the lithium mark the station asks for', async () => {
    await openFirst({ customsForm: 'CN22', lithiumMark: true });
    await scanEverything();
    expect((await screen.findByTestId('customs-form')).textContent).toContain('Customs form: CN22');
    expect(screen.getByTestId('lithium-mark').textContent).toContain('lithium battery mark');
  });
});
