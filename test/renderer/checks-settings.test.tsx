import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBench } from './render-bench';

afterEach(cleanup);

async function openSettings() {
  fireEvent.click(await screen.findByTestId('nav-settings'));
  return screen.findByTestId('language-select');
}

describe('settings for the scale and the package checks', () => {
  it('scale, box objective, weight tolerance and insurance rows are saved in one patch', async () => {
    const { station } = renderBench();
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-scale-mode'), { target: { value: 'serial' } });
    fireEvent.change(screen.getByTestId('settings-scale-protocol'), { target: { value: 'toledo' } });
    fireEvent.change(screen.getByTestId('settings-scale-baud'), { target: { value: '4800' } });
    fireEvent.change(screen.getByTestId('settings-scale-stable-ms'), { target: { value: '800' } });
    fireEvent.change(screen.getByTestId('settings-box-objective'), { target: { value: 'cheapest' } });
    fireEvent.change(screen.getByTestId('settings-weight-percent'), { target: { value: '7,5' } });
    fireEvent.change(screen.getByTestId('settings-weight-minimum'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('settings-insurance-mode'), { target: { value: 'suggested' } });
    fireEvent.click(screen.getByTestId('settings-insurance-add'));
    const rows = screen.getAllByTestId('settings-insurance-row');
    const last = rows.at(-1) as HTMLElement;
    fireEvent.change(within(last).getByTestId('settings-insurance-currency'), { target: { value: 'eur' } });
    fireEvent.change(within(last).getByTestId('settings-insurance-threshold'), { target: { value: '450' } });
    fireEvent.change(within(last).getByTestId('settings-insurance-rate'), { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(station.calls.some((call) => call.channel === 'settings:update')).toBe(true));
    const update = station.calls.find((call) => call.channel === 'settings:update')?.input as Record<string, unknown>;
    expect(update['scale']).toEqual({ mode: 'serial', serialProtocol: 'toledo', baudRate: 4800, stableForMs: 800 });
    expect(update['boxObjective']).toBe('cheapest');
    expect(update['weightCheck']).toEqual({ percent: 7.5, minimumG: 40, perPackageG: 0, perUnitG: 0 });
    expect(update['insurance']).toEqual({
      mode: 'suggested',
      thresholdMinor: { CNY: 300_000, EUR: 45_000, USD: 50_000 },
      rates: { USD: { ratePermille: 10, minimumMinor: 100 }, EUR: { ratePermille: 12, minimumMinor: 0 } },
    });
  });

  it('a tolerance that is not a number is refused before anything is sent', async () => {
    const { station } = renderBench();
    await openSettings();
    fireEvent.change(screen.getByTestId('settings-weight-minimum'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error')).textContent).toContain('Tolerance at least (g)');
    expect(station.calls.some((call) => call.channel === 'settings:update')).toBe(false);
  });
});

describe('catalogue weight suggestions', () => {
  const suggestions = [{ sku: 'PB-MUG-001', catalogueG: 320, suggestedG: 345, samples: 12 }];

  it('a supervisor sees them and applies one with its button; nothing is applied by itself', async () => {
    const { station } = renderBench({ signedIn: 'Zhang Min', weightSuggestions: suggestions });
    await openSettings();
    const row = await screen.findByTestId('weight-suggestion');
    expect(row.textContent).toContain('PB-MUG-001: catalogue 0.32 kg, measured 0.345 kg (from 12 packages)');
    expect(station.calls.some((call) => call.channel === 'catalog:applyWeight')).toBe(false);
    fireEvent.click(screen.getByTestId('weight-suggestion-apply-PB-MUG-001'));
    await waitFor(() => expect(screen.queryByTestId('weight-suggestion')).toBeNull());
    expect(station.calls.filter((call) => call.channel === 'catalog:applyWeight').map((call) => call.input)).toEqual([{ sku: 'PB-MUG-001', unitWeightG: 345 }]);
  });

  it('a packer is told that only a supervisor can apply them', async () => {
    const { station } = renderBench({ weightSuggestions: suggestions });
    await openSettings();
    expect(screen.getByTestId('weight-suggestions').textContent).toContain('Only a supervisor');
    expect(screen.queryByTestId('weight-suggestion')).toBeNull();
    expect(station.calls.some((call) => call.channel === 'catalog:weightSuggestions')).toBe(false);
  });
});
