import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBench } from './render-bench';

afterEach(() => cleanup());

async function openEndOfDay(language: 'en' | 'zh-CN' = 'en') {
  const bench = renderBench({ language });
  fireEvent.click(await screen.findByTestId('nav-settings'));
  fireEvent.click(await screen.findByTestId('settings-tab-end-of-day'));
  await screen.findAllByTestId('end-of-day-row');
  return bench;
}

const row = (carrierId: string) => screen.getAllByTestId('end-of-day-row').find((candidate) => candidate.dataset['carrier'] === carrierId) as HTMLElement;

describe('end of day', () => {
  it('lists what waits for each driver; closing out asks once more, then shows the manifest and nothing waiting', async () => {
    const { station } = await openEndOfDay();
    expect(within(row('DHL')).getByTestId('end-of-day-waiting').textContent).toBe('2 parcels, 1.84 kg');
    expect((within(row('CHINA-POST')).getByTestId('end-of-day-close') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(row('DHL')).getByTestId('end-of-day-close'));
    expect(station.calls.some((call) => call.channel === 'manifest:closeOut')).toBe(false);
    fireEvent.click(within(row('DHL')).getByTestId('end-of-day-confirm'));
    await waitFor(() => expect(within(row('DHL')).getByTestId('end-of-day-waiting').textContent).toBe('0 parcels, 0.00 kg'));
    expect(row('DHL').textContent).toContain('No. 1: 2 parcels, by Zhang Min');
    const close = station.calls.find((call) => call.channel === 'manifest:closeOut');
    expect(close?.input).toMatchObject({ carrierId: 'DHL', day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('speaks Chinese', async () => {
    await openEndOfDay('zh-CN');
    expect(screen.getByTestId('end-of-day').textContent).toContain('日结：各承运商交接清单');
    expect(within(row('DHL')).getByTestId('end-of-day-waiting').textContent).toBe('2 个包裹，1.84 kg');
  });
});
